// Smoke test of the local rust image: uses alloc and formatting from the wasm32 standard library.
#[no_mangle]
pub extern "C" fn smoke(n: u32) -> u32 {
    format!("{}", n).len() as u32
}

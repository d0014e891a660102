//! wasm-tck host protocol adapter (docs/host-protocol.md) around wapc-rs (crate `wapc` 2.2.0) with its
//! wasmtime provider (`wasmtime-provider` 2.25.0, default features). It reports what the host does
//! without correcting it. The guest's WASI output would go to this process's stdout, which carries
//! frames: fd 1 is moved to a private descriptor for frames and the old fd 1 points at stderr.

use rmpv::Value;
use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::io::FromRawFd;
use std::sync::{Mutex, OnceLock};
use wapc::WapcHost;
use wasmtime_provider::{WasmtimeEngineProviderBuilder, WasmtimeEngineProviderPre};

static FRAMES: OnceLock<Mutex<File>> = OnceLock::new();

fn field<'a>(frame: &'a Value, key: &str) -> Option<&'a Value> {
    frame.as_map()?.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v)
}

fn text(frame: &Value, key: &str) -> String {
    field(frame, key).and_then(|v| v.as_str()).unwrap_or("").to_string()
}

fn bytes(frame: &Value, key: &str) -> Vec<u8> {
    match field(frame, key) {
        Some(Value::Binary(b)) => b.clone(),
        Some(Value::String(s)) => s.as_bytes().to_vec(),
        _ => Vec::new(),
    }
}

fn map(entries: Vec<(&str, Value)>) -> Value {
    Value::Map(entries.into_iter().map(|(k, v)| (Value::from(k), v)).collect())
}

fn read_frame() -> Option<Value> {
    let mut stdin = std::io::stdin();
    let mut head = [0u8; 4];
    stdin.read_exact(&mut head).ok()?;
    let mut body = vec![0u8; u32::from_be_bytes(head) as usize];
    stdin.read_exact(&mut body).ok()?;
    rmpv::decode::read_value(&mut &body[..]).ok()
}

fn write_frame(frame: &Value) {
    let mut body = Vec::new();
    rmpv::encode::write_value(&mut body, frame).expect("encode");
    let mut out = FRAMES.get().expect("frames").lock().unwrap();
    let ok = out.write_all(&(body.len() as u32).to_be_bytes()).and_then(|_| out.write_all(&body)).and_then(|_| out.flush());
    if ok.is_err() {
        std::process::exit(1);
    }
}

/// The kit answers host calls from the case's handlers; an error answer is the callback's error.
fn host_call(_id: u64, binding: &str, namespace: &str, operation: &str, payload: &[u8])
    -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>> {
    write_frame(&map(vec![("type", "callback".into()), ("kind", "host-call".into()), ("binding", binding.into()),
        ("namespace", namespace.into()), ("operation", operation.into()), ("payload", Value::Binary(payload.to_vec()))]));
    let answer = read_frame().unwrap_or_else(|| {
        eprintln!("wapc-rs adapter: the kit did not answer a host call");
        std::process::exit(70)
    });
    match field(&answer, "error").and_then(|v| v.as_str()) {
        Some(e) => Err(e.to_string().into()),
        None => Ok(bytes(&answer, "response")),
    }
}

fn result(output: Option<Vec<u8>>, fault: Option<(&str, String)>) -> Value {
    let mut entries = vec![("type", Value::from("result")), ("stdout", "".into()), ("stderr", "".into())];
    match fault {
        Some((kind, message)) => entries.push(("fault", map(vec![("kind", kind.into()), ("message", message.into())]))),
        None => entries.push(("output", Value::Binary(output.unwrap_or_default()))),
    }
    map(entries)
}

fn call(pre: &WasmtimeEngineProviderPre, frame: &Value) -> Value {
    let engine = match pre.rehydrate(None) {
        Ok(e) => e,
        Err(e) => return result(None, Some(("link", e.to_string()))),
    };
    let host = match WapcHost::new(Box::new(engine), Some(Box::new(host_call))) {
        Ok(h) => h,
        // Instantiation and initialisation (_start, wapc_init) happen here.
        Err(e) => return result(None, Some(("trap", e.to_string()))),
    };
    match host.call(&text(frame, "function"), &bytes(frame, "input")) {
        Ok(output) => result(Some(output), None),
        Err(e) => {
            // wapc-rs reports every failed call as GuestCallFailure; what happened shows only in its text:
            // wasmtime's trap report, the "success without a response" text, or the guest's own error.
            let message = e.to_string();
            let kind = if message.contains("wasm trap") || message.contains("wasm backtrace") {
                "trap"
            } else if message.contains("No error message OR response set for call success") {
                "protocol"
            } else {
                "guest-error"
            };
            result(None, Some((kind, message)))
        }
    }
}

fn main() {
    unsafe {
        let frames = libc::dup(1);
        libc::dup2(2, 1);
        FRAMES.set(Mutex::new(File::from_raw_fd(frames))).ok();
    }
    write_frame(&map(vec![("type", "hello".into()), ("protocol", 1.into()),
        ("host", map(vec![("name", "wapc-rs".into()), ("version", "2.2.0".into())])),
        ("runtime", map(vec![("name", "wasmtime (wasmtime-provider)".into()), ("version", "2.25.0".into())])),
        ("abis", Value::Array(vec!["wapc".into()])),
        // Epoch deadlines and memory caps exist in wasmtime-provider but are off by default.
        ("capabilities", Value::Array(vec![]))]));
    let mut modules: Vec<(i64, WasmtimeEngineProviderPre)> = Vec::new();
    while let Some(frame) = read_frame() {
        let id = field(&frame, "module").and_then(|v| v.as_i64()).unwrap_or(-1);
        match text(&frame, "type").as_str() {
            "load" => match WasmtimeEngineProviderBuilder::new().module_bytes(&bytes(&frame, "wasm")).build_pre() {
                Ok(pre) => {
                    modules.push((id, pre));
                    write_frame(&map(vec![("type", "loaded".into()), ("module", id.into())]));
                }
                Err(e) => write_frame(&map(vec![("type", "load-failed".into()), ("module", id.into()),
                    ("message", e.to_string().into())])),
            },
            "call" => match modules.iter().find(|(m, _)| *m == id) {
                Some((_, pre)) => write_frame(&call(pre, &frame)),
                None => write_frame(&map(vec![("type", "error".into()), ("message", "call of a module never loaded".into())])),
            },
            other => write_frame(&map(vec![("type", "error".into()), ("message", format!("unexpected frame '{other}'").into())])),
        }
    }
}

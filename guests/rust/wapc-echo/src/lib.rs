//! rust/wapc-echo: the shared waPC operation set (docs/guests.md, "waPC guests") on the public
//! Rust SDK `wapc-guest`. Built for wasm32-unknown-unknown, so the module imports only `wapc`.
//!
//! The SDK owns the `__guest_call` export and its dispatch; this crate exports `wapc_init`, where
//! the operations are registered and the init-time host call is made.

use std::error::Error;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use rmpv::Value;
use wapc_guest::{console_log, host_call, register_function, CallResult};

#[link(wasm_import_module = "wapc")]
extern "C" {
    // The SDK keeps its own declaration private; trap-after-error must set an error and go on.
    #[link_name = "__guest_error"]
    fn guest_error(ptr: *const u8, len: usize);
}

/// What "init-calls" responds with; None until wapc_init ran.
static INIT_ANSWER: Mutex<Option<Vec<u8>>> = Mutex::new(None);
/// The "count" counter: one per instance, as each instance has its own linear memory.
static COUNT: AtomicU64 = AtomicU64::new(0);

type GuestError = Box<dyn Error + Send + Sync>;

/// Called by hosts after instantiation.
#[no_mangle]
pub extern "C" fn wapc_init() {
    register_function("echo", |p| Ok(p.to_vec()));
    register_function("upper", |p| Ok(p.to_ascii_uppercase()));
    register_function("msgpack-add", msgpack_add);
    register_function("fail", |_| Err("failed on purpose".into()));
    register_function("fail-unicode", |_| Err("échec: ошибка ✓".into()));
    register_function("host-echo", host_echo);
    register_function("host-fail", host_fail);
    register_function("trap-after-error", trap_after_error);
    register_function("log", log);
    register_function("init-calls", init_calls);
    register_function("reverse", |p| Ok(p.iter().rev().copied().collect()));
    register_function("length", |p| Ok(p.len().to_string().into_bytes()));
    register_function("host-chain", host_chain);
    register_function("count", |_| {
        Ok((COUNT.fetch_add(1, Ordering::Relaxed) + 1).to_string().into_bytes())
    });

    let answer = match host_call("tck", "init", "hello", b"init") {
        Ok(response) => response,
        Err(e) => format!("no answer: {}", host_text(&*e)).into_bytes(),
    };
    *INIT_ANSWER.lock().unwrap() = Some(answer);
}

/// The SDK reports a failed host call as "Host error: <text>" (the text decoded lossily as UTF-8);
/// the shared operation set wants the host's text alone.
fn host_text(e: &(dyn Error + Send + Sync)) -> String {
    let text = e.to_string();
    match text.strip_prefix("Host error: ") {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

fn host_echo(p: &[u8]) -> CallResult {
    host_call("tck", "test", "echo", p)
        .map_err(|e| format!("host call failed: {}", host_text(&*e)).into())
}

fn host_fail(p: &[u8]) -> CallResult {
    match host_call("tck", "test", "fail", p) {
        Ok(_) => Err("host-fail: the host call succeeded".into()),
        Err(e) => Ok(host_text(&*e).into_bytes()),
    }
}

/// Two host calls in a row: "first" gets the payload, "second" gets first's response.
fn host_chain(p: &[u8]) -> CallResult {
    let first = host_call("tck", "chain", "first", p)
        .map_err(|e| format!("host-chain: first: {}", host_text(&*e)))?;
    host_call("tck", "chain", "second", &first)
        .map_err(|e| format!("host-chain: second: {}", host_text(&*e)).into())
}

fn trap_after_error(_: &[u8]) -> CallResult {
    let msg = b"about to trap";
    // SAFETY: the import reads len bytes at ptr, which stay valid for the call.
    unsafe { guest_error(msg.as_ptr(), msg.len()) };
    // A wasm `unreachable` instruction: a trap, not a Rust panic.
    core::arch::wasm32::unreachable()
}

/// The SDK's console_log takes a str, so bytes that are not UTF-8 reach the host as U+FFFD.
fn log(p: &[u8]) -> CallResult {
    console_log(&format!("log: {}", String::from_utf8_lossy(p)));
    Ok(b"logged".to_vec())
}

fn init_calls(_: &[u8]) -> CallResult {
    Ok(INIT_ANSWER
        .lock()
        .unwrap()
        .clone()
        .unwrap_or_else(|| b"no answer: wapc_init was not called".to_vec()))
}

/// Exactly one MessagePack map with integers (within int64) under "a" and "b" (the first entry of
/// each; other keys ignored) -> {sum: a+b}, wrapping, in the smallest integer encoding.
fn msgpack_add(p: &[u8]) -> CallResult {
    fn bad() -> GuestError {
        "msgpack-add: bad input".into()
    }
    let mut rest = p;
    let value = rmpv::decode::read_value(&mut rest).map_err(|_| bad())?;
    if !rest.is_empty() {
        return Err(bad());
    }
    let entries = match value {
        Value::Map(entries) => entries,
        _ => return Err(bad()),
    };
    let int_under = |key: &str| {
        entries
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .and_then(|(_, v)| v.as_i64())
    };
    let (a, b) = match (int_under("a"), int_under("b")) {
        (Some(a), Some(b)) => (a, b),
        _ => return Err(bad()),
    };
    // Value::from(i64) keeps non-negative sums unsigned, so both sides get the smallest encoding.
    let sum = Value::Map(vec![(Value::from("sum"), Value::from(a.wrapping_add(b)))]);
    let mut out = Vec::new();
    rmpv::encode::write_value(&mut out, &sum).map_err(|e| -> GuestError { e.to_string().into() })?;
    Ok(out)
}

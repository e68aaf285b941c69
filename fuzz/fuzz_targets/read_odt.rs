//! The .odt reader on arbitrary bytes: a Document or a typed ReadError, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = clausier::read::read_bytes(std::path::Path::new("fuzz.odt"), data);
});

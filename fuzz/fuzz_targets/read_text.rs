//! Text decoding (BOMs, UTF-8, UTF-16 without BOM, Windows-1252) and the Markdown and plain-text
//! block builders on arbitrary bytes, then folding and segmentation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (path, rest) = match data.split_first() {
        Some((b, rest)) if b % 2 == 0 => ("fuzz.md", rest),
        Some((_, rest)) => ("fuzz.txt", rest),
        None => ("fuzz.md", data),
    };
    if let Ok(doc) = clausier::read::read_bytes(std::path::Path::new(path), rest) {
        let _ = clausier::consultation::Analyzed::new(doc, None);
    }
});

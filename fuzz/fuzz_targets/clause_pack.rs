//! The clause-pack loader (TOML rules, categories, vocabularies) and the engine's compilation of
//! the patterns on one arbitrary pack file.
#![no_main]
use clausier::clause::Registry;
use clausier::clause::load::PackFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((kind, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let rel = match kind % 3 {
        0 => "fuzz/FUZ001-rule.toml",
        1 => "fuzz/category.toml",
        _ => "vocab/fuzz.txt",
    };
    let file = PackFile {
        origin: format!("<fuzz>/{rel}"),
        rel: rel.to_string(),
        text: text.to_string(),
    };
    if let Ok(reg) = Registry::from_files(vec![file]) {
        let _ = clausier::engine::Engine::new(&reg);
    }
});

//! The `clausier.toml` loader on arbitrary text, against the built-in registry.
#![no_main]
use clausier::clause::Registry;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static REG: LazyLock<Registry> = LazyLock::new(|| Registry::builtin().expect("built-in packs"));

fuzz_target!(|s: &str| {
    let _ = clausier::config::Config::parse(std::path::Path::new("clausier.toml"), s.to_string(), &REG);
});

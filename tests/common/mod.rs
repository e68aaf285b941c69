//! Helpers shared by the integration tests (each test file includes this module).
#![allow(dead_code)]

use assert_cmd::Command;
use std::io::Write;

/// The clausier binary with the locale variables removed, so messages follow `--lang` or the
/// default language, whatever the machine's locale.
pub fn clausier() -> Command {
    let mut c = Command::cargo_bin("clausier").unwrap();
    without_locale(&mut c);
    c
}

/// Removes the locale variables from a command's environment.
pub fn without_locale(c: &mut Command) -> &mut Command {
    c.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
}

/// A zip container from (name, bytes) entries, deflated.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

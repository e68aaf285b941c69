//! The manifest, lockfile and SBOM parsers on arbitrary text: the first byte chooses the file name.
#![no_main]
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "Cargo.toml",
    "Cargo.lock",
    "package.json",
    "package-lock.json",
    "pyproject.toml",
    "setup.cfg",
    "pom.xml",
    "composer.json",
    "composer.lock",
    "go.mod",
    "bom.cdx.json",
    "sbom.spdx.json",
    "requirements.txt",
];

fuzz_target!(|data: &[u8]| {
    let Some((b, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[*b as usize % NAMES.len()];
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    if let Some(kind) = clausier::repo::manifest::kind(name)
        && let Some(m) = clausier::repo::manifest::read(kind, text)
    {
        // every span the parser gives must lie inside the text, on character boundaries
        for r in m.declared.iter().map(|d| d.range.clone()).chain(m.components.iter().map(|c| c.range.clone())) {
            assert!(r.start <= r.end && r.end <= text.len(), "{name}: span {r:?} outside the text");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
    }
});

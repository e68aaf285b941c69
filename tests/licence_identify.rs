//! Licence text identification: canonical SPDX texts, reflowed texts, Pixar, headers, several
//! licences in one file, non-licence text.

use clausier::licence::identify::{EntryKind, Match, identify};
use std::path::Path;

/// Whether a match names an SPDX id (directly, as a term of an undetermined GNU expression, or
/// as an id sharing the same canonical text).
fn names(m: &Match, id: &str) -> bool {
    let direct = |id: &str| m.id == id || m.id.split(" OR ").any(|t| t == id) || m.same_text.iter().any(|t| t == id);
    if direct(id) {
        return true;
    }
    // Deprecated ids whose SPDX replacement is `licence WITH exception`; their canonical text is
    // the exception (or the licence notice plus the exception).
    let replaced = match id {
        "GPL-2.0-with-GCC-exception" => Some("GCC-exception-2.0"),
        "GPL-2.0-with-font-exception" => Some("Font-exception-2.0"),
        "GPL-2.0-with-bison-exception" => Some("Bison-exception-2.2"),
        "GPL-2.0-with-classpath-exception" => Some("Classpath-exception-2.0"),
        "GPL-2.0-with-autoconf-exception" => Some("Autoconf-exception-2.0"),
        "GPL-3.0-with-GCC-exception" => Some("GCC-exception-3.1"),
        "GPL-3.0-with-autoconf-exception" => Some("Autoconf-exception-3.0"),
        "WXwindows" => Some("WxWindows-exception-3.1"),
        "eCos-2.0" => Some("eCos-exception-2.0"),
        _ => None,
    };
    if replaced.is_some_and(direct) {
        return true;
    }
    // Deprecated composite ids (`GPL-2.0+`, `GPL-2.0-with-GCC-exception`, `WXwindows`): their
    // current form's licence or exception.
    match spdx::Expression::parse_mode(id, spdx::ParseMode::LAX) {
        Ok(e) => e.requirements().any(|r| {
            let s = r.req.to_string();
            let (lic, exc) = s.split_once(" WITH ").unwrap_or((&s, ""));
            direct(lic) || (!exc.is_empty() && direct(exc))
        }),
        Err(_) => false,
    }
}

fn shared_texts() -> Option<Vec<(String, String)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/spdx/text");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        println!("note: {} not found, test skipped", dir.display());
        return None;
    };
    let mut v: Vec<(String, String)> = rd
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let id = name.strip_suffix(".txt")?.trim_start_matches("deprecated_").to_string();
            Some((id, std::fs::read_to_string(e.path()).ok()?))
        })
        .collect();
    v.sort();
    Some(v)
}

fn accuracy(texts: &[(String, String)], transform: fn(&str) -> String) -> (usize, Vec<String>) {
    let mut ok = 0;
    let mut bad = Vec::new();
    for (id, text) in texts {
        let m = identify(&transform(text));
        match m.first() {
            Some(top) if names(top, id) => ok += 1,
            Some(top) => bad.push(format!("{id} -> {} ({})", top.id, top.score)),
            None => bad.push(format!("{id} -> nothing")),
        }
    }
    (ok, bad)
}

#[test]
fn canonical_spdx_texts_top1() {
    let Some(texts) = shared_texts() else { return };
    let (ok, bad) = accuracy(&texts, |t| t.to_string());
    println!("canonical: {ok}/{}", texts.len());
    assert!(
        bad.is_empty(),
        "{} wrong of {}:\n{}",
        bad.len(),
        texts.len(),
        bad.join("\n")
    );
}

#[test]
fn canonical_spdx_texts_reflowed_on_one_line() {
    let Some(texts) = shared_texts() else { return };
    let (ok, bad) = accuracy(&texts, |t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    println!("one line: {ok}/{}; wrong: {bad:?}", texts.len());
    // Known limit: variants that differ only in their copyright statements (Latex2e and its
    // translated-notice variant) cannot be told apart once the statement runs into the text.
    assert!(
        bad.len() <= 2,
        "{} wrong of {}:\n{}",
        bad.len(),
        texts.len(),
        bad.join("\n")
    );
}

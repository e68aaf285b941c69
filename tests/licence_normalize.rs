//! Licence strings normalised to SPDX expressions: the SILL's own licence column.

use clausier::licence::expr::normalize;
use std::collections::BTreeMap;
use std::path::Path;

#[test]
fn every_sill_2022_licence_string_is_an_expression_or_a_clear_diagnostic() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/sill/sill-2022-05.json");
    let Ok(text) = std::fs::read_to_string(&p) else {
        println!("note: {} not found, test skipped", p.display());
        return;
    };
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut distinct: BTreeMap<String, usize> = BTreeMap::new();
    for e in v.as_array().unwrap() {
        *distinct.entry(e["l"].as_str().unwrap_or("").to_string()).or_default() += 1;
    }
    let (mut ok, mut unrecognised) = (0, 0);
    for l in distinct.keys() {
        let n = normalize(l);
        println!("{l:?} -> {:?} {:?}", n.expression, n.notes);
        match &n.expression {
            Some(x) => {
                spdx::Expression::parse(x).unwrap_or_else(|e| panic!("{l:?} -> {x:?} invalid: {e}"));
                assert_eq!(n.canonical, x == l.trim(), "{l:?}");
                if !n.canonical {
                    assert!(!n.notes.is_empty(), "{l:?}: non-canonical without a note");
                }
                ok += 1;
            }
            None => {
                assert!(
                    n.notes
                        .iter()
                        .any(|x| x.contains("unrecognised") || x.contains("no licence")),
                    "{l:?}: {:?}",
                    n.notes
                );
                unrecognised += 1;
            }
        }
    }
    println!(
        "{ok} recognised, {unrecognised} unrecognised of {} distinct",
        distinct.len()
    );
    assert!(ok * 100 / distinct.len() >= 90, "only {ok} of {}", distinct.len());
}

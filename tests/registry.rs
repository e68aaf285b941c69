//! Invariants of the clause registry: what every rule and category must carry.

use clausier::clause::{Expect, Registry};
use clausier::i18n::Lang;
use std::collections::BTreeSet;

const CATEGORIES: [&str; 11] = [
    "open-results",
    "results-licence",
    "ip-rights",
    "source-delivery",
    "commons-first",
    "upstream-contribution",
    "open-formats",
    "reversibility",
    "components-sbom",
    "open-data",
    "brand-neutrality",
];

#[test]
fn the_eleven_categories_are_defined_in_contract_order() {
    let reg = Registry::builtin().unwrap();
    let ids: Vec<&str> = reg.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, CATEGORIES);
}

#[test]
fn every_rule_is_documented_in_both_languages_with_examples_and_a_legal_reference() {
    let reg = Registry::builtin().unwrap();
    for r in &reg.rules {
        for lang in [Lang::En, Lang::Fr] {
            for (what, t) in [
                ("title", &r.title),
                ("message", &r.message),
                ("help", &r.help),
                ("label", &r.label),
            ] {
                assert!(!t.get(lang).trim().is_empty(), "{}: empty {what} in {lang:?}", r.id);
            }
            for (what, t) in [
                ("what", &r.explain.what),
                ("why", &r.explain.why),
                ("fix", &r.explain.fix),
            ] {
                assert!(!t.get(lang).trim().is_empty(), "{}: empty explain.{what}", r.id);
            }
        }
        assert!(
            matches!(&r.message, clausier::clause::Text::Langs { fr: Some(_), .. }),
            "{}: the message needs a French version",
            r.id
        );
        assert!(!r.reference.source.trim().is_empty(), "{}: no legal reference", r.id);
        assert!(
            r.examples.iter().any(|e| e.expect == Expect::Pass),
            "{}: no pass example",
            r.id
        );
        assert!(
            r.examples.iter().any(|e| e.expect == Expect::Fail),
            "{}: no fail example",
            r.id
        );
        assert!(
            r.id.starts_with(&reg.category(&r.category).unwrap().code[..3]),
            "{}: prefix differs from its category's",
            r.id
        );
        let msg = r.message.get(Lang::En);
        for ph in msg.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(p, _)| p)) {
            assert!(
                ph == "match"
                    || ph == "licence"
                    || r.matcher.anchor.iter().any(|a| a.contains(&format!("?P<{ph}>")))
                    || (ph == "term" && r.matcher.anchor_vocab.is_some()),
                "{}: placeholder {{{ph}}} is never filled",
                r.id
            );
        }
    }
}

#[test]
fn every_category_has_rules_of_both_languages_and_a_suggestion() {
    let reg = Registry::builtin().unwrap();
    for c in &reg.categories {
        let rules: Vec<_> = reg.rules.iter().filter(|r| r.category == c.id).collect();
        assert!(rules.len() >= 2, "{}: {} rules, at least 2 expected", c.id, rules.len());
        for lang in [Lang::Fr, Lang::En] {
            assert!(
                rules.iter().any(|r| r.languages.contains(&lang)),
                "{}: no rule in {lang:?}",
                c.id
            );
            assert!(!c.missing.suggestion.get(lang).is_empty());
        }
    }
}

#[test]
fn codes_and_names_are_unique_and_the_list_is_pinned() {
    let reg = Registry::builtin().unwrap();
    let mut seen = BTreeSet::new();
    let mut list = String::new();
    for c in &reg.categories {
        assert!(seen.insert(c.code.clone()));
        list.push_str(&format!("{} {} {} {}\n", c.code, c.name, c.severity.name(), c.id));
    }
    for r in &reg.rules {
        assert!(seen.insert(r.id.clone()), "duplicate {}", r.id);
        list.push_str(&format!("{} {} {} {}\n", r.id, r.name, r.severity.name(), r.category));
    }
    insta::assert_snapshot!("registry", list);
}

#[test]
fn a_broken_pack_is_rejected_with_its_file_named() {
    let dir = tempfile::tempdir().unwrap();
    let cat = dir.path().join("source-delivery");
    std::fs::create_dir_all(&cat).unwrap();
    std::fs::write(
        cat.join("SRC999-broken.toml"),
        "id = \"SRC999\"\nname = \"broken\"\nkind = \"nonsense\"\n",
    )
    .unwrap();
    let errs = Registry::with_dirs(&[dir.path()]).unwrap_err();
    assert!(
        errs.iter().any(|e| e.origin.ends_with("SRC999-broken.toml")),
        "{errs:?}"
    );
}

//! Tender linting speed: a ~1 MB French consultation text built from the fixtures, read, folded,
//! segmented, matched against every rule and decided. Run with `cargo bench --bench tender`.
//! Prints the median and the spread of 20 runs per stage (no assertion: speed is measured, not tested).

use clausier::clause::Registry;
use clausier::consultation::{Analyzed, Consultation};
use clausier::engine::Engine;
use clausier::read;
use clausier::verdict;
use std::path::Path;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> (Duration, Duration, Duration) {
    v.sort();
    (v[0], v[v.len() / 2], v[v.len() - 1])
}

fn main() {
    let mut seed = String::new();
    for case in ["fr-compliant", "fr-noncompliant", "fr-traps", "fr-pdf-converted"] {
        for f in read::documents_in(Path::new(&format!("fixtures/tender/{case}"))).unwrap() {
            if f.extension().is_some_and(|e| e == "md") {
                seed.push_str(&std::fs::read_to_string(f).unwrap());
                seed.push_str("\n\n");
            }
        }
    }
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 1_000_000 {
        text.push_str(&format!("\n\n# Annexe {i}\n\n"));
        text.push_str(&seed);
        i += 1;
    }
    let t0 = Instant::now();
    let reg = Registry::builtin().unwrap();
    let parse = t0.elapsed();
    let t0 = Instant::now();
    let engine = Engine::new(&reg).unwrap();
    let compile = t0.elapsed();
    let (mut read_t, mut match_t, mut total_t) = (Vec::new(), Vec::new(), Vec::new());
    let mut findings_n = 0;
    for _ in 0..20 {
        let t = Instant::now();
        let doc = read::read_bytes(Path::new("CCTP.md"), text.as_bytes()).unwrap();
        let c = Consultation {
            docs: vec![Analyzed::new(doc, None)],
        };
        let r = t.elapsed();
        let t2 = Instant::now();
        let findings = engine.run(&reg, &c);
        let v = verdict::decide(&reg, &engine, &c, &findings);
        let m = t2.elapsed();
        findings_n = findings.len();
        assert_eq!(v.len(), 11);
        read_t.push(r);
        match_t.push(m);
        total_t.push(t.elapsed());
    }
    let show = |name: &str, v: Vec<Duration>| {
        let (min, med, max) = median(v);
        println!(
            "{name:32} median {:>8.2} ms  (min {:.2}, max {:.2})",
            ms(med),
            ms(min),
            ms(max)
        );
    };
    println!(
        "document: {} bytes, {} rules, {} findings",
        text.len(),
        reg.rules.len(),
        findings_n
    );
    println!("{:32} {:>8.2} ms", "clause packs parsed (once)", ms(parse));
    println!("{:32} {:>8.2} ms", "patterns compiled (once)", ms(compile));
    show("read + fold + segment", read_t);
    show("match + verdicts", match_t);
    show("total per document", total_t);
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

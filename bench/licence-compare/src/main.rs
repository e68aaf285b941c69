//! licence-compare: per-file time and top-1 accuracy of clausier's licence identification and of
//! the `spdx` crate's detector, on licence files whose package declares its licence.
//!
//! Usage: licence-compare [--no-spdx] [--list FILE]
//! Without `--list`, files are gathered from the cargo registry (`~/.cargo/registry/src/*/*/`,
//! truth: `license` of Cargo.toml), npm packages (`/usr/lib/node_modules/**/package.json`,
//! truth: `license`) and Python packages (`*.dist-info`, truth: `License-Expression`).

use clausier::licence::identify::{DEFAULT_THRESHOLD, Match, Store, identify_with};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

struct Case {
    path: PathBuf,
    text: String,
    declared: String,
    expected: Vec<String>,
}

fn is_licence_file(name: &str) -> bool {
    let n = name.to_ascii_uppercase();
    (n.starts_with("LICENSE") || n.starts_with("LICENCE") || n.starts_with("COPYING") || n == "UNLICENSE")
        && !n.ends_with(".RS")
        && !n.ends_with(".PY")
        && !n.ends_with(".JS")
}

/// Licence ids a declared expression allows, narrowed by a hint in the file name.
fn expected(declared: &str, file: &str) -> Vec<String> {
    let Ok(e) = spdx::Expression::parse_mode(declared, spdx::ParseMode::LAX) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = e
        .requirements()
        .filter_map(|r| r.req.license.id().map(|l| l.name.to_string()))
        .collect();
    ids.sort();
    ids.dedup();
    let f = file.to_ascii_uppercase();
    let hint = |k: &str, pred: &dyn Fn(&str) -> bool| -> Option<Vec<String>> {
        if f.contains(k) {
            let v: Vec<String> = ids.iter().filter(|i| pred(i)).cloned().collect();
            if !v.is_empty() {
                return Some(v);
            }
        }
        None
    };
    hint("MIT", &|i| i == "MIT")
        .or_else(|| hint("APACHE", &|i| i.starts_with("Apache")))
        .or_else(|| hint("BSD", &|i| i.starts_with("BSD")))
        .or_else(|| hint("ZLIB", &|i| i == "Zlib"))
        .or_else(|| hint("UNLICENSE", &|i| i == "Unlicense"))
        .or_else(|| hint("BOOST", &|i| i == "BSL-1.0"))
        .or_else(|| hint("ISC", &|i| i == "ISC"))
        .unwrap_or(ids)
}

fn push_dir(dir: &Path, declared: &str, out: &mut Vec<Case>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if !is_licence_file(&name) || !e.path().is_file() {
            continue;
        }
        let Ok(bytes) = std::fs::read(e.path()) else { continue };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let exp = expected(declared, &name);
        if exp.is_empty() {
            continue;
        }
        out.push(Case {
            path: e.path(),
            text,
            declared: declared.to_string(),
            expected: exp,
        });
    }
}

fn gather() -> Vec<Case> {
    let mut out = Vec::new();
    let home = std::env::var("HOME").unwrap_or_default();
    let reg = Path::new(&home).join(".cargo/registry/src");
    for idx in std::fs::read_dir(&reg).into_iter().flatten().flatten() {
        for krate in std::fs::read_dir(idx.path()).into_iter().flatten().flatten() {
            let Ok(manifest) = std::fs::read_to_string(krate.path().join("Cargo.toml")) else {
                continue;
            };
            let Ok(v) = manifest.parse::<toml::Table>() else {
                continue;
            };
            let Some(l) = v.get("package").and_then(|p| p.get("license")).and_then(|l| l.as_str()) else {
                continue;
            };
            push_dir(&krate.path(), l, &mut out);
        }
    }
    let mut stack = vec![PathBuf::from("/usr/lib/node_modules")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() && !e.file_type().is_ok_and(|t| t.is_symlink()) {
                stack.push(p);
            } else if e.file_name() == "package.json" {
                let Ok(t) = std::fs::read_to_string(&p) else { continue };
                let Ok(v) = serde_json::from_str::<serde_json::Value>(&t) else {
                    continue;
                };
                if let Some(l) = v.get("license").and_then(|l| l.as_str()) {
                    push_dir(&d, l, &mut out);
                }
            }
        }
    }
    let py = Path::new(&home).join(".pyenv/versions");
    for ver in std::fs::read_dir(&py).into_iter().flatten().flatten() {
        for lib in std::fs::read_dir(ver.path().join("lib"))
            .into_iter()
            .flatten()
            .flatten()
        {
            for di in std::fs::read_dir(lib.path().join("site-packages"))
                .into_iter()
                .flatten()
                .flatten()
            {
                if !di.file_name().to_string_lossy().ends_with(".dist-info") {
                    continue;
                }
                let Ok(meta) = std::fs::read_to_string(di.path().join("METADATA")) else {
                    continue;
                };
                let Some(l) = meta.lines().find_map(|l| l.strip_prefix("License-Expression: ")) else {
                    continue;
                };
                push_dir(&di.path(), l, &mut out);
                push_dir(&di.path().join("licenses"), l, &mut out);
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn names(m: &Match, id: &str) -> bool {
    m.id == id || m.id.split(" OR ").any(|t| t == id) || m.same_text.iter().any(|t| t == id)
}

fn stats(mut v: Vec<Duration>) -> String {
    v.sort();
    let n = v.len().max(1);
    let mean = v.iter().sum::<Duration>() / n as u32;
    format!(
        "median {:.3} ms, mean {:.3} ms, p95 {:.3} ms, max {:.3} ms",
        v[n / 2].as_secs_f64() * 1e3,
        mean.as_secs_f64() * 1e3,
        v[(n * 95 / 100).min(n - 1)].as_secs_f64() * 1e3,
        v[n - 1].as_secs_f64() * 1e3
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let with_spdx = !args.iter().any(|a| a == "--no-spdx");
    let verbose = args.iter().any(|a| a == "-v");

    let t0 = Instant::now();
    let store = Store::embedded();
    let load = t0.elapsed();
    let t1 = Instant::now();
    let _ = identify_with(&store, "warm up", DEFAULT_THRESHOLD);
    let first = t1.elapsed();
    println!(
        "clausier store: load {:.3} ms (first identify {:.3} ms)",
        load.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3
    );

    let cases = gather();
    let distinct: HashSet<&str> = cases.iter().map(|c| c.text.as_str()).collect();
    println!("files: {} ({} distinct texts)", cases.len(), distinct.len());

    // clausier
    let mut times = Vec::new();
    let (mut correct, mut identified, mut among) = (0, 0, 0);
    let mut wrong: BTreeMap<String, usize> = BTreeMap::new();
    for c in &cases {
        let t = Instant::now();
        let m = identify_with(&store, &c.text, DEFAULT_THRESHOLD);
        times.push(t.elapsed());
        if m.iter().any(|x| c.expected.iter().any(|e| names(x, e))) {
            among += 1;
        }
        if let Some(top) = m.first() {
            identified += 1;
            if c.expected.iter().any(|e| names(top, e)) {
                correct += 1;
            } else {
                *wrong
                    .entry(format!("{} -> {}", c.expected.join("|"), top.id))
                    .or_default() += 1;
                if verbose {
                    println!(
                        "  wrong: {} ({}) -> {} {}",
                        c.path.display(),
                        c.declared,
                        top.id,
                        top.score
                    );
                }
            }
        } else {
            *wrong.entry(format!("{} -> (none)", c.expected.join("|"))).or_default() += 1;
            if verbose {
                println!("  none: {} ({})", c.path.display(), c.declared);
            }
        }
    }
    println!(
        "clausier: top-1 correct {correct}/{} ({:.1} %), identified {identified}, correct among identified {:.1} %",
        cases.len(),
        100.0 * correct as f64 / cases.len() as f64,
        100.0 * correct as f64 / identified.max(1) as f64
    );
    println!(
        "clausier: a declared licence among the matches {among}/{} ({:.1} %)",
        cases.len(),
        100.0 * among as f64 / cases.len() as f64
    );
    println!("clausier per file: {}", stats(times));
    for (k, n) in &wrong {
        println!("  {n:>4}  {k}");
    }
    // dedup: distinct texts only
    let t = Instant::now();
    let mut idf = clausier::licence::identify::Identifier::new(DEFAULT_THRESHOLD);
    for c in &cases {
        let _ = idf.identify(&c.text);
    }
    println!(
        "clausier all files with content dedup: {:.1} ms total ({} distinct)",
        t.elapsed().as_secs_f64() * 1e3,
        idf.distinct()
    );

    if with_spdx {
        let t = Instant::now();
        let store = spdx::detection::Store::load_inline().expect("spdx store");
        println!("spdx store: load {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
        let mut times = Vec::new();
        let (mut correct, mut pixar) = (0, 0);
        for c in &cases {
            let t = Instant::now();
            let td = spdx::detection::TextData::new(&c.text);
            let m = store.analyze(&td);
            times.push(t.elapsed());
            let name = m.name.to_string();
            if name == "Pixar" {
                pixar += 1;
            }
            let ok = m.score >= 0.8
                && c.expected.iter().any(|e| {
                    *e == name
                        || spdx::license_id(&name)
                            .and_then(|l| {
                                spdx::Expression::parse_mode(l.name, spdx::ParseMode::LAX)
                                    .ok()
                                    .map(|x| {
                                        x.requirements().any(|r| {
                                            r.req.license.id().is_some_and(|i| {
                                                i.name == e
                                                    || i.name.trim_end_matches("-or-later")
                                                        == e.trim_end_matches("-only")
                                            })
                                        })
                                    })
                            })
                            .unwrap_or(false)
                })
                || (m.score >= 0.8
                    && c.expected.iter().any(|e| {
                        e.trim_end_matches("-only").trim_end_matches("-or-later")
                            == name.trim_end_matches("-or-later").trim_end_matches('+')
                    }));
            if ok {
                correct += 1;
            }
        }
        println!(
            "spdx crate: top-1 correct (score >= 0.8) {correct}/{} ({:.1} %), reported Pixar {pixar}",
            cases.len(),
            100.0 * correct as f64 / cases.len() as f64
        );
        println!("spdx crate per file: {}", stats(times));
    }
}

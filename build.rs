//! Embeds the clause packs (`clauses/**`) in the binary so that clausier works offline, and builds
//! the licence-text index (hashed word bigrams of every SPDX licence text, from the `spdx` crate,
//! plus the standard headers of `data/licence-headers*.txt`).
use std::collections::BTreeMap;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/licence/tokens.rs"]
mod tokens;

fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read clauses dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, root, out);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("toml" | "txt")) {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.push(rel);
        }
    }
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let root = Path::new(&manifest).join("clauses");
    println!("cargo:rerun-if-changed=clauses");
    let mut files = Vec::new();
    walk(&root, &root, &mut files);
    for f in &files {
        println!("cargo:rerun-if-changed=clauses/{f}");
    }
    let mut code = String::from(
        "/// Clause pack files embedded at build time: (path under `clauses/`, contents).\npub static EMBEDDED: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        code.push_str(&format!(
            "    ({f:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/clauses/{f}\"))),\n"
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_clauses.rs");
    std::fs::write(out, code).unwrap();
    licence_index(Path::new(&manifest));
}

/// An index entry before emission.
struct Item {
    id: String,
    aliases: Vec<String>,
    kind: &'static str,
    undetermined: bool,
    set: Vec<u32>,
    words: usize,
    head: [u32; 3],
    tail: [u32; 3],
}

fn bigram_set(text: &str) -> (Vec<u32>, usize) {
    let w = tokens::words(text);
    let mut set: Vec<u32> = tokens::bigrams(&w).into_iter().map(|b| b.0).collect();
    set.sort_unstable();
    set.dedup();
    (set, w.len())
}

/// First and last three bigrams of a text (to trim a match to where the licence starts and ends).
fn ends(text: &str) -> ([u32; 3], [u32; 3]) {
    let seq: Vec<u32> = tokens::bigrams(&tokens::words(text)).into_iter().map(|b| b.0).collect();
    let at = |i: usize| seq.get(i.min(seq.len().saturating_sub(1))).copied().unwrap_or(0);
    let n = seq.len();
    (
        [at(0), at(1), at(2)],
        [
            at(n.saturating_sub(1)),
            at(n.saturating_sub(2)),
            at(n.saturating_sub(3)),
        ],
    )
}

/// Output id of a group of ids sharing one canonical text: GNU-style `-only`/`-or-later` pairs
/// become `X-only OR X-or-later` (undetermined), otherwise the shortest current id.
fn group_id(ids: &[&str]) -> (String, Vec<String>, bool) {
    let current: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|i| spdx::license_id(i).is_none_or(|l| !l.is_deprecated()))
        .collect();
    let pool = if current.is_empty() { ids.to_vec() } else { current };
    let mut pool = pool;
    pool.sort_by_key(|i| (i.len(), i.to_string()));
    for base in &pool {
        if let Some(b) = base.strip_suffix("-only") {
            let later = format!("{b}-or-later");
            if pool.iter().any(|x| *x == later) {
                let id = format!("{base} OR {later}");
                let aliases = ids.iter().map(|s| s.to_string()).collect();
                return (id, aliases, true);
            }
        }
    }
    let id = pool[0].to_string();
    let aliases = ids.iter().filter(|x| **x != id).map(|s| s.to_string()).collect();
    (id, aliases, false)
}

fn licence_index(root: &Path) {
    let mut items: Vec<Item> = Vec::new();
    // Canonical texts, grouped when identical after normalisation.
    let mut groups: BTreeMap<Vec<u64>, Vec<(&str, &str)>> = BTreeMap::new();
    for (id, text) in spdx::text::LICENSE_TEXTS
        .iter()
        .chain(spdx::text::EXCEPTION_TEXTS.iter())
    {
        let key: Vec<u64> = tokens::words(text).iter().map(|w| w.hash).collect();
        groups.entry(key).or_default().push((id, text));
    }
    let exceptions: Vec<&str> = spdx::text::EXCEPTION_TEXTS.iter().map(|e| e.0).collect();
    for members in groups.values() {
        let mut ids: Vec<&str> = members.iter().map(|m| m.0).collect();
        ids.sort_unstable();
        ids.dedup();
        let (id, aliases, undetermined) = group_id(&ids);
        let text = members[0].1;
        let kind = if exceptions.contains(&ids[0]) {
            "Exception"
        } else {
            "Text"
        };
        let (set, words) = bigram_set(text);
        let (head, tail) = ends(text);
        items.push(Item {
            id: id.clone(),
            aliases: aliases.clone(),
            kind,
            undetermined,
            set,
            words,
            head,
            tail,
        });
        // The same text without what follows "END OF TERMS AND CONDITIONS" (appendices, "how to
        // apply"), often left out of LICENSE files.
        // A text that carries another licence after its own (LGPL-3.0 + GPL-3.0): its own part.
        if let Some(p) = text.find("\nGNU GENERAL PUBLIC LICENSE\n").filter(|p| *p > 200) {
            let (set, words) = bigram_set(&text[..p]);
            let (head, tail) = ends(&text[..p]);
            items.push(Item {
                id: id.clone(),
                aliases: aliases.clone(),
                kind: "Alternate",
                undetermined,
                set,
                words,
                head,
                tail,
            });
        }
        let lower = text.to_ascii_lowercase();
        if let Some(p) = lower.find("end of terms and conditions") {
            let cut = p + "end of terms and conditions".len();
            let (set, words) = bigram_set(&text[..cut]);
            let (head, tail) = ends(&text[..cut]);
            let (_, full) = bigram_set(text);
            if words + 20 < full {
                items.push(Item {
                    id,
                    aliases,
                    kind: "Alternate",
                    undetermined,
                    set,
                    words,
                    head,
                    tail,
                });
            }
        }
    }
    // Standard headers.
    for file in ["data/licence-headers.txt", "data/licence-headers-fr.txt"] {
        println!("cargo:rerun-if-changed={file}");
        let text = std::fs::read_to_string(root.join(file)).expect("licence headers");
        for part in text.split("== ").filter(|p| !p.trim().is_empty()) {
            let (id, body) = part.split_once('\n').expect("header id line");
            let id = id.trim().to_string();
            let (set, words) = bigram_set(body);
            let (head, tail) = ends(body);
            items.push(Item {
                id,
                aliases: Vec::new(),
                kind: "Header",
                undetermined: false,
                set,
                words,
                head,
                tail,
            });
        }
    }
    // Inverted index: sorted distinct bigram keys, offsets into postings (entry numbers).
    let mut pairs: Vec<(u32, u16)> = Vec::new();
    for (n, it) in items.iter().enumerate() {
        for b in &it.set {
            pairs.push((*b, n as u16));
        }
    }
    pairs.sort_unstable();
    let mut keys: Vec<u8> = Vec::new();
    let mut offsets: Vec<u8> = Vec::new();
    let mut postings: Vec<u8> = Vec::new();
    let mut nkeys = 0u32;
    let mut i = 0;
    while i < pairs.len() {
        let k = pairs[i].0;
        keys.extend_from_slice(&k.to_le_bytes());
        offsets.extend_from_slice(&((postings.len() / 2) as u32).to_le_bytes());
        nkeys += 1;
        while i < pairs.len() && pairs[i].0 == k {
            postings.extend_from_slice(&pairs[i].1.to_le_bytes());
            i += 1;
        }
    }
    offsets.extend_from_slice(&((postings.len() / 2) as u32).to_le_bytes());
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).to_path_buf();
    std::fs::write(out.join("licence_keys.bin"), &keys).unwrap();
    std::fs::write(out.join("licence_offsets.bin"), &offsets).unwrap();
    std::fs::write(out.join("licence_postings.bin"), &postings).unwrap();
    let mut code = format!(
        "/// SPDX licence list version of the indexed texts.\npub static LIST_VERSION: &str = {:?};\n/// Number of distinct bigram keys.\npub static NKEYS: usize = {nkeys};\n/// Index entries.\npub static ENTRIES: &[IndexEntry] = &[\n",
        spdx::identifiers::VERSION
    );
    for it in &items {
        code.push_str(&format!(
            "    IndexEntry {{ id: {:?}, aliases: &{:?}, kind: EntryKind::{}, undetermined: {}, bigrams: {}, words: {}, head: {:?}, tail: {:?} }},\n",
            it.id,
            it.aliases,
            it.kind,
            it.undetermined,
            it.set.len(),
            it.words,
            it.head,
            it.tail
        ));
    }
    code.push_str("];\n");
    std::fs::write(out.join("licence_index.rs"), code).unwrap();
}

//! A consultation: the documents of one tender (RC, CCAP, CCTP, AE… or RFQ, PWS, SOO…), read,
//! folded and segmented, each with its detected role and language.

use crate::error::ReadError;
use crate::i18n::{self, Lang};
use crate::normalize::{Folded, fold_document};
use crate::read::{self, Document};
use crate::segment::{Segments, segment};
use regex::Regex;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// A document ready for matching.
#[derive(Debug, Clone)]
pub struct Analyzed {
    /// The document as read.
    pub doc: Document,
    /// Its role (`CCAP`, `CCTP`, `RC`, `AE`, `RFQ`, `PWS`…), or `other`.
    pub role: String,
    /// Its language.
    pub lang: Lang,
    /// Folded text with the source map.
    pub folded: Folded,
    /// Sentences and sections.
    pub segments: Segments,
    /// For each block, its heading path as folded text (`article 8 > 8.7 propriete…`).
    pub heading_paths: Vec<String>,
}

/// The documents of one tender.
#[derive(Debug, Clone, Default)]
pub struct Consultation {
    /// Documents, in the order given (folders expanded in name order).
    pub docs: Vec<Analyzed>,
}

/// Outcome of loading: the consultation and the files that could not be read.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Documents read.
    pub consultation: Consultation,
    /// Files that could not be read, with the reason.
    pub errors: Vec<ReadError>,
}

struct RolePattern {
    role: &'static str,
    name: Regex,
    title: Regex,
}

static ROLES: LazyLock<Vec<RolePattern>> = LazyLock::new(|| {
    let r = |role, name: &str, title: &str| RolePattern {
        role,
        name: Regex::new(&format!(r"(?i)(?:^|[^a-z0-9]){name}(?:[^a-z0-9]|$)")).unwrap(),
        title: Regex::new(title).unwrap(),
    };
    vec![
        r("CCAP", "ccap", r"cahier des clauses administratives particulieres"),
        r("CCTP", "cctp", r"cahier des clauses techniques particulieres"),
        r(
            "RC",
            "(?:rc|reglement[-_ ]de[-_ ]la[-_ ]consultation)",
            r"reglement de (?:la )?consultation",
        ),
        r("AE", "(?:ae|acte[-_ ]d[-_ ']?engagement)", r"acte d'engagement"),
        r("BPU", "bpu", r"bordereau des prix unitaires"),
        r("DPGF", "dpgf", r"decomposition du prix global et forfaitaire"),
        r("CDC", "(?:cdc|cahier[-_ ]des[-_ ]charges)", r"cahier des charges"),
        r("RFQ", "rfq", r"request for quotations?"),
        r("RFP", "rfp", r"request for proposals?"),
        r("PWS", "pws", r"performance work statement"),
        r("SOO", "soo", r"statement of objectives"),
        r("SOW", "sow", r"statement of work"),
        r("QASP", "qasp", r"quality assurance surveillance plan"),
    ]
});

/// The role of a document, from its file name, else from its first lines.
pub fn detect_role(path: &Path, folded: &str) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let stem_folded = crate::normalize::fold_str(&stem.replace(['_', '-', '.'], " "));
    for p in ROLES.iter() {
        if p.name.is_match(&stem) || p.name.is_match(&stem_folded) {
            return p.role.to_string();
        }
    }
    let head = &folded[..floor_char_boundary(folded, 3000)];
    let mut best: Option<(usize, &str)> = None;
    for p in ROLES.iter() {
        if let Some(m) = p.title.find(head) {
            if best.is_none_or(|(at, _)| m.start() < at) {
                best = Some((m.start(), p.role));
            }
        }
    }
    best.map(|(_, r)| r.to_string()).unwrap_or_else(|| "other".to_string())
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl Analyzed {
    /// Folds, segments and classifies a document. `lang` forces the language.
    pub fn new(doc: Document, lang: Option<Lang>) -> Analyzed {
        let folded = fold_document(&doc);
        let segments = segment(&doc, &folded);
        let lang = lang.or_else(|| i18n::detect(&folded.text)).unwrap_or(Lang::Fr);
        let role = detect_role(&doc.path, &folded.text);
        let heading_paths = segments
            .headings_of_block
            .iter()
            .map(|hs| {
                hs.iter()
                    .map(|&h| &folded.text[folded.blocks[h].clone()])
                    .collect::<Vec<_>>()
                    .join(" > ")
            })
            .collect();
        Analyzed {
            doc,
            role,
            lang,
            folded,
            segments,
            heading_paths,
        }
    }

    /// The heading path of a block as written in the source (for locators).
    pub fn heading_path_source(&self, block: usize) -> Vec<String> {
        self.segments
            .headings_of_block
            .get(block)
            .map(|hs| {
                hs.iter()
                    .map(|&h| self.doc.blocks[h].text(&self.doc.source).replace('\n', " "))
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Consultation {
    /// The consultation's main language: that of most of its text.
    pub fn lang(&self) -> Lang {
        let (mut fr, mut en) = (0usize, 0usize);
        for d in &self.docs {
            match d.lang {
                Lang::Fr => fr += d.folded.text.len(),
                Lang::En => en += d.folded.text.len(),
            }
        }
        if en > fr { Lang::En } else { Lang::Fr }
    }
}

/// Expands the paths given on the command line: files as they are, folders into the documents
/// they hold.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<ReadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => match read::scan_folder(p) {
                Ok(scan) => {
                    if scan.files.is_empty() && scan.skipped.is_empty() {
                        errors.push(ReadError::Unsupported {
                            path: p.clone(),
                            reason: crate::error::Reason::NoDocumentInFolder,
                        });
                    }
                    files.extend(scan.files);
                    errors.extend(scan.skipped);
                }
                Err(source) => errors.push(ReadError::Io {
                    path: p.clone(),
                    source,
                }),
            },
            Ok(_) => files.push(p.clone()),
            Err(source) => errors.push(ReadError::Io {
                path: p.clone(),
                source,
            }),
        }
    }
    (files, errors)
}

/// Reads every path into one consultation; unreadable files are collected, not fatal. Each file
/// is read under [`read::DEFAULT_FILE_TIME_BUDGET`].
pub fn load(paths: &[PathBuf]) -> Loaded {
    load_with(paths, Some(read::DEFAULT_FILE_TIME_BUDGET))
}

/// [`load`] with a time budget for reading each file (`None`: no budget; see
/// [`read::with_time_budget`]).
pub fn load_with(paths: &[PathBuf], budget: Option<std::time::Duration>) -> Loaded {
    let (files, mut errors) = expand(paths);
    let mut consultation = Consultation::default();
    for f in files {
        match read::with_time_budget(budget, || read::read_path(&f)) {
            Ok(doc) => consultation.docs.push(Analyzed::new(doc, None)),
            Err(e) => errors.push(e),
        }
    }
    Loaded { consultation, errors }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_from_names_and_titles() {
        assert_eq!(detect_role(Path::new("DCE/03_CCAP_v2.docx"), ""), "CCAP");
        assert_eq!(detect_role(Path::new("Attachment2_PWS.md"), ""), "PWS");
        assert_eq!(detect_role(Path::new("RC.pdf"), ""), "RC");
        assert_eq!(
            detect_role(
                Path::new("piece3.md"),
                "marche x\ncahier des clauses techniques particulieres\n"
            ),
            "CCTP"
        );
        assert_eq!(detect_role(Path::new("notes.md"), "nothing here"), "other");
        assert_eq!(detect_role(Path::new("source.md"), ""), "other");
    }
}

//! A delivery checked against its tender (`clausier repo DIR --tender PATH...`): the licence
//! required, the SBOM, build instructions and open formats, each mismatch citing the tender
//! span and the repository file.

use super::{Label, RepoDiagnostic, RepoReport, ids_of, line_col};
use crate::clause::Registry;
use crate::engine::Engine;
use crate::i18n::Lang;
use crate::verdict::{self, Status};
use std::path::{Path, PathBuf};

/// Errors of the tender comparison.
#[derive(Debug, thiserror::Error)]
pub enum TenderError {
    /// The clause packs could not be loaded.
    #[error("built-in clause packs: {0}")]
    Rules(String),
    /// No tender document could be read.
    #[error("no tender document could be read")]
    NoDocument,
}

impl TenderError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (TenderError::Rules(n), Lang::Fr) => format!("jeux de clauses intégrés : {n}"),
            (TenderError::NoDocument, Lang::Fr) => "aucun document de la consultation n'a pu être lu".into(),
            (e, _) => e.to_string(),
        }
    }
}

fn push(r: &mut RepoReport, code: &str, lang: Lang, message: String, labels: Vec<Label>) {
    let d = RepoDiagnostic::of_rule(code, lang, message, labels, Vec::new());
    let severity = d.severity;
    r.diagnostics.push(d);
    match severity {
        crate::clause::Severity::Error => r.summary.errors += 1,
        crate::clause::Severity::Warning => r.summary.warnings += 1,
        crate::clause::Severity::Info => r.summary.infos += 1,
    }
}

/// Compares the delivery in `r` (scanned from `root`) with the tender documents `paths`.
pub fn check(r: &mut RepoReport, root: &Path, paths: &[PathBuf], lang: Lang) -> Result<(), TenderError> {
    let fr = lang == Lang::Fr;
    let reg = Registry::builtin().map_err(|e| TenderError::Rules(format!("{} error(s)", e.len())))?;
    let engine = Engine::new(&reg).map_err(|e| TenderError::Rules(format!("{} error(s)", e.len())))?;
    let loaded = crate::consultation::load(paths);
    r.errors
        .extend(loaded.errors.iter().map(|e| crate::report::FileError::of(e, lang)));
    r.errors.sort_by(|a, b| a.path.cmp(&b.path));
    let c = &loaded.consultation;
    if c.docs.is_empty() {
        return Err(TenderError::NoDocument);
    }
    let findings = engine.run(&reg, c);
    let verdicts = verdict::decide(&reg, &engine, c, &findings);
    let satisfied = |id: &str| {
        verdicts
            .iter()
            .find(|v| reg.categories.get(v.category).is_some_and(|cat| cat.id == id))
            .filter(|v| v.status == Status::Satisfied)
    };
    let tender_label = |f: &crate::engine::Finding, msg: String| -> Option<(Label, String, String)> {
        let d = c.docs.get(f.doc)?;
        let path = d.doc.path.display().to_string();
        let (line, column) = line_col(&d.doc.source, f.source.start);
        Some((
            Label {
                path: path.clone(),
                line,
                column,
                message: msg,
                primary: false,
                range: f.source.clone(),
            },
            path,
            d.doc.source.clone(),
        ))
    };
    let add_source = |r: &mut RepoReport, l: Option<(Label, String, String)>| -> Option<Label> {
        let (label, path, text) = l?;
        r.sources.entry(path).or_insert(text);
        Some(label)
    };
    // the tender span that made a requirement apply (its first evidence), as a label
    let evidence_label = |r: &mut RepoReport, v: &crate::verdict::Verdict, msg: String| -> Vec<Label> {
        let l = v
            .evidence
            .first()
            .and_then(|&i| findings.get(i))
            .and_then(|f| tender_label(f, msg));
        add_source(r, l).into_iter().collect()
    };
    let repo_label = |r: &mut RepoReport, rel: &str, range: std::ops::Range<usize>, msg: String| -> Label {
        if !r.sources.contains_key(rel)
            && let Ok(t) = std::fs::read_to_string(root.join(rel))
        {
            r.sources.insert(rel.to_string(), t);
        }
        let (line, column) = r.sources.get(rel).map(|t| line_col(t, range.start)).unwrap_or((1, 1));
        Label {
            path: rel.to_string(),
            line,
            column,
            message: msg,
            primary: true,
            range,
        }
    };

    // 1. The licence the tender requires.
    if let Some(v) = satisfied("results-licence") {
        let mut required: Vec<(String, &crate::engine::Finding)> = Vec::new();
        for &i in &v.evidence {
            let Some(f) = findings.get(i) else { continue };
            if let Some(l) = f.vars.get("licence")
                && let Some(e) = crate::licence::expr::normalize(l).expression
            {
                for id in ids_of(&e) {
                    if !required.iter().any(|(x, _)| x == &id) {
                        required.push((id, f));
                    }
                }
            }
        }
        let delivered: Vec<String> = r.project.expression.as_deref().map(ids_of).unwrap_or_default();
        if !required.is_empty() && !required.iter().any(|(id, _)| delivered.contains(id)) {
            let (id, f) = (&required[0].0, required[0].1);
            let mut labels = Vec::new();
            if let Some(ev) = r.project.evidence.first().cloned() {
                labels.push(repo_label(r, &ev.path, ev.range.clone(), ev.value.clone()));
            }
            let msg_t = if fr {
                format!("le marché exige {id}")
            } else {
                format!("the tender requires {id}")
            };
            if let Some(l) = add_source(r, tender_label(f, msg_t)) {
                labels.push(l);
            }
            let got = r.project.expression.clone().unwrap_or_else(|| {
                if fr {
                    "aucune licence".into()
                } else {
                    "no licence".into()
                }
            });
            let msg = if fr {
                format!("le marché exige {id}, la livraison est sous {got}")
            } else {
                format!("the tender requires {id}, the delivery is under {got}")
            };
            push(r, "REP020", lang, msg, labels);
        }
    }
    // 2. SBOM.
    if let Some(v) = satisfied("components-sbom") {
        let has_sbom = r.components.iter().any(|c| c.component.ecosystem == "sbom")
            || walk_names(root).iter().any(|n| {
                let l = n.to_ascii_lowercase();
                l.contains("sbom")
                    || l.ends_with(".cdx.json")
                    || l.ends_with(".spdx.json")
                    || l.ends_with(".spdx")
                    || l == "bom.json"
            });
        if !has_sbom {
            let msg_t = if fr {
                "exigence du marché".to_string()
            } else {
                "tender requirement".to_string()
            };
            let labels = evidence_label(r, v, msg_t);
            let msg = if fr {
                "le marché exige un SBOM, la livraison n'en contient pas".to_string()
            } else {
                "the tender requires an SBOM, the delivery has none".to_string()
            };
            push(r, "REP021", lang, msg, labels);
        }
    }
    // 3. Build instructions.
    if let Some(v) = satisfied("source-delivery") {
        let names = walk_names(root);
        let mut has = names.iter().any(|n| {
            let u = n.to_ascii_uppercase();
            u.starts_with("INSTALL")
                || u.starts_with("BUILD")
                || u == "MAKEFILE"
                || u == "DOCKERFILE"
                || u.starts_with("CONTRIBUTING")
        });
        if !has
            && let Some(readme) = names.iter().find(|n| n.to_ascii_uppercase().starts_with("README"))
            && let Ok(t) = std::fs::read_to_string(root.join(readme))
        {
            let t = t.to_lowercase();
            has = [
                "# install",
                "# build",
                "# compil",
                "# getting started",
                "# démarrage",
                "# usage",
            ]
            .iter()
            .any(|h| t.contains(h));
        }
        if !has {
            let msg_t = if fr {
                "livraison des sources exigée".to_string()
            } else {
                "source delivery required".to_string()
            };
            let labels = evidence_label(r, v, msg_t);
            let msg = if fr {
                "aucune instruction de compilation ou d'installation (INSTALL, BUILD, README « Installation »)"
                    .to_string()
            } else {
                "no build or installation instructions (INSTALL, BUILD, README « Installation »)".to_string()
            };
            push(r, "REP022", lang, msg, labels);
        }
    }
    // 4. Open formats.
    if let Some(v) = satisfied("open-formats") {
        let closed: Vec<String> = walk_names_rel(root)
            .into_iter()
            .filter(|n| {
                let l = n.to_ascii_lowercase();
                [".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx"]
                    .iter()
                    .any(|e| l.ends_with(e))
            })
            .collect();
        for rel in closed {
            let msg_t = if fr {
                "formats ouverts exigés".to_string()
            } else {
                "open formats required".to_string()
            };
            let labels = evidence_label(r, v, msg_t);
            let msg = if fr {
                format!("{rel} : format fermé")
            } else {
                format!("{rel}: closed format")
            };
            push(r, "REP023", lang, msg, labels);
        }
    }
    r.diagnostics
        .sort_by(|a, b| b.severity.cmp(&a.severity).then(a.code.cmp(&b.code)));
    Ok(())
}

fn walk_names(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn walk_names_rel(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in ignore::WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .parents(false)
        .build()
        .flatten()
    {
        if e.file_type().is_some_and(|t| t.is_file()) {
            out.push(
                e.path()
                    .strip_prefix(root)
                    .unwrap_or(e.path())
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
    out.sort();
    out
}

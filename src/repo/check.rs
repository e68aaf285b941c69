//! The repository analysis: project licence, per-file licensing and coverage, components, and
//! the checks of [`super::rules`].

use super::headers::TagKind;
use super::manifest::{self, Manifest};
use super::reuse::{self, Annotation};
use super::walk::{self, Seen, VENDORED};
use super::*;
use crate::config::Policy;
use crate::i18n::Lang;
use crate::licence::policy::{self, Compat};
use crate::licence::{LicenceClass, classify, expr, identify};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Options of a scan.
#[derive(Debug, Clone)]
pub struct Options {
    /// Base licence policy.
    pub policy: Policy,
    /// Ids allowed in addition.
    pub allow: Vec<String>,
    /// Ids denied.
    pub deny: Vec<String>,
    /// Only report on these files (relative to the root); the whole tree still gives the
    /// project licence.
    pub only: Option<Vec<String>>,
    /// Walker threads (0: automatic).
    pub threads: usize,
    /// Messages' language.
    pub lang: Lang,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            policy: Policy::default(),
            allow: Vec::new(),
            deny: Vec::new(),
            only: None,
            threads: 0,
            lang: Lang::En,
        }
    }
}

/// Largest licence file, manifest or README read whole.
const MAX_META: u64 = 4 * 1024 * 1024;

fn read_text(p: &Path) -> Option<String> {
    read_meta(p).ok()
}

/// A value as shown in a message: at most 80 characters, the rest counted.
fn shown(v: &str, fr: bool) -> std::borrow::Cow<'_, str> {
    match v.char_indices().nth(80) {
        Some((i, _)) => format!(
            "{}… (+{} {})",
            &v[..i],
            v.len() - i,
            if fr { "octets" } else { "bytes" }
        )
        .into(),
        None => v.into(),
    }
}

/// Why a metadata file was not read (`REP024`).
#[derive(Debug)]
enum Unread {
    Io(std::io::Error),
    NotRegular,
    TooBig(u64),
    /// Not valid syntax for this kind of manifest.
    Syntax(String),
}

impl Unread {
    fn text(&self, lang: Lang) -> String {
        match self {
            Unread::Io(e) => crate::error::io_text(e, lang),
            Unread::NotRegular => lang.pick("not a regular file", "pas un fichier ordinaire").into(),
            Unread::TooBig(n) => lang.pick(
                format!("{n} bytes, over the limit of {MAX_META} bytes"),
                format!("{n} octets, au-delà de la limite de {MAX_META} octets"),
            ),
            Unread::Syntax(k) => lang.pick(format!("not valid {k} syntax"), format!("syntaxe {k} invalide")),
        }
    }
}

/// Reads a metadata file (manifest, licence file…), or says why it cannot be read.
fn read_meta(p: &Path) -> Result<String, Unread> {
    let meta = std::fs::metadata(p).map_err(Unread::Io)?;
    if !meta.is_file() {
        return Err(Unread::NotRegular);
    }
    if meta.len() > MAX_META {
        return Err(Unread::TooBig(meta.len()));
    }
    let b = std::fs::read(p).map_err(Unread::Io)?;
    Ok(match String::from_utf8(b) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// The start of a file, enough to render a label ending at `need` (the file may be far longer).
fn read_head(p: &Path, need: usize) -> Option<String> {
    use std::io::Read;
    let mut b = Vec::new();
    std::fs::File::open(p)
        .ok()?
        .take((need as u64).saturating_add(16 * 1024).min(MAX_META))
        .read_to_end(&mut b)
        .ok()?;
    Some(match String::from_utf8(b) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Where to cut a text kept for rendering a label ending at `need`: after the line that follows.
fn keep_until(t: &str, need: usize) -> usize {
    let mut end = need.min(t.len());
    while !t.is_char_boundary(end) {
        end += 1;
    }
    for _ in 0..2 {
        match t[end..].find('\n') {
            Some(i) => end += i + 1,
            None => return t.len(),
        }
    }
    end
}

/// Licence file names (`LICENSE*`, `LICENCE*`, `COPYING*`, `UNLICENSE`, `NOTICE`).
pub fn is_licence_file(name: &str) -> bool {
    let u = name.to_ascii_uppercase();
    (u.starts_with("LICENSE") || u.starts_with("LICENCE") || u.starts_with("COPYING") || u == "UNLICENSE")
        && !u.ends_with(".LICENSE")
        || u == "NOTICE"
        || u.starts_with("NOTICE.")
}

/// Files `reuse lint` does not require licensing for.
fn reuse_exempt(rel: &str, name: &str) -> bool {
    let first = rel.split('/').next().unwrap_or("");
    first == "LICENSES"
        || first == ".reuse"
        || name == "LICENSE"
        || name.starts_with("LICENSE.")
        || name == "COPYING"
        || name.starts_with("COPYING.")
        || name.ends_with(".license")
        || name == "REUSE.toml"
        || name.contains(".spdx")
}

struct Ctx<'a> {
    root: &'a Path,
    lang: Lang,
    sources: BTreeMap<String, String>,
    diags: Vec<RepoDiagnostic>,
}

impl Ctx<'_> {
    fn fr(&self) -> bool {
        self.lang == Lang::Fr
    }
    /// The text of `rel` covering at least `need` bytes. Only what labels point at is kept (up to
    /// the end of the line after), so thousands of labelled headers do not keep thousands of
    /// whole files in memory.
    fn text(&mut self, rel: &str, need: usize) -> Option<&String> {
        if self.sources.get(rel).is_none_or(|t| t.len() < need) {
            let mut t = read_head(&self.root.join(rel), need)?;
            let keep = keep_until(&t, need);
            t.truncate(keep);
            t.shrink_to_fit();
            self.sources.insert(rel.to_string(), t);
        }
        self.sources.get(rel)
    }
    fn label(&mut self, rel: &str, range: Range<usize>, message: impl Into<String>, primary: bool) -> Label {
        let (line, column) = self
            .text(rel, range.end)
            .map(|t| line_col(t, range.start))
            .unwrap_or((1, 1));
        Label {
            path: rel.to_string(),
            line,
            column,
            message: message.into(),
            primary,
            range,
        }
    }
    fn push(&mut self, code: &str, message: String, labels: Vec<Label>, notes: Vec<String>) {
        self.diags
            .push(RepoDiagnostic::of_rule(code, self.lang, message, labels, notes));
    }
}

fn evidence(kind: &'static str, path: &str, text: Option<&str>, value: &str, range: Range<usize>) -> Evidence {
    let line = text.map(|t| line_col(t, range.start).0).unwrap_or(0);
    Evidence {
        kind,
        path: path.to_string(),
        line,
        value: value.to_string(),
        expression: expr::normalize_memo(value).expression,
        range,
    }
}

/// Whether an id is allowed by the policy.
pub fn allowed(id: &str, o: &Options) -> bool {
    if o.deny.iter().any(|d| d == id) {
        return false;
    }
    if o.allow.iter().any(|a| a == id) {
        return true;
    }
    let base = id.trim_end_matches("+");
    match o.policy {
        Policy::FrCrpa => crate::licence::crpa::entry(base).is_some(),
        Policy::Osi => policy::info(base).osi,
        Policy::Fsf => policy::info(base).fsf,
        Policy::Custom => false,
    }
}

fn policy_name(p: Policy) -> &'static str {
    match p {
        Policy::FrCrpa => "fr-crpa",
        Policy::Osi => "osi",
        Policy::Fsf => "fsf",
        Policy::Custom => "custom",
    }
}

/// Byte range of the licence section of a README (its heading line), and the section text.
fn readme_section(text: &str) -> Option<(Range<usize>, &str)> {
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |pos, l| {
            let s = *pos;
            *pos += l.len();
            Some((s, l))
        })
        .collect();
    for (i, (pos, l)) in lines.iter().enumerate() {
        let t = l.trim();
        let lower = t.to_lowercase();
        let heading = t.starts_with('#')
            || lines
                .get(i + 1)
                .is_some_and(|(_, n)| !n.trim().is_empty() && n.trim().chars().all(|c| c == '=' || c == '-'));
        let word = lower.trim_start_matches('#').trim();
        if heading && (word.starts_with("licen") || word.starts_with("licensing")) && word.len() < 40 {
            let start = pos + l.find(t).unwrap_or(0);
            let body_start = pos + l.len();
            let end = lines[i + 1..]
                .iter()
                .skip(1)
                .find(|(_, n)| n.starts_with('#'))
                .map(|(p, _)| *p)
                .unwrap_or(text.len());
            return Some((start..start + t.len(), &text[body_start.min(end)..end]));
        }
    }
    None
}

fn numeric_version(v: &str) -> Vec<u64> {
    v.trim_start_matches(['v', '^', '~', '='])
        .split(['.', '-', '+'])
        .map_while(|p| p.parse::<u64>().ok())
        .collect()
}

/// Scans a repository.
pub fn scan(root: &Path, o: &Options) -> Result<RepoReport, RepoError> {
    if !root.is_dir() {
        return Err(RepoError::NotAFolder {
            path: root.to_path_buf(),
        });
    }
    let threads = if o.threads == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
            .min(8)
    } else {
        o.threads
    };
    let walked = walk::walk(root, threads);
    let mut cx = Ctx {
        root,
        lang: o.lang,
        sources: BTreeMap::new(),
        diags: Vec::new(),
    };
    let fr = cx.fr();
    let name_of = |rel: &str| rel.rsplit('/').next().unwrap_or(rel).to_string();

    // Ignored and vendored folders: children of folders (depth ≤ 2) the walk did not enter.
    let visited: BTreeSet<&str> = walked.dirs.iter().map(|s| s.as_str()).collect();
    let mut ignored = Vec::new();
    for d in walked.dirs.iter().filter(|d| d.matches('/').count() < 2) {
        let Ok(rd) = std::fs::read_dir(root.join(d)) else {
            continue;
        };
        let mut kids: Vec<(String, String)> = rd
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                let rel = if d.is_empty() { n.clone() } else { format!("{d}/{n}") };
                (n, rel)
            })
            .collect();
        kids.sort();
        for (n, rel) in kids {
            if n == ".git" || visited.contains(rel.as_str()) {
                continue;
            }
            let reason = if VENDORED.contains(&n.as_str()) {
                "vendored"
            } else {
                "gitignore"
            };
            ignored.push(Ignored { path: rel, reason });
        }
    }

    // Manifests, licence files, REUSE metadata, publiccode.yml, READMEs.
    let mut manifests: Vec<(String, Manifest, bool)> = Vec::new(); // (rel, manifest, vendored)
    let mut unreadable: Vec<(String, Unread)> = Vec::new(); // (rel, why) for REP024
    let mut lic_files: Vec<(String, Vec<identify::Match>)> = Vec::new();
    let mut licenses_dir: Vec<(String, String)> = Vec::new(); // (rel, id from the name)
    let mut annotations: Vec<(String, &'static str, Vec<Annotation>)> = Vec::new();
    let mut sidecars: HashMap<String, (String, Vec<headers::Tag>)> = HashMap::new();
    let mut publiccode: Option<String> = None;
    let mut readme: Option<String> = None;
    let mut idf = identify::Identifier::new(identify::DEFAULT_THRESHOLD);
    for f in walked.files.iter().filter(|f| !f.symlink) {
        let name = name_of(&f.rel);
        let depth = f.rel.matches('/').count();
        if let Some(k) = manifest::kind(&name) {
            match read_meta(&f.path) {
                Ok(t) => {
                    match manifest::read(k, &t) {
                        Some(m) => manifests.push((f.rel.clone(), m, false)),
                        None => unreadable.push((f.rel.clone(), Unread::Syntax(k.to_string()))),
                    }
                    cx.sources.insert(f.rel.clone(), t);
                }
                Err(why) => unreadable.push((f.rel.clone(), why)),
            }
        }
        if f.rel.starts_with("LICENSES/") && depth == 1 {
            let id = name.rsplit_once('.').map(|(b, _)| b).unwrap_or(&name).to_string();
            licenses_dir.push((f.rel.clone(), id));
        } else if is_licence_file(&name) && depth <= 1 && !f.rel.starts_with(".reuse/") {
            match read_meta(&f.path) {
                Ok(t) => {
                    lic_files.push((f.rel.clone(), idf.identify(&t)));
                    cx.sources.insert(f.rel.clone(), t);
                }
                // a symlink (not followed) is reported by the walk's own rules
                Err(why) if !f.symlink => unreadable.push((f.rel.clone(), why)),
                Err(_) => {}
            }
        }
        if name == "REUSE.toml" && depth == 0 {
            if let Some(t) = read_text(&f.path) {
                annotations.push((
                    f.rel.clone(),
                    "reuse-toml",
                    reuse::read_reuse_toml(&t).unwrap_or_default(),
                ));
                cx.sources.insert(f.rel.clone(), t);
            }
        }
        if f.rel == ".reuse/dep5"
            && let Some(t) = read_text(&f.path)
        {
            annotations.push((f.rel.clone(), "dep5", reuse::read_dep5(&t)));
            cx.sources.insert(f.rel.clone(), t);
        }
        if let Some(target) = f.rel.strip_suffix(".license")
            && !is_licence_file(&name)
        {
            let tags = read_text(&f.path).map(|t| headers::scan_all(&t)).unwrap_or_default();
            let tags = if tags.is_empty() { f.tags.clone() } else { tags };
            sidecars.insert(target.to_string(), (f.rel.clone(), tags));
        }
        if depth == 0 && (name == "publiccode.yml" || name == "publiccode.yaml") {
            publiccode = Some(f.rel.clone());
        }
        if depth == 0 && name.to_ascii_uppercase().starts_with("README") && readme.is_none() {
            readme = Some(f.rel.clone());
        }
    }
    // Vendored manifests (read even when the folder is ignored: vendored code is delivered).
    for ig in ignored.iter().filter(|i| i.reason == "vendored") {
        let mut stack = vec![(root.join(&ig.path), 0)];
        while let Some((dir, depth)) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(&dir) else { continue };
            for e in rd.flatten() {
                let Ok(ft) = e.file_type() else { continue };
                if ft.is_dir() && depth < 2 && e.file_name() != "node_modules" {
                    stack.push((e.path(), depth + 1));
                } else if ft.is_file() && depth >= 1 {
                    let n = e.file_name().to_string_lossy().into_owned();
                    if matches!(n.as_str(), "package.json" | "Cargo.toml" | "composer.json")
                        && let Some(k) = manifest::kind(&n)
                        && let Some(t) = read_text(&e.path())
                        && let Some(m) = manifest::read(k, &t)
                    {
                        let rel = e
                            .path()
                            .strip_prefix(root)
                            .unwrap_or(&e.path())
                            .to_string_lossy()
                            .replace('\\', "/");
                        manifests.push((rel.clone(), m, true));
                        cx.sources.insert(rel, t);
                    }
                }
            }
        }
    }
    manifests.sort_by(|a, b| a.0.cmp(&b.0));

    // Project evidence.
    let mut proj = Project::default();
    let mut declared: Vec<Evidence> = Vec::new();
    for (rel, m, vend) in &manifests {
        if *vend || rel.contains('/') {
            continue;
        }
        if let Some(d) = &m.declared {
            let ev = evidence(
                "manifest",
                rel,
                cx.sources.get(rel).map(|s| s.as_str()),
                &d.raw,
                d.range.clone(),
            );
            declared.push(ev);
        }
    }
    let mut file_ids: Vec<(String, Evidence)> = Vec::new();
    for (rel, ms) in &lic_files {
        let text = cx.sources.get(rel).map(|s| s.as_str());
        for m in ms.iter().filter(|m| m.kind != identify::EntryKind::Exception) {
            let range = text
                .map(|t| {
                    let start: usize = t
                        .split_inclusive('\n')
                        .take(m.start_line.saturating_sub(1))
                        .map(str::len)
                        .sum();
                    let len = t[start..].find('\n').unwrap_or(t.len() - start);
                    start..start + len
                })
                .unwrap_or(0..0);
            let mut ev = evidence("licence-file", rel, text, &m.id, range);
            ev.line = m.start_line;
            if !file_ids.iter().any(|(id, e)| id == &m.id && e.path == *rel) {
                file_ids.push((m.id.clone(), ev));
            }
        }
    }
    let mut readme_ev: Vec<Evidence> = Vec::new();
    if let Some(rel) = &readme
        && let Some(t) = read_text(&root.join(rel))
    {
        if let Some((range, body)) = readme_section(&t) {
            for m in crate::licence::names::find(&crate::normalize::fold_str(body)) {
                if !readme_ev.iter().any(|e| e.value == m.id) {
                    let mut ev = evidence("readme", rel, Some(&t), &m.id, range.clone());
                    ev.expression = Some(m.id.clone());
                    readme_ev.push(ev);
                }
            }
        }
        cx.sources.insert(rel.clone(), t);
    }
    let licenses_ev: Vec<Evidence> = licenses_dir
        .iter()
        .map(|(rel, id)| Evidence {
            kind: "licenses-dir",
            path: rel.clone(),
            line: 1,
            value: id.clone(),
            expression: Some(id.clone()),
            range: 0..0,
        })
        .collect();

    // Per-file licensing.
    let only: Option<BTreeSet<&str>> = o.only.as_ref().map(|v| v.iter().map(|s| s.as_str()).collect());
    let mut files_out: Vec<FileLicensing> = Vec::new();
    let mut cov = Coverage::default();
    let all_annotations: Vec<(&str, &'static str, &Annotation)> = annotations
        .iter()
        .flat_map(|(rel, kind, v)| v.iter().map(move |a| (rel.as_str(), *kind, a)))
        .collect();
    let mut header_uses: Vec<(String, Evidence)> = Vec::new(); // (expression, evidence) for REP007/REP008
    // each file's licensing, in parallel (thousands of files, each its own)
    let per_file: Vec<FileLicensing> = {
        use rayon::prelude::*;
        walked
            .files
            .par_iter()
            .filter(|f| {
                let name = name_of(&f.rel);
                !(f.symlink
                    || f.size == 0
                    || reuse_exempt(&f.rel, &name)
                    || is_licence_file(&name) && !f.rel.contains('/'))
                    && only.as_ref().is_none_or(|only| only.contains(f.rel.as_str()))
            })
            .map(|f| file_licensing(f, &sidecars, &all_annotations))
            .collect()
    };
    for fl in per_file {
        cov.files += 1;
        if !fl.licences.is_empty() {
            cov.with_licence += 1;
        } else {
            cov.without_licence += 1;
        }
        if !fl.copyright.is_empty() {
            cov.with_copyright += 1;
        }
        if fl.covered {
            cov.covered += 1;
        }
        for ev in fl.evidence.iter().filter(|e| e.kind != "copyright") {
            header_uses.push((ev.value.clone(), ev.clone()));
        }
        files_out.push(fl);
    }

    // The project expression.
    let (expression, from) = if let Some(d) = declared.first() {
        (d.expression.clone(), Some("manifest"))
    } else if !file_ids.is_empty() {
        let mut ids: Vec<&str> = Vec::new();
        let mut files: BTreeSet<&str> = BTreeSet::new();
        for (id, e) in &file_ids {
            if !ids.contains(&id.as_str()) {
                ids.push(id);
            }
            files.insert(e.path.as_str());
        }
        let op = if files.len() > 1 { " OR " } else { " AND " };
        (Some(ids.join(op)), Some("licence-file"))
    } else if !readme_ev.is_empty() {
        let ids: Vec<&str> = readme_ev.iter().map(|e| e.value.as_str()).collect();
        (Some(ids.join(" AND ")), Some("readme"))
    } else {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (v, _) in &header_uses {
            *counts.entry(v.as_str()).or_default() += 1;
        }
        let best = counts
            .iter()
            .max_by_key(|(_, n)| **n)
            .map(|(v, _)| expr::normalize_memo(v).expression);
        (best.flatten(), if counts.is_empty() { None } else { Some("headers") })
    };
    proj.evidence = declared
        .iter()
        .cloned()
        .chain(file_ids.iter().map(|(_, e)| e.clone()))
        .chain(readme_ev.iter().cloned())
        .chain(licenses_ev.iter().cloned())
        .collect();
    if let Some(e) = &expression {
        for id in ids_of(e) {
            let evidence = proj
                .evidence
                .iter()
                .filter(|ev| ev.expression.as_deref().is_some_and(|x| ids_of(x).contains(&id)))
                .cloned()
                .collect();
            proj.terms.push(Term { id, evidence });
        }
    }
    proj.expression = expression.clone();
    proj.from = from;

    // REP001
    if expression.is_none() && only.is_none() {
        let msg = if fr {
            "aucune licence trouvée (fichier LICENSE, manifeste, README, en-têtes SPDX)"
        } else {
            "no licence found (LICENSE file, manifest, README, SPDX headers)"
        };
        cx.push("REP001", msg.to_string(), Vec::new(), Vec::new());
    }
    // REP004 on declared strings.
    for d in &declared {
        let n = expr::normalize_memo(&d.value);
        if !n.canonical {
            let l = cx.label(
                &d.path,
                d.range.clone(),
                if fr { "mention de licence" } else { "licence string" },
                true,
            );
            let msg = match &n.expression {
                Some(e) => {
                    if fr {
                        format!("« {} » : écrivez « {e} »", shown(&d.value, fr))
                    } else {
                        format!("`{}`: write `{e}`", shown(&d.value, fr))
                    }
                }
                None => {
                    if fr {
                        format!("« {} » n'est pas une expression SPDX reconnue", shown(&d.value, fr))
                    } else {
                        format!("`{}` is not a recognised SPDX expression", shown(&d.value, fr))
                    }
                }
            };
            let notes = n
                .notes
                .iter()
                .map(|x| if fr { expr::note_fr(x) } else { x.clone() })
                .collect();
            cx.push("REP004", msg, vec![l], notes);
        }
    }
    if let Some(e) = &expression
        && only.is_none()
    {
        // REP002
        let bad: Vec<String> = ids_of(e).into_iter().filter(|id| !allowed(id, o)).collect();
        let ok = spdx::Expression::parse_mode(e, spdx::ParseMode::LAX)
            .map(|x| x.evaluate(|r| allowed(&r.license.to_string(), o)))
            .unwrap_or(false);
        if !ok {
            let labels = proj
                .terms
                .iter()
                .filter(|t| bad.contains(&t.id))
                .flat_map(|t| t.evidence.first().cloned())
                .map(|ev| cx.label(&ev.path, ev.range.clone(), ev.value.clone(), true))
                .collect();
            let msg = if fr {
                format!(
                    "la licence du projet {e} n'est pas autorisée par la politique {} ({})",
                    policy_name(o.policy),
                    bad.join(", ")
                )
            } else {
                format!(
                    "the project licence {e} is not allowed by the {} policy ({})",
                    policy_name(o.policy),
                    bad.join(", ")
                )
            };
            cx.push("REP002", msg, labels, Vec::new());
        }
        // REP003
        if let Some(d) = declared.first()
            && let Some(dx) = &d.expression
            && !file_ids.is_empty()
        {
            let dids = ids_of(dx);
            let fids: BTreeSet<String> = file_ids.iter().map(|(id, _)| id.clone()).collect();
            let mut labels = Vec::new();
            for (id, ev) in &file_ids {
                if !dids.contains(id) {
                    labels.push(cx.label(&ev.path, ev.range.clone(), format!("{id}"), true));
                }
            }
            let missing: Vec<&String> = dids.iter().filter(|id| !fids.contains(*id)).collect();
            if !labels.is_empty() || !missing.is_empty() {
                labels.push(cx.label(
                    &d.path,
                    d.range.clone(),
                    if fr { "licence déclarée" } else { "declared licence" },
                    labels.is_empty(),
                ));
                let files: Vec<&str> = fids.iter().map(|s| s.as_str()).collect();
                let msg = if fr {
                    format!(
                        "le manifeste déclare {dx}, les fichiers de licence contiennent {}",
                        files.join(", ")
                    )
                } else {
                    format!(
                        "the manifest declares {dx}, the licence files hold {}",
                        files.join(", ")
                    )
                };
                cx.push("REP003", msg, labels, Vec::new());
            }
        }
    }

    // Components.
    let mut comps: Vec<ComponentInfo> = Vec::new();
    for (rel, m, vend) in &manifests {
        let own_root = !rel.contains('/') && !m.sbom;
        for c in &m.components {
            if own_root && matches!(m.format, "Cargo.toml" | "package.json") {
                continue; // the project itself
            }
            let text = cx.sources.get(rel).map(|s| s.as_str());
            let expression = c.licence.as_deref().and_then(|l| expr::normalize_memo(l).expression);
            comps.push(ComponentInfo {
                component: c.clone(),
                expression,
                path: rel.clone(),
                line: text.map(|t| line_col(t, c.range.start).0).unwrap_or(0),
                vendored: *vend,
            });
        }
    }
    if let Some(project) = &expression {
        let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
        for ci in &comps {
            let c = &ci.component;
            let Some(l) = &c.licence else {
                if c.licence_expected && seen.insert((c.name.clone(), "?".into())) {
                    let lab = cx.label(&ci.path, c.range.clone(), c.name.clone(), true);
                    let msg = if fr {
                        format!("{} : aucune licence déclarée", c.name)
                    } else {
                        format!("{}: no licence declared", c.name)
                    };
                    cx.push("REP014", msg, vec![lab], Vec::new());
                }
                continue;
            };
            if !seen.insert((c.name.clone(), l.clone())) {
                continue;
            }
            let Some(cx_expr) = &ci.expression else {
                let lab = cx.label(&ci.path, c.range.clone(), l.clone(), true);
                let msg = if fr {
                    format!("{} : licence « {l} » non reconnue", c.name)
                } else {
                    format!("{}: licence `{l}` not recognised", c.name)
                };
                cx.push("REP014", msg, vec![lab], Vec::new());
                continue;
            };
            let ids = ids_of(cx_expr);
            let nonfree = !ids.is_empty() && ids.iter().all(|i| classify(i) == LicenceClass::NonFree);
            match policy::compatible(cx_expr, project, cx.lang) {
                Compat::Conflict { reason } => {
                    let lab = cx.label(&ci.path, c.range.clone(), cx_expr.clone(), true);
                    let (code, msg) = if nonfree {
                        (
                            "REP006",
                            if fr {
                                format!("{} est sous {cx_expr}, une licence non libre", c.name)
                            } else {
                                format!("{} is under {cx_expr}, a non-free licence", c.name)
                            },
                        )
                    } else {
                        (
                            "REP005",
                            if fr {
                                format!("{} ({cx_expr}) ne peut être livré sous {project}", c.name)
                            } else {
                                format!("{} ({cx_expr}) cannot be delivered under {project}", c.name)
                            },
                        )
                    };
                    cx.push(code, msg, vec![lab], vec![reason]);
                }
                _ if nonfree => {
                    let lab = cx.label(&ci.path, c.range.clone(), cx_expr.clone(), true);
                    let msg = if fr {
                        format!("{} est sous {cx_expr}, une licence non libre", c.name)
                    } else {
                        format!("{} is under {cx_expr}, a non-free licence", c.name)
                    };
                    cx.push("REP006", msg, vec![lab], Vec::new());
                }
                _ => {}
            }
        }
        // REP007: headers contradicting the project licence, one diagnostic per header
        // expression (a big tree repeats the same header in thousands of files).
        let mut done: BTreeSet<&str> = BTreeSet::new();
        let mut conflicts: Vec<(String, String, Vec<&Evidence>)> = Vec::new(); // (expression, reason, files)
        let mut verdicts: HashMap<String, Option<usize>> = HashMap::new();
        for (v, ev) in &header_uses {
            let Some(hx) = expr::normalize_memo(v).expression else {
                continue;
            };
            let slot = *verdicts
                .entry(hx.clone())
                .or_insert_with(|| match policy::compatible(&hx, project, cx.lang) {
                    Compat::Conflict { reason } => {
                        conflicts.push((hx.clone(), reason, Vec::new()));
                        Some(conflicts.len() - 1)
                    }
                    _ => None,
                });
            if let Some(i) = slot
                && done.insert(ev.path.as_str())
            {
                conflicts[i].2.push(ev);
            }
        }
        for (hx, reason, files) in conflicts {
            let Some(first) = files.first() else {
                continue;
            };
            let lab = cx.label(&first.path, first.range.clone(), hx.clone(), true);
            let msg = match (files.len(), fr) {
                (1, true) => format!(
                    "{} est sous {hx}, incompatible avec la licence du projet {project}",
                    first.path
                ),
                (1, false) => format!(
                    "{} is under {hx}, incompatible with the project licence {project}",
                    first.path
                ),
                (n, true) => format!("{n} fichiers sont sous {hx}, incompatible avec la licence du projet {project}"),
                (n, false) => format!("{n} files are under {hx}, incompatible with the project licence {project}"),
            };
            let mut notes = vec![reason];
            if files.len() > 1 {
                let more: Vec<String> = files
                    .iter()
                    .skip(1)
                    .take(10)
                    .map(|e| format!("{}:{}", e.path, e.line))
                    .collect();
                let rest = files.len() - 1 - more.len();
                notes.push(format!(
                    "{} {}{}",
                    if fr { "aussi :" } else { "also:" },
                    more.join(", "),
                    if rest > 0 {
                        format!(", … (+{rest})")
                    } else {
                        String::new()
                    }
                ));
            }
            cx.push("REP007", msg, vec![lab], notes);
        }
    }
    // REP004 on headers.
    let mut done: BTreeSet<String> = BTreeSet::new();
    for (v, ev) in &header_uses {
        let n = expr::normalize_memo(v);
        if !n.canonical && ev.kind == "header" && done.insert(v.clone()) {
            let l = cx.label(&ev.path, ev.range.clone(), if fr { "en-tête" } else { "header" }, true);
            let msg = match &n.expression {
                Some(e) => {
                    if fr {
                        format!("« {} » : écrivez « {e} »", shown(v, fr))
                    } else {
                        format!("`{}`: write `{e}`", shown(v, fr))
                    }
                }
                None => {
                    if fr {
                        format!("« {} » n'est pas une expression SPDX reconnue", shown(v, fr))
                    } else {
                        format!("`{}` is not a recognised SPDX expression", shown(v, fr))
                    }
                }
            };
            cx.push("REP004", msg, vec![l], Vec::new());
        }
    }
    // REP008: licence texts.
    let reuse_used = !licenses_dir.is_empty() || !annotations.is_empty() || !header_uses.is_empty();
    if reuse_used {
        let have: BTreeSet<String> = licenses_dir
            .iter()
            .map(|(_, id)| id.clone())
            .chain(file_ids.iter().map(|(id, _)| id.clone()))
            .collect();
        let mut missing: BTreeMap<String, Evidence> = BTreeMap::new();
        for (v, ev) in &header_uses {
            if let Some(e) = expr::normalize_memo(v).expression {
                for id in ids_of(&e) {
                    let id = id.trim_end_matches('+').to_string();
                    if !have.contains(&id) {
                        missing.entry(id).or_insert_with(|| ev.clone());
                    }
                }
            }
        }
        for (id, ev) in missing {
            let lab = cx.label(&ev.path, ev.range.clone(), id.clone(), true);
            let msg = if fr {
                format!("{id} est utilisée mais LICENSES/{id}.txt manque")
            } else {
                format!("{id} is used but LICENSES/{id}.txt is missing")
            };
            cx.push("REP008", msg, vec![lab], Vec::new());
        }
    }
    // REP013
    if cov.without_licence > 0 {
        let msg = if fr {
            format!(
                "{} fichier(s) sur {} sans information de licence",
                cov.without_licence, cov.files
            )
        } else {
            format!(
                "{} of {} file(s) without licensing information",
                cov.without_licence, cov.files
            )
        };
        let mut notes: Vec<String> = files_out
            .iter()
            .filter(|f| f.licences.is_empty())
            .take(10)
            .map(|f| f.path.clone())
            .collect();
        if cov.without_licence > 10 {
            notes.push(format!("… (+{})", cov.without_licence - 10));
        }
        cx.push("REP013", msg, Vec::new(), notes);
        if !reuse_used && let Some(d) = cx.diags.last_mut() {
            d.severity = Severity::Info;
        }
    }
    // REP024
    for (rel, why) in &unreadable {
        let why = why.text(cx.lang);
        let msg = if fr {
            format!("{rel} n'a pas été lu : {why}")
        } else {
            format!("{rel} was not read: {why}")
        };
        cx.push("REP024", msg, Vec::new(), Vec::new());
    }
    // REP015
    if only.is_none() {
        for ig in &ignored {
            let msg = match (ig.reason, fr) {
                ("vendored", false) => format!("{}/: vendored folder, read for its manifests only", ig.path),
                ("vendored", true) => format!("{}/ : dossier embarqué, seuls ses manifestes sont lus", ig.path),
                (_, false) => format!("{}/: ignored by .gitignore, not scanned", ig.path),
                (_, true) => format!("{}/ : ignoré par .gitignore, non analysé", ig.path),
            };
            cx.push("REP015", msg, Vec::new(), Vec::new());
        }
    }
    if only.is_none() {
        check_publiccode(&mut cx, publiccode.as_deref(), expression.as_deref());
        check_sill(&mut cx, &comps);
    }

    let mut diagnostics = std::mem::take(&mut cx.diags);
    diagnostics.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.code.cmp(&b.code)));
    let mut summary = Summary::default();
    for d in &diagnostics {
        match d.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    // Keep only the sources labels point into.
    let used: BTreeSet<&str> = diagnostics
        .iter()
        .flat_map(|d| d.labels.iter().map(|l| l.path.as_str()))
        .collect();
    let sources = cx
        .sources
        .into_iter()
        .filter(|(k, _)| used.contains(k.as_str()))
        .collect();
    Ok(RepoReport {
        kind: "repo",
        schema_version: SCHEMA_VERSION,
        root: root.display().to_string(),
        policy: policy_name(o.policy).to_string(),
        project: proj,
        coverage: cov,
        files: files_out,
        components: comps,
        ignored,
        diagnostics,
        summary,
        notices: Vec::new(),
        errors: Vec::new(),
        sources,
    })
}

fn file_licensing(
    f: &Seen,
    sidecars: &HashMap<String, (String, Vec<headers::Tag>)>,
    annotations: &[(&str, &'static str, &Annotation)],
) -> FileLicensing {
    let mut licences = Vec::new();
    let mut copyright = Vec::new();
    let mut ev = Vec::new();
    let (tags, kind, src): (&[headers::Tag], &'static str, &str) = match sidecars.get(&f.rel) {
        Some((rel, tags)) => (tags, "sidecar", rel),
        None => (&f.tags, "header", &f.rel),
    };
    for t in tags {
        match t.kind {
            TagKind::License => {
                licences.push(t.value.clone());
                ev.push(Evidence {
                    kind,
                    path: src.to_string(),
                    line: t.line,
                    value: t.value.clone(),
                    expression: expr::normalize_memo(&t.value).expression,
                    range: t.range.clone(),
                });
            }
            TagKind::Copyright => copyright.push(t.value.clone()),
        }
    }
    let ann = annotations
        .iter()
        .rev()
        .find(|(_, _, a)| a.paths.iter().any(|p| reuse::glob(p, &f.rel, a.star_crosses)));
    if let Some((rel, k, a)) = ann {
        let apply_licence = a.overrides || licences.is_empty() || *k == "dep5";
        if a.overrides {
            licences.clear();
            copyright.clear();
            ev.clear();
        }
        if apply_licence && let Some(l) = &a.licence {
            if !licences.contains(l) {
                licences.push(l.clone());
                ev.push(Evidence {
                    kind: k,
                    path: rel.to_string(),
                    line: 0,
                    value: l.clone(),
                    expression: expr::normalize_memo(l).expression,
                    range: a.range.clone(),
                });
            }
        }
        if a.overrides || copyright.is_empty() || *k == "dep5" {
            copyright.extend(a.copyright.iter().cloned());
        }
    }
    let covered = !licences.is_empty() && !copyright.is_empty();
    FileLicensing {
        path: f.rel.clone(),
        licences,
        copyright,
        evidence: ev,
        covered,
    }
}

/// Minimal reading of publiccode.yml: top-level keys and `legal.license`.
fn check_publiccode(cx: &mut Ctx, rel: Option<&str>, project: Option<&str>) {
    let fr = cx.fr();
    let Some(rel) = rel else {
        let msg = if fr {
            "pas de publiccode.yml à la racine"
        } else {
            "no publiccode.yml at the root"
        };
        cx.push("REP011", msg.to_string(), Vec::new(), Vec::new());
        return;
    };
    let Some(text) = cx.text(rel, usize::MAX).cloned() else {
        return;
    };
    // a YAML parser (aliases bounded by the parser), then the keys the standard requires
    let doc: serde_yaml_ng::Value = match serde_yaml_ng::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            let at = e.location().map_or(0, |l| l.index().min(text.len()));
            let l = cx.label(rel, at..at, "YAML", true);
            let msg = if fr {
                format!("publiccode.yml n'est pas du YAML valide : {e}")
            } else {
                format!("publiccode.yml is not valid YAML: {e}")
            };
            cx.push("REP012", msg, vec![l], Vec::new());
            return;
        }
    };
    let mut keys: BTreeSet<String> = BTreeSet::new();
    if let Some(m) = doc.as_mapping() {
        keys.extend(m.keys().filter_map(|k| k.as_str()).map(str::to_string));
    }
    if doc.get("maintenance").and_then(|m| m.get("type")).is_some() {
        keys.insert("maintenance.type".into());
    }
    let licence: Option<(String, Range<usize>)> = doc
        .get("legal")
        .and_then(|l| l.get("license"))
        .and_then(|v| v.as_str())
        .map(|v| {
            // the span: the value after `license` in the `legal` section
            let legal = text.find("legal:").unwrap_or(0);
            let r = manifest::span_after(&text[legal..], "license", v);
            (v.to_string(), legal + r.start..legal + r.end)
        });
    let required = [
        "publiccodeYmlVersion",
        "name",
        "url",
        "platforms",
        "developmentStatus",
        "softwareType",
        "legal",
        "maintenance",
        "maintenance.type",
        "description",
    ];
    let missing: Vec<&str> = required.iter().copied().filter(|k| !keys.contains(*k)).collect();
    if !missing.is_empty() {
        let msg = if fr {
            format!("clés obligatoires absentes : {}", missing.join(", "))
        } else {
            format!("required keys missing: {}", missing.join(", "))
        };
        let l = cx.label(rel, 0..0, "publiccode.yml", true);
        cx.push("REP012", msg, vec![l], Vec::new());
    }
    match licence {
        None => {
            let msg = if fr {
                "legal.license absent".to_string()
            } else {
                "legal.license is missing".to_string()
            };
            let l = cx.label(rel, 0..0, "publiccode.yml", true);
            cx.push("REP012", msg, vec![l], Vec::new());
        }
        Some((v, range)) => {
            let n = expr::normalize_memo(&v);
            if !n.canonical {
                let l = cx.label(rel, range, "legal.license", true);
                let msg = if fr {
                    format!("legal.license « {v} » n'est pas une expression SPDX valide")
                } else {
                    format!("legal.license `{v}` is not a valid SPDX expression")
                };
                cx.push("REP012", msg, vec![l], Vec::new());
            } else if let (Some(p), Some(e)) = (project, &n.expression) {
                let a: BTreeSet<String> = ids_of(p).into_iter().collect();
                let b: BTreeSet<String> = ids_of(e).into_iter().collect();
                if a != b {
                    let l = cx.label(rel, range, "legal.license", true);
                    let msg = if fr {
                        format!("legal.license est {e}, la licence du projet est {p}")
                    } else {
                        format!("legal.license is {e}, the project licence is {p}")
                    };
                    cx.push("REP012", msg, vec![l], Vec::new());
                }
            }
        }
    }
}

fn check_sill(cx: &mut Ctx, comps: &[ComponentInfo]) {
    let fr = cx.fr();
    let cat = crate::licence::sill::Catalogue::embedded();
    let mut seen = BTreeSet::new();
    for ci in comps {
        let c = &ci.component;
        let Some(e) = cat.lookup(&c.name) else { continue };
        if crate::licence::sill::key(&c.name) != crate::licence::sill::key(&e.name) || !seen.insert(e.id.clone()) {
            continue; // only exact names: package suffixes are too loose for dependency names
        }
        let lab = cx.label(&ci.path, c.range.clone(), c.name.clone(), true);
        let below = match (&c.version, &e.version_min) {
            (Some(v), Some(min)) => {
                let (a, b) = (numeric_version(v), numeric_version(min));
                !a.is_empty() && !b.is_empty() && a < b
            }
            _ => false,
        };
        if below {
            let msg = if fr {
                format!(
                    "{} {} : le SILL recommande au moins {}",
                    c.name,
                    c.version.as_deref().unwrap_or(""),
                    e.version_min.as_deref().unwrap_or("")
                )
            } else {
                format!(
                    "{} {}: the SILL recommends at least {}",
                    c.name,
                    c.version.as_deref().unwrap_or(""),
                    e.version_min.as_deref().unwrap_or("")
                )
            };
            cx.push("REP010", msg, vec![lab], Vec::new());
        } else {
            let msg = if fr {
                format!("{} est au SILL ({})", c.name, e.name)
            } else {
                format!("{} is in the SILL ({})", c.name, e.name)
            };
            cx.push("REP009", msg, vec![lab], Vec::new());
        }
    }
}

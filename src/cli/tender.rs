//! `clausier tender PATH...`: check one consultation; `clausier baseline PATH...`: record its
//! current findings so that later runs report only new ones.

use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, FailLevel, OutputFormat, PackArgs, print_rule_errors};
use crate::clause::{Registry, Severity};
use crate::config::{self, Config};
use crate::consultation::{self, Consultation, Loaded};
use crate::engine::{Engine, Finding};
use crate::i18n::Lang;
use crate::report::{Notice, Report, github, gitlab, human, json, markdown, sarif};
use crate::verdict;
use anyhow::Context;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the configuration comes from.
#[derive(Debug, Clone, clap::Args)]
pub struct ConfigArgs {
    /// Configuration file (default: `clausier.toml` in the current directory or an ancestor).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any `clausier.toml`.
    #[arg(long)]
    pub no_config: bool,
}

impl ConfigArgs {
    /// Loads the configuration (if any) and applies it to the registry. Errors are rendered.
    pub fn load(&self, reg: &mut Registry) -> Result<Option<Config>, u8> {
        if self.no_config {
            return Ok(None);
        }
        let path = match &self.config {
            Some(p) => Some(p.clone()),
            None => std::env::current_dir().ok().and_then(|d| config::discover(&d)),
        };
        let Some(path) = path else { return Ok(None) };
        match Config::load(&path, reg) {
            Ok(c) => {
                c.apply(reg);
                Ok(Some(c))
            }
            Err(e) => {
                print_config_error(&e);
                Err(EXIT_ERROR)
            }
        }
    }
}

fn print_config_error(e: &config::ConfigError) {
    use codespan_reporting::diagnostic::{Diagnostic, Label};
    use codespan_reporting::files::SimpleFiles;
    use codespan_reporting::term::{
        self,
        termcolor::{ColorChoice, StandardStream},
    };
    let mut files = SimpleFiles::new();
    let id = files.add(e.path.display().to_string(), e.text.clone());
    let mut d = Diagnostic::error()
        .with_code("E011")
        .with_message(format!("invalid configuration: {}", e.message));
    match &e.span {
        Some(span) if !e.text.is_empty() => d = d.with_labels(vec![Label::primary(id, span.clone())]),
        _ => d = d.with_notes(vec![format!("in {}", e.path.display())]),
    }
    let choice = if super::ColorArg::Auto.enabled() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    let stderr = StandardStream::stderr(choice);
    let _ = term::emit_to_write_style(&mut stderr.lock(), &human::codespan_config(), &files, &d);
}

/// Arguments of `tender`.
#[derive(Debug, clap::Args)]
pub struct TenderArgs {
    /// Documents or folders of one consultation (RC, CCAP, CCTP, AE… / RFQ, PWS, SOO…).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Exit with 1 when a diagnostic at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailLevel::Error)]
    pub fail_level: FailLevel,
    /// Hide the evidence of satisfied clauses (info diagnostics) in human output.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Report only the findings that are not in this baseline file (see `clausier baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Configuration.
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Time budget for reading one file, in seconds (0: none); a file that takes longer is
    /// reported (E003) and the others are still checked.
    #[arg(long, value_name = "SECONDS", default_value_t = crate::read::DEFAULT_FILE_TIME_BUDGET.as_secs_f64())]
    pub file_time_budget: f64,
    /// Extra clause packs.
    #[command(flatten)]
    pub packs: PackArgs,
}

/// Arguments of `baseline`.
#[derive(Debug, clap::Args)]
pub struct BaselineArgs {
    /// Documents or folders of one consultation.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Where to write the baseline.
    #[arg(long, short = 'o', default_value = "clausier-baseline.json")]
    pub output: PathBuf,
    /// Configuration.
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Extra clause packs.
    #[command(flatten)]
    pub packs: PackArgs,
}

/// A checked consultation.
pub struct Checked {
    /// The report.
    pub report: Report,
    /// The documents.
    pub loaded: Loaded,
    /// The registry used (after configuration).
    pub registry: Registry,
}

/// Reads, matches, applies waivers and decides; `Err` carries an exit code after an error was
/// printed.
pub fn check(
    paths: &[PathBuf],
    packs: &PackArgs,
    config: &ConfigArgs,
    lang: Lang,
    progress: bool,
    budget: Option<std::time::Duration>,
) -> Result<Checked, u8> {
    let mut reg = packs.registry().map_err(|e| {
        print_rule_errors(&e);
        EXIT_ERROR
    })?;
    let cfg = config.load(&mut reg)?;
    let engine = Engine::new(&reg).map_err(|e| {
        print_rule_errors(&e);
        EXIT_ERROR
    })?;
    let loaded = load_with_progress(paths, progress, budget);
    let c = &loaded.consultation;
    let mut findings = engine.run(&reg, c);
    let (notices, waived) = match &cfg {
        Some(cfg) => apply_waivers(cfg, &reg, c, &mut findings),
        None => (Vec::new(), 0),
    };
    let verdicts = verdict::decide(&reg, &engine, c, &findings);
    let mut report = Report::build(&reg, c, &findings, &verdicts, &loaded.errors, lang);
    report.notices = notices;
    report.waived = waived;
    Ok(Checked {
        report,
        loaded,
        registry: reg,
    })
}

fn load_with_progress(paths: &[PathBuf], progress: bool, budget: Option<std::time::Duration>) -> Loaded {
    if !progress {
        return consultation::load_with(paths, budget);
    }
    let (files, errors) = consultation::expand(paths);
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut loaded = Loaded {
        consultation: Consultation::default(),
        errors,
    };
    for f in files {
        bar.set_message(f.display().to_string());
        match crate::read::with_time_budget(budget, || crate::read::read_path(&f)) {
            Ok(doc) => loaded.consultation.docs.push(consultation::Analyzed::new(doc, None)),
            Err(e) => loaded.errors.push(e),
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    loaded
}

/// Removes the findings covered by a waiver; reports unused and expired waivers.
fn apply_waivers(cfg: &Config, reg: &Registry, c: &Consultation, findings: &mut Vec<Finding>) -> (Vec<Notice>, usize) {
    let today = config::today();
    let expired = |i: usize| {
        cfg.waivers[i]
            .expires
            .as_ref()
            .is_some_and(|e| e.get_ref().as_str() < today.as_str())
    };
    let mut used = vec![false; cfg.waivers.len()];
    let before = findings.len();
    findings.retain(|f| {
        let path = c.docs[f.doc].doc.display_path();
        match cfg.waiver_for(&reg.rules[f.rule].id, &path) {
            Some(i) if !expired(i) => {
                used[i] = true;
                false
            }
            _ => true,
        }
    });
    let path = cfg.path.as_ref().map(|p| p.display().to_string());
    let mut notices = Vec::new();
    for (i, w) in cfg.waivers.iter().enumerate() {
        let line = cfg.text[..w.span.start.min(cfg.text.len())].matches('\n').count() + 1;
        let (code, message) = if expired(i) {
            let date = w.expires.as_ref().map(|e| e.get_ref().clone()).unwrap_or_default();
            (
                "W003",
                format!(
                    "waiver for {} expired on {date}: it no longer applies",
                    w.rule.get_ref()
                ),
            )
        } else if !used[i] && !config::is_repo_code(w.rule.get_ref()) {
            // a waiver of a repository rule is `clausier repo`'s to use
            (
                "W002",
                format!("waiver for {} matches no finding: remove it", w.rule.get_ref()),
            )
        } else {
            continue;
        };
        notices.push(Notice {
            code,
            severity: Severity::Warning,
            message,
            path: path.clone(),
            line: Some(line),
            span: Some(w.span.clone()),
            text: Some(cfg.text.clone()),
        });
    }
    (notices, before - findings.len())
}

/// A baseline file: the fingerprints of accepted findings.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct BaselineFile {
    version: u32,
    tool: String,
    fingerprints: BTreeSet<String>,
}

fn read_baseline(path: &Path) -> anyhow::Result<BTreeSet<String>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the baseline {}", path.display()))?;
    let b: BaselineFile =
        serde_json::from_str(&text).with_context(|| format!("{} is not a clausier baseline", path.display()))?;
    Ok(b.fingerprints)
}

fn print_notices(r: &Report, color: bool) {
    use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as S};
    use codespan_reporting::files::SimpleFiles;
    use codespan_reporting::term::{self, termcolor::Buffer};
    let mut buf = if color { Buffer::ansi() } else { Buffer::no_color() };
    for n in &r.notices {
        let mut files = SimpleFiles::new();
        let mut d = Diagnostic::new(S::Warning)
            .with_code(n.code)
            .with_message(n.message.clone());
        if let (Some(p), Some(t), Some(span)) = (&n.path, &n.text, &n.span) {
            let id = files.add(p.clone(), t.clone());
            d = d.with_labels(vec![Label::primary(id, span.clone())]);
        }
        let _ = term::emit_to_write_style(&mut buf, &human::codespan_config(), &files, &d);
    }
    let _ = std::io::stderr().write_all(&buf.into_inner());
}

/// Runs `tender`.
pub fn run(a: &TenderArgs, lang: Lang, color: bool) -> anyhow::Result<u8> {
    use std::io::IsTerminal;
    let progress = a.format == OutputFormat::Human && std::io::stderr().is_terminal();
    let budget = (a.file_time_budget > 0.0)
        .then(|| std::time::Duration::try_from_secs_f64(a.file_time_budget).ok())
        .flatten();
    let mut checked = match check(&a.paths, &a.packs, &a.config, lang, progress, budget) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    if let Some(b) = &a.baseline {
        let known = read_baseline(b)?;
        let before = checked.report.diagnostics.len();
        checked.report.diagnostics.retain(|d| !known.contains(&d.fingerprint));
        checked.report.baselined = before - checked.report.diagnostics.len();
        checked.report.recount();
    }
    let report = &checked.report;
    let c = &checked.loaded.consultation;
    let stderr_color = color && std::io::stderr().is_terminal();
    if !report.file_errors.is_empty() {
        std::io::stderr().write_all(&human::render_file_errors(&report.file_errors, stderr_color))?;
    }
    print_notices(report, stderr_color);
    let out = match a.format {
        OutputFormat::Human => human::render(
            report,
            c,
            human::Options {
                color,
                evidence: !a.quiet,
            },
        ),
        OutputFormat::Json => json::render(report).into_bytes(),
        OutputFormat::Sarif => sarif::render(report, &checked.registry).into_bytes(),
        OutputFormat::Gitlab => gitlab::render(report).into_bytes(),
        OutputFormat::Github => github::render(report).into_bytes(),
        OutputFormat::Markdown => markdown::render(report).into_bytes(),
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&out)?;
    stdout.flush()?;
    if c.docs.is_empty() {
        return Ok(EXIT_ERROR);
    }
    Ok(if report.fails(a.fail_level.severity()) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// Runs `baseline`.
pub fn run_baseline(a: &BaselineArgs, lang: Lang) -> anyhow::Result<u8> {
    let checked = match check(
        &a.paths,
        &a.packs,
        &a.config,
        lang,
        false,
        Some(crate::read::DEFAULT_FILE_TIME_BUDGET),
    ) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    if checked.loaded.consultation.docs.is_empty() {
        std::io::stderr().write_all(&human::render_file_errors(&checked.report.file_errors, false))?;
        return Ok(EXIT_ERROR);
    }
    let fingerprints: BTreeSet<String> = checked
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity > Severity::Info)
        .map(|d| d.fingerprint.clone())
        .collect();
    let n = fingerprints.len();
    let b = BaselineFile {
        version: 1,
        tool: "clausier".into(),
        fingerprints,
    };
    std::fs::write(&a.output, serde_json::to_string_pretty(&b)? + "\n")
        .with_context(|| format!("cannot write {}", a.output.display()))?;
    match lang {
        Lang::Fr => eprintln!("{n} constat(s) enregistré(s) dans {}", a.output.display()),
        Lang::En => eprintln!("{n} finding(s) recorded in {}", a.output.display()),
    }
    Ok(EXIT_CLEAN)
}

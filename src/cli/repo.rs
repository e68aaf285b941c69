//! `clausier repo DIR`: check a delivered repository (licences, headers, components).

use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, FailLevel, OutputFormat};
use crate::i18n::Lang;
use crate::repo::{check, render};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Arguments of `repo`.
#[derive(Debug, clap::Args)]
pub struct RepoArgs {
    /// Root of the repository.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Only check these files (paths relative to DIR or to the current folder), e.g. from a
    /// pre-commit hook: `clausier repo . -- FILE...`.
    #[arg(last = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Only check these files (same as after `--`).
    #[arg(long = "files", value_name = "FILE", num_args = 1..)]
    pub only: Vec<PathBuf>,
    /// Tender documents the delivery is checked against.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub tender: Vec<PathBuf>,
    /// Configuration file (default: clausier.toml found from DIR upwards).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Exit with 1 when a diagnostic at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailLevel::Error)]
    pub fail_level: FailLevel,
}

/// Runs `repo`.
pub fn run(a: &RepoArgs, lang: Lang, color: bool) -> anyhow::Result<u8> {
    let fr = lang == Lang::Fr;
    let mut opts = check::Options {
        lang,
        ..check::Options::default()
    };
    let cfg_path = a.config.clone().or_else(|| crate::config::discover(&a.dir));
    let mut cfg: Option<crate::config::Config> = None;
    if let Some(p) = cfg_path {
        let reg = match crate::clause::Registry::builtin() {
            Ok(r) => r,
            Err(e) => {
                super::print_rule_errors(&e);
                return Ok(EXIT_ERROR);
            }
        };
        match crate::config::Config::load(&p, &reg) {
            Ok(c) => {
                opts.policy = c.licence.policy;
                opts.allow = c.licence.allow.iter().map(|s| s.get_ref().clone()).collect();
                opts.deny = c.licence.deny.iter().map(|s| s.get_ref().clone()).collect();
                cfg = Some(c);
            }
            Err(e) => {
                eprintln!(
                    "{}: {}: {}",
                    if fr { "erreur" } else { "error" },
                    e.path.display(),
                    e.message
                );
                return Ok(EXIT_ERROR);
            }
        }
    }
    let only: Vec<&PathBuf> = a.files.iter().chain(a.only.iter()).collect();
    if !only.is_empty() {
        let root = std::fs::canonicalize(&a.dir).unwrap_or_else(|_| a.dir.clone());
        opts.only = Some(
            only.iter()
                .map(|p| {
                    let abs = std::fs::canonicalize(p).ok();
                    match abs.as_ref().and_then(|x| x.strip_prefix(&root).ok()) {
                        Some(r) => r.to_string_lossy().replace('\\', "/"),
                        None => p.to_string_lossy().trim_start_matches("./").replace('\\', "/"),
                    }
                })
                .collect(),
        );
    }
    let mut report = match check::scan(&a.dir, &opts) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}: {}", if fr { "erreur" } else { "error" }, e.message(lang));
            return Ok(EXIT_ERROR);
        }
    };
    if !a.tender.is_empty() {
        let checked = crate::repo::tender::check(&mut report, &a.dir, &a.tender, lang);
        if !report.errors.is_empty() {
            let stderr_color = color && std::io::stderr().is_terminal();
            std::io::stderr().write_all(&crate::report::human::render_file_errors(&report.errors, stderr_color))?;
        }
        match checked {
            Ok(()) => {}
            Err(e) => {
                eprintln!("{}: {}", if fr { "erreur" } else { "error" }, e.message(lang));
                return Ok(EXIT_ERROR);
            }
        }
    }
    if let Some(c) = &cfg {
        crate::repo::apply_config(&mut report, c);
        for n in &report.notices {
            let at = match (&n.path, n.line) {
                (Some(p), Some(l)) => format!("{p}:{l}: "),
                _ => String::new(),
            };
            eprintln!(
                "{}[{}]: {at}{}",
                if fr { "avertissement" } else { "warning" },
                n.code,
                n.message
            );
        }
    }
    let out = match a.format {
        OutputFormat::Human => render::human(&report, lang, color),
        OutputFormat::Json => render::json(&report).into_bytes(),
        OutputFormat::Sarif => crate::repo::formats::sarif(&report, lang).into_bytes(),
        OutputFormat::Gitlab => crate::repo::formats::gitlab(&report).into_bytes(),
        OutputFormat::Github => crate::repo::formats::github(&report).into_bytes(),
        OutputFormat::Markdown => crate::repo::formats::markdown(&report, lang).into_bytes(),
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&out)?;
    stdout.flush()?;
    let fail = a
        .fail_level
        .severity()
        .is_some_and(|min| report.diagnostics.iter().any(|d| d.severity >= min));
    // the process ends here: freeing a big tree's report one string at a time is wasted time
    std::mem::forget(report);
    std::mem::forget(out);
    Ok(if fail { EXIT_FINDINGS } else { EXIT_CLEAN })
}

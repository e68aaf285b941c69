//! `clausier tender PATH...`: check one consultation.

use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, FailLevel, PackArgs, print_rule_errors};
use crate::consultation;
use crate::engine::Engine;
use crate::i18n::Lang;
use crate::report::{Report, human, json};
use crate::verdict;
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;

/// Output formats of `tender`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TenderFormat {
    /// Annotated diagnostics and a verdict table.
    Human,
    /// The versioned JSON report (docs/json-schema.md).
    Json,
}

/// Arguments of `tender`.
#[derive(Debug, clap::Args)]
pub struct TenderArgs {
    /// Documents or folders of one consultation (RC, CCAP, CCTP, AE… / RFQ, PWS, SOO…).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = TenderFormat::Human)]
    pub format: TenderFormat,
    /// Exit with 1 when a diagnostic at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailLevel::Error)]
    pub fail_level: FailLevel,
    /// Hide the evidence of satisfied clauses (info diagnostics) in human output.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Extra clause packs.
    #[command(flatten)]
    pub packs: PackArgs,
}

/// Runs `tender`.
pub fn run(a: &TenderArgs, lang: Lang, color: bool) -> anyhow::Result<u8> {
    let reg = match a.packs.registry() {
        Ok(r) => r,
        Err(errors) => {
            print_rule_errors(&errors);
            return Ok(EXIT_ERROR);
        }
    };
    let engine = match Engine::new(&reg) {
        Ok(e) => e,
        Err(errors) => {
            print_rule_errors(&errors);
            return Ok(EXIT_ERROR);
        }
    };
    let loaded = consultation::load(&a.paths);
    let c = &loaded.consultation;
    let findings = engine.run(&reg, c);
    let verdicts = verdict::decide(&reg, &engine, c, &findings);
    let report = Report::build(&reg, c, &findings, &verdicts, &loaded.errors, lang);
    let out = match a.format {
        TenderFormat::Human => human::render(
            &report,
            c,
            human::Options {
                color,
                evidence: !a.quiet,
            },
        ),
        TenderFormat::Json => json::render(&report).into_bytes(),
    };
    if !report.file_errors.is_empty() {
        let use_color = color && std::io::IsTerminal::is_terminal(&std::io::stderr());
        std::io::stderr().write_all(&human::render_file_errors(&report, use_color))?;
    }
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

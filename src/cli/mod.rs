//! The command line: argument definitions (clap) and one module per subcommand.

pub mod explain;
pub mod licence;
pub mod repo;
pub mod rules;
pub mod sill;
pub mod tender;

use crate::clause::Severity;
use crate::i18n::Lang;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Exit code: nothing at or above the fail level.
pub const EXIT_CLEAN: u8 = 0;
/// Exit code: findings at or above the fail level.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage, configuration or I/O error (nothing could be checked).
pub const EXIT_ERROR: u8 = 2;

/// clausier — a linter for the public procurement of software.
#[derive(Debug, Parser)]
#[command(name = "clausier", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Language of messages (default: from LC_ALL / LC_MESSAGES / LANG).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a consultation: the documents given (or found in the folders given) form one tender.
    Tender(tender::TenderArgs),
    /// Explain a rule or category code (or name): what it checks, why, how to fix, legal basis.
    Explain(explain::ExplainArgs),
    /// List the rules.
    Rules(rules::RulesArgs),
    /// Record the current findings of a consultation, so that `tender --baseline` reports only new ones.
    Baseline(tender::BaselineArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on standard output.
    Man,
    /// Licences: identify texts, normalise strings, check compatibility.
    Licence(licence::LicenceArgs),
    /// Check a delivered repository: project licence, SPDX headers and coverage, components.
    Repo(repo::RepoArgs),
    /// The SILL catalogue (socle interministériel de logiciels libres): search, show.
    Sill(sill::SillArgs),
}

/// Output formats of `tender` and `repo`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum OutputFormat {
    /// Annotated diagnostics and a summary (verdict table, or project licence and coverage).
    Human,
    /// The versioned JSON report (docs/json-schema.md).
    Json,
    /// SARIF 2.1.0 (GitHub code scanning and other CI dashboards).
    Sarif,
    /// GitLab Code Quality report.
    Gitlab,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// A Markdown summary for an e-mail or a pull-request comment.
    Markdown,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// French.
    Fr,
    /// English.
    En,
}

impl LangArg {
    /// The language.
    pub fn lang(self) -> Lang {
        match self {
            LangArg::Fr => Lang::Fr,
            LangArg::En => Lang::En,
        }
    }
}

/// `--color`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorArg {
    /// Colour when standard output is a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorArg {
    /// Whether to colour standard output.
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
            }
        }
    }
}

/// `--fail-level`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FailLevel {
    /// Fail on errors.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any diagnostic.
    Info,
    /// Never fail on findings.
    Never,
}

impl FailLevel {
    /// The lowest failing severity.
    pub fn severity(self) -> Option<Severity> {
        match self {
            FailLevel::Error => Some(Severity::Error),
            FailLevel::Warning => Some(Severity::Warning),
            FailLevel::Info => Some(Severity::Info),
            FailLevel::Never => None,
        }
    }
}

/// `--clauses DIR`: extra clause packs.
#[derive(Debug, Clone, clap::Args)]
pub struct PackArgs {
    /// Extra clause pack folder (rules and categories in the built-in layout); repeatable.
    #[arg(long = "clauses", value_name = "DIR")]
    pub clauses: Vec<PathBuf>,
}

impl PackArgs {
    /// Loads the registry: built-in packs plus the extra folders.
    pub fn registry(&self) -> Result<crate::clause::Registry, Vec<crate::error::RuleError>> {
        let dirs: Vec<&std::path::Path> = self.clauses.iter().map(|p| p.as_path()).collect();
        crate::clause::Registry::with_dirs(&dirs)
    }
}

/// Renders clause-pack errors (pointing into the TOML when a span is known) to standard error.
pub fn print_rule_errors(errors: &[crate::error::RuleError]) {
    use codespan_reporting::diagnostic::{Diagnostic, Label};
    use codespan_reporting::files::SimpleFiles;
    use codespan_reporting::term::{
        self,
        termcolor::{ColorChoice, StandardStream},
    };
    let stderr = StandardStream::stderr(if ColorArg::Auto.enabled() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    });
    let mut lock = stderr.lock();
    let config = crate::report::human::codespan_config();
    for e in errors {
        let mut files = SimpleFiles::new();
        let mut d = Diagnostic::error()
            .with_code("E010")
            .with_message(format!("invalid clause pack: {}", e.message));
        match (&e.span, &e.source_text) {
            (Some(span), Some(text)) => {
                let id = files.add(e.origin.clone(), text.clone());
                d = d.with_labels(vec![Label::primary(id, span.clone())]);
            }
            _ => d = d.with_notes(vec![format!("in {}", e.origin)]),
        }
        let _ = term::emit_to_write_style(&mut lock, &config, &files, &d);
    }
}

/// Runs the command line; returns the exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    let lang = cli.lang.map(LangArg::lang).unwrap_or_else(Lang::from_env);
    let color = cli.color.enabled();
    match cli.command {
        Command::Tender(a) => tender::run(&a, lang, color),
        Command::Explain(a) => explain::run(&a, lang),
        Command::Rules(a) => rules::run(&a, lang),
        Command::Baseline(a) => tender::run_baseline(&a, lang),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "clausier", &mut std::io::stdout());
            Ok(EXIT_CLEAN)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd).render(&mut std::io::stdout())?;
            Ok(EXIT_CLEAN)
        }
        Command::Licence(a) => licence::run(&a, lang),
        Command::Sill(a) => sill::run(&a, lang),
        Command::Repo(a) => repo::run(&a, lang, color),
    }
}

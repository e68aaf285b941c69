//! `clausier licence identify|normalize|check`: licence texts, licence strings, compatibility.

use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::i18n::Lang;
use crate::licence::identify::{DEFAULT_THRESHOLD, Identifier, Match};
use clap::ValueEnum;
use serde::Serialize;
use std::io::Read;
use std::path::PathBuf;

/// Output formats.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// Text for people.
    Human,
    /// JSON.
    Json,
}

/// Arguments of `licence`.
#[derive(Debug, clap::Args)]
pub struct LicenceArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: LicenceCommand,
}

/// Subcommands of `licence`.
#[derive(Debug, clap::Subcommand)]
pub enum LicenceCommand {
    /// Identify the licence texts or headers in files (`-` for standard input).
    Identify(IdentifyArgs),
    /// Normalise licence strings (ids, names, free text) to SPDX expressions.
    Normalize(NormalizeArgs),
    /// Check that inbound licences may be delivered under an outbound licence.
    Check(CheckArgs),
}

/// Arguments of `licence identify`.
#[derive(Debug, clap::Args)]
pub struct IdentifyArgs {
    /// Files to read (`-`: standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Lowest score reported (0–1).
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    pub threshold: f64,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Arguments of `licence normalize`.
#[derive(Debug, clap::Args)]
pub struct NormalizeArgs {
    /// Licence strings as found (SPDX expressions, deprecated ids, names, URLs).
    #[arg(required = true)]
    pub strings: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Arguments of `licence check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Licence of the delivery (SPDX expression or name).
    #[arg(long)]
    pub outbound: String,
    /// Licences of the components included (SPDX expressions or names).
    #[arg(required = true)]
    pub inbound: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Serialize)]
struct FileResult {
    file: String,
    matches: Vec<Match>,
}

/// Largest input of `licence identify` (bytes): licence texts and headers are far smaller.
const MAX_IDENTIFY_BYTES: u64 = crate::read::office::MAX_TEXT_BYTES as u64;

fn read_input(p: &PathBuf) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    if p.as_os_str() == "-" {
        std::io::stdin().take(MAX_IDENTIFY_BYTES + 1).read_to_end(&mut bytes)?;
    } else {
        // only regular files: opening a named pipe would block
        if !std::fs::metadata(p)?.is_file() {
            return Err(std::io::Error::other("not a regular file"));
        }
        std::fs::File::open(p)?
            .take(MAX_IDENTIFY_BYTES + 1)
            .read_to_end(&mut bytes)?;
    }
    if bytes.len() as u64 > MAX_IDENTIFY_BYTES {
        return Err(std::io::Error::other(format!(
            "more than {MAX_IDENTIFY_BYTES} bytes: not a licence text"
        )));
    }
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => encoding_rs::WINDOWS_1252.decode(e.as_bytes()).0.into_owned(),
    })
}

/// Runs `licence`.
pub fn run(a: &LicenceArgs, lang: Lang) -> anyhow::Result<u8> {
    match &a.command {
        LicenceCommand::Identify(a) => identify(a, lang),
        LicenceCommand::Normalize(a) => normalize(a, lang),
        LicenceCommand::Check(a) => check(a, lang),
    }
}

fn identify(a: &IdentifyArgs, lang: Lang) -> anyhow::Result<u8> {
    use std::io::Write;
    let fr = lang == Lang::Fr;
    let mut idf = Identifier::new(a.threshold);
    let mut results = Vec::new();
    let mut io_error = false;
    for p in &a.files {
        let text = match read_input(p) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{}: {}: {e}", if fr { "erreur" } else { "error" }, p.display());
                io_error = true;
                continue;
            }
        };
        let mut matches = idf.identify(&text);
        matches.sort_by(|x, y| y.score.partial_cmp(&x.score).unwrap_or(std::cmp::Ordering::Equal));
        results.push(FileResult {
            file: p.display().to_string(),
            matches,
        });
    }
    let mut out = std::io::stdout().lock();
    match a.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &results)?;
            writeln!(out)?;
        }
        Format::Human => {
            for r in &results {
                if r.matches.is_empty() {
                    writeln!(
                        out,
                        "{}: {}",
                        r.file,
                        if fr {
                            "aucune licence reconnue"
                        } else {
                            "no licence recognised"
                        }
                    )?;
                }
                for m in &r.matches {
                    let lines = if fr { "lignes" } else { "lines" };
                    write!(
                        out,
                        "{}: {} ({:.3}, {lines} {}-{}, {})",
                        r.file,
                        m.id,
                        m.score,
                        m.start_line,
                        m.end_line,
                        kind_label(m, fr)
                    )?;
                    if let Some(n) = &m.note {
                        write!(out, " — {}", note_label(n, fr))?;
                    }
                    writeln!(out)?;
                }
            }
        }
    }
    if io_error {
        return Ok(EXIT_ERROR);
    }
    Ok(if results.iter().any(|r| r.matches.is_empty()) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn kind_label(m: &Match, fr: bool) -> &'static str {
    use crate::licence::identify::EntryKind::*;
    match (m.kind, fr) {
        (Text, false) => "full text",
        (Text, true) => "texte complet",
        (Alternate, false) => "text without appendix",
        (Alternate, true) => "texte sans annexe",
        (Exception, false) => "exception",
        (Exception, true) => "exception",
        (Header, false) => "standard header",
        (Header, true) => "en-tête standard",
    }
}

fn note_label(n: &str, fr: bool) -> String {
    if !fr {
        return n.to_string();
    }
    match n {
        "-only or -or-later undetermined" => "« -only » ou « -or-later » indéterminé".to_string(),
        "variant from the notice next to the licence text" => {
            "variante déduite de la mention accompagnant le texte".to_string()
        }
        n if n.starts_with("variant from the standard header") => {
            "variante déduite de l'en-tête standard du même fichier".to_string()
        }
        n => n.to_string(),
    }
}

fn normalize(a: &NormalizeArgs, lang: Lang) -> anyhow::Result<u8> {
    use crate::licence::expr::{normalize, note_fr};
    use std::io::Write;
    let fr = lang == Lang::Fr;
    let results: Vec<_> = a.strings.iter().map(|s| normalize(s)).collect();
    let mut out = std::io::stdout().lock();
    match a.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &results)?;
            writeln!(out)?;
        }
        Format::Human => {
            for r in &results {
                let status = match (&r.expression, r.canonical, fr) {
                    (Some(_), true, false) => "canonical",
                    (Some(_), true, true) => "canonique",
                    (Some(_), false, false) => "not canonical",
                    (Some(_), false, true) => "non canonique",
                    (None, _, false) => "unrecognised",
                    (None, _, true) => "non reconnue",
                };
                writeln!(
                    out,
                    "{:?} → {} ({status})",
                    r.input,
                    r.expression.as_deref().unwrap_or("—")
                )?;
                for n in &r.notes {
                    writeln!(out, "  - {}", if fr { note_fr(n) } else { n.clone() })?;
                }
            }
        }
    }
    Ok(if results.iter().any(|r| r.expression.is_none()) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

#[derive(Serialize)]
struct CheckRow<'a> {
    inbound: &'a str,
    outbound: &'a str,
    #[serde(flatten)]
    compat: crate::licence::policy::Compat,
}

fn check(a: &CheckArgs, lang: Lang) -> anyhow::Result<u8> {
    use crate::licence::policy::{Compat, compatible};
    use std::io::Write;
    let fr = lang == Lang::Fr;
    let rows: Vec<CheckRow> = a
        .inbound
        .iter()
        .map(|i| CheckRow {
            inbound: i,
            outbound: &a.outbound,
            compat: compatible(i, &a.outbound, lang),
        })
        .collect();
    let mut out = std::io::stdout().lock();
    match a.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        Format::Human => {
            for r in &rows {
                let (word, detail) = match (&r.compat, fr) {
                    (Compat::Ok { note }, false) => ("ok", note.clone()),
                    (Compat::Ok { note }, true) => ("compatible", note.clone()),
                    (Compat::Conflict { reason }, false) => ("CONFLICT", Some(reason.clone())),
                    (Compat::Conflict { reason }, true) => ("CONFLIT", Some(reason.clone())),
                    (Compat::Unknown { reason }, false) => ("unknown", Some(reason.clone())),
                    (Compat::Unknown { reason }, true) => ("indéterminé", Some(reason.clone())),
                };
                writeln!(out, "{} → {}: {word}", r.inbound, r.outbound)?;
                if let Some(d) = detail {
                    writeln!(out, "  {d}")?;
                }
            }
            if fr {
                writeln!(out, "(règles : textes des licences, FSF, Commission européenne)")?;
            }
        }
    }
    Ok(if rows.iter().all(|r| r.compat.is_ok()) {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}

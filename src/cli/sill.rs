//! `clausier sill search|show NAME`: the SILL catalogue (embedded 2022-05, or a fresher export).

use super::licence::Format;
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::i18n::Lang;
use crate::licence::sill::{Catalogue, Entry, Status};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `sill`.
#[derive(Debug, clap::Args)]
pub struct SillArgs {
    /// A SILL export to use instead of the embedded 2022-05 catalogue (2022 `sill.json` or the
    /// current Catalogi `sill.json`).
    #[arg(long, global = true, env = "CLAUSIER_SILL", value_name = "FILE")]
    pub sill: Option<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', global = true, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// What to do.
    #[command(subcommand)]
    pub command: SillCommand,
}

/// Subcommands of `sill`.
#[derive(Debug, clap::Subcommand)]
pub enum SillCommand {
    /// List the software whose name (or function) matches.
    Search {
        /// Name or part of a name.
        name: String,
    },
    /// Show one software: licence (normalised), status, minimal version, support contract.
    Show {
        /// Name (case, punctuation and usual aliases ignored).
        name: String,
    },
}

fn status_text(s: &Status, fr: bool) -> String {
    match (s, fr) {
        (Status::Recommended, false) => "recommended".into(),
        (Status::Recommended, true) => "recommandé".into(),
        (Status::InObservation, false) => "in observation".into(),
        (Status::InObservation, true) => "en observation".into(),
        (Status::Dereferenced { reason, .. }, fr) => {
            let base = if fr { "déréférencé" } else { "dereferenced" };
            match reason {
                Some(r) => format!("{base} ({r})"),
                None => base.into(),
            }
        }
    }
}

fn show(out: &mut impl Write, e: &Entry, fr: bool) -> std::io::Result<()> {
    let none = if fr { "non indiquée" } else { "not given" };
    writeln!(out, "{}", e.name)?;
    let licence = match &e.licence {
        Some(l) if *l == e.licence_raw => l.clone(),
        Some(l) => format!("{l} ({} « {} »)", if fr { "écrit" } else { "written" }, e.licence_raw),
        None => format!(
            "{} « {} »",
            if fr { "non reconnue :" } else { "unrecognised:" },
            e.licence_raw
        ),
    };
    writeln!(out, "  {}: {licence}", if fr { "licence" } else { "licence" })?;
    writeln!(
        out,
        "  {}: {}",
        if fr { "statut" } else { "status" },
        status_text(&e.status, fr)
    )?;
    writeln!(
        out,
        "  {}: {}",
        if fr { "version minimale" } else { "minimal version" },
        e.version_min.as_deref().unwrap_or(none)
    )?;
    if let Status::Dereferenced {
        last_recommended_version: Some(v),
        ..
    } = &e.status
    {
        writeln!(
            out,
            "  {}: {v}",
            if fr {
                "dernière version recommandée"
            } else {
                "last recommended version"
            }
        )?;
    }
    writeln!(
        out,
        "  {}: {}",
        if fr {
            "marché de support interministériel"
        } else {
            "interministerial support contract"
        },
        match (e.support_contract, fr) {
            (true, true) => "oui",
            (false, true) => "non",
            (true, false) => "yes",
            (false, false) => "no",
        }
    )?;
    if let Some(f) = &e.function {
        writeln!(out, "  {}: {f}", if fr { "fonction" } else { "function" })?;
    }
    if let Some(w) = &e.website {
        writeln!(out, "  {}: {w}", if fr { "site" } else { "web site" })?;
    }
    Ok(())
}

/// Runs `sill`.
pub fn run(a: &SillArgs, lang: Lang) -> anyhow::Result<u8> {
    let fr = lang == Lang::Fr;
    let cat = match Catalogue::load(a.sill.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            let what = a
                .sill
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "CLAUSIER_SILL".into());
            eprintln!("{}: {what}: {e}", if fr { "erreur" } else { "error" });
            return Ok(EXIT_ERROR);
        }
    };
    let mut out = std::io::stdout().lock();
    match &a.command {
        SillCommand::Search { name } => {
            let hits = cat.search(name);
            match a.format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut out, &hits)?;
                    writeln!(out)?;
                }
                Format::Human => {
                    for e in &hits {
                        writeln!(
                            out,
                            "{} — {} — {}",
                            e.name,
                            e.licence.as_deref().unwrap_or(&e.licence_raw),
                            status_text(&e.status, fr)
                        )?;
                    }
                    if hits.is_empty() {
                        writeln!(
                            out,
                            "{}",
                            if fr {
                                "aucun logiciel trouvé"
                            } else {
                                "no software found"
                            }
                        )?;
                    }
                    writeln!(out, "({}: {})", if fr { "source" } else { "source" }, cat.source)?;
                }
            }
            Ok(if hits.is_empty() { EXIT_FINDINGS } else { EXIT_CLEAN })
        }
        SillCommand::Show { name } => {
            let Some(e) = cat.lookup(name) else {
                match a.format {
                    Format::Json => writeln!(out, "null")?,
                    Format::Human => writeln!(
                        out,
                        "{} « {name} » ({})",
                        if fr { "pas dans le SILL :" } else { "not in the SILL:" },
                        cat.source
                    )?,
                }
                return Ok(EXIT_FINDINGS);
            };
            match a.format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut out, e)?;
                    writeln!(out)?;
                }
                Format::Human => {
                    show(&mut out, e, fr)?;
                    writeln!(out, "  ({}: {})", "source", cat.source)?;
                }
            }
            Ok(EXIT_CLEAN)
        }
    }
}

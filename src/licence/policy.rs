//! Licence policy data: copyleft strength, OSI/FSF flags (from the `spdx` crate), the CRPA list
//! ([`super::crpa`]), and a compatibility check "inbound licence (a component included) →
//! outbound licence (the delivery)".
//!
//! The compatibility rules are a conservative model of the licences' own terms and of the FSF and
//! European Commission compatibility statements listed in [`SOURCE`]; they answer "may this
//! component be shipped inside a work distributed under that licence", not "is it legal advice".
//! Known limits: linking matters for the LGPL (dynamic linking, or static linking with the means
//! to relink, keeps the rest of the work under its own licence) and is not visible here; files
//! under MPL-2.0/EPL-2.0/CDDL stay under their licence; "secondary licence" and additional
//! permissions are assumed absent unless the id says so.

use crate::i18n::Lang;
use serde::Serialize;
use spdx::Expression;

/// Sources and date of the policy data.
pub const SOURCE: &str = "copyleft strengths and compatibility: licence texts (GPL-2.0/3.0 §§ 2/5, AGPL-3.0 § 13, LGPL-2.1 § 3/6, LGPL-3.0 § 4, MPL-2.0 § 3.3, EPL-2.0 § 3, CeCILL-2.1 art. 5.3.4, EUPL-1.2 art. 5 and appendix); FSF « Various Licenses and Comments about Them » (Apache-2.0 and GPL-2.0); OSI/FSF flags from the SPDX licence list 3.29.0 (spdx crate); reviewed 2026-11";

/// Copyleft strength of a licence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// No copyleft: notices only.
    Permissive,
    /// Weak, file level: modified files stay under the licence (MPL, EPL, CDDL).
    WeakFile,
    /// Weak, library level: the library stays under the licence, works using it need not (LGPL,
    /// CeCILL-C).
    WeakLibrary,
    /// Strong: derived works as a whole under the licence when distributed (GPL, CeCILL-2.1).
    Strong,
    /// Strong and triggered by offering use over a network (AGPL, EUPL, OSL).
    Network,
}

/// Facts about one licence.
#[derive(Debug, Clone, Serialize)]
pub struct Info {
    /// SPDX id.
    pub id: String,
    /// Full name.
    pub name: Option<String>,
    /// OSI approved.
    pub osi: bool,
    /// FSF free/libre.
    pub fsf: bool,
    /// Deprecated SPDX id.
    pub deprecated: bool,
    /// Copyleft strength, when known.
    pub strength: Option<Strength>,
    /// Family on the CRPA D.323-2-1 list, when listed.
    pub crpa: Option<super::crpa::Family>,
    /// Standing for a French public body.
    pub class: super::LicenceClass,
}

const PERMISSIVE: &[&str] = &[
    "MIT",
    "MIT-0",
    "X11",
    "ISC",
    "0BSD",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "BSD-3-Clause-Clear",
    "BSD-2-Clause-Patent",
    "Apache-2.0",
    "Apache-1.1",
    "Zlib",
    "Unlicense",
    "CC0-1.0",
    "BSL-1.0",
    "PostgreSQL",
    "CECILL-B",
    "etalab-2.0",
    "Python-2.0",
    "PSF-2.0",
    "OLDAP-2.8",
    "W3C",
    "NCSA",
    "Unicode-3.0",
    "Unicode-DFS-2016",
    "curl",
    "BlueOak-1.0.0",
    "CC-BY-4.0",
    "CC-BY-3.0",
    "Artistic-2.0",
    "UPL-1.0",
    "WTFPL",
    "AFL-3.0",
    "PHP-3.01",
    "Ruby",
    "OpenSSL",
    "libpng-2.0",
    "Libpng",
    "FTL",
    "bzip2-1.0.6",
    "LicenseRef-public-domain",
    "MulanPSL-2.0",
    "ECL-2.0",
];

fn strength_of(id: &str) -> Option<Strength> {
    if PERMISSIVE.contains(&id) || id.starts_with("BSD-") {
        return Some(Strength::Permissive);
    }
    let s = match id {
        _ if id.starts_with("AGPL-") => Strength::Network,
        "EUPL-1.1" | "EUPL-1.2" | "OSL-3.0" | "OSL-2.1" | "SSPL-1.0" | "RPL-1.5" | "CPAL-1.0" => Strength::Network,
        _ if id.starts_with("GPL-") => Strength::Strong,
        "CECILL-2.1" | "CECILL-2.0" | "CECILL-1.1" | "CECILL-1.0" | "EUPL-1.0" | "Sleepycat" | "CC-BY-SA-4.0"
        | "CC-BY-SA-3.0" | "ODbL-1.0" => Strength::Strong,
        _ if id.starts_with("LGPL-") => Strength::WeakLibrary,
        "CECILL-C" | "LGPLLR" => Strength::WeakLibrary,
        "MPL-2.0"
        | "MPL-2.0-no-copyleft-exception"
        | "MPL-1.1"
        | "MPL-1.0"
        | "EPL-2.0"
        | "EPL-1.0"
        | "CDDL-1.0"
        | "CDDL-1.1"
        | "CPL-1.0"
        | "IPL-1.0"
        | "APSL-2.0"
        | "MS-RL"
        | "Zimbra-1.3" => Strength::WeakFile,
        _ => return None,
    };
    Some(s)
}

/// Facts about an SPDX id.
pub fn info(id: &str) -> Info {
    let l = spdx::license_id(id);
    Info {
        id: id.to_string(),
        name: l.map(|l| l.full_name.to_string()),
        osi: l.is_some_and(|l| l.is_osi_approved()),
        fsf: l.is_some_and(|l| l.is_fsf_free_libre()),
        deprecated: l.is_some_and(|l| l.is_deprecated()),
        strength: strength_of(id),
        crpa: super::crpa::entry(id).map(|e| e.family),
        class: super::classify(id),
    }
}

/// Result of a compatibility check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "verdict")]
pub enum Compat {
    /// The inbound component may be delivered under the outbound licence.
    Ok {
        /// Condition or limit to keep in mind.
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// It may not.
    Conflict {
        /// Why.
        reason: String,
    },
    /// Not known (unknown or unrecognised licence, or a pair the rules do not cover).
    Unknown {
        /// Why.
        reason: String,
    },
}

impl Compat {
    fn ok() -> Compat {
        Compat::Ok { note: None }
    }
    fn note(s: impl Into<String>) -> Compat {
        Compat::Ok { note: Some(s.into()) }
    }
    fn conflict(s: impl Into<String>) -> Compat {
        Compat::Conflict { reason: s.into() }
    }
    fn unknown(s: impl Into<String>) -> Compat {
        Compat::Unknown { reason: s.into() }
    }
    /// Whether it is `Ok`.
    pub fn is_ok(&self) -> bool {
        matches!(self, Compat::Ok { .. })
    }
}

/// Licences the EUPL-1.2 lets a combined work be distributed under (art. 5, appendix).
pub const EUPL_COMPATIBLE: &[&str] = &[
    "GPL-2.0-only",
    "GPL-3.0-only",
    "AGPL-3.0-only",
    "OSL-2.1",
    "OSL-3.0",
    "EPL-1.0",
    "CECILL-2.0",
    "CECILL-2.1",
    "MPL-2.0",
    "LGPL-2.1-only",
    "LGPL-3.0-only",
    "CC-BY-SA-3.0",
    "LiLiQ-R",
    "LiLiQ-Rplus",
    "EUPL-1.1",
    "EUPL-1.2",
];

/// Licences CeCILL v2.1 lets a combined work be distributed under (art. 5.3.4).
const CECILL_COMPATIBLE: &[&str] = &[
    "CECILL-2.1",
    "GPL-2.0-or-later",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "EUPL-1.1",
    "EUPL-1.2",
];

/// GNU family, version and "or later" of an id (`GPL-2.0-or-later` → ("GPL", 2, true)).
fn gnu(id: &str) -> Option<(&str, u8, bool)> {
    let (fam, rest) = id.split_once('-')?;
    if !matches!(fam, "GPL" | "LGPL" | "AGPL") {
        return None;
    }
    let later = rest.ends_with("-or-later");
    let v = rest.trim_end_matches("-or-later").trim_end_matches("-only");
    let major = match v {
        "1.0" => 1,
        "2.0" | "2.1" => 2,
        "3.0" => 3,
        _ => return None,
    };
    Some((fam, major, later))
}

/// GNU GPL/AGPL versions an outbound id amounts to (`GPL-2.0-or-later` counts as GPL-2.0 and
/// GPL-3.0; the delivery must be able to satisfy the inbound licence).
fn gpl_ok(inb: (&str, u8, bool), out: &str, lang: Lang) -> Compat {
    let Some((ofam, omaj, olater)) = gnu(out) else {
        let f = fam_name(inb);
        return Compat::conflict(lang.pick(format!(
                "{f} is strong copyleft: a delivery including it must be under the same licence (or a later GNU version it allows), not {out}"
            ),
            format!(
                "{f} est une licence à copyleft fort : une livraison qui l'inclut doit être sous la même licence (ou une version GNU ultérieure qu'elle permet), pas sous {out}"
            ),
        ));
    };
    let (ifam, imaj, ilater) = inb;
    let fam_ok = ifam == ofam || (ifam == "GPL" && ofam == "AGPL" && imaj == 3);
    if !fam_ok {
        if ifam == "AGPL" {
            return Compat::conflict(lang.pick(
                format!("AGPL code requires the delivery to be under the AGPL, not {out}"),
                format!("du code sous AGPL impose que la livraison soit sous AGPL, pas sous {out}"),
            ));
        }
        let f = fam_name(inb);
        return Compat::conflict(lang.pick(
            format!("{f} cannot be relicensed under {out}"),
            format!("{f} ne peut pas être relicencié sous {out}"),
        ));
    }
    if ifam == "GPL" && ofam == "AGPL" {
        return Compat::note(lang.pick("GPL-3.0 § 13 allows combining with AGPL-3.0 code; the GPL part keeps its own terms",
            "la GPL-3.0 (§ 13) permet la combinaison avec du code AGPL-3.0 ; la partie GPL garde ses propres conditions",
        ));
    }
    if omaj == imaj && (!olater || ilater) {
        return Compat::ok();
    }
    if omaj == imaj && olater && !ilater {
        let f = fam_name(inb);
        return Compat::conflict(lang.pick(
            format!("the component is {f}-only: the delivery cannot offer later versions ({out})"),
            format!(
                "le composant est sous {f} seulement : la livraison ne peut pas offrir de versions ultérieures ({out})"
            ),
        ));
    }
    if omaj > imaj && ilater {
        return Compat::note(lang.pick(
            format!("the component's \"or later\" clause allows version {omaj}"),
            format!("la clause « ou toute version ultérieure » du composant permet la version {omaj}"),
        ));
    }
    let f = fam_name(inb);
    Compat::conflict(lang.pick(
        format!("{f} is not compatible with {out}"),
        format!("{f} n'est pas compatible avec {out}"),
    ))
}

fn fam_name(g: (&str, u8, bool)) -> String {
    format!("{}-{}{}", g.0, g.1, if g.2 { "+" } else { "" })
}

/// Compatibility of one inbound SPDX id with one outbound SPDX id, explained in `lang`.
pub fn compatible_ids(inbound: &str, outbound: &str, lang: Lang) -> Compat {
    use super::LicenceClass;
    if inbound == outbound {
        return Compat::ok();
    }
    if super::classify(inbound) == LicenceClass::NonFree {
        return Compat::conflict(lang.pick(
            format!("{inbound} is not a free licence: it cannot be redistributed under {outbound}"),
            format!("{inbound} n'est pas une licence libre : il ne peut pas être redistribué sous {outbound}"),
        ));
    }
    let Some(si) = strength_of(inbound) else {
        return Compat::unknown(lang.pick(
            format!("no policy data for {inbound}"),
            format!("pas de règle de compatibilité pour {inbound}"),
        ));
    };
    let so = strength_of(outbound);
    if so.is_none() && super::classify(outbound) != LicenceClass::NonFree {
        return Compat::unknown(lang.pick(
            format!("no policy data for the outbound licence {outbound}"),
            format!("pas de règle de compatibilité pour la licence de sortie {outbound}"),
        ));
    }
    let out_gnu = gnu(outbound);
    match si {
        Strength::Permissive => {
            if inbound == "Apache-2.0" {
                if let Some(("GPL" | "LGPL" | "AGPL", 1 | 2, later)) = out_gnu {
                    if !later {
                        return Compat::conflict(lang.pick(format!(
                                "Apache-2.0 is not compatible with {outbound} (patent and indemnity terms; FSF), only with GPL-3.0"
                            ),
                            format!(
                                "Apache-2.0 n'est pas compatible avec {outbound} (clauses de brevets et d'indemnisation ; FSF), seulement avec la GPL-3.0"
                            ),
                        ));
                    }
                    return Compat::note(lang.pick(
                        "through the \"or later\" clause: the combination is distributed under GPL-3.0",
                        "par la clause « ou toute version ultérieure » : l'ensemble est distribué sous GPL-3.0",
                    ));
                }
            }
            Compat::note(lang.pick(
                format!("keep {inbound}'s copyright and licence notices"),
                format!("conserver les mentions de droit d'auteur et de licence du composant sous {inbound}"),
            ))
        }
        Strength::WeakFile => {
            if inbound == "MPL-2.0" && out_gnu.is_some() {
                return Compat::note(lang.pick("MPL-2.0 § 3.3: GNU licences are secondary licences; MPL files stay available under MPL-2.0",
                    "MPL-2.0 § 3.3 : les licences GNU sont des licences secondaires ; les fichiers MPL restent disponibles sous MPL-2.0",
                ));
            }
            if inbound.starts_with("EPL") && out_gnu.is_some() {
                return Compat::unknown(lang.pick(
                    format!(
                        "{inbound} is compatible with the GPL only if the component names it as a secondary licence"
                    ),
                    format!(
                        "{inbound} n'est compatible avec la GPL que si le composant la désigne comme licence secondaire"
                    ),
                ));
            }
            Compat::note(lang.pick(format!(
                    "files under {inbound} (and their modifications) stay under {inbound}; their source must be made available"
                ),
                format!(
                    "les fichiers sous {inbound} (et leurs modifications) restent sous {inbound} ; leur source doit être mise à disposition"
                ),
            ))
        }
        Strength::WeakLibrary => {
            if let Some((_, _, _)) = out_gnu {
                if let Some(g) = gnu(inbound) {
                    // LGPL into GPL: conversion to the GPL is allowed (LGPL-2.1 § 3, LGPL-3.0 builds on GPL-3.0).
                    let need = if g.1 == 3 { 3 } else { 2 };
                    if out_gnu.is_some_and(|o| o.1 >= need || o.2) {
                        return Compat::ok();
                    }
                    return Compat::conflict(lang.pick(
                        format!("{inbound} cannot be combined under {outbound}"),
                        format!("{inbound} ne peut pas être combiné sous {outbound}"),
                    ));
                }
            }
            Compat::note(lang.pick(format!(
                    "limit: allowed when {inbound} code is used as a library (dynamic linking, or static linking with the means to relink) and stays under {inbound}; copying its code into the delivery's own files is not"
                ),
                format!(
                    "limite : permis si le code sous {inbound} est utilisé comme bibliothèque (liaison dynamique, ou statique avec les moyens de refaire l'édition de liens) et reste sous {inbound} ; copier son code dans les fichiers propres de la livraison ne l'est pas"
                ),
            ))
        }
        Strength::Strong | Strength::Network => {
            if let Some(g) = gnu(inbound) {
                return gpl_ok(g, outbound, lang);
            }
            match inbound {
                "EUPL-1.2" | "EUPL-1.1" => {
                    if EUPL_COMPATIBLE.contains(&outbound) {
                        Compat::note(lang.pick(format!(
                                "EUPL art. 5 compatibility clause: a combined work may be distributed under {outbound}"
                            ),
                            format!(
                                "clause de compatibilité de l'EUPL (art. 5) : une œuvre combinée peut être distribuée sous {outbound}"
                            ),
                        ))
                    } else {
                        Compat::conflict(lang.pick(format!(
                                "{inbound} code may only be delivered under the EUPL or a licence of its compatibility appendix, not {outbound}"
                            ),
                            format!(
                                "du code sous {inbound} ne peut être livré que sous l'EUPL ou une licence de son appendice de compatibilité, pas sous {outbound}"
                            ),
                        ))
                    }
                }
                "CECILL-2.1" | "CECILL-2.0" => {
                    if CECILL_COMPATIBLE.contains(&outbound) || outbound == inbound {
                        Compat::note(lang.pick(format!("CeCILL art. 5.3.4: the combined work may be distributed under {outbound}"),
                            format!("CeCILL art. 5.3.4 : l'œuvre combinée peut être distribuée sous {outbound}"),
                        ))
                    } else {
                        Compat::conflict(lang.pick(format!(
                                "{inbound} code may only be delivered under the CeCILL or the GNU GPL/AGPL/EUPL, not {outbound}"
                            ),
                            format!(
                                "du code sous {inbound} ne peut être livré que sous la CeCILL ou la GNU GPL/AGPL/EUPL, pas sous {outbound}"
                            ),
                        ))
                    }
                }
                _ => Compat::conflict(lang.pick(format!(
                        "{inbound} is strong copyleft: a delivery including it must be under {inbound}, not {outbound}"
                    ),
                    format!(
                        "{inbound} est une licence à copyleft fort : une livraison qui l'inclut doit être sous {inbound}, pas sous {outbound}"
                    ),
                )),
            }
        }
    }
}

/// Compatibility of an inbound licence expression with an outbound one (both SPDX expressions,
/// or strings [`super::expr::normalize`] can read). An inbound `A OR B` is fine when one
/// alternative is; `A AND B` when both are; the outbound expression's every licence must accept
/// the inbound (recipients may pick any alternative). Reasons and notes are in `lang`.
pub fn compatible(inbound: &str, outbound: &str, lang: Lang) -> Compat {
    let parse = |s: &str| -> Option<Expression> {
        let n = super::expr::normalize(s);
        Expression::parse(n.expression.as_deref()?).ok()
    };
    let Some(inb) = parse(inbound) else {
        return Compat::unknown(lang.pick(
            format!("unrecognised inbound licence {inbound:?}"),
            format!("licence entrante non reconnue {inbound:?}"),
        ));
    };
    let Some(out) = parse(outbound) else {
        return Compat::unknown(lang.pick(
            format!("unrecognised outbound licence {outbound:?}"),
            format!("licence de sortie non reconnue {outbound:?}"),
        ));
    };
    let outs: Vec<String> = out.requirements().map(|r| r.req.license.to_string()).collect();
    let check_one = |i: &str| -> Compat {
        let mut notes = Vec::new();
        for o in &outs {
            match compatible_ids(i, o, lang) {
                Compat::Ok { note } => notes.extend(note),
                other => return other,
            }
        }
        if notes.is_empty() {
            Compat::ok()
        } else {
            notes.dedup();
            Compat::note(notes.join("; "))
        }
    };
    // Evaluate the inbound expression: OR picks the best alternative, AND needs all.
    let mut worst: Option<Compat> = None;
    let results: Vec<(String, Compat)> = inb
        .requirements()
        .map(|r| {
            let id = r.req.license.to_string();
            let c = check_one(&id);
            (id, c)
        })
        .collect();
    let ok = inb.evaluate(|r| {
        let id = r.license.to_string();
        results.iter().any(|(i, c)| *i == id && c.is_ok())
    });
    if ok {
        let notes: Vec<String> = results
            .iter()
            .filter_map(|(_, c)| match c {
                Compat::Ok { note: Some(n) } => Some(n.clone()),
                _ => None,
            })
            .collect();
        return if notes.is_empty() {
            Compat::ok()
        } else {
            Compat::note(notes.join("; "))
        };
    }
    for (_, c) in results {
        match c {
            Compat::Conflict { .. } => return c,
            Compat::Unknown { .. } if worst.is_none() => worst = Some(c),
            _ => {}
        }
    }
    worst.unwrap_or_else(|| {
        Compat::unknown(lang.pick(
            "no alternative could be checked",
            "aucune alternative n'a pu être vérifiée",
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(i: &str, o: &str) -> &'static str {
        match compatible(i, o, Lang::En) {
            Compat::Ok { .. } => "ok",
            Compat::Conflict { .. } => "conflict",
            Compat::Unknown { .. } => "unknown",
        }
    }

    #[test]
    fn rules() {
        assert_eq!(v("GPL-3.0-only", "MIT"), "conflict");
        assert_eq!(v("MIT", "GPL-3.0-only"), "ok");
        assert_eq!(v("Apache-2.0", "GPL-2.0-only"), "conflict");
        assert_eq!(v("Apache-2.0", "GPL-3.0-or-later"), "ok");
        assert_eq!(v("GPL-2.0-only", "GPL-3.0-only"), "conflict");
        assert_eq!(v("GPL-2.0-or-later", "GPL-3.0-only"), "ok");
        assert_eq!(v("GPL-2.0-only", "GPL-2.0-or-later"), "conflict");
        assert_eq!(v("AGPL-3.0-only", "GPL-3.0-only"), "conflict");
        assert_eq!(v("GPL-3.0-only", "AGPL-3.0-only"), "ok");
        assert_eq!(v("EUPL-1.2", "GPL-3.0-only"), "ok");
        assert_eq!(v("EUPL-1.2", "MIT"), "conflict");
        assert_eq!(v("GPL-3.0-only", "EUPL-1.2"), "conflict");
        assert_eq!(v("LGPL-2.1-only", "MIT"), "ok");
        assert!(
            matches!(compatible("LGPL-2.1-only", "MIT", Lang::En), Compat::Ok { note: Some(n) } if n.contains("dynamic"))
        );
        assert_eq!(v("MIT OR GPL-3.0-only", "Apache-2.0"), "ok");
        assert_eq!(v("MIT AND GPL-3.0-only", "Apache-2.0"), "conflict");
        assert_eq!(v("CECILL-2.1", "GPL-3.0-or-later"), "ok");
        assert_eq!(v("CC-BY-NC-4.0", "MIT"), "conflict");
        assert_eq!(v("Glide", "MIT"), "unknown");
        assert_eq!(v("GPL-2.0+", "GPL-3.0-only"), "ok");
        assert_eq!(v("whatever licence", "MIT"), "unknown");
        assert_eq!(v("MIT", "MIT OR Apache-2.0"), "ok");
        assert_eq!(v("GPL-3.0-only", "MIT OR GPL-3.0-only"), "conflict");
    }

    #[test]
    fn info_flags() {
        let i = info("EUPL-1.2");
        assert!(i.osi && i.fsf);
        assert_eq!(i.strength, Some(Strength::Network));
        assert_eq!(i.crpa, Some(super::super::crpa::Family::Reciprocal));
        assert_eq!(info("MIT").strength, Some(Strength::Permissive));
        assert_eq!(info("MPL-2.0").strength, Some(Strength::WeakFile));
        assert_eq!(info("LGPL-3.0-or-later").strength, Some(Strength::WeakLibrary));
    }
}

//! Licence names as people write them (« Licence Ouverte 2.0 », « CeCILL-B », « EUPL 1.2 »,
//! « licence publique de l'Union européenne », « GNU GPL v3 ou ultérieure », "Apache License,
//! Version 2.0", SPDX ids…), found in folded text (see [`crate::normalize`]) and resolved to SPDX.

use super::{LicenceClass, classify};
use regex::Regex;
use serde::Serialize;
use std::ops::Range;
use std::sync::LazyLock;

/// A licence named in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Range in the folded text.
    #[serde(skip)]
    pub range: Range<usize>,
    /// SPDX id (or `LicenseRef-public-domain`, `LicenseRef-proprietary`…).
    pub id: String,
    /// Standing against the D.323-2-1 list.
    pub class: LicenceClass,
}

struct Pattern {
    re: Regex,
    resolve: fn(&regex::Captures) -> Option<String>,
}

fn gnu(caps: &regex::Captures) -> Option<String> {
    let fam = caps.name("fam").map(|m| m.as_str()).unwrap_or("");
    let family = if fam.starts_with('a') || fam.contains("affero") {
        "AGPL"
    } else if fam.starts_with('l')
        || fam.contains("lesser")
        || fam.contains("limitee")
        || fam.contains("amoindrie")
        || fam.contains("library")
    {
        "LGPL"
    } else {
        "GPL"
    };
    let ver = caps.name("ver").map(|m| m.as_str()).unwrap_or("");
    let ver = match (family, ver.trim_start_matches('v')) {
        ("AGPL", "" | "3" | "3.0") => "3.0",
        ("LGPL", "2.1") => "2.1",
        ("LGPL", "2" | "2.0") => "2.0",
        ("LGPL", "" | "3" | "3.0") => "3.0",
        ("GPL", "2" | "2.0") => "2.0",
        ("GPL", "1" | "1.0") => "1.0",
        ("GPL", "" | "3" | "3.0") => "3.0",
        (_, "1" | "1.0") => "1.0",
        (_, _) => return None,
    };
    let later = caps.name("later").is_some();
    Some(format!("{family}-{ver}-{}", if later { "or-later" } else { "only" }))
}

/// For patterns whose id is fixed in the table.
fn fixed(_: &regex::Captures) -> Option<String> {
    None
}

/// `\b` as an ASCII word boundary.
fn ascii_boundaries(p: &str) -> String {
    p.replace(r"\b", r"(?-u:\b)")
}

macro_rules! pat {
    ($re:expr, $f:expr) => {
        Pattern {
            // ASCII word boundaries: the folded text is ASCII but for rare letters, and Unicode
            // boundaries would force the slow engines on any non-ASCII byte
            re: Regex::new(&ascii_boundaries($re)).unwrap(),
            resolve: $f,
        }
    };
}

const LATER: &str = r"(?P<later>\s*(?:\+|-or-later|,? or (?:\(?at your option\)? )?(?:any )?later(?: version)?|,? ou (?:toute |a votre choix )?(?:version )?ult[eé]rieure|,? ou (?:toute )?version post[eé]rieure|,? ou plus r[eé]cente))?";

static PATTERNS: LazyLock<Vec<(Pattern, Option<&'static str>)>> = LazyLock::new(|| {
    let v = r"(?:\s*[,-]?\s*(?:v(?:ersion)?\.?\s*|n° ?)?)";
    let gnu_ver = format!(r"(?:{v}(?P<ver>v?[123](?:\.[01])?))?");
    vec![
        // GNU family, SPDX-style ids first
        (
            pat!(
                r"\b(?P<fam>a|l)?gpl-(?P<ver>[123]\.[01])(?:-(?P<later>or-later)|-only|\+)?\b",
                gnu
            ),
            None,
        ),
        (
            pat!(&format!(r"\b(?:gnu\s+)?(?P<fam>a|l)?gpl\b{gnu_ver}{LATER}"), gnu),
            None,
        ),
        (
            pat!(
                &format!(
                    r"\b(?:(?:la\s+)?licence\s+publique\s+g[eé]n[eé]rale\s+(?P<fam>limit[eé]e\s+|amoindrie\s+|affero\s+)?(?:gnu)?|(?:gnu\s+)?(?P<fam2>affero\s+|lesser\s+|library\s+)?general\s+public\s+licen[cs]e){gnu_ver}{LATER}"
                ),
                |c| {
                    let fam = c
                        .name("fam")
                        .or(c.name("fam2"))
                        .map(|m| m.as_str().trim().to_string())
                        .unwrap_or_default();
                    let f = if fam.starts_with("affero") {
                        "a"
                    } else if fam.is_empty() {
                        ""
                    } else {
                        "l"
                    };
                    // rebuild a capture-like resolution
                    let ver = c.name("ver").map(|m| m.as_str()).unwrap_or("");
                    let later = c.name("later").is_some();
                    let family = match f {
                        "a" => "AGPL",
                        "l" => "LGPL",
                        _ => "GPL",
                    };
                    let ver = match (family, ver.trim_start_matches('v')) {
                        ("LGPL", "2.1") => "2.1",
                        ("GPL", "2" | "2.0") => "2.0",
                        (_, "" | "3" | "3.0") => "3.0",
                        _ => return None,
                    };
                    Some(format!("{family}-{ver}-{}", if later { "or-later" } else { "only" }))
                }
            ),
            None,
        ),
        (
            pat!(
                r"\blicence\s+ouverte(?:\s*(?:/|-)\s*open\s+licen[cs]e)?(?:\s*,?\s*(?:v(?:ersion)?\.?\s*)?(?P<v>[12](?:\.0)?))?\b",
                |c| {
                    Some(match c.name("v").map(|m| m.as_str()) {
                        Some("1" | "1.0") => "etalab-1.0".to_string(),
                        _ => "etalab-2.0".to_string(),
                    })
                }
            ),
            None,
        ),
        (
            pat!(
                r"\betalab[- ]?(?:2(?:\.0)?|licen[cs]e)\b|\bopen\s+licen[cs]e\s+(?:v(?:ersion)?\.?\s*)?2\.0\b",
                fixed
            ),
            Some("etalab-2.0"),
        ),
        (
            pat!(
                r"\bodbl\b(?:-?1\.0)?|\bopen\s+database\s+licen[cs]e\b(?:\s*(?:v(?:ersion)?\.?\s*)?1\.0)?",
                fixed
            ),
            Some("ODbL-1.0"),
        ),
        (
            pat!(
                r"\b(?:the\s+)?apache(?:\s+software)?(?:\s+licen[cs]e)?(?:\s*,?\s*(?:v(?:ersion)?\.?\s*)?)?2(?:\.0)?\b|\bapache-2\.0\b|\blicence\s+apache\s+(?:v(?:ersion)?\.?\s*)?2(?:\.0)?\b",
                fixed
            ),
            Some("Apache-2.0"),
        ),
        (
            pat!(
                r"\bmit\s+licen[cs]e\b|\blicen[cs]e\s+mit\b|\bmit\b(?:\s*/\s*|\s+ou\s+|\s+or\s+)|\b(?:sous|under)\s+(?:la\s+|the\s+)?(?:licence\s+)?mit\b|\(mit\)|\bexpat\s+licen[cs]e\b",
                fixed
            ),
            Some("MIT"),
        ),
        (
            pat!(
                r"\bbsd[- ]?2[- ]?clauses?\b|\bbsd\s+(?:a\s+)?(?:2|deux)\s+clauses\b|\bsimplified\s+bsd\b",
                fixed
            ),
            Some("BSD-2-Clause"),
        ),
        (
            pat!(
                r"\bbsd[- ]?3[- ]?clauses?\b|\bbsd\s+(?:a\s+)?(?:3|trois)\s+clauses\b|\b(?:new|revised|modified)\s+bsd\b|\bbsd[- ]3\.0\b",
                fixed
            ),
            Some("BSD-3-Clause"),
        ),
        (pat!(r"\bcecill[- ]?b\b", fixed), Some("CECILL-B")),
        (pat!(r"\bcecill[- ]?c\b", fixed), Some("CECILL-C")),
        (
            pat!(
                r"\bcecill\b(?:[- ]?(?:v(?:ersion)?\.?\s*)?(?P<v>\d+(?:\.\d+)?))?",
                |c| {
                    Some(
                        match c.name("v").map(|m| m.as_str()) {
                            Some("1" | "1.0") => "CECILL-1.0",
                            Some("1.1") => "CECILL-1.1",
                            Some("2" | "2.0") => "CECILL-2.0",
                            Some("2.1") | None => "CECILL-2.1",
                            Some(_) => return None,
                        }
                        .to_string(),
                    )
                }
            ),
            None,
        ),
        (
            pat!(
                r"\bmpl[- ]?(?:v\.?\s*)?2(?:\.0)?\b|\bmozilla\s+public\s+licen[cs]e(?:\s*,?\s*(?:v(?:ersion)?\.?\s*)?2(?:\.0)?)?",
                fixed
            ),
            Some("MPL-2.0"),
        ),
        (pat!(r"\bmpl[- ]?(?:v\.?\s*)?1\.1\b", fixed), Some("MPL-1.1")),
        (
            pat!(
                r"\bepl[- ]?(?:v\.?\s*)?2(?:\.0)?\b|\beclipse\s+public\s+licen[cs]e(?:\s*,?\s*(?:v(?:ersion)?\.?\s*)?2(?:\.0)?)?",
                fixed
            ),
            Some("EPL-2.0"),
        ),
        (pat!(r"\bepl[- ]?(?:v\.?\s*)?1(?:\.0)?\b", fixed), Some("EPL-1.0")),
        (
            pat!(
                r"\beupl\b(?:[- ]?(?:v(?:ersion)?\.?\s*)?(?P<v>1\.0|1\.1|1\.2|2\.0))?|\b(?:european\s+union\s+public\s+licen[cs]e|licence\s+publique\s+de\s+l'union\s+europeenne)(?:\s*,?\s*(?:v(?:ersion)?\.?\s*)?(?P<v2>1\.[012]))?",
                |c| {
                    Some(
                        match c.name("v").or(c.name("v2")).map(|m| m.as_str()) {
                            Some("1.0") => "EUPL-1.0",
                            Some("1.1") => "EUPL-1.1",
                            _ => "EUPL-1.2",
                        }
                        .to_string(),
                    )
                }
            ),
            None,
        ),
        (
            pat!(r"\bcc[- ]?0\b|\bcc[- ]zero\b|\bcreative\s+commons\s+zero\b", fixed),
            Some("CC0-1.0"),
        ),
        (
            pat!(
                r"\b(?:cc|creative\s+commons)[- ](?:by|attribution)(?P<m>(?:[- ](?:nc|nd|sa|noncommercial|non\s+commercial|pas\s+d'utilisation\s+commerciale|noderivatives|no\s+derivatives|pas\s+de\s+modification|sharealike|share\s*alike|partage\s+dans\s+les\s+memes\s+conditions))*)(?:[- ]?(?:v\.?\s*)?(?P<v>[1-4]\.0))?",
                |c| {
                    let m = c.name("m").map(|m| m.as_str()).unwrap_or("");
                    let nc = m.contains("nc") || m.contains("commerc");
                    let nd = m.contains("nd") || m.contains("deriv") || m.contains("modification");
                    let sa = m.contains("sa") || m.contains("share") || m.contains("partage");
                    let mut id = String::from("CC-BY");
                    if nc {
                        id.push_str("-NC")
                    }
                    if nd {
                        id.push_str("-ND")
                    } else if sa {
                        id.push_str("-SA")
                    }
                    id.push('-');
                    id.push_str(c.name("v").map(|m| m.as_str()).unwrap_or("4.0"));
                    Some(id)
                }
            ),
            None,
        ),
        (pat!(r"\bunlicense\b", fixed), Some("Unlicense")),
        (
            pat!(r"\b(?:the\s+)?public\s+domain\b|\bdomaine\s+public\b", fixed),
            Some("LicenseRef-public-domain"),
        ),
        (
            pat!(r"\bsspl\b|\bserver\s+side\s+public\s+licen[cs]e\b", fixed),
            Some("SSPL-1.0"),
        ),
        (
            pat!(r"\bbusl\b|\bbusiness\s+source\s+licen[cs]e\b", fixed),
            Some("BUSL-1.1"),
        ),
        (pat!(r"\bcommons\s+clause\b", fixed), Some("LicenseRef-Commons-Clause")),
        (
            pat!(
                r"\blicen[cs]es?\s+proprietaires?\b|\bproprietary\s+licen[cs]es?\b|\blicence\s+commerciale\b|\bcommercial\s+licen[cs]e\b",
                fixed
            ),
            Some("LicenseRef-proprietary"),
        ),
    ]
});

/// Finds licence mentions in folded text, left to right, without overlaps (the longest wins).
pub fn find(folded: &str) -> Vec<Mention> {
    let mut all: Vec<Mention> = Vec::new();
    for (p, id) in PATTERNS.iter() {
        // a fixed id needs no capture groups: the plain search is much faster
        let found: Vec<(regex::Match, Option<String>)> = match id {
            Some(id) => p.re.find_iter(folded).map(|m| (m, Some(id.to_string()))).collect(),
            None => {
                p.re.captures_iter(folded)
                    .map(|caps| (caps.get(0).expect("group 0"), (p.resolve)(&caps)))
                    .collect()
            }
        };
        for (m, id) in found {
            if let Some(id) = id {
                let end = folded[..m.end()].trim_end_matches([' ', ',', '/']).len();
                let class = classify(&id);
                all.push(Mention {
                    range: m.start()..end,
                    id,
                    class,
                });
            }
        }
    }
    all.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(b.range.end.cmp(&a.range.end)));
    let mut out: Vec<Mention> = Vec::new();
    for m in all {
        if out.last().is_some_and(|l| m.range.start < l.range.end) {
            continue;
        }
        out.push(m);
    }
    out
}

/// Resolves a licence name (one licence) to an SPDX id.
pub fn resolve(name: &str) -> Option<String> {
    let folded = crate::normalize::fold_str(name);
    if let Some(l) = spdx::license_id(name.trim()) {
        return Some(l.name.to_string());
    }
    find(&folded).into_iter().next().map(|m| m.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(s: &str) -> Vec<String> {
        find(&crate::normalize::fold_str(s)).into_iter().map(|m| m.id).collect()
    }

    #[test]
    fn french_and_english_names() {
        assert_eq!(ids("sous Licence Ouverte 2.0"), vec!["etalab-2.0"]);
        assert_eq!(ids("la licence CeCILL-B"), vec!["CECILL-B"]);
        assert_eq!(ids("EUPL 1.2"), vec!["EUPL-1.2"]);
        assert_eq!(ids("la licence publique de l'Union européenne"), vec!["EUPL-1.2"]);
        assert_eq!(ids("GNU GPL v3 ou ultérieure"), vec!["GPL-3.0-or-later"]);
        assert_eq!(ids("GNU GPL v3"), vec!["GPL-3.0-only"]);
        assert_eq!(ids("GPL-2.0-only"), vec!["GPL-2.0-only"]);
        assert_eq!(ids("AGPL-3.0-or-later"), vec!["AGPL-3.0-or-later"]);
        assert_eq!(
            ids("GNU Affero General Public License version 3 or any later version"),
            vec!["AGPL-3.0-or-later"]
        );
        assert_eq!(ids("The Apache Software License, Version 2.0"), vec!["Apache-2.0"]);
        assert_eq!(ids("licence CeCILL version 2.1"), vec!["CECILL-2.1"]);
        assert_eq!(ids("CC BY-NC-ND 4.0"), vec!["CC-BY-NC-ND-4.0"]);
        assert_eq!(ids("a Public Domain license"), vec!["LicenseRef-public-domain"]);
        assert_eq!(ids("MPL 2.0 et EPL 1.0"), vec!["MPL-2.0", "EPL-1.0"]);
        assert_eq!(
            ids("the software shall be developed in Go and deployed on Linux"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn classes() {
        let c = |s: &str| find(&crate::normalize::fold_str(s))[0].class;
        assert_eq!(c("EUPL 1.2"), LicenceClass::Listed);
        assert_eq!(c("GPL-2.0-only"), LicenceClass::FreeUnlisted);
        assert_eq!(c("CC BY-NC 4.0"), LicenceClass::NonFree);
        assert_eq!(c("licence propriétaire"), LicenceClass::NonFree);
    }
}

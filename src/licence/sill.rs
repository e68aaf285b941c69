//! The SILL (Socle interministériel de logiciels libres): the 2022-05 catalogue embedded in the
//! binary (`data/sill-2022-05.json`, Etalab, Licence Ouverte 2.0), or a fresher export read from a
//! file in either format: the 2022 `sill.json` (short keys `i`, `l`, `v-`, `st`, `su`…) or the
//! current Catalogi export (`name`, `license`, `versionMin`, `dereferencing`,
//! `isPresentInSupportContract`…).

use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// Source of the embedded catalogue.
pub const EMBEDDED_SOURCE: &str =
    "SILL 2022, Etalab etalab/sill-contents docs/sill.json, data of 2022-05-10, Licence Ouverte 2.0 (etalab-2.0)";

static EMBEDDED: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sill-2022-05.json"));

/// Standing of a software in the SILL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "status")]
pub enum Status {
    /// Recommended (2022 `R`, Catalogi: neither dereferenced nor in observation).
    Recommended,
    /// In observation (2022 `O`, Catalogi `isStillInObservation`).
    InObservation,
    /// Removed from the catalogue (Catalogi `dereferencing`; 2022 `FR`, or absent from the
    /// latest year).
    Dereferenced {
        /// Why, when said.
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        /// Last recommended version, when said.
        #[serde(skip_serializing_if = "Option::is_none")]
        last_recommended_version: Option<String>,
    },
}

/// One software of the catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Identifier in the catalogue.
    pub id: String,
    /// Name.
    pub name: String,
    /// Licence as written in the catalogue.
    pub licence_raw: String,
    /// Licence as an SPDX expression (normalised), when recognised.
    pub licence: Option<String>,
    /// Notes from normalising the licence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub licence_notes: Vec<String>,
    /// Minimal recommended version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_min: Option<String>,
    /// Maximal version (2022 format).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_max: Option<String>,
    /// Status.
    pub status: Status,
    /// Covered by the interministerial support contract.
    pub support_contract: bool,
    /// Function (2022) or categories (Catalogi).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
    /// Parent software (2022).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Web site.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// A SILL catalogue with a name index.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Where it comes from.
    pub source: String,
    /// The entries, in catalogue order.
    pub entries: Vec<Entry>,
    index: HashMap<String, usize>,
}

/// Error reading a catalogue.
#[derive(Debug, thiserror::Error)]
pub enum SillError {
    /// Not JSON.
    #[error("not JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// JSON of another shape.
    #[error("not a SILL export: {0}")]
    Shape(String),
    /// I/O.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Name key: lower case, no accents, letters and digits only.
pub fn key(name: &str) -> String {
    crate::normalize::fold_str(name)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Other names people and package managers use → SILL name key.
const ALIASES: &[(&str, &str)] = &[
    ("postgres", "postgresql"),
    ("pgsql", "postgresql"),
    ("libreoffice", "libreoffice"),
    ("firefoxesr", "firefox"),
    ("mozillafirefox", "firefox"),
    ("mozillathunderbird", "thunderbird"),
    ("apache2", "apachehttpserver"),
    ("httpd", "apachehttpserver"),
    ("mariadbserver", "mariadb"),
    ("vlcmediaplayer", "vlc"),
    ("7z", "7zip"),
    ("p7zip", "7zip"),
    ("openjdk", "openjdk"),
    ("python3", "python"),
    ("nodejs", "nodejs"),
    ("node", "nodejs"),
    ("k8s", "kubernetes"),
];

/// Package-name suffixes dropped when looking a name up (`libreoffice-core`, `gimp-data`…).
const SUFFIXES: &[&str] = &[
    "core", "common", "bin", "data", "server", "client", "cli", "dev", "devel", "full", "desktop", "app", "esr",
];

fn text(v: &Value, k: &str) -> Option<String> {
    match v.get(k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn entry_2022(v: &Value) -> Option<Entry> {
    let name = text(v, "i")?;
    let years: Vec<u32> = text(v, "y")
        .unwrap_or_default()
        .split(';')
        .filter_map(|y| y.trim().parse().ok())
        .collect();
    let status = match text(v, "st").as_deref() {
        Some("R") => Status::Recommended,
        Some("O") => Status::InObservation,
        _ => Status::Dereferenced {
            reason: None,
            last_recommended_version: None,
        },
    };
    let raw = text(v, "l").unwrap_or_default();
    let n = super::expr::normalize(&raw);
    let _ = years;
    Some(Entry {
        id: text(v, "id").unwrap_or_default(),
        name,
        licence_raw: raw,
        licence: n.expression,
        licence_notes: n.notes,
        version_min: text(v, "v-").filter(|x| x != "N/A"),
        version_max: text(v, "v+").filter(|x| x != "N/A"),
        status,
        support_contract: text(v, "su").is_some_and(|s| s.eq_ignore_ascii_case("oui")),
        function: text(v, "f"),
        parent: text(v, "p"),
        website: text(v, "website"),
    })
}

fn entry_catalogi(v: &Value) -> Option<Entry> {
    let name = text(v, "name")?;
    let status = if let Some(d) = v.get("dereferencing").filter(|d| d.is_object()) {
        Status::Dereferenced {
            reason: text(d, "reason"),
            last_recommended_version: text(d, "lastRecommendedVersion"),
        }
    } else if v.get("isStillInObservation").and_then(Value::as_bool) == Some(true) {
        Status::InObservation
    } else {
        Status::Recommended
    };
    let raw = text(v, "license").unwrap_or_default();
    let n = super::expr::normalize(&raw);
    let function = v
        .get("categories")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "));
    Some(Entry {
        id: text(v, "id").unwrap_or_default(),
        name,
        licence_raw: raw,
        licence: n.expression,
        licence_notes: n.notes,
        version_min: text(v, "versionMin"),
        version_max: None,
        status,
        support_contract: v.get("isPresentInSupportContract").and_then(Value::as_bool) == Some(true),
        function: function.filter(|f| !f.is_empty()),
        parent: None,
        website: text(v, "websiteUrl").or_else(|| v.get("softwareExternalData").and_then(|x| text(x, "websiteUrl"))),
    })
}

impl Catalogue {
    /// The catalogue embedded in the binary (SILL 2022-05).
    pub fn embedded() -> Catalogue {
        Catalogue::from_json(EMBEDDED, EMBEDDED_SOURCE).expect("embedded SILL")
    }

    /// Reads an export in either format.
    pub fn from_json(json: &str, source: &str) -> Result<Catalogue, SillError> {
        let v: Value = serde_json::from_str(json)?;
        // Catalogi may wrap the list in an object.
        let list = match &v {
            Value::Array(a) => a,
            Value::Object(o) => o
                .get("catalogi")
                .or_else(|| o.get("softwares"))
                .or_else(|| o.get("software"))
                .and_then(Value::as_array)
                .ok_or_else(|| SillError::Shape("an object without a software list".into()))?,
            _ => return Err(SillError::Shape("neither a list nor an object".into())),
        };
        let mut entries = Vec::new();
        for item in list {
            let e = if item.get("i").is_some() {
                entry_2022(item)
            } else if item.get("name").is_some() {
                entry_catalogi(item)
            } else {
                None
            };
            match e {
                Some(e) => entries.push(e),
                None => return Err(SillError::Shape("an entry without a name (`i` or `name`)".into())),
            }
        }
        if entries.is_empty() {
            return Err(SillError::Shape("no entries".into()));
        }
        let mut index = HashMap::new();
        for (n, e) in entries.iter().enumerate() {
            index.entry(key(&e.name)).or_insert(n);
        }
        Ok(Catalogue {
            source: source.to_string(),
            entries,
            index,
        })
    }

    /// Reads an export file.
    pub fn from_file(path: &std::path::Path) -> Result<Catalogue, SillError> {
        let t = std::fs::read_to_string(path)?;
        Catalogue::from_json(&t, &path.display().to_string())
    }

    /// The catalogue to use: `file` if given, else the file named by `CLAUSIER_SILL`, else the
    /// embedded one.
    pub fn load(file: Option<&std::path::Path>) -> Result<Catalogue, SillError> {
        if let Some(f) = file {
            return Catalogue::from_file(f);
        }
        match std::env::var_os("CLAUSIER_SILL").filter(|v| !v.is_empty()) {
            Some(p) => Catalogue::from_file(std::path::Path::new(&p)),
            None => Ok(Catalogue::embedded()),
        }
    }

    /// The entry of a software name: case, accents and punctuation ignored, aliases
    /// (`postgres` → PostgreSQL) and package suffixes (`libreoffice-core` → LibreOffice) handled.
    pub fn lookup(&self, name: &str) -> Option<&Entry> {
        let k = key(name);
        if k.is_empty() {
            return None;
        }
        let find = |k: &str| -> Option<&Entry> {
            if let Some(&i) = self.index.get(k) {
                return Some(&self.entries[i]);
            }
            let alias = ALIASES.iter().find(|(a, _)| *a == k)?.1;
            self.index.get(alias).map(|&i| &self.entries[i])
        };
        if let Some(e) = find(&k) {
            return Some(e);
        }
        // Package names: drop trailing segments that are versions or known suffixes.
        let segs: Vec<&str> = name
            .split(|c: char| c == '-' || c == '_' || c == '.' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .collect();
        let mut n = segs.len();
        while n > 1 {
            let last = segs[n - 1].to_lowercase();
            let droppable = SUFFIXES.contains(&last.as_str()) || last.chars().all(|c| c.is_ascii_digit());
            if !droppable {
                break;
            }
            n -= 1;
            if let Some(e) = find(&key(&segs[..n].join(" "))) {
                return Some(e);
            }
        }
        // Trailing version digits glued to the name (`python3`, `gimp2`).
        let trimmed = k.trim_end_matches(|c: char| c.is_ascii_digit());
        if trimmed.len() >= 3 && trimmed != k {
            return find(trimmed);
        }
        None
    }

    /// Entries whose name (or function) contains the query, best first (exact, prefix, name,
    /// function).
    pub fn search(&self, query: &str) -> Vec<&Entry> {
        let q = key(query);
        let mut hits: Vec<(u8, &Entry)> = Vec::new();
        if let Some(e) = self.lookup(query) {
            hits.push((0, e));
        }
        for e in &self.entries {
            if hits.iter().any(|h| std::ptr::eq(h.1, e)) {
                continue;
            }
            let k = key(&e.name);
            let rank = if k.starts_with(&q) {
                1
            } else if k.contains(&q) {
                2
            } else if e.function.as_deref().is_some_and(|f| key(f).contains(&q)) {
                3
            } else {
                continue;
            };
            hits.push((rank, e));
        }
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.name.cmp(&b.1.name)));
        hits.into_iter().map(|h| h.1).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalogue() {
        let c = Catalogue::embedded();
        assert_eq!(c.entries.len(), 240);
        let lo = c.lookup("libreoffice-core").expect("libreoffice");
        assert_eq!(lo.name, "LibreOffice");
        assert_eq!(lo.licence.as_deref(), Some("MPL-2.0"));
        assert!(lo.support_contract);
        assert_eq!(c.lookup("postgres").unwrap().name, "PostgreSQL");
        assert_eq!(c.lookup("POSTGRESQL").unwrap().name, "PostgreSQL");
        assert_eq!(c.lookup("7-Zip").unwrap().name, "7zip");
        assert!(c.lookup("definitely-not-in-the-sill").is_none());
        assert!(c.search("office").iter().any(|e| e.name == "LibreOffice"));
    }
}

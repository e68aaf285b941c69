//! The licences of CRPA art. D.323-2-1 (décret n° 2017-638, extended by décret n° 2021-1559 with
//! the EUPL and the EPL), as SPDX ids in the operational list published by Etalab on
//! data.gouv.fr. Anything else needs homologation (D.323-2-2).

use serde::Serialize;

/// Family of a listed licence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// Licence for public information (data, documents): Licence Ouverte, ODbL.
    Data,
    /// Permissive software licence.
    Permissive,
    /// Reciprocal (copyleft) software licence.
    Reciprocal,
}

/// An entry of the list.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Entry {
    /// SPDX id.
    pub id: &'static str,
    /// Name as on the list.
    pub label: &'static str,
    /// Family.
    pub family: Family,
}

/// Source of the list and date of the data.
pub const SOURCE: &str = "CRPA art. D.323-2-1 (décret n° 2017-638 du 27 avril 2017, modifié par le décret n° 2021-1559 du 1er décembre 2021); SPDX ids per data.gouv.fr, licences de réutilisation (as of 2022)";

/// The list.
pub const LIST: &[Entry] = &[
    Entry {
        id: "etalab-2.0",
        label: "Licence Ouverte version 2.0",
        family: Family::Data,
    },
    Entry {
        id: "ODbL-1.0",
        label: "Open Database License 1.0",
        family: Family::Data,
    },
    Entry {
        id: "Apache-2.0",
        label: "Apache License 2.0",
        family: Family::Permissive,
    },
    Entry {
        id: "BSD-2-Clause",
        label: "BSD 2-Clause",
        family: Family::Permissive,
    },
    Entry {
        id: "BSD-3-Clause",
        label: "BSD 3-Clause",
        family: Family::Permissive,
    },
    Entry {
        id: "CECILL-B",
        label: "CeCILL-B",
        family: Family::Permissive,
    },
    Entry {
        id: "MIT",
        label: "MIT License",
        family: Family::Permissive,
    },
    Entry {
        id: "CECILL-2.1",
        label: "CeCILL v2.1",
        family: Family::Reciprocal,
    },
    Entry {
        id: "CECILL-C",
        label: "CeCILL-C",
        family: Family::Reciprocal,
    },
    Entry {
        id: "GPL-3.0-or-later",
        label: "GNU GPL v3.0 or later",
        family: Family::Reciprocal,
    },
    Entry {
        id: "LGPL-3.0-or-later",
        label: "GNU LGPL v3.0 or later",
        family: Family::Reciprocal,
    },
    Entry {
        id: "AGPL-3.0-or-later",
        label: "GNU AGPL v3.0 or later",
        family: Family::Reciprocal,
    },
    Entry {
        id: "MPL-2.0",
        label: "Mozilla Public License 2.0",
        family: Family::Reciprocal,
    },
    Entry {
        id: "EPL-2.0",
        label: "Eclipse Public License 2.0",
        family: Family::Reciprocal,
    },
    Entry {
        id: "EUPL-1.2",
        label: "European Union Public License 1.2",
        family: Family::Reciprocal,
    },
];

/// The list entry of an SPDX id (exact, case-insensitive).
pub fn entry(id: &str) -> Option<&'static Entry> {
    LIST.iter().find(|e| e.id.eq_ignore_ascii_case(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_id_is_a_valid_spdx_id() {
        for e in LIST {
            let l = spdx::license_id(e.id).unwrap_or_else(|| panic!("{} is not an SPDX id", e.id));
            assert!(!l.is_deprecated(), "{}", e.id);
        }
        assert_eq!(LIST.len(), 15);
        assert!(entry("gpl-3.0-or-later").is_some());
        assert!(entry("GPL-3.0-only").is_none());
    }
}

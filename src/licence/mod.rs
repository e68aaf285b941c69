//! Licences: the CRPA D.323-2-1 policy list ([`crpa`]), licence names as written in tenders and
//! metadata ([`names`]), licence strings normalised to SPDX expressions ([`expr`]), licence texts
//! and headers identified ([`identify`], on an index built at compile time with [`tokens`]),
//! copyleft strength and compatibility ([`policy`]), and the SILL catalogue ([`sill`]).

pub mod crpa;
pub mod expr;
pub mod identify;
pub mod names;
pub mod policy;
pub mod sill;
pub mod tokens;

use serde::Serialize;

/// How a licence stands for a French public body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum LicenceClass {
    /// On the CRPA D.323-2-1 list.
    Listed,
    /// Free/open (OSI or FSF, or a public-domain dedication) but not on the list: needs
    /// homologation (D.323-2-2).
    FreeUnlisted,
    /// Not free: non-commercial, no-derivatives, source-available, proprietary.
    NonFree,
    /// Not known.
    Unknown,
}

/// Classifies an SPDX id (or a `LicenseRef-` clausier uses).
pub fn classify(id: &str) -> LicenceClass {
    if crpa::entry(id).is_some() {
        return LicenceClass::Listed;
    }
    match id {
        "LicenseRef-public-domain" | "CC0-1.0" | "Unlicense" | "etalab-1.0" | "LicenseRef-etalab-1.0" => {
            return LicenceClass::FreeUnlisted;
        }
        "LicenseRef-proprietary" | "LicenseRef-Commons-Clause" | "SSPL-1.0" | "BUSL-1.1" | "Elastic-2.0" => {
            return LicenceClass::NonFree;
        }
        _ => {}
    }
    if id.contains("-NC") || id.contains("-ND") {
        return LicenceClass::NonFree;
    }
    match spdx::license_id(id) {
        Some(l) if l.is_osi_approved() || l.is_fsf_free_libre() => LicenceClass::FreeUnlisted,
        Some(l) if id.starts_with("CC-BY") || id.starts_with("CC-BY-SA") => {
            let _ = l;
            LicenceClass::FreeUnlisted
        }
        Some(_) => LicenceClass::Unknown,
        None => LicenceClass::Unknown,
    }
}

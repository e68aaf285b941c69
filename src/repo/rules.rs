//! The repository rules (`REPxxx`): a table in code (the clause-pack registry only holds tender
//! rules), each with its severity, messages in English and French, and its legal basis.

use crate::clause::Severity;
use crate::i18n::Lang;
use serde::Serialize;

/// One repository rule.
#[derive(Debug, Clone, Serialize)]
pub struct RepoRule {
    /// Code (`REP001`).
    pub code: &'static str,
    /// Name (`no-licence`).
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Title (en, fr).
    pub title: [&'static str; 2],
    /// Remedy (en, fr).
    pub help: [&'static str; 2],
    /// Explanation: what it checks and why (en, fr).
    pub explain: [&'static str; 2],
    /// Legal basis.
    pub reference: &'static str,
}

impl RepoRule {
    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &'static str {
        pick(self.title, lang)
    }
    /// The remedy in `lang`.
    pub fn help(&self, lang: Lang) -> &'static str {
        pick(self.help, lang)
    }
    /// The explanation in `lang`.
    pub fn explain(&self, lang: Lang) -> &'static str {
        pick(self.explain, lang)
    }
}

fn pick(t: [&'static str; 2], lang: Lang) -> &'static str {
    lang.pick(t[0], t[1])
}

const CRPA: &str =
    "CRPA art. L.323-2 and D.323-2-1 (licences for the reuse of public information, including source code)";
const REUSE: &str = "REUSE Specification 3.3 (FSFE), https://reuse.software/spec-3.3/";
const COPYRIGHT: &str = "Code de la propriété intellectuelle art. L.122-4 and L.335-3 (reproduction without licence); licence texts of the components";

macro_rules! rule {
    ($code:expr, $name:expr, $sev:ident, [$ten:expr, $tfr:expr], [$hen:expr, $hfr:expr], [$een:expr, $efr:expr], $r:expr) => {
        RepoRule {
            code: $code,
            name: $name,
            severity: Severity::$sev,
            title: [$ten, $tfr],
            help: [$hen, $hfr],
            explain: [$een, $efr],
            reference: $r,
        }
    };
}

/// Every repository rule.
pub const RULES: &[RepoRule] = &[
    rule!(
        "REP001",
        "no-licence",
        Error,
        ["the repository has no licence", "le dépôt n'a pas de licence"],
        [
            "add a LICENSE file with the full licence text (and declare it in the manifest)",
            "ajoutez un fichier LICENSE contenant le texte intégral de la licence (et déclarez-la dans le manifeste)"
        ],
        [
            "No licence file, manifest licence, README licence section or REUSE header was found. Without a licence nobody may reuse the code: a public body must publish its source code under a licence of the D.323-2-1 list.",
            "Aucun fichier de licence, licence de manifeste, section « Licence » du README ni en-tête REUSE n'a été trouvé. Sans licence, personne ne peut réutiliser le code : un organisme public doit publier son code source sous une licence de la liste D.323-2-1."
        ],
        CRPA
    ),
    rule!(
        "REP002",
        "licence-not-allowed",
        Error,
        [
            "the project licence is not allowed by the policy",
            "la licence du projet n'est pas autorisée par la politique"
        ],
        [
            "deliver the code under a licence of the list (EUPL-1.2, CeCILL, GPL, MPL, Apache-2.0, MIT, BSD…) or allow it in clausier.toml [licence]",
            "livrez le code sous une licence de la liste (EUPL-1.2, CeCILL, GPL, MPL, Apache-2.0, MIT, BSD…) ou autorisez-la dans clausier.toml [licence]"
        ],
        [
            "The project licence is checked against the policy of the configuration (`fr-crpa` by default: the D.323-2-1 list; `osi`, `fsf` or a custom allow list). A licence outside the list needs a homologation (D.323-2-2).",
            "La licence du projet est confrontée à la politique de la configuration (`fr-crpa` par défaut : la liste D.323-2-1 ; `osi`, `fsf` ou une liste personnalisée). Une licence hors liste doit être homologuée (D.323-2-2)."
        ],
        CRPA
    ),
    rule!(
        "REP003",
        "licence-mismatch",
        Warning,
        [
            "the licence file and the declared licence disagree",
            "le fichier de licence et la licence déclarée ne concordent pas"
        ],
        [
            "make the manifest's licence field and the LICENSE files name the same licences",
            "faites concorder le champ licence du manifeste et les fichiers LICENSE"
        ],
        [
            "A licence text identified in a licence file is not in the expression declared by the manifest, or the reverse. Reusers and tools read one or the other: they must say the same thing.",
            "Un texte de licence identifié dans un fichier de licence ne figure pas dans l'expression déclarée par le manifeste, ou inversement. Les réutilisateurs et les outils lisent l'un ou l'autre : ils doivent dire la même chose."
        ],
        REUSE
    ),
    rule!(
        "REP004",
        "non-canonical-expression",
        Warning,
        [
            "licence string is not a canonical SPDX expression",
            "la mention de licence n'est pas une expression SPDX canonique"
        ],
        [
            "write the SPDX expression suggested (current ids, `-only`/`-or-later`, `OR`/`AND`)",
            "écrivez l'expression SPDX suggérée (identifiants actuels, `-only`/`-or-later`, `OR`/`AND`)"
        ],
        [
            "Licence strings in manifests and headers are normalised to SPDX expressions; deprecated ids (GPL-3.0, LGPL-2.1+), names and `/` are reported with the canonical form, and unreadable strings too.",
            "Les mentions de licence des manifestes et en-têtes sont normalisées en expressions SPDX ; les identifiants obsolètes (GPL-3.0, LGPL-2.1+), les noms et `/` sont signalés avec la forme canonique, ainsi que les mentions illisibles."
        ],
        "SPDX Specification 2.3, annex D (licence expressions)"
    ),
    rule!(
        "REP005",
        "incompatible-dependency",
        Error,
        [
            "a component's licence is incompatible with the project licence",
            "la licence d'un composant est incompatible avec celle du projet"
        ],
        [
            "replace the component, or deliver the project under a compatible licence",
            "remplacez le composant, ou livrez le projet sous une licence compatible"
        ],
        [
            "Each dependency or vendored component declared in manifests, lockfiles or SBOMs is checked with the compatibility policy (`clausier licence check`): a strong copyleft component (GPL, AGPL, EUPL, CeCILL) cannot be delivered under a permissive licence.",
            "Chaque dépendance ou composant embarqué déclaré dans les manifestes, verrous ou SBOM est confronté à la politique de compatibilité (`clausier licence check`) : un composant sous copyleft fort (GPL, AGPL, EUPL, CeCILL) ne peut être livré sous une licence permissive."
        ],
        COPYRIGHT
    ),
    rule!(
        "REP006",
        "non-free-dependency",
        Error,
        [
            "a component is not free software",
            "un composant n'est pas un logiciel libre"
        ],
        [
            "replace the component (SSPL, BUSL, Commons Clause, non-commercial or proprietary licences are not free)",
            "remplacez le composant (SSPL, BUSL, Commons Clause, licences non commerciales ou propriétaires ne sont pas libres)"
        ],
        [
            "A component's licence is source-available, non-commercial, no-derivatives or proprietary: the delivery could not be published as free software.",
            "La licence d'un composant est « source disponible », non commerciale, sans modification ou propriétaire : la livraison ne pourrait être publiée comme logiciel libre."
        ],
        COPYRIGHT
    ),
    rule!(
        "REP007",
        "header-contradicts-licence",
        Warning,
        [
            "a file header contradicts the project licence",
            "un en-tête de fichier contredit la licence du projet"
        ],
        [
            "check the file's origin: fix its header or document the component (REUSE.toml, NOTICE)",
            "vérifiez l'origine du fichier : corrigez son en-tête ou documentez le composant (REUSE.toml, NOTICE)"
        ],
        [
            "An SPDX-License-Identifier in a file names a licence that cannot be delivered under the project licence.",
            "Un SPDX-License-Identifier d'un fichier nomme une licence qui ne peut être livrée sous la licence du projet."
        ],
        REUSE
    ),
    rule!(
        "REP008",
        "missing-licence-text",
        Warning,
        [
            "the text of a licence in use is missing",
            "le texte d'une licence utilisée manque"
        ],
        [
            "add the licence text as LICENSES/<id>.txt (`reuse download <id>`)",
            "ajoutez le texte de la licence dans LICENSES/<id>.txt (`reuse download <id>`)"
        ],
        [
            "Every licence named in headers, REUSE.toml or dep5 must have its text in the LICENSES/ folder; licences require that their text accompany the code.",
            "Chaque licence nommée dans les en-têtes, REUSE.toml ou dep5 doit avoir son texte dans le dossier LICENSES/ ; les licences exigent que leur texte accompagne le code."
        ],
        REUSE
    ),
    rule!(
        "REP009",
        "sill-component",
        Info,
        ["component listed in the SILL", "composant référencé au SILL"],
        [
            "no action: the component is recommended for French public bodies",
            "rien à faire : le composant est recommandé aux organismes publics"
        ],
        [
            "Components found in the SILL (socle interministériel de logiciels libres) are reported for information.",
            "Les composants présents au SILL (socle interministériel de logiciels libres) sont signalés pour information."
        ],
        "Circulaire du Premier ministre n° 5608/SG du 19 septembre 2012; SILL, https://code.gouv.fr/sill"
    ),
    rule!(
        "REP010",
        "sill-below-minimum",
        Warning,
        [
            "component version below the SILL minimum",
            "version du composant inférieure au minimum du SILL"
        ],
        [
            "upgrade the component to the SILL's minimal version",
            "mettez à jour le composant vers la version minimale du SILL"
        ],
        [
            "The SILL gives a minimal recommended version; the delivered version is older.",
            "Le SILL indique une version minimale recommandée ; la version livrée est plus ancienne."
        ],
        "SILL, https://code.gouv.fr/sill"
    ),
    rule!(
        "REP011",
        "publiccode-missing",
        Warning,
        ["publiccode.yml is missing", "publiccode.yml est absent"],
        [
            "add a publiccode.yml (https://yml.publiccode.tools) with name, url, legal.license…",
            "ajoutez un publiccode.yml (https://yml.publiccode.tools) avec name, url, legal.license…"
        ],
        [
            "publiccode.yml describes software published by public administrations for catalogues (code.gouv.fr, Developers Italia).",
            "publiccode.yml décrit les logiciels publiés par les administrations pour les catalogues (code.gouv.fr, Developers Italia)."
        ],
        "publiccode.yml standard 0.4; Loi n° 2016-1321 (République numérique) art. 16"
    ),
    rule!(
        "REP012",
        "publiccode-invalid",
        Error,
        ["publiccode.yml is invalid", "publiccode.yml est invalide"],
        [
            "fill the required keys and make legal.license the project's SPDX expression",
            "renseignez les clés obligatoires et faites de legal.license l'expression SPDX du projet"
        ],
        [
            "Required keys (publiccodeYmlVersion, name, url, platforms, developmentStatus, softwareType, legal.license, maintenance.type, description) must be present and legal.license must be a valid SPDX expression equal to the project licence.",
            "Les clés obligatoires (publiccodeYmlVersion, name, url, platforms, developmentStatus, softwareType, legal.license, maintenance.type, description) doivent être présentes et legal.license doit être une expression SPDX valide égale à la licence du projet."
        ],
        "publiccode.yml standard 0.4"
    ),
    rule!(
        "REP013",
        "files-without-licensing",
        Warning,
        [
            "files without licensing information",
            "fichiers sans information de licence"
        ],
        [
            "add SPDX-License-Identifier and SPDX-FileCopyrightText headers, a .license sidecar, or a REUSE.toml annotation",
            "ajoutez des en-têtes SPDX-License-Identifier et SPDX-FileCopyrightText, un fichier .license ou une annotation REUSE.toml"
        ],
        [
            "In a repository using REUSE (LICENSES/, REUSE.toml or .reuse/dep5), every file must carry its licence and copyright, like `reuse lint`. Reported as info in repositories not using REUSE.",
            "Dans un dépôt qui suit REUSE (LICENSES/, REUSE.toml ou .reuse/dep5), chaque fichier doit porter sa licence et son copyright, comme `reuse lint`. Signalé pour information dans les dépôts qui ne suivent pas REUSE."
        ],
        REUSE
    ),
    rule!(
        "REP014",
        "unknown-dependency-licence",
        Warning,
        [
            "a component's licence is unknown",
            "la licence d'un composant est inconnue"
        ],
        [
            "find the component's licence and declare it (SBOM, REUSE.toml)",
            "trouvez la licence du composant et déclarez-la (SBOM, REUSE.toml)"
        ],
        [
            "A dependency has no licence in the manifests and lockfiles read, or one that cannot be read as SPDX: its compatibility cannot be checked.",
            "Une dépendance n'a pas de licence dans les manifestes et verrous lus, ou une licence illisible en SPDX : sa compatibilité ne peut être vérifiée."
        ],
        COPYRIGHT
    ),
    rule!(
        "REP015",
        "ignored-folder",
        Info,
        [
            "folder not scanned (ignored or vendored)",
            "dossier non analysé (ignoré ou embarqué)"
        ],
        [
            "delivered code is code you deliver: check its licences, or remove it from the delivery",
            "le code livré engage le titulaire : vérifiez ses licences, ou retirez-le de la livraison"
        ],
        [
            "Folders excluded by .gitignore are present in the delivery but not scanned for headers; vendored folders (node_modules, vendor) are read for their manifests only.",
            "Les dossiers exclus par .gitignore sont présents dans la livraison mais non analysés ; les dossiers embarqués (node_modules, vendor) ne sont lus que pour leurs manifestes."
        ],
        COPYRIGHT
    ),
    rule!(
        "REP020",
        "tender-licence-mismatch",
        Error,
        [
            "the delivered licence is not the one the tender requires",
            "la licence livrée n'est pas celle qu'exige le marché"
        ],
        [
            "deliver the code under the licence named in the tender",
            "livrez le code sous la licence désignée par le marché"
        ],
        [
            "The licences named in the tender's licensing clauses are compared with the project licence.",
            "Les licences nommées dans les clauses de licence du marché sont comparées à la licence du projet."
        ],
        "CCAG-TIC 2021 art. 34 to 37 (options on results); contract documents"
    ),
    rule!(
        "REP021",
        "tender-sbom-missing",
        Error,
        [
            "the tender requires a component list or SBOM, none is delivered",
            "le marché exige une liste des composants ou un SBOM, aucun n'est livré"
        ],
        [
            "deliver a CycloneDX or SPDX SBOM (bom.json, *.spdx.json) or a component list",
            "livrez un SBOM CycloneDX ou SPDX (bom.json, *.spdx.json) ou une liste des composants"
        ],
        [
            "When the tender's `components-sbom` category is satisfied, the delivery must contain an SBOM.",
            "Quand la catégorie `components-sbom` du marché est satisfaite, la livraison doit contenir un SBOM."
        ],
        "contract documents; Cyber Resilience Act (EU) 2024/2847, annex I part II"
    ),
    rule!(
        "REP022",
        "tender-build-instructions-missing",
        Warning,
        [
            "no build or installation instructions",
            "pas d'instructions de compilation ou d'installation"
        ],
        [
            "add INSTALL, BUILD or a README section « Installation »/« Build »",
            "ajoutez INSTALL, BUILD ou une section « Installation »/« Compilation » au README"
        ],
        [
            "When the tender requires the delivery of source code, the source must come with what is needed to build it.",
            "Quand le marché exige la livraison du code source, celui-ci doit être accompagné de quoi le compiler."
        ],
        "CCAG-TIC 2021; GPL-3.0 § 1 (Corresponding Source includes build scripts)"
    ),
    rule!(
        "REP023",
        "tender-closed-formats",
        Warning,
        [
            "documentation delivered in closed formats",
            "documentation livrée dans des formats fermés"
        ],
        [
            "deliver the documentation in open formats (ODF, Markdown, HTML, PDF/A)",
            "livrez la documentation dans des formats ouverts (ODF, Markdown, HTML, PDF/A)"
        ],
        [
            "When the tender requires open formats, .doc/.docx/.xls/.xlsx/.ppt/.pptx documentation files are reported.",
            "Quand le marché exige des formats ouverts, les fichiers de documentation .doc/.docx/.xls/.xlsx/.ppt/.pptx sont signalés."
        ],
        "Référentiel général d'interopérabilité (RGI) v2; loi n° 2004-575 art. 4"
    ),
    rule!(
        "REP024",
        "unreadable-metadata",
        Warning,
        [
            "a manifest, lockfile or licence file could not be read",
            "un manifeste, un fichier de verrouillage ou un fichier de licence n'a pas pu être lu"
        ],
        [
            "fix the file (valid syntax, UTF-8, under 4 MiB) or remove it from the delivery",
            "corrigez le fichier (syntaxe valide, UTF-8, moins de 4 Mio) ou retirez-le de la livraison"
        ],
        [
            "A file that declares licences (manifest, lockfile, SBOM, licence file, REUSE.toml) is malformed, too big (limit 4 MiB), not a regular file or unreadable: the licences it declares are not checked. The message names the file and the reason.",
            "Un fichier qui déclare des licences (manifeste, fichier de verrouillage, SBOM, fichier de licence, REUSE.toml) est mal formé, trop gros (limite 4 Mio), n'est pas un fichier ordinaire ou est illisible : les licences qu'il déclare ne sont pas vérifiées. Le message nomme le fichier et la raison."
        ],
        "CRPA art. L.323-2 (the licence must be known to be applied)"
    ),
];

/// The rule of a code or name (case-insensitive).
pub fn find(code_or_name: &str) -> Option<&'static RepoRule> {
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name.eq_ignore_ascii_case(code_or_name))
}

/// The rule of a code (panics never: unknown codes give REP001's table row is not used; callers
/// pass constants).
pub(crate) fn rule(code: &str) -> &'static RepoRule {
    find(code).unwrap_or(&RULES[0])
}

/// Markdown explanation of a repository rule (for `clausier explain`).
pub fn markdown(r: &RepoRule, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    format!(
        "# {} ({})\n\n{}\n\n{}: `repository` · {}: {}\n\n{}: {}\n\n## {}\n\n{}\n\n## {}\n\n{}\n",
        r.name,
        r.code,
        r.title(lang),
        if fr { "Catégorie" } else { "Category" },
        if fr { "sévérité" } else { "severity" },
        r.severity.name(),
        if fr { "Fondement" } else { "Legal basis" },
        r.reference,
        if fr {
            "Ce que la règle vérifie"
        } else {
            "What it checks"
        },
        r.explain(lang),
        if fr { "Comment corriger" } else { "How to fix" },
        r.help(lang),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_found() {
        for r in RULES {
            assert_eq!(RULES.iter().filter(|x| x.code == r.code).count(), 1);
            assert_eq!(find(r.name).map(|x| x.code), Some(r.code));
        }
        assert!(find("rep001").is_some());
        assert!(find("REP999").is_none());
    }
}

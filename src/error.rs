//! Typed errors of the library. The binary turns them into diagnostics (tool codes `E0xx`) or,
//! at the edge, into `anyhow` errors.

use crate::i18n::Lang;
use std::path::PathBuf;

/// An error met while reading one input file. The run goes on with the other files.
///
/// `Display` gives the English message; [`ReadError::message`] gives it in either language.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be opened or read.
    Io {
        /// File concerned.
        path: PathBuf,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The file is not a document clausier can read (binary, not a regular file…).
    Unsupported {
        /// File concerned.
        path: PathBuf,
        /// Why.
        reason: Reason,
    },
    /// The file exceeds a safety limit (size, entries, depth…).
    Limit {
        /// File concerned.
        path: PathBuf,
        /// The limit hit.
        limit: Limit,
        /// The measured value, when it was measured whole (otherwise "more than `max`").
        found: Option<u64>,
        /// The cap, in the limit's unit (bytes, entries, elements, objects, pages; milliseconds for
        /// the time budget).
        max: u64,
        /// Where in the file (a zip part, a PDF page), when known.
        at: Option<String>,
    },
    /// The file is encrypted and cannot be opened without its password.
    Encrypted {
        /// File concerned.
        path: PathBuf,
    },
    /// The file has no text to read (a scanned PDF).
    NoText {
        /// File concerned.
        path: PathBuf,
    },
    /// The file is malformed.
    Malformed {
        /// File concerned.
        path: PathBuf,
        /// Why.
        reason: Reason,
    },
}

/// A safety limit of the readers (see `docs/hostile-input.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Size of the file on disk, in bytes.
    FileSize,
    /// Decoded text of a text, Markdown or HTML file, in bytes.
    TextSize,
    /// Text extracted from an office or PDF document, in bytes.
    ExtractedTextSize,
    /// Entries of a zip container.
    ZipEntries,
    /// Bytes inflated from a zip container.
    DecompressedSize,
    /// Nesting depth of an XML part, in elements.
    XmlDepth,
    /// Reading time of one file, in milliseconds.
    TimeBudget,
    /// Bytes inflated from one PDF stream.
    PdfStreamSize,
    /// Objects of a PDF file.
    PdfObjects,
    /// Pages of a PDF file.
    PdfPages,
    /// Content of one PDF page, in bytes.
    PdfPageContent,
}

impl Limit {
    /// Stable identifier (JSON `limit`).
    pub fn id(self) -> &'static str {
        match self {
            Limit::FileSize => "file-size",
            Limit::TextSize => "text-size",
            Limit::ExtractedTextSize => "extracted-text-size",
            Limit::ZipEntries => "zip-entries",
            Limit::DecompressedSize => "decompressed-size",
            Limit::XmlDepth => "xml-depth",
            Limit::TimeBudget => "time-budget",
            Limit::PdfStreamSize => "pdf-stream-size",
            Limit::PdfObjects => "pdf-objects",
            Limit::PdfPages => "pdf-pages",
            Limit::PdfPageContent => "pdf-page-content",
        }
    }

    /// Name of the limit in messages.
    pub fn name(self, lang: Lang) -> &'static str {
        let (en, fr) = match self {
            Limit::FileSize => ("maximum file size", "taille maximale de fichier"),
            Limit::TextSize => ("text size", "taille du texte"),
            Limit::ExtractedTextSize => ("extracted text size", "taille du texte extrait"),
            Limit::ZipEntries => ("zip entry count", "nombre d'entrées zip"),
            Limit::DecompressedSize => ("decompressed size", "taille décompressée"),
            Limit::XmlDepth => ("XML nesting depth", "profondeur d'imbrication XML"),
            Limit::TimeBudget => ("time budget", "temps de lecture"),
            Limit::PdfStreamSize => ("PDF stream size", "taille de flux PDF"),
            Limit::PdfObjects => ("PDF object count", "nombre d'objets PDF"),
            Limit::PdfPages => ("PDF page count", "nombre de pages PDF"),
            Limit::PdfPageContent => ("PDF page content size", "taille du contenu d'une page PDF"),
        };
        lang.pick(en, fr)
    }

    /// A count of this limit's unit, in words.
    fn amount(self, n: u64, lang: Lang) -> String {
        let (en, fr) = match self {
            Limit::FileSize
            | Limit::TextSize
            | Limit::ExtractedTextSize
            | Limit::DecompressedSize
            | Limit::PdfStreamSize
            | Limit::PdfPageContent => ("bytes", "octets"),
            Limit::ZipEntries => ("entries", "entrées"),
            Limit::XmlDepth => ("elements", "éléments"),
            Limit::PdfObjects => ("objects", "objets"),
            Limit::PdfPages => ("pages", "pages"),
            Limit::TimeBudget => return format!("{} s", n as f64 / 1000.0),
        };
        format!("{n} {}", lang.pick(en, fr))
    }
}

/// Why a file is not read, for [`ReadError::Unsupported`] and [`ReadError::Malformed`]. Texts
/// that come from a parser (zip, XML, PDF) are kept as the parser gives them, in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A FIFO, socket or device given on the command line: never opened.
    NotRegularFile,
    /// A FIFO, socket or device met in a folder: never opened.
    SpecialFileInFolder,
    /// A symbolic link met in a folder: not followed.
    LinkInFolder,
    /// A folder with no file of a format clausier reads.
    NoDocumentInFolder,
    /// Binary data where text was expected.
    Binary,
    /// Bytes that are not valid in the encoding their BOM announces.
    InvalidEncoding(&'static str),
    /// Not a zip container of the expected kind.
    NotAZip {
        /// Word document or OpenDocument text.
        kind: OfficeKind,
        /// The zip reader's error.
        detail: String,
    },
    /// A required part is absent.
    MissingPart {
        /// Word document or OpenDocument text.
        kind: OfficeKind,
        /// The part's name.
        part: &'static str,
    },
    /// A part cannot be opened or inflated.
    BadPart {
        /// The part's name.
        part: String,
        /// The zip reader's error.
        detail: String,
    },
    /// A part is not UTF-8 (and has no BOM of another encoding).
    PartNotUtf8(String),
    /// An XML error in a part.
    Xml {
        /// The part's name.
        part: String,
        /// Byte offset in the part.
        at: u64,
        /// The XML parser's error.
        detail: String,
    },
    /// The PDF parser gave an error.
    Pdf(String),
    /// The PDF parser panicked (caught).
    PdfParserFailed,
}

/// The two zip-based office formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeKind {
    /// .docx
    Word,
    /// .odt
    OpenDocument,
}

impl Reason {
    /// The reason in words.
    pub fn text(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        let kind = |k: &OfficeKind| match (k, fr) {
            (OfficeKind::Word, false) => "Word document",
            (OfficeKind::Word, true) => "document Word",
            (OfficeKind::OpenDocument, false) => "OpenDocument text",
            (OfficeKind::OpenDocument, true) => "texte OpenDocument",
        };
        match self {
            Reason::NotRegularFile => lang.pick("not a regular file", "pas un fichier ordinaire").into(),
            Reason::SpecialFileInFolder => lang
                .pick(
                    "not a regular file (named pipe, socket or device): not opened",
                    "pas un fichier ordinaire (tube nommé, socket ou périphérique) : non ouvert",
                )
                .into(),
            Reason::LinkInFolder => lang
                .pick(
                    "symbolic link not followed in a folder (give its target on the command line to read it)",
                    "lien symbolique non suivi dans un dossier (donnez sa cible en ligne de commande pour la lire)",
                )
                .into(),
            Reason::NoDocumentInFolder => lang
                .pick(
                    "folder holds no document clausier reads (.md, .txt, .html, .docx, .odt, .pdf)",
                    "le dossier ne contient aucun document que clausier lit (.md, .txt, .html, .docx, .odt, .pdf)",
                )
                .into(),
            Reason::Binary => lang
                .pick(
                    "binary data, not a text document",
                    "données binaires, pas un document texte",
                )
                .into(),
            Reason::InvalidEncoding(enc) if fr => format!("données {enc} invalides"),
            Reason::InvalidEncoding(enc) => format!("invalid {enc} data"),
            Reason::NotAZip { kind: k, detail } if fr => {
                format!("pas un {} valide (conteneur zip) : {detail}", kind(k))
            }
            Reason::NotAZip { kind: k, detail } => format!("not a valid {} (zip container): {detail}", kind(k)),
            Reason::MissingPart { kind: k, part } if fr => format!("pas de {part} : pas un {}", kind(k)),
            Reason::MissingPart { kind: k, part } => {
                let article = if *k == OfficeKind::OpenDocument { "an" } else { "a" };
                format!("no {part}: not {article} {}", kind(k))
            }
            Reason::BadPart { part, detail } if fr => format!("partie {part} illisible : {detail}"),
            Reason::BadPart { part, detail } => format!("cannot inflate {part}: {detail}"),
            Reason::PartNotUtf8(part) if fr => format!("{part} n'est pas du texte UTF-8"),
            Reason::PartNotUtf8(part) => format!("{part} is not UTF-8 text"),
            Reason::Xml { part, at, detail } if fr => {
                format!("{part} : erreur XML à l'octet {at} : {detail}")
            }
            Reason::Xml { part, at, detail } => format!("{part}: XML error at byte {at}: {detail}"),
            Reason::Pdf(detail) if fr => format!("PDF illisible : {detail}"),
            Reason::Pdf(detail) => format!("not a readable PDF: {detail}"),
            Reason::PdfParserFailed => lang
                .pick(
                    "the PDF parser failed on this file",
                    "l'analyseur PDF a échoué sur ce fichier",
                )
                .into(),
        }
    }
}

/// An operating-system error in words: the common kinds in French, the system's text otherwise.
pub(crate) fn io_text(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    if lang == Lang::En {
        return e.to_string();
    }
    let words = match e.kind() {
        K::NotFound => "fichier ou dossier introuvable",
        K::PermissionDenied => "permission refusée",
        K::IsADirectory => "c'est un dossier",
        K::NotADirectory => "un élément du chemin n'est pas un dossier",
        K::InvalidFilename => "nom de fichier trop long ou invalide",
        K::Interrupted => "lecture interrompue",
        K::UnexpectedEof => "fin de fichier inattendue",
        K::InvalidData => "données invalides",
        _ => return e.to_string(),
    };
    match e.raw_os_error() {
        Some(n) => format!("{words} (erreur système {n})"),
        None => words.to_string(),
    }
}

impl ReadError {
    /// The path of the file concerned.
    pub fn path(&self) -> &std::path::Path {
        match self {
            ReadError::Io { path, .. }
            | ReadError::Unsupported { path, .. }
            | ReadError::Limit { path, .. }
            | ReadError::Malformed { path, .. }
            | ReadError::Encrypted { path }
            | ReadError::NoText { path } => path,
        }
    }
    /// The tool code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Io { .. } => "E001",
            ReadError::Unsupported { .. } => "E002",
            ReadError::Limit { .. } => "E003",
            ReadError::Malformed { .. } => "E004",
            ReadError::Encrypted { .. } => "E005",
            ReadError::NoText { .. } => "E006",
        }
    }
    /// A [`ReadError::Limit`] hit in the file as a whole (no place within it).
    pub fn limit_hit(path: &std::path::Path, limit: Limit, found: Option<u64>, max: u64) -> ReadError {
        ReadError::Limit {
            path: path.to_path_buf(),
            limit,
            found,
            max,
            at: None,
        }
    }
    /// The limit hit, for [`ReadError::Limit`].
    pub fn limit(&self) -> Option<Limit> {
        match self {
            ReadError::Limit { limit, .. } => Some(*limit),
            _ => None,
        }
    }
    /// What went wrong, after the file's name, in `lang`.
    pub fn reason(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        match self {
            ReadError::Io { source, .. } => io_text(source, lang),
            ReadError::Unsupported { reason, .. } | ReadError::Malformed { reason, .. } => reason.text(lang),
            ReadError::Limit {
                limit, found, max, at, ..
            } => {
                let measure = match found {
                    Some(n) => format!("{} > {}", limit.amount(*n, lang), limit.amount(*max, lang)),
                    None if fr => format!("plus de {}", limit.amount(*max, lang)),
                    None => format!("more than {}", limit.amount(*max, lang)),
                };
                let at = match at {
                    Some(a) if fr => format!(", dans {a}"),
                    Some(a) => format!(", in {a}"),
                    None => String::new(),
                };
                if fr {
                    format!("limite « {} » dépassée ({measure}{at})", limit.name(lang))
                } else {
                    format!("{} exceeded ({measure}{at})", limit.name(lang))
                }
            }
            ReadError::Encrypted { .. } => lang.pick("encrypted document: remove the password (or ask the buyer for an open copy) first",
                "document chiffré : retirez d'abord le mot de passe (ou demandez à l'acheteur une copie non protégée)",
            )
            .into(),
            ReadError::NoText { .. } => lang.pick("no text layer: OCR the file first",
                "pas de couche texte (document numérisé ?) : passez d'abord le fichier en reconnaissance de caractères (OCR)",
            )
            .into(),
        }
    }
    /// The whole message, naming the file, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let path = self.path().display();
        match lang {
            Lang::En => format!("cannot read {path}: {}", self.reason(lang)),
            Lang::Fr => format!("impossible de lire {path} : {}", self.reason(lang)),
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// An error in a clause pack (rule file) or its registry.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct RuleError {
    /// The rule file (or `<embedded>/…`).
    pub origin: String,
    /// What is wrong.
    pub message: String,
    /// Byte span in the rule file, when known.
    pub span: Option<std::ops::Range<usize>>,
    /// The text of the rule file, to render the span.
    pub source_text: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file_in_each_language() {
        let io = ReadError::Io {
            path: "a/b.md".into(),
            source: std::io::Error::from_raw_os_error(2),
        };
        assert_eq!(
            io.message(Lang::Fr),
            "impossible de lire a/b.md : fichier ou dossier introuvable (erreur système 2)"
        );
        assert!(io.message(Lang::En).starts_with("cannot read a/b.md: No such file"));
        let t = ReadError::Limit {
            path: "x.pdf".into(),
            limit: Limit::TimeBudget,
            found: None,
            max: 30_000,
            at: None,
        };
        assert_eq!(
            t.message(Lang::En),
            "cannot read x.pdf: time budget exceeded (more than 30 s)"
        );
        assert_eq!(
            t.message(Lang::Fr),
            "impossible de lire x.pdf : limite « temps de lecture » dépassée (plus de 30 s)"
        );
        assert_eq!(t.limit().map(Limit::id), Some("time-budget"));
        let x = ReadError::Malformed {
            path: "d.docx".into(),
            reason: Reason::Xml {
                part: "word/document.xml".into(),
                at: 12,
                detail: "unexpected end".into(),
            },
        };
        assert_eq!(x.code(), "E004");
        assert_eq!(
            x.message(Lang::Fr),
            "impossible de lire d.docx : word/document.xml : erreur XML à l'octet 12 : unexpected end"
        );
        assert_eq!(x.limit(), None);
        let odt = Reason::MissingPart {
            kind: OfficeKind::OpenDocument,
            part: "content.xml",
        };
        assert_eq!(odt.text(Lang::En), "no content.xml: not an OpenDocument text");
        assert_eq!(odt.text(Lang::Fr), "pas de content.xml : pas un texte OpenDocument");
    }
}

//! `SPDX-License-Identifier` and `SPDX-FileCopyrightText` tags in file headers: only in comments
//! (tree-sitter grammars for the common languages, comment-looking lines otherwise), only in
//! the first [`HEAD_BYTES`] of a file, and only in files that contain `SPDX-` at all.

use regex::Regex;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;
use tree_sitter::{Language, Parser};

/// Bytes of a file read and parsed for header tags.
pub const HEAD_BYTES: usize = 64 * 1024;

/// One tag found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Tag {
    /// `license` or `copyright`.
    pub kind: TagKind,
    /// The value after the colon.
    pub value: String,
    /// Byte range of the value in the file.
    #[serde(skip)]
    pub range: std::ops::Range<usize>,
    /// 1-based line.
    pub line: usize,
}

/// What a tag says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TagKind {
    /// `SPDX-License-Identifier`.
    License,
    /// `SPDX-FileCopyrightText`, or a `Copyright …` / `© …` notice (as REUSE reads them).
    Copyright,
}

/// Source languages with a grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grammar {
    /// Rust.
    Rust,
    /// C.
    C,
    /// C++.
    Cpp,
    /// Python.
    Python,
    /// JavaScript (and JSX).
    JavaScript,
    /// TypeScript.
    TypeScript,
    /// TSX.
    Tsx,
    /// Java.
    Java,
    /// Go.
    Go,
    /// PHP.
    Php,
    /// Ruby.
    Ruby,
    /// C#.
    CSharp,
    /// Bash and sh.
    Bash,
    /// HTML.
    Html,
    /// CSS.
    Css,
}

impl Grammar {
    /// The grammar of a file name, by extension.
    pub fn of(name: &str) -> Option<Grammar> {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        Some(match ext.as_str() {
            "rs" => Grammar::Rust,
            "c" | "h" => Grammar::C,
            "cc" | "cpp" | "cxx" | "hpp" | "hh" | "hxx" => Grammar::Cpp,
            "py" | "pyi" => Grammar::Python,
            "js" | "mjs" | "cjs" | "jsx" => Grammar::JavaScript,
            "ts" | "mts" | "cts" => Grammar::TypeScript,
            "tsx" => Grammar::Tsx,
            "java" => Grammar::Java,
            "go" => Grammar::Go,
            "php" => Grammar::Php,
            "rb" => Grammar::Ruby,
            "cs" => Grammar::CSharp,
            "sh" | "bash" => Grammar::Bash,
            "html" | "htm" => Grammar::Html,
            "css" => Grammar::Css,
            _ => return None,
        })
    }

    fn language(self) -> Language {
        match self {
            Grammar::Rust => tree_sitter_rust::LANGUAGE.into(),
            Grammar::C => tree_sitter_c::LANGUAGE.into(),
            Grammar::Cpp => tree_sitter_cpp::LANGUAGE.into(),
            Grammar::Python => tree_sitter_python::LANGUAGE.into(),
            Grammar::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Grammar::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Grammar::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Grammar::Java => tree_sitter_java::LANGUAGE.into(),
            Grammar::Go => tree_sitter_go::LANGUAGE.into(),
            Grammar::Php => tree_sitter_php::LANGUAGE_PHP.into(),
            Grammar::Ruby => tree_sitter_ruby::LANGUAGE.into(),
            Grammar::CSharp => tree_sitter_c_sharp::LANGUAGE.into(),
            Grammar::Bash => tree_sitter_bash::LANGUAGE.into(),
            Grammar::Html => tree_sitter_html::LANGUAGE.into(),
            Grammar::Css => tree_sitter_css::LANGUAGE.into(),
        }
    }
}

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"SPDX-(License-Identifier|FileCopyrightText)\s*:[ \t]*([^\r\n]*)").expect("static regex")
});

/// A copyright notice as REUSE reads one: `Copyright` followed by `(c)`, `©` or a blank, or `©`,
/// anywhere in a line, up to the end of the line.
static NOTICE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:Copyright(?:[ \t]*(?:\([cC]\)|©)|[ \t])|©)[^\r\n]*").expect("static regex"));

/// Whether a node kind is a comment in some grammar.
fn is_comment(kind: &str) -> bool {
    matches!(kind, "comment" | "line_comment" | "block_comment")
}

thread_local! {
    static PARSERS: RefCell<HashMap<Grammar, Option<Parser>>> = RefCell::new(HashMap::new());
}

/// Cleans a tag value: comment closers and trailing punctuation of the comment syntax removed.
fn clean(v: &str) -> &str {
    let mut v = v.trim();
    for end in ["*/", "-->", "*)", "#>", "\"\"\"", "'''"] {
        if let Some(s) = v.strip_suffix(end) {
            v = s.trim_end();
        }
    }
    v
}

fn tags_in(text: &str, base: usize, whole: &str, spdx: bool, out: &mut Vec<Tag>) {
    let has_spdx_copyright = text.contains("SPDX-FileCopyrightText");
    if !has_spdx_copyright {
        for v in NOTICE.find_iter(text) {
            let value = clean(v.as_str());
            let start = base + v.start();
            let line = whole[..start].bytes().filter(|&b| b == b'\n').count() + 1;
            out.push(Tag {
                kind: TagKind::Copyright,
                value: value.to_string(),
                range: start..start + value.len(),
                line,
            });
        }
    }
    if !spdx {
        return;
    }
    for c in TAG.captures_iter(text) {
        let (Some(k), Some(v)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let value = clean(v.as_str());
        if value.is_empty() {
            continue;
        }
        let start = base + v.start();
        let range = start..start + value.len();
        let line = whole[..start].bytes().filter(|&b| b == b'\n').count() + 1;
        out.push(Tag {
            kind: if k.as_str() == "License-Identifier" {
                TagKind::License
            } else {
                TagKind::Copyright
            },
            value: value.to_string(),
            range,
            line,
        });
    }
}

/// Whether a line looks like a comment (files without a grammar).
fn comment_line(line: &str) -> bool {
    let t = line.trim_start();
    [
        "#", "//", "/*", "*", "--", ";", "<!--", "%", "{#", "{{!--", "..", ".\\\"", "'", "REM ", "rem ", "$!", "!",
        "\"",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// Whether a line's text, comment markers aside, starts with a tag or a copyright notice (a line
/// inside a multi-line `<!-- … -->` or `/* … */` comment has no marker of its own).
fn starts_with_tag(line: &str) -> bool {
    let t = line
        .trim_start()
        .trim_start_matches(['#', '/', '*', '-', ';', '%', '<', '!', '$', '.', '\'', '"', ' ', '\t']);
    t.starts_with("SPDX-") || t.starts_with("Copyright") || t.starts_with("COPYRIGHT") || t.starts_with('©')
}

/// Tags in lines that look like comments, or whose text starts with the tag (files of languages
/// without a grammar: Markdown, YAML, text…).
pub fn scan_lines(text: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        if line.contains("SPDX-") || line.contains("Copyright") || line.contains('©') {
            // a tag counts on a comment line or at the start of a line; a copyright notice
            // counts anywhere in the line, as REUSE reads one
            tags_in(line, pos, text, comment_line(line) || starts_with_tag(line), &mut out);
        }
        pos += line.len();
    }
    out
}

/// Tags on any line (`.license` sidecar files hold bare tags).
pub fn scan_all(text: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    tags_in(text, 0, text, true, &mut out);
    out
}

/// Tags in the comments of `text`, parsed with `grammar`. Falls back to [`scan_lines`] when the
/// grammar cannot be loaded.
pub fn scan_source(text: &str, grammar: Grammar) -> Vec<Tag> {
    PARSERS.with(|p| {
        let mut map = p.borrow_mut();
        let parser = map.entry(grammar).or_insert_with(|| {
            let mut parser = Parser::new();
            parser.set_language(&grammar.language()).ok().map(|_| parser)
        });
        let Some(parser) = parser.as_mut() else {
            return scan_lines(text);
        };
        let Some(tree) = parser.parse(text, None) else {
            return scan_lines(text);
        };
        let mut out = Vec::new();
        let mut cursor = tree.walk();
        'walk: loop {
            let node = cursor.node();
            let kind = node.kind();
            // a Python docstring is where many modules write their copyright notice
            let comment = is_comment(kind)
                || (grammar == Grammar::Python
                    && kind == "string"
                    && node.parent().is_some_and(|p| p.kind() == "expression_statement"));
            if comment {
                let r = node.byte_range();
                if let Some(t) = text.get(r.clone())
                    && (t.contains("SPDX-") || t.contains("Copyright") || t.contains('©'))
                {
                    tags_in(t, r.start, text, true, &mut out);
                }
            }
            if !comment && cursor.goto_first_child() {
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    continue 'walk;
                }
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        out
    })
}

/// The tags of a file's head (`name` selects the grammar).
pub fn scan(name: &str, head: &str) -> Vec<Tag> {
    scan_region(name, tag_region(head))
}

fn scan_region(name: &str, region: &str) -> Vec<Tag> {
    match Grammar::of(name) {
        Some(g) if may_be_in_a_string(region) => scan_source(region, g),
        _ => scan_lines(region),
    }
}

/// Whether a tag of `region` could sit inside a string literal: a line holding a trigger also
/// holds a quote, or the region opens a string that spans lines (`"""`, `'''`, a template
/// literal, a raw string, a heredoc). When not, the comment lines give the parser's answer and
/// the parse is skipped.
fn may_be_in_a_string(region: &str) -> bool {
    const MULTI_LINE: &[&str] = &["\"\"\"", "'''", "`", "<<", "R\"", "r#\"", "@\""];
    if MULTI_LINE.iter().any(|m| region.contains(m)) {
        return true;
    }
    region
        .lines()
        .filter(|l| l.contains("SPDX-") || l.contains("Copyright") || l.contains('©'))
        .any(|l| l.contains(['"', '\'']))
}

/// Bytes of a file read for tags: REUSE reads whole files, so does clausier up to this size.
pub const READ_CAP: usize = 8 * 1024 * 1024;

/// What makes a line worth a look: the triggers REUSE uses (`SPDX-…:`, `Copyright`, `©`).
static TRIGGERS: LazyLock<Option<aho_corasick::AhoCorasick>> = LazyLock::new(|| {
    // leftmost-first lets aho-corasick use its SIMD (Teddy) searcher
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(["SPDX-", "Copyright", "©"])
        .ok()
});

/// Whether the first 2 KiB hold a NUL byte (a binary file, which REUSE does not read either).
pub fn is_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(2048)]).is_some()
}

/// Triggers further than this from the previous one end the header.
const HEADER_GAP: usize = 4 * 1024;
/// The header starts within this many bytes.
const HEADER_SPAN: usize = 16 * 1024;

/// The tags of a whole file's bytes. One forward pass finds the triggers; a file without any
/// (most files) costs that pass only. The header region (see [`tag_region`]) is parsed with the
/// file's grammar, so that a tag inside a string literal is not taken; triggers further down are
/// read line by line, as REUSE reads them.
pub fn scan_bytes(name: &str, bytes: &[u8]) -> Vec<Tag> {
    let Some(ac) = TRIGGERS.as_ref() else {
        return Vec::new();
    };
    let hits: Vec<usize> = ac.find_iter(bytes).map(|m| m.start()).collect();
    if hits.is_empty() {
        return Vec::new();
    }
    let mut head = &bytes[..bytes.len().min(HEAD_BYTES)];
    if head.len() < bytes.len()
        && let Some(nl) = memchr::memrchr(b'\n', head)
    {
        head = &head[..=nl];
    }
    let region = &head[..header_end(head, &hits)];
    let mut out = if region.is_empty() {
        Vec::new()
    } else {
        scan_region(name, &String::from_utf8_lossy(region))
    };
    // the rest, line by line
    let mut line_no = memchr::memchr_iter(b'\n', region).count() + 1;
    let mut counted = region.len(); // offset up to which lines are counted
    let mut done = region.len(); // end of the last line read
    for &h in &hits {
        if h < done {
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[..h])
            .map_or(0, |i| i + 1)
            .max(region.len());
        let end = memchr::memchr(b'\n', &bytes[h..]).map_or(bytes.len(), |i| h + i + 1);
        line_no += memchr::memchr_iter(b'\n', &bytes[counted..start]).count();
        counted = start;
        done = end;
        let line = String::from_utf8_lossy(&bytes[start..end]);
        let n = out.len();
        tags_in(&line, 0, &line, comment_line(&line) || starts_with_tag(&line), &mut out);
        let exact = matches!(line, std::borrow::Cow::Borrowed(_));
        for t in &mut out[n..] {
            // offsets are the file's bytes when the line decoded unchanged, else the whole line
            t.range = if exact {
                start + t.range.start..start + t.range.end
            } else {
                start..end
            };
            t.line = line_no;
        }
    }
    out
}

/// The end of the header region of `head`, given the trigger offsets `hits` (in order): the
/// triggers that start within [`HEADER_SPAN`], each within [`HEADER_GAP`] of the previous one,
/// and the comment that holds the last of them (its closer `*/`, `-->`, `"""`… when one follows
/// within 4 KiB, else three more lines for line comments). Parsing costs about 30× the text's size
/// in memory and most of the scan's time, and a header is at the top of the file.
fn header_end(head: &[u8], hits: &[usize]) -> usize {
    use aho_corasick::AhoCorasick;
    static CLOSERS: LazyLock<Option<AhoCorasick>> =
        LazyLock::new(|| AhoCorasick::new(["*/", "-->", "\"\"\"", "\'\'\'", "=end", "#>", "-}", "*)"]).ok());
    let span = head.len().min(HEADER_SPAN);
    let Some(&first) = hits.first().filter(|&&h| h < span) else {
        return 0;
    };
    let mut last = first;
    for &h in &hits[1..] {
        if h >= span || h - last > HEADER_GAP {
            break;
        }
        last = h;
    }
    let window = &head[last..(last + 4096).min(head.len())];
    let closer = CLOSERS.as_ref().and_then(|ac| ac.find(window)).map(|m| m.end());
    let mut end = last + closer.unwrap_or(0);
    for _ in 0..if closer.is_some() { 1 } else { 3 } {
        match memchr::memchr(b'\n', &head[end..]) {
            Some(i) => end += i + 1,
            None => return head.len(),
        }
    }
    end
}

/// The part of a head that holds its tags (see [`header_end`]).
pub fn tag_region(head: &str) -> &str {
    let end = tag_region_bytes(head.as_bytes()).len();
    // the region ends after a '\n' or at the end, a character boundary
    head.get(..end).unwrap_or(head)
}

/// [`tag_region`] on raw bytes, before decoding.
pub fn tag_region_bytes(head: &[u8]) -> &[u8] {
    let hits: Vec<usize> = match TRIGGERS.as_ref() {
        Some(ac) => ac
            .find_iter(&head[..head.len().min(HEADER_SPAN)])
            .map(|m| m.start())
            .collect(),
        None => Vec::new(),
    };
    &head[..header_end(head, &hits)]
}

/// Cuts `bytes` to at most [`HEAD_BYTES`], at a line end when there is one, and decodes it
/// (invalid UTF-8 replaced).
pub fn head_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let mut b = bytes;
    if b.len() > HEAD_BYTES {
        b = &b[..HEAD_BYTES];
        if let Some(nl) = b.iter().rposition(|&c| c == b'\n') {
            b = &b[..=nl];
        }
    }
    String::from_utf8_lossy(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(name: &str, text: &str) -> Vec<String> {
        scan(name, text)
            .into_iter()
            .filter(|t| t.kind == TagKind::License)
            .map(|t| t.value)
            .collect()
    }

    #[test]
    fn comments_only_in_each_grammar() {
        let cases: &[(&str, &str)] = &[
            (
                "a.rs",
                "// SPDX-License-Identifier: MIT\nconst S: &str = \"SPDX-License-Identifier: GPL-3.0-only\";\n",
            ),
            (
                "a.c",
                "/* SPDX-License-Identifier: MIT */\nchar *s = \"SPDX-License-Identifier: GPL-3.0-only\";\n",
            ),
            (
                "a.cpp",
                "// SPDX-License-Identifier: MIT\nauto s = \"SPDX-License-Identifier: GPL-3.0-only\";\n",
            ),
            (
                "a.py",
                "# SPDX-License-Identifier: MIT\ns = \"SPDX-License-Identifier: GPL-3.0-only\"\n",
            ),
            (
                "a.js",
                "// SPDX-License-Identifier: MIT\nconst s = 'SPDX-License-Identifier: GPL-3.0-only';\n",
            ),
            (
                "a.ts",
                "// SPDX-License-Identifier: MIT\nconst s: string = `SPDX-License-Identifier: GPL-3.0-only`;\n",
            ),
            (
                "a.tsx",
                "// SPDX-License-Identifier: MIT\nconst s = <a title=\"SPDX-License-Identifier: GPL-3.0-only\"/>;\n",
            ),
            (
                "A.java",
                "// SPDX-License-Identifier: MIT\nclass A { String s = \"SPDX-License-Identifier: GPL-3.0-only\"; }\n",
            ),
            (
                "a.go",
                "// SPDX-License-Identifier: MIT\npackage a\nvar s = \"SPDX-License-Identifier: GPL-3.0-only\"\n",
            ),
            (
                "a.php",
                "<?php\n// SPDX-License-Identifier: MIT\n$s = 'SPDX-License-Identifier: GPL-3.0-only';\n",
            ),
            (
                "a.rb",
                "# SPDX-License-Identifier: MIT\ns = 'SPDX-License-Identifier: GPL-3.0-only'\n",
            ),
            (
                "a.cs",
                "// SPDX-License-Identifier: MIT\nclass A { string s = \"SPDX-License-Identifier: GPL-3.0-only\"; }\n",
            ),
            (
                "a.sh",
                "#!/bin/sh\n# SPDX-License-Identifier: MIT\necho 'SPDX-License-Identifier: GPL-3.0-only'\n",
            ),
            (
                "a.html",
                "<!-- SPDX-License-Identifier: MIT -->\n<p>SPDX-License-Identifier: GPL-3.0-only</p>\n",
            ),
            (
                "a.css",
                "/* SPDX-License-Identifier: MIT */\na::after { content: \"SPDX-License-Identifier: GPL-3.0-only\"; }\n",
            ),
        ];
        for (name, text) in cases {
            assert_eq!(ids(name, text), vec!["MIT".to_string()], "{name}");
        }
    }

    #[test]
    fn unknown_languages_use_comment_lines() {
        let t = "-- SPDX-License-Identifier: EUPL-1.2\nx = \"SPDX-License-Identifier: MIT\"\n% SPDX-FileCopyrightText: 2024 DINUM\n";
        let tags = scan("a.lua", t);
        assert_eq!(tags.len(), 2);
        assert_eq!(tags[0].value, "EUPL-1.2");
        assert_eq!(tags[1].kind, TagKind::Copyright);
        assert_eq!(tags[1].line, 3);
        assert_eq!(&t[tags[0].range.clone()], "EUPL-1.2");
    }

    #[test]
    fn head_is_cut_at_a_line() {
        let big = "a\n".repeat(HEAD_BYTES);
        assert!(head_text(big.as_bytes()).len() <= HEAD_BYTES);
    }

    #[test]
    fn header_region_ends_with_the_comment_holding_the_last_tag() {
        let c =
            "/*\n * Copyright (C) X\n *\n * SPDX-License-Identifier: curl\n *\n * A note\n *\n ***/\nint main() {}\n";
        assert_eq!(tag_region(c), &c[..c.find("int main").unwrap()]);
        let tags = scan("hmac.c", c);
        assert!(tags.iter().any(|t| t.kind == TagKind::License && t.value == "curl"));
        assert!(
            tags.iter()
                .any(|t| t.kind == TagKind::Copyright && t.value == "Copyright (C) X")
        );
    }

    #[test]
    fn copyright_notices_and_tags_outside_known_grammars() {
        // Markdown: a multi-line HTML comment, YAML front matter, a VMS DCL comment
        let md = "<!--\nCopyright (C) Jane Doe\n\nSPDX-License-Identifier: curl\n-->\n# Title\n";
        let t = scan("README.md", md);
        assert_eq!(t.iter().filter(|t| t.kind == TagKind::License).count(), 1);
        assert_eq!(t.iter().filter(|t| t.kind == TagKind::Copyright).count(), 1);
        let fm = "---\nc: Copyright (C) Jane Doe\nSPDX-License-Identifier: curl\n---\n";
        assert_eq!(scan("opt.md", fm).len(), 2);
        let dcl = "$! SPDX-License-Identifier: ISC\n$ exit\n";
        assert_eq!(scan("build.com", dcl).len(), 1);
        // prose mentioning a tag mid-sentence is not a header
        assert!(scan("notes.md", "Put SPDX-License-Identifier: MIT in each file.\n").is_empty());
        // a shell comment line with a notice, no SPDX tag
        let sh = "#!/bin/sh\n# Copyright (C) Jane Doe\n#\n# SPDX-License-Identifier: curl\necho hi\n";
        assert_eq!(scan("x.sh", sh).len(), 2);
    }

    #[test]
    fn notices_as_reuse_reads_them() {
        let c = "/*\n * (C) Copyright 2014 Jane Doe\n */\n// SPDX-License-Identifier: MIT\n";
        let t = scan("a.c", c);
        assert!(
            t.iter()
                .any(|t| t.kind == TagKind::Copyright && t.value == "Copyright 2014 Jane Doe")
        );
        // a module docstring holds the notice; an assigned string does not
        let py = "# SPDX-License-Identifier: MIT\n\"\"\"\nTool\n\nCopyright 2023 Jane Doe\n\"\"\"\nX = \"Copyright 1999 Nobody\"\n";
        let t = scan_bytes("tool.py", py.as_bytes());
        let notices: Vec<_> = t
            .iter()
            .filter(|t| t.kind == TagKind::Copyright)
            .map(|t| t.value.as_str())
            .collect();
        assert_eq!(notices, ["Copyright 2023 Jane Doe"]);
        // a roff comment
        assert_eq!(
            scan("tool.1", ".\\\" SPDX-License-Identifier: GPL-2.0\n.TH TOOL 1\n").len(),
            1
        );
        // "Copyright" alone at the end of a line, or as a word in prose without a blank after it, is not
        assert!(scan("a.md", "# Copyright\n").is_empty());
    }

    #[test]
    fn whole_file_triggers_far_from_the_header() {
        let mut f = String::from("// SPDX-License-Identifier: MIT\n");
        for i in 0..20_000 {
            f.push_str(&format!("int x{i} = {i};\n"));
        }
        f.push_str("// Copyright 2020 Far Away\n");
        assert!(f.len() > HEAD_BYTES);
        let t = scan_bytes("a.c", f.as_bytes());
        let far = t.iter().find(|t| t.kind == TagKind::Copyright).expect("notice found");
        assert_eq!(far.value, "Copyright 2020 Far Away");
        assert_eq!(far.line, 20_002);
        assert_eq!(&f[far.range.clone()], "Copyright 2020 Far Away");
        assert_eq!(t.iter().filter(|t| t.kind == TagKind::License).count(), 1);
        // no trigger: nothing parsed, nothing found
        assert!(scan_bytes("a.c", b"int main() { return 0; }\n").is_empty());
        assert!(is_binary(b"\x7fELF\0\0\0 Copyright 2020"));
    }
}

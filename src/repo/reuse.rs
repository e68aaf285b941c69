//! REUSE bulk licensing: `REUSE.toml` annotations and the older `.reuse/dep5` (Debian
//! copyright format), matched against repository paths.

use std::ops::Range;

/// One annotation: paths (globs) and what they are licensed under.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Annotation {
    /// Globs relative to the root.
    pub paths: Vec<String>,
    /// SPDX expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// Copyright lines.
    pub copyright: Vec<String>,
    /// Whether `*` also crosses `/` (dep5).
    #[serde(skip)]
    pub star_crosses: bool,
    /// `precedence = "override"` (REUSE.toml): replaces the file's own headers.
    pub overrides: bool,
    /// Byte range of the licence in the annotation file.
    #[serde(skip)]
    pub range: Range<usize>,
}

/// Glob match: `*` any run (without `/` unless `star_crosses`), `**` any run, `?` one character.
pub fn glob(pattern: &str, path: &str, star_crosses: bool) -> bool {
    fn go(p: &[u8], s: &[u8], cross: bool) -> bool {
        match p.first() {
            None => s.is_empty(),
            Some(b'*') => {
                let (rest, any) = if p.get(1) == Some(&b'*') {
                    let mut r = &p[2..];
                    if r.first() == Some(&b'/') {
                        // `**/x` also matches `x`
                        if go(&r[1..], s, cross) {
                            return true;
                        }
                        r = &p[2..];
                    }
                    (r, true)
                } else {
                    (&p[1..], cross)
                };
                for i in 0..=s.len() {
                    if go(rest, &s[i..], cross) {
                        return true;
                    }
                    if i < s.len() && s[i] == b'/' && !any {
                        return false;
                    }
                }
                false
            }
            Some(b'?') => !s.is_empty() && s[0] != b'/' && go(&p[1..], &s[1..], cross),
            Some(&c) => s.first() == Some(&c) && go(&p[1..], &s[1..], cross),
        }
    }
    go(pattern.as_bytes(), path.as_bytes(), star_crosses)
}

/// Reads `REUSE.toml`. `None` when malformed.
pub fn read_reuse_toml(text: &str) -> Option<Vec<Annotation>> {
    let v: toml::Table = toml::from_str(text).ok()?;
    let mut out = Vec::new();
    for a in v.get("annotations").and_then(|a| a.as_array()).into_iter().flatten() {
        let paths = match a.get("path") {
            Some(toml::Value::String(s)) => vec![s.clone()],
            Some(toml::Value::Array(xs)) => xs.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
            _ => continue,
        };
        let strings = |k: &str| -> Vec<String> {
            match a.get(k) {
                Some(toml::Value::String(s)) => vec![s.clone()],
                Some(toml::Value::Array(xs)) => xs.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
                _ => Vec::new(),
            }
        };
        let licence = strings("SPDX-License-Identifier").into_iter().next();
        let range = licence
            .as_deref()
            .map(|l| super::manifest::span_after(text, &paths[0], l))
            .unwrap_or(0..0);
        out.push(Annotation {
            paths,
            licence,
            copyright: strings("SPDX-FileCopyrightText"),
            star_crosses: false,
            overrides: a.get("precedence").and_then(|p| p.as_str()) == Some("override"),
            range,
        });
    }
    Some(out)
}

/// Reads `.reuse/dep5`.
pub fn read_dep5(text: &str) -> Vec<Annotation> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut cur: Option<Annotation> = None;
    let mut field = String::new();
    for line in text.split_inclusive('\n') {
        let t = line.trim_end();
        if t.trim().is_empty() {
            if let Some(a) = cur.take().filter(|a| !a.paths.is_empty()) {
                out.push(a);
            }
        } else if line.starts_with([' ', '\t']) {
            if field == "Copyright"
                && let Some(a) = cur.as_mut()
            {
                a.copyright.push(t.trim().to_string());
            }
        } else if let Some((k, v)) = t.split_once(':') {
            field = k.trim().to_string();
            let v = v.trim();
            let a = cur.get_or_insert_with(|| Annotation {
                paths: Vec::new(),
                licence: None,
                copyright: Vec::new(),
                star_crosses: true,
                overrides: false,
                range: 0..0,
            });
            match field.as_str() {
                "Files" => a.paths = v.split_whitespace().map(str::to_string).collect(),
                "Copyright" if !v.is_empty() => a.copyright.push(v.to_string()),
                "License" => {
                    let off = line.find(v).unwrap_or(0);
                    a.licence = Some(v.to_string());
                    a.range = pos + off..pos + off + v.len();
                }
                _ => {}
            }
        }
        pos += line.len();
    }
    if let Some(a) = cur.filter(|a| !a.paths.is_empty()) {
        out.push(a);
    }
    out
}

/// The last annotation matching `path` (later annotations win, as in REUSE).
pub fn lookup<'a>(annotations: &'a [Annotation], path: &str) -> Option<&'a Annotation> {
    annotations
        .iter()
        .rev()
        .find(|a| a.paths.iter().any(|p| glob(p, path, a.star_crosses)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("*.png", "a.png", false));
        assert!(!glob("*.png", "img/a.png", false));
        assert!(glob("*.png", "img/a.png", true));
        assert!(glob("img/**", "img/x/a.png", false));
        assert!(glob("**/*.png", "a.png", false));
        assert!(glob("**/*.png", "x/y/a.png", false));
        assert!(glob("docs/?.md", "docs/a.md", false));
    }

    #[test]
    fn reuse_toml_and_dep5() {
        let t = "version = 1\n[[annotations]]\npath = [\"img/**\"]\nSPDX-FileCopyrightText = \"2024 DINUM\"\nSPDX-License-Identifier = \"CC-BY-4.0\"\n";
        let a = read_reuse_toml(t).unwrap();
        assert_eq!(
            lookup(&a, "img/logo.png").and_then(|a| a.licence.as_deref()),
            Some("CC-BY-4.0")
        );
        assert_eq!(&t[a[0].range.clone()], "CC-BY-4.0");
        let d = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: data/*\nCopyright: 2024 X\n  2025 Y\nLicense: CC0-1.0\n";
        let a = read_dep5(d);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].copyright.len(), 2);
        assert!(lookup(&a, "data/x/y.csv").is_some());
        assert_eq!(&d[a[0].range.clone()], "CC0-1.0");
    }
}

//! Package manifests, lockfiles and SBOMs: the licence they declare for the project and the
//! components (name, version, licence) they list, each with a byte span for diagnostics.
//! Files are only read, never executed.

use serde::Serialize;
use serde_json::Value;
use std::ops::Range;

/// A licence declared by a manifest for its own package.
#[derive(Debug, Clone, Serialize)]
pub struct Declared {
    /// The licence as written (alternatives of a list joined with ` OR `).
    pub raw: String,
    /// Byte range of the value in the file.
    #[serde(skip)]
    pub range: Range<usize>,
}

/// A component listed by a manifest, lockfile, vendored package or SBOM.
#[derive(Debug, Clone, Serialize)]
pub struct Component {
    /// Name.
    pub name: String,
    /// Version, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Ecosystem (`cargo`, `npm`, `pypi`, `maven`, `composer`, `go`, `sbom`).
    pub ecosystem: &'static str,
    /// Licence as written, when the file gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// Whether the file format carries licences (a lockfile without licences is not a finding).
    #[serde(skip)]
    pub licence_expected: bool,
    /// Byte range (of the licence, else of the name) in the file.
    #[serde(skip)]
    pub range: Range<usize>,
}

/// What one manifest says.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Manifest {
    /// Licence of the package itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared: Option<Declared>,
    /// Components.
    pub components: Vec<Component>,
    /// Format (`Cargo.toml`, `package-lock.json`, `cyclonedx`…).
    pub format: &'static str,
    /// Whether it is an SBOM.
    pub sbom: bool,
}

/// Byte range of `value` in `text`, first looked for after `anchor` (when found), else anywhere;
/// `0..0` when absent.
pub fn span_after(text: &str, anchor: &str, value: &str) -> Range<usize> {
    let from = if anchor.is_empty() {
        0
    } else {
        text.find(anchor).unwrap_or(0)
    };
    if value.is_empty() {
        return from..from;
    }
    if let Some(p) = text[from..].find(value) {
        return from + p..from + p + value.len();
    }
    match text.find(value) {
        Some(p) => p..p + value.len(),
        None => from..from,
    }
}

/// The manifest kind of a file name, if it is one clausier reads.
pub fn kind(name: &str) -> Option<&'static str> {
    Some(match name {
        "Cargo.toml" => "Cargo.toml",
        "Cargo.lock" => "Cargo.lock",
        "package.json" => "package.json",
        "package-lock.json" | "npm-shrinkwrap.json" => "package-lock.json",
        "pyproject.toml" => "pyproject.toml",
        "setup.cfg" => "setup.cfg",
        "pom.xml" => "pom.xml",
        "composer.json" => "composer.json",
        "composer.lock" => "composer.lock",
        "go.mod" => "go.mod",
        "bom.json" | "sbom.json" => "sbom",
        n if n.starts_with("requirements") && n.ends_with(".txt") => "requirements.txt",
        n if n.ends_with(".cdx.json") || n.ends_with(".spdx.json") => "sbom",
        _ => return None,
    })
}

fn json_licence(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("type").and_then(|t| t.as_str()).map(str::to_string),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(json_licence).collect();
            if parts.is_empty() {
                None
            } else if parts.len() == 1 {
                Some(parts[0].clone())
            } else {
                Some(parts.iter().map(|p| format!("({p})")).collect::<Vec<_>>().join(" OR "))
            }
        }
        _ => None,
    }
}

fn declared(text: &str, anchor: &str, raw: Option<String>) -> Option<Declared> {
    let raw = raw?;
    let first = raw
        .trim_start_matches('(')
        .split(')')
        .next()
        .unwrap_or(&raw)
        .to_string();
    let range = span_after(text, anchor, &first);
    Some(Declared { raw, range })
}

/// Reads a manifest (`kind` from [`kind`]). Returns `None` when the file is malformed.
pub fn read(kind: &'static str, text: &str) -> Option<Manifest> {
    let mut m = Manifest {
        format: kind,
        ..Manifest::default()
    };
    match kind {
        "Cargo.toml" => {
            let v: toml::Table = toml::from_str(text).ok()?;
            let pkg = v.get("package").and_then(|p| p.as_table());
            let lic = pkg
                .and_then(|p| p.get("license"))
                .and_then(|l| l.as_str())
                .map(str::to_string);
            m.declared = declared(text, "license", lic);
            if let Some(name) = pkg.and_then(|p| p.get("name")).and_then(|n| n.as_str()) {
                // A crate's own identity is kept so vendored crates become components.
                let version = pkg
                    .and_then(|p| p.get("version"))
                    .and_then(|n| n.as_str())
                    .map(str::to_string);
                m.components.push(Component {
                    name: name.to_string(),
                    version,
                    ecosystem: "cargo",
                    licence: m.declared.as_ref().map(|d| d.raw.clone()),
                    licence_expected: true,
                    range: m.declared.as_ref().map(|d| d.range.clone()).unwrap_or(0..0),
                });
            }
        }
        "Cargo.lock" => {
            let v: toml::Table = toml::from_str(text).ok()?;
            for p in v.get("package").and_then(|p| p.as_array()).into_iter().flatten() {
                let Some(name) = p.get("name").and_then(|n| n.as_str()) else {
                    continue;
                };
                if p.get("source").is_none() {
                    continue; // a workspace member
                }
                m.components.push(Component {
                    name: name.to_string(),
                    version: p.get("version").and_then(|n| n.as_str()).map(str::to_string),
                    ecosystem: "cargo",
                    licence: None,
                    licence_expected: false,
                    range: span_after(text, &format!("name = \"{name}\""), name),
                });
            }
        }
        "package.json" => {
            let v: Value = serde_json::from_str(text).ok()?;
            let lic = v.get("license").or_else(|| v.get("licenses")).and_then(json_licence);
            m.declared = declared(text, "\"licen", lic);
            if let Some(name) = v.get("name").and_then(|n| n.as_str()) {
                m.components.push(Component {
                    name: name.to_string(),
                    version: v.get("version").and_then(|n| n.as_str()).map(str::to_string),
                    ecosystem: "npm",
                    licence: m.declared.as_ref().map(|d| d.raw.clone()),
                    licence_expected: true,
                    range: m.declared.as_ref().map(|d| d.range.clone()).unwrap_or(0..0),
                });
            }
        }
        "package-lock.json" => {
            let v: Value = serde_json::from_str(text).ok()?;
            for (path, p) in v.get("packages").and_then(|p| p.as_object()).into_iter().flatten() {
                if path.is_empty() {
                    continue; // the root package
                }
                let name = path.rsplit("node_modules/").next().unwrap_or(path);
                let licence = p.get("license").and_then(json_licence);
                let anchor = format!("\"{path}\"");
                let range = match &licence {
                    Some(l) => span_after(text, &anchor, l),
                    None => span_after(text, &anchor, path),
                };
                m.components.push(Component {
                    name: name.to_string(),
                    version: p.get("version").and_then(|n| n.as_str()).map(str::to_string),
                    ecosystem: "npm",
                    licence,
                    licence_expected: true,
                    range,
                });
            }
        }
        "pyproject.toml" => {
            let v: toml::Table = toml::from_str(text).ok()?;
            let project = v.get("project");
            let lic = project.and_then(|p| p.get("license")).and_then(|l| match l {
                toml::Value::String(s) => Some(s.clone()),
                toml::Value::Table(t) => t.get("text").and_then(|t| t.as_str()).map(str::to_string),
                _ => None,
            });
            let lic = lic.or_else(|| {
                v.get("tool")
                    .and_then(|t| t.get("poetry"))
                    .and_then(|p| p.get("license"))
                    .and_then(|l| l.as_str())
                    .map(str::to_string)
            });
            m.declared = declared(text, "license", lic);
            for d in project
                .and_then(|p| p.get("dependencies"))
                .and_then(|d| d.as_array())
                .into_iter()
                .flatten()
                .filter_map(|d| d.as_str())
            {
                push_requirement(&mut m, text, d);
            }
        }
        "setup.cfg" => {
            let mut in_meta = false;
            let mut pos = 0;
            for line in text.split_inclusive('\n') {
                let t = line.trim();
                if t.starts_with('[') {
                    in_meta = t == "[metadata]";
                } else if in_meta && let Some((k, val)) = t.split_once('=') {
                    if k.trim() == "license" && !val.trim().is_empty() {
                        let val = val.trim();
                        let off = line.find(val).unwrap_or(0);
                        m.declared = Some(Declared {
                            raw: val.to_string(),
                            range: pos + off..pos + off + val.len(),
                        });
                    }
                }
                pos += line.len();
            }
        }
        "requirements.txt" => {
            for line in text.lines() {
                let l = line.split('#').next().unwrap_or("").trim();
                if l.is_empty() || l.starts_with('-') {
                    continue;
                }
                push_requirement(&mut m, text, l);
            }
        }
        "pom.xml" => read_pom(text, &mut m)?,
        "composer.json" => {
            let v: Value = serde_json::from_str(text).ok()?;
            m.declared = declared(text, "\"license\"", v.get("license").and_then(json_licence));
        }
        "composer.lock" => {
            let v: Value = serde_json::from_str(text).ok()?;
            for list in ["packages", "packages-dev"] {
                for p in v.get(list).and_then(|p| p.as_array()).into_iter().flatten() {
                    let Some(name) = p.get("name").and_then(|n| n.as_str()) else {
                        continue;
                    };
                    let licence = p.get("license").and_then(json_licence);
                    let anchor = format!("\"name\": \"{name}\"");
                    let first = licence
                        .as_deref()
                        .map(|l| l.trim_start_matches('(').split(')').next().unwrap_or(l));
                    m.components.push(Component {
                        name: name.to_string(),
                        version: p.get("version").and_then(|n| n.as_str()).map(str::to_string),
                        ecosystem: "composer",
                        range: span_after(text, &anchor, first.unwrap_or(name)),
                        licence,
                        licence_expected: true,
                    });
                }
            }
        }
        "go.mod" => {
            let mut in_block = false;
            let mut pos = 0;
            for line in text.split_inclusive('\n') {
                let t = line.trim();
                let spec = if t.starts_with("require (") {
                    in_block = true;
                    None
                } else if in_block && t.starts_with(')') {
                    in_block = false;
                    None
                } else if in_block {
                    Some(t)
                } else {
                    t.strip_prefix("require ")
                };
                if let Some(spec) = spec {
                    let mut it = spec.split_whitespace();
                    if let (Some(name), Some(ver)) = (it.next(), it.next())
                        && !name.starts_with("//")
                    {
                        let off = line.find(name).unwrap_or(0);
                        m.components.push(Component {
                            name: name.to_string(),
                            version: Some(ver.trim_start_matches('v').to_string()),
                            ecosystem: "go",
                            licence: None,
                            licence_expected: false,
                            range: pos + off..pos + off + name.len(),
                        });
                    }
                }
                pos += line.len();
            }
        }
        "sbom" => read_sbom(text, &mut m)?,
        _ => return None,
    }
    Some(m)
}

fn push_requirement(m: &mut Manifest, text: &str, spec: &str) {
    let end = spec
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(spec.len());
    let name = &spec[..end];
    if name.is_empty() {
        return;
    }
    let version = spec
        .split_once("==")
        .map(|(_, v)| v.trim().trim_end_matches([',', ';']).to_string());
    m.components.push(Component {
        name: name.to_string(),
        version,
        ecosystem: "pypi",
        licence: None,
        licence_expected: false,
        range: span_after(text, "", spec),
    });
}

fn read_pom(text: &str, m: &mut Manifest) -> Option<()> {
    use quick_xml::Reader;
    use quick_xml::events::Event;
    let mut r = Reader::from_str(text);
    let mut stack: Vec<String> = Vec::new();
    let mut names: Vec<(String, Range<usize>)> = Vec::new();
    let mut dep: Option<(String, String, Option<String>, Range<usize>)> = None;
    loop {
        let before = r.buffer_position() as usize;
        match r.read_event() {
            Err(_) => return None,
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                let n = e.local_name().into_inner().to_string();
                if n == "dependency" && stack.last().is_some_and(|p| p == "dependencies") {
                    dep = Some((String::new(), String::new(), None, 0..0));
                }
                stack.push(n);
            }
            Ok(Event::End(e)) => {
                let n = e.local_name().into_inner().to_string();
                if n == "dependency"
                    && let Some((g, a, v, range)) = dep.take()
                {
                    m.components.push(Component {
                        name: format!("{g}:{a}"),
                        version: v,
                        ecosystem: "maven",
                        licence: None,
                        licence_expected: false,
                        range,
                    });
                }
                stack.pop();
            }
            Ok(Event::Text(t)) => {
                let s = t.xml10_content().trim().to_string();
                let end = r.buffer_position() as usize;
                let range = text[before..end]
                    .find(&s)
                    .map(|p| before + p..before + p + s.len())
                    .unwrap_or(before..end);
                let path: Vec<&str> = stack.iter().map(|s| s.as_str()).collect();
                match path.as_slice() {
                    [.., "licenses", "license", "name"] if path.len() == 4 => names.push((s, range)),
                    [.., "licenses", "license", "url"] if path.len() == 4 => {
                        if let Some(id) = crate::licence::expr::from_url(&s) {
                            names.push((id, range));
                        }
                    }
                    [.., "dependency", field] => {
                        if let Some(d) = dep.as_mut() {
                            match *field {
                                "groupId" => d.0 = s,
                                "artifactId" => {
                                    d.1 = s;
                                    d.3 = range;
                                }
                                "version" => d.2 = Some(s),
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
            Ok(_) => {}
        }
    }
    // One licence per <license> element: a name when it resolves, else its URL's id.
    let mut seen: Vec<String> = Vec::new();
    let mut first_range = None;
    for (n, range) in &names {
        let norm = crate::licence::expr::normalize(n)
            .expression
            .unwrap_or_else(|| n.clone());
        if !seen.contains(&norm) {
            seen.push(norm);
            first_range.get_or_insert(range.clone());
        }
    }
    if !seen.is_empty() {
        m.declared = Some(Declared {
            raw: if seen.len() == 1 {
                seen[0].clone()
            } else {
                seen.iter().map(|p| format!("({p})")).collect::<Vec<_>>().join(" OR ")
            },
            range: first_range.unwrap_or(0..0),
        });
    }
    Some(())
}

fn read_sbom(text: &str, m: &mut Manifest) -> Option<()> {
    let v: Value = serde_json::from_str(text).ok()?;
    m.sbom = true;
    if v.get("bomFormat").and_then(|f| f.as_str()) == Some("CycloneDX") {
        m.format = "cyclonedx";
        for c in v.get("components").and_then(|c| c.as_array()).into_iter().flatten() {
            let Some(name) = c.get("name").and_then(|n| n.as_str()) else {
                continue;
            };
            let mut parts = Vec::new();
            for l in c.get("licenses").and_then(|l| l.as_array()).into_iter().flatten() {
                if let Some(e) = l.get("expression").and_then(|e| e.as_str()) {
                    parts.push(e.to_string());
                } else if let Some(lic) = l.get("license") {
                    if let Some(id) = lic.get("id").and_then(|i| i.as_str()) {
                        parts.push(id.to_string());
                    } else if let Some(n) = lic.get("name").and_then(|i| i.as_str()) {
                        parts.push(n.to_string());
                    }
                }
            }
            let licence = match parts.len() {
                0 => None,
                1 => Some(parts.remove(0)),
                _ => Some(parts.iter().map(|p| format!("({p})")).collect::<Vec<_>>().join(" OR ")),
            };
            let anchor = format!("\"{name}\"");
            m.components.push(Component {
                name: name.to_string(),
                version: c.get("version").and_then(|n| n.as_str()).map(str::to_string),
                ecosystem: "sbom",
                range: span_after(text, &anchor, licence.as_deref().unwrap_or(name)),
                licence,
                licence_expected: true,
            });
        }
    } else if v.get("spdxVersion").is_some() {
        m.format = "spdx";
        for p in v.get("packages").and_then(|c| c.as_array()).into_iter().flatten() {
            let Some(name) = p.get("name").and_then(|n| n.as_str()) else {
                continue;
            };
            let licence = ["licenseConcluded", "licenseDeclared"]
                .iter()
                .filter_map(|k| p.get(*k).and_then(|l| l.as_str()))
                .find(|l| !matches!(*l, "NOASSERTION" | "NONE"))
                .map(str::to_string);
            let anchor = format!("\"{name}\"");
            m.components.push(Component {
                name: name.to_string(),
                version: p.get("versionInfo").and_then(|n| n.as_str()).map(str::to_string),
                ecosystem: "sbom",
                range: span_after(text, &anchor, licence.as_deref().unwrap_or(name)),
                licence,
                licence_expected: true,
            });
        }
    } else {
        return None;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_declare_licences_with_spans() {
        let t = "[package]\nname = \"x\"\nversion = \"1.0.0\"\nlicense = \"MIT OR Apache-2.0\"\n";
        let m = read("Cargo.toml", t).unwrap();
        let d = m.declared.unwrap();
        assert_eq!(d.raw, "MIT OR Apache-2.0");
        assert_eq!(&t[d.range], "MIT OR Apache-2.0");
        let t = r#"{"name":"a","license":"ISC"}"#;
        assert_eq!(read("package.json", t).unwrap().declared.unwrap().raw, "ISC");
        let t = "<project><licenses><license><name>The Apache Software License, Version 2.0</name></license></licenses>\
                 <dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency></dependencies></project>";
        let m = read("pom.xml", t).unwrap();
        assert_eq!(m.declared.unwrap().raw, "Apache-2.0");
        assert_eq!(m.components[0].name, "g:a");
        let t = "module x\n\nrequire (\n\tgithub.com/a/b v1.2.3\n)\nrequire c.io/d v0.1.0\n";
        let m = read("go.mod", t).unwrap();
        assert_eq!(m.components.len(), 2);
        assert_eq!(&t[m.components[0].range.clone()], "github.com/a/b");
        assert!(read("package.json", "{not json").is_none());
    }

    #[test]
    fn lockfiles_and_sboms() {
        let t = r#"{"lockfileVersion":3,"packages":{"":{"name":"r"},"node_modules/gpl-lib":{"version":"1.0.0","license":"GPL-3.0-only"}}}"#;
        let m = read("package-lock.json", t).unwrap();
        assert_eq!(m.components[0].name, "gpl-lib");
        assert_eq!(&t[m.components[0].range.clone()], "GPL-3.0-only");
        let t = r#"{"bomFormat":"CycloneDX","components":[{"name":"x","version":"2","licenses":[{"license":{"id":"MIT"}}]}]}"#;
        let m = read("sbom", t).unwrap();
        assert!(m.sbom);
        assert_eq!(m.components[0].licence.as_deref(), Some("MIT"));
        let t = r#"{"name":"a/b","license":["MIT","GPL-2.0-only"]}"#;
        assert_eq!(
            read("composer.json", t).unwrap().declared.unwrap().raw,
            "(MIT) OR (GPL-2.0-only)"
        );
    }
}

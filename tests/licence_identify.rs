//! Licence text identification: canonical SPDX texts, reflowed texts, Pixar, headers, several
//! licences in one file, non-licence text.

use clausier::licence::identify::{EntryKind, Match, identify};
use std::path::Path;

/// Whether a match names an SPDX id (directly, as a term of an undetermined GNU expression, or
/// as an id sharing the same canonical text).
fn names(m: &Match, id: &str) -> bool {
    let direct = |id: &str| m.id == id || m.id.split(" OR ").any(|t| t == id) || m.same_text.iter().any(|t| t == id);
    if direct(id) {
        return true;
    }
    // Deprecated ids whose SPDX replacement is `licence WITH exception`; their canonical text is
    // the exception (or the licence notice plus the exception).
    let replaced = match id {
        "GPL-2.0-with-GCC-exception" => Some("GCC-exception-2.0"),
        "GPL-2.0-with-font-exception" => Some("Font-exception-2.0"),
        "GPL-2.0-with-bison-exception" => Some("Bison-exception-2.2"),
        "GPL-2.0-with-classpath-exception" => Some("Classpath-exception-2.0"),
        "GPL-2.0-with-autoconf-exception" => Some("Autoconf-exception-2.0"),
        "GPL-3.0-with-GCC-exception" => Some("GCC-exception-3.1"),
        "GPL-3.0-with-autoconf-exception" => Some("Autoconf-exception-3.0"),
        "WXwindows" => Some("WxWindows-exception-3.1"),
        "eCos-2.0" => Some("eCos-exception-2.0"),
        _ => None,
    };
    if replaced.is_some_and(direct) {
        return true;
    }
    // Deprecated composite ids (`GPL-2.0+`, `GPL-2.0-with-GCC-exception`, `WXwindows`): their
    // current form's licence or exception.
    match spdx::Expression::parse_mode(id, spdx::ParseMode::LAX) {
        Ok(e) => e.requirements().any(|r| {
            let s = r.req.to_string();
            let (lic, exc) = s.split_once(" WITH ").unwrap_or((&s, ""));
            direct(lic) || (!exc.is_empty() && direct(exc))
        }),
        Err(_) => false,
    }
}

fn shared_texts() -> Option<Vec<(String, String)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/spdx/text");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        println!("note: {} not found, test skipped", dir.display());
        return None;
    };
    let mut v: Vec<(String, String)> = rd
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let id = name.strip_suffix(".txt")?.trim_start_matches("deprecated_").to_string();
            Some((id, std::fs::read_to_string(e.path()).ok()?))
        })
        .collect();
    v.sort();
    Some(v)
}

fn accuracy(texts: &[(String, String)], transform: fn(&str) -> String) -> (usize, Vec<String>) {
    let mut ok = 0;
    let mut bad = Vec::new();
    for (id, text) in texts {
        let m = identify(&transform(text));
        match m.first() {
            Some(top) if names(top, id) => ok += 1,
            Some(top) => bad.push(format!("{id} -> {} ({})", top.id, top.score)),
            None => bad.push(format!("{id} -> nothing")),
        }
    }
    (ok, bad)
}

#[test]
fn canonical_spdx_texts_top1() {
    let Some(texts) = shared_texts() else { return };
    let (ok, bad) = accuracy(&texts, |t| t.to_string());
    println!("canonical: {ok}/{}", texts.len());
    assert!(
        bad.is_empty(),
        "{} wrong of {}:\n{}",
        bad.len(),
        texts.len(),
        bad.join("\n")
    );
}

#[test]
fn canonical_spdx_texts_reflowed_on_one_line() {
    let Some(texts) = shared_texts() else { return };
    let (ok, bad) = accuracy(&texts, |t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    println!("one line: {ok}/{}; wrong: {bad:?}", texts.len());
    // Known limit: variants that differ only in their copyright statements (Latex2e and its
    // translated-notice variant) cannot be told apart once the statement runs into the text.
    assert!(
        bad.len() <= 2,
        "{} wrong of {}:\n{}",
        bad.len(),
        texts.len(),
        bad.join("\n")
    );
}

fn text_of(id: &str) -> &'static str {
    spdx::license_id(id).unwrap().text()
}

fn apache_without_appendix() -> String {
    let t = text_of("Apache-2.0");
    let end = t.find("END OF TERMS AND CONDITIONS").unwrap() + "END OF TERMS AND CONDITIONS".len();
    t[..end].to_string()
}

#[test]
fn apache_without_appendix_is_not_pixar() {
    let m = identify(&apache_without_appendix());
    assert_eq!(m[0].id, "Apache-2.0", "{m:?}");
    assert!(m[0].score > 0.99);
    assert!(m.iter().all(|x| x.id != "Pixar"), "{m:?}");
    // The real Pixar text is still Pixar.
    assert_eq!(identify(text_of("Pixar"))[0].id, "Pixar");
    // Reflowed too.
    let flat = apache_without_appendix()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(identify(&flat)[0].id, "Apache-2.0");
}

#[test]
fn several_licences_in_one_file_with_line_ranges() {
    let mit = format!("Copyright (c) 2019 The Foo Developers\n\n{}", text_of("MIT"));
    let apache = text_of("Apache-2.0");
    let text = format!(
        "This project is dual-licensed.\n\n--- MIT ---\n\n{mit}\n\n--- Apache ---\n\n{apache}\n\n--- end of notices ---\n"
    );
    let m = identify(&text);
    let ids: Vec<&str> = m.iter().map(|x| x.id.as_str()).collect();
    assert!(ids.contains(&"MIT") && ids.contains(&"Apache-2.0"), "{m:?}");
    assert_eq!(m.len(), 2, "{m:?}");
    let lines: Vec<&str> = text.lines().collect();
    let mit_m = m.iter().find(|x| x.id == "MIT").unwrap();
    let ap_m = m.iter().find(|x| x.id == "Apache-2.0").unwrap();
    assert!(mit_m.end_line < ap_m.start_line);
    assert!(lines[mit_m.start_line - 1].contains("MIT License") || lines[mit_m.start_line - 1].contains("Copyright"));
    assert!(
        lines[ap_m.start_line - 1].contains("Apache License"),
        "{}",
        lines[ap_m.start_line - 1]
    );
    assert!(lines[ap_m.end_line - 1].contains("limitations under the License"));
    assert!(mit_m.score > 0.98 && ap_m.score > 0.98);
}

#[test]
fn third_party_notices_bundle() {
    let mut text = String::from("THIRD-PARTY SOFTWARE NOTICES\n\nThis product bundles the following components.\n\n");
    for (name, id) in [
        ("left-pad 1.3.0", "MIT"),
        ("zlib", "Zlib"),
        ("libfoo", "BSD-3-Clause"),
        ("bar", "ISC"),
    ] {
        text.push_str(&format!("=====\n{name}\n=====\n\n{}\n\n", text_of(id)));
    }
    let mut ids: Vec<String> = identify(&text).into_iter().map(|m| m.id).collect();
    ids.sort();
    assert_eq!(ids, ["BSD-3-Clause", "ISC", "MIT", "Zlib"]);
}

#[test]
fn standard_headers_in_source_files() {
    let c = "/*\n * frobnicate.c - frobnicates\n * Copyright (C) 2020 Jean Dupont\n *\n * This program is free software; you can redistribute it and/or modify\n * it under the terms of the GNU General Public License as published by\n * the Free Software Foundation; either version 2 of the License, or\n * (at your option) any later version.\n *\n * This program is distributed in the hope that it will be useful,\n * but WITHOUT ANY WARRANTY; without even the implied warranty of\n * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the\n * GNU General Public License for more details.\n *\n * You should have received a copy of the GNU General Public License along\n * with this program; if not, write to the Free Software Foundation, Inc.,\n * 51 Franklin Street, Fifth Floor, Boston, MA 02110-1301 USA.\n */\n\n#include <stdio.h>\n\nint main(void) {\n    return frob(42);\n}\n";
    let m = identify(c);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].id, "GPL-2.0-or-later");
    assert_eq!(m[0].kind, EntryKind::Header);
    assert!(m[0].start_line >= 4 && m[0].end_line <= 18, "{m:?}");

    let java = "/*\n * Copyright 2021 Ministère de l'Exemple\n *\n * Licensed under the Apache License, Version 2.0 (the \"License\");\n * you may not use this file except in compliance with the License.\n * You may obtain a copy of the License at\n *\n *      https://www.apache.org/licenses/LICENSE-2.0\n *\n * Unless required by applicable law or agreed to in writing, software\n * distributed under the License is distributed on an \"AS IS\" BASIS,\n * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\n * See the License for the specific language governing permissions and\n * limitations under the License.\n */\npackage fr.exemple;\n\npublic class App {}\n";
    let m = identify(java);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!((m[0].id.as_str(), m[0].kind), ("Apache-2.0", EntryKind::Header));

    let cecill = "# Copyright © INRIA 2015\n#\n# Ce logiciel est régi par la licence CeCILL-B soumise au droit français et\n# respectant les principes de diffusion des logiciels libres. Vous pouvez\n# utiliser, modifier et/ou redistribuer ce programme sous les conditions\n# de la licence CeCILL-B telle que diffusée par le CEA, le CNRS et l'INRIA\n# sur le site \"http://www.cecill.info\".\n#\n# En contrepartie de l'accessibilité au code source et des droits de copie,\n# de modification et de redistribution accordés par cette licence, il n'est\n# offert aux utilisateurs qu'une garantie limitée.  Pour les mêmes raisons,\n# seule une responsabilité restreinte pèse sur l'auteur du programme,  le\n# titulaire des droits patrimoniaux et les concédants successifs.\n#\n# A cet égard  l'attention de l'utilisateur est attirée sur les risques\n# associés au chargement,  à l'utilisation,  à la modification et/ou au\n# développement et à la reproduction du logiciel par l'utilisateur étant\n# donné sa spécificité de logiciel libre, qui peut le rendre complexe à\n# manipuler et qui le réserve donc à des développeurs et des professionnels\n# avertis possédant  des  connaissances  informatiques approfondies.  Les\n# utilisateurs sont donc invités à charger  et  tester  l'adéquation  du\n# logiciel à leurs besoins dans des conditions permettant d'assurer la\n# sécurité de leurs systèmes et ou de leurs données et, plus généralement,\n# à l'utiliser et l'exploiter dans les mêmes conditions de sécurité.\n#\n# Le fait que vous puissiez accéder à cet en-tête signifie que vous avez\n# pris connaissance de la licence CeCILL-B, et que vous en avez accepté les\n# termes.\n\nimport os\n";
    let m = identify(cecill);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].id, "CECILL-B");
    assert!(m[0].score > 0.95);
    let plain = cecill.replace("CeCILL-B", "CeCILL");
    assert_eq!(identify(&plain)[0].id, "CECILL-2.1");
}

#[test]
fn gnu_variant_undetermined_then_resolved_from_a_notice() {
    let gpl = text_of("GPL-3.0-only");
    let m = identify(gpl);
    assert_eq!(m[0].id, "GPL-3.0-only OR GPL-3.0-or-later");
    assert!(m[0].note.as_deref().unwrap().contains("undetermined"));
    let later =
        format!("This program is released under the GPL, version 3 or (at your option) any later version.\n\n{gpl}");
    assert_eq!(identify(&later)[0].id, "GPL-3.0-or-later");
    let only = format!("SPDX-License-Identifier: GPL-3.0-only\n\n{gpl}");
    assert_eq!(identify(&only)[0].id, "GPL-3.0-only");
}

#[test]
fn nothing_on_non_licence_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for dir in ["src/engine", "src/read", "src/clause", "src/report"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            let t = std::fs::read_to_string(e.path()).unwrap();
            assert!(identify(&t).is_empty(), "{}: {:?}", e.path().display(), identify(&t));
            checked += 1;
        }
    }
    assert!(checked > 5);
    let readme = "# frobnicator\n\nA small tool to frobnicate widgets.\n\n## Install\n\n    cargo install frobnicator\n\n## Licence\n\nLicensed under either of Apache License, Version 2.0 or MIT license at your option.\nUnless you explicitly state otherwise, any contribution intentionally submitted for inclusion\nin the work by you, as defined in the Apache-2.0 license, shall be dual licensed as above,\nwithout any additional terms or conditions.\n";
    assert!(identify(readme).is_empty(), "{:?}", identify(readme));
}

#[test]
fn lgpl3_without_the_gpl_text() {
    let t = text_of("LGPL-3.0-only");
    let own = &t[..t.find("\nGNU GENERAL PUBLIC LICENSE\n").unwrap()];
    let m = identify(own);
    assert_eq!(m[0].id, "LGPL-3.0-only OR LGPL-3.0-or-later", "{m:?}");
    assert_eq!(m.len(), 1);
}

//! The licence-string normaliser (SPDX expressions, names, URLs) on arbitrary strings.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let n = clausier::licence::expr::normalize(s);
    if let Some(e) = n.expression {
        // what comes out normalises to itself
        let _ = clausier::licence::expr::normalize(&e);
    }
});

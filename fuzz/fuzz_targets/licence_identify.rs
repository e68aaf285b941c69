//! The licence-text identifier on arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let _ = clausier::licence::identify::identify(s);
});

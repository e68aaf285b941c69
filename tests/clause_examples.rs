//! Every `[[example]]` of every rule is a test: a `fail` example of an anti-pattern or advisory
//! rule is reported by that rule and a `pass` example is not; a `pass` example of a requirement
//! rule is recognised as evidence and a `fail` example is not.

use clausier::clause::{Expect, Kind, Registry};
use clausier::engine::Engine;

#[test]
fn every_rule_example_behaves_as_declared() {
    let reg = Registry::builtin().expect("built-in packs load");
    let engine = Engine::new(&reg).expect("built-in patterns parse");
    engine
        .compile_now()
        .expect("built-in patterns compile within the size limit");
    let mut failures = Vec::new();
    let mut count = 0;
    for (i, rule) in reg.rules.iter().enumerate() {
        for ex in &rule.examples {
            count += 1;
            let found = engine.run_example(&reg, i, ex);
            let should_find = match (rule.kind, ex.expect) {
                (Kind::Requirement, Expect::Pass) => true,
                (Kind::Requirement, Expect::Fail) => false,
                (_, Expect::Fail) => true,
                (_, Expect::Pass) => false,
            };
            if should_find != !found.is_empty() {
                failures.push(format!(
                    "{} {} ({:?} example, expected {}): {}",
                    rule.id,
                    rule.name,
                    ex.expect,
                    if should_find { "a finding" } else { "no finding" },
                    ex.text.trim()
                ));
            }
        }
    }
    assert!(count > 0, "no examples ran");
    assert!(
        failures.is_empty(),
        "{} of {count} examples misbehave:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

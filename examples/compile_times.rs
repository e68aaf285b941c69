use clausier::clause::Registry;
use std::time::Instant;
fn main() {
    let reg = Registry::builtin().unwrap();
    let mut v = Vec::new();
    for r in &reg.rules {
        let m = &r.matcher;
        for (k, ps) in [
            ("anchor", &m.anchor),
            ("require", &m.require),
            ("unless", &m.unless),
            ("before", &m.unless_before),
            ("section", &m.unless_section),
        ] {
            for p in ps {
                let t = Instant::now();
                clausier::engine::compile(p).unwrap();
                v.push((t.elapsed(), format!("{} {k} {}", r.id, &p[..p.len().min(70)])));
            }
        }
    }
    v.sort();
    let total: std::time::Duration = v.iter().map(|x| x.0).sum();
    println!("total {:?} over {}", total, v.len());
    for (d, s) in v.iter().rev().take(12) {
        println!("{:?} {}", d, s);
    }
}

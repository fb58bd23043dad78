//! The layers of the crate, one direction: `ontology` → `lexicon` → the token
//! view (`vocab`, `doc`) → the stages, each reading only what is below it →
//! `reading` → `eval`. This test reads every module's `crate::` paths and
//! fails on an import its layer does not allow, so a cycle cannot come back.
//! (ARCHITECTURE.md describes the same graph.)

use std::collections::BTreeSet;
use std::path::Path;

/// Each module and the modules it may name (besides itself).
const ALLOWED: &[(&str, &[&str])] = &[
    ("error", &[]),
    ("ontology", &[]),
    ("lexicon", &["ontology"]),
    ("vocab", &["lexicon"]),
    ("doc", &["lexicon", "vocab"]),
    ("ner", &["error"]),
    ("entities", &["ner", "vocab"]),
    ("numbers", &["lexicon", "doc"]),
    ("dates", &["lexicon", "doc", "numbers"]),
    ("roles", &["lexicon", "ontology", "doc", "ner"]),
    ("quotes", &["lexicon", "ontology", "doc", "roles"]),
    (
        "events",
        &[
            "lexicon", "ontology", "doc", "ner", "numbers", "dates", "roles", "quotes",
        ],
    ),
    ("keywords", &["lexicon", "doc", "vocab"]),
    ("summary", &["doc", "keywords"]),
    (
        "reading",
        &[
            "ontology", "doc", "vocab", "ner", "entities", "numbers", "dates", "roles", "quotes",
            "events", "keywords", "summary",
        ],
    ),
    ("eval", &["reading", "ontology", "roles", "events"]),
];

/// The crate modules a source file names through `crate::` (comments skipped).
fn named(src: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in src.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(p) = rest.find("crate::") {
            rest = &rest[p + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // use crate::{a::x, b};
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let m: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !m.is_empty() {
                        out.insert(m);
                    }
                }
                continue;
            }
            let m: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !m.is_empty() {
                out.insert(m);
            }
        }
    }
    out
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_module_imports_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut bad = Vec::new();
    for path in &all {
        let rel = path.strip_prefix(&src).unwrap();
        let module = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if module == "lib" {
            continue;
        }
        let Some((_, allowed)) = ALLOWED.iter().find(|(m, _)| *m == module) else {
            panic!("{}: module {module} has no layer in ALLOWED", rel.display());
        };
        let text = std::fs::read_to_string(path).unwrap();
        for m in named(&text) {
            if m != module && !allowed.contains(&m.as_str()) {
                bad.push(format!("{} names crate::{m}", rel.display()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "imports against the layers:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_checker_sees_grouped_and_inline_paths() {
    let got = named(
        "use crate::{doc::Doc, lexicon};\nlet x = crate::events::find(); // crate::reading\n",
    );
    let want: BTreeSet<String> = ["doc", "lexicon", "events"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(got, want);
}

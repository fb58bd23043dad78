//! The committed lexicons are in the Rust normal form: a list that says its
//! forms are normalized (and the stemmer's lists of `crates/text/data`) holds
//! only words equal to their `khabar_text::norm_form`, so a list made by the
//! Python copy of the normalizer (`scripts/lexicon/norm.py`) cannot drift
//! from the text it is matched against.

use khabar_text::norm_form;
use std::path::{Path, PathBuf};

fn data(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv" || x == "txt"))
        .collect();
    out.sort();
    out
}

/// The words of the first column of a list's entries.
fn words(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .flat_map(|l| l.split('\t').next().unwrap_or("").split(' '))
        .filter(|w| !w.is_empty())
}

/// The entries of a list that are not in the normal form.
fn not_normal(src: &str) -> Vec<String> {
    let mut buf = String::new();
    let mut out = Vec::new();
    for w in words(src) {
        buf.clear();
        norm_form(w, &mut buf);
        if buf != w {
            out.push(format!("{w} (norm: {buf})"));
        }
    }
    out
}

#[test]
fn normalized_lexicons_are_in_the_rust_normal_form() {
    let mut checked = 0;
    for p in data("data") {
        let src = std::fs::read_to_string(&p).unwrap();
        if !src.lines().any(|l| l.starts_with("# forms: normalized")) {
            continue;
        }
        let bad = not_normal(&src);
        assert!(bad.is_empty(), "{}: {bad:?}", p.display());
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} normalized lists found");
}

#[test]
fn the_stemmer_lists_are_in_the_rust_normal_form() {
    // Every list of crates/text/data but the stop words (as written, see its header).
    for p in data("../text/data") {
        if p.file_name().is_some_and(|n| n == "stopwords.txt") {
            continue;
        }
        let src = std::fs::read_to_string(&p).unwrap();
        let bad = not_normal(&src);
        assert!(
            bad.is_empty(),
            "{}: {:?}",
            p.display(),
            &bad[..bad.len().min(20)]
        );
    }
}

/// Every list of `data/` says where it comes from (a script or "Hand-written")
/// and whether its forms are normalized.
#[test]
fn every_lexicon_names_its_source_and_form() {
    for p in data("data") {
        let src = std::fs::read_to_string(&p).unwrap();
        let head: Vec<&str> = src.lines().take_while(|l| l.starts_with('#')).collect();
        assert!(
            head.iter()
                .any(|l| l.contains("Hand-written") || l.contains("scripts/")),
            "{}: no source in its header",
            p.display()
        );
        assert!(
            head.iter().any(|l| l.starts_with("# forms: ")),
            "{}: no '# forms:' line in its header",
            p.display()
        );
    }
}

/// A word a normalized list cannot match is found: the unreachable era word
/// هـ (the norm form has no tatweel) that `dates.rs` used to list.
#[test]
fn a_word_written_with_tatweel_is_not_normal() {
    assert_eq!(not_normal("هـ\thijri\nه\thijri\n").len(), 1);
}

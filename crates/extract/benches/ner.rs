//! Tagging speed of the named-entity recognizer on one core.
//!
//! `cargo bench -p khabar-extract --bench ner`. Two measures, both counted in
//! tokens: CoNLL sentences (ANERcorp-style, pre-tokenized: features, CRF
//! scores and Viterbi) and raw article text (`mentions`: tokenizing, sentence
//! splitting, tagging, one-sense-per-article and spans). Each asserts what it
//! found, so a fast wrong answer fails.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use khabar_extract::ner::{EntityLabel, Ner, Tag};
use std::hint::black_box;

static ARTICLE: &str = include_str!("../../../samples/csto-kazakhstan-2022.txt");

fn bench(c: &mut Criterion) {
    let ner = Ner::bundled().expect("bundled model");
    // The article as pre-tokenized sentences (khabar's tokenizer, one sentence a row).
    let sentences: Vec<Vec<&str>> = khabar_text::sentences(ARTICLE)
        .iter()
        .map(|s| {
            khabar_text::tokenize(&ARTICLE[s.start..s.end])
                .map(|t| &ARTICLE[s.start + t.start..s.start + t.end])
                .collect()
        })
        .collect();
    let n_tokens: usize = sentences.iter().map(Vec::len).sum();
    let tags: usize = sentences
        .iter()
        .map(|s| ner.tag(s).iter().filter(|t| matches!(t, Tag::B(_))).count())
        .sum();
    assert!(tags >= 30, "only {tags} entity starts in the seed article");

    let mut g = c.benchmark_group("ner");
    g.throughput(Throughput::Elements(n_tokens as u64));
    g.bench_function("tag_sentences", |b| {
        b.iter(|| {
            let mut n = 0;
            for s in &sentences {
                n += ner.tag(black_box(s)).len();
            }
            assert_eq!(n, n_tokens);
        })
    });
    let raw_tokens = khabar_text::tokenize(ARTICLE).count();
    g.throughput(Throughput::Elements(raw_tokens as u64));
    g.bench_function("mentions_article", |b| {
        b.iter(|| {
            let m = ner.mentions(black_box(ARTICLE));
            assert!(m
                .iter()
                .any(|m| m.label == EntityLabel::Pers && m.text.contains("بوتين")));
            m.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

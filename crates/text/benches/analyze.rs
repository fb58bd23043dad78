//! Analyzer throughput over a real news article (the seed article, CSTO troops
//! in Kazakhstan). Each run asserts the token count, so a fast wrong answer fails.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use khabar_text::{sentences, tokenize, Analyzer, Form};
use std::hint::black_box;

static ARTICLE: &str = include_str!("../../../samples/csto-kazakhstan-2022.txt");
const WORDS: usize = 676;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("analyze");
    g.throughput(Throughput::Bytes(ARTICLE.len() as u64));
    g.bench_function("tokenize", |b| {
        b.iter(|| {
            let n = tokenize(black_box(ARTICLE))
                .filter(|t| t.kind.is_content())
                .count();
            assert_eq!(n, WORDS);
        })
    });
    for (name, form) in [
        ("display", Form::Display),
        ("norm", Form::Norm),
        ("key", Form::Key),
    ] {
        let an = Analyzer::new(form);
        let mut buf = String::new();
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0usize;
                an.for_each(black_box(ARTICLE), &mut buf, |_, s| n += s.len().min(1));
                assert_eq!(n, WORDS);
            })
        });
    }
    g.bench_function("sentences", |b| {
        b.iter(|| assert_eq!(sentences(black_box(ARTICLE)).len(), 24));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

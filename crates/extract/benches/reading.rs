//! The whole reading (NER included) of the seed article: bytes per second.
//!
//! `cargo bench -p khabar-extract --bench reading`. The corpus-scale figure is
//! `khabar eval throughput ../shared/data/news/saudinewsnet`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use khabar_extract::{read_article, NaiveDate};
use std::hint::black_box;

const SEED: &str = include_str!("../../../samples/csto-kazakhstan-2022.txt");

fn bench(c: &mut Criterion) {
    let (title, body) = SEED.split_once('\n').unwrap();
    let date = NaiveDate::from_ymd_opt(2022, 1, 11);
    // A fast wrong answer fails: the reading must find what the seed article holds.
    let r = read_article(Some(title), body, date);
    assert!(r.numbers.iter().any(|n| n.value == 8000.0));
    assert!(r.events.iter().any(|e| e.event_type == "MOBILIZE"));
    assert!(r.quotes.len() >= 10);

    let mut g = c.benchmark_group("reading");
    g.throughput(Throughput::Bytes(SEED.len() as u64));
    g.bench_function("seed article", |b| {
        b.iter(|| read_article(black_box(Some(title)), black_box(body), date))
    });
    // Ten articles' worth, so the per-call setup is amortized as on a corpus.
    let long = body.repeat(10);
    g.throughput(Throughput::Bytes(long.len() as u64));
    g.bench_function("seed article x10", |b| {
        b.iter(|| read_article(black_box(Some(title)), black_box(&long), date))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

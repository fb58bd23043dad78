//! Builds the committed index fixture of the current schema: two real Arabic articles (the bundled
//! sample and the first article of the server's test feed), read and indexed with their readings
//! stored, as `khabar ingest` does. `tests/compat.rs` requires it to keep opening.
//!
//! ```text
//! cargo run -p khabar-index --example build_fixture -- crates/index/tests/fixtures/schema-2
//! ```

use std::path::{Path, PathBuf};

use khabar_index::{Extras, Index, IngestOptions};
use khabar_ingest::{read_file, Article, Item, Options};

fn main() {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: build_fixture OUT_DIR"),
    );
    assert!(
        !out.exists(),
        "{} exists: remove it first (fixtures are built once per schema version)",
        out.display()
    );
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut articles: Vec<Article> = Vec::new();
    for p in [
        "samples/csto-kazakhstan-2022.txt",
        "crates/server/tests/fixtures/news.jsonl",
    ] {
        read_file(&repo.join(p), &Options::default(), &mut |item| {
            if let Item::Article(a) = item {
                articles.push(a);
            }
        });
    }
    articles.truncate(2);
    let index = Index::create(&out).expect("creates the index");
    let mut ing = index
        .ingester(IngestOptions {
            threads: 1,
            memory_budget: 15 << 20,
            ..IngestOptions::default()
        })
        .expect("writer");
    let extract = |a: &Article| {
        let date = a.published.and_then(khabar_extract::date_of_timestamp);
        Extras::from_reading(khabar_extract::read_article(Some(&a.title), &a.body, date))
    };
    ing.add_batch(articles, Some(&extract)).expect("adds");
    let counts = ing.finish().expect("commits");
    drop(index);
    for lock in [".tantivy-meta.lock", ".tantivy-writer.lock"] {
        let _ = std::fs::remove_file(out.join(lock));
    }
    println!("{} articles in {}", counts.new, out.display());
}

//! A small index of real Arabic news for the tests: the bundled ANT article
//! (`samples/csto-kazakhstan-2022.txt`) and the CSTO articles of
//! `crates/server/tests/fixtures/news.jsonl`, six articles with their metadata, read as
//! `khabar ingest` reads them. One definition, included by path from each crate's tests (which
//! need `khabar-index`, `khabar-ingest` and `tempfile`):
//!
//! ```text
//! #[path = "../../../tests/support/news_index.rs"]
//! mod news_index;
//! ```

use std::path::Path;

use khabar_index::{Extractor, Index, IngestOptions};
use khabar_ingest::{Article, Item, Options};

/// The fixture files, relative to the repository.
pub const NEWS_FILES: [&str; 2] = [
    "samples/csto-kazakhstan-2022.txt",
    "crates/server/tests/fixtures/news.jsonl",
];

/// The six fixture articles.
pub fn news_articles() -> Vec<Article> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut articles = Vec::new();
    for p in NEWS_FILES {
        let path = repo.join(p);
        assert!(
            path.exists(),
            "{}: the test data is missing",
            path.display()
        );
        khabar_ingest::read_file(&path, &Options::default(), &mut |item| {
            if let Item::Article(a) = item {
                articles.push(a);
            }
        });
    }
    assert_eq!(articles.len(), 6);
    articles
}

/// The fixture articles in a new index (one thread, a small writer budget), each read by
/// `extract` when it is given.
pub fn news_index(extract: Option<&Extractor>) -> (tempfile::TempDir, Index) {
    let dir = tempfile::tempdir().unwrap();
    let index = Index::create(dir.path()).unwrap();
    let mut ing = index
        .ingester(IngestOptions {
            threads: 1,
            memory_budget: 20 << 20,
            ..IngestOptions::default()
        })
        .unwrap();
    ing.add_batch(news_articles(), extract).unwrap();
    ing.finish().unwrap();
    index.reload().unwrap();
    (dir, index)
}

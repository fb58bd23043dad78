//! Committed indexes of earlier builds keep opening (tantivy's compat tests are the model): the
//! fixture of schema version 2 (`tests/fixtures/schema-2`, see the README there) opens, searches,
//! and serves its stored readings; stale ones are read again from the stored body.

use std::path::Path;

use khabar_extract::READING_VERSION;
use khabar_index::{Filter, Index, SearchRequest, SCHEMA_VERSION};

/// The fixture copied to a temporary directory (opening must not touch the committed files).
fn open_fixture(name: &str) -> (tempfile::TempDir, khabar_index::Result<Index>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&src).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let index = Index::open(dir.path());
    (dir, index)
}

#[test]
fn schema_2_fixture_opens_searches_and_reads_its_stored_readings() {
    let (_dir, index) = open_fixture("schema-2");
    if SCHEMA_VERSION != 2 {
        // A newer schema refuses it with the advice to re-ingest, never with a tantivy error.
        let msg = index.unwrap_err().to_string();
        assert!(msg.contains("re-ingest"), "{msg}");
        return;
    }
    let index = index.expect("the schema-2 fixture opens");
    assert_eq!(index.stats().unwrap().articles, 2);
    let all = index.search(&SearchRequest::new("كازاخستان")).unwrap();
    assert_eq!(all.total, 2);
    assert!(all.hits.iter().all(|h| h.snippet.contains("<b>")));
    let mut req = SearchRequest::new("الانسحاب");
    req.filters.push(Filter::Source("سكاي نيوز عربية".into()));
    let hits = index.search(&req).unwrap();
    assert_eq!(hits.total, 1);
    assert_eq!(hits.hits[0].id, "csto-withdraw-2022-01-13");

    for id in index.ids().unwrap() {
        let a = index.get(&id).unwrap().unwrap();
        let stored = a.reading.is_some();
        // The fixture's readings are of version 1: current while READING_VERSION is 1, stale
        // (and read again) after it changes.
        assert_eq!(stored, READING_VERSION == 1, "{id}");
        let body = a.body.clone();
        let r = a.with_reading().reading.unwrap();
        assert_eq!(
            r.sentences[0].start, 0,
            "{id}: the body starts the first sentence"
        );
        assert!(!r.entities.is_empty(), "{id}");
        for e in &r.entities {
            assert_eq!(&body[e.start..e.end], e.text, "{id}");
        }
    }
    let events = index.events(&SearchRequest::new(""), None, 10).unwrap();
    assert_eq!(events.articles_read, 2);
}

//! On the ANT development corpus, every article filed twice under two
//! categories (1,180 URLs) is found: all copies but one are marked duplicates.

use khabar_index::{Index, IngestOptions};
use khabar_ingest::{Item, Options};
use std::collections::HashMap;

#[path = "../../../tests/support/shared_data.rs"]
mod shared_data;

#[test]
fn ant_doubly_filed_articles_are_marked_duplicates() {
    let Some(corpus) = shared_data::shared_data("news/ant-multisource.jsonl.gz") else {
        return;
    };
    let mut articles = Vec::new();
    khabar_ingest::read_file(&corpus, &Options::default(), &mut |item| {
        if let Item::Article(a) = item {
            articles.push(a);
        }
    });
    assert_eq!(
        articles.len(),
        31_523,
        "31,525 records, two with an empty body"
    );
    let mut by_url: HashMap<String, usize> = HashMap::new();
    for a in &articles {
        *by_url.entry(a.url.clone().unwrap_or_default()).or_default() += 1;
    }
    let dir = tempfile::tempdir().unwrap();
    let index = Index::create(dir.path()).unwrap();
    let mut ing = index.ingester(IngestOptions::default()).unwrap();
    for chunk in articles.chunks(4096) {
        ing.add_batch(chunk.to_vec(), None).unwrap();
    }
    ing.finish().unwrap();
    index.reload().unwrap();

    let mut originals: HashMap<String, usize> = HashMap::new();
    let mut marked_in_groups = 0usize;
    for id in index.ids().unwrap() {
        let a = index.get(&id).unwrap().unwrap();
        let url = a.url.clone().unwrap_or_default();
        if by_url.get(&url).copied().unwrap_or(0) > 1 {
            if a.duplicate_of.is_some() {
                marked_in_groups += 1;
            } else {
                *originals.entry(url).or_default() += 1;
            }
        }
    }
    let groups = by_url.values().filter(|&&n| n > 1).count();
    let extra: usize = by_url.values().filter(|&&n| n > 1).map(|n| n - 1).sum();
    assert!(groups >= 1_179, "{groups} URL groups");
    // Exactly one original per group; every other copy marked.
    assert!(
        originals.values().all(|&n| n == 1),
        "a group kept two originals"
    );
    assert_eq!(originals.len(), groups);
    assert_eq!(marked_in_groups, extra);
}

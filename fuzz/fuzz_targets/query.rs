//! The query parser down to the tantivy query it builds, run against a small
//! index of real Arabic news (built once, in a temporary directory): any
//! query string is an answer or an error, never a panic.
#![no_main]
use khabar_index::{Index, IngestOptions, SearchRequest, Syntax};
use khabar_ingest::Article;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn index() -> &'static Index {
    static INDEX: OnceLock<(tempfile::TempDir, Index)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary directory");
            let index = Index::create(dir.path()).expect("an index");
            let sample = include_str!("../../samples/csto-kazakhstan-2022.txt");
            let articles: Vec<Article> = sample
                .split('\n')
                .filter(|l| l.len() > 40)
                .enumerate()
                .map(|(i, body)| Article {
                    id: format!("seed-{i}"),
                    title: body.chars().take(40).collect(),
                    body: body.to_string(),
                    source: Some(["alarabiya", "aljazeera"][i % 2].to_string()),
                    published: Some(1_641_859_200 + i as i64 * 86_400),
                    ..Article::default()
                })
                .collect();
            let mut ing = index
                .ingester(IngestOptions::default())
                .expect("an ingester");
            ing.add_batch(articles, None).expect("the articles");
            ing.finish().expect("a commit");
            index.reload().expect("a reload");
            (dir, index)
        })
        .1
}

fuzz_target!(|data: &[u8]| {
    let Ok(q) = std::str::from_utf8(data) else {
        return;
    };
    for syntax in [Syntax::Lucene, Syntax::Plain] {
        let req = SearchRequest {
            query: q.to_string(),
            syntax,
            facets: true,
            snippets: true,
            ..SearchRequest::default()
        };
        let _ = index().search(&req);
    }
});

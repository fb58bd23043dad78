//! Batch search with explicit ranking weights, for tuning on development data:
//! `cargo run --release -p khabar-index --example batch -- INDEX QUERIES TITLE ALL EXACT`
//! prints one line of hit ids (tab-separated) per query line.

use khabar_index::query::Weights;
use khabar_index::{Index, SearchRequest, Syntax};
use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Vec<String> = std::env::args().collect();
    if a.len() != 6 {
        return Err("usage: batch INDEX QUERIES TITLE ALL EXACT".into());
    }
    let index = Index::open(std::path::Path::new(&a[1]))?;
    let w = Weights {
        title: a[3].parse()?,
        all_terms: a[4].parse()?,
        exact_form: a[5].parse()?,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in std::io::BufReader::new(std::fs::File::open(&a[2])?).lines() {
        let req = SearchRequest {
            syntax: Syntax::Plain,
            duplicates: true,
            snippets: false,
            ..SearchRequest::new(&line?)
        };
        let ids: Vec<String> = index
            .search_with(&req, w)?
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect();
        writeln!(out, "{}", ids.join("\t"))?;
    }
    Ok(())
}

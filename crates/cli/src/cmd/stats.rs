//! `khabar stats`: articles, sources, date range, duplicates, index size.

use std::path::PathBuf;

use anyhow::Result;

use crate::cmd::ingest::open_index;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The index directory [default: $KHABAR_INDEX or ./khabar-index].
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// `{"articles","duplicates","sources":[[name,count]],"first_published","last_published","segments","size_bytes","schema_version"}`.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> Result<u8> {
    let index = open_index(args.index)?;
    let s = index.stats()?;
    if args.json {
        println!("{}", serde_json::to_string(&s)?);
        return Ok(crate::exit::OK);
    }
    println!(
        "index       {} (schema version {})",
        index.dir().display(),
        s.schema_version
    );
    println!("articles    {}", s.articles);
    println!("duplicates  {} (collapsed in search results)", s.duplicates);
    let top: Vec<String> = s
        .sources
        .iter()
        .take(10)
        .map(|(n, c)| format!("{n} ({c})"))
        .collect();
    let more = if s.sources.len() > 10 {
        format!(", … {} more", s.sources.len() - 10)
    } else {
        String::new()
    };
    println!(
        "sources     {}: {}{}",
        s.sources.len(),
        top.join(", "),
        more
    );
    match (&s.first_published, &s.last_published) {
        (Some(a), Some(b)) => println!("published   {a} to {b}"),
        _ => println!("published   (no dates)"),
    }
    println!(
        "size        {:.1} MiB in {} segments",
        s.size_bytes as f64 / (1 << 20) as f64,
        s.segments
    );
    Ok(crate::exit::OK)
}

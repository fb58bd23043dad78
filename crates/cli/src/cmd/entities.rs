//! `khabar entities`: the most mentioned entities in the index.

use std::path::PathBuf;

use anyhow::Result;

use crate::cmd::ingest::open_index;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The index directory [default: $KHABAR_INDEX or ./khabar-index].
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Only this type: PERS, LOC, ORG or MISC.
    #[arg(long = "type")]
    pub kind: Option<String>,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// `[{"entity": "PERS:بوتين", "articles": N}]`.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> Result<u8> {
    let index = open_index(args.index)?;
    let top = index.top_entities(args.kind.as_deref(), args.limit.max(1))?;
    if args.json {
        let v: Vec<serde_json::Value> = top
            .iter()
            .map(|(e, n)| serde_json::json!({"entity": e, "articles": n}))
            .collect();
        println!("{}", serde_json::Value::Array(v));
    } else if top.is_empty() {
        eprintln!("khabar: no entities in the index (ingest without --no-extract, with a trained NER model)");
    } else {
        for (e, n) in top {
            println!("{n:>8}  {e}");
        }
    }
    Ok(crate::exit::OK)
}

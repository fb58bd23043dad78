//! `khabar search`: one query, or a batch of queries (`--queries FILE`, one JSON line each).

use std::io::{BufRead, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use khabar_index::query::Weights;
use khabar_index::{Error, SearchRequest, SearchResults, Sort, Syntax};

use crate::cmd::ingest::open_index;
use crate::exit::UsageError;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Query syntax: words (BM25 over stemmed keys; all words rank higher), \"a phrase\", +must, -mustnot, \
AND/OR/NOT, ( ), title:, body:, source:, entity:PERS:بوتين, published:[2018-01-01 TO 2018-02-01].\n\
--json prints {\"total\": N, \"hits\": [{\"id\",\"url\",\"title\",\"source\",\"published\",\"score\",\"snippet\"}]}; \
snippets are HTML-escaped with <b>…</b> around matches."
)]
pub struct Args {
    /// The query (see below).
    pub query: Option<String>,
    /// The index directory [default: $KHABAR_INDEX or ./khabar-index].
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Batch: one query per line of FILE (`-` for stdin); one JSON line of results per query, in order.
    #[arg(long, value_name = "FILE")]
    pub queries: Option<PathBuf>,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[arg(long, value_enum, default_value_t = SortArg::Score)]
    pub sort: SortArg,
    /// Published on or after (YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before (a date includes that whole day).
    #[arg(long)]
    pub to: Option<String>,
    /// Show duplicates as hits of their own (collapsed by default).
    #[arg(long)]
    pub duplicates: bool,
    /// `plain` reads the query as bare words (no operators, fields or phrases).
    #[arg(long, value_enum, default_value_t = SyntaxArg::Lucene)]
    pub syntax: SyntaxArg,
    /// Add facets (sources, entities by type, dates) to the output.
    #[arg(long)]
    pub facets: bool,
    /// Leave snippets out (faster batch evaluation).
    #[arg(long)]
    pub no_snippets: bool,
    /// Ranking weights for tuning: title boost, all-words bonus, unstemmed-form weight.
    #[arg(long, hide = true, num_args = 3, value_names = ["TITLE", "ALL", "EXACT"])]
    pub weights: Option<Vec<f32>>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum SortArg {
    Score,
    Date,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum SyntaxArg {
    Lucene,
    Plain,
}

fn request(args: &Args, q: &str) -> SearchRequest {
    SearchRequest {
        query: q.to_string(),
        syntax: match args.syntax {
            SyntaxArg::Lucene => Syntax::Lucene,
            SyntaxArg::Plain => Syntax::Plain,
        },
        limit: args.limit,
        offset: args.offset,
        sort: match args.sort {
            SortArg::Score => Sort::Score,
            SortArg::Date => Sort::Date,
        },
        from: args.from.clone(),
        to: args.to.clone(),
        duplicates: args.duplicates,
        facets: args.facets,
        snippets: !args.no_snippets,
        ..SearchRequest::default()
    }
}

fn weights(args: &Args) -> Weights {
    match args.weights.as_deref() {
        Some(&[title, all_terms, exact_form]) => Weights {
            title,
            all_terms,
            exact_form,
        },
        _ => Weights::default(),
    }
}

fn usage(e: Error) -> anyhow::Error {
    match e {
        Error::Query(m) => UsageError(format!("bad query: {m}")).into(),
        Error::QueryLimit(l) => UsageError(format!("bad query: {l}")).into(),
        e => e.into(),
    }
}

/// Snippet markup for a terminal (bold) or plain text.
fn render(snippet: &str, tty: bool) -> String {
    let (b, nb) = if tty {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    snippet
        .replace("<b>", b)
        .replace("</b>", nb)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn print_human(out: &mut impl Write, q: &str, r: &SearchResults, offset: usize) -> Result<()> {
    let tty = std::io::stdout().is_terminal();
    writeln!(out, "{} results for {q}", r.total)?;
    for (i, h) in r.hits.iter().enumerate() {
        let date = h
            .published
            .as_deref()
            .map(|d| &d[..10.min(d.len())])
            .unwrap_or("");
        let meta: Vec<&str> = [h.source.as_deref().unwrap_or(""), date]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        writeln!(
            out,
            "\n{}. {}  [{}]  {:.2}",
            offset + i + 1,
            h.title,
            meta.join(" · "),
            h.score
        )?;
        writeln!(out, "   {}", h.url.as_deref().unwrap_or(&h.id))?;
        if !h.snippet.is_empty() {
            writeln!(out, "   {}", render(&h.snippet, tty))?;
        }
    }
    if let Some(f) = &r.facets {
        writeln!(
            out,
            "\nsources: {}",
            f.sources
                .iter()
                .map(|(s, c)| format!("{s} ({c})"))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        for (l, es) in &f.entities {
            writeln!(
                out,
                "{l}: {}",
                es.iter()
                    .map(|(s, c)| format!("{s} ({c})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )?;
        }
        writeln!(
            out,
            "dates: {}",
            f.dates
                .iter()
                .map(|b| format!("{} {}", b.date, b.count))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    Ok(())
}

pub fn run(args: Args) -> Result<u8> {
    let index = open_index(args.index.clone())?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if let Some(file) = &args.queries {
        let input: Box<dyn BufRead> = if file.as_os_str() == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            Box::new(std::io::BufReader::new(
                std::fs::File::open(file)
                    .with_context(|| format!("cannot open {}", file.display()))?,
            ))
        };
        let mut failed = false;
        for line in input.lines() {
            let line = line.with_context(|| format!("reading {}", file.display()))?;
            let q = line.trim();
            match index.search_with(&request(&args, q), weights(&args)) {
                Ok(r) => serde_json::to_writer(&mut out, &r)?,
                Err(e) => {
                    failed = true;
                    serde_json::to_writer(
                        &mut out,
                        &serde_json::json!({"total": 0, "hits": [], "error": e.to_string()}),
                    )?;
                }
            }
            out.write_all(b"\n")?;
        }
        out.flush()?;
        return Ok(if failed {
            crate::exit::FAILURE
        } else {
            crate::exit::OK
        });
    }
    let Some(q) = args.query.as_deref() else {
        return Err(UsageError("give a query, or --queries FILE".into()).into());
    };
    let r = index
        .search_with(&request(&args, q), weights(&args))
        .map_err(usage)?;
    if args.json {
        serde_json::to_writer(&mut out, &r)?;
        out.write_all(b"\n")?;
    } else {
        print_human(&mut out, q, &r, args.offset)?;
    }
    out.flush()?;
    Ok(crate::exit::OK)
}

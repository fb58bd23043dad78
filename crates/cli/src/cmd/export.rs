//! `khabar export`: the stored readings of the index as a table (khabar-export), streamed: the
//! matching articles are read one at a time (`Index::articles`), each one's rows written as it
//! comes (a Parquet row group per `khabar_export::BATCH_ROWS` rows), so memory does not grow with
//! the index. A file is written beside its path and renamed when complete: a failed export leaves
//! no half file and an older file at that path as it was.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use khabar_export::{write_article, ArticleMeta, Format, Table};
use khabar_index::{Error, SearchRequest};

use crate::cmd::ingest::open_index;
use crate::exit::UsageError;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "One row per article (articles) or per entity mention, event, quotation, \
number or date of the stored readings, with the article's id, url, source and publication time; \
the columns of each table are in docs/export.md.\n\
CSV: RFC 4180, a header, list columns joined by | (\\| and \\\\ inside an item). \
Parquet: typed Arrow columns (published: Timestamp(ms, UTC), event_date: Date32, lists: \
List<Utf8>); to standard output only when it is not a terminal.\n\
Examples:\n  khabar export --table events --format parquet --out events.parquet\n  \
khabar export --table quotes --format csv --query 'بوتين' --from 2022-01-01 > quotes.csv"
)]
pub struct Args {
    /// The index directory [default: $KHABAR_INDEX or ./khabar-index].
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// The table: one row per article, or per item of the readings.
    #[arg(long, value_parser = table_parser(), required_unless_present = "schema")]
    pub table: Option<Table>,
    /// The output format.
    #[arg(long, value_parser = format_parser(), required_unless_present = "schema")]
    pub format: Option<Format>,
    /// Print the columns of every table as JSON (`{"v": 1, "tables": {"events": [{"name",
    /// "type", "nullable", "doc"}]}}`, `type` as in docs/export.md) and export nothing: the
    /// schema an external job (contrib/spark) reads khabar's rows with.
    #[arg(long, conflicts_with_all = ["table", "format", "query", "from", "to", "out"])]
    pub schema: bool,
    /// Only the articles matching this query (the syntax of `khabar search`) [default: all].
    #[arg(long)]
    pub query: Option<String>,
    /// Published on or after (YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before (a date includes that whole day).
    #[arg(long)]
    pub to: Option<String>,
    /// Leave out the articles marked as duplicates of another (by default every article is
    /// exported; the articles table says which duplicate which).
    #[arg(long)]
    pub no_duplicates: bool,
    /// The output file; `-` or none: standard output.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// No progress bar and no summary on standard error.
    #[arg(long)]
    pub quiet: bool,
}

fn table_parser() -> impl TypedValueParser<Value = Table> {
    PossibleValuesParser::new(Table::ALL.iter().map(|t| t.as_str())).try_map(|s| s.parse())
}

fn format_parser() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(Format::ALL.iter().map(|f| f.as_str())).try_map(|s| s.parse())
}

/// A query or date the index cannot read is the user's mistake (exit 2).
fn usage(e: Error) -> anyhow::Error {
    match e {
        Error::Query(m) => UsageError(format!("bad --query, --from or --to: {m}")).into(),
        Error::QueryLimit(l) => UsageError(format!("bad --query: {l}")).into(),
        e => e.into(),
    }
}

/// The output: standard output, or a file written under a temporary name beside it.
enum Target {
    Stdout,
    File { path: PathBuf, partial: PathBuf },
}

impl Target {
    fn of(out: Option<&Path>) -> Target {
        match out {
            None => Target::Stdout,
            Some(p) if p.as_os_str() == "-" => Target::Stdout,
            Some(p) => {
                let mut name = p.file_name().unwrap_or_default().to_os_string();
                name.push(format!(".partial-{}", std::process::id()));
                Target::File {
                    path: p.to_path_buf(),
                    partial: p.with_file_name(name),
                }
            }
        }
    }

    fn open(&self) -> Result<Box<dyn Write + Send>> {
        Ok(match self {
            Target::Stdout => Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout())),
            Target::File { path, partial } => Box::new(BufWriter::with_capacity(
                1 << 16,
                std::fs::File::create(partial)
                    .with_context(|| format!("cannot create {}", path.display()))?,
            )),
        })
    }

    fn name(&self) -> String {
        match self {
            Target::Stdout => "standard output".into(),
            Target::File { path, .. } => path.display().to_string(),
        }
    }
}

/// What an export wrote.
struct Written {
    articles: u64,
    rows: u64,
}

/// `--schema`: the columns of every table.
fn print_schema() -> Result<u8> {
    let tables: serde_json::Map<String, serde_json::Value> = Table::ALL
        .iter()
        .map(|t| {
            let cols = t
                .columns()
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "name": c.name,
                        "type": c.kind.as_str(),
                        "nullable": c.nullable,
                        "doc": c.doc.trim(),
                    })
                })
                .collect();
            (t.as_str().to_string(), serde_json::Value::Array(cols))
        })
        .collect();
    let text = serde_json::to_string_pretty(&serde_json::json!({"v": 1, "tables": tables}))?;
    writeln!(std::io::stdout().lock(), "{text}")?;
    Ok(crate::exit::OK)
}

fn export(
    table: Table,
    format: Format,
    articles: khabar_index::Articles<'_>,
    out: Box<dyn Write + Send>,
    bar: &indicatif::ProgressBar,
) -> Result<Written> {
    let mut w = khabar_export::writer(format, table, out)?;
    let mut done = Written {
        articles: 0,
        rows: 0,
    };
    let none = khabar_extract::Reading::default();
    for a in articles {
        let a = a.context("reading the index")?.with_reading();
        let reading = a.reading.as_ref().unwrap_or(&none);
        let n = write_article(&mut *w, &ArticleMeta::of(&a), reading)
            .with_context(|| format!("writing the rows of article {}", a.id))?;
        done.articles += 1;
        done.rows += n as u64;
        bar.inc(1);
        if done.articles % 256 == 0 {
            bar.set_message(format!("{} rows", done.rows));
        }
    }
    w.finish()?;
    Ok(done)
}

pub fn run(args: Args) -> Result<u8> {
    let (table, format) = match (args.schema, args.table, args.format) {
        (true, _, _) => return print_schema(),
        (false, Some(t), Some(f)) => (t, f),
        _ => return Err(UsageError("give --table and --format (or --schema)".into()).into()),
    };
    let target = Target::of(args.out.as_deref());
    if matches!(target, Target::Stdout)
        && format == Format::Parquet
        && std::io::stdout().is_terminal()
    {
        return Err(UsageError(
            "Parquet is binary: give --out FILE, or send standard output to a file or a pipe"
                .into(),
        )
        .into());
    }
    let index = open_index(args.index.clone())?;
    let req = SearchRequest {
        query: args.query.clone().unwrap_or_default(),
        from: args.from.clone(),
        to: args.to.clone(),
        duplicates: !args.no_duplicates,
        snippets: false,
        ..SearchRequest::default()
    };
    let articles = index.articles(&req).map_err(usage)?;
    let show = !args.quiet && std::io::stderr().is_terminal();
    let bar = if show {
        let b = indicatif::ProgressBar::new(articles.total() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} articles  {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let out = target.open()?;
    let result = export(table, format, articles, out, &bar);
    bar.finish_and_clear();
    let done = match (result, &target) {
        (Ok(done), Target::File { path, partial }) => {
            if let Err(e) = std::fs::rename(partial, path) {
                let _ = std::fs::remove_file(partial);
                return Err(e).with_context(|| format!("cannot write {}", path.display()));
            }
            done
        }
        (Ok(done), Target::Stdout) => done,
        (Err(e), Target::File { partial, .. }) => {
            let _ = std::fs::remove_file(partial);
            return Err(e);
        }
        (Err(e), Target::Stdout) => return Err(e),
    };
    if show {
        eprintln!(
            "khabar: {} rows of the {} table from {} articles to {}",
            done.rows,
            table,
            done.articles,
            target.name()
        );
    }
    Ok(crate::exit::OK)
}

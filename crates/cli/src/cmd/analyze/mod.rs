//! `khabar analyze`: the reading of an article (entities, numbers, dates,
//! quotations, PLOVER events, keywords, summary). Glue over
//! [`khabar_extract::read_article`]; the JSON is documented in `docs/analyze.md`.

mod jsonl;

use crate::cmd::SAMPLE_ARTICLE;
use crate::exit::UsageError;
use anyhow::{Context, Result};
use khabar_extract::{date_of_timestamp, read_article, NaiveDate, Reading};
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::PathBuf;

use jsonl::Options;
use khabar_export::Table;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  khabar analyze samples/csto-kazakhstan-2022.txt --date 2022-01-11\n  khabar analyze article.txt --json\n  khabar analyze --jsonl articles.jsonl > readings.jsonl"
)]
pub struct Args {
    /// The article: a text file whose first line is the title, or `-` for
    /// standard input. Without one, standard input is read; on a terminal, the
    /// bundled sample article is analyzed.
    pub input: Option<PathBuf>,
    /// Print the reading as JSON (see docs/analyze.md) instead of a summary.
    #[arg(long)]
    pub json: bool,
    /// Read JSON lines `{"id", "text"}` (optionally `"title"`, `"date"`) and
    /// write exactly one JSON line per input line, in order (`-` for standard
    /// input): the reading, or an error line (docs/analyze.md, "Pipelines").
    #[arg(long, value_name = "FILE", conflicts_with = "input")]
    pub jsonl: Option<PathBuf>,
    /// With --jsonl: error lines do not make the exit code 1 (it is 1 only
    /// when the input cannot be read).
    #[arg(long, requires = "jsonl")]
    pub keep_going: bool,
    /// With --jsonl: input fields to echo on each reading line (`null` where
    /// absent), e.g. `--keep url,source,date`.
    #[arg(
        long,
        value_name = "FIELD,...",
        value_delimiter = ',',
        requires = "jsonl"
    )]
    pub keep: Vec<String>,
    /// With --jsonl: instead of the reading, the rows of these tables, as
    /// `khabar export --format jsonl` gives them (articles, entities, events,
    /// quotes, numbers, dates, or all), each line tagged `"table"` when there
    /// are several; the article's url, source, author and category are read
    /// from the line's fields of those names.
    #[arg(long, value_name = "TABLE,...", value_delimiter = ',', requires = "jsonl", value_parser = flat_parser(), conflicts_with = "keep")]
    pub flat: Vec<FlatArg>,
    /// With --jsonl: worker threads [default: all cores]; the output keeps the
    /// input's order.
    #[arg(long, value_name = "N", requires = "jsonl")]
    pub threads: Option<usize>,
    /// The article's publication date (2022-01-11, RFC 3339 or RFC 822):
    /// resolves weekdays and relative dates.
    #[arg(long)]
    pub date: Option<String>,
}

/// A `--flat` name: a table, or `all`.
#[derive(Clone, Copy, Debug)]
pub enum FlatArg {
    Table(Table),
    All,
}

fn flat_parser() -> impl clap::builder::TypedValueParser<Value = FlatArg> {
    use clap::builder::{PossibleValuesParser, TypedValueParser};
    let names = Table::ALL.iter().map(|t| t.as_str()).chain(["all"]);
    PossibleValuesParser::new(names).try_map(|s| match s.as_str() {
        "all" => Ok(FlatArg::All),
        t => t.parse().map(FlatArg::Table),
    })
}

pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    khabar_ingest::parse_date(s).and_then(date_of_timestamp)
}

pub fn run(args: Args) -> Result<u8> {
    let date =
        match &args.date {
            Some(d) => Some(parse_date(d).ok_or_else(|| {
                UsageError(format!("cannot read the date {d:?} (try 2022-01-11)"))
            })?),
            None => None,
        };
    if let Some(path) = &args.jsonl {
        let threads = match args.threads {
            Some(0) => return Err(UsageError("--threads must be at least 1".into()).into()),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        Options::check_keep(&args.keep).map_err(UsageError)?;
        let opts = Options {
            date,
            keep: args.keep,
            keep_going: args.keep_going,
            threads,
            flat: flat_tables(&args.flat),
        };
        return run_jsonl(path, &opts);
    }
    let stdin = io::stdin();
    let mut raw = Vec::new();
    match &args.input {
        Some(p) if p.as_os_str() != "-" => {
            raw = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
        }
        None if stdin.is_terminal() => {
            eprintln!("khabar: no input given: analyzing the bundled sample article");
            raw.extend_from_slice(SAMPLE_ARTICLE.as_bytes());
        }
        _ => {
            stdin
                .lock()
                .read_to_end(&mut raw)
                .context("cannot read standard input")?;
        }
    }
    let text =
        String::from_utf8(raw).map_err(|_| UsageError("the input is not UTF-8 text".into()))?;
    let (title, body) = match khabar_ingest::split_title(&text) {
        // One line only: it is the text to read, not a title.
        (line, "") => (None, line),
        (title, body) => (Some(title), body),
    };
    let reading = read_article(title, body, date);
    let out = io::stdout();
    let mut out = out.lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &reading)?;
        writeln!(out)?;
    } else {
        print_reading(&mut out, body, &reading)?;
    }
    Ok(crate::exit::OK)
}

/// The tables `--flat` names, each once, in the documentation's order.
fn flat_tables(names: &[FlatArg]) -> Vec<Table> {
    let all = names.iter().any(|n| matches!(n, FlatArg::All));
    Table::ALL
        .iter()
        .copied()
        .filter(|t| {
            all || names
                .iter()
                .any(|n| matches!(n, FlatArg::Table(x) if x == t))
        })
        .collect()
}

fn run_jsonl(path: &PathBuf, opts: &Options) -> Result<u8> {
    let mut input: Box<dyn BufRead + Send> = if path.as_os_str() == "-" {
        Box::new(BufReader::with_capacity(1 << 16, io::stdin()))
    } else {
        Box::new(BufReader::with_capacity(
            1 << 16,
            std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?,
        ))
    };
    let totals = jsonl::run(&mut input, io::stdout(), opts)?;
    if totals.errors + totals.warnings > 0 {
        eprintln!(
            "khabar: {} lines: {} errors, {} warnings",
            totals.lines, totals.errors, totals.warnings
        );
    }
    Ok(if totals.errors > 0 && !opts.keep_going {
        crate::exit::FAILURE
    } else {
        crate::exit::OK
    })
}

fn print_reading(out: &mut impl Write, body: &str, r: &Reading) -> io::Result<()> {
    if let Some(t) = &r.title {
        writeln!(out, "{t}")?;
    }
    writeln!(
        out,
        "{} sentences, {} entities, {} numbers, {} dates, {} quotations, {} events",
        r.sentences.len(),
        r.entities.len(),
        r.numbers.len(),
        r.dates.len(),
        r.quotes.len(),
        r.events.len()
    )?;
    writeln!(out, "\nSummary:")?;
    for s in &r.summary {
        writeln!(out, "  • {}", s.text)?;
    }
    writeln!(
        out,
        "\nKeywords: {}",
        r.keywords
            .iter()
            .map(|k| k.text.as_str())
            .collect::<Vec<_>>()
            .join("، ")
    )?;
    if !r.entities.is_empty() {
        writeln!(out, "\nEntities:")?;
        for e in &r.entities {
            writeln!(out, "  {:?}\t{}\t({})", e.label, e.text, e.canonical)?;
        }
    }
    writeln!(out, "\nNumbers:")?;
    for n in &r.numbers {
        let unit = n.unit.as_deref().unwrap_or("");
        let value = match n.to {
            Some(to) => format!("{} .. {}", fmt_num(n.value), fmt_num(to)),
            None => fmt_num(n.value),
        };
        let money = match (n.money, n.currency) {
            (_, Some(c)) => format!(" {}", c.code()),
            (true, None) => " money".to_string(),
            (false, None) => String::new(),
        };
        writeln!(out, "  {}\t= {value} {unit}\t[{:?}{money}]", n.text, n.kind)?;
    }
    writeln!(out, "\nDates:")?;
    for d in &r.dates {
        let v = match (&d.value, &d.end_value) {
            (Some(a), Some(b)) => format!("{a} .. {b}"),
            (Some(a), None) => a.clone(),
            _ => "?".into(),
        };
        let hijri = d
            .hijri
            .as_deref()
            .map(|h| format!(" hijri {h}"))
            .unwrap_or_default();
        writeln!(out, "  {}\t= {}\t[{:?}{hijri}]", d.text, v, d.kind)?;
    }
    writeln!(out, "\nQuotations:")?;
    for q in &r.quotes {
        let who = q.speaker.as_ref().map(|s| s.text.as_str()).unwrap_or("?");
        let verb = q.verb.as_deref().unwrap_or("");
        writeln!(out, "  [{who}] {verb} {:?}: «{}»", q.kind, q.text)?;
    }
    writeln!(out, "\nEvents:")?;
    for e in &r.events {
        let p = |x: &Option<khabar_extract::Participant>| {
            x.as_ref()
                .map(|p| p.text.clone())
                .unwrap_or_else(|| "-".into())
        };
        writeln!(
            out,
            "  {}/{}\t«{}» actor: {}; target: {}; location: {}; date: {}; count: {}{}",
            e.event_type,
            e.mode.as_deref().unwrap_or("-"),
            e.trigger,
            p(&e.actor),
            p(&e.target),
            p(&e.location),
            e.date.as_deref().unwrap_or("-"),
            e.count.map(fmt_num).unwrap_or_else(|| "-".into()),
            if e.context.is_empty() {
                String::new()
            } else {
                format!("; context: {}", e.context.join(","))
            }
        )?;
        let _ = body;
    }
    Ok(())
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

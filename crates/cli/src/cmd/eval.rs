//! `khabar eval`: measurements of the reading on held-out data. The event
//! evaluation is library code ([`khabar_extract::eval::events`]); this
//! command reads the files and prints its reports.
//!
//! * `khabar eval events --gold FILE...`: PLOVER event-type recall and actor
//!   accuracy on the UniversalPetrarch gold sentences (`gsr-*-dev.xml` to
//!   develop, `gsr-*-test.xml` to report);
//! * `khabar eval events --false-positives CORPUS --category sport`: PROTEST
//!   and ASSAULT events per article where there should be none;
//! * `khabar eval throughput PATH...`: MB/s of the whole reading (NER included)
//!   on one core.

use crate::exit::UsageError;
use anyhow::{Context, Result};
use khabar_extract::eval::events::{self, GoldMiss};
use khabar_extract::eval::ratio;
use khabar_extract::{read_article, Reading};
use khabar_ingest::{read_paths, Item, Options};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// `println!` that returns the write error (a closed pipe ends the command quietly).
macro_rules! say {
    ($($t:tt)*) => {
        writeln!(std::io::stdout().lock(), $($t)*)?
    };
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  khabar eval events --gold ../shared/data/events/petrarch-ar/gsr-protest-test.xml ../shared/data/events/petrarch-ar/gsr-assault-test.xml\n  khabar eval events --false-positives ../shared/data/news/ant-multisource.jsonl.gz --category sport\n  khabar eval throughput ../shared/data/news/saudinewsnet"
)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(clap::Subcommand, Debug)]
pub enum What {
    /// PLOVER events: recall and actor accuracy on gold sentences, or false
    /// events in a corpus category where none are expected.
    Events(EventsArgs),
    /// Throughput of the whole reading (NER included) on one core.
    Throughput(ThroughputArgs),
    /// The reading against the project's own gold (`gold/reading/*.jsonl`):
    /// quotations and speakers, numbers, dates and events, per part.
    Reading(ReadingArgs),
}

#[derive(clap::Args, Debug)]
pub struct ReadingArgs {
    /// Gold files (`gold/reading/*.jsonl`; format in `gold/README.md`).
    #[arg(long, num_args = 1.., required = true, value_name = "FILE")]
    pub gold: Vec<PathBuf>,
    /// Only this part (`dev` or `test`); all parts by default.
    #[arg(long)]
    pub part: Option<String>,
    /// Print this many misses (with their passage), after the figures.
    #[arg(long, default_value_t = 0)]
    pub show: usize,
    /// Only the misses of this kind (`speaker`, `quote`, `false-quote`, `number`, `ordinal`,
    /// `money`, `spurious-number`, `date`, `date-value`, `spurious-date`, `event`, `actor`, `target`,
    /// `spurious-event`).
    #[arg(long, value_name = "KIND")]
    pub what: Option<String>,
    /// Print the figures (and the misses asked for) as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct EventsArgs {
    /// UniversalPetrarch gold files (`gsr-*.xml`).
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub gold: Vec<PathBuf>,
    /// A news corpus (any format `khabar ingest` reads) in which to count
    /// PROTEST and ASSAULT events per article.
    #[arg(long, value_name = "CORPUS", conflicts_with = "gold")]
    pub false_positives: Option<PathBuf>,
    /// Only the articles of this category (ANT's `cat`: sport, economy, …).
    #[arg(long)]
    pub category: Option<String>,
    /// Print the sentences missed (with --gold) or the false events (with --false-positives), at most this many.
    #[arg(long, default_value_t = 0)]
    pub show: usize,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct ThroughputArgs {
    /// Files or folders of articles (any format `khabar ingest` reads).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Read at most this many articles.
    #[arg(long)]
    pub limit: Option<usize>,
}

pub fn run(args: Args) -> Result<u8> {
    match args.what {
        What::Events(a) => {
            if let Some(corpus) = &a.false_positives {
                false_positives(corpus, a.category.as_deref(), a.show, a.json)
            } else if !a.gold.is_empty() {
                gold(&a.gold, a.show, a.json)
            } else {
                Err(UsageError("give --gold FILE... or --false-positives CORPUS".into()).into())
            }
        }
        What::Throughput(a) => throughput(&a.paths, a.limit),
        What::Reading(a) => reading(&a),
    }
}

/// The version of `khabar eval reading --json`'s object.
const EVAL_READING_VERSION: u32 = 1;

fn reading(a: &ReadingArgs) -> Result<u8> {
    use khabar_extract::eval::reading::{evaluate, parse_line};
    let mut passages = Vec::new();
    for f in &a.gold {
        let text =
            std::fs::read_to_string(f).with_context(|| format!("cannot read {}", f.display()))?;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let g = parse_line(line)
                .with_context(|| format!("{}:{}: not a gold line", f.display(), n + 1))?;
            if a.part.as_deref().is_none_or(|p| p == g.part) {
                passages.push(g);
            }
        }
    }
    if passages.is_empty() {
        return Err(UsageError("no gold passage in those files (and that part)".into()).into());
    }
    let mut report = evaluate(&passages);
    report
        .misses
        .retain(|m| a.what.as_deref().is_none_or(|w| w == m.what));
    report.misses.truncate(a.show);
    if a.json {
        say!(
            "{}",
            serde_json::json!({"v": EVAL_READING_VERSION, "parts": report.parts, "misses": report.misses})
        );
        return Ok(crate::exit::OK);
    }
    for (part, s) in &report.parts {
        say!("== {part}");
        if let Some(q) = &s.quotes {
            say!(
                "quotes   {} gold in {} passages: found {:.3} ({}), right speaker {:.3} ({}), whole speaker {:.3} ({}); {} false quotations; no-quotation passages with one: {}/{} ({:.3})",
                q.gold, q.passages, q.found_rate, q.found, q.right_speaker_rate, q.right_speaker,
                q.exact_speaker_rate, q.exact_speaker, q.spurious, q.negatives_with_quote,
                q.negatives, q.negatives_with_quote_rate
            );
        }
        if let Some(n) = &s.numbers {
            say!(
                "numbers  {} gold in {} passages: found {:.3} ({}), right unit {}, money right {}/{} ({} false); ordinals {:.3} ({}/{}); spurious {} ({:.3} of gold)",
                n.gold, n.passages, n.found_rate, n.found, n.right_unit, n.money_right, n.money,
                n.money_false, n.ordinal_rate,
                n.ordinals_found, n.ordinals, n.spurious, n.spurious_rate
            );
        }
        if let Some(d) = &s.dates {
            say!(
                "dates    {} gold in {} passages: found {:.3} ({}), right value {:.3} ({}); spurious {}",
                d.gold, d.passages, d.found_rate, d.found, d.right_value_rate, d.right_value,
                d.spurious
            );
        }
        if let Some(e) = &s.events {
            say!(
                "events   {} gold in {} passages: found {:.3} ({}), right actor {:.3} ({}), right target {:.3} ({}), both {:.3}; spurious {}",
                e.gold, e.passages, e.found_rate, e.found, e.right_actor_rate, e.right_actor,
                e.right_target_rate, e.right_target, e.right_both_rate, e.spurious
            );
        }
    }
    for m in &report.misses {
        say!(
            "\n{} {} [{}] expected: {}\n  got: {}\n  text: {}",
            m.what,
            m.id,
            m.part,
            m.expected,
            m.got,
            m.text
        );
    }
    Ok(crate::exit::OK)
}

fn gold(files: &[PathBuf], show: usize, json: bool) -> Result<u8> {
    let mut sentences = Vec::new();
    for f in files {
        let xml =
            std::fs::read_to_string(f).with_context(|| format!("cannot read {}", f.display()))?;
        sentences.extend(events::parse_gold(&xml));
    }
    let rep = events::score_gold(&sentences, show);
    for m in &rep.misses {
        match m {
            GoldMiss::Missed { ty, id, text } => say!("MISSED {ty} {id}: {text}"),
            GoldMiss::Actor {
                ty,
                id,
                gold,
                found,
            } => say!("ACTOR {ty} {id}: gold {gold:?}, found {found:?}"),
        }
    }
    let (n_sent, n_events) = (rep.sentences, rep.events);
    if json {
        say!(
            "{}",
            serde_json::json!({"sentences": n_sent, "events": n_events, "types": rep.types})
        );
    } else {
        say!(
            "{n_sent} gold sentences, {n_events} events read ({:.2} per sentence)",
            ratio(n_events, n_sent)
        );
        say!(
            "{:<10} {:>9} {:>6} {:>7} {:>12} {:>9}",
            "type",
            "sentences",
            "found",
            "recall",
            "gold actors",
            "actor acc"
        );
        for (ty, sc) in &rep.types {
            say!(
                "{:<10} {:>9} {:>6} {:>7.3} {:>12} {:>9.3}",
                ty,
                sc.sentences,
                sc.found,
                sc.recall,
                sc.with_gold_actor,
                sc.actor_accuracy
            );
        }
    }
    Ok(crate::exit::OK)
}

fn load(
    paths: &[PathBuf],
    category: Option<&str>,
    limit: Option<usize>,
) -> Vec<khabar_ingest::Article> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    read_paths(paths, &Options::default(), &mut |item| {
        if let Item::Article(a) = item {
            if limit.is_some_and(|l| out.len() >= l) {
                return;
            }
            if category.is_none_or(|c| {
                a.category
                    .as_deref()
                    .is_some_and(|ac| ac.split(", ").any(|x| x == c))
            }) && seen.insert(a.id.clone())
            {
                out.push(a);
            }
        }
    });
    out
}

fn false_positives(
    corpus: &PathBuf,
    category: Option<&str>,
    show: usize,
    json: bool,
) -> Result<u8> {
    let articles = load(std::slice::from_ref(corpus), category, None);
    if articles.is_empty() {
        return Err(UsageError(format!(
            "no articles{} in {}",
            category
                .map(|c| format!(" of category {c}"))
                .unwrap_or_default(),
            corpus.display()
        ))
        .into());
    }
    let rep = events::false_positives(
        articles.iter().map(|a| events::Article {
            id: &a.id,
            title: &a.title,
            body: &a.body,
            published: a.published.and_then(khabar_extract::date_of_timestamp),
        }),
        show,
    );
    for e in &rep.shown {
        say!(
            "{} {} «{}»: {}",
            e.article,
            e.event_type,
            e.trigger,
            e.sentence
        );
    }
    let by_type = &rep.by_type;
    let n = rep.articles;
    let pa = rep.protest_assault();
    if json {
        say!(
            "{}",
            serde_json::json!({"articles": n, "protest_assault": pa, "per_article": ratio(pa, n), "by_type": by_type})
        );
    } else {
        say!(
            "{n} articles{}",
            category
                .map(|c| format!(" (category {c})"))
                .unwrap_or_default()
        );
        say!(
            "PROTEST+ASSAULT events: {pa} = {:.3} per article",
            ratio(pa, n)
        );
        for (t, c) in by_type {
            say!("  {t:<10} {c:>6}  {:.3}/article", ratio(*c, n));
        }
    }
    Ok(crate::exit::OK)
}

/// CPU time of this thread, in seconds (Linux `/proc/thread-self/schedstat`);
/// wall time where that is not available. The machine may be shared: CPU time
/// is the per-core figure.
fn cpu_secs(wall: Instant) -> (f64, bool) {
    if let Ok(s) = std::fs::read_to_string("/proc/thread-self/schedstat") {
        if let Some(ns) = s
            .split_whitespace()
            .next()
            .and_then(|x| x.parse::<u64>().ok())
        {
            return (ns as f64 / 1e9, true);
        }
    }
    (wall.elapsed().as_secs_f64(), false)
}

fn throughput(paths: &[PathBuf], limit: Option<usize>) -> Result<u8> {
    let articles = load(paths, None, limit);
    if articles.is_empty() {
        return Err(UsageError("no articles read".into()).into());
    }
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    // Warm up the lexicons and the model.
    let _ = read_article(Some(&articles[0].title), &articles[0].body, None);
    let wall = Instant::now();
    let (c0, _) = cpu_secs(wall);
    // NER first, then the rest of the reading over its mentions: the sum is one read_article.
    let mentions: Vec<_> = articles
        .iter()
        .map(|a| khabar_extract::ner::mentions(&a.body))
        .collect();
    let (c1, _) = cpu_secs(wall);
    let mut totals = [0usize; 6];
    for (a, m) in articles.iter().zip(mentions) {
        let r: Reading = khabar_extract::read_with_mentions(
            Some(&a.title),
            &a.body,
            a.published.and_then(khabar_extract::date_of_timestamp),
            m,
        );
        totals[0] += r.entities.len();
        totals[1] += r.numbers.len();
        totals[2] += r.dates.len();
        totals[3] += r.quotes.len();
        totals[4] += r.events.len();
        totals[5] += r.sentences.len();
    }
    let (c2, is_cpu) = cpu_secs(wall);
    let wall_secs = wall.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    let clock = if is_cpu { "CPU" } else { "wall" };
    say!(
        "{} articles, {:.1} MB of body text, one thread",
        articles.len(),
        mb
    );
    say!(
        "whole reading: {:.2} s {clock} = {:.2} MB/s per core ({:.2} s wall = {:.2} MB/s)",
        c2 - c0,
        mb / (c2 - c0),
        wall_secs,
        mb / wall_secs
    );
    say!(
        "  NER alone:      {:.2} s = {:.2} MB/s",
        c1 - c0,
        mb / (c1 - c0)
    );
    say!(
        "  rest of reading: {:.2} s = {:.2} MB/s",
        c2 - c1,
        mb / (c2 - c1)
    );
    say!(
        "read: {} sentences, {} entities, {} numbers, {} dates, {} quotations, {} events",
        totals[5],
        totals[0],
        totals[1],
        totals[2],
        totals[3],
        totals[4]
    );
    if totals[5] == 0 {
        anyhow::bail!("no sentences read: the measurement is void");
    }
    Ok(crate::exit::OK)
}

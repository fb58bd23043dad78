//! `khabar eval`: measurements of the reading on held-out data.
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
use khabar_extract::{read_article, Reading};
use khabar_ingest::{read_paths, Item, Options};
use std::collections::BTreeMap;
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
    }
}

/// One gold sentence: its text, PLOVER types and source (actor) texts.
struct GoldSentence {
    id: String,
    text: String,
    types: Vec<String>,
    sources: Vec<String>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let s = tag.find(&key)? + key.len();
    let e = tag[s..].find('"')? + s;
    Some(unescape(&tag[s..e]))
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn parse_gold(xml: &str) -> Vec<GoldSentence> {
    let mut out = Vec::new();
    for block in xml.split("<Sentence ").skip(1) {
        let head = &block[..block.find('>').unwrap_or(block.len())];
        let id = attr(head, "id").unwrap_or_default();
        let text = match (block.find("<Text>"), block.find("</Text>")) {
            (Some(s), Some(e)) if e > s => unescape(block[s + 6..e].trim()),
            _ => continue,
        };
        let mut types = Vec::new();
        let mut sources = Vec::new();
        for part in block.split("<EventCoding ").skip(1) {
            if let Some(p) = attr(&part[..part.find("/>").unwrap_or(part.len())], "plover")
                .filter(|p| !p.is_empty())
            {
                types.push(p);
            }
        }
        for part in block.split("<EventText ").skip(1) {
            if let Some(s) = attr(&part[..part.find("/>").unwrap_or(part.len())], "sourcetext")
                .filter(|s| !s.trim().is_empty())
            {
                sources.push(s);
            }
        }
        if types.is_empty() {
            if let Some(c) = attr(head, "category") {
                types.push(c);
            }
        }
        out.push(GoldSentence {
            id,
            text,
            types,
            sources,
        });
    }
    out
}

/// Search keys of a phrase, for comparing actors loosely (clitics and ال off).
fn keys(s: &str) -> Vec<String> {
    khabar_text::Analyzer::new(khabar_text::Form::Key)
        .drop_stopwords(true)
        .terms(s)
}

#[derive(Default, serde::Serialize)]
struct TypeScore {
    sentences: usize,
    found: usize,
    recall: f64,
    with_gold_actor: usize,
    actor_correct: usize,
    actor_accuracy: f64,
}

fn gold(files: &[PathBuf], show: usize, json: bool) -> Result<u8> {
    let mut scores: BTreeMap<String, TypeScore> = BTreeMap::new();
    let mut shown = 0;
    let mut n_sent = 0;
    let mut n_events = 0;
    for f in files {
        let xml =
            std::fs::read_to_string(f).with_context(|| format!("cannot read {}", f.display()))?;
        for g in parse_gold(&xml) {
            n_sent += 1;
            let r = read_article(None, &g.text, None);
            n_events += r.events.len();
            let gold_actor: Vec<String> = g.sources.iter().flat_map(|s| keys(s)).collect();
            for ty in &g.types {
                let sc = scores.entry(ty.clone()).or_default();
                sc.sentences += 1;
                let evs: Vec<_> = r.events.iter().filter(|e| &e.event_type == ty).collect();
                if evs.is_empty() {
                    if shown < show {
                        shown += 1;
                        say!("MISSED {ty} {}: {}", g.id, g.text);
                    }
                    continue;
                }
                sc.found += 1;
                if !gold_actor.is_empty() {
                    sc.with_gold_actor += 1;
                    let ok = evs.iter().any(|e| {
                        e.actor
                            .as_ref()
                            .is_some_and(|a| keys(&a.text).iter().any(|k| gold_actor.contains(k)))
                    });
                    if ok {
                        sc.actor_correct += 1;
                    } else if shown < show {
                        shown += 1;
                        let got: Vec<_> = evs
                            .iter()
                            .map(|e| e.actor.as_ref().map(|a| a.text.as_str()).unwrap_or("-"))
                            .collect();
                        say!("ACTOR {ty} {}: gold {:?}, found {:?}", g.id, g.sources, got);
                    }
                }
            }
        }
    }
    for sc in scores.values_mut() {
        sc.recall = ratio(sc.found, sc.sentences);
        sc.actor_accuracy = ratio(sc.actor_correct, sc.with_gold_actor);
    }
    if json {
        say!(
            "{}",
            serde_json::json!({"sentences": n_sent, "events": n_events, "types": scores})
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
        for (ty, sc) in &scores {
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

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
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
    let mut by_type: BTreeMap<String, usize> = BTreeMap::new();
    let mut shown = 0;
    for a in &articles {
        let r = read_article(
            Some(&a.title),
            &a.body,
            a.published.and_then(khabar_extract::date_of_timestamp),
        );
        for e in &r.events {
            *by_type.entry(e.event_type.to_string()).or_default() += 1;
            if (e.event_type == "PROTEST" || e.event_type == "ASSAULT") && shown < show {
                shown += 1;
                let s = r.sentences[e.sentence];
                say!(
                    "{} {} «{}»: {}",
                    a.id,
                    e.event_type,
                    e.trigger,
                    &a.body[s.start..s.end]
                );
            }
        }
    }
    let n = articles.len();
    let pa =
        by_type.get("PROTEST").copied().unwrap_or(0) + by_type.get("ASSAULT").copied().unwrap_or(0);
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
        for (t, c) in &by_type {
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

//! `khabar ingest`: read news files into the index.
//!
//! A reader thread walks and reads the inputs (khabar-ingest); the main thread hands batches to
//! the index's ingester, which analyzes them on all cores and commits every `--commit-every`
//! articles. Rejected inputs are reported by name and skipped; the exit code is 1 when any was.
//! Warnings (an input read with a change: bad UTF-8 replaced, a body cut at the size limit) are
//! reported by name and counted, and do not change the exit code.
//!
//! Memory stays bounded whatever the input: the reader sends articles in chunks of at most
//! [`CHUNK_BYTES`] through a channel of [`CHANNEL_CHUNKS`], and a batch is analyzed once it holds
//! `--batch` articles or [`BATCH_BYTES`] of text. Each article is at most
//! `khabar_ingest::MAX_ARTICLE_BYTES`, so at most about 100 MiB of articles are in flight.

use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use khabar_index::{Extras, Index, IngestOptions};
use khabar_ingest::{Article, FieldNames, Item, OnWarning, Options, Warning};

use crate::exit;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files and folders (recursive): .txt, .html, .json, .jsonl/.ndjson, any of them .gz, .zip.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The index directory [default: $KHABAR_INDEX or ./khabar-index].
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Commit after this many new or updated articles (a crash loses at most these; running the
    /// same ingest again completes the index).
    #[arg(long, default_value_t = 5000)]
    pub commit_every: usize,
    /// Articles analyzed together in parallel.
    #[arg(long, default_value_t = 512)]
    pub batch: usize,
    /// Stop after this many articles.
    #[arg(long)]
    pub limit: Option<u64>,
    /// Skip entity extraction and the article reading (faster).
    #[arg(long)]
    pub no_extract: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Do not list rejected inputs and warnings one by one (the summary still counts them).
    #[arg(long)]
    pub quiet: bool,
    /// Follow symbolic links that point out of a folder given (by default they are reported and
    /// not read; links inside the folder are followed).
    #[arg(long)]
    pub follow_links: bool,
    /// JSON field holding the id (instead of the common names).
    #[arg(long)]
    pub id_field: Option<String>,
    #[arg(long)]
    pub url_field: Option<String>,
    #[arg(long)]
    pub title_field: Option<String>,
    #[arg(long)]
    pub text_field: Option<String>,
    #[arg(long)]
    pub date_field: Option<String>,
    #[arg(long)]
    pub source_field: Option<String>,
    #[arg(long)]
    pub author_field: Option<String>,
}

/// `--index`, else `$KHABAR_INDEX`, else `./khabar-index`.
pub fn index_dir(arg: Option<PathBuf>) -> PathBuf {
    arg.or_else(|| {
        std::env::var_os("KHABAR_INDEX")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
    .unwrap_or_else(|| PathBuf::from("khabar-index"))
}

/// Opens an existing index for reading, with the path in the error.
pub fn open_index(arg: Option<PathBuf>) -> Result<Index> {
    let dir = index_dir(arg);
    Index::open(&dir).with_context(|| format!("cannot open the index {}", dir.display()))
}

/// The reader sends its items in chunks of about this many bytes of text (or [`CHUNK_ITEMS`]).
pub const CHUNK_BYTES: usize = 1 << 20;
/// The most items in one chunk.
pub const CHUNK_ITEMS: usize = 256;
/// Chunks waiting between the reader and the indexer.
pub const CHANNEL_CHUNKS: usize = 16;
/// A batch is analyzed once it holds this many bytes of text, even with fewer than `--batch`
/// articles.
pub const BATCH_BYTES: usize = 32 << 20;

enum Msg {
    Items(Vec<Item>),
    Warning(Warning),
    FileDone,
}

/// The bytes of text an item holds.
fn text_bytes(item: &Item) -> usize {
    match item {
        Item::Article(a) => a.title.len() + a.body.len(),
        Item::Rejected { reason, .. } => reason.len(),
    }
}

#[derive(Debug, Default, serde::Serialize)]
struct Summary {
    files: u64,
    articles: u64,
    new: u64,
    updated: u64,
    unchanged: u64,
    duplicates: u64,
    exact_duplicates: u64,
    near_duplicates: u64,
    rejected: u64,
    warnings: u64,
    seconds: f64,
    index: String,
}

/// The article's reading (khabar-extract: entities, numbers, dates, quotes, events, keywords,
/// summary) stored as JSON, and its entities: canonical names as facets, every other name they go
/// by as `entity:` terms.
/// A panic inside the reading (a bug, never expected on any input) leaves that one article
/// indexed without its reading, with a warning on stderr, and the ingest goes on.
fn extract(a: &Article) -> Extras {
    let title = Some(a.title.as_str()).filter(|t| !t.trim().is_empty());
    let date = a.published.and_then(khabar_extract::date_of_timestamp);
    match catch_unwind(AssertUnwindSafe(|| {
        khabar_extract::read_article(title, &a.body, date)
    })) {
        Ok(reading) => Extras::from_reading(reading),
        Err(_) => {
            eprintln!(
                "khabar: warning: {}: the reading failed (an internal error); the article is indexed without it",
                a.origin
            );
            Extras::default()
        }
    }
}

pub fn run(args: Args) -> Result<u8> {
    let start = Instant::now();
    let dir = index_dir(args.index.clone());
    // A path that is not there is a mistake to fix before anything is written (no empty index).
    let missing: Vec<String> = args
        .paths
        .iter()
        .filter(|p| std::fs::metadata(p).is_err())
        .map(|p| p.display().to_string())
        .collect();
    if !missing.is_empty() {
        anyhow::bail!("no such file or folder: {}", missing.join(", "));
    }
    let index = Index::open_or_create(&dir)
        .with_context(|| format!("cannot open the index {}", dir.display()))?;
    let opts = IngestOptions {
        commit_every: args.commit_every.max(1),
        ..IngestOptions::default()
    };
    let mut ingester = index.ingester(opts).context("cannot write to the index")?;

    let (tx, rx) = crossbeam_channel::bounded::<Msg>(CHANNEL_CHUNKS);
    let warn_tx = tx.clone();
    let read_opts = Options {
        fields: FieldNames {
            id: args.id_field.clone(),
            url: args.url_field.clone(),
            title: args.title_field.clone(),
            text: args.text_field.clone(),
            date: args.date_field.clone(),
            source: args.source_field.clone(),
            author: args.author_field.clone(),
            ..FieldNames::default()
        },
        follow_links: args.follow_links,
        on_warning: OnWarning::new(move |w| {
            let _ = warn_tx.send(Msg::Warning(w));
        }),
        ..Options::default()
    };
    let mut summary = Summary {
        index: dir.display().to_string(),
        ..Summary::default()
    };
    let mut files = Vec::new();
    let mut walk_rejects = Vec::new();
    for p in khabar_ingest::walk_with(&args.paths, args.follow_links) {
        match p {
            Ok(p) => files.push(p),
            Err(e) => walk_rejects.push(e.to_string()),
        }
    }
    summary.files = files.len() as u64;

    let bar = if std::io::stderr().is_terminal() && !args.json {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} files  {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let report = |bar: &indicatif::ProgressBar, what: &str, why: &str, quiet: bool| {
        if !quiet {
            bar.suspend(|| eprintln!("khabar: rejected {what}: {why}"));
        }
    };
    // A walk error names its path and says why ("…: a symbolic link out of the folder …").
    for r in &walk_rejects {
        summary.rejected += 1;
        if !args.quiet {
            bar.suspend(|| eprintln!("khabar: rejected {r}"));
        }
    }

    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let stop = Arc::clone(&stop);
        std::thread::Builder::new()
            .name("khabar-reader".into())
            .spawn(move || {
                let mut chunk = Vec::new();
                let mut bytes = 0usize;
                let send = |chunk: &mut Vec<Item>, bytes: &mut usize| {
                    *bytes = 0;
                    if !chunk.is_empty()
                        && !stop.load(Ordering::Relaxed)
                        && tx.send(Msg::Items(std::mem::take(chunk))).is_err()
                    {
                        stop.store(true, Ordering::Relaxed);
                    }
                };
                for f in files {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    khabar_ingest::read_file(&f, &read_opts, &mut |item| {
                        bytes += text_bytes(&item);
                        chunk.push(item);
                        if bytes >= CHUNK_BYTES || chunk.len() >= CHUNK_ITEMS {
                            send(&mut chunk, &mut bytes);
                        }
                    });
                    send(&mut chunk, &mut bytes);
                    let _ = tx.send(Msg::FileDone);
                }
            })
            .context("cannot start the reader thread")?
    };

    let extractor: Option<&khabar_index::Extractor> = if args.no_extract {
        None
    } else {
        Some(&extract)
    };
    let batch_size = args.batch.max(1);
    let mut batch: Vec<Article> = Vec::with_capacity(batch_size);
    let mut batch_bytes = 0usize;
    let limit = args.limit.unwrap_or(u64::MAX);
    let flush = |batch: &mut Vec<Article>, ing: &mut khabar_index::Ingester| -> Result<()> {
        if !batch.is_empty() {
            ing.add_batch(std::mem::take(batch), extractor)
                .context("indexing failed")?;
        }
        Ok(())
    };
    'read: for msg in rx.iter() {
        let items = match msg {
            Msg::FileDone => {
                bar.inc(1);
                continue;
            }
            Msg::Warning(w) => {
                summary.warnings += 1;
                if !args.quiet {
                    bar.suspend(|| eprintln!("khabar: warning: {}: {}", w.origin, w.message));
                }
                continue;
            }
            Msg::Items(items) => items,
        };
        for item in items {
            let a = match item {
                Item::Rejected { origin, reason } => {
                    summary.rejected += 1;
                    report(&bar, &origin, &reason, args.quiet);
                    continue;
                }
                Item::Article(a) => a,
            };
            if summary.articles >= limit {
                stop.store(true, Ordering::Relaxed);
                break 'read;
            }
            summary.articles += 1;
            batch_bytes += a.title.len() + a.body.len();
            batch.push(a);
            if batch.len() >= batch_size || batch_bytes >= BATCH_BYTES {
                batch_bytes = 0;
                flush(&mut batch, &mut ingester)?;
                let c = ingester.counts();
                bar.set_message(format!(
                    "{} articles, {} new, {} duplicates",
                    summary.articles,
                    c.new,
                    c.exact_duplicates + c.near_duplicates
                ));
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    drop(rx);
    let _ = reader.join();
    flush(&mut batch, &mut ingester)?;
    let c = ingester.finish().context("final commit failed")?;
    bar.finish_and_clear();
    summary.new = c.new;
    summary.updated = c.updated;
    summary.unchanged = c.unchanged;
    summary.exact_duplicates = c.exact_duplicates;
    summary.near_duplicates = c.near_duplicates;
    summary.duplicates = c.exact_duplicates + c.near_duplicates;
    summary.seconds = (start.elapsed().as_secs_f64() * 100.0).round() / 100.0;
    if args.json {
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        println!(
            "{} files, {} articles: {} new, {} updated, {} unchanged; {} duplicates ({} exact, {} near); {} rejected; {} warnings; {:.1} s → {}",
            summary.files,
            summary.articles,
            summary.new,
            summary.updated,
            summary.unchanged,
            summary.duplicates,
            summary.exact_duplicates,
            summary.near_duplicates,
            summary.rejected,
            summary.warnings,
            summary.seconds,
            summary.index
        );
    }
    Ok(if summary.rejected > 0 {
        exit::FAILURE
    } else {
        exit::OK
    })
}

//! `khabar`: Arabic news into knowledge. The binary is glue: each subcommand
//! is a few lines over the library crates.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod cmd;
mod exit;
mod lines;

/// mimalloc: the reading allocates many small strings and vectors per article, from several
/// threads at once.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// khabar (خبر): an engine that turns Arabic news articles into knowledge.
///
/// It normalizes and tokenizes Arabic script, ingests and indexes news dumps,
/// searches them, and extracts entities, numbers, dates, quotations and events.
#[derive(Parser, Debug)]
#[command(name = "khabar", version, propagate_version = true)]
#[command(
    after_help = "Exit codes: 0 ok, 1 failure, 2 bad usage.\nExamples:\n  khabar tokenize samples/csto-kazakhstan-2022.txt\n  echo 'وقال بوتين' | khabar tokenize --form key"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Tokenize text line by line: one output line of tokens per input line.
    Tokenize(cmd::tokenize::Args),
    /// Read news files (txt, html, json, jsonl, gz, zip; folders) into the index.
    Ingest(cmd::ingest::Args),
    /// Search the index.
    Search(cmd::search::Args),
    /// Index statistics: articles, sources, dates, duplicates, size.
    Stats(cmd::stats::Args),
    /// The most mentioned entities in the index.
    Entities(cmd::entities::Args),
    /// Named-entity recognition: train, evaluate, tag.
    Ner(cmd::ner::Args),
    /// The reading of one article: entities, numbers, dates, quotes, events.
    Analyze(cmd::analyze::Args),
    /// Evaluations on held-out data.
    Eval(cmd::eval::Args),
    /// The stored readings as a table (articles, entities, events, quotes, numbers, dates) in
    /// JSON Lines, CSV or Parquet.
    Export(cmd::export::Args),
    /// Serve the HTTP API and the web interface.
    Serve(cmd::serve::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Tokenize(args) => cmd::tokenize::run(args),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Search(args) => cmd::search::run(args),
        Command::Stats(args) => cmd::stats::run(args),
        Command::Entities(args) => cmd::entities::run(args),
        Command::Ner(args) => cmd::ner::run(args),
        Command::Analyze(args) => cmd::analyze::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Serve(args) => cmd::serve::run(args),
    };
    exit::report(result)
}

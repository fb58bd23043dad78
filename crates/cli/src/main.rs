//! `khabar`: Arabic news into knowledge. The binary is glue: each subcommand
//! is a few lines over the library crates.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod cmd;
mod exit;

/// khabar (خبر): an engine that turns Arabic news articles into knowledge.
///
/// It normalizes and tokenizes Arabic script, ingests and indexes news dumps,
/// searches them, and extracts entities, numbers, dates, quotations and events.
#[derive(Parser, Debug)]
#[command(name = "khabar", version, about, long_about = None, propagate_version = true)]
#[command(after_help = "Exit codes: 0 ok, 1 failure, 2 bad usage.\nExamples:\n  khabar tokenize samples/csto-kazakhstan-2022.txt\n  echo 'وقال بوتين' | khabar tokenize --form key")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Tokenize text line by line: one output line of tokens per input line.
    Tokenize(cmd::tokenize::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { exit::USAGE } else { exit::OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Tokenize(args) => cmd::tokenize::run(args),
    };
    exit::report(result)
}

//! The `khabar tokenize` line contract over the text crate alone: one line of
//! keys out per line in. Builds in seconds, so stemmer changes can be measured
//! with `bench/analyzer/retrieval.py` without building the whole binary:
//!
//! ```sh
//! cargo build --release -p khabar-text --example keys
//! KHABAR=target/release/examples/keys bench/analyzer/retrieval.py --dev
//! ```

use khabar_text::{Analyzer, Form};
use std::io::{BufRead, Write};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let form = match args
        .iter()
        .position(|a| a == "--form")
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
    {
        Some("surface") => Form::Surface,
        Some("display") => Form::Display,
        Some("norm") => Form::Norm,
        _ => Form::Key,
    };
    let analyzer = Analyzer::new(form).drop_stopwords(args.iter().any(|a| a == "--drop-stopwords"));
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut buf = String::new();
    for line in stdin.lock().lines() {
        let line = line?;
        let mut first = true;
        analyzer.for_each(&line, &mut buf, |_, s| {
            if !first {
                let _ = out.write_all(b" ");
            }
            first = false;
            let _ = out.write_all(s.as_bytes());
        });
        out.write_all(b"\n")?;
    }
    out.flush()
}

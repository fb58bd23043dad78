//! `khabar tokenize`: streams text, one output line of tokens per input line.

use crate::cmd::SAMPLE_ARTICLE;
use anyhow::{Context, Result};
use khabar_text::{analyze, Analyzer, Form};
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input file, or `-` for standard input. Without one, standard input is
    /// read; on a terminal, the bundled sample article is tokenized.
    pub input: Option<PathBuf>,
    /// Which form of each token to print.
    #[arg(long, value_enum, default_value_t = FormArg::Key)]
    pub form: FormArg,
    /// Leave out stop words (khabar's list; not for phrase matching).
    #[arg(long)]
    pub drop_stopwords: bool,
    /// Print punctuation and symbol tokens too.
    #[arg(long)]
    pub punct: bool,
    /// One JSON object per input line: `{"tokens": [{"start","end","kind","surface","display","norm","key","stopword"}]}`,
    /// offsets in bytes into that line.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum FormArg {
    /// The text as written.
    Surface,
    /// The writer's letters; invisible marks and tatweel removed, presentation forms expanded.
    Display,
    /// Normalized, unstemmed search form.
    Norm,
    /// The stemmed search key.
    Key,
}

impl From<FormArg> for Form {
    fn from(f: FormArg) -> Form {
        match f {
            FormArg::Surface => Form::Surface,
            FormArg::Display => Form::Display,
            FormArg::Norm => Form::Norm,
            FormArg::Key => Form::Key,
        }
    }
}

pub fn run(args: Args) -> Result<u8> {
    let stdin = io::stdin();
    let reader: Box<dyn Read> = match &args.input {
        Some(p) if p.as_os_str() != "-" => Box::new(
            std::fs::File::open(p).with_context(|| format!("cannot open {}", p.display()))?,
        ),
        None if stdin.is_terminal() => {
            eprintln!("khabar: no input given: tokenizing the bundled sample article");
            Box::new(SAMPLE_ARTICLE.as_bytes())
        }
        _ => Box::new(stdin.lock()),
    };
    let analyzer = Analyzer::new(args.form.into())
        .drop_stopwords(args.drop_stopwords)
        .keep_punct(args.punct);
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let mut line = Vec::with_capacity(4096);
    let mut buf = String::new();
    let mut bad_lines = 0u64;
    let mut lineno = 0u64;
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .context("cannot read input")?;
        if n == 0 {
            break;
        }
        lineno += 1;
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        let text = match simdutf8::basic::from_utf8(&line) {
            Ok(t) => std::borrow::Cow::Borrowed(t),
            Err(_) => {
                bad_lines += 1;
                if bad_lines == 1 {
                    eprintln!(
                        "khabar: warning: line {lineno}: invalid UTF-8, decoded lossily (U+FFFD)"
                    );
                }
                String::from_utf8_lossy(&line)
            }
        };
        if args.json {
            write_json_line(&mut out, &text, &args)?;
            continue;
        }
        let mut first = true;
        let mut err = Ok(());
        analyzer.for_each(&text, &mut buf, |_, s| {
            if err.is_ok() {
                if !first {
                    err = out.write_all(b" ");
                }
                first = false;
                if err.is_ok() {
                    err = out.write_all(s.as_bytes());
                }
            }
        });
        err?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    if bad_lines > 1 {
        eprintln!("khabar: warning: {bad_lines} lines had invalid UTF-8 in all");
    }
    Ok(crate::exit::OK)
}

fn write_json_line(out: &mut impl Write, text: &str, args: &Args) -> Result<()> {
    let tokens: Vec<serde_json::Value> = analyze(text)
        .into_iter()
        .filter(|t| (args.punct || t.kind.is_content()) && !(args.drop_stopwords && t.is_stopword))
        .map(|t| {
            serde_json::json!({
                "start": t.start,
                "end": t.end,
                "kind": format!("{:?}", t.kind).to_lowercase(),
                "surface": &text[t.start..t.end],
                "display": t.display,
                "norm": t.norm,
                "key": t.key,
                "stopword": t.is_stopword,
            })
        })
        .collect();
    serde_json::to_writer(&mut *out, &serde_json::json!({ "tokens": tokens }))?;
    out.write_all(b"\n")?;
    Ok(())
}

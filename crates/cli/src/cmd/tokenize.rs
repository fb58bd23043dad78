//! `khabar tokenize`: streams text, one output line of tokens per input line.

use crate::cmd::SAMPLE_ARTICLE;
use crate::lines::{read_piece, Piece};
use anyhow::{Context, Result};
use khabar_text::{analyze, Analyzer, Form};
use std::io::{self, BufReader, IsTerminal, Read, Write};
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
    /// One JSON object per input line: `{"v": 1, "tokens": [{"start","end","kind","surface","display","norm","key","stopword"}]}`,
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
        let mut piece =
            read_piece(&mut reader, &mut line, MAX_PIECE_BYTES).context("cannot read input")?;
        if piece == Piece::Eof {
            break;
        }
        lineno += 1;
        let mut bad = false;
        // A line longer than MAX_PIECE_BYTES is tokenized a piece at a time, each cut after
        // its last space, so memory stays bounded and the output is still one line.
        let mut line_out = LineOut {
            first: true,
            base: 0,
        };
        if args.json {
            out.write_all(br#"{"v":1,"tokens":["#)?;
        }
        loop {
            let cut = if piece == Piece::Partial {
                cut_point(&line)
            } else {
                line.len()
            };
            let text = match simdutf8::basic::from_utf8(&line[..cut]) {
                Ok(t) => std::borrow::Cow::Borrowed(t),
                Err(_) => {
                    bad = true;
                    String::from_utf8_lossy(&line[..cut])
                }
            };
            if args.json {
                write_json_tokens(&mut out, &text, &args, &mut line_out)?;
            } else {
                let mut err = Ok(());
                analyzer.for_each(&text, &mut buf, |_, s| {
                    if err.is_ok() {
                        if !line_out.first {
                            err = out.write_all(b" ");
                        }
                        line_out.first = false;
                        if err.is_ok() {
                            err = out.write_all(s.as_bytes());
                        }
                    }
                });
                err?;
            }
            line_out.base += text.len();
            if piece != Piece::Partial {
                break;
            }
            line.drain(..cut);
            piece =
                read_piece(&mut reader, &mut line, MAX_PIECE_BYTES).context("cannot read input")?;
        }
        if bad {
            bad_lines += 1;
            if bad_lines == 1 {
                eprintln!(
                    "khabar: warning: line {lineno}: invalid UTF-8, decoded lossily (U+FFFD)"
                );
            }
        }
        out.write_all(if args.json { b"]}\n" } else { b"\n" })?;
    }
    out.flush()?;
    if bad_lines > 1 {
        eprintln!("khabar: warning: {bad_lines} lines had invalid UTF-8 in all");
    }
    Ok(crate::exit::OK)
}

/// Where the tokens of one output line stand: whether one was written, and the byte offset
/// of the current piece in the line.
struct LineOut {
    first: bool,
    base: usize,
}

/// The most of one line held in memory (1 MiB).
const MAX_PIECE_BYTES: usize = 1 << 20;

/// Where to cut a piece of a long line: after its last ASCII space or tab, else before its
/// last character when that one is not complete (a word of a mebibyte is cut).
fn cut_point(piece: &[u8]) -> usize {
    if let Some(i) = piece.iter().rposition(|&b| b == b' ' || b == b'\t') {
        return i + 1;
    }
    let Some(lead) = piece.iter().rposition(|&b| (b & 0xC0) != 0x80) else {
        return piece.len();
    };
    let need = match piece[lead] {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    if piece.len() - lead >= need || lead == 0 {
        piece.len()
    } else {
        lead
    }
}

fn write_json_tokens(
    out: &mut impl Write,
    text: &str,
    args: &Args,
    line: &mut LineOut,
) -> Result<()> {
    for t in analyze(text)
        .into_iter()
        .filter(|t| (args.punct || t.kind.is_content()) && !(args.drop_stopwords && t.is_stopword))
    {
        if !line.first {
            out.write_all(b",")?;
        }
        line.first = false;
        serde_json::to_writer(
            &mut *out,
            &serde_json::json!({
                "start": line.base + t.start,
                "end": line.base + t.end,
                "kind": format!("{:?}", t.kind).to_lowercase(),
                "surface": &text[t.start..t.end],
                "display": t.display,
                "norm": t.norm,
                "key": t.key,
                "stopword": t.is_stopword,
            }),
        )?;
    }
    Ok(())
}

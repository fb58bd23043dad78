//! `khabar analyze --jsonl`: the pipeline contract (docs/analyze.md, "Pipelines";
//! docs/analyze-jsonl.schema.json).
//!
//! * exactly one output line per input line, in order: blank, broken and over-long lines
//!   become error lines `{"v", "id"?, "line", "error"}`, so outputs line up with inputs;
//! * `id` echoed as a string on every line where it could be read (a number becomes its
//!   decimal text);
//! * invalid UTF-8 is decoded lossily (U+FFFD) with a warning; an unreadable `date` is a
//!   warning (`"warnings"` on the line), the article read without it (or with `--date`);
//! * `--keep url,source,date` echoes those input fields (`null` where absent);
//! * `--threads N` workers, output in input order, at most a bounded window of lines in
//!   flight, flushed whenever the writer catches up;
//! * exit 0, or 1 when a line was an error and `--keep-going` was not given (or the input
//!   could not be read).
//!
//! The reader (this thread) hands lines to the workers through a bounded channel; a writer
//! thread puts the answers back in order. A ticket per line in flight bounds memory whatever
//! one slow article holds up: the reader takes a ticket before it reads a line, the writer
//! gives it back once the line is written.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};

use anyhow::{Context, Result};
use crossbeam_channel::{bounded, TryRecvError};
use khabar_extract::{date_of_timestamp, read_article, NaiveDate, Reading};
use serde::Serialize;
use serde_json::{Map, Value};

use chrono::{DateTime, Utc};
use khabar_export::{write_article, ArticleMeta, JsonlWriter, Table};
use khabar_ingest::json_kind;

use crate::lines::{read_piece, skip_line, Piece};

/// The `"v"` of every output line. Bumped when a field changes meaning or goes away.
pub const FORMAT_VERSION: u32 = 1;

/// The longest input line read (16 MiB); a longer one is an error line.
pub const MAX_LINE_BYTES: usize = 16 << 20;

/// How many error and warning messages go to stderr before only the totals are.
const STDERR_MESSAGES: u64 = 10;

/// The fields of an output line that `--keep` may not overwrite.
const LINE_FIELDS: [&str; 5] = ["v", "id", "line", "error", "warnings"];

pub struct Options {
    /// The date of articles whose line has none (`--date`).
    pub date: Option<NaiveDate>,
    /// Input fields echoed on each reading line (`--keep`).
    pub keep: Vec<String>,
    /// Error lines do not make the exit code 1.
    pub keep_going: bool,
    /// Worker threads, at least 1.
    pub threads: usize,
    /// `--flat`: instead of the reading, the rows of these tables (those of `khabar export`),
    /// tagged with `"table"` when there are several.
    pub flat: Vec<Table>,
}

impl Options {
    /// Checks `--keep`: a kept field may not take the name of a field of the output line.
    pub fn check_keep(keep: &[String]) -> std::result::Result<(), String> {
        let reading = serde_json::to_value(read_article(None, "", None)).unwrap_or_default();
        for k in keep {
            if k.is_empty() {
                return Err("--keep: an empty field name".into());
            }
            if LINE_FIELDS.contains(&k.as_str()) || reading.get(k).is_some() {
                return Err(format!(
                    "--keep {k}: the output line has a field {k:?} of its own; keep input fields such as url, source, date"
                ));
            }
        }
        Ok(())
    }
}

/// What the run saw, for the exit code and the closing message.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub lines: u64,
    pub errors: u64,
    pub warnings: u64,
}

/// An input line as the reader hands it to a worker.
enum Raw {
    Line(Vec<u8>),
    /// A line longer than [`MAX_LINE_BYTES`], of this many bytes; not kept.
    TooLong(u64),
}

/// A worker's answer for one line.
struct Answer {
    /// The output line(s), each with its newline (`--flat`: a row per line, maybe none).
    json: String,
    /// The error, for stderr.
    error: Option<String>,
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct ReadingLine<'a> {
    v: u32,
    id: &'a str,
    #[serde(flatten)]
    kept: Map<String, Value>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
    #[serde(flatten)]
    reading: &'a Reading,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    v: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    line: u64,
    error: &'a str,
}

fn error_line(id: Option<&str>, line: u64, error: String, warnings: Vec<String>) -> Answer {
    let mut json = serde_json::to_string(&ErrorLine {
        v: FORMAT_VERSION,
        id,
        line,
        error: &error,
    })
    .unwrap_or_default();
    json.push('\n');
    Answer {
        json,
        error: Some(error),
        warnings,
    }
}

/// A field that must be a string when present: `Ok(None)` when absent or null.
fn opt_str(obj: &Map<String, Value>, name: &str) -> std::result::Result<Option<String>, String> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(format!(
            "\"{name}\" must be a string, found {}",
            json_kind(other)
        )),
    }
}

/// The output line for input line number `line` (1-based).
fn answer(raw: Raw, line: u64, opts: &Options) -> Answer {
    let mut warnings = Vec::new();
    let bytes = match raw {
        Raw::Line(b) => b,
        Raw::TooLong(n) => {
            return error_line(
                None,
                line,
                format!("the line is {n} bytes long, more than the {MAX_LINE_BYTES} read"),
                warnings,
            )
        }
    };
    let text = match simdutf8::basic::from_utf8(&bytes) {
        Ok(t) => Cow::Borrowed(t),
        Err(_) => {
            warnings.push("invalid UTF-8, decoded with U+FFFD in its place".to_string());
            String::from_utf8_lossy(&bytes)
        }
    };
    if text.trim().is_empty() {
        return error_line(None, line, "a blank line, not an article".into(), warnings);
    }
    let obj = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(obj)) => obj,
        Ok(other) => {
            let e = format!(
                "expected a JSON object {{\"id\", \"text\"}}, found {}",
                json_kind(&other)
            );
            return error_line(None, line, e, warnings);
        }
        Err(e) => return error_line(None, line, format!("not JSON: {e}"), warnings),
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        None | Some(Value::Null) => {
            return error_line(None, line, "no \"id\"".into(), warnings);
        }
        Some(other) => {
            let e = format!(
                "\"id\" must be a string or a number, found {}",
                json_kind(other)
            );
            return error_line(None, line, e, warnings);
        }
    };
    let fail = |e: String, warnings| error_line(Some(&id), line, e, warnings);
    let body = match opt_str(&obj, "text") {
        Ok(Some(t)) => t,
        Ok(None) => return fail("no \"text\"".into(), warnings),
        Err(e) => return fail(e, warnings),
    };
    let title = match opt_str(&obj, "title") {
        Ok(t) => t.filter(|t| !t.trim().is_empty()),
        Err(e) => return fail(e, warnings),
    };
    let fallback = match opts.date {
        Some(d) => format!("read with --date {d}"),
        None => "read without a date".to_string(),
    };
    // The line's date as a timestamp (the published time of `--flat` rows) and as a day (the
    // reading's date), parsed once.
    let (stamp, date) = match obj.get("date") {
        None | Some(Value::Null) => (None, opts.date),
        Some(Value::String(s)) => {
            let stamp = khabar_ingest::parse_date(s);
            match stamp.and_then(date_of_timestamp) {
                Some(d) => (stamp, Some(d)),
                None => {
                    warnings.push(format!("cannot read the date {s:?}: {fallback}"));
                    (None, opts.date)
                }
            }
        }
        Some(other) => {
            warnings.push(format!(
                "\"date\" must be a string, found {}: {fallback}",
                json_kind(other)
            ));
            (None, opts.date)
        }
    };
    let reading = match catch_unwind(AssertUnwindSafe(|| {
        read_article(title.as_deref(), &body, date)
    })) {
        Ok(r) => r,
        Err(_) => return fail("the reading failed (an internal error)".into(), warnings),
    };
    if !opts.flat.is_empty() {
        let text = |k: &str| obj.get(k).and_then(Value::as_str);
        let published = stamp
            .and_then(|s| DateTime::<Utc>::from_timestamp(s, 0))
            .or_else(|| {
                opts.date
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|t| t.and_utc())
            });
        let meta = ArticleMeta {
            url: text("url"),
            source: text("source"),
            published,
            title: title.as_deref().unwrap_or(""),
            author: text("author"),
            category: text("category"),
            ..ArticleMeta::new(&id, &body)
        };
        let mut out = Vec::new();
        for &t in &opts.flat {
            let mut w = if opts.flat.len() > 1 {
                JsonlWriter::tagged(t, &mut out)
            } else {
                JsonlWriter::new(t, &mut out)
            };
            if let Err(e) = write_article(&mut w, &meta, &reading) {
                return fail(format!("cannot write the {t} rows: {e}"), warnings);
            }
        }
        return Answer {
            json: String::from_utf8(out).unwrap_or_default(),
            error: None,
            warnings,
        };
    }
    let kept = opts
        .keep
        .iter()
        .map(|k| (k.clone(), obj.get(k).cloned().unwrap_or(Value::Null)))
        .collect();
    let json = serde_json::to_string(&ReadingLine {
        v: FORMAT_VERSION,
        id: &id,
        kept,
        warnings: &warnings,
        reading: &reading,
    });
    match json {
        Ok(mut json) => Answer {
            json: {
                json.push('\n');
                json
            },
            error: None,
            warnings,
        },
        Err(e) => fail(format!("cannot write the reading: {e}"), warnings),
    }
}

/// Reads JSON lines from `input`, writes one line per input line to `out`.
pub fn run(
    input: &mut (impl BufRead + ?Sized),
    out: impl Write + Send,
    opts: &Options,
) -> Result<Totals> {
    let threads = opts.threads.max(1);
    let window = 16 * threads + 16;
    let (work_tx, work_rx) = bounded::<(u64, Raw)>(window);
    let (done_tx, done_rx) = bounded::<(u64, Answer)>(window);
    let (ticket_tx, ticket_rx) = bounded::<()>(window);
    for _ in 0..window {
        let _ = ticket_tx.send(());
    }
    std::thread::scope(|s| {
        for _ in 0..threads {
            let (work_rx, done_tx) = (work_rx.clone(), done_tx.clone());
            s.spawn(move || {
                for (seq, raw) in work_rx {
                    if done_tx.send((seq, answer(raw, seq + 1, opts))).is_err() {
                        break;
                    }
                }
            });
        }
        drop((work_rx, done_tx));
        let writer = s.spawn(move || write_in_order(out, done_rx, ticket_tx));
        let read = read_lines(input, &work_tx, &ticket_rx);
        drop(work_tx);
        let totals = match writer.join() {
            Ok(r) => r.context("cannot write the output")?,
            Err(_) => anyhow::bail!("the writer thread failed"),
        };
        read?;
        Ok(totals)
    })
}

fn read_lines(
    input: &mut (impl BufRead + ?Sized),
    work: &crossbeam_channel::Sender<(u64, Raw)>,
    tickets: &crossbeam_channel::Receiver<()>,
) -> Result<()> {
    let mut seq = 0u64;
    loop {
        // No ticket: the writer has stopped (its error is the one reported).
        if tickets.recv().is_err() {
            return Ok(());
        }
        let mut buf = Vec::new();
        let raw = match read_piece(input, &mut buf, MAX_LINE_BYTES)
            .with_context(|| format!("cannot read line {}", seq + 1))?
        {
            Piece::Eof => return Ok(()),
            Piece::Whole => Raw::Line(buf),
            Piece::Partial => {
                let rest =
                    skip_line(input).with_context(|| format!("cannot read line {}", seq + 1))?;
                Raw::TooLong(buf.len() as u64 + rest)
            }
        };
        if work.send((seq, raw)).is_err() {
            return Ok(());
        }
        seq += 1;
    }
}

fn write_in_order(
    out: impl Write,
    done: crossbeam_channel::Receiver<(u64, Answer)>,
    tickets: crossbeam_channel::Sender<()>,
) -> io::Result<Totals> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let mut pending: BTreeMap<u64, Answer> = BTreeMap::new();
    let mut totals = Totals::default();
    let mut next = 0u64;
    loop {
        let (seq, a) = match done.try_recv() {
            Ok(x) => x,
            Err(TryRecvError::Empty) => {
                // Caught up with the workers: what is written reaches the reader now.
                out.flush()?;
                match done.recv() {
                    Ok(x) => x,
                    Err(_) => break,
                }
            }
            Err(TryRecvError::Disconnected) => break,
        };
        pending.insert(seq, a);
        while let Some(a) = pending.remove(&next) {
            next += 1;
            totals.lines += 1;
            out.write_all(a.json.as_bytes())?;
            for w in &a.warnings {
                totals.warnings += 1;
                if totals.warnings <= STDERR_MESSAGES {
                    eprintln!("khabar: warning: line {next}: {w}");
                }
            }
            if let Some(e) = &a.error {
                totals.errors += 1;
                if totals.errors <= STDERR_MESSAGES {
                    eprintln!("khabar: line {next}: {e}");
                }
            }
            let _ = tickets.send(());
        }
    }
    out.flush()?;
    Ok(totals)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(threads: usize) -> Options {
        Options {
            date: None,
            keep: vec!["url".into()],
            keep_going: true,
            threads,
            flat: Vec::new(),
        }
    }

    fn lines(input: &[u8], threads: usize) -> (Vec<Value>, Totals) {
        let mut out = Vec::new();
        let totals = run(&mut io::BufReader::new(input), &mut out, &opts(threads)).unwrap();
        let text = String::from_utf8(out).unwrap();
        let v = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (v, totals)
    }

    #[test]
    fn every_input_line_gives_one_output_line_in_order() {
        let mut input = Vec::new();
        input.extend_from_slice(
            "{\"id\":\"a1\",\"text\":\"وقال وزير الخارجية الروسي سيرغي لافروف إن بلاده سترد.\",\"url\":\"https://x/1\"}\n"
                .as_bytes(),
        );
        input.extend_from_slice(b"\n");
        input.extend_from_slice(b"{\"id\":\"b2\",\"title\":\"t\"}\n");
        input.extend_from_slice(b"[\"x\",\"text\"]\n");
        input.extend_from_slice(b"{\"id\":7,\"text\":\"\xd9\x82\xff \xd8\xa7\xd9\x84\"}\n");
        input.extend_from_slice(b"{broken\n");
        for threads in [1, 3] {
            let (got, totals) = lines(&input, threads);
            assert_eq!(got.len(), 6, "{got:?}");
            assert_eq!(
                totals,
                Totals {
                    lines: 6,
                    errors: 4,
                    warnings: 1
                }
            );
            assert_eq!(got[0]["id"], "a1");
            assert_eq!(got[0]["url"], "https://x/1");
            assert_eq!(got[0]["v"], 1);
            assert!(got[0]["entities"].is_array());
            assert_eq!(got[1]["line"], 2);
            assert!(got[1]["error"].as_str().unwrap().contains("blank"));
            assert_eq!(got[2]["id"], "b2");
            assert!(got[2]["error"].as_str().unwrap().contains("text"));
            assert!(got[3]["error"].as_str().unwrap().contains("an array"));
            assert_eq!(got[4]["id"], "7");
            assert!(got[4]["warnings"][0].as_str().unwrap().contains("UTF-8"));
            assert!(got[5]["error"].as_str().unwrap().starts_with("not JSON"));
        }
    }

    #[test]
    fn an_unreadable_date_is_a_warning_and_a_kept_field_may_not_hide_the_reading() {
        let (got, totals) = lines(
            "{\"id\":\"d\",\"date\":\"yesterday-ish\",\"text\":\"وصل الوفد الأربعاء إلى الرياض.\"}\n"
                .as_bytes(),
            1,
        );
        assert_eq!(totals.errors, 0);
        assert!(got[0]["warnings"][0]
            .as_str()
            .unwrap()
            .contains("yesterday-ish"));
        assert_eq!(got[0]["url"], Value::Null);
        assert!(Options::check_keep(&["entities".into()]).is_err());
        assert!(Options::check_keep(&["id".into()]).is_err());
        assert!(Options::check_keep(&["source".into(), "date".into()]).is_ok());
    }
}

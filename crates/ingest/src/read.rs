//! Dispatch by format, gzip and zip containers, and the public reading entry points.

use std::cell::Cell;
use std::fs::File;
use std::io::{BufReader, Cursor, ErrorKind, Read, Seek};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use crate::{html, json, txt, Article, Item, Options};

/// The input formats. See the crate docs for what each holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Json,
    JsonLines,
    Zip,
}

impl Format {
    /// The format of a file name by its extension (case-insensitive), and whether it is gzipped
    /// (`.gz` suffix). `None` for an unknown extension.
    pub fn from_name(name: &str) -> Option<(Format, bool)> {
        let lower = name.to_ascii_lowercase();
        let (stem, gz) = match lower.strip_suffix(".gz") {
            Some(s) => (s, true),
            None => (lower.as_str(), false),
        };
        let ext = stem.rsplit_once('.')?.1;
        let f = match ext {
            "txt" | "text" => Format::Text,
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" | "jsonlines" => Format::JsonLines,
            "zip" if !gz => Format::Zip,
            _ => return None,
        };
        Some((f, gz))
    }
}

/// Nesting limit for archives inside archives.
pub const MAX_ARCHIVE_DEPTH: usize = 3;

/// Below this many decompressed bytes an archive is not held to [`Options::max_archive_ratio`]
/// (a small file compresses as it likes).
pub const ARCHIVE_RATIO_FLOOR: u64 = 1 << 20;

/// What one archive given to the ingest may still decompress: every byte read out of a gzip
/// stream or a zip entry, of the archive or of an archive nested in it, counts against it.
pub(crate) struct Budget {
    used: Cell<u64>,
    /// The smaller of the absolute limit and the ratio's, and which it is.
    limit: u64,
    why: String,
}

impl Budget {
    /// The budget of an archive of `compressed` bytes (`None`: a stream of unknown size, held to
    /// the absolute limit only).
    pub(crate) fn new(compressed: Option<u64>, opts: &Options) -> Budget {
        let by_ratio = compressed.map(|c| {
            c.saturating_mul(opts.max_archive_ratio)
                .max(ARCHIVE_RATIO_FLOOR)
        });
        match by_ratio {
            Some(r) if r < opts.max_archive_bytes => Budget {
                used: Cell::new(0),
                limit: r,
                why: format!(
                    "{} times its compressed size of {} bytes",
                    opts.max_archive_ratio,
                    compressed.unwrap_or(0)
                ),
            },
            _ => Budget {
                used: Cell::new(0),
                limit: opts.max_archive_bytes,
                why: "the limit per archive".to_string(),
            },
        }
    }

    pub(crate) fn exhausted(&self) -> bool {
        self.used.get() >= self.limit
    }

    /// The reason given for what is skipped once the budget is spent.
    pub(crate) fn reason(&self) -> String {
        format!(
            "the archive decompressed past {} bytes ({}): the rest of it is skipped",
            self.limit, self.why
        )
    }
}

/// A reader whose bytes count against a [`Budget`]; reading past it is an error.
struct Counted<'b, R> {
    inner: R,
    budget: &'b Budget,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.budget.limit.saturating_sub(self.budget.used.get());
        if left == 0 {
            // At the limit: the end of the data is fine, one more byte is not.
            let mut one = [0u8; 1];
            return match self.inner.read(&mut one)? {
                0 => Ok(0),
                _ => Err(std::io::Error::other(self.budget.reason())),
            };
        }
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.budget.used.set(self.budget.used.get() + n as u64);
        Ok(n)
    }
}

/// The message of a caught panic.
fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// Runs `f`; a panic inside it (a bug, never expected on any input) becomes `Err` with its message,
/// so one bad input is one rejection and the rest of the run proceeds.
pub(crate) fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| {
        Err(format!(
            "internal error while reading: {}",
            panic_message(&*p)
        ))
    })
}

/// The item of one reader's result: the article within the size bounds of `opts`
/// ([`Article::bounded`]), or the rejection with its reason.
pub(crate) fn item(r: Result<Article, String>, origin: &str, opts: &Options) -> Item {
    match r {
        Ok(a) => Item::Article(a.bounded(opts)),
        Err(reason) => Item::Rejected {
            origin: origin.to_string(),
            reason,
        },
    }
}

/// A short reason for an I/O error.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::UnexpectedEof => "truncated input (unexpected end of data)".to_string(),
        ErrorKind::NotFound => "file not found".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        ErrorKind::InvalidInput | ErrorKind::InvalidData => format!("corrupt data: {e}"),
        // Our own errors (an archive past its budget) say what happened.
        ErrorKind::Other => e.to_string(),
        _ => format!("read error: {e}"),
    }
}

/// Reads at most `max` bytes; more is an error, as is any read error.
pub(crate) fn read_bounded(r: &mut dyn Read, buf: &mut Vec<u8>, max: u64) -> Result<(), String> {
    match r.take(max.saturating_add(1)).read_to_end(buf) {
        Ok(_) if buf.len() as u64 > max => Err(format!("larger than the limit of {max} bytes")),
        Ok(_) => Ok(()),
        Err(e) => Err(io_reason(&e)),
    }
}

/// Reads one file and calls `sink` once per [`Item`], in input order.
///
/// The format comes from the file name ([`Format::from_name`]; unknown extensions are sniffed from
/// the content). Every problem becomes an [`Item::Rejected`]: an unreadable or empty file, binary
/// data, a broken JSON line (the other lines proceed), a truncated gzip or zip (articles read
/// before the damage are kept), an article without body text. This function never panics on input
/// and does not return errors.
///
/// `Article::origin` is the path as given, plus `!entry` inside zips, `:line` (1-based) for JSON
/// Lines and `#index` (0-based) for elements of a JSON array.
///
/// A named pipe, `/dev/stdin` or a process substitution (`<(zcat f)`) is read as a stream (whole,
/// up to [`Options::max_file_bytes`], then sniffed unless its name says the format); a named pipe
/// that no process writes to is an empty input, not a wait.
///
/// JSON Lines and a `.json` (or `.json.gz`) whose head is a UTF-8 array are parsed as they are
/// read, in constant memory whatever the size of the file; the other formats are read whole, up
/// to [`Options::max_file_bytes`].
pub fn read_file(path: &Path, opts: &Options, sink: &mut dyn FnMut(Item)) {
    let origin = path.display().to_string();
    if let Err(reason) = guarded(|| {
        read_file_inner(path, &origin, opts, sink);
        Ok(())
    }) {
        sink(Item::Rejected { origin, reason });
    }
}

fn read_file_inner(path: &Path, origin: &str, opts: &Options, sink: &mut dyn FnMut(Item)) {
    let reject = |sink: &mut dyn FnMut(Item), reason: String| {
        sink(Item::Rejected {
            origin: origin.to_string(),
            reason,
        })
    };
    // stat first: opening a named pipe without a writer would wait forever.
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return reject(sink, io_reason(&e)),
    };
    if meta.is_dir() {
        return reject(sink, "is a directory".into());
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !meta.is_file() {
        let r = match open_stream(path) {
            Ok(r) => r,
            Err(e) => return reject(sink, io_reason(&e)),
        };
        if let Some((Format::Zip, false)) = Format::from_name(&name) {
            let mut bytes = Vec::new();
            if let Err(reason) = read_bounded(&mut { r }, &mut bytes, opts.max_file_bytes) {
                return reject(sink, reason);
            }
            return read_zip(Cursor::new(bytes), origin, opts, sink, 0, None);
        }
        return read_stream(&name, r, origin, opts, sink, 0, None);
    }
    if meta.len() == 0 {
        return reject(sink, "empty file".into());
    }
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return reject(sink, io_reason(&e)),
    };
    match Format::from_name(&name) {
        Some((Format::Zip, false)) => read_zip(file, origin, opts, sink, 0, None),
        Some((_, true)) => {
            let budget = Budget::new(Some(meta.len()), opts);
            read_stream(&name, Box::new(file), origin, opts, sink, 0, Some(&budget))
        }
        _ => read_stream(&name, Box::new(file), origin, opts, sink, 0, None),
    }
}

/// Opens something that is not a regular file (a named pipe, a character device) without
/// waiting for a writer. Reading it waits for data while a writer has it open and ends when none
/// has (at once when none ever did).
fn open_stream(path: &Path) -> std::io::Result<Box<dyn Read>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let f = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)?;
        Ok(Box::new(Patient(f)))
    }
    #[cfg(not(unix))]
    {
        Ok(Box::new(File::open(path)?))
    }
}

/// A non-blocking stream read as a blocking one: "no data yet" waits a moment and tries again.
#[cfg(unix)]
struct Patient(File);

#[cfg(unix)]
impl Read for Patient {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            match self.0.read(buf) {
                Err(e) if e.kind() == ErrorKind::WouldBlock => {
                    std::thread::sleep(std::time::Duration::from_millis(2))
                }
                r => return r,
            }
        }
    }
}

/// Reads bytes already in memory as if they were a file called `name` (which picks the format as
/// in [`read_file`] and is used as the origin). For stdin, tests and fuzzing.
pub fn read_bytes(name: &str, bytes: &[u8], opts: &Options, sink: &mut dyn FnMut(Item)) {
    if bytes.is_empty() {
        return sink(Item::Rejected {
            origin: name.to_string(),
            reason: "empty file".into(),
        });
    }
    let r = guarded(|| {
        if let Some((Format::Zip, false)) = Format::from_name(name) {
            read_zip(Cursor::new(bytes), name, opts, sink, 0, None);
        } else {
            read_stream(name, Box::new(bytes), name, opts, sink, 0, None);
        }
        Ok(())
    });
    if let Err(reason) = r {
        sink(Item::Rejected {
            origin: name.to_string(),
            reason,
        });
    }
}

/// [`walk`](crate::walk) the paths and [`read_file`] each file; a walk error (missing path,
/// unreadable folder) becomes an [`Item::Rejected`] and the walk goes on.
/// Links out of a folder are followed only with [`Options::follow_links`].
pub fn read_paths(paths: &[PathBuf], opts: &Options, sink: &mut dyn FnMut(Item)) {
    for p in crate::walk_with(paths, opts.follow_links) {
        match p {
            Ok(p) => read_file(&p, opts, sink),
            Err(e) => sink(Item::Rejected {
                origin: e.path().unwrap_or_default().to_string(),
                reason: e.to_string(),
            }),
        }
    }
}

/// First non-blank character of decoded text: `{`/`[` is JSON, `<` HTML, anything else text.
fn sniff(text: &str) -> Format {
    match text
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .chars()
        .next()
    {
        Some('{') | Some('[') => Format::Json,
        Some('<') => Format::Html,
        _ => Format::Text,
    }
}

/// The two bytes every gzip member starts with.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Reads one stream by its name's format; `budget` is that of the archive it comes from (`None`
/// at the top: a gzip file then gets its own, by its compressed `size` when known).
#[allow(clippy::too_many_arguments)]
fn read_stream(
    name: &str,
    r: Box<dyn Read + '_>,
    origin: &str,
    opts: &Options,
    sink: &mut dyn FnMut(Item),
    depth: usize,
    budget: Option<&Budget>,
) {
    let (format, gz) = match Format::from_name(name) {
        Some(x) => (Some(x.0), x.1),
        None => (None, false),
    };
    let reject = |sink: &mut dyn FnMut(Item), reason: String| {
        sink(Item::Rejected {
            origin: origin.to_string(),
            reason,
        })
    };
    let read_failed = |sink: &mut dyn FnMut(Item), reason: String| {
        reject(
            sink,
            if gz {
                format!("gzip: {reason}")
            } else {
                reason
            },
        )
    };
    let own;
    let budget = match budget {
        Some(b) => Some(b),
        None if gz => {
            own = Budget::new(None, opts);
            Some(&own)
        }
        None => None,
    };
    let mut r: Box<dyn Read + '_> = if gz {
        let mut r = BufReader::new(r);
        match std::io::BufRead::fill_buf(&mut r) {
            Ok(head) if head.len() >= 2 && head[..2] != GZIP_MAGIC => {
                return reject(sink, "named .gz but not gzip data (no gzip header)".into())
            }
            Ok(head) if head.len() < 2 => {
                return reject(
                    sink,
                    "named .gz but not gzip data (empty or truncated)".into(),
                )
            }
            Ok(_) => {}
            Err(e) => return reject(sink, io_reason(&e)),
        }
        let gz = flate2::read::MultiGzDecoder::new(r);
        match budget {
            Some(budget) => Box::new(Counted { inner: gz, budget }),
            None => Box::new(gz),
        }
    } else {
        r
    };
    if format == Some(Format::JsonLines) {
        return json::read_jsonl(
            &mut BufReader::with_capacity(1 << 16, r),
            origin,
            opts,
            sink,
        );
    }
    if format == Some(Format::Json) {
        let mut br = BufReader::with_capacity(1 << 16, r);
        match std::io::BufRead::fill_buf(&mut br) {
            Ok(head) if json::streams_as_array(head) => {
                if let Err(e) = json::read_json_array(&mut br, origin, opts, sink) {
                    read_failed(sink, io_reason(&e));
                }
                return;
            }
            Ok(_) => {}
            Err(e) => return reject(sink, io_reason(&e)),
        }
        r = Box::new(br);
    }
    let mut bytes = Vec::new();
    if let Err(reason) = read_bounded(&mut r, &mut bytes, opts.max_file_bytes) {
        return read_failed(sink, reason);
    }
    if format == Some(Format::Zip) {
        if depth >= MAX_ARCHIVE_DEPTH {
            return reject(sink, "archives nested too deeply".into());
        }
        return read_zip(Cursor::new(bytes), origin, opts, sink, depth + 1, budget);
    }
    let decoded = match crate::decode::decode_owned(bytes) {
        Ok(d) => d,
        Err(reason) => return reject(sink, reason),
    };
    if let Some(w) = decoded.warning() {
        opts.warn(origin, w);
    }
    let text = decoded.text;
    let format = format.unwrap_or_else(|| sniff(&text));
    match format {
        Format::Text => sink(item(
            guarded(|| txt::to_article(&text, origin.to_string())),
            origin,
            opts,
        )),
        Format::Html => sink(item(
            guarded(|| html::to_article(&text, origin.to_string(), opts)),
            origin,
            opts,
        )),
        Format::Json => json::read_json(&text, origin, opts, sink),
        // Handled above; listed for exhaustiveness.
        Format::JsonLines | Format::Zip => {}
    }
}

/// Every entry of a known type, in archive order; `__MACOSX/` and `._name` resource forks and
/// entries of unknown types are skipped silently.
///
/// Every entry counts against the archive's [`Budget`] (its own at the top, by the archive's
/// size; its parent's when nested). Once it is spent, the rest of the archive is one rejection
/// and the articles of the entries before stay.
fn read_zip<R: Read + Seek>(
    mut r: R,
    origin: &str,
    opts: &Options,
    sink: &mut dyn FnMut(Item),
    depth: usize,
    budget: Option<&Budget>,
) {
    let own;
    let budget = match budget {
        Some(b) => b,
        None => {
            let size = r.seek(std::io::SeekFrom::End(0)).ok();
            own = Budget::new(size, opts);
            &own
        }
    };
    let mut archive = match zip::ZipArchive::new(r) {
        Ok(a) => a,
        Err(e) => {
            return sink(Item::Rejected {
                origin: origin.to_string(),
                reason: format!("not a readable zip archive: {e}"),
            })
        }
    };
    for i in 0..archive.len() {
        if budget.exhausted() {
            return sink(Item::Rejected {
                origin: format!("{origin}!#{i}"),
                reason: format!(
                    "{} ({} of {} entries skipped)",
                    budget.reason(),
                    archive.len() - i,
                    archive.len()
                ),
            });
        }
        let entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                sink(Item::Rejected {
                    origin: format!("{origin}!#{i}"),
                    reason: format!("zip entry: {e}"),
                });
                continue;
            }
        };
        let name = entry.name().to_string();
        let base = name.rsplit('/').next().unwrap_or_default();
        if entry.is_dir()
            || name.starts_with("__MACOSX/")
            || base.starts_with("._")
            || Format::from_name(base).is_none()
        {
            continue;
        }
        let here = format!("{origin}!{name}");
        if entry.size() > opts.max_file_bytes {
            sink(Item::Rejected {
                origin: here,
                reason: format!("larger than the limit of {} bytes", opts.max_file_bytes),
            });
            continue;
        }
        let entry = Counted {
            inner: entry,
            budget,
        };
        read_stream(
            base,
            Box::new(entry),
            &here,
            opts,
            sink,
            depth,
            Some(budget),
        );
    }
}

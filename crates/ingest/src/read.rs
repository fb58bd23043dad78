//! Dispatch by format, gzip and zip containers, and the public reading entry points.

use std::fs::File;
use std::io::{BufReader, Cursor, ErrorKind, Read, Seek};
use std::path::{Path, PathBuf};

use crate::{html, json, txt, Error, Item, Options};

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
const MAX_DEPTH: usize = 3;

/// A short reason for an I/O error.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::UnexpectedEof => "truncated input (unexpected end of data)".to_string(),
        ErrorKind::NotFound => "file not found".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        ErrorKind::InvalidInput | ErrorKind::InvalidData => format!("corrupt data: {e}"),
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
pub fn read_file(path: &Path, opts: &Options, sink: &mut dyn FnMut(Item)) {
    let origin = path.display().to_string();
    let reject = |sink: &mut dyn FnMut(Item), reason: String| {
        sink(Item::Rejected {
            origin: origin.clone(),
            reason,
        })
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return reject(sink, io_reason(&e)),
    };
    match file.metadata() {
        Ok(m) if m.is_dir() => return reject(sink, "is a directory".into()),
        Ok(m) if m.len() == 0 => return reject(sink, "empty file".into()),
        Err(e) => return reject(sink, io_reason(&e)),
        Ok(_) => {}
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some((Format::Zip, false)) = Format::from_name(&name) {
        return read_zip(file, &origin, opts, sink, 0);
    }
    read_stream(&name, Box::new(file), &origin, opts, sink, 0);
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
    if let Some((Format::Zip, false)) = Format::from_name(name) {
        return read_zip(Cursor::new(bytes), name, opts, sink, 0);
    }
    read_stream(name, Box::new(bytes), name, opts, sink, 0);
}

/// [`walk`](crate::walk) the paths and [`read_file`] each file; a walk error (missing path,
/// unreadable folder) becomes an [`Item::Rejected`] and the walk goes on.
pub fn read_paths(paths: &[PathBuf], opts: &Options, sink: &mut dyn FnMut(Item)) {
    for p in crate::walk(paths) {
        match p {
            Ok(p) => read_file(&p, opts, sink),
            Err(e) => {
                let origin = match &e {
                    Error::Io { path, .. } | Error::Walk { path, .. } => path.clone(),
                    Error::BadSignature(_) => String::new(),
                };
                sink(Item::Rejected {
                    origin,
                    reason: e.to_string(),
                });
            }
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

fn read_stream(
    name: &str,
    r: Box<dyn Read + '_>,
    origin: &str,
    opts: &Options,
    sink: &mut dyn FnMut(Item),
    depth: usize,
) {
    let (format, gz) = match Format::from_name(name) {
        Some(x) => (Some(x.0), x.1),
        None => (None, false),
    };
    let mut r: Box<dyn Read + '_> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(r))
    } else {
        r
    };
    let reject = |sink: &mut dyn FnMut(Item), reason: String| {
        sink(Item::Rejected {
            origin: origin.to_string(),
            reason,
        })
    };
    if format == Some(Format::JsonLines) {
        return json::read_jsonl(
            &mut BufReader::with_capacity(1 << 16, r),
            origin,
            opts,
            sink,
        );
    }
    let mut bytes = Vec::new();
    if let Err(reason) = read_bounded(&mut r, &mut bytes, opts.max_file_bytes) {
        return reject(
            sink,
            if gz {
                format!("gzip: {reason}")
            } else {
                reason
            },
        );
    }
    if format == Some(Format::Zip) {
        if depth >= MAX_DEPTH {
            return reject(sink, "archives nested too deeply".into());
        }
        return read_zip(Cursor::new(bytes), origin, opts, sink, depth + 1);
    }
    let text = match crate::decode::decode(&bytes) {
        Ok(d) => d.text,
        Err(reason) => return reject(sink, reason),
    };
    drop(bytes);
    let format = format.unwrap_or_else(|| sniff(&text));
    let one = |r: Result<crate::Article, String>| match r {
        Ok(a) => Item::Article(a),
        Err(reason) => Item::Rejected {
            origin: origin.to_string(),
            reason,
        },
    };
    match format {
        Format::Text => sink(one(txt::to_article(&text, origin.to_string()))),
        Format::Html => sink(one(html::to_article(&text, origin.to_string()))),
        Format::Json => json::read_json(&text, origin, opts, sink),
        // Handled above; listed for exhaustiveness.
        Format::JsonLines | Format::Zip => {}
    }
}

/// Every entry of a known type, in archive order; `__MACOSX/` and `._name` resource forks and
/// entries of unknown types are skipped silently.
fn read_zip<R: Read + Seek>(
    r: R,
    origin: &str,
    opts: &Options,
    sink: &mut dyn FnMut(Item),
    depth: usize,
) {
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
        read_stream(base, Box::new(entry), &here, opts, sink, depth);
    }
}

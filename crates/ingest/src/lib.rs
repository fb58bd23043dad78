//! khabar ingest: files and streams to [`Article`]s.
//!
//! The first stage of the data flow. It turns folders and files of news into a stream of
//! [`Item`]s: either an [`Article`] or a [`Item::Rejected`] record saying which input (file, archive
//! entry, JSONL line) was skipped and why. Readers never panic on user input and never stop at the
//! first bad record: one broken JSON line is one rejection and the rest of the file proceeds.
//!
//! # Entry points
//! - [`walk`]: expand files and folders (recursively, in a deterministic order) into the files to read.
//! - [`read_file`]: read one file and call a sink once per [`Item`], streaming (a JSONL file of any
//!   size is read line by line; a JSON array is parsed element by element).
//! - [`read_bytes`]: the same over bytes already in memory (stdin, tests, fuzzing).
//! - [`read_paths`]: [`walk`] + [`read_file`], walk errors reported as rejections.
//! - [`dedup`]: exact-duplicate fingerprints and MinHash + LSH near-duplicate detection over the
//!   caller's analysis keys.
//!
//! # Formats
//! Chosen by file extension (case-insensitive), after stripping a `.gz` suffix:
//! - `.txt`: the first non-empty line is the title, the rest the body.
//! - `.html`, `.htm`, `.xhtml`: readability extraction (title, byline, published time, canonical
//!   url), falling back to the plain text of `<body>` when readability finds no article.
//! - `.json`: an object (one article, or an object holding one array of articles), an array of
//!   objects, or several whitespace-separated values.
//! - `.jsonl`, `.ndjson`: one object per line.
//! - `.zip`: every entry of a known type inside it (origin `archive.zip!entry`).
//! - anything else given explicitly is sniffed (`{`/`[` → JSON, `<` → HTML, else text).
//!
//! Text is decoded in this order: a BOM; a UTF-16 NUL pattern; valid UTF-8 is UTF-8; a declared
//! charset (HTML `<meta charset>`, XML declaration); finally `chardetng` detection (Windows-1256,
//! ISO-8859-6, …). Data that still looks binary is rejected.

mod article;
mod date;
mod decode;
pub mod dedup;
mod fields;
mod html;
mod json;
mod read;
mod txt;
mod walk;

pub use article::{content_id, Article};
pub use date::parse_date;
pub use decode::{decode, Decoded};
pub use fields::FieldNames;
pub use html::MAX_HTML_DEPTH;
pub use json::json_kind;
pub use read::{read_bytes, read_file, read_paths, Format, ARCHIVE_RATIO_FLOOR, MAX_ARCHIVE_DEPTH};
pub use txt::split_title;
pub use walk::{is_supported, walk, walk_with};

/// The errors of this crate.
///
/// Reading articles does not return errors (bad input becomes [`Item::Rejected`]); these come from
/// walking paths and from decoding stored dedup data.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path could not be read or listed.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A directory walk failed (permission denied, a symlink loop, …).
    #[error("walking {path}: {message}")]
    Walk { path: String, message: String },
    /// A symbolic link inside a folder that points out of it, not followed (see
    /// [`Options::follow_links`]).
    #[error("{path}: a symbolic link out of the folder (to {target}), not followed (--follow-links follows it)")]
    LinkOutside { path: String, target: String },
    /// A file whose name is not valid UTF-8 (shown with U+FFFD for the bad bytes), not read.
    #[error("{path}: the file name is not valid UTF-8, not read (rename it)")]
    NonUtf8Name { path: String },
    /// Bytes given to [`dedup::Signature::from_bytes`] are not a signature.
    #[error("invalid MinHash signature: {0}")]
    BadSignature(String),
}

impl Error {
    /// The path the error is about, when it is about one.
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::Io { path, .. }
            | Error::Walk { path, .. }
            | Error::LinkOutside { path, .. }
            | Error::NonUtf8Name { path } => Some(path),
            Error::BadSignature(_) => None,
        }
    }
}

/// One output of a reader: an article, or a record of what was skipped and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Article(Article),
    /// An input that produced no article. `origin` has the same form as [`Article::origin`]
    /// (`path`, `path!entry`, `path:line`, `path#index`); `reason` is a short human sentence such
    /// as `"invalid JSON: expected value at line 1 column 1"` or `"empty body"`.
    Rejected {
        origin: String,
        reason: String,
    },
}

/// A problem in an input that did not stop it from being read: the article (or the file's
/// articles) is kept, changed as `message` says (`"decoded as UTF-8 with 1 invalid byte sequence
/// replaced by U+FFFD"`, `"body of 33554432 bytes cut to 1048576 bytes at a paragraph end"`).
/// `origin` has the form of [`Article::origin`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub origin: String,
    pub message: String,
}

/// Where the readers send [`Warning`]s: a callback shared by every reader of one [`Options`]
/// (and the threads it is cloned to). The default drops them.
#[derive(Clone, Default)]
pub struct OnWarning(Option<std::sync::Arc<dyn Fn(Warning) + Send + Sync>>);

impl OnWarning {
    /// Calls `f` with every warning.
    pub fn new(f: impl Fn(Warning) + Send + Sync + 'static) -> OnWarning {
        OnWarning(Some(std::sync::Arc::new(f)))
    }
}

impl std::fmt::Debug for OnWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "OnWarning(callback)"
        } else {
            "OnWarning(none)"
        })
    }
}

/// Default of [`Options::max_file_bytes`]: 512 MiB.
pub const MAX_FILE_BYTES: u64 = 512 << 20;
/// Default of [`Options::max_line_bytes`]: 64 MiB.
pub const MAX_LINE_BYTES: usize = 64 << 20;
/// Default of [`Options::max_article_bytes`]: 1 MiB of body text, about 90,000 Arabic words, ten
/// times the longest article of ANT and SaudiNewsNet.
pub const MAX_ARTICLE_BYTES: usize = 1 << 20;
/// The longest title kept, in bytes (a longer one is cut at a word end, with a warning).
pub const MAX_TITLE_BYTES: usize = 2 << 10;
/// Default of [`Options::max_archive_bytes`]: 2 GiB decompressed per archive given to the ingest.
pub const MAX_ARCHIVE_BYTES: u64 = 2 << 30;
/// Default of [`Options::max_archive_ratio`]: an archive may decompress to at most 200 times its
/// compressed size (news text compresses 4–10 times; a bomb, thousands of times).
pub const MAX_ARCHIVE_RATIO: u64 = 200;

/// How to read inputs. `Options::default()` suits all the formats listed in the crate docs.
/// Every bound is listed, with what happens past it, in `docs/limits.md`.
#[derive(Debug, Clone)]
pub struct Options {
    /// JSON field names; each `Some` overrides the built-in list of common names for that field.
    pub fields: FieldNames,
    /// Files (after decompression) larger than this are rejected, except JSONL, which streams.
    /// Also bounds one zip entry and one JSON document. Default [`MAX_FILE_BYTES`].
    pub max_file_bytes: u64,
    /// A JSONL line longer than this is rejected (and skipped). Default [`MAX_LINE_BYTES`].
    pub max_line_bytes: usize,
    /// A body longer than this is cut at the last paragraph or sentence end before it (else a
    /// word end), with a [`Warning`]; the article is kept. Default [`MAX_ARTICLE_BYTES`].
    pub max_article_bytes: usize,
    /// The decompressed bytes one archive (zip or gzip, with the archives nested in it) may
    /// produce; past it the rest of the archive is rejected and the entries read before are kept.
    /// Default [`MAX_ARCHIVE_BYTES`].
    pub max_archive_bytes: u64,
    /// The most decompressed bytes per compressed byte of an archive, counted as it is read
    /// (after the first MiB); past it, as past `max_archive_bytes`. Default [`MAX_ARCHIVE_RATIO`].
    pub max_archive_ratio: u64,
    /// Follow symbolic links that point out of a folder given to [`walk`]. Default `false`: such
    /// a link is reported and not read (links that stay inside the folder are followed).
    pub follow_links: bool,
    /// Where warnings go (default: dropped).
    pub on_warning: OnWarning,
}

impl Options {
    /// Sends a [`Warning`] to [`Options::on_warning`].
    pub(crate) fn warn(&self, origin: &str, message: String) {
        if let Some(f) = &self.on_warning.0 {
            f(Warning {
                origin: origin.to_string(),
                message,
            });
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            fields: FieldNames::default(),
            max_file_bytes: MAX_FILE_BYTES,
            max_line_bytes: MAX_LINE_BYTES,
            max_article_bytes: MAX_ARTICLE_BYTES,
            max_archive_bytes: MAX_ARCHIVE_BYTES,
            max_archive_ratio: MAX_ARCHIVE_RATIO,
            follow_links: false,
            on_warning: OnWarning::default(),
        }
    }
}

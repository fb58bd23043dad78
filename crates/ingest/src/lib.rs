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
pub use read::{read_bytes, read_file, read_paths, Format};
pub use txt::split_title;
pub use walk::{is_supported, walk};

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
    /// Bytes given to [`dedup::Signature::from_bytes`] are not a signature.
    #[error("invalid MinHash signature: {0}")]
    BadSignature(String),
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

/// How to read inputs. `Options::default()` suits all the formats listed in the crate docs.
#[derive(Debug, Clone)]
pub struct Options {
    /// JSON field names; each `Some` overrides the built-in list of common names for that field.
    pub fields: FieldNames,
    /// Files (after decompression) larger than this are rejected, except JSONL, which streams.
    /// Also bounds one zip entry and one JSON document. Default 512 MiB.
    pub max_file_bytes: u64,
    /// A JSONL line longer than this is rejected (and skipped). Default 64 MiB.
    pub max_line_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            fields: FieldNames::default(),
            max_file_bytes: 512 << 20,
            max_line_bytes: 64 << 20,
        }
    }
}

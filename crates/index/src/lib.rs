//! khabar index: the tantivy index of articles.
//!
//! * [`schema`]: the fields (a normalized field with positions for phrases and highlighting, a
//!   stemmed key field for BM25, title and body each; published time as a fast field; source and
//!   entity facets; the stored text, reading JSON and duplicate marks) and the schema version
//!   stored beside the index ([`schema::MARKER_FILE`]);
//! * [`analysis`]: khabar's analyzer registered as tantivy tokenizers (`khabar_norm`, `khabar_key`);
//! * [`Ingester`]: adds articles in parallel batches with identity (new / updated / unchanged),
//!   exact and near-duplicate marking, commits every `commit_every` articles;
//! * [`Index::search`]: a Lucene-like query syntax ([`query`]), BM25 over the stemmed keys with the
//!   title boosted, duplicates collapsed, snippets of the original text with `<b>` around matches,
//!   facets (sources, entities by type, a date histogram);
//! * [`Index::articles`]: every matching article in doc order, read one at a time (exports);
//! * [`Index::get`], [`Index::stats`], [`Index::top_entities`].
//!
//! ```
//! use khabar_index::{Index, IngestOptions, SearchRequest};
//! use khabar_ingest::Article;
//! let dir = tempfile::tempdir().unwrap();
//! let index = Index::create(dir.path()).unwrap();
//! let mut ing = index.ingester(IngestOptions::default()).unwrap();
//! let a = Article {
//!     id: "1".into(),
//!     title: "قوات روسية في كازاخستان".into(),
//!     body: "وقال بوتين إن القوات الروسية ستنسحب من كازاخستان.".into(),
//!     ..Article::default()
//! };
//! ing.add_batch(vec![a], None).unwrap();
//! ing.finish().unwrap();
//! // The country finds its adjective: الروسية is keyed روسيا.
//! let res = index.search(&SearchRequest::new("روسيا")).unwrap();
//! assert_eq!(res.total, 1);
//! assert!(res.hits[0].snippet.contains("<b>الروسية</b>"));
//! ```

mod aggregate;
pub mod analysis;
mod facets;
mod forward;
pub mod query;
mod scan;
pub mod schema;
mod search;
mod seen;
mod snippet;
mod stored;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use khabar_text::Form;
use tantivy::{IndexReader, ReloadPolicy};

pub use aggregate::{ArticleRef, EntityCount, EntityCounts, EventItem, Events, MAX_EVENT_ARTICLES};
pub use analysis::KhabarTokenizer;
pub use query::{Filter, Syntax};
pub use scan::Articles;
pub use schema::{Fields, SCHEMA_VERSION};
pub use search::{DateBucket, Facets, Hit, SearchRequest, SearchResults, Sort, Stats};
pub use snippet::{html_escape, snippet};
pub use stored::StoredArticle;
pub use writer::{
    entity_term, DupKind, Extractor, Extras, IngestCounts, IngestOptions, Ingester, Outcome, Status,
};

/// The errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}: no khabar index here (create one with `khabar ingest`)")]
    NotFound(PathBuf),
    #[error("{0}: not a khabar index (no {marker} beside the index files)", marker = schema::MARKER_FILE)]
    NotKhabar(PathBuf),
    #[error("{path}: the index has schema version {found}, this khabar reads version {expected}; {advice}")]
    SchemaVersion {
        path: PathBuf,
        found: u32,
        expected: u32,
        advice: &'static str,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}: another process is writing to this index")]
    Locked(PathBuf),
    #[error("{path}: unreadable {file}: {message}", file = schema::MARKER_FILE)]
    Marker { path: PathBuf, message: String },
    /// A query that cannot be read (the message says where and why).
    #[error("query: {0}")]
    Query(String),
    /// A query past one of the bounds on its size ([`query::Limit`]).
    #[error("query: {0}")]
    QueryLimit(query::Limit),
    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An open khabar index.
pub struct Index {
    inner: tantivy::Index,
    fields: Fields,
    reader: IndexReader,
    dir: PathBuf,
    /// The facet tables of the segments last searched ([`facets`]).
    facets: Mutex<Option<Arc<facets::FacetTables>>>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("dir", &self.dir).finish()
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl Index {
    /// Creates a new index in `dir` (created if missing; must not hold an index yet).
    pub fn create(dir: &Path) -> Result<Index> {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let (schema, _) = schema::build();
        let marker =
            serde_json::to_string_pretty(&schema::Marker::current()).expect("marker serializes");
        let inner = tantivy::Index::create_in_dir(dir, schema)?;
        std::fs::write(dir.join(schema::MARKER_FILE), marker + "\n").map_err(io_err(dir))?;
        Index::wrap(inner, dir)
    }

    /// Opens the index in `dir`, refusing an index of another schema version.
    pub fn open(dir: &Path) -> Result<Index> {
        if !dir.join("meta.json").exists() {
            return Err(Error::NotFound(dir.to_path_buf()));
        }
        let marker_path = dir.join(schema::MARKER_FILE);
        let text = match std::fs::read_to_string(&marker_path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NotKhabar(dir.to_path_buf()))
            }
            Err(e) => {
                return Err(Error::Io {
                    path: marker_path,
                    source: e,
                })
            }
        };
        let marker: schema::Marker = serde_json::from_str(&text).map_err(|e| Error::Marker {
            path: dir.to_path_buf(),
            message: e.to_string(),
        })?;
        if marker.format != "khabar-index" {
            return Err(Error::NotKhabar(dir.to_path_buf()));
        }
        if marker.schema_version != SCHEMA_VERSION {
            let advice = if marker.schema_version > SCHEMA_VERSION {
                "it was written by a newer khabar: upgrade khabar"
            } else {
                "it was written by an older khabar: re-ingest the articles into a new index"
            };
            return Err(Error::SchemaVersion {
                path: dir.to_path_buf(),
                found: marker.schema_version,
                expected: SCHEMA_VERSION,
                advice,
            });
        }
        let inner = tantivy::Index::open_in_dir(dir)?;
        let (expected, _) = schema::build();
        if inner.schema() != expected {
            return Err(Error::Marker {
                path: dir.to_path_buf(),
                message: format!(
                    "the index's fields differ from this khabar's schema version {SCHEMA_VERSION}"
                ),
            });
        }
        Index::wrap(inner, dir)
    }

    /// Opens the index in `dir`, or creates it when there is none.
    pub fn open_or_create(dir: &Path) -> Result<Index> {
        if dir.join("meta.json").exists() {
            Index::open(dir)
        } else {
            Index::create(dir)
        }
    }

    fn wrap(inner: tantivy::Index, dir: &Path) -> Result<Index> {
        inner.tokenizers().register(
            schema::TOKENIZER_NORM,
            KhabarTokenizer::analyzer(Form::Norm),
        );
        inner
            .tokenizers()
            .register(schema::TOKENIZER_KEY, KhabarTokenizer::analyzer(Form::Key));
        inner
            .tokenizers()
            .register(schema::TOKENIZER_PRE, analysis::PreAnalyzed::analyzer());
        let (_, fields) = schema::build();
        let reader = inner
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Index {
            inner,
            fields,
            reader,
            dir: dir.to_path_buf(),
            facets: Mutex::new(None),
        })
    }

    /// The directory of the index.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The resolved schema fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The underlying tantivy index.
    pub fn tantivy(&self) -> &tantivy::Index {
        &self.inner
    }

    /// Sees the latest commit (searches see the commit current at open or last reload).
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Total size of the files in the index directory, in bytes.
    pub fn size_bytes(&self) -> u64 {
        std::fs::read_dir(&self.dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok()?.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }
}

/// `articles` in a new index, each read by `extract`, committed one by one (`commit_every: 1`:
/// several segments), the index reloaded.
#[cfg(test)]
pub(crate) fn test_index(
    articles: Vec<khabar_ingest::Article>,
    extract: &Extractor,
) -> (tempfile::TempDir, Index) {
    let dir = tempfile::tempdir().unwrap();
    let index = Index::create(dir.path()).unwrap();
    let mut ing = index
        .ingester(IngestOptions {
            commit_every: 1,
            threads: 1,
            memory_budget: 20 << 20,
            ..IngestOptions::default()
        })
        .unwrap();
    ing.add_batch(articles, Some(extract)).unwrap();
    ing.finish().unwrap();
    index.reload().unwrap();
    (dir, index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_other_schema_versions_with_a_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        drop(Index::create(dir.path()).unwrap());
        assert!(Index::open(dir.path()).is_ok());
        let marker = dir.path().join(schema::MARKER_FILE);
        std::fs::write(&marker, r#"{"format":"khabar-index","schema_version":99}"#).unwrap();
        let msg = Index::open(dir.path()).unwrap_err().to_string();
        assert!(
            msg.contains("schema version 99") && msg.contains("newer khabar"),
            "{msg}"
        );
        std::fs::write(&marker, r#"{"format":"khabar-index","schema_version":0}"#).unwrap();
        let msg = Index::open(dir.path()).unwrap_err().to_string();
        assert!(msg.contains("re-ingest"), "{msg}");
        std::fs::remove_file(&marker).unwrap();
        assert!(matches!(Index::open(dir.path()), Err(Error::NotKhabar(_))));
        let empty = tempfile::tempdir().unwrap();
        assert!(matches!(Index::open(empty.path()), Err(Error::NotFound(_))));
    }
}

//! The index schema: field names, options and the stored schema version.

use tantivy::schema::{
    BytesOptions, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, STORED, STRING,
};

/// The version of the schema this build writes and reads. Bumped whenever fields or their
/// analysis change; an index of another version is refused with [`crate::Error::SchemaVersion`].
pub const SCHEMA_VERSION: u32 = 2;

/// The name of khabar's marker file inside an index directory (beside tantivy's `meta.json`).
pub const MARKER_FILE: &str = "khabar-index.json";

/// Tokenizer name of the normalized, unstemmed form (phrases, highlighting).
pub const TOKENIZER_NORM: &str = "khabar_norm";
/// Tokenizer name of the stemmed search key (BM25 matching).
pub const TOKENIZER_KEY: &str = "khabar_key";
/// Tokenizer of the indexed `*_norm` and `*_key` fields: their values are khabar's analysis
/// already done ([`crate::analysis::analyze_joined`]: forms joined by U+001F), split again by
/// [`crate::analysis::PreAnalyzed`]. (`khabar_norm` and `khabar_key` analyze raw text the same way
/// for other users of the tantivy index.)
pub const TOKENIZER_PRE: &str = "khabar_pre";

/// The fields of the schema, resolved once.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// Identity: raw string, indexed (delete, get) and stored.
    pub id: Field,
    pub url: Field,
    /// The title as written (stored only).
    pub title: Field,
    /// Title, normalized form, with positions (phrases).
    pub title_norm: Field,
    /// Title, stemmed keys (BM25).
    pub title_key: Field,
    /// The body as written (stored only).
    pub body: Field,
    pub body_norm: Field,
    pub body_key: Field,
    /// The source as written (stored).
    pub source: Field,
    /// The source lower-cased, as one raw term (`source:` queries).
    pub source_key: Field,
    /// `/source name` facet.
    pub source_facet: Field,
    /// Publication time, Unix seconds (indexed, stored, fast).
    pub published: Field,
    pub author: Field,
    pub category: Field,
    pub origin: Field,
    /// Entity keys such as `PERS:بوتين` (raw terms, stored).
    pub entity: Field,
    /// `/PERS/بوتين` facets.
    pub entity_facet: Field,
    /// The article's reading as JSON text (stored only).
    pub reading: Field,
    /// The id of the article this one duplicates.
    pub dup_of: Field,
    /// Raw marker terms: `dup` for duplicates.
    pub flags: Field,
    /// Hash of the article's content fields: tells updated from unchanged on re-ingest.
    pub content_hash: Field,
    /// Exact-duplicate fingerprint of the body keys.
    pub fingerprint: Field,
    /// MinHash signature of the body keys (near-duplicates across runs).
    pub minhash: Field,
}

fn text(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    )
}

/// Builds the schema and its [`Fields`].
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stored = || TextOptions::default().set_stored();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        url: b.add_text_field("url", stored()),
        title: b.add_text_field("title", stored()),
        title_norm: b.add_text_field(
            "title_norm",
            text(TOKENIZER_PRE, IndexRecordOption::WithFreqsAndPositions),
        ),
        title_key: b.add_text_field(
            "title_key",
            text(TOKENIZER_PRE, IndexRecordOption::WithFreqs),
        ),
        body: b.add_text_field("body", stored()),
        body_norm: b.add_text_field(
            "body_norm",
            text(TOKENIZER_PRE, IndexRecordOption::WithFreqsAndPositions),
        ),
        body_key: b.add_text_field(
            "body_key",
            text(TOKENIZER_PRE, IndexRecordOption::WithFreqs),
        ),
        source: b.add_text_field("source", stored()),
        source_key: b.add_text_field("source_key", STRING),
        source_facet: b.add_facet_field("source_facet", FacetOptions::default()),
        published: b.add_i64_field(
            "published",
            NumericOptions::default()
                .set_indexed()
                .set_stored()
                .set_fast(),
        ),
        author: b.add_text_field("author", stored()),
        category: b.add_text_field("category", stored()),
        origin: b.add_text_field("origin", stored()),
        entity: b.add_text_field("entity", STRING | STORED),
        entity_facet: b.add_facet_field("entity_facet", FacetOptions::default()),
        reading: b.add_text_field("reading", stored()),
        dup_of: b.add_text_field("dup_of", STRING | STORED),
        flags: b.add_text_field("flags", STRING),
        content_hash: b.add_u64_field("content_hash", NumericOptions::default().set_stored()),
        fingerprint: b.add_u64_field("fingerprint", NumericOptions::default().set_stored()),
        minhash: b.add_bytes_field("minhash", BytesOptions::default().set_stored()),
    };
    (b.build(), fields)
}

/// The contents of [`MARKER_FILE`].
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Marker {
    pub format: String,
    pub schema_version: u32,
}

impl Marker {
    pub fn current() -> Marker {
        Marker {
            format: "khabar-index".to_string(),
            schema_version: SCHEMA_VERSION,
        }
    }
}

//! khabar export: the readings of articles as tables.
//!
//! * [`table`]: the tables ([`Table`]: articles, entities, events, quotes, numbers, dates), the
//!   formats ([`Format`]) and the column model every writer reads (each row type declared once:
//!   its fields are its columns);
//! * [`rows`]: the rows of each table built from an article's metadata ([`ArticleMeta`]) and its
//!   [`Reading`](khabar_extract::Reading) alone, so text that is in no index exports the same
//!   way ([`rows::rows`], [`rows::event_rows`], …);
//! * [`write`]: the writers behind one trait ([`RowWriter`]): JSON Lines, CSV (RFC 4180, lists
//!   joined by `|`), Parquet (typed Arrow columns, a row group per batch), each streaming.
//!
//! The columns, types and rules are documented in `docs/export.md`.
//!
//! ```
//! use khabar_export::{write_article, writer, ArticleMeta, Format, Table};
//! let body = "اعتقلت الشرطة 300 متظاهر في ألماتي.";
//! let reading = khabar_extract::read_article(None, body, None);
//! let meta = ArticleMeta::new("a1", body);
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("events.csv");
//! let out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
//! let mut w = writer(Format::Csv, Table::Events, out).unwrap();
//! let n = write_article(&mut *w, &meta, &reading).unwrap();
//! w.finish().unwrap();
//! assert_eq!(n, reading.events.len());
//! let csv = std::fs::read_to_string(&path).unwrap();
//! assert!(csv.starts_with("event_id,article_id,url,source,published,event_date,"));
//! assert!(csv.contains("a1#0,a1,"));
//! ```

pub mod rows;
pub mod table;
pub mod write;

pub use rows::{
    article_row, date_rows, entity_rows, event_date, event_rows, number_rows, participant_key,
    participant_name, quote_rows, row_id, rows, ArticleMeta, ArticleRow, DateRow, DateSource,
    EntityRow, EventRow, Joined, NumberRow, QuoteRow, Rows,
};
pub use table::{Column, Format, Kind, Record, Table, Value};
pub use write::{
    arrow_schema, join_list, split_list, writer, CsvWriter, JsonlWriter, ParquetWriter, RowWriter,
    BATCH_BYTES, BATCH_ROWS,
};

use khabar_extract::Reading;

/// The version of the export's tables (their columns and their meaning); bumped on incompatible
/// changes, written in each Parquet file's metadata (`khabar.export_version`).
pub const EXPORT_VERSION: u32 = 1;

/// The errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("unknown table {0:?} (the tables: {names})", names = names(Table::ALL.iter().map(|t| t.as_str())))]
    UnknownTable(String),
    #[error("unknown format {0:?} (the formats: {names})", names = names(Format::ALL.iter().map(|f| f.as_str())))]
    UnknownFormat(String),
    /// A row of one table given to the writer of another.
    #[error("a row of the {row} table given to the writer of the {writer} table")]
    WrongTable { writer: Table, row: Table },
    /// Values that do not fit the table's columns.
    #[error("{table}: a row that does not fit the columns: {message}")]
    Row { table: Table, message: String },
    #[error("writing: {0}")]
    Io(#[from] std::io::Error),
    #[error("csv: {0}")]
    Csv(#[source] csv::Error),
    #[error("json: {0}")]
    Json(#[source] serde_json::Error),
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    #[error("arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
}

fn names<'a>(it: impl Iterator<Item = &'a str>) -> String {
    it.collect::<Vec<_>>().join(", ")
}

/// An I/O error inside is an [`Error::Io`] (so a broken pipe is seen as one).
impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Error {
        if !e.is_io_error() {
            return Error::Csv(e);
        }
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::Io(io),
            kind => Error::Io(std::io::Error::other(format!("{kind:?}"))),
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        if e.is_io() {
            Error::Io(e.into())
        } else {
            Error::Json(e)
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Writes the rows of the writer's table for one article ([`rows::rows`]); returns how many.
pub fn write_article(
    w: &mut dyn RowWriter,
    meta: &ArticleMeta<'_>,
    reading: &Reading,
) -> Result<usize> {
    fn all<R: Record>(w: &mut dyn RowWriter, rows: &[R]) -> Result<usize> {
        for r in rows {
            w.write(r)?;
        }
        Ok(rows.len())
    }
    match rows::rows(meta, reading, w.table()) {
        Rows::Articles(r) => all(w, &r),
        Rows::Entities(r) => all(w, &r),
        Rows::Events(r) => all(w, &r),
        Rows::Quotes(r) => all(w, &r),
        Rows::Numbers(r) => all(w, &r),
        Rows::Dates(r) => all(w, &r),
    }
}

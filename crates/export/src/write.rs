//! The writers, behind one trait ([`RowWriter`]): JSON Lines, CSV and Parquet. Each takes a row
//! at a time and keeps at most one batch of rows ([`BATCH_ROWS`], [`BATCH_BYTES`]) before
//! writing it out, so an export's memory does not grow with its size.

use std::borrow::Cow;
use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, ListBuilder,
    StringBuilder, TimestampMillisecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use chrono::{DateTime, SecondsFormat};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use serde::ser::{SerializeMap, Serializer};

use crate::table::{date_of_days, Column, Format, Kind, Record, Table, Value};
use crate::{Error, Result, EXPORT_VERSION};

/// Rows per batch: a Parquet row group, a buffer of CSV or JSON Lines.
pub const BATCH_ROWS: usize = 8192;
/// A batch is written once its values hold about this many bytes, even with fewer rows.
pub const BATCH_BYTES: usize = 32 << 20;

/// The name of a list item in the Arrow schema (`List<Utf8>`; items are never null).
const LIST_ITEM: &str = "item";

/// A writer of one table's rows.
pub trait RowWriter {
    /// The table it writes.
    fn table(&self) -> Table;
    /// Writes one row: its values in column order (checked against the columns).
    fn write_values(&mut self, values: &[Value<'_>]) -> Result<()>;
    /// Writes what is buffered and ends the output (a Parquet file's footer); the output is
    /// complete only after this.
    fn finish(self: Box<Self>) -> Result<()>;
}

impl dyn RowWriter + '_ {
    /// Writes one typed row; a row of another table is an error.
    pub fn write<R: Record>(&mut self, row: &R) -> Result<()> {
        if R::TABLE != self.table() {
            return Err(Error::WrongTable {
                writer: self.table(),
                row: R::TABLE,
            });
        }
        let mut values = Vec::with_capacity(R::COLUMNS.len());
        row.values(&mut values);
        self.write_values(&values)
    }
}

/// A writer of `table` in `format` to `out`. Give it a buffered `out` (a file in a
/// `BufWriter`): the CSV and JSON Lines writers write each row to it as it comes.
pub fn writer<W: Write + Send + 'static>(
    format: Format,
    table: Table,
    out: W,
) -> Result<Box<dyn RowWriter>> {
    Ok(match format {
        Format::Jsonl => Box::new(JsonlWriter::new(table, out)),
        Format::Csv => Box::new(CsvWriter::new(table, out)?),
        Format::Parquet => Box::new(ParquetWriter::new(table, out)?),
    })
}

/// Checks a row against the columns: as many values, each of its column's kind, no null in a
/// column that takes none.
fn check(table: Table, values: &[Value<'_>]) -> Result<()> {
    let cols = table.columns();
    if values.len() != cols.len() {
        return Err(Error::Row {
            table,
            message: format!("{} values for {} columns", values.len(), cols.len()),
        });
    }
    for (v, c) in values.iter().zip(cols) {
        if !v.fits(c.kind) || (!c.nullable && *v == Value::Null) {
            return Err(Error::Row {
                table,
                message: format!("{:?} in column {} ({})", v, c.name, c.kind.as_str()),
            });
        }
    }
    Ok(())
}

/// RFC 3339 in UTC of milliseconds since the epoch (`2022-01-10T08:00:00Z`; milliseconds shown
/// only when there are some).
fn timestamp_text(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
        .unwrap_or_default()
}

fn date_text(days: i32) -> String {
    date_of_days(days)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A list in one CSV field: the items joined by `|`, a `|` or `\` inside an item escaped with
/// `\` (so the field splits back on unescaped `|`).
pub fn join_list(items: &[Cow<'_, str>]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        for c in item.chars() {
            if c == '|' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A CSV list field split back into its items ([`join_list`]'s inverse; an empty field is an
/// empty list).
pub fn split_list(field: &str) -> Vec<String> {
    if field.is_empty() {
        return Vec::new();
    }
    let mut out = vec![String::new()];
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    out.last_mut().expect("one item").push(n);
                }
            }
            '|' => out.push(String::new()),
            c => out.last_mut().expect("one item").push(c),
        }
    }
    out
}

/// JSON Lines: one object per row, keys in column order; null as `null`, timestamps and dates
/// as RFC 3339 / ISO strings, lists as arrays.
pub struct JsonlWriter<W: Write> {
    table: Table,
    out: W,
    tagged: bool,
}

impl<W: Write> JsonlWriter<W> {
    pub fn new(table: Table, out: W) -> JsonlWriter<W> {
        JsonlWriter {
            table,
            out,
            tagged: false,
        }
    }

    /// Rows that start with `"table": "<name>"`, for a stream that mixes tables
    /// (`khabar analyze --jsonl --flat events,quotes`).
    pub fn tagged(table: Table, out: W) -> JsonlWriter<W> {
        JsonlWriter {
            tagged: true,
            ..JsonlWriter::new(table, out)
        }
    }
}

/// A row as a JSON object.
struct JsonRow<'v, 'r> {
    tag: Option<&'static str>,
    cols: &'static [Column],
    values: &'v [Value<'r>],
}

impl serde::Serialize for JsonRow<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.cols.len() + usize::from(self.tag.is_some())))?;
        if let Some(tag) = self.tag {
            map.serialize_entry("table", tag)?;
        }
        for (c, v) in self.cols.iter().zip(self.values) {
            match v {
                Value::Null => map.serialize_entry(c.name, &())?,
                Value::Str(x) => map.serialize_entry(c.name, x)?,
                Value::Int(x) => map.serialize_entry(c.name, x)?,
                Value::Float(x) => map.serialize_entry(c.name, x)?,
                Value::Bool(x) => map.serialize_entry(c.name, x)?,
                Value::Timestamp(ms) => map.serialize_entry(c.name, &timestamp_text(*ms))?,
                Value::Date(d) => map.serialize_entry(c.name, &date_text(*d))?,
                Value::List(items) => map.serialize_entry(c.name, items)?,
            }
        }
        map.end()
    }
}

impl<W: Write> RowWriter for JsonlWriter<W> {
    fn table(&self) -> Table {
        self.table
    }

    fn write_values(&mut self, values: &[Value<'_>]) -> Result<()> {
        check(self.table, values)?;
        let row = JsonRow {
            tag: self.tagged.then(|| self.table.as_str()),
            cols: self.table.columns(),
            values,
        };
        serde_json::to_writer(&mut self.out, &row)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// CSV (RFC 4180: CRLF line ends, a field with a comma, a quote or a line break quoted, quotes
/// doubled) with a header of the column names. Null is an empty field; lists are joined by `|`
/// ([`join_list`]); timestamps RFC 3339, dates `YYYY-MM-DD`, booleans `true`/`false`.
pub struct CsvWriter<W: Write> {
    table: Table,
    out: csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    /// A CSV writer; the header is written at once.
    pub fn new(table: Table, out: W) -> Result<CsvWriter<W>> {
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        out.write_record(table.columns().iter().map(|c| c.name))?;
        Ok(CsvWriter { table, out })
    }
}

impl<W: Write> RowWriter for CsvWriter<W> {
    fn table(&self) -> Table {
        self.table
    }

    fn write_values(&mut self, values: &[Value<'_>]) -> Result<()> {
        check(self.table, values)?;
        for v in values {
            let field: Cow<str> = match v {
                Value::Null => Cow::Borrowed(""),
                Value::Str(s) => Cow::Borrowed(s),
                Value::Int(x) => Cow::Owned(x.to_string()),
                Value::Float(x) => Cow::Owned(x.to_string()),
                Value::Bool(x) => Cow::Borrowed(if *x { "true" } else { "false" }),
                Value::Timestamp(ms) => Cow::Owned(timestamp_text(*ms)),
                Value::Date(d) => Cow::Owned(date_text(*d)),
                Value::List(items) => Cow::Owned(join_list(items)),
            };
            self.out.write_field(field.as_bytes())?;
        }
        self.out.write_record(None::<&[u8]>)?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// The Arrow type of a column kind.
fn data_type(kind: Kind) -> DataType {
    match kind {
        Kind::Utf8 => DataType::Utf8,
        Kind::Int64 => DataType::Int64,
        Kind::Float64 => DataType::Float64,
        Kind::Boolean => DataType::Boolean,
        Kind::Timestamp => DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into())),
        Kind::Date32 => DataType::Date32,
        Kind::ListUtf8 => DataType::List(Arc::new(Field::new(LIST_ITEM, DataType::Utf8, false))),
    }
}

/// The Arrow schema of a table: one field per column, its type and nullability.
pub fn arrow_schema(table: Table) -> Schema {
    Schema::new(
        table
            .columns()
            .iter()
            .map(|c| Field::new(c.name, data_type(c.kind), c.nullable))
            .collect::<Vec<_>>(),
    )
}

/// The builder of one column.
enum Builder {
    Utf8(StringBuilder),
    Int64(Int64Builder),
    Float64(Float64Builder),
    Boolean(BooleanBuilder),
    Timestamp(TimestampMillisecondBuilder),
    Date32(Date32Builder),
    List(ListBuilder<StringBuilder>),
}

impl Builder {
    fn new(kind: Kind) -> Builder {
        match kind {
            Kind::Utf8 => Builder::Utf8(StringBuilder::new()),
            Kind::Int64 => Builder::Int64(Int64Builder::new()),
            Kind::Float64 => Builder::Float64(Float64Builder::new()),
            Kind::Boolean => Builder::Boolean(BooleanBuilder::new()),
            Kind::Timestamp => {
                Builder::Timestamp(TimestampMillisecondBuilder::new().with_timezone("UTC"))
            }
            Kind::Date32 => Builder::Date32(Date32Builder::new()),
            Kind::ListUtf8 => Builder::List(
                ListBuilder::new(StringBuilder::new()).with_field(Arc::new(Field::new(
                    LIST_ITEM,
                    DataType::Utf8,
                    false,
                ))),
            ),
        }
    }

    /// Appends a value (checked to fit the column); returns about how many bytes it holds.
    fn append(&mut self, v: &Value<'_>) -> usize {
        match (self, v) {
            (Builder::Utf8(b), Value::Str(s)) => {
                b.append_value(s);
                s.len() + 4
            }
            (Builder::Utf8(b), _) => {
                b.append_null();
                4
            }
            (Builder::Int64(b), Value::Int(x)) => {
                b.append_value(*x);
                8
            }
            (Builder::Int64(b), _) => {
                b.append_null();
                8
            }
            (Builder::Float64(b), Value::Float(x)) => {
                b.append_value(*x);
                8
            }
            (Builder::Float64(b), _) => {
                b.append_null();
                8
            }
            (Builder::Boolean(b), Value::Bool(x)) => {
                b.append_value(*x);
                1
            }
            (Builder::Boolean(b), _) => {
                b.append_null();
                1
            }
            (Builder::Timestamp(b), Value::Timestamp(x)) => {
                b.append_value(*x);
                8
            }
            (Builder::Timestamp(b), _) => {
                b.append_null();
                8
            }
            (Builder::Date32(b), Value::Date(x)) => {
                b.append_value(*x);
                4
            }
            (Builder::Date32(b), _) => {
                b.append_null();
                4
            }
            (Builder::List(b), Value::List(items)) => {
                let mut n = 4;
                for s in items.iter() {
                    b.values().append_value(s);
                    n += s.len() + 4;
                }
                b.append(true);
                n
            }
            (Builder::List(b), _) => {
                b.append_null();
                4
            }
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Utf8(b) => Arc::new(b.finish()),
            Builder::Int64(b) => Arc::new(b.finish()),
            Builder::Float64(b) => Arc::new(b.finish()),
            Builder::Boolean(b) => Arc::new(b.finish()),
            Builder::Timestamp(b) => Arc::new(b.finish()),
            Builder::Date32(b) => Arc::new(b.finish()),
            Builder::List(b) => Arc::new(b.finish()),
        }
    }

    fn len(&self) -> usize {
        match self {
            Builder::Utf8(b) => b.len(),
            Builder::Int64(b) => b.len(),
            Builder::Float64(b) => b.len(),
            Builder::Boolean(b) => b.len(),
            Builder::Timestamp(b) => b.len(),
            Builder::Date32(b) => b.len(),
            Builder::List(b) => b.len(),
        }
    }
}

/// Apache Parquet with the table's Arrow schema ([`arrow_schema`]), Snappy-compressed, one row
/// group per [`BATCH_ROWS`] rows (or [`BATCH_BYTES`]). The file's key-value metadata names the
/// table (`khabar.table`) and the export format version (`khabar.export_version`). It writes
/// forward only (no seek), so `out` may be a pipe.
pub struct ParquetWriter<W: Write + Send> {
    table: Table,
    schema: Arc<Schema>,
    builders: Vec<Builder>,
    bytes: usize,
    out: ArrowWriter<W>,
}

impl<W: Write + Send> ParquetWriter<W> {
    pub fn new(table: Table, out: W) -> Result<ParquetWriter<W>> {
        let schema = Arc::new(arrow_schema(table));
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(BATCH_ROWS))
            .set_key_value_metadata(Some(vec![
                KeyValue::new("khabar.table".into(), table.as_str().to_string()),
                KeyValue::new("khabar.export_version".into(), EXPORT_VERSION.to_string()),
            ]))
            .build();
        let out = ArrowWriter::try_new(out, schema.clone(), Some(props))?;
        Ok(ParquetWriter {
            table,
            builders: table
                .columns()
                .iter()
                .map(|c| Builder::new(c.kind))
                .collect(),
            schema,
            bytes: 0,
            out,
        })
    }

    /// Writes the buffered rows as one row group.
    fn flush_batch(&mut self) -> Result<()> {
        if self.builders.first().is_none_or(|b| b.len() == 0) {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)?;
        self.out.write(&batch)?;
        self.out.flush()?;
        self.bytes = 0;
        Ok(())
    }
}

impl<W: Write + Send> RowWriter for ParquetWriter<W> {
    fn table(&self) -> Table {
        self.table
    }

    fn write_values(&mut self, values: &[Value<'_>]) -> Result<()> {
        check(self.table, values)?;
        for (b, v) in self.builders.iter_mut().zip(values) {
            self.bytes += b.append(v);
        }
        let rows = self.builders.first().map_or(0, Builder::len);
        if rows >= BATCH_ROWS || self.bytes >= BATCH_BYTES {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.flush_batch()?;
        let mut out = self.out.into_inner()?;
        out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_join_and_split_back() {
        let items: Vec<Cow<str>> = vec!["future".into(), "a|b".into(), "c\\d".into(), "".into()];
        let field = join_list(&items);
        assert_eq!(field, "future|a\\|b|c\\\\d|");
        assert_eq!(split_list(&field), ["future", "a|b", "c\\d", ""]);
        assert!(split_list("").is_empty());
        assert_eq!(split_list("الشرطة"), ["الشرطة"]);
    }

    #[test]
    fn a_row_that_does_not_fit_is_an_error() {
        let mut w = writer(Format::Csv, Table::Dates, Vec::new()).unwrap();
        assert!(matches!(
            w.write_values(&[Value::Int(1)]),
            Err(Error::Row { .. })
        ));
        let n = Table::Dates.columns().len();
        // A null id (the first column takes none).
        let nulls = vec![Value::Null; n];
        assert!(matches!(w.write_values(&nulls), Err(Error::Row { .. })));
    }

    #[test]
    fn timestamps_are_rfc3339_in_utc() {
        assert_eq!(timestamp_text(1_641_801_600_000), "2022-01-10T08:00:00Z");
        assert_eq!(
            timestamp_text(1_641_801_600_250),
            "2022-01-10T08:00:00.250Z"
        );
        assert_eq!(date_text(19002), "2022-01-10");
    }
}

//! Every table in every format from an index of real Arabic news (the bundled ANT article and
//! the CSTO articles of `crates/server/tests/fixtures/news.jsonl`), read back with the csv and
//! parquet crates: the rows agree across formats and with the readings, the CSV header and the
//! Parquet schema are the documented columns (`docs/export.md`), and a field with a comma, a
//! quote or a line break is quoted as RFC 4180 says.

use std::borrow::Cow;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int64Type, TimestampMillisecondType};
use arrow_array::Array;
use khabar_export::{
    arrow_schema, split_list, write_article, writer, ArticleMeta, Format, Kind, Table,
};
use khabar_index::{Extras, Index, SearchRequest, StoredArticle};
use khabar_ingest::Article;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

#[path = "../../../tests/support/news_index.rs"]
mod news_index;

/// An index of the fixture articles, each with its reading stored, as `khabar ingest` makes it.
fn index() -> (tempfile::TempDir, Index) {
    let extract = |a: &Article| {
        let date = a.published.and_then(khabar_extract::date_of_timestamp);
        Extras::from_reading(khabar_extract::read_article(Some(&a.title), &a.body, date))
    };
    news_index::news_index(Some(&extract))
}

fn all(index: &Index) -> Vec<StoredArticle> {
    let mut req = SearchRequest::new("");
    req.duplicates = true;
    index
        .articles(&req)
        .unwrap()
        .map(|a| a.unwrap().with_reading())
        .collect()
}

/// How many rows a table has for these articles, from their readings.
fn expected_rows(articles: &[StoredArticle], table: Table) -> usize {
    articles
        .iter()
        .map(|a| {
            let r = a.reading.as_ref().unwrap();
            match table {
                Table::Articles => 1,
                Table::Entities => r.entities.len(),
                Table::Events => r.events.len(),
                Table::Quotes => r.quotes.len(),
                Table::Numbers => r.numbers.len(),
                Table::Dates => r.dates.len(),
            }
        })
        .sum()
}

/// Writes a table of these articles to a file; returns the rows written.
fn export(articles: &[StoredArticle], table: Table, format: Format, path: &Path) -> usize {
    let out = BufWriter::new(File::create(path).unwrap());
    let mut w = writer(format, table, out).unwrap();
    let mut n = 0;
    for a in articles {
        n += write_article(&mut *w, &ArticleMeta::of(a), a.reading.as_ref().unwrap()).unwrap();
    }
    w.finish().unwrap();
    n
}

fn names(table: Table) -> Vec<&'static str> {
    table.columns().iter().map(|c| c.name).collect()
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r.records().map(|x| x.unwrap()).collect();
    (header, rows)
}

fn read_jsonl(path: &Path) -> Vec<serde_json::Map<String, serde_json::Value>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| match serde_json::from_str(l).unwrap() {
            serde_json::Value::Object(m) => m,
            v => panic!("not an object: {v}"),
        })
        .collect()
}

fn read_parquet(path: &Path) -> (arrow_schema::SchemaRef, Vec<arrow_array::RecordBatch>) {
    let b = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap();
    let kv = b.metadata().file_metadata().key_value_metadata().cloned();
    let kv = kv.unwrap_or_default();
    assert!(kv
        .iter()
        .any(|k| k.key == "khabar.export_version" && k.value.as_deref() == Some("1")));
    let schema = b.schema().clone();
    let batches = b.build().unwrap().map(|b| b.unwrap()).collect();
    (schema, batches)
}

#[test]
fn every_table_in_every_format_reads_back_with_the_documented_columns() {
    let (_dir, index) = index();
    let articles = all(&index);
    assert_eq!(articles.len(), 6);
    let out = tempfile::tempdir().unwrap();
    for &table in Table::ALL {
        let want = expected_rows(&articles, table);
        assert!(want > 0, "{table}: the fixture has rows");
        let [jsonl, csv, parquet] = [Format::Jsonl, Format::Csv, Format::Parquet].map(|f| {
            let p = out.path().join(format!("{table}.{f}"));
            assert_eq!(export(&articles, table, f, &p), want, "{table} {f}");
            p
        });

        let rows = read_jsonl(&jsonl);
        assert_eq!(rows.len(), want, "{table} jsonl");
        for (r, line) in rows
            .iter()
            .zip(std::fs::read_to_string(&jsonl).unwrap().lines())
        {
            let mut keys: Vec<&str> = r.keys().map(String::as_str).collect();
            let mut cols = names(table);
            keys.sort();
            cols.sort();
            assert_eq!(keys, cols, "{table}: one key per column");
            // In column order.
            let mut at = 0;
            for name in names(table) {
                let found = line[at..].find(&format!("\"{name}\":"));
                at += found.unwrap_or_else(|| panic!("{table}: {name} out of order in {line}"));
            }
        }

        let (header, records) = read_csv(&csv);
        assert_eq!(
            header,
            names(table),
            "{table}: the CSV header is the columns"
        );
        assert_eq!(records.len(), want, "{table} csv");
        assert!(std::fs::read(&csv).unwrap().ends_with(b"\r\n"));

        let (schema, batches) = read_parquet(&parquet);
        // The schema as written: the documented types and nullability (Arrow metadata aside).
        let fields: Vec<_> = schema.fields().iter().map(|f| f.as_ref().clone()).collect();
        let want_fields: Vec<_> = arrow_schema(table)
            .fields()
            .iter()
            .map(|f| f.as_ref().clone())
            .collect();
        assert_eq!(fields, want_fields, "{table}");
        assert_eq!(
            batches.iter().map(|b| b.num_rows()).sum::<usize>(),
            want,
            "{table} parquet"
        );

        // The same first column (the row id) in the three formats, in the same order.
        let ids_json: Vec<&str> = rows
            .iter()
            .map(|r| r[names(table)[0]].as_str().unwrap())
            .collect();
        let ids_csv: Vec<&str> = records.iter().map(|r| &r[0]).collect();
        let ids_pq: Vec<String> = batches
            .iter()
            .flat_map(|b| {
                let a = b.column(0).as_string::<i32>().clone();
                (0..a.len()).map(move |i| a.value(i).to_string())
            })
            .collect();
        assert_eq!(ids_json, ids_csv, "{table}");
        assert_eq!(ids_csv, ids_pq, "{table}");
        let mut unique = ids_csv.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), want, "{table}: row ids are unique");

        // A null is an empty CSV field, JSON null and a Parquet null; every column agrees.
        for (i, col) in table.columns().iter().enumerate() {
            let nulls_json = rows.iter().filter(|r| r[col.name].is_null()).count();
            let nulls_pq: usize = batches.iter().map(|b| b.column(i).null_count()).sum();
            assert_eq!(nulls_json, nulls_pq, "{table}.{}", col.name);
            if !col.nullable {
                assert_eq!(nulls_pq, 0, "{table}.{}", col.name);
            }
        }
    }
}

#[test]
fn event_rows_are_what_the_reading_says_in_every_format() {
    let (_dir, index) = index();
    let articles = all(&index);
    let out = tempfile::tempdir().unwrap();
    let (csv, parquet) = (out.path().join("e.csv"), out.path().join("e.parquet"));
    export(&articles, Table::Events, Format::Csv, &csv);
    export(&articles, Table::Events, Format::Parquet, &parquet);
    let (header, records) = read_csv(&csv);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let events: Vec<(&StoredArticle, &khabar_extract::events::Event)> = articles
        .iter()
        .flat_map(|a| {
            a.reading
                .as_ref()
                .unwrap()
                .events
                .iter()
                .map(move |e| (a, e))
        })
        .collect();
    assert_eq!(records.len(), events.len());
    for (r, (a, e)) in records.iter().zip(&events) {
        assert_eq!(&r[col("article_id")], a.id);
        assert_eq!(&r[col("event_type")], e.event_type.as_str());
        assert_eq!(&r[col("trigger")], e.trigger);
        let (s, t) = (
            r[col("trigger_start")].parse::<usize>().unwrap(),
            r[col("trigger_end")].parse::<usize>().unwrap(),
        );
        assert_eq!(
            &a.body[s..t],
            e.trigger,
            "spans are byte offsets into the body"
        );
        assert_eq!(split_list(&r[col("context")]), e.context);
        // The date: the reading's day, else the publication day, and which it is.
        let published = a.published.as_deref().map(|p| &p[..10]);
        match &r[col("date_source")] {
            "text" => assert_eq!(Some(&r[col("event_date")]), e.date.as_deref()),
            "published" => assert_eq!(Some(&r[col("event_date")]), published),
            "" => assert_eq!((&r[col("event_date")], published), ("", None)),
            other => panic!("date_source {other:?}"),
        }
        let sentence = &r[col("sentence")];
        let (ss, se) = (
            r[col("sentence_start")].parse::<usize>().unwrap(),
            r[col("sentence_end")].parse::<usize>().unwrap(),
        );
        assert_eq!(&a.body[ss..se], sentence);
        assert_eq!(e.actor.is_some(), !r[col("actor_key")].is_empty());
    }
    assert!(records
        .iter()
        .any(|r| &r[col("date_source")] == "published"));

    // Parquet: the typed values of the same rows.
    let (schema, batches) = read_parquet(&parquet);
    let idx = |name: &str| schema.index_of(name).unwrap();
    let mut n = 0;
    for b in &batches {
        let published = b
            .column(idx("published"))
            .as_primitive::<TimestampMillisecondType>();
        let day = b.column(idx("event_date")).as_primitive::<Date32Type>();
        let start = b.column(idx("trigger_start")).as_primitive::<Int64Type>();
        let context = b.column(idx("context")).as_list::<i32>();
        for i in 0..b.num_rows() {
            let (a, e) = events[n];
            match a.published.as_deref() {
                Some(p) => {
                    let p = chrono::DateTime::parse_from_rfc3339(p).unwrap();
                    assert_eq!(published.value(i), p.timestamp_millis());
                }
                None => assert!(published.is_null(i)),
            }
            let d = day.is_valid(i).then(|| day.value_as_date(i).unwrap());
            let d = d
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            assert_eq!(d, records[n][col("event_date")]);
            assert_eq!(start.value(i) as usize, e.start);
            let items = context.value(i);
            let items = items.as_string::<i32>();
            let got: Vec<&str> = (0..items.len()).map(|k| items.value(k)).collect();
            assert_eq!(got, e.context);
            n += 1;
        }
    }
    assert_eq!(n, events.len());
}

#[test]
fn a_field_with_a_comma_a_quote_or_a_line_break_is_quoted() {
    let body = "اعتقلت الشرطة 300 متظاهر في ألماتي.";
    let reading = khabar_extract::read_article(None, body, None);
    let title = "قال: \"لن ننسحب\", ثم\nغادر";
    let source = "Kazinform, العربية";
    let meta = ArticleMeta {
        title,
        source: Some(source),
        url: Some("https://example.com/a?x=1,2"),
        ..ArticleMeta::new("a,\"1\"", body)
    };
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("a.csv");
    let w = BufWriter::new(File::create(&path).unwrap());
    let mut w = writer(Format::Csv, Table::Articles, w).unwrap();
    write_article(&mut *w, &meta, &reading).unwrap();
    w.finish().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("\"a,\"\"1\"\"\",\"https://example.com/a?x=1,2\",\"Kazinform, العربية\",,\"قال: \"\"لن ننسحب\"\", ثم\nغادر\""),
        "{text}"
    );
    let (_, rows) = read_csv(&path);
    assert_eq!(rows.len(), 1);
    let c = |name: &str| {
        names(Table::Articles)
            .iter()
            .position(|n| *n == name)
            .unwrap()
    };
    assert_eq!(&rows[0][c("article_id")], "a,\"1\"");
    assert_eq!(&rows[0][c("title")], title);
    assert_eq!(&rows[0][c("source")], source);
    assert_eq!(&rows[0][c("published")], "", "null is an empty field");
    let keywords: Vec<Cow<str>> = reading
        .keywords
        .iter()
        .map(|k| k.text.as_str().into())
        .collect();
    assert_eq!(split_list(&rows[0][c("keywords")]), keywords);
}

/// `docs/export.md` documents every column of every table: its name, its type and whether it
/// may be null, in order (one table per `### <table>` section).
#[test]
fn the_documentation_lists_the_columns() {
    let doc = std::fs::read_to_string(repo("docs/export.md")).unwrap();
    for &table in Table::ALL {
        let head = format!("### `{table}`");
        let at = doc
            .find(&head)
            .unwrap_or_else(|| panic!("no section {head}"));
        let section = &doc[at + head.len()..];
        // To the next heading.
        let section = &section[..section.find("\n#").unwrap_or(section.len())];
        let documented: Vec<(String, String, String)> = section
            .lines()
            .filter(|l| l.starts_with("| `"))
            .map(|l| {
                let cells: Vec<&str> = l.split(" | ").collect();
                (
                    cells[0]
                        .trim_start_matches("| ")
                        .trim_matches('`')
                        .to_string(),
                    cells[1].to_string(),
                    cells[2].to_string(),
                )
            })
            .collect();
        let want: Vec<(String, String, String)> = table
            .columns()
            .iter()
            .map(|c| {
                (
                    c.name.to_string(),
                    c.kind.as_str().to_string(),
                    if c.nullable { "yes" } else { "no" }.to_string(),
                )
            })
            .collect();
        if documented != want {
            let rows: Vec<String> = table
                .columns()
                .iter()
                .map(|c| {
                    format!(
                        "| `{}` | {} | {} | {} |",
                        c.name,
                        c.kind.as_str(),
                        if c.nullable { "yes" } else { "no" },
                        c.doc.trim().replace("\n", " ")
                    )
                })
                .collect();
            panic!(
                "docs/export.md, {head}: the columns differ from the code; they are:\n| column | type | null | what |\n|---|---|---|---|\n{}",
                rows.join("\n")
            );
        }
    }
    for kind in [Kind::Timestamp, Kind::Date32, Kind::ListUtf8] {
        assert!(doc.contains(kind.as_str()));
    }
}

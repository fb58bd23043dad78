//! `khabar export` as a user runs it, on an index of real Arabic news (the bundled ANT article
//! and the CSTO articles of the server's fixture; under `../shared`, the first 400 articles of
//! ANT too): every table in every format, the rows agreeing across formats and with the stored
//! readings, a query and dates narrowing, usage errors exit 2, a missing index exits 1.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use khabar_index::{Index, SearchRequest};

#[path = "../../../tests/support/shared_data.rs"]
mod shared_data;

#[path = "../../../tests/support/news_index.rs"]
#[allow(dead_code)] // the files only: the binary ingests them
mod news_index;

const TABLES: [&str; 6] = [
    "articles", "entities", "events", "quotes", "numbers", "dates",
];
const FORMATS: [&str; 3] = ["jsonl", "csv", "parquet"];

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

fn khabar(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(args)
        .output()
        .expect("khabar runs")
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `khabar export --index index --table table --format format` and `extra`.
fn export(index: &Path, table: &str, format: &str, extra: &[&str]) -> Output {
    let idx = index.to_str().unwrap();
    let mut args = vec![
        "export", "--index", idx, "--table", table, "--format", format,
    ];
    args.extend(extra);
    khabar(&args)
}

/// `khabar ingest` of `inputs` into `dir/idx`.
fn ingest(dir: &Path, inputs: &[&Path], extra: &[&str]) -> PathBuf {
    let index = dir.join("idx");
    let mut args: Vec<&str> = vec!["ingest", "--quiet", "--index", index.to_str().unwrap()];
    args.extend(extra);
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    ok(&khabar(&args));
    index
}

/// The fixture news (`tests/support/news_index.rs`) ingested by `khabar ingest`.
fn news(dir: &Path) -> PathBuf {
    let files: Vec<PathBuf> = news_index::NEWS_FILES.iter().map(|f| repo(f)).collect();
    ingest(
        dir,
        &files.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
        &[],
    )
}

/// The rows a table has for the articles matching `req`, from their stored readings.
fn expected(index: &Path, req: &SearchRequest, table: &str) -> usize {
    let index = Index::open(index).unwrap();
    index
        .articles(req)
        .unwrap()
        .map(|a| {
            let r = a.unwrap().with_reading().reading.unwrap();
            match table {
                "articles" => 1,
                "entities" => r.entities.len(),
                "events" => r.events.len(),
                "quotes" => r.quotes.len(),
                "numbers" => r.numbers.len(),
                "dates" => r.dates.len(),
                t => panic!("{t}"),
            }
        })
        .sum()
}

/// Every article, duplicates too (what `khabar export` takes by default).
fn every() -> SearchRequest {
    let mut req = SearchRequest::new("");
    req.duplicates = true;
    req
}

/// The first column (the row ids) of every row of an export file.
fn rows(path: &Path, table: &str, format: &str) -> Vec<String> {
    let id = table.parse::<khabar_export::Table>().unwrap().columns()[0].name;
    match format {
        "jsonl" => std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v[id].as_str().unwrap().to_string()
            })
            .collect(),
        "csv" => csv::Reader::from_path(path)
            .unwrap()
            .records()
            .map(|r| r.unwrap()[0].to_string())
            .collect(),
        "parquet" => {
            use arrow_array::cast::AsArray;
            use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
            let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap())
                .unwrap()
                .build()
                .unwrap();
            let mut ids = Vec::new();
            for b in reader {
                let b = b.unwrap();
                let col = b.column(0).as_string::<i32>();
                ids.extend((0..b.num_rows()).map(|i| col.value(i).to_string()));
            }
            ids
        }
        f => panic!("{f}"),
    }
}

/// Exports every table in every format; checks the row counts against the readings and the
/// row ids across formats and against standard output.
fn export_all(index: &Path, out: &Path) {
    for table in TABLES {
        let want = expected(index, &every(), table);
        let mut ids_before: Option<Vec<String>> = None;
        for format in FORMATS {
            let path = out.join(format!("{table}.{format}"));
            let p = path.to_str().unwrap();
            let o = export(index, table, format, &["--out", p]);
            ok(&o);
            assert!(
                o.stdout.is_empty() && o.stderr.is_empty(),
                "quiet when piped"
            );
            let ids = rows(&path, table, format);
            assert_eq!(
                ids.len(),
                want,
                "{table} {format}: one row per item of the readings"
            );
            if let Some(before) = &ids_before {
                assert_eq!(
                    &ids, before,
                    "{table} {format}: the same rows as the other formats"
                );
            }
            ids_before = Some(ids);
            // No --out (and `--out -`): the same bytes on standard output (a pipe here).
            let o = export(index, table, format, &[]);
            ok(&o);
            let file = std::fs::read(&path).unwrap();
            assert_eq!(o.stdout, file, "{table} {format} to stdout");
            let o = export(index, table, format, &["--out", "-"]);
            ok(&o);
            assert_eq!(o.stdout, file, "{table} {format} to --out -");
        }
    }
}

#[test]
fn every_table_in_every_format_from_real_news() {
    let dir = tempfile::tempdir().unwrap();
    let index = news(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    export_all(&index, &out);
    // Events exist in the fixture: the test is not vacuous.
    assert!(expected(&index, &every(), "events") >= 5);
    assert_eq!(rows(&out.join("articles.csv"), "articles", "csv").len(), 6);
}

/// `--schema` names the columns, their types and nullability as the Parquet files have them
/// (what contrib/spark reads the rows with).
#[test]
fn the_schema_is_the_parquet_files_schema() {
    let o = khabar(&["export", "--schema"]);
    ok(&o);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["v"], 1);
    let tables = doc["tables"].as_object().unwrap();
    assert_eq!(tables.len(), TABLES.len());
    let dir = tempfile::tempdir().unwrap();
    let index = news(dir.path());
    for table in TABLES {
        let path = dir.path().join(format!("{table}.parquet"));
        ok(&export(
            &index,
            table,
            "parquet",
            &["--out", path.to_str().unwrap()],
        ));
        let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(
            File::open(&path).unwrap(),
        )
        .unwrap();
        let fields = reader.schema().fields().clone();
        let cols = tables[table].as_array().unwrap();
        assert_eq!(cols.len(), fields.len(), "{table}");
        for (c, f) in cols.iter().zip(fields.iter()) {
            assert_eq!(c["name"], f.name().as_str(), "{table}");
            assert_eq!(c["nullable"], f.is_nullable(), "{table}.{}", f.name());
            let ty = c["type"].as_str().unwrap();
            let arrow = format!("{:?}", f.data_type());
            let agrees = match ty {
                "Timestamp(ms, UTC)" => arrow.starts_with("Timestamp(Millisecond"),
                "List<Utf8>" => arrow.starts_with("List("),
                t => arrow == t,
            };
            assert!(agrees, "{table}.{}: {ty} vs {arrow}", f.name());
            assert!(
                !c["doc"].as_str().unwrap().is_empty(),
                "{table}.{}",
                f.name()
            );
        }
    }
    // --schema with an export's flags is a usage error.
    let o = khabar(&["export", "--schema", "--table", "events"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_query_and_dates_narrow_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let index = news(dir.path());
    let count = |extra: &[&str]| -> usize {
        let o = export(&index, "events", "csv", extra);
        ok(&o);
        csv::Reader::from_reader(o.stdout.as_slice())
            .records()
            .count()
    };
    let all = count(&[]);
    assert_eq!(all, expected(&index, &every(), "events"));
    // A query: only the articles it matches (as `khabar search` reads it).
    let mut req = every();
    req.query = "الانسحاب".into();
    let q = count(&["--query", "الانسحاب"]);
    assert_eq!(q, expected(&index, &req, "events"));
    assert!(0 < q && q < all, "{q} of {all}");
    // Dates: published on or after 13 January 2022 (the sample has no date: left out).
    let mut req = every();
    req.from = Some("2022-01-13".into());
    let from = count(&["--from", "2022-01-13"]);
    assert_eq!(from, expected(&index, &req, "events"));
    assert!(from < all, "{from} of {all}");
    let mut req = every();
    req.from = Some("2022-01-13".into());
    req.to = Some("2022-01-13".into());
    let day = count(&["--from", "2022-01-13", "--to", "2022-01-13"]);
    assert_eq!(day, expected(&index, &req, "events"));
    assert!(day <= from);
    // Every article's published date is within the range asked.
    let o = export(&index, "articles", "jsonl", &["--from", "2022-01-13"]);
    ok(&o);
    for l in String::from_utf8(o.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(v["published"].as_str().unwrap() >= "2022-01-13", "{l}");
    }
    // Nothing matches: a header and no rows.
    let o = export(&index, "events", "csv", &["--query", "برشلونة"]);
    ok(&o);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.starts_with("event_id,") && text.lines().count() == 1,
        "{text}"
    );
}

#[test]
fn duplicates_are_exported_unless_left_out() {
    let dir = tempfile::tempdir().unwrap();
    // The same article twice under two ids: the second is marked an exact duplicate.
    let line = std::fs::read_to_string(repo("crates/server/tests/fixtures/news.jsonl"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    let mut copy = v.clone();
    copy["id"] = "the-copy".into();
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, format!("{v}\n{copy}\n")).unwrap();
    let index = ingest(dir.path(), &[&input], &[]);
    let o = export(&index, "articles", "jsonl", &[]);
    ok(&o);
    let rows: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    let dup: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| !r["duplicate_of"].is_null())
        .collect();
    assert_eq!(dup.len(), 1);
    assert_eq!(dup[0]["duplicate_of"], v["id"]);
    let o = export(&index, "articles", "jsonl", &["--no-duplicates"]);
    ok(&o);
    assert_eq!(String::from_utf8(o.stdout).unwrap().lines().count(), 1);
}

#[test]
fn bad_usage_exits_2_and_a_missing_index_exits_1_writing_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let index = ingest(
        dir.path(),
        &[&repo("samples/csto-kazakhstan-2022.txt")],
        &[],
    );
    let idx = index.to_str().unwrap();
    let out = dir.path().join("x.csv");
    let o_ = out.to_str().unwrap();
    // A table or format that is none of the set, one missing, a date that is none.
    for (table, format, extra) in [
        ("event", "csv", &[][..]),
        ("events", "xlsx", &[]),
        ("events", "csv", &["--from", "next week", "--out", o_]),
    ] {
        let o = export(&index, table, format, extra);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{table} {format} {extra:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(!o.stderr.is_empty());
        assert!(!out.exists());
    }
    for args in [
        ["export", "--index", idx, "--format", "csv"],
        ["export", "--index", idx, "--table", "events"],
    ] {
        assert_eq!(khabar(&args).status.code(), Some(2), "{args:?}");
    }
    let o = export(&index, "event", "csv", &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("events") && err.contains("articles"),
        "the tables are named: {err}"
    );

    let missing = dir.path().join("no-such-index");
    let o = export(&missing, "events", "csv", &["--out", o_]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no khabar index here") && err.contains("no-such-index"),
        "{err}"
    );
    assert!(!out.exists());

    // An output that cannot be made: exit 1, nothing left behind.
    let o = export(
        &index,
        "events",
        "parquet",
        &[
            "--out",
            dir.path().join("no/such/dir/e.parquet").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot create"));

    // A complete export replaces an older file; nothing else is left beside it.
    std::fs::write(&out, "old").unwrap();
    ok(&export(&index, "events", "csv", &["--out", o_]));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("event_id,"));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("x.csv"))
        .collect();
    assert_eq!(names, ["x.csv"]);
}

/// The first 400 articles of the ANT corpus (`../shared`): every table in every format.
#[test]
fn ant_articles_export_in_every_format() {
    let Some(ant) = shared_data::shared_data("news/ant-multisource.jsonl.gz") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let index = ingest(dir.path(), &[&ant], &["--limit", "400"]);
    assert_eq!(Index::open(&index).unwrap().stats().unwrap().articles, 400);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    export_all(&index, &out);
    assert!(expected(&index, &every(), "events") > 400);
}

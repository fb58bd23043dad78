//! `khabar analyze --jsonl` as a pipeline step (a Spark task, `xargs`, a shell loop) uses it:
//! one output line per input line, in order, whatever the lines hold; exit codes a job can
//! act on. Real news lines: the sentences of the dev gold (`gold/reading/*.jsonl`).

mod common;

use std::path::Path;
use std::process::Output;

use serde_json::Value;

fn khabar(args: &[&str], stdin: &[u8]) -> Output {
    common::khabar_stdin(args, stdin)
}

fn gold_lines(n: usize) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../gold/reading/quotes.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    for l in text.lines().take(n) {
        out.extend_from_slice(l.as_bytes());
        out.push(b'\n');
    }
    out
}

fn parse(out: &Output) -> Vec<Value> {
    std::str::from_utf8(&out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn blank_lines_give_error_lines_not_nothing() {
    let out = khabar(&["analyze", "--jsonl", "-"], b"\n\n");
    let lines = parse(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(out.status.code(), Some(1));
    let out = khabar(&["analyze", "--jsonl", "-", "--keep-going"], b"\n\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn threads_keep_the_input_order_and_the_same_output() {
    let input = gold_lines(60);
    let one = khabar(&["analyze", "--jsonl", "-", "--threads", "1"], &input);
    let three = khabar(&["analyze", "--jsonl", "-", "--threads", "3"], &input);
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    assert_eq!(one.stdout, three.stdout);
    let ids: Vec<String> = parse(&one)
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    let want: Vec<String> = std::str::from_utf8(&input)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, want);
    // The dev gold's quotations are found: the reading ran, not only the echo.
    assert!(
        parse(&one)
            .iter()
            .filter(|l| !l["quotes"].as_array().unwrap().is_empty())
            .count()
            > 30
    );
}

#[test]
fn a_bad_line_keeps_its_id_and_the_lines_after_it() {
    let mut input = gold_lines(2);
    input.extend_from_slice(
        b"{\"id\": \"t1\", \"title\": \"\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86\"}\n",
    );
    input.extend_from_slice(b"{\"id\": {\"a\": 1}, \"text\": \"x\"}\n");
    input.extend_from_slice(gold_lines(3).rsplit(|&b| b == b'\n').nth(1).unwrap());
    input.push(b'\n');
    let out = khabar(&["analyze", "--jsonl", "-", "--keep-going"], &input);
    assert_eq!(out.status.code(), Some(0));
    let lines = parse(&out);
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[2]["id"], "t1");
    assert_eq!(lines[2]["error"], "no \"text\"");
    assert!(lines[3].get("id").is_none());
    assert!(lines[3]["error"].as_str().unwrap().contains("an object"));
    assert!(lines[4]["entities"].is_array());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("5 lines: 2 errors"), "{stderr}");
}

#[test]
fn a_line_longer_than_the_limit_is_an_error_line_and_the_next_is_read() {
    let mut input = b"{\"id\": \"big\", \"text\": \"".to_vec();
    input.extend(std::iter::repeat_n(b'a', 17 << 20));
    input.extend_from_slice(b"\"}\n");
    input.extend_from_slice(&gold_lines(1));
    let out = khabar(&["analyze", "--jsonl", "-", "--keep-going"], &input);
    let lines = parse(&out);
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["error"].as_str().unwrap().contains("bytes long"));
    assert!(lines[1]["sentences"].is_array());
}

#[test]
fn usage_mistakes_exit_2() {
    for args in [
        &["analyze", "--jsonl", "-", "--threads", "0"][..],
        &["analyze", "--jsonl", "-", "--keep", "entities"],
        &["analyze", "--jsonl", "-", "--keep", "id"],
        &["analyze", "--keep-going"],
    ] {
        let out = khabar(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn flat_gives_the_rows_of_export_tables_for_text_not_in_an_index() {
    let mut input = gold_lines(20);
    input.extend_from_slice(b"{broken\n");
    let readings = parse(&khabar(
        &["analyze", "--jsonl", "-", "--keep-going"],
        &input,
    ));
    let events: usize = readings
        .iter()
        .filter_map(|l| l["events"].as_array())
        .map(Vec::len)
        .sum();
    assert!(events > 0);
    let flat = |tables: &str| {
        khabar(
            &["analyze", "--jsonl", "-", "--keep-going", "--flat", tables],
            &input,
        )
    };
    let out = flat("events");
    assert_eq!(out.status.code(), Some(0));
    let rows = parse(&out);
    // One row per event, and the broken line still an error line.
    assert_eq!(rows.len(), events + 1);
    assert_eq!(rows.iter().filter(|r| r.get("error").is_some()).count(), 1);
    let first = rows.iter().find(|r| r.get("event_id").is_some()).unwrap();
    assert!(first["event_id"].as_str().unwrap().contains('#'));
    assert!(first.get("table").is_none());

    let rows = parse(&flat("events,articles"));
    let tagged = |t: &str| rows.iter().filter(|r| r["table"] == t).count();
    assert_eq!(tagged("events"), events);
    assert_eq!(tagged("articles"), 20);
    let out = khabar(&["analyze", "--jsonl", "-", "--flat", "tweets"], b"");
    assert_eq!(out.status.code(), Some(2));
}

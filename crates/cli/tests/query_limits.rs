//! `khabar search` on hostile queries (issue #16): no panic (exit 101) on open date ranges, a
//! usage error (exit 2) that says why on an empty date bound or a query past the size limits, and
//! a 1 MB query refused at once.

use std::path::Path;
use std::time::{Duration, Instant};

use khabar_index::query::MAX_QUERY_BYTES;

mod common;
use common::khabar_on as khabar;

#[test]
fn hostile_queries_answer_or_explain() {
    let dir = tempfile::tempdir().unwrap();
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/csto-kazakhstan-2022.txt");
    assert!(
        sample.exists(),
        "{}: the test data is missing",
        sample.display()
    );
    let index = dir.path().join("idx");
    let out = khabar(
        &["ingest", "--no-extract", sample.to_str().unwrap()],
        &index,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    for q in [
        "published:[* TO *]",
        "published:*",
        "published:{* TO *} كازاخستان",
    ] {
        let out = khabar(&["search", q], &index);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{q}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for q in ["published:[ TO ]", "published:[", "published:{"] {
        let out = khabar(&["search", q], &index);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{q}: {err}");
        assert!(
            err.contains("empty end") && !err.contains("panicked"),
            "{q}: {err}"
        );
    }
    // At the size limit: searched; one byte more: exit 2, saying so.
    let at = format!("\"{}\"", "ك".repeat((MAX_QUERY_BYTES - 2) / 2));
    assert_eq!(at.len(), MAX_QUERY_BYTES);
    assert_eq!(khabar(&["search", &at], &index).status.code(), Some(0));
    let out = khabar(&["search", &format!("{at} ")], &index);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too long"));
    // A 1 MB OR list in a batch (too long for an argument): its line is an error, the next line
    // is answered, exit 1, at once (6.7 s before the bound).
    let mut huge = String::new();
    let mut i = 0;
    while huge.len() < 1 << 20 {
        huge.push_str(&format!("كازاخستان{i} OR "));
        i += 1;
    }
    let queries = dir.path().join("queries.txt");
    std::fs::write(&queries, format!("{huge}\nكازاخستان\n")).unwrap();
    let t = Instant::now();
    let out = khabar(&["search", "--queries", queries.to_str().unwrap()], &index);
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0].contains("too long"), "{}", lines[0]);
    assert!(lines[1].contains("\"total\":1"), "{}", lines[1]);
}

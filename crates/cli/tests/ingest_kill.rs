//! Durability: a real `khabar ingest` killed with SIGKILL midway leaves an index that opens with
//! every committed article, and running the same ingest again completes it without duplicates.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../../../tests/support/shared_data.rs"]
mod shared_data;

#[test]
fn kill_midway_then_complete() {
    let Some(ant) = shared_data::shared_data("news/ant-multisource.jsonl.gz") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("idx");
    let args = |limit: &str| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_khabar"));
        c.args([
            "ingest",
            "--no-extract",
            "--json",
            "--commit-every",
            "100",
            "--batch",
            "50",
            "--limit",
            limit,
            "--index",
        ])
        .arg(&index_dir)
        .arg(&ant)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        c
    };
    const TOTAL: u64 = 3000;
    let mut child = args(&TOTAL.to_string()).spawn().unwrap();
    // Wait for the first commits, then kill -9.
    let start = Instant::now();
    let committed = loop {
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "no commit within 5 minutes"
        );
        if let Ok(ix) = khabar_index::Index::open(&index_dir) {
            let n = ix.stats().unwrap().articles;
            if n >= 200 {
                break n;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the ingest had already finished: the test did not kill it midway"
    );

    // The index opens and holds whole commits only.
    let ix = khabar_index::Index::open(&index_dir).unwrap();
    let after_kill = ix.stats().unwrap().articles;
    assert!(
        after_kill >= committed && after_kill < TOTAL,
        "{after_kill}"
    );
    assert_eq!(
        after_kill % 100,
        0,
        "only whole batches of 100 are committed"
    );
    for id in ix.ids().unwrap().iter().take(50) {
        let a = ix.get(id).unwrap().expect("a committed article reads back");
        assert!(!a.body.is_empty());
    }
    drop(ix);

    // Running it again completes the index: the committed articles are unchanged, none twice.
    let out = args(&TOTAL.to_string()).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["unchanged"].as_u64(), Some(after_kill), "{summary}");
    assert_eq!(
        summary["new"].as_u64(),
        Some(TOTAL - after_kill),
        "{summary}"
    );
    let ix = khabar_index::Index::open(&index_dir).unwrap();
    let ids = ix.ids().unwrap();
    let distinct: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(ids.len() as u64, TOTAL);
    assert_eq!(distinct.len(), ids.len(), "an article was indexed twice");
}

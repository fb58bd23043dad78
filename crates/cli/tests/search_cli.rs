//! `khabar ingest` and `khabar search` as a user runs them, on real Arabic articles.

use std::path::Path;
use std::process::Command;

mod common;
use common::khabar_on as khabar;

fn sample() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/csto-kazakhstan-2022.txt"),
    )
    .unwrap()
}

#[test]
fn ingest_search_json_and_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("csto.txt"), sample()).unwrap();
    let lines = [
        r#"{"id": "s1", "url": "https://example.com/1", "title": "السعودية ترفع إنتاج النفط", "text": "أعلنت وزارة الطاقة السعودية رفع إنتاج النفط إلى عشرة ملايين برميل يوميا اعتبارا من الشهر المقبل.", "source": "SPA", "date": "2018-02-18 10:00:00"}"#,
        r#"{"id": "s2", "title": "قمة الرياض", "text": "افتتحت في الرياض قمة عربية تبحث الأوضاع في اليمن وسوريا، بحضور قادة الدول الأعضاء.", "source": "alarabia", "date": "Sun, 18 Mar 2018 21:35:43 +0400"}"#,
        r#"{"id": "broken", "title": "#,
    ];
    std::fs::write(input.join("feed.jsonl"), lines.join("\n")).unwrap();
    std::fs::write(
        input.join("junk.json"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 254],
    )
    .unwrap();
    let index = dir.path().join("idx");
    let out = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .arg("ingest")
        .arg("--index")
        .arg(&index)
        .arg(&input)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "rejections give exit code 1: {err}"
    );
    assert!(
        err.contains("feed.jsonl:3") && err.contains("junk.json"),
        "{err}"
    );
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("3 articles: 3 new"), "{summary}");

    // Stemmed match (النفط ← نفط), HTML-escaped snippet, the documented JSON shape.
    let out = khabar(&["search", "--json", "نفط"], &index);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 1);
    let hit = &v["hits"][0];
    let mut keys: Vec<&str> = hit
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "id",
            "published",
            "score",
            "snippet",
            "source",
            "title",
            "url"
        ]
    );
    assert_eq!(hit["id"], "s1");
    assert_eq!(hit["published"], "2018-02-18T10:00:00Z");
    assert!(
        hit["snippet"].as_str().unwrap().contains("<b>النفط</b>"),
        "{hit}"
    );

    // Phrases, must-not, fields, date ranges.
    let total = |q: &[&str]| -> u64 {
        let mut a = vec!["search", "--json"];
        a.extend_from_slice(q);
        let out = khabar(&a, &index);
        assert!(
            out.status.success(),
            "{q:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["total"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(total(&["\"قوة لحفظ السلام\""]), 1);
    assert_eq!(total(&["\"قوات حفظ السلام\""]), 0);
    assert_eq!(total(&["الرياض OR النفط"]), 2);
    assert_eq!(total(&["الرياض -اليمن"]), 0);
    assert_eq!(total(&["source:spa"]), 1);
    assert_eq!(total(&["title:قمة"]), 1);
    assert_eq!(total(&["published:[2018-03-01 TO 2018-03-31]"]), 1);
    assert_eq!(
        total(&["--from", "2018-02-18", "--to", "2018-02-18", "السعودية"]),
        1
    );

    // A malformed date is a usage error (exit 2), unbalanced syntax is read leniently.
    let out = khabar(&["search", "published:[2018-13-45 TO *]"], &index);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2018-13-45"));
    assert_eq!(total(&["((\"قمة الرياض"]), 1);

    // Batch: one JSON line per query, in order.
    let qfile = dir.path().join("q.txt");
    std::fs::write(&qfile, "النفط\nكازاخستان\n\nاليمن\n").unwrap();
    let out = khabar(&["search", "--queries", qfile.to_str().unwrap()], &index);
    let lines: Vec<serde_json::Value> = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["hits"][0]["id"], "s1");
    assert_eq!(lines[3]["hits"][0]["id"], "s2");

    // Re-ingesting adds nothing.
    let out = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .arg("ingest")
        .arg("--index")
        .arg(&index)
        .arg(&input)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 new, 0 updated, 3 unchanged"));
    let out = khabar(&["stats", "--json"], &index);
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["articles"], 3);
}

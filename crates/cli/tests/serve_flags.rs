//! `khabar serve`'s settings (issue #16): every bound of the server is a flag, a bad value is a
//! usage error (exit 2) naming the flag before any index is opened, and good values serve.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::khabar_on as khabar;

#[test]
fn bad_server_settings_are_usage_errors() {
    let missing = Path::new("/nonexistent/khabar-index");
    for (flag, value) in [
        ("--timeout", "0"),
        ("--timeout", "-3"),
        ("--header-timeout", "NaN"),
        ("--header-timeout", "inf"),
        ("--heavy-wait", "-1"),
        ("--reload-every", "-0.5"),
        ("--max-connections", "0"),
        ("--max-body", "0"),
        ("--max-response", "0"),
        ("--heavy-concurrency", "0"),
    ] {
        let out = khabar(&["serve", &format!("{flag}={value}")], missing);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {err}");
        assert!(err.contains(flag), "{flag} {value}: {err}");
    }
}

#[test]
fn every_server_setting_is_a_flag() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/csto-kazakhstan-2022.txt");
    let out = khabar(
        &[
            "ingest",
            "--no-extract",
            "--quiet",
            sample.to_str().unwrap(),
        ],
        &index,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--timeout",
            "2",
            "--header-timeout",
            "1",
        ])
        .args([
            "--max-connections",
            "4",
            "--heavy-concurrency",
            "1",
            "--heavy-wait",
            "0",
        ])
        .args([
            "--reload-every",
            "0",
            "--max-body",
            "1000",
            "--max-response",
            "100000",
        ])
        .arg("--index")
        .arg(&index)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("khabar serve starts");
    // The server stops with the test whatever happens: a watchdog kills it after 60 s.
    let pid = child.id();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(60));
        let _ = Command::new("kill").arg(pid.to_string()).status();
    });
    let start = Instant::now();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        line.starts_with("khabar: serving 1 articles from ") && line.contains("http://127.0.0.1:"),
        "{line:?} after {:?}",
        start.elapsed()
    );
}

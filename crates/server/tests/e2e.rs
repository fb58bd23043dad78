//! The end-to-end test in a real browser: serves the test index on a loopback port and runs
//! `tests/e2e/e2e.mjs` (playwright-core driving Debian's headless Chromium) against it.
//! Screenshots land in `target/e2e/`.
//!
//! Needs `/usr/bin/chromium` and `tests/e2e/node_modules` (`.ci/packages.sh` installs both).
//! Without them the test says so and passes, unless `CI=true` or `KHABAR_E2E=1`, where it fails.

mod common;

use std::path::Path;
use std::process::Command;

use khabar_server::{AppState, Config};

fn missing() -> Vec<String> {
    let root = common::repo();
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let mut out = Vec::new();
    if !Path::new(&chromium).exists() {
        out.push(format!("{chromium} (apt-get install chromium)"));
    }
    if !root.join("tests/e2e/node_modules/playwright-core").exists() {
        out.push("tests/e2e/node_modules (cd tests/e2e && npm ci)".into());
    }
    if Command::new("node").arg("--version").output().is_err() {
        out.push("node".into());
    }
    out
}

#[test]
fn web_interface_in_headless_chromium() {
    let missing = missing();
    if !missing.is_empty() {
        let required = std::env::var("CI").is_ok_and(|v| v == "true")
            || std::env::var("KHABAR_E2E").is_ok_and(|v| v == "1");
        let msg = format!(
            "e2e skipped: missing {} (run .ci/packages.sh)",
            missing.join(", ")
        );
        assert!(!required, "{msg}");
        eprintln!("{msg}");
        return;
    }
    let root = common::repo();
    let tmp = tempfile::tempdir().unwrap();
    let index = common::build_index(&tmp.path().join("index"));
    let state = AppState::new(Some(index), Config::default());

    let (_rt, server, bound) = common::start_server(state);

    let shots = root.join("target/e2e");
    let out = Command::new("node")
        .arg(root.join("tests/e2e/e2e.mjs"))
        .arg(format!("http://{bound}"))
        .arg(&shots)
        .current_dir(root.join("tests/e2e"))
        .output()
        .expect("cannot run node");
    server.abort();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "the browser test failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
    for f in [
        "01-home.png",
        "02-search.png",
        "03-article.png",
        "06-injected-article.png",
    ] {
        assert!(
            shots.join(f).metadata().is_ok_and(|m| m.len() > 10_000),
            "{f} missing or empty"
        );
    }
}

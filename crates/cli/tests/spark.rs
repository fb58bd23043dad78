//! The Spark job (`contrib/spark/`) against `khabar export` on 1,000 ANT articles, in
//! `local[2]` and on a standalone master and worker on 127.0.0.1: the same tables, row counts
//! and column types, and a broken input line is a row of `errors`, not a failed job.
//! Needs python3 with pyspark and Java 17 (.ci/packages.sh installs them) and the ANT corpus
//! beside the repository; without them the test is skipped, except under `CI=true`, where it
//! fails. The whole run is bounded (5 minutes).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn missing(ant: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let ok = |c: &mut Command| {
        c.stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if !ok(Command::new("python3").args(["-c", "import pyspark"])) {
        out.push("python3 with pyspark".to_string());
    }
    if !ok(Command::new("java").arg("-version")) {
        out.push("java".to_string());
    }
    if !ant.exists() {
        out.push(ant.display().to_string());
    }
    out
}

/// The end of a log, where the error is.
fn tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let from = text.len().saturating_sub(6000);
    let from = (from..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    text[from..].to_string()
}

#[test]
fn the_spark_job_writes_the_tables_of_khabar_export() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let ant = repo.join("../shared/data/news/ant-multisource.jsonl.gz");
    let missing = missing(&ant);
    if !missing.is_empty() {
        let msg = format!(
            "spark test: missing {} (run .ci/packages.sh)",
            missing.join(", ")
        );
        assert!(!std::env::var("CI").is_ok_and(|v| v == "true"), "{msg}");
        eprintln!("{msg}: skipped");
        return;
    }
    let start = Instant::now();
    // Spark logs a lot: to files, so a full pipe cannot stall the job.
    let tmp = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (tmp.path().join("stdout"), tmp.path().join("stderr"));
    let mut child = Command::new("python3")
        .arg(repo.join("contrib/spark/test_spark.py"))
        .arg("--khabar")
        .arg(env!("CARGO_BIN_EXE_khabar"))
        .arg("--ant")
        .arg(&ant)
        .env("PYSPARK_PYTHON", "python3")
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("python3 runs");
    let limit = Duration::from_secs(300);
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the Spark test ran past {limit:?}:\n{}", tail(&err_path));
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let stdout = std::fs::read_to_string(&out_path).unwrap_or_default();
    assert!(status.success(), "{stdout}\n{}", tail(&err_path));
    let last = stdout.lines().last().expect("a summary line");
    let summary: serde_json::Value = serde_json::from_str(last).expect("a JSON summary");
    assert_eq!(summary["rows"]["errors"], 1, "{summary}");
    assert!(summary["rows"]["events"].as_u64().unwrap() > 0, "{summary}");
    eprintln!("spark: {summary}");
}

//! Sharded search on Sphinx (Debian's `sphinxsearch`, the SphinxQL that Manticore accepts too):
//! `contrib/sphinx/khabar_sphinx.py` writes two RT shards and a distributed index over them,
//! `searchd` serves them on free loopback ports from a temporary folder (stopped by `timeout`
//! whatever happens to this test), about 200 ANT articles are loaded with khabar's keys, and
//! khabar-analyzed AND queries through the distributed index must find exactly the articles
//! khabar's own index finds.
//!
//! Needs `searchd`, `python3` with PyMySQL and `timeout` (`.ci/packages.sh` installs them) and
//! the ANT corpus in ../shared/data. Without them the test says so and passes, except under
//! `CI=true`, where it fails.

mod common;
#[path = "../../../tests/support/shared_data.rs"]
mod shared_data;

use std::collections::BTreeSet;
use std::io::Write;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long `searchd` may live, whatever happens to the test.
const SEARCHD_SECONDS: u32 = 60;
/// ANT records skipped between two sampled ones (the corpus is ordered by source and category).
const STRIDE: usize = 157;
const SAMPLE: usize = 200;

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../contrib/sphinx/khabar_sphinx.py")
}

fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".into())
}

fn runs(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn missing() -> Vec<String> {
    let mut out = Vec::new();
    if !runs("searchd", &["--help"]) {
        out.push("searchd (apt-get install sphinxsearch)".to_string());
    }
    if !runs(&python(), &["-c", "import pymysql"]) {
        out.push("PyMySQL (python3 -m pip install -r contrib/sphinx/requirements.txt)".to_string());
    }
    if !runs("timeout", &["--version"]) {
        out.push("timeout (coreutils)".to_string());
    }
    out
}

/// Runs the contrib script with `args` and `stdin`, requires success, returns its stdout.
fn script_ok(args: &[&str], stdin: &[u8]) -> String {
    let mut child = Command::new(python())
        .arg(script())
        .args(args)
        .env("KHABAR", env!("CARGO_BIN_EXE_khabar"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "khabar_sphinx.py {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `searchd` in the foreground under `timeout`; stopped (SIGTERM, forwarded by `timeout`) on drop.
struct Searchd(Child);

impl Searchd {
    fn start(config: &str, port: u16) -> Searchd {
        let child = Command::new("timeout")
            .args(["--kill-after=5", &SEARCHD_SECONDS.to_string(), "searchd"])
            .args(["--config", config, "--nodetach"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("searchd starts");
        let mut s = Searchd(child);
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = s.0.try_wait() {
                panic!("searchd exited ({status}) before listening on {port}: see its log beside {config}");
            }
            assert!(
                Instant::now() < deadline,
                "searchd is not listening on {port} after 15 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        s
    }
}

impl Drop for Searchd {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Every `STRIDE`-th ANT record with a body, `SAMPLE` of them, as JSON Lines.
fn ant_sample(corpus: &Path) -> Vec<Value> {
    let out = Command::new("gzip")
        .arg("-dc")
        .arg(corpus)
        .output()
        .expect("gzip runs");
    assert!(out.status.success(), "gzip -dc {}", corpus.display());
    let text = String::from_utf8(out.stdout).expect("ANT is UTF-8");
    text.lines()
        .step_by(STRIDE)
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["text"].as_str().is_some_and(|t| !t.trim().is_empty()))
        .take(SAMPLE)
        .collect()
}

/// Two articles of ANT sentences with the tokens whose keys hold characters outside the Arabic
/// letters: a hashtag, numbers with separators, a mixed token, a ligature whose key holds spaces,
/// and two addresses longer than the engine's 42-character tokens that share their first 42.
fn edge_articles() -> Vec<Value> {
    let body = |url: &str| {
        format!(
            "وشهدت حلقة السبت من البرنامج تكوين \"عصابة نسائية\" كما أطلق عليها #عاصي_الحلاني، \
             وارتفع المؤشر ٣٫٥ في المئة إلى 1,500,000 نقطة بعد أزمة COVID-19 والنبي ﷺ. \
             التفاصيل على {url}"
        )
    };
    let url = |n: &str| format!("https://www.alarabiya.net/ar/arab-and-world/2018/02/18/{n}.html");
    vec![
        serde_json::json!({"docno": "edge-1", "title": "تحالف أحلام وإليسا", "text": body(&url("first"))}),
        serde_json::json!({"docno": "edge-2", "title": "عصابة نسائية", "text": body(&url("second"))}),
    ]
}

fn arabic_words(title: &str) -> Vec<&str> {
    title
        .split_whitespace()
        .filter(|w| {
            w.chars().count() >= 3 && w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
        })
        .collect()
}

#[test]
fn distributed_sphinx_index_finds_what_khabar_finds() {
    let started = Instant::now();
    let missing = missing();
    if !missing.is_empty() {
        let msg = format!(
            "sphinx smoke test: missing {} (run .ci/packages.sh)",
            missing.join(", ")
        );
        assert!(!shared_data::in_ci(), "{msg}; CI=true requires them");
        eprintln!("{msg}: skipped");
        return;
    }
    let Some(corpus) = shared_data::shared_data("news/ant-multisource.jsonl.gz") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let mut articles = ant_sample(&corpus);
    assert_eq!(articles.len(), SAMPLE);
    articles.extend(edge_articles());
    let jsonl = tmp.path().join("ant-sample.jsonl");
    let mut text = String::new();
    for a in &articles {
        text.push_str(&a.to_string());
        text.push('\n');
    }
    std::fs::write(&jsonl, text).unwrap();

    // khabar's own index of the same articles.
    let index = tmp.path().join("khabar-index");
    let out = common::khabar_on(
        &[
            "ingest",
            "--no-extract",
            "--json",
            "--quiet",
            jsonl.to_str().unwrap(),
        ],
        &index,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["articles"], articles.len(), "{summary}");

    // The shards, served on free loopback ports, and loaded.
    let conf: Value = serde_json::from_str(&script_ok(
        &[
            "config",
            "--dir",
            tmp.path().join("sphinx").to_str().unwrap(),
        ],
        b"",
    ))
    .unwrap();
    let port = conf["sql_port"].as_u64().unwrap() as u16;
    let _searchd = Searchd::start(conf["config"].as_str().unwrap(), port);
    let port_s = port.to_string();
    let loaded: Value = serde_json::from_str(&script_ok(
        &["load", "--port", &port_s, jsonl.to_str().unwrap()],
        b"",
    ))
    .unwrap();
    assert_eq!(loaded["articles"], articles.len(), "{loaded}");
    for shard in ["khabar0", "khabar1"] {
        let n = loaded["shards"][shard].as_u64().unwrap();
        assert!(n > 50, "shard {shard} holds {n} articles: {loaded}");
    }

    // One-word and two-word queries from the sampled titles, and the edge tokens.
    let mut queries: Vec<String> = Vec::new();
    for a in articles.iter().step_by(20) {
        let words = arabic_words(a["title"].as_str().unwrap_or(""));
        if let Some(w) = words.first() {
            queries.push(w.to_string());
        }
        if let [a, b, ..] = words[..] {
            queries.push(format!("{a} {b}"));
        }
    }
    assert!(queries.len() >= 15, "{queries:?}");
    for q in [
        "#عاصي_الحلاني",
        "٣٫٥",
        "1,500,000",
        "COVID-19 نقطة",
        "ﷺ",
        "https://www.alarabiya.net/ar/arab-and-world/2018/02/18/first.html",
        "https://www.alarabiya.net/ar/arab-and-world/2018/02/18/second.html",
    ] {
        queries.push(q.to_string());
    }

    let khabar_queries = tmp.path().join("queries.txt");
    let lucene: Vec<String> = queries
        .iter()
        .map(|q| {
            q.split(' ')
                .map(|w| format!("+{w}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    std::fs::write(&khabar_queries, lucene.join("\n") + "\n").unwrap();
    let out = common::khabar_on(
        &[
            "search",
            "--queries",
            khabar_queries.to_str().unwrap(),
            "--duplicates",
            "--no-snippets",
            "--limit",
            "1000",
        ],
        &index,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let khabar: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let sphinx: Vec<Value> = script_ok(
        &["query", "--port", &port_s, "--mode", "and", "--limit", "0"],
        (queries.join("\n") + "\n").as_bytes(),
    )
    .lines()
    .map(|l| serde_json::from_str(l).unwrap())
    .collect();
    assert_eq!(khabar.len(), queries.len());
    assert_eq!(sphinx.len(), queries.len());

    let ids = |v: &Value, field: &str| -> BTreeSet<String> {
        v[field]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.get("id").unwrap_or(h).as_str().unwrap().to_string())
            .collect()
    };
    let mut hits = 0;
    for ((q, k), s) in queries.iter().zip(&khabar).zip(&sphinx) {
        let (k_ids, s_ids) = (ids(k, "hits"), ids(s, "ids"));
        assert!(!k_ids.is_empty(), "{q}: khabar finds nothing");
        assert_eq!(k["total"], k_ids.len(), "{q}: more hits than the limit");
        assert_eq!(s["total"], s_ids.len(), "{q}: {s}");
        assert_eq!(
            s_ids, k_ids,
            "{q} (MATCH {}): Sphinx and khabar disagree",
            s["match"]
        );
        hits += k_ids.len();
    }
    // The addresses share their first 42 characters and still find one article each.
    let n = queries.len();
    assert_eq!(
        ids(&sphinx[n - 2], "ids"),
        BTreeSet::from(["edge-1".to_string()])
    );
    assert_eq!(
        ids(&sphinx[n - 1], "ids"),
        BTreeSet::from(["edge-2".to_string()])
    );
    eprintln!(
        "sphinx smoke test: {} articles in 2 shards {}, {} queries, {hits} hits, all equal to khabar's, in {:.1} s",
        articles.len(),
        loaded["shards"],
        queries.len(),
        started.elapsed().as_secs_f64()
    );
}

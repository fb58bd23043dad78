//! Crash safety, on data made here (no shared data needed): a real `khabar ingest` of a
//! generated corpus killed with SIGKILL at several moments leaves, each time, an index that
//! opens, searches and holds whole commits only; running the same ingest again completes it to
//! the exact counts (articles and duplicates), none indexed twice.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use khabar_index::{Index, SearchRequest};

/// Real news words; articles are random sequences of them (so no two are near duplicates).
const WORDS: &str = "الرئيس الحكومة الوزير البرلمان المعارضة الانتخابات الاقتصاد الاستثمار \
    النفط الغاز الطاقة الكهرباء المياه الزراعة الصناعة التجارة الصادرات الواردات الميزانية \
    الضرائب البنك المركزي الدولار الأسعار التضخم البطالة الشباب التعليم الجامعة المدارس الصحة \
    المستشفى الأطباء الدواء الفيروس اللقاح الجيش الأمن الشرطة الحدود الهجوم القوات المسلحين \
    الاتفاق المفاوضات السلام الحرب اللاجئين المساعدات الأمم المتحدة مجلس الأمن العاصمة المدينة \
    القرية الشمال الجنوب الشرق الغرب موسكو واشنطن القاهرة الرياض بغداد دمشق بيروت عمان تونس \
    الجزائر الرباط الخرطوم صنعاء طرابلس قال أعلن أكد أوضح أشار نفى طالب دعا رفض وافق التقى زار \
    اجتمع ناقش بحث وقع افتتح أطلق قرر اليوم أمس غدا الأسبوع الشهر العام المقبل الماضي خلال بعد \
    قبل منذ حتى نحو أكثر أقل مليون مليار ألف نسبة المائة الرسمية الجديدة الكبيرة الوطنية الدولية \
    العربية الإقليمية المحلية الخارجية الداخلية";

const TOTAL: u64 = 2000;
const DUPLICATES: u64 = 100;
const COMMIT_EVERY: u64 = 50;

/// A deterministic corpus: `TOTAL` articles in three files, of which `DUPLICATES` copy the text
/// of an earlier article under another id (exact duplicates, some across files).
fn corpus(dir: &Path) -> Vec<std::path::PathBuf> {
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut lines = Vec::new();
    for i in 0..TOTAL {
        let (title, text) = if i % 20 == 19 {
            texts[next(texts.len())].clone()
        } else {
            let mut sentence = |n: usize| {
                (0..n)
                    .map(|_| words[next(words.len())])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let title = sentence(6);
            let text = (0..4)
                .map(|_| format!("{}.", sentence(20)))
                .collect::<Vec<_>>()
                .join(" ");
            texts.push((title.clone(), text.clone()));
            (title, text)
        };
        lines.push(serde_json::json!({"id": format!("k{i}"), "title": title, "text": text}));
    }
    let mut paths = Vec::new();
    let third = lines.len() / 3;
    for (k, part) in [
        &lines[..third],
        &lines[third..2 * third],
        &lines[2 * third..],
    ]
    .into_iter()
    .enumerate()
    {
        let p = if k == 1 {
            let p = dir.join("b.json");
            std::fs::write(&p, serde_json::to_vec(part).unwrap()).unwrap();
            p
        } else {
            let p = dir.join(format!("{}.jsonl", ["a", "", "c"][k]));
            let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
            for l in part {
                writeln!(f, "{l}").unwrap();
            }
            p
        };
        paths.push(p);
    }
    paths
}

fn ingest(index: &Path, files: &[std::path::PathBuf]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_khabar"));
    c.args(["ingest", "--no-extract", "--json", "--quiet"])
        .args(["--commit-every", &COMMIT_EVERY.to_string(), "--batch", "25"])
        .arg("--index")
        .arg(index)
        .args(files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// The index's article count, when it opens.
fn count(index: &Path) -> Option<u64> {
    Index::open(index).ok()?.stats().ok().map(|s| s.articles)
}

#[test]
fn killed_at_several_moments_then_completed_to_the_exact_counts() {
    let dir = tempfile::tempdir().unwrap();
    let files = corpus(dir.path());
    let index = dir.path().join("idx");
    let mut kills = 0;
    let mut last = 0;
    for (round, at) in [150u64, 600, 1100, 1600].into_iter().enumerate() {
        let mut child = ingest(&index, &files).spawn().unwrap();
        let start = Instant::now();
        // Wait for the index to pass `at` articles, then a little more (mid-batch), then kill -9.
        loop {
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "no progress in 2 minutes"
            );
            if child.try_wait().unwrap().is_some() || count(&index).is_some_and(|n| n >= at) {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        std::thread::sleep(Duration::from_millis(3 * round as u64));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        if status.success() {
            break; // finished before the kill: the final run below checks it
        }
        kills += 1;
        let ix = Index::open(&index).expect("the index opens after kill -9");
        let n = ix.stats().unwrap().articles;
        assert_eq!(n % COMMIT_EVERY, 0, "{n} is not a commit boundary");
        assert!(n >= last && n < TOTAL, "{n} after {last}");
        last = n;
        let hits = ix
            .search(&SearchRequest {
                query: "الحكومة".into(),
                ..SearchRequest::default()
            })
            .unwrap();
        assert!(hits.total > 0, "the index searches after kill -9");
    }
    assert!(kills >= 3, "only {kills} kills landed midway");

    // Running it again completes the index to the exact counts.
    let out = ingest(&index, &files).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["unchanged"].as_u64(), Some(last), "{summary}");
    assert_eq!(summary["new"].as_u64(), Some(TOTAL - last), "{summary}");
    let ix = Index::open(&index).unwrap();
    let stats = ix.stats().unwrap();
    assert_eq!((stats.articles, stats.duplicates), (TOTAL, DUPLICATES));
    let ids = ix.ids().unwrap();
    let distinct: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(distinct.len() as u64, TOTAL, "an article was indexed twice");
}

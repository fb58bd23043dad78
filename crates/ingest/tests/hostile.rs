//! Hostile and huge input (issue #16): each bound of `docs/limits.md` (## Ingest) at its limit
//! and just past it, on real Arabic news text; inputs are generated here, never committed.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

mod common;
use common::{gzip, zip_of};
use khabar_ingest::{read_bytes, read_file, Item, OnWarning, Options, Warning};

const NEWS: &str = "موسكو – لم يترك الرئيس الروسي فلاديمير بوتين أي هامش للمناورة أمام القوى الغربية للتأثير في مجريات الاحتجاجات في كازاخستان.";

/// Reads with `opts`, returning the items and the warnings.
fn run(name: &str, bytes: &[u8], opts: Options) -> (Vec<Item>, Vec<Warning>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let opts = Options {
        on_warning: OnWarning::new(move |w| log.lock().unwrap().push(w)),
        ..opts
    };
    let mut items = Vec::new();
    read_bytes(name, bytes, &opts, &mut |i| items.push(i));
    let w = seen.lock().unwrap().clone();
    (items, w)
}

fn bodies(items: &[Item]) -> Vec<&str> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Article(a) => Some(a.body.as_str()),
            _ => None,
        })
        .collect()
}

fn rejections(items: &[Item]) -> Vec<(&str, &str)> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Rejected { origin, reason } => Some((origin.as_str(), reason.as_str())),
            _ => None,
        })
        .collect()
}

/// A text article of exactly `n` bytes: a title line and the news sentence repeated, ending in a
/// full stop.
fn txt_of(n: usize) -> Vec<u8> {
    let mut t = String::from("خبر\n");
    while t.len() < n {
        t.push_str(NEWS);
        t.push(' ');
    }
    let mut end = n - 1;
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    t.truncate(end);
    while t.len() < n {
        t.push('.');
    }
    t.into_bytes()
}

#[test]
fn html_nested_40k_deep_is_read_at_once_and_keeps_its_text() {
    // 40,000 nested <div> overflowed the stack (SIGABRT after a minute); 1M unclosed never ended.
    let deep = format!(
        "<html><body>{}<p>{NEWS}</p>{}</body></html>",
        "<div>".repeat(40_000),
        "</div>".repeat(40_000)
    );
    let unclosed = format!(
        "<html><body><p>{NEWS}</p>{}</body></html>",
        "<div>".repeat(200_000)
    );
    for page in [deep, unclosed] {
        let t = std::time::Instant::now();
        let (items, w) = run("deep.html", page.as_bytes(), Options::default());
        assert_eq!(bodies(&items), [NEWS], "{:?}", rejections(&items));
        assert_eq!(w.len(), 1);
        assert!(
            w[0].message
                .starts_with("HTML nested deeper than 256 elements"),
            "{w:?}"
        );
        assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
    }
}

#[test]
fn utf8_with_one_bad_sequence_stays_utf8_with_a_warning() {
    let text = format!("قوات روسية في كازاخستان\n{}", [NEWS; 20].join(" "));
    let mut bytes = text.clone().into_bytes();
    let mid = text.char_indices().nth(text.chars().count() / 2).unwrap().0;
    bytes.insert(mid, 0xFF);
    let (items, w) = run("bad.txt", &bytes, Options::default());
    let body = bodies(&items)[0];
    assert!(
        body.contains('\u{FFFD}') && body.contains("فلاديمير بوتين"),
        "{body}"
    );
    assert_eq!(
        w,
        [Warning {
            origin: "bad.txt".into(),
            message: "decoded as UTF-8 with 1 invalid byte sequence replaced by U+FFFD".into()
        }]
    );
    // The same file in Windows-1256 is still read as Windows-1256, without a warning.
    let (cp, _, _) = encoding_rs::WINDOWS_1256.encode(&text);
    let (items, w) = run("cp.txt", &cp, Options::default());
    assert!(bodies(&items)[0].contains("فلاديمير بوتين"));
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn long_bodies_are_cut_with_a_warning() {
    let opts = || Options {
        max_article_bytes: 10_000,
        ..Options::default()
    };
    // The body is what follows "خبر\n" (7 bytes): at the limit, kept whole.
    let (items, w) = run("at.txt", &txt_of(10_007), opts());
    assert_eq!(bodies(&items)[0].len(), 10_000);
    assert!(w.is_empty());
    let (items, w) = run("past.txt", &txt_of(10_008), opts());
    let body = bodies(&items)[0];
    assert!(
        body.len() <= 10_000 && body.ends_with('.'),
        "{}",
        body.len()
    );
    assert_eq!(w.len(), 1);
    assert!(
        w[0].message.starts_with("body of 10001 bytes cut to"),
        "{w:?}"
    );
    // A JSONL line of a body past the default limit (1 MiB): the article kept, cut.
    let big = [NEWS; 9000].join("\n");
    let line = serde_json::json!({"id": "big", "title": "خبر كبير", "text": big}).to_string();
    let (items, w) = run(
        "big.jsonl",
        format!("{line}\n{line}").as_bytes(),
        Options::default(),
    );
    let b = bodies(&items);
    assert_eq!(b.len(), 2);
    assert!(b[0].len() <= khabar_ingest::MAX_ARTICLE_BYTES && b[0].ends_with('.'));
    assert_eq!((w.len(), w[1].origin.as_str()), (2, "big.jsonl:2"));
}

#[test]
fn zip_budget_keeps_the_entries_before_and_reports_the_rest() {
    let e = txt_of(1000);
    let names: Vec<String> = (0..5).map(|i| format!("e{i}.txt")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &e[..])).collect();
    let zip = zip_of(&entries);
    let opts = |max| Options {
        max_archive_bytes: max,
        max_archive_ratio: u64::MAX,
        ..Options::default()
    };
    // At the limit: all five; a byte less: four, and the fifth entry rejected.
    let (items, _) = run("a.zip", &zip, opts(5000));
    assert_eq!((bodies(&items).len(), rejections(&items).len()), (5, 0));
    let (items, _) = run("a.zip", &zip, opts(4999));
    assert_eq!(bodies(&items).len(), 4);
    let r = rejections(&items);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].0, "a.zip!e4.txt");
    assert!(
        r[0].1
            .starts_with("the archive decompressed past 4999 bytes"),
        "{r:?}"
    );
    // Past the budget between entries: the rest is one rejection naming how many.
    let (items, _) = run("a.zip", &zip, opts(3000));
    let r = rejections(&items);
    assert_eq!(bodies(&items).len(), 3);
    assert!(r[0].1.contains("2 of 5 entries skipped"), "{r:?}");

    // Nested: the inner archive's entries count against the outer one's budget.
    let inner = zip_of(&entries);
    let outer = zip_of(&[("first.txt", &e[..]), ("inner.zip", &inner[..])]);
    let (items, _) = run("o.zip", &outer, opts(1000 + inner.len() as u64 + 2000));
    assert_eq!(bodies(&items).len(), 3, "{:?}", rejections(&items));
    assert_eq!(rejections(&items)[0].0, "o.zip!inner.zip!#2");

    // The ratio: 5000 bytes from a zip of a few hundred is fine at 100x, not at 2x.
    let ratio = |r| Options {
        max_archive_ratio: r,
        ..Options::default()
    };
    let (items, _) = run("a.zip", &zip, ratio(100));
    assert_eq!(bodies(&items).len(), 5);
    let big = txt_of(3 << 20); // compresses ~1000x
    let zip = zip_of(&[("big.txt", &big[..]), ("e.txt", &e[..])]);
    let (items, _) = run("a.zip", &zip, ratio(200));
    let r = rejections(&items);
    assert_eq!(r[0].0, "a.zip!big.txt");
    assert!(r[0].1.contains("200 times its compressed size"), "{r:?}");
}

#[test]
fn gzip_budget_and_a_gz_that_is_not_gzip() {
    let lines: String = (0..100)
        .map(|i| {
            format!(
                "{}\n",
                serde_json::json!({"id": format!("a{i}"), "text": NEWS})
            )
        })
        .collect();
    let gz = gzip(lines.as_bytes());
    let line_len = lines.len() / 100;
    let opts = Options {
        max_archive_bytes: (line_len * 10) as u64,
        max_archive_ratio: u64::MAX,
        ..Options::default()
    };
    let (items, _) = run("a.jsonl.gz", &gz, opts);
    assert_eq!(bodies(&items).len(), 10);
    let r = rejections(&items);
    assert!(r[0].1.contains("the archive decompressed past"), "{r:?}");
    let (items, _) = run("plain.jsonl.gz", lines.as_bytes(), Options::default());
    assert_eq!(
        rejections(&items),
        [(
            "plain.jsonl.gz",
            "named .gz but not gzip data (no gzip header)"
        )]
    );
}

#[cfg(unix)]
#[test]
fn pipes_are_streams_and_a_pipe_without_writer_does_not_wait() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("news");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    // No writer: an empty input at once, not a wait.
    let t = std::time::Instant::now();
    let mut items = Vec::new();
    read_file(&fifo, &Options::default(), &mut |i| items.push(i));
    assert_eq!(rejections(&items)[0].1, "empty file");
    assert!(t.elapsed().as_secs() < 5);
    // A writer (as `<(cat f)` is): read as a stream, the format sniffed.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut f = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(50));
            f.write_all(&txt_of(600)).unwrap();
        })
    };
    let mut items = Vec::new();
    while items.is_empty() || !rejections(&items).is_empty() {
        // Until the writer has opened it, the pipe reads as empty.
        items.clear();
        read_file(&fifo, &Options::default(), &mut |i| items.push(i));
        assert!(t.elapsed().as_secs() < 10, "{items:?}");
    }
    writer.join().unwrap();
    assert_eq!(bodies(&items)[0].len(), 600 - 7);
    let _ = Path::new("");
}

#[test]
fn file_line_and_title_limits_at_and_past() {
    let t = txt_of(5000);
    let file = |max| Options {
        max_file_bytes: max,
        ..Options::default()
    };
    assert_eq!(bodies(&run("f.txt", &t, file(5000)).0).len(), 1);
    let (items, _) = run("f.txt", &t, file(4999));
    assert_eq!(
        rejections(&items),
        [("f.txt", "larger than the limit of 4999 bytes")]
    );

    let line = serde_json::json!({"id": "a", "title": "خبر", "text": NEWS}).to_string();
    let data = format!("{line}\n{line}\n");
    let lines = |max| Options {
        max_line_bytes: max,
        ..Options::default()
    };
    assert_eq!(
        bodies(&run("f.jsonl", data.as_bytes(), lines(line.len())).0).len(),
        2
    );
    let (items, _) = run("f.jsonl", data.as_bytes(), lines(line.len() - 1));
    assert_eq!(rejections(&items).len(), 2);
    assert!(rejections(&items)[0].1.starts_with("line longer than"));

    // The title: at MAX_TITLE_BYTES kept, past it cut at a word end with a warning.
    let max = khabar_ingest::MAX_TITLE_BYTES;
    let mut title = String::new();
    while title.len() + 9 <= max {
        title.push_str("كلمة ");
    }
    while title.len() < max {
        title.push('x');
    }
    assert_eq!(title.len(), max);
    let doc = |t: &str| serde_json::json!({"title": t, "text": NEWS}).to_string();
    let (items, w) = run("t.json", doc(&title).as_bytes(), Options::default());
    assert!(w.is_empty(), "{w:?}");
    let Item::Article(a) = &items[0] else {
        panic!("{items:?}")
    };
    assert_eq!(a.title.len(), max);
    let (items, w) = run(
        "t.json",
        doc(&format!("{title}x")).as_bytes(),
        Options::default(),
    );
    let Item::Article(a) = &items[0] else {
        panic!("{items:?}")
    };
    assert!(
        a.title.len() < max && a.title.ends_with("كلمة"),
        "{}",
        a.title.len()
    );
    assert!(w[0].message.starts_with("title of"), "{w:?}");
}

#[test]
fn an_archive_holds_archives_three_deep_not_four() {
    let e = txt_of(500);
    let mut z = zip_of(&[("a.txt", &e[..])]);
    // `nested` archives inside the outer one.
    for nested in 0..=4 {
        let (items, _) = run("z.zip", &z, Options::default());
        if nested <= khabar_ingest::MAX_ARCHIVE_DEPTH {
            assert_eq!(bodies(&items).len(), 1, "{nested} nested: {items:?}");
        } else {
            assert_eq!(
                rejections(&items),
                [(
                    "z.zip!in.zip!in.zip!in.zip!in.zip",
                    "archives nested too deeply"
                )],
                "{items:?}"
            );
        }
        z = zip_of(&[("in.zip", &z[..])]);
    }
}

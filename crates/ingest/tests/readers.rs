//! Readers over real Arabic fixtures (made from the seed article by `fixtures/make_fixtures.py`),
//! containers, and bad input.

use std::path::{Path, PathBuf};

mod common;
use common::{gzip, zip_of};
use khabar_ingest::{read_bytes, read_file, read_paths, Article, Item, Options};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn seed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/csto-kazakhstan-2022.txt")
}

fn read(path: &Path) -> Vec<Item> {
    let mut out = Vec::new();
    read_file(path, &Options::default(), &mut |i| out.push(i));
    out
}

fn read_mem(name: &str, bytes: &[u8]) -> Vec<Item> {
    let mut out = Vec::new();
    read_bytes(name, bytes, &Options::default(), &mut |i| out.push(i));
    out
}

fn articles(items: &[Item]) -> Vec<&Article> {
    items
        .iter()
        .filter_map(|i| {
            if let Item::Article(a) = i {
                Some(a)
            } else {
                None
            }
        })
        .collect()
}

fn rejected(items: &[Item]) -> Vec<(&str, &str)> {
    items
        .iter()
        .filter_map(|i| {
            if let Item::Rejected { origin, reason } = i {
                Some((origin.as_str(), reason.as_str()))
            } else {
                None
            }
        })
        .collect()
}

const TITLE: &str = "الاتحاد السوفييتي حي يرزق على يد روسيا بوتين";

#[test]
fn seed_article_txt() {
    let items = read(&seed_path());
    let a = articles(&items);
    assert_eq!(a.len(), 1, "{items:?}");
    assert_eq!(a[0].title, TITLE);
    assert!(a[0]
        .body
        .starts_with("موسكو – لم يترك الرئيس الروسي فلاديمير بوتين"));
    assert!(a[0].body.contains("منظمة معاهدة الأمن الجماعي"));
    assert_eq!(a[0].id.len(), 16);
    assert_eq!(a[0].origin, seed_path().display().to_string());
    // Identity is a content hash: same text, same id, whatever the file name.
    let again = read_mem("copy.txt", &std::fs::read(seed_path()).unwrap());
    assert_eq!(articles(&again)[0].id, a[0].id);
}

#[test]
fn legacy_encodings_give_the_same_article() {
    let reference = articles(&read(&fixture("cp1256.txt")))[0].clone();
    assert_eq!(reference.title, TITLE);
    assert!(
        reference.body.starts_with("موسكو – لم يترك"),
        "{}",
        reference.body
    );
    assert!(reference.body.contains("بـ”ثورات ملونة”"));
    for f in ["utf16le-bom.txt", "utf16be.txt"] {
        let a = articles(&read(&fixture(f)))[0].clone();
        assert_eq!(
            (&a.title, &a.body, &a.id),
            (&reference.title, &reference.body, &reference.id),
            "{f}"
        );
    }
    // Windows-1256 bytes made here from the seed article, gzipped, read from memory.
    let seed = std::fs::read_to_string(seed_path()).unwrap();
    let (cp, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&seed);
    assert!(!unmappable);
    let a = articles(&read_mem("seed.txt.gz", &gzip(&cp)))[0].clone();
    assert_eq!(a.title, TITLE);
    assert_eq!(a.body, seed[seed.find('\n').unwrap()..].trim());
}

#[test]
fn html_page_with_metadata() {
    let items = read(&fixture("news.html"));
    let a = articles(&items);
    assert_eq!(a.len(), 1, "{items:?}");
    let a = a[0];
    assert!(a.title.contains(TITLE), "{}", a.title);
    assert_eq!(
        a.url.as_deref(),
        Some("https://alarab.example/2022/01/11/csto-kazakhstan")
    );
    assert_eq!(a.id, "https://alarab.example/2022/01/11/csto-kazakhstan");
    assert_eq!(a.published, Some(1641882600));
    assert_eq!(a.source.as_deref(), Some("صحيفة العرب"));
    assert_eq!(a.author.as_deref(), Some("خدمة العرب"));
    assert_eq!(a.category.as_deref(), Some("سياسة"));
    assert!(
        a.body
            .contains("وقال بوتين الاثنين إن الاضطرابات في كازاخستان"),
        "{}",
        a.body
    );
    assert!(a.body.contains("\n"), "paragraphs are kept: {}", a.body);
    for junk in ["الرئيسية", "جميع الحقوق", "analytics"] {
        assert!(!a.body.contains(junk), "{junk} in {}", a.body);
    }
    // The Windows-1256 copy (declared in a meta tag) reads the same.
    let b = articles(&read(&fixture("news-cp1256.html")))[0].clone();
    assert_eq!(
        (&b.title, &b.body, b.published),
        (&a.title, &a.body, a.published)
    );
}

#[test]
fn ant_shaped_jsonl_plain_and_gzipped() {
    let plain = read(&fixture("ant-shaped.jsonl"));
    let bytes = std::fs::read(fixture("ant-shaped.jsonl")).unwrap();
    let gz = read_mem("ant.jsonl.gz", &gzip(&bytes));
    for items in [&plain, &gz] {
        let a = articles(items);
        assert_eq!(
            a.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            [
                "AL-politics-1-20220111",
                "AL-politics-2-20220111",
                "AL-politics-3-20220111"
            ]
        );
        assert!(a.iter().all(|a| a.published.is_some()
            && a.category.as_deref() == Some("politics")
            && a.source.as_deref() == Some("alarabia")));
        assert_eq!(a[0].published, Some(1641846943));
        let r = rejected(items);
        assert_eq!(r.len(), 1);
        assert!(
            r[0].0.ends_with(":3") && r[0].1.starts_with("invalid JSON"),
            "{r:?}"
        );
    }
    assert!(articles(&gz)[2].origin.starts_with("ant.jsonl.gz:4"));
}

#[test]
fn saudinewsnet_shaped_zip_of_json() {
    let json = std::fs::read(fixture("snn-shaped.json")).unwrap();
    let z = zip_of(&[
        ("2015-07-21.json", &json),
        ("README.md", b"# not an article"),
        ("__MACOSX/._2015-07-21.json", b"\0\0junk"),
    ]);
    let items = read_mem("2015-07-21.zip", &z);
    assert!(rejected(&items).is_empty(), "{items:?}");
    let a = articles(&items);
    assert_eq!(a.len(), 3);
    assert_eq!(a[0].origin, "2015-07-21.zip!2015-07-21.json#0");
    assert_eq!(a[0].id, "http://www.alriyadh.example/1000");
    assert_eq!(a[0].title, "");
    assert_eq!(a[0].author.as_deref(), Some("الرياض - واس"));
    assert_eq!(a[1].published, Some(1437447092));
    assert_eq!(a[1].author, None);
    // A zip on disk, in a folder walked recursively with other formats.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/a.zip"), &z).unwrap();
    std::fs::copy(seed_path(), dir.path().join("b.txt")).unwrap();
    std::fs::write(dir.path().join("c.json.gz"), gzip(&json)).unwrap();
    let mut out = Vec::new();
    read_paths(&[dir.path().to_path_buf()], &Options::default(), &mut |i| {
        out.push(i)
    });
    let origins: Vec<String> = articles(&out)
        .iter()
        .map(|a| {
            a.origin
                .strip_prefix(&dir.path().display().to_string())
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        origins,
        [
            "/b.txt",
            "/c.json.gz#0",
            "/c.json.gz#1",
            "/c.json.gz#2",
            "/sub/a.zip!2015-07-21.json#0",
            "/sub/a.zip!2015-07-21.json#1",
            "/sub/a.zip!2015-07-21.json#2"
        ]
    );
}

#[test]
fn bad_input_is_rejected_with_a_reason() {
    let json = std::fs::read(fixture("snn-shaped.json")).unwrap();
    let jsonl = std::fs::read(fixture("ant-shaped.jsonl")).unwrap();
    let gz = gzip(&jsonl);
    let z = zip_of(&[("a.json", &json)]);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", vec![], "empty file"),
        ("blank.txt", b" \n\r\n ".to_vec(), "empty file"),
        (
            "title-only.txt",
            "عنوان بلا نص\n".as_bytes().to_vec(),
            "empty body",
        ),
        (
            "junk.txt",
            (0..3000u32)
                .map(|i| (i.wrapping_mul(2654435761) >> 11) as u8)
                .collect(),
            "binary",
        ),
        (
            "elf.html",
            b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00".to_vec(),
            "binary",
        ),
        (
            "cut.json.gz",
            gzip(&json)[..200].to_vec(),
            "gzip: truncated",
        ),
        ("notgz.txt.gz", json.clone(), "named .gz but not gzip data"),
        (
            "cut.zip",
            z[..z.len() - 30].to_vec(),
            "not a readable zip archive",
        ),
    ];
    for (name, bytes, want) in cases {
        let items = read_mem(name, &bytes);
        let r = rejected(&items);
        assert!(articles(&items).is_empty(), "{name}: {items:?}");
        assert_eq!(r.len(), 1, "{name}: {items:?}");
        assert_eq!(r[0].0, name);
        assert!(
            r[0].1.contains(want),
            "{name}: {:?} does not contain {want:?}",
            r[0].1
        );
    }
    // A truncated JSON array keeps the elements before the cut.
    let items = read_mem("cut.json", &json[..json.len() * 2 / 3]);
    assert_eq!(
        (articles(&items).len(), rejected(&items).len()),
        (1, 1),
        "{items:?}"
    );
    assert!(rejected(&items)[0].1.starts_with("invalid JSON: EOF"));
    // A truncated gzip JSONL keeps the articles read before the damage.
    let items = read_mem("cut.jsonl.gz", &gz[..gz.len() * 2 / 3]);
    let a = articles(&items);
    let r = rejected(&items);
    assert!(!a.is_empty() && a.len() < 3, "{items:?}");
    assert!(r.last().unwrap().1.contains("truncated"), "{r:?}");
    // A file that does not exist.
    let items = read(Path::new("/nonexistent/khabar/x.json"));
    assert_eq!(
        rejected(&items),
        [("/nonexistent/khabar/x.json", "file not found")]
    );
    // A folder given to read_file.
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(rejected(&read(dir.path()))[0].1, "is a directory");
    // Missing paths in read_paths are reported, the rest proceeds.
    let mut out = Vec::new();
    read_paths(
        &[PathBuf::from("/nonexistent/khabar"), seed_path()],
        &Options::default(),
        &mut |i| out.push(i),
    );
    assert_eq!((articles(&out).len(), rejected(&out).len()), (1, 1));
}

#[test]
fn size_limit_and_sniffing() {
    let seed = std::fs::read(seed_path()).unwrap();
    let opts = Options {
        max_file_bytes: 1000,
        ..Options::default()
    };
    let mut out = Vec::new();
    read_bytes("big.txt", &seed, &opts, &mut |i| out.push(i));
    assert!(rejected(&out)[0]
        .1
        .contains("larger than the limit of 1000 bytes"));
    // Unknown extensions are sniffed from the content.
    let json = std::fs::read(fixture("snn-shaped.json")).unwrap();
    assert_eq!(articles(&read_mem("data.dat", &json)).len(), 3);
    let html = std::fs::read(fixture("news.html")).unwrap();
    assert!(articles(&read_mem("page", &html))[0].url.is_some());
    assert_eq!(articles(&read_mem("noext", &seed))[0].title, TITLE);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    const NAMES: &[&str] = &[
        "a.txt",
        "a.html",
        "a.json",
        "a.jsonl",
        "a.zip",
        "a.txt.gz",
        "a.jsonl.gz",
        "a.json.gz",
        "a.bin",
    ];

    fn check(bytes: &[u8]) {
        for name in NAMES {
            let mut n = 0;
            read_bytes(name, bytes, &Options::default(), &mut |i| {
                if let Item::Article(a) = &i {
                    assert!(!a.body.trim().is_empty() && !a.id.is_empty());
                }
                n += 1;
            });
            // A single-article format gives exactly one item: the article or why there is none.
            if ["a.txt", "a.html", "a.txt.gz"].contains(name) {
                assert_eq!(n, 1, "{name}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            check(&bytes);
        }

        #[test]
        fn mutated_real_inputs(seed in any::<u64>(), cuts in proptest::collection::vec((any::<u16>(), any::<u8>()), 1..8)) {
            let json = std::fs::read(fixture("snn-shaped.json")).unwrap();
            let sources = [json.clone(), gzip(&json), zip_of(&[("x.json", &json)]), std::fs::read(fixture("news.html")).unwrap(), std::fs::read(fixture("cp1256.txt")).unwrap()];
            let mut b = sources[(seed % sources.len() as u64) as usize].clone();
            for (pos, byte) in cuts {
                let p = pos as usize % b.len();
                b[p] = byte;
            }
            check(&b);
            check(&b[..b.len() / 2]);
        }
    }
}

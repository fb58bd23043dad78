//! The test index: the bundled sample and `tests/fixtures/news.jsonl`, read and indexed with the
//! reading of every article stored, as `khabar ingest` does.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use khabar_extract::{EntityLabel, Mention};
use khabar_index::{Extras, Index, IngestOptions};
use khabar_ingest::{Article, Item, Options};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Names the fixture articles mention, so the entity facets are tested whether or not the NER
/// model finds them; the model's own mentions are added too.
const NAMES: [(&str, EntityLabel); 8] = [
    ("قاسم جومارت توكاييف", EntityLabel::Pers),
    ("توكاييف", EntityLabel::Pers),
    ("فلاديمير بوتين", EntityLabel::Pers),
    ("كازاخستان", EntityLabel::Loc),
    ("ألماتي", EntityLabel::Loc),
    ("الخرطوم", EntityLabel::Loc),
    ("منظمة معاهدة الأمن الجماعي", EntityLabel::Org),
    ("مصرف لبنان", EntityLabel::Org),
];

fn mentions(text: &str) -> Vec<Mention> {
    let mut out = khabar_extract::ner::mentions(text);
    for (name, label) in NAMES {
        for (start, _) in text.match_indices(name) {
            let end = start + name.len();
            if !out.iter().any(|m| m.start < end && start < m.end) {
                out.push(Mention {
                    start,
                    end,
                    label,
                    text: name.to_string(),
                });
            }
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

fn extract(a: &Article) -> Extras {
    let date = a.published.and_then(khabar_extract::date_of_timestamp);
    let reading =
        khabar_extract::read_with_mentions(Some(&a.title), &a.body, date, mentions(&a.body));
    Extras::from_reading(reading)
}

pub fn build_index(dir: &Path) -> Index {
    let index = Index::create(dir).unwrap();
    let mut articles = Vec::new();
    let paths = [
        repo().join("samples/csto-kazakhstan-2022.txt"),
        repo().join("crates/server/tests/fixtures/news.jsonl"),
    ];
    for p in &paths {
        khabar_ingest::read_file(p, &Options::default(), &mut |item| match item {
            Item::Article(a) => articles.push(a),
            Item::Rejected { origin, reason } => panic!("{origin}: {reason}"),
        });
    }
    assert_eq!(articles.len(), 6);
    let mut ing = index
        .ingester(IngestOptions {
            threads: 1,
            memory_budget: 30 << 20,
            ..IngestOptions::default()
        })
        .unwrap();
    ing.add_batch(articles, Some(&extract)).unwrap();
    ing.finish().unwrap();
    index.reload().unwrap();
    index
}

/// Starts the server on a free port of 127.0.0.1 in a runtime of its own: the runtime, the
/// server's task (abort it to stop) and the address it bound.
#[allow(dead_code)] // not every test binary that shares this module starts a server
pub fn start_server(
    state: khabar_server::AppState,
) -> (
    tokio::runtime::Runtime,
    tokio::task::JoinHandle<Result<(), khabar_server::Error>>,
    SocketAddr,
) {
    let (tx, rx) = std::sync::mpsc::channel::<SocketAddr>();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let server = rt.spawn(async move {
        let addr: SocketAddr = "127.0.0.1:0".parse().unwrap();
        khabar_server::serve(addr, state, move |bound| tx.send(bound).unwrap()).await
    });
    let bound = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the server did not start");
    (rt, server, bound)
}

//! The ingest decoders through the public read API: encoding detection and
//! decoding, and every format `read_bytes` knows (the first byte picks the
//! file name's extension, so one input reaches each decoder).
#![no_main]
use khabar_ingest::{decode, read_bytes, Item, Options};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "a.txt",
    "a.html",
    "a.json",
    "a.jsonl",
    "a.jsonl.gz",
    "a.txt.gz",
    "a.zip",
    "a",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let _ = decode(bytes);
    let name = NAMES[pick as usize % NAMES.len()];
    // Small bounds, so a bomb is rejected quickly.
    let opts = Options {
        max_file_bytes: 1 << 20,
        max_line_bytes: 1 << 16,
        ..Options::default()
    };
    read_bytes(name, bytes, &opts, &mut |item| match item {
        Item::Article(a) => assert!(!a.origin.is_empty()),
        Item::Rejected { reason, .. } => assert!(!reason.is_empty(), "a rejection says why"),
    });
});

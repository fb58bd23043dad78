//! The reading on the frozen `test` part of the project's own gold
//! (`gold/reading/*.jsonl`, made from the ANT development corpus; format in
//! `gold/README.md`). The floors sit a little under the figures
//! `khabar eval reading --gold gold/reading/*.jsonl --part test` printed when
//! they were set, so a regression fails; raise them when the reading improves.

use khabar_extract::eval::reading::{evaluate, parse_line, GoldPassage, PartScore};
use std::path::Path;

fn test_part(file: &str) -> PartScore {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../gold/reading")
        .join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the committed gold {} cannot be read: {e}", path.display()));
    let passages: Vec<GoldPassage> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| parse_line(l).unwrap_or_else(|e| panic!("{}: {e}: {l}", path.display())))
        .filter(|g| g.part == "test")
        .collect();
    assert!(
        passages.len() >= 25,
        "{file}: only {} test passages",
        passages.len()
    );
    evaluate(&passages)
        .parts
        .remove("test")
        .expect("a test part")
}

#[test]
fn quotations_and_speakers_on_the_test_gold() {
    let q = test_part("quotes.jsonl").quotes.unwrap();
    assert!(q.gold >= 100, "{q:?}");
    assert!(q.found_rate >= 0.90, "{q:?}");
    assert!(q.right_speaker_rate >= 0.64, "{q:?}");
    assert!(
        q.negatives >= 20 && q.negatives_with_quote_rate <= 0.20,
        "{q:?}"
    );
}

#[test]
fn numbers_and_ordinals_on_the_test_gold() {
    let n = test_part("numbers.jsonl").numbers.unwrap();
    assert!(n.gold >= 150, "{n:?}");
    assert!(n.found_rate >= 0.92, "{n:?}");
    assert!(n.ordinal_rate >= 0.97, "{n:?}");
    assert!(n.spurious_rate <= 0.05, "{n:?}");
}

#[test]
fn dates_on_the_test_gold() {
    let d = test_part("dates.jsonl").dates.unwrap();
    assert!(d.gold >= 100, "{d:?}");
    assert!(d.right_value_rate >= 0.86, "{d:?}");
}

#[test]
fn events_on_the_test_gold() {
    let e = test_part("events.jsonl").events.unwrap();
    assert!(e.gold >= 100, "{e:?}");
    assert!(e.found_rate >= 0.52, "{e:?}");
    assert!(e.right_actor_rate >= 0.27, "{e:?}");
    assert!(e.right_target_rate >= 0.19, "{e:?}");
}

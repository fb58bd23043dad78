//! `read_article`: every span of the reading lies in the text, on char
//! boundaries; quotations and numbers are the text at their span.
#![no_main]
use khabar_extract::read_article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A first line of the input may be the title (as `khabar analyze` reads it).
    let (title, body) = text.split_once('\n').unwrap_or(("", text));
    let r = read_article(Some(title), body, None);
    let ok = |a: usize, b: usize| a <= b && body.get(a..b).is_some();
    for s in &r.sentences {
        assert!(ok(s.start, s.end), "sentence {s:?}");
    }
    for e in &r.entities {
        assert!(ok(e.start, e.end), "entity {e:?}");
    }
    for n in &r.numbers {
        assert!(
            ok(n.start, n.end) && body[n.start..n.end] == n.text,
            "number {n:?}"
        );
    }
    for d in &r.dates {
        assert!(ok(d.start, d.end), "date {d:?}");
    }
    for q in &r.quotes {
        assert!(
            ok(q.start, q.end) && body[q.start..q.end] == q.text,
            "quote {q:?}"
        );
        assert!(q.sentence < r.sentences.len());
        if let Some(p) = &q.speaker {
            assert!(ok(p.start, p.end), "speaker {p:?}");
        }
    }
    for e in &r.events {
        assert!(
            ok(e.start, e.end) && e.sentence < r.sentences.len(),
            "event {e:?}"
        );
        for p in [&e.actor, &e.target, &e.location].into_iter().flatten() {
            assert!(ok(p.start, p.end), "participant {p:?}");
        }
    }
    for s in &r.summary {
        assert!(
            ok(s.start, s.end) && body[s.start..s.end] == s.text,
            "summary {s:?}"
        );
    }
});

//! The reading of the seed article (CSTO troops in Kazakhstan, January 2022):
//! every fact named in issue 5 with its value, speaker or actor.

use khabar_extract::dates::DateKind;
use khabar_extract::quotes::QuoteKind;
use khabar_extract::{read_article, read_with_mentions, EntityLabel, Mention, NaiveDate, Reading};
use proptest::prelude::*;

const SEED: &str = include_str!("../../../samples/csto-kazakhstan-2022.txt");

fn seed() -> (&'static str, &'static str) {
    let (title, body) = SEED.split_once('\n').unwrap();
    (title.trim(), body)
}

fn published() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2022, 1, 11)
}

/// Every span of a reading slices the text on character boundaries, and each
/// `text` field is the slice it claims.
fn check_spans(text: &str, r: &Reading) {
    let ok = |s: usize, e: usize| {
        s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    for s in &r.sentences {
        assert!(ok(s.start, s.end));
    }
    for n in &r.numbers {
        assert!(ok(n.start, n.end));
        assert_eq!(&text[n.start..n.end], n.text);
    }
    for d in &r.dates {
        assert!(ok(d.start, d.end));
        assert_eq!(&text[d.start..d.end], d.text);
    }
    for q in &r.quotes {
        assert!(ok(q.start, q.end));
        assert_eq!(&text[q.start..q.end], q.text);
        if let Some(s) = &q.speaker {
            assert_eq!(&text[s.start..s.end], s.text);
        }
    }
    for e in &r.events {
        assert!(ok(e.start, e.end));
        assert_eq!(&text[e.start..e.end], e.trigger);
        for p in [&e.actor, &e.target, &e.location].into_iter().flatten() {
            assert_eq!(&text[p.start..p.end], p.text);
        }
    }
    for e in &r.entities {
        assert!(ok(e.start, e.end));
    }
    for s in &r.summary {
        assert_eq!(&text[s.start..s.end], s.text);
    }
}

#[test]
fn seed_article_numbers_dates_quotes_events() {
    let (title, body) = seed();
    check_seed(body, &read_article(Some(title), body, published()));
}

/// The same facts without any NER: role nouns, the place list and name
/// heuristics carry the reading alone.
#[test]
fn seed_article_without_ner() {
    let (title, body) = seed();
    check_seed(
        body,
        &read_with_mentions(Some(title), body, published(), Vec::new()),
    );
}

fn check_seed(body: &str, r: &Reading) {
    check_spans(body, r);

    // How many: 6,846 km of border, 2,500 troops, about eight thousand arrested.
    let num = |v: f64, unit: &str| {
        r.numbers
            .iter()
            .any(|n| n.value == v && n.unit.as_deref() == Some(unit))
    };
    assert!(num(6846.0, "كيلومترا"), "{:?}", r.numbers);
    assert!(num(2500.0, "جندي"));
    assert!(num(8000.0, "شخص"));

    // When: Monday (resolved against the publication date), 1989 to 2019.
    assert!(r.dates.iter().any(|d| d.kind == DateKind::Weekday
        && d.text == "الاثنين"
        && d.value.as_deref() == Some("2022-01-10")));
    assert!(r.dates.iter().any(|d| d.kind == DateKind::Range
        && d.value.as_deref() == Some("1989")
        && d.end_value.as_deref() == Some("2019")));

    // Who said what: Putin on "colour revolutions", Tokayev on an "attempted coup".
    let said = |words: &str| {
        r.quotes
            .iter()
            .filter(move |q| q.text.contains(words))
            .filter_map(|q| q.speaker.as_ref())
            .map(|s| s.text.clone())
            .collect::<Vec<_>>()
    };
    let putin = said("ثورات ملونة");
    assert!(
        !putin.is_empty() && putin.iter().all(|s| s.contains("بوتين")),
        "{putin:?}"
    );
    // marks inside reported speech are part of it: one quotation (gold/README.md, `nested`)
    assert!(r
        .quotes
        .iter()
        .filter(|q| q.text.contains("ثورات ملونة"))
        .all(|q| q.kind == QuoteKind::Reported));
    let coup = said("محاولة انقلاب");
    assert!(
        !coup.is_empty()
            && coup
                .iter()
                .all(|s| s.contains("رئيس كازاخستان") || s.contains("توكاييف")),
        "{coup:?}"
    );
    // وأضاف continues Putin, not the caption "موسكو تؤكد".
    let added = r
        .quotes
        .iter()
        .find(|q| q.verb.as_deref() == Some("وأضاف"))
        .unwrap();
    assert!(added.speaker.as_ref().unwrap().text.contains("بوتين"));

    // What happened to whom: troops deployed to Kazakhstan, protesters, arrests.
    let ev = |ty: &'static str| r.events.iter().filter(move |e| e.event_type == ty);
    assert!(ev("MOBILIZE").any(
        |e| e.location.as_ref().is_some_and(|l| l.text == "كازاخستان") && e.count == Some(2500.0)
    ));
    assert!(ev("MOBILIZE").any(
        |e| e.actor.as_ref().is_some_and(|a| a.text.contains("مظليين"))
            && e.location.as_ref().is_some_and(|l| l.text == "كازاخستان")
    ));
    assert!(ev("PROTEST").any(|e| e.actor.as_ref().is_some_and(|a| a.text == "المتظاهرون")));
    assert!(ev("COERCE").any(|e| e.mode.as_deref() == Some("arrest") && e.count == Some(8000.0)));
    // A quotation about a coup is not a coup.
    assert!(!r.events.iter().any(|e| e.trigger.contains("انقلاب")));

    assert_eq!(r.summary.len(), 3);
    assert!(r.keywords.iter().any(|k| k.text == "كازاخستان"));
}

#[test]
fn reading_round_trips_through_json() {
    let (title, body) = seed();
    let r = read_article(Some(title), body, published());
    let json = serde_json::to_string(&r).unwrap();
    let back: Reading = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    for field in [
        "title",
        "sentences",
        "entities",
        "numbers",
        "dates",
        "quotes",
        "events",
        "keywords",
        "summary",
    ] {
        assert!(v.get(field).is_some(), "missing {field}");
    }
    assert!(v["events"][0].get("type").is_some());
}

#[test]
fn speakers_and_actors_use_entity_mentions_when_given() {
    // Mentions as a recognizer would give them: the name is taken whole after a title.
    let text = "وتم إرسال مظليين روس إلى كازاخستان بناء على طلب من رئيسها قاسم جومارت توكاييف. وقال توكاييف إن البلاد كانت ضحية هجوم.";
    let m = |s: &str, label| {
        let start = text.find(s).unwrap();
        Mention {
            start,
            end: start + s.len(),
            label,
            text: s.to_string(),
        }
    };
    let mentions = vec![
        m("كازاخستان", EntityLabel::Loc),
        m("قاسم جومارت توكاييف", EntityLabel::Pers),
        m("توكاييف إن", EntityLabel::Pers),
    ];
    let mut mentions = mentions;
    mentions[2].end -= " إن".len();
    mentions[2].text = "توكاييف".into();
    let r = read_with_mentions(None, text, None, mentions);
    check_spans(text, &r);
    assert_eq!(r.entities.len(), 3);
    assert_eq!(r.entities[2].canonical, "قاسم جومارت توكاييف");
    let q = &r.quotes[0];
    assert_eq!(q.speaker.as_ref().unwrap().text, "توكاييف");
    let req = r.events.iter().find(|e| e.event_type == "REQUEST").unwrap();
    assert_eq!(
        req.actor.as_ref().unwrap().name.as_deref(),
        Some("قاسم جومارت توكاييف")
    );
}

/// The bundled NER model finds the seed article's entities (a model that
/// finds none fails here, it is not skipped), the reading carries them and
/// names Putin and Tokayev among the people.
#[test]
fn seed_article_with_the_ner_model() {
    let (title, body) = seed();
    assert!(
        khabar_extract::ner::mentions(body).len() >= 30,
        "the bundled NER model finds (almost) nothing in the seed article"
    );
    let r = read_article(Some(title), body, published());
    check_spans(body, &r);
    let pers: Vec<&str> = r
        .entities
        .iter()
        .filter(|e| e.label == EntityLabel::Pers)
        .map(|e| e.canonical.as_str())
        .collect();
    assert!(pers.iter().any(|p| p.contains("بوتين")), "{pers:?}");
    assert!(pers.iter().any(|p| p.contains("توكاييف")), "{pers:?}");
    let putin = r
        .quotes
        .iter()
        .find(|q| q.text.contains("ثورات ملونة"))
        .and_then(|q| q.speaker.as_ref())
        .unwrap();
    assert!(putin.text.contains("بوتين"), "{putin:?}");
}

/// The reading's entities carry what the merge knows of them: the English
/// name from the gazetteer where it has one, and a romanization.
#[test]
fn reading_entities_carry_english_names_and_romanization() {
    let (title, body) = seed();
    let r = read_article(Some(title), body, published());
    let entity = |canonical: &str| {
        r.entities
            .iter()
            .find(|e| e.canonical == canonical)
            .unwrap_or_else(|| panic!("no entity {canonical}"))
    };
    let putin = entity("فلاديمير بوتين");
    assert_eq!(putin.english.as_deref(), Some("Vladimir Putin"));
    assert_eq!(putin.romanized, "Fladimir Butin");
    assert_eq!(entity("كازاخستان").english.as_deref(), Some("Kazakhstan"));
    assert!(r.entities.iter().all(|e| !e.romanized.is_empty()));
    // Absent English names are left out of the JSON.
    let json = serde_json::to_value(&r).unwrap();
    let unknown = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e.get("english").is_none());
    assert!(unknown.is_some(), "every entity has an English name?");
}

/// The words of the committed gold passages (real news from five outlets,
/// with their speech verbs, triggers, numbers and dates) and a few marks, for
/// the fuzzing below.
fn gold_words() -> &'static [String] {
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../gold/reading");
        let mut words: Vec<String> = ["quotes", "numbers", "dates", "events"]
            .iter()
            .flat_map(|f| {
                let text = std::fs::read_to_string(dir.join(format!("{f}.jsonl"))).expect("gold");
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| {
                        khabar_extract::eval::reading::parse_line(l)
                            .expect("gold line")
                            .text
                    })
                    .collect::<Vec<_>>()
            })
            .flat_map(|t| t.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .collect();
        words.extend(
            [
                "«", "»", "\"", ":", "،", ".", "(", ")", "-", "إن", "أن", "وقال",
            ]
            .map(String::from),
        );
        words.sort();
        words.dedup();
        words
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// Words of real news in random order, where every rule's look-behind
    /// and look-ahead meet the text's edges, read without panics.
    #[test]
    fn never_panics_on_gold_words(picks in proptest::collection::vec(any::<proptest::sample::Index>(), 0..60)) {
        let words = gold_words();
        let s: String = picks.iter().map(|i| words[i.index(words.len())].as_str()).collect::<Vec<_>>().join(" ");
        let r = read_article(None, &s, published());
        check_spans(&s, &r);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// The reading never panics and every span stays on character boundaries.
    #[test]
    fn never_panics(s in "[ \\n0-9٠-٩.,٫٬%٪«»“”\":ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيـًٌٍَُِّْ#a-z/-]{0,300}") {
        let r = read_article(Some("عنوان"), &s, published());
        check_spans(&s, &r);
    }

    /// Fragments of real news glued in random order read without panics.
    #[test]
    fn never_panics_on_news_fragments(parts in proptest::collection::vec(0usize..40, 0..30)) {
        let words: Vec<&str> = SEED.split_whitespace().collect();
        let s: String = parts.iter().map(|&i| words[i * 7 % words.len()]).collect::<Vec<_>>().join(" ");
        let r = read_article(None, &s, None);
        check_spans(&s, &r);
    }
}

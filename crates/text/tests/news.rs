//! The analyzer on real news text: the seed article (CSTO troops in
//! Kazakhstan, January 2022) and, when `../shared` is present, the ANT corpus.

use khabar_text::{analyze, sentences, tokenize, Analyzer, Form, TokenKind};

#[path = "../../../tests/support/shared_data.rs"]
mod shared_data;

static SEED: &str = include_str!("../../../samples/csto-kazakhstan-2022.txt");

fn key(word: &str) -> String {
    Analyzer::new(Form::Key).terms(word).concat()
}

#[test]
fn names_keep_their_shape_under_clitics() {
    for w in ["بوتين", "وبوتين", "لبوتين", "فبوتين", "بوتين"] {
        assert_eq!(key(w), "بوتين", "{w}");
    }
    assert_eq!(key("كازاخستان"), "كازاخستان");
    assert_eq!(key("وكازاخستان"), "كازاخستان");
    assert_eq!(key("فلسطين"), "فلسطين");
    assert_eq!(key("واشنطن"), "واشنطن");
    assert_eq!(key("بواشنطن"), "واشنطن");
    // nisba adjectives and their plurals find the place
    assert_eq!(key("الفلسطينيين"), "فلسطين");
    assert_eq!(key("كازاخستاني"), "كازاخستان");
}

#[test]
fn clitics_tanween_and_nisba_in_a_news_sentence() {
    // ANT-style sentence: بسبب، لمواجهة، عاماً and الأمريكية reach the keys of
    // السبب، المواجهة، العام and أمريكا; بيان and كبير keep their ب and ك.
    let text = "وقالت الخارجية الأمريكية في بيان إن الحادث وقع بسبب خلل كبير، وإن الفريق مستعد لمواجهة الأزمة بعد 20 عاماً";
    let keys = Analyzer::new(Form::Key).terms(text);
    for k in ["امريكا", "بيان", "سبب", "كبير", "فريق", "عام"] {
        assert!(keys.iter().any(|x| x == k), "{k} not in {keys:?}");
    }
    assert!(keys.contains(&key("المواجهة")), "{keys:?}");
    assert_eq!(key("أمريكا"), key("الأمريكيين"));
    assert_eq!(key("بوتين"), "بوتين");
    assert_eq!(key("واشنطن"), "واشنطن");
}

#[test]
fn one_key_for_every_spelling_of_kitab() {
    for w in [
        "والكتاب",
        "بالكتاب",
        "فالكتاب",
        "للكتاب",
        "الْكِتَابُ",
        "كتـــاب",
        "ﺍﻟﻜﺘﺎﺏ",
        "کتاب",
        "الكتاب",
        "كتاب",
    ] {
        assert_eq!(key(w), "كتاب", "{w}");
    }
}

#[test]
fn unrelated_words_are_not_merged() {
    assert_ne!(key("أمريكا"), key("أمر"));
    assert_ne!(key("جامعات"), key("جميع"));
    assert_ne!(key("وزير"), key("زير"));
}

#[test]
fn seed_article_tokens_point_into_the_text() {
    let tokens: Vec<_> = tokenize(SEED).collect();
    let words = tokens.iter().filter(|t| t.kind.is_content()).count();
    assert_eq!(words, 676);
    // The first word of the body, at its byte offset.
    let moscow = tokens.iter().find(|t| t.text(SEED) == "موسكو").unwrap();
    assert_eq!(&SEED[moscow.start..moscow.end], "موسكو");
    // 6846 km of border is one number token.
    let n = tokens.iter().find(|t| t.text(SEED) == "6846").unwrap();
    assert_eq!(n.kind, TokenKind::Number);
    // Reversed quotes around ثورات ملونة split from the words.
    assert!(tokens.windows(3).any(|w| w[0].text(SEED) == "”"
        && w[1].text(SEED) == "ثورات"
        && w[2].text(SEED) == "ملونة"));
}

#[test]
fn seed_article_keys() {
    let keys = Analyzer::new(Form::Key).terms(SEED);
    let count = |k: &str| keys.iter().filter(|x| *x == k).count();
    // بوتين is keyed بوتين wherever it stands, and nothing is cut to بوت.
    assert_eq!(count("بوتين"), 4);
    assert_eq!(count("كازاخستان"), 14);
    assert_eq!(count("بوت"), 0);
    assert_eq!(count("كازاخست"), 0);
    // diacritics in وأُرسِلت and tatweel-free display forms
    let a = analyze("وأُرسِلت هذه القوة");
    assert_eq!(a[0].display, "وأُرسِلت");
    assert_eq!(a[0].norm, "وارسلت");
    // A nisba adjective keyed by its country keeps its own norm form.
    let a = analyze("القوات الأمريكية");
    assert_eq!(
        (a[1].norm.as_str(), a[1].key.as_str()),
        ("الامريكيه", "امريكا")
    );
}

#[test]
fn seed_article_sentences() {
    let s = sentences(SEED);
    assert_eq!(s.len(), 24);
    assert_eq!(
        &SEED[s[0].start..s[0].end],
        "الاتحاد السوفييتي حي يرزق على يد روسيا بوتين"
    );
    let last = &SEED[s[s.len() - 1].start..s[s.len() - 1].end];
    assert!(last.ends_with("دعم الحكومة."));
}

#[test]
fn stopwords_are_dropped_only_when_asked() {
    let text = "وقال بوتين إن الاضطرابات في كازاخستان";
    let all = Analyzer::new(Form::Key).terms(text);
    let content = Analyzer::new(Form::Key).drop_stopwords(true).terms(text);
    assert_eq!(all.len(), 6);
    assert_eq!(content, ["قال", "بوتين", "اضطراب", "كازاخستان"]);
}

/// Every article of the ANT development corpus analyzes without a panic, with
/// tokens on character boundaries and a non-empty key for every word.
#[test]
fn ant_corpus_analyzes_cleanly() {
    let Some(path) = shared_data::shared_data("news/ant-multisource.jsonl.gz") else {
        return;
    };
    // The corpus is gzipped JSONL; decompress with the system's gzip to keep
    // the text crate free of I/O dependencies.
    let out = std::process::Command::new("gzip")
        .arg("-dc")
        .arg(&path)
        .output()
        .expect("gzip runs");
    let text = String::from_utf8(out.stdout).expect("ANT is UTF-8");
    let mut words = 0usize;
    let mut buf = String::new();
    for line in text.lines().take(3000) {
        Analyzer::new(Form::Key).for_each(line, &mut buf, |t, k| {
            assert!(line.is_char_boundary(t.start) && line.is_char_boundary(t.end));
            assert!(!k.is_empty());
            words += 1;
        });
    }
    assert!(words > 900_000, "{words} words in 3000 articles");
}

//! Properties that hold for any input: no panic, offsets on character
//! boundaries inside the text and never going backwards, normalization
//! idempotent, and the key of a key is itself.

use khabar_text::{
    display_form, key_of, norm_and_key, norm_form, sentences, stem, tokenize, TokenKind,
};
use proptest::prelude::*;

/// Strings drawn from the characters that make Arabic text hard: letters,
/// harakat, tatweel, presentation forms, the three digit sets, separators,
/// invisible marks, quotes, Latin, hashtags and URL pieces.
fn arabicish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "ا",
        "أ",
        "إ",
        "آ",
        "ٱ",
        "ب",
        "ت",
        "ة",
        "ى",
        "ي",
        "ی",
        "ک",
        "و",
        "ؤ",
        "ئ",
        "ء",
        "ل",
        "ال",
        "وال",
        "بال",
        "لل",
        "ين",
        "ون",
        "ات",
        "ها",
        "\u{064E}",
        "\u{0651}",
        "\u{0670}",
        "\u{06D6}",
        "\u{0640}",
        "ﻻ",
        "ﺍ",
        "ﷲ",
        "ﷺ",
        "٣",
        "٫",
        "٬",
        "۵",
        "7",
        ".",
        ",",
        "-",
        "_",
        "#",
        "@",
        "\u{200C}",
        "\u{200F}",
        "\u{202B}",
        "\u{FEFF}",
        "\u{00AD}",
        "\u{061C}",
        " ",
        "\n",
        "،",
        "؟",
        "«",
        "»",
        "”",
        "\"",
        "http://",
        "www.",
        "a",
        "Z",
        "COVID",
        "بوتين",
        "كازاخستان",
        "\u{0654}",
        "😀",
        "\u{0000}",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![arabicish(), any::<String>()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn tokens_are_in_order_on_char_boundaries(text in any_text()) {
        let mut last_start = 0;
        for t in tokenize(&text) {
            prop_assert!(t.start < t.end, "empty token at {}", t.start);
            prop_assert!(t.end <= text.len());
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            prop_assert!(t.start >= last_start, "token went backwards");
            last_start = t.start;
        }
        for s in sentences(&text) {
            prop_assert!(s.start < s.end && s.end <= text.len());
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }

    #[test]
    fn sentences_do_not_overlap(text in any_text()) {
        let s = sentences(&text);
        for w in s.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
    }

    #[test]
    fn normalization_is_idempotent(text in any_text()) {
        let mut d = String::new();
        display_form(&text, &mut d);
        let mut dd = String::new();
        display_form(&d, &mut dd);
        prop_assert_eq!(&d, &dd);
        let mut n = String::new();
        norm_form(&text, &mut n);
        let mut nn = String::new();
        norm_form(&n, &mut nn);
        prop_assert_eq!(&n, &nn);
    }

    #[test]
    fn the_key_of_a_key_is_itself(text in any_text()) {
        let mut buf = String::new();
        let mut buf2 = String::new();
        for t in tokenize(&text) {
            let k = key_of(t.text(&text), t.kind, &mut buf).to_string();
            prop_assert_eq!(key_of(&k, t.kind, &mut buf2), k.as_str());
            if t.kind == TokenKind::Word {
                prop_assert_eq!(stem(&k), k.as_str());
            }
            // The index writes this key as is: a token with a norm form always has a key.
            let mut nbuf = String::new();
            let (norm, nk) = norm_and_key(t.text(&text), t.kind, &mut nbuf);
            prop_assert_eq!(nk, k.as_str());
            prop_assert!(norm.is_empty() || !nk.is_empty());
        }
    }
}

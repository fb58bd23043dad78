//! The text core: tokens, their forms and keys, sentences. Every span lies in
//! the text, on char boundaries, in order; a sentence holds at most
//! `MAX_SENTENCE_TOKENS` tokens.
#![no_main]
use khabar_text::{display_form, key_of, norm_form, sentences, tokenize, MAX_SENTENCE_TOKENS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut last = 0;
    let mut buf = String::new();
    for t in tokenize(text) {
        assert!(t.start < t.end && t.end <= text.len(), "{t:?}");
        assert!(
            text.is_char_boundary(t.start) && text.is_char_boundary(t.end),
            "{t:?}"
        );
        // a hashtag's words follow it as tokens of their own, inside its span
        assert!(t.start >= last, "tokens go backwards: {t:?}");
        last = if t.kind == khabar_text::TokenKind::Hashtag {
            t.start + 1
        } else {
            t.end
        };
        let s = t.text(text);
        key_of(s, t.kind, &mut buf);
        buf.clear();
        norm_form(s, &mut buf);
        buf.clear();
        display_form(s, &mut buf);
    }
    let mut last = 0;
    for s in sentences(text) {
        assert!(
            s.start < s.end && s.end <= text.len() && s.start >= last,
            "{s:?}"
        );
        let sub = &text[s.start..s.end];
        assert!(tokenize(sub).count() <= MAX_SENTENCE_TOKENS, "{s:?}");
        last = s.end;
    }
});

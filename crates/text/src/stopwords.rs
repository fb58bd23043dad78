//! khabar's Arabic stop-word list (`data/stopwords.txt`, documented there).
//!
//! Stop words are matched on the writer's letters (diacritics and tatweel
//! removed, nothing folded): على is a stop word but the name علي is not, أمام
//! is but إمام is not.

use crate::chars::{is_diacritic, is_invisible, TATWEEL};
use crate::normalize::display_form;
use rustc_hash::FxHashSet;
use std::sync::OnceLock;

static STOPWORDS_TXT: &str = include_str!("../data/stopwords.txt");

fn set() -> &'static FxHashSet<String> {
    static S: OnceLock<FxHashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        STOPWORDS_TXT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let mut n = String::new();
                stop_form(l, &mut n);
                n
            })
            .collect()
    })
}

/// The form stop words are matched in: the display form without diacritics
/// (appended to `out`).
pub fn stop_form(surface: &str, out: &mut String) {
    if surface.chars().all(|c| {
        !is_diacritic(c)
            && !is_invisible(c)
            && c != TATWEEL
            && !crate::chars::is_presentation_form(c)
    }) {
        out.push_str(surface);
        return;
    }
    let start = out.len();
    display_form(surface, out);
    let stripped: String = out[start..].chars().filter(|&c| !is_diacritic(c)).collect();
    out.truncate(start);
    out.push_str(&stripped);
}

/// Is this word, as written, a stop word? Diacritics, tatweel and invisible
/// marks do not count; letters are not folded.
///
/// ```
/// assert!(khabar_text::is_stopword("التي"));
/// assert!(khabar_text::is_stopword("عَلَى"));
/// assert!(!khabar_text::is_stopword("علي"));
/// assert!(!khabar_text::is_stopword("بوتين"));
/// ```
pub fn is_stopword(word: &str) -> bool {
    let set = set();
    if set.contains(word) {
        return true;
    }
    let mut buf = String::new();
    stop_form(word, &mut buf);
    buf != word && set.contains(buf.as_str())
}

/// The stop words as listed (diacritics removed), sorted.
pub fn stopwords() -> Vec<&'static str> {
    let mut v: Vec<&str> = set().iter().map(String::as_str).collect();
    v.sort_unstable();
    v
}

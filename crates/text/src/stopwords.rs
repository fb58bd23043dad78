//! khabar's Arabic stop-word list (`data/stopwords.txt`, documented there).

use crate::normalize::norm_form;
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
                norm_form(l, &mut n);
                n
            })
            .collect()
    })
}

/// Is this search form (normalized, unstemmed) a stop word?
///
/// ```
/// assert!(khabar_text::is_stopword("التي"));
/// assert!(!khabar_text::is_stopword("بوتين"));
/// ```
pub fn is_stopword(norm: &str) -> bool {
    set().contains(norm)
}

/// The stop words in their search form, sorted.
pub fn stopwords() -> Vec<&'static str> {
    let mut v: Vec<&str> = set().iter().map(String::as_str).collect();
    v.sort_unstable();
    v
}

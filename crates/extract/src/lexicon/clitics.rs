//! The clitics of a normalized word: the forms a lexicon looks a token up
//! under (as written, without و/ف, without a preposition ب ل ك or لل).

use khabar_text::norm_form;
use std::borrow::Cow;

/// The norm form without one leading conjunction و or ف (only when at least
/// two letters remain).
pub(crate) fn strip_conj(norm: &str) -> Option<&str> {
    let rest = norm.strip_prefix('و').or_else(|| norm.strip_prefix('ف'))?;
    (rest.chars().count() >= 2).then_some(rest)
}

/// The norm form without its conjunction و or ف, if it has one ([`strip_conj`]).
pub(crate) fn without_conj(norm: &str) -> &str {
    strip_conj(norm).unwrap_or(norm)
}

/// Whether a word is in `list` as written or without its conjunction و/ف
/// ([`without_conj`]): وأكد and أكد are both the listed أكد, and a listed
/// وسط stays وسط.
pub(crate) fn listed(list: &[&str], norm: &str) -> bool {
    list.contains(&norm) || list.contains(&without_conj(norm))
}

/// The norm form without a leading preposition ب ل ك (after an optional
/// conjunction), with لل read as ال.
pub(crate) fn strip_prep(norm: &str) -> Option<Cow<'_, str>> {
    let base = without_conj(norm);
    if let Some(r) = base.strip_prefix("لل") {
        if r.chars().count() >= 2 {
            return Some(Cow::Owned(format!("ال{r}")));
        }
    }
    let rest = base
        .strip_prefix('ب')
        .or_else(|| base.strip_prefix('ل'))
        .or_else(|| base.strip_prefix('ك'))?;
    (rest.chars().count() >= 2).then_some(Cow::Borrowed(rest))
}

/// The candidate lexicon forms of a token: as written, without a conjunction,
/// without a preposition. The first is always the norm form itself.
pub(crate) fn candidates(norm: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let a = Some(Cow::Borrowed(norm));
    let b = strip_conj(norm).map(Cow::Borrowed);
    // Computed only when the first two did not match.
    let c = std::iter::once(()).filter_map(move |_| strip_prep(norm));
    a.into_iter().chain(b).chain(c)
}

/// Normalizes a lexicon phrase with the same function the text goes through.
pub(crate) fn norm_phrase(s: &str) -> Vec<String> {
    khabar_text::tokenize(s)
        .filter(|t| t.kind.is_content())
        .map(|t| {
            let mut b = String::new();
            norm_form(t.text(s), &mut b);
            b
        })
        .collect()
}

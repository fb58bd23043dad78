//! The number words (`data/number_words.tsv`): units, tens, hundreds, scales,
//! fractions and ordinals with their values, the percent phrases, and the
//! words that make a bare ordinal a month's.

use super::clitics::strip_conj;
use super::rows;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The value of one number word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum W {
    /// 1–10 (and the feminine/masculine forms).
    Unit(f64),
    Ten(f64),
    Hundred(f64),
    /// A scale word; the multiplier it carries on its own (ألفان = 2).
    Scale(f64, f64),
    Fraction(f64),
    Ordinal(f64),
}

pub(crate) struct NumberWords {
    values: FxHashMap<&'static str, W>,
    /// Too ambiguous alone (ست "lady", اثنين "Monday").
    pub lone: Vec<&'static str>,
    /// Percent phrases after a number (في المائة), as normalized words.
    pub percent: Vec<Vec<&'static str>>,
    /// Words after which a bare ordinal is a month's (كانون الثاني).
    pub month_heads: Vec<&'static str>,
    /// Before the first end of a range (بين).
    pub range_from: Vec<&'static str>,
    /// Between the ends of a range (إلى، حتى).
    pub range_to: Vec<&'static str>,
    /// Verbs and nouns of change: من A إلى B after them is two values.
    pub change: Vec<&'static str>,
}

fn value(s: &str) -> f64 {
    let v = match s.split_once('/') {
        Some((a, b)) => a
            .parse::<f64>()
            .ok()
            .zip(b.parse::<f64>().ok())
            .map(|(a, b)| a / b),
        None => s.parse().ok(),
    };
    v.unwrap_or_else(|| panic!("number_words.tsv: bad value {s:?}"))
}

pub(crate) fn number_words() -> &'static NumberWords {
    static T: OnceLock<NumberWords> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = NumberWords {
            values: FxHashMap::default(),
            lone: Vec::new(),
            percent: Vec::new(),
            month_heads: Vec::new(),
            range_from: Vec::new(),
            range_to: Vec::new(),
            change: Vec::new(),
        };
        for f in rows(include_str!("../../data/number_words.tsv")) {
            let v = || value(f.get(2).copied().unwrap_or(""));
            let w = match f[1] {
                "unit" => W::Unit(v()),
                "ten" => W::Ten(v()),
                "hundred" => W::Hundred(v()),
                "scale" => W::Scale(v(), value(f.get(3).copied().unwrap_or(""))),
                "fraction" => W::Fraction(v()),
                "ordinal" => W::Ordinal(v()),
                "percent" => {
                    t.percent.push(f[0].split(' ').collect());
                    continue;
                }
                "month-head" | "range-from" | "range-to" | "change" => {
                    match f[1] {
                        "month-head" => &mut t.month_heads,
                        "range-from" => &mut t.range_from,
                        "range-to" => &mut t.range_to,
                        _ => &mut t.change,
                    }
                    .push(f[0]);
                    continue;
                }
                k => panic!("number_words.tsv: unknown kind {k:?}"),
            };
            match f.get(4).copied().unwrap_or("") {
                "lone" => t.lone.push(f[0]),
                "" => {}
                x => panic!("number_words.tsv: unknown flag {x:?}"),
            }
            // The first of a word listed twice.
            t.values.entry(f[0]).or_insert(w);
        }
        t
    })
}

/// The value of one normalized number word.
pub(crate) fn word_value(norm: &str) -> Option<W> {
    number_words().values.get(norm).copied()
}

/// The value of a word that may begin a number written in words, and whether
/// a clitic was taken off for it: the first word may carry a conjunction or
/// preposition (وثلاثة، بنصف).
pub(crate) fn first_number_word(first: &str) -> Option<(W, bool)> {
    word_value(first)
        .map(|w| (w, false))
        .or_else(|| {
            let s = strip_conj(first)
                .or_else(|| first.strip_prefix('ب'))
                .or_else(|| first.strip_prefix('ل'))?;
            // بثلاثة، لخمسة; but not لست ("I am not")
            if s.chars().count() < 4 && !first.starts_with(['و', 'ف']) {
                return None;
            }
            word_value(s).map(|w| (w, true))
        })
        .or_else(|| definite_unit(first).map(|w| (w, false)))
}

/// A unit written with the article (الثلاثة، الستة عشر، الخمس): the unit.
pub(crate) fn definite_unit(norm: &str) -> Option<W> {
    word_value(norm.strip_prefix("ال")?).filter(|w| matches!(w, W::Unit(_)))
}

/// Whether a norm form may begin a number written in words (kept for each
/// word by the vocabulary).
pub(crate) fn may_begin_number(norm: &str) -> bool {
    first_number_word(norm).is_some()
}

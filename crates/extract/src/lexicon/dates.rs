//! The date lexicons: month names (`data/months.tsv`), weekdays
//! (`data/weekdays.tsv`), relative words (`data/relative_dates.tsv`), the cue
//! words around a date (`data/date_cues.tsv`) and the counted nouns that make
//! a number a count, not a year (`data/counted_nouns.tsv`).

use super::{rows, word_lists, PhraseSet, WordMap};
use chrono::Weekday;
use khabar_text::TokenKind;
use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// A month name's month.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Month {
    pub n: u32,
    pub hijri: bool,
    /// Needs a day or a year beside it (آب is also "father", صفر "zero").
    pub ambiguous: bool,
}

pub(crate) fn months() -> &'static PhraseSet<Month> {
    static SET: OnceLock<PhraseSet<Month>> = OnceLock::new();
    SET.get_or_init(|| {
        PhraseSet::from_tsv(include_str!("../../data/months.tsv"), |f| Month {
            n: f[0]
                .parse()
                .ok()
                .filter(|n| (1..=12).contains(n))
                .unwrap_or_else(|| panic!("months.tsv: bad month {:?}", f[0])),
            hijri: match f[1] {
                "hijri" => true,
                "gregorian" => false,
                c => panic!("months.tsv: unknown calendar {c:?}"),
            },
            ambiguous: match f.get(2).copied().unwrap_or("") {
                "ambiguous" => true,
                "" => false,
                x => panic!("months.tsv: unknown flag {x:?}"),
            },
        })
    })
}

/// The weekdays by their normalized names.
pub(crate) fn weekdays() -> &'static WordMap<Weekday> {
    static MAP: OnceLock<WordMap<Weekday>> = OnceLock::new();
    MAP.get_or_init(|| {
        let days: Vec<(&str, Weekday)> = rows(include_str!("../../data/weekdays.tsv"))
            .map(|f| {
                let d = f[1]
                    .parse()
                    .unwrap_or_else(|_| panic!("weekdays.tsv: bad weekday {:?}", f[1]));
                (f[0], d)
            })
            .collect();
        // The first of a name listed twice, as a scan of the list finds it.
        WordMap::new(days.into_iter().rev())
    })
}

/// A time relative to the article's date.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Rel {
    Day(i64),
    Week(i64),
    Month(i32),
    Year(i32),
}

pub(crate) fn relatives() -> &'static PhraseSet<Rel> {
    static SET: OnceLock<PhraseSet<Rel>> = OnceLock::new();
    SET.get_or_init(|| {
        PhraseSet::from_tsv(include_str!("../../data/relative_dates.tsv"), |f| {
            let k: i32 = f[1]
                .parse()
                .unwrap_or_else(|_| panic!("relative_dates.tsv: bad offset {:?}", f[1]));
            match f[0] {
                "day" => Rel::Day(k.into()),
                "week" => Rel::Week(k.into()),
                "month" => Rel::Month(k),
                "year" => Rel::Year(k),
                u => panic!("relative_dates.tsv: unknown unit {u:?}"),
            }
        })
    })
}

word_lists! {
    /// The cue words around a date (`data/date_cues.tsv`, where each list is
    /// described), as normalized words.
    DateCues, cues, "../../data/date_cues.tsv" {
        year_nouns = "year-noun",
        year_cues = "year-cue",
        more_less = "more-less",
        gregorian = "gregorian",
        hijri = "hijri",
        range_from = "range-from",
        range_to = "range-to",
        weekday_day = "weekday-day",
        future = "future",
        past = "past",
        current = "current",
        pair_after = "pair-after",
        pair_before = "pair-before",
        time = "time",
    }
}

impl DateCues {
    /// Which way a word after a month name points from the article's month: `Greater` for
    /// المقبل، `Less` for الماضي، `Equal` for الجاري.
    pub(crate) fn month_direction(&self, w: &str) -> Option<std::cmp::Ordering> {
        use std::cmp::Ordering::*;
        [
            (&self.future, Greater),
            (&self.past, Less),
            (&self.current, Equal),
        ]
        .into_iter()
        .find_map(|(l, o)| l.contains(&w).then_some(o))
    }
}

/// The search keys of the counted nouns.
pub(crate) fn counted_keys() -> &'static FxHashSet<String> {
    static K: OnceLock<FxHashSet<String>> = OnceLock::new();
    K.get_or_init(|| {
        let mut buf = String::new();
        rows(include_str!("../../data/counted_nouns.tsv"))
            .map(|f| khabar_text::key_of(f[0], TokenKind::Word, &mut buf).to_string())
            .collect()
    })
}

/// Whether a normalized word names a time (a weekday, اليوم، أمس …).
pub(crate) fn is_time_word(norm: &str) -> bool {
    weekdays().get(norm).is_some() || cues().time.contains(&norm)
}

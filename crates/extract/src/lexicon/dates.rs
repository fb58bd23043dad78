//! The date lexicons: month names (`data/months.tsv`), weekdays
//! (`data/weekdays.tsv`) and their ordinals (`data/weekday_ordinals.tsv`),
//! relative words (`data/relative_dates.tsv`), the cue words around a date
//! (`data/date_cues.tsv`), the counted nouns that make a number a count, not a
//! year (`data/counted_nouns.tsv`), and the Umm al-Qura calendar
//! (`data/hijri_months.tsv`).

use super::{rows, word_lists, PhraseSet, WordMap};
use chrono::{Duration, NaiveDate, Weekday};
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

/// A weekday's name.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Day {
    pub wd: Weekday,
    /// The indefinite name (جمعة): a weekday only after an ordinal (ثاني جمعة).
    pub bare: bool,
}

/// The weekdays by their normalized names.
pub(crate) fn weekdays() -> &'static WordMap<Day> {
    static MAP: OnceLock<WordMap<Day>> = OnceLock::new();
    MAP.get_or_init(|| {
        let days: Vec<(&str, Day)> = rows(include_str!("../../data/weekdays.tsv"))
            .map(|f| {
                let wd = f[1]
                    .parse()
                    .unwrap_or_else(|_| panic!("weekdays.tsv: bad weekday {:?}", f[1]));
                let bare = match f.get(2).copied().unwrap_or("") {
                    "bare" => true,
                    "" => false,
                    x => panic!("weekdays.tsv: unknown flag {x:?}"),
                };
                (f[0], Day { wd, bare })
            })
            .collect();
        // The first of a name listed twice, as a scan of the list finds it.
        WordMap::new(days.into_iter().rev())
    })
}

/// The ordinals of a weekday of a month (`data/weekday_ordinals.tsv`): n (-1 the last) and
/// whether the ordinal comes before the weekday (ثاني جمعة) or after it (الجمعة الثانية).
pub(crate) fn weekday_ordinals() -> &'static WordMap<(i8, bool)> {
    static MAP: OnceLock<WordMap<(i8, bool)>> = OnceLock::new();
    MAP.get_or_init(|| {
        WordMap::new(
            rows(include_str!("../../data/weekday_ordinals.tsv")).map(|f| {
                let n: i8 = f[1]
                    .parse()
                    .ok()
                    .filter(|n| (-1..=5).contains(n) && *n != 0)
                    .unwrap_or_else(|| panic!("weekday_ordinals.tsv: bad n {:?}", f[1]));
                let before = match f[2] {
                    "before" => true,
                    "after" => false,
                    x => panic!("weekday_ordinals.tsv: unknown place {x:?}"),
                };
                (f[0], (n, before))
            }),
        )
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

/// A relative word: its time, and whether it counts from the last year the text names
/// (السنة السابقة) rather than from the article's date.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Relative {
    pub rel: Rel,
    pub anaphoric: bool,
}

pub(crate) fn relatives() -> &'static PhraseSet<Relative> {
    static SET: OnceLock<PhraseSet<Relative>> = OnceLock::new();
    SET.get_or_init(|| {
        PhraseSet::from_tsv(include_str!("../../data/relative_dates.tsv"), |f| {
            let k: i32 = f[1]
                .parse()
                .unwrap_or_else(|_| panic!("relative_dates.tsv: bad offset {:?}", f[1]));
            let rel = match f[0] {
                "day" => Rel::Day(k.into()),
                "week" => Rel::Week(k.into()),
                "month" => Rel::Month(k),
                "year" => Rel::Year(k),
                u => panic!("relative_dates.tsv: unknown unit {u:?}"),
            };
            let anaphoric = match f.get(2).copied().unwrap_or("") {
                "anaphoric" => true,
                "" => false,
                x => panic!("relative_dates.tsv: unknown flag {x:?}"),
            };
            Relative { rel, anaphoric }
        })
    })
}

/// The Umm al-Qura calendar (`data/hijri_months.tsv`): the first Hijri year of the table
/// and, for each year from it, the Gregorian day of its 1 Muharram and its months' lengths.
struct UmmAlQura {
    first: i64,
    years: Vec<(NaiveDate, [u8; 12])>,
}

fn umm_al_qura() -> &'static UmmAlQura {
    static T: OnceLock<UmmAlQura> = OnceLock::new();
    T.get_or_init(|| {
        let mut first = None;
        let mut years = Vec::new();
        for f in rows(include_str!("../../data/hijri_months.tsv")) {
            let y: i64 = f[0].parse().expect("hijri_months.tsv: bad year");
            let next = first.get_or_insert(y);
            assert_eq!(
                *next + years.len() as i64,
                y,
                "hijri_months.tsv: years out of order"
            );
            let start: NaiveDate = f[1].parse().expect("hijri_months.tsv: bad day");
            let mut len = [0u8; 12];
            let mut it = f[2].split(' ');
            for l in &mut len {
                *l = it
                    .next()
                    .and_then(|x| x.parse().ok())
                    .filter(|l| (28..=31).contains(l))
                    .expect("hijri_months.tsv: bad month length");
            }
            years.push((start, len));
        }
        UmmAlQura {
            first: first.expect("hijri_months.tsv: empty"),
            years,
        }
    })
}

/// The Gregorian day of the first of a Hijri month (1..=12) and the month's length, by the
/// Umm al-Qura calendar; `None` outside its years (1343-1500 AH).
pub(crate) fn hijri_month(y: i64, m: u32) -> Option<(NaiveDate, u32)> {
    let t = umm_al_qura();
    let (start, len) = t.years.get(usize::try_from(y - t.first).ok()?)?;
    let before: i64 = len
        .get(..(m as usize).checked_sub(1)?)?
        .iter()
        .map(|&l| i64::from(l))
        .sum();
    Some((
        *start + Duration::days(before),
        u32::from(*len.get(m as usize - 1)?),
    ))
}

/// The Hijri date (year, month, day) of a Gregorian day, by the Umm al-Qura calendar.
pub(crate) fn to_hijri(d: NaiveDate) -> Option<(i64, u32, u32)> {
    let t = umm_al_qura();
    let k = t.years.partition_point(|(s, _)| *s <= d).checked_sub(1)?;
    let (start, len) = &t.years[k];
    let mut day = (d - *start).num_days();
    for (m, &l) in len.iter().enumerate() {
        if day < i64::from(l) {
            return Some((t.first + k as i64, m as u32 + 1, day as u32 + 1));
        }
        day -= i64::from(l);
    }
    None
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
        will = "will",
        was = "was",
        not_will = "not-will",
        first_day = "first-day",
        same_day = "same-day",
        month_noun = "month-noun",
        epithet = "epithet",
        of_month = "of-month",
        months_plural = "months-plural",
        part_first = "part-first",
        part_last = "part-last",
        half = "half",
        quarter = "quarter",
        same = "same",
        edition = "edition",
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
    weekdays().get(norm).is_some_and(|d| !d.bare) || cues().time.contains(&norm)
}

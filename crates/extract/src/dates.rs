//! Dates: Gregorian month names in their three traditions (يناير… / كانون
//! الثاني… / جانفي…), Hijri months, numeric dates, years and ranges (من 1989
//! حتى 2019), weekdays and relative words (الاثنين، أمس، الأسبوع الماضي)
//! resolved against the article's date when it is known. Values are ISO 8601:
//! `2022-01-10`, `2022-01`, `2022`, `2022-W02`, `--01-10` (no year known).

use crate::doc::Doc;
use crate::lexicon::{PhraseSet, WordMap};
use crate::numbers::parse_digits;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use khabar_text::TokenKind;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// What a date mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateKind {
    /// A day (with or without its year).
    Date,
    /// A month (and year).
    Month,
    Year,
    /// From one year or date to another.
    Range,
    Weekday,
    /// Today, yesterday, last week …
    Relative,
}

/// The calendar of a date's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Calendar {
    Gregorian,
    Hijri,
}

/// One date in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: DateKind,
    /// The ISO 8601 value when it can be known (a weekday or a relative word
    /// needs the article's date).
    pub value: Option<String>,
    /// The end of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_value: Option<String>,
    pub calendar: Calendar,
}

#[derive(Clone, Copy)]
pub(crate) struct Month {
    n: u32,
    hijri: bool,
    /// Needs a day or a year beside it (آب is also "father", صفر "zero").
    ambiguous: bool,
}

const MONTHS: &[(&str, u32, bool, bool)] = &[
    ("يناير", 1, false, false),
    ("فبراير", 2, false, false),
    ("مارس", 3, false, false),
    ("أبريل", 4, false, false),
    ("ابريل", 4, false, false),
    ("إبريل", 4, false, false),
    ("مايو", 5, false, false),
    ("يونيو", 6, false, false),
    ("يونيه", 6, false, false),
    ("يوليو", 7, false, false),
    ("يوليه", 7, false, false),
    ("أغسطس", 8, false, false),
    ("سبتمبر", 9, false, false),
    ("أكتوبر", 10, false, false),
    ("نوفمبر", 11, false, false),
    ("ديسمبر", 12, false, false),
    ("كانون الثاني", 1, false, false),
    ("شباط", 2, false, false),
    ("آذار", 3, false, false),
    ("نيسان", 4, false, false),
    ("أيار", 5, false, true),
    ("حزيران", 6, false, false),
    ("تموز", 7, false, true),
    ("آب", 8, false, true),
    ("أيلول", 9, false, false),
    ("تشرين الأول", 10, false, false),
    ("تشرين الثاني", 11, false, false),
    ("كانون الأول", 12, false, false),
    ("جانفي", 1, false, false),
    ("فيفري", 2, false, false),
    ("أفريل", 4, false, false),
    ("ماي", 5, false, true),
    ("جوان", 6, false, false),
    ("جويلية", 7, false, false),
    ("جويلة", 7, false, false),
    ("أوت", 8, false, true),
    ("يوليوز", 7, false, false),
    ("غشت", 8, false, false),
    ("شتنبر", 9, false, false),
    ("نونبر", 11, false, false),
    ("دجنبر", 12, false, false),
    ("محرم", 1, true, true),
    ("صفر", 2, true, true),
    ("ربيع الأول", 3, true, false),
    ("ربيع الثاني", 4, true, false),
    ("ربيع الآخر", 4, true, false),
    ("جمادى الأولى", 5, true, false),
    ("جمادى الأول", 5, true, false),
    ("جمادى الآخرة", 6, true, false),
    ("جمادى الثانية", 6, true, false),
    ("رجب", 7, true, true),
    ("شعبان", 8, true, false),
    ("رمضان", 9, true, true),
    ("شوال", 10, true, false),
    ("ذو القعدة", 11, true, false),
    ("ذي القعدة", 11, true, false),
    ("ذو الحجة", 12, true, false),
    ("ذي الحجة", 12, true, false),
];

pub(crate) fn months() -> &'static PhraseSet<Month> {
    static SET: OnceLock<PhraseSet<Month>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut s = PhraseSet::default();
        for &(w, n, hijri, ambiguous) in MONTHS {
            s.insert(
                w,
                Month {
                    n,
                    hijri,
                    ambiguous,
                },
            );
        }
        s
    })
}

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("الاحد", Weekday::Sun),
    ("الاثنين", Weekday::Mon),
    ("الثلاثاء", Weekday::Tue),
    ("الاربعاء", Weekday::Wed),
    ("الخميس", Weekday::Thu),
    ("الجمعه", Weekday::Fri),
    ("السبت", Weekday::Sat),
];

fn weekdays() -> &'static WordMap<Weekday> {
    static MAP: OnceLock<WordMap<Weekday>> = OnceLock::new();
    // The first of a name listed twice, as a scan of the list finds it.
    MAP.get_or_init(|| WordMap::new(WEEKDAYS.iter().rev().copied()))
}

#[derive(Clone, Copy)]
pub(crate) enum Rel {
    Day(i64),
    Week(i64),
    Month(i32),
    Year(i32),
}

const RELATIVE: &[(&str, Rel)] = &[
    ("اليوم", Rel::Day(0)),
    ("أمس", Rel::Day(-1)),
    ("البارحة", Rel::Day(-1)),
    ("أمس الأول", Rel::Day(-2)),
    ("أول أمس", Rel::Day(-2)),
    ("غدا", Rel::Day(1)),
    ("بعد غد", Rel::Day(2)),
    ("الأسبوع الماضي", Rel::Week(-1)),
    ("الأسبوع المقبل", Rel::Week(1)),
    ("الأسبوع القادم", Rel::Week(1)),
    ("الأسبوع الجاري", Rel::Week(0)),
    ("هذا الأسبوع", Rel::Week(0)),
    ("الشهر الماضي", Rel::Month(-1)),
    ("الشهر المقبل", Rel::Month(1)),
    ("الشهر القادم", Rel::Month(1)),
    ("الشهر الجاري", Rel::Month(0)),
    ("هذا الشهر", Rel::Month(0)),
    ("العام الماضي", Rel::Year(-1)),
    ("العام المقبل", Rel::Year(1)),
    ("العام القادم", Rel::Year(1)),
    ("العام الجاري", Rel::Year(0)),
    ("العام الحالي", Rel::Year(0)),
    ("هذا العام", Rel::Year(0)),
    ("السنة الماضية", Rel::Year(-1)),
    ("السنة المقبلة", Rel::Year(1)),
    ("السنة القادمة", Rel::Year(1)),
];

pub(crate) fn relatives() -> &'static PhraseSet<Rel> {
    static SET: OnceLock<PhraseSet<Rel>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut s = PhraseSet::default();
        for &(w, r) in RELATIVE {
            s.insert(w, r);
        }
        s
    })
}

/// The words "year" before a bare four-digit number: a year even before a
/// counted noun (في عام 2000 جندي is not a count).
const YEAR_NOUNS: &[&str] = &["عام", "العام", "لعام", "سنه", "السنه", "لسنه"];

/// Other words before a bare four-digit number that make it a year (unless
/// a counted noun follows it, see [`is_count`]).
const YEAR_CUES: &[&str] = &[
    "منذ",
    "حتي",
    "الي",
    "من",
    "في",
    "بين",
    "خلال",
    "قبل",
    "بعد",
    "مطلع",
    "نهايه",
    "بدايه",
    "اواخر",
    "اواءل",
    "منتصف",
    "وفي",
    "ومنذ",
    "عامي",
    "العامين",
    "موسم",
];

/// Nouns counted in news, as written: a number before one of them is a
/// count, not a year (أكثر من 2000 جندي). Matched by key.
const COUNTED: &[&str] = &[
    "جندي",
    "عسكري",
    "مقاتل",
    "عنصر",
    "شرطي",
    "شخص",
    "قتيل",
    "جريح",
    "مصاب",
    "ضحية",
    "مدني",
    "طفل",
    "امرأة",
    "رجل",
    "لاجئ",
    "نازح",
    "مهاجر",
    "معتقل",
    "سجين",
    "أسير",
    "متظاهر",
    "محتج",
    "موظف",
    "عامل",
    "طالب",
    "مواطن",
    "حالة",
    "إصابة",
    "وفاة",
    "منزل",
    "مبنى",
    "سيارة",
    "صاروخ",
    "طائرة",
    "قذيفة",
    "دبابة",
    "دولار",
    "يورو",
    "ريال",
    "جنيه",
    "دينار",
    "درهم",
    "ليرة",
    "روبل",
    "برميل",
    "طن",
    "كيلومتر",
    "كلم",
    "متر",
    "ميل",
    "هكتار",
    "وظيفة",
    "صوت",
    "مقعد",
    "عضو",
    "مشارك",
    "زائر",
    "سائح",
    "حاج",
    "معتمر",
];

fn counted_keys() -> &'static rustc_hash::FxHashSet<String> {
    static K: OnceLock<rustc_hash::FxHashSet<String>> = OnceLock::new();
    K.get_or_init(|| {
        let mut buf = String::new();
        COUNTED
            .iter()
            .map(|w| khabar_text::key_of(w, TokenKind::Word, &mut buf).to_string())
            .collect()
    })
}

/// Words before `من` that make the number after it a quantity (أكثر من 2000).
const MORE_LESS: &[&str] = &["اكثر", "اقل", "ازيد"];

/// Is the bare number at `i` a count rather than a year?
fn is_count(doc: &Doc, i: usize, prev: &str) -> bool {
    let before_prev = i
        .checked_sub(2)
        .map(|p| doc.toks[p].norm.as_str())
        .unwrap_or("");
    if prev == "من" && MORE_LESS.contains(&before_prev) {
        return true;
    }
    doc.toks.get(i + 1).is_some_and(|t| {
        !YEAR_NOUNS.contains(&prev) && counted_keys().contains(khabar_text::stem(t.norm.as_str()))
    })
}

fn num_at(doc: &Doc, i: usize) -> Option<f64> {
    let t = doc.toks.get(i)?;
    (t.kind == TokenKind::Number)
        .then(|| parse_digits(doc.surface(i)))
        .flatten()
}

fn int_at(doc: &Doc, i: usize) -> Option<i64> {
    let v = num_at(doc, i)?;
    (v.fract() == 0.0 && !doc.surface(i).contains(['.', ',', '٫', '٬'])).then_some(v as i64)
}

/// A year marker after a year: م (Gregorian) or هـ (Hijri).
fn era_at(doc: &Doc, i: usize) -> Option<Calendar> {
    let t = doc.toks.get(i)?;
    match t.norm.as_str() {
        "م" | "ميلادي" | "ميلاديه" => Some(Calendar::Gregorian),
        "ه" | "هـ" | "هجري" | "هجريه" => Some(Calendar::Hijri),
        _ => None,
    }
}

fn is_year(y: i64) -> bool {
    (1800..=2100).contains(&y)
}

/// All dates of a text, in order, not overlapping.
pub(crate) fn find(doc: &Doc, article: Option<NaiveDate>) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    let n = doc.toks.len();
    let mut i = 0;
    let mk =
        |first: usize, last: usize, kind, value: Option<String>, end_value, calendar| DateMention {
            text: doc.slice(first, last).to_string(),
            start: doc.toks[first].start,
            end: doc.toks[last].end,
            kind,
            value,
            end_value,
            calendar,
        };
    while i < n {
        // Numeric dates: 10/1/2022, 2022-01-10
        if let Some(a) = int_at(doc, i) {
            if i + 4 < n {
                let s1 = doc.surface(i + 1);
                let s2 = doc.surface(i + 3);
                let tight = (0..4).all(|k| doc.gap_after(i + k).is_empty());
                if tight && s1 == s2 && matches!(s1, "/" | "-" | ".") {
                    if let (Some(b), Some(c)) = (int_at(doc, i + 2), int_at(doc, i + 4)) {
                        let (y, m, d) = if a > 31 { (a, b, c) } else { (c, b, a) };
                        if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32) {
                            out.push(mk(
                                i,
                                i + 4,
                                DateKind::Date,
                                Some(date.to_string()),
                                None,
                                Calendar::Gregorian,
                            ));
                            i += 5;
                            continue;
                        }
                    }
                }
            }
        }
        // Month names, with an optional day before and year after.
        if let Some(hit) = months().match_at(doc, i) {
            let mo = *hit.value;
            let mut first = i;
            let mut last = hit.last;
            // كانون الثاني/يناير: two names of one month
            if last + 2 < n && doc.surface(last + 1) == "/" {
                if let Some(h2) = months().match_at(doc, last + 2) {
                    last = h2.last;
                }
            }
            let day = if !hit.clitic {
                i.checked_sub(1)
                    .and_then(|p| int_at(doc, p))
                    .filter(|d| (1..=31).contains(d))
            } else {
                None
            };
            if day.is_some() {
                first = i - 1;
            }
            let mut year = int_at(doc, last + 1).filter(|y| {
                if mo.hijri {
                    (1300..=1600).contains(y)
                } else {
                    is_year(*y)
                }
            });
            let mut calendar = if mo.hijri {
                Calendar::Hijri
            } else {
                Calendar::Gregorian
            };
            if year.is_some() {
                last += 1;
                if let Some(c) = era_at(doc, last + 1) {
                    calendar = c;
                    last += 1;
                }
            }
            if mo.ambiguous && day.is_none() && year.is_none() {
                i = hit.last + 1;
                continue;
            }
            if year.is_none() && calendar == Calendar::Gregorian {
                year = article.map(|d| d.year() as i64);
            }
            let value = match (year, day) {
                (Some(y), Some(d)) => Some(format!("{y:04}-{:02}-{d:02}", mo.n)),
                (Some(y), None) => Some(format!("{y:04}-{:02}", mo.n)),
                (None, Some(d)) => Some(format!("--{:02}-{d:02}", mo.n)),
                (None, None) => Some(format!("--{:02}", mo.n)),
            };
            let kind = if day.is_some() {
                DateKind::Date
            } else {
                DateKind::Month
            };
            out.push(mk(first, last, kind, value, None, calendar));
            i = last + 1;
            continue;
        }
        // Years and ranges of years.
        if let Some(y) = int_at(doc, i).filter(|&y| is_year(y) || (1300..=1500).contains(&y)) {
            let prev = i
                .checked_sub(1)
                .map(|p| doc.toks[p].norm.as_str())
                .unwrap_or("");
            let era = era_at(doc, i + 1);
            let hijri = era == Some(Calendar::Hijri);
            let cued = YEAR_NOUNS.contains(&prev)
                || (YEAR_CUES.contains(&prev) && !is_count(doc, i, prev))
                || era.is_some();
            // من 1989 حتى 2019 / بين 1989 و2019 / 1989-2019
            let range_to = |j: usize| -> Option<(usize, i64)> {
                let conn = doc.toks.get(j)?.norm.as_str();
                if matches!(conn, "حتي" | "الي" | "و" | "-" | "–") {
                    int_at(doc, j + 1)
                        .filter(|&y2| y2 > y && (is_year(y2) || hijri))
                        .map(|y2| (j + 1, y2))
                } else {
                    None
                }
            };
            let after = if era.is_some() { i + 2 } else { i + 1 };
            if is_year(y) || hijri {
                if let Some((j, y2)) = range_to(after) {
                    let first = if matches!(prev, "من" | "بين" | "منذ") {
                        i - 1
                    } else {
                        i
                    };
                    let last = if era_at(doc, j + 1).is_some() {
                        j + 1
                    } else {
                        j
                    };
                    let cal = if hijri {
                        Calendar::Hijri
                    } else {
                        Calendar::Gregorian
                    };
                    out.push(mk(
                        first,
                        last,
                        DateKind::Range,
                        Some(y.to_string()),
                        Some(y2.to_string()),
                        cal,
                    ));
                    i = last + 1;
                    continue;
                }
                if cued && (is_year(y) || hijri) {
                    let last = if era.is_some() { i + 1 } else { i };
                    let cal = if hijri {
                        Calendar::Hijri
                    } else {
                        Calendar::Gregorian
                    };
                    out.push(mk(i, last, DateKind::Year, Some(y.to_string()), None, cal));
                    i = last + 1;
                    continue;
                }
            }
        }
        // Relative words: أمس، الأسبوع الماضي
        if let Some(hit) = relatives().match_at(doc, i) {
            let rel = *hit.value;
            let value = article.map(|d| match rel {
                Rel::Day(k) => (d + Duration::days(k)).to_string(),
                Rel::Week(k) => {
                    let w = (d + Duration::weeks(k)).iso_week();
                    format!("{}-W{:02}", w.year(), w.week())
                }
                Rel::Month(k) => {
                    let m0 = d.year() * 12 + d.month0() as i32 + k;
                    format!("{:04}-{:02}", m0.div_euclid(12), m0.rem_euclid(12) + 1)
                }
                Rel::Year(k) => (d.year() + k).to_string(),
            });
            out.push(mk(
                i,
                hit.last,
                DateKind::Relative,
                value,
                None,
                Calendar::Gregorian,
            ));
            i = hit.last + 1;
            continue;
        }
        // Weekdays: (يوم) الاثنين (المقبل)
        if doc.toks[i].is_word() {
            let wd = weekdays().cands(&doc.toks[i], 3).next().copied();
            if let Some(wd) = wd {
                let next = doc.toks.get(i + 1).map(|t| t.norm.as_str()).unwrap_or("");
                // الاثنين also means "the two": "بين الاثنين", "الاثنين معا"
                let both = wd == Weekday::Mon
                    && (matches!(next, "معا" | "منهما" | "منهم")
                        || i > 0 && matches!(doc.toks[i - 1].norm.as_str(), "بين" | "كلا" | "هذين"));
                if !both {
                    let first = if i > 0
                        && matches!(doc.toks[i - 1].norm.as_str(), "يوم" | "ويوم" | "اليوم")
                    {
                        i - 1
                    } else {
                        i
                    };
                    let future = matches!(next, "المقبل" | "القادم");
                    let last = if future || next == "الماضي" {
                        i + 1
                    } else {
                        i
                    };
                    let value = article.map(|d| {
                        let back = (d.weekday().num_days_from_monday() as i64
                            - wd.num_days_from_monday() as i64)
                            .rem_euclid(7);
                        if future {
                            let fwd = (7 - back) % 7;
                            (d + Duration::days(if fwd == 0 { 7 } else { fwd })).to_string()
                        } else if next == "الماضي" && back == 0 {
                            (d - Duration::days(7)).to_string()
                        } else {
                            (d - Duration::days(back)).to_string()
                        }
                    });
                    out.push(mk(
                        first,
                        last,
                        DateKind::Weekday,
                        value,
                        None,
                        Calendar::Gregorian,
                    ));
                    i = last + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// Whether a normalized word names a time (a weekday, اليوم، أمس …).
pub(crate) fn is_time_word(norm: &str) -> bool {
    WEEKDAYS.iter().any(|(w, _)| *w == norm) || matches!(norm, "اليوم" | "امس" | "الاحد" | "يوم")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(t: &str, d: Option<NaiveDate>) -> Vec<(DateKind, Option<String>, Option<String>)> {
        find(&Doc::new(t), d)
            .into_iter()
            .map(|m| (m.kind, m.value, m.end_value))
            .collect()
    }

    fn day(s: &str) -> Option<NaiveDate> {
        s.parse().ok()
    }

    #[test]
    fn month_names_in_three_traditions_and_hijri() {
        assert_eq!(
            dates("في 10 يناير 2022", None)[0].1.as_deref(),
            Some("2022-01-10")
        );
        assert_eq!(
            dates("في 10 كانون الثاني/يناير 2022", None)[0].1.as_deref(),
            Some("2022-01-10")
        );
        assert_eq!(
            dates("يوم 5 جانفي 2019", None)[0].1.as_deref(),
            Some("2019-01-05")
        );
        assert_eq!(
            dates("في 3 تشرين الأول", day("2021-12-01"))[0].1.as_deref(),
            Some("2021-10-03")
        );
        let h = find(&Doc::new("في 12 ربيع الأول 1443 هـ"), None);
        assert_eq!(
            (h[0].calendar, h[0].value.as_deref()),
            (Calendar::Hijri, Some("1443-03-12"))
        );
        // آب alone is "father"
        assert!(dates("قال الآب", None).is_empty());
    }

    #[test]
    fn counts_are_not_years() {
        assert!(dates("نشرت روسيا أكثر من 2000 جندي في كازاخستان", None).is_empty());
        assert!(dates("وصل في 2000 جندي إلى المدينة", None).is_empty());
        assert!(dates("قتل من 1900 شخص", None).is_empty());
        // A year stays a year after its cues, even before a counted noun.
        assert_eq!(
            dates("في عام 2000 جندي", None)[0].1.as_deref(),
            Some("2000")
        );
        assert_eq!(dates("وقال في 2019 إن", None)[0].1.as_deref(), Some("2019"));
    }

    #[test]
    fn numeric_years_and_ranges() {
        assert_eq!(
            dates("بتاريخ 10/1/2022", None)[0].1.as_deref(),
            Some("2022-01-10")
        );
        assert_eq!(
            dates("صدر في 2022-01-10", None)[0].1.as_deref(),
            Some("2022-01-10")
        );
        assert_eq!(
            dates("حكم كازاخستان من 1989 حتى 2019", None),
            vec![(DateKind::Range, Some("1989".into()), Some("2019".into()))]
        );
        assert_eq!(
            dates("في عام 2011 اندلعت", None),
            vec![(DateKind::Year, Some("2011".into()), None)]
        );
        assert!(dates("أرسلت 2500 جندي", None).is_empty());
    }

    #[test]
    fn weekdays_and_relative_words_resolve_against_the_article_date() {
        let d = day("2022-01-11"); // a Tuesday
        assert_eq!(
            dates("وقال بوتين الاثنين إن", d)[0].1.as_deref(),
            Some("2022-01-10")
        );
        assert_eq!(dates("وأعلن أمس", d)[0].1.as_deref(), Some("2022-01-10"));
        assert_eq!(dates("الأسبوع الماضي", d)[0].1.as_deref(), Some("2022-W01"));
        assert_eq!(dates("الشهر الماضي", d)[0].1.as_deref(), Some("2021-12"));
        assert_eq!(
            dates("يوم الجمعة المقبل", d)[0].1.as_deref(),
            Some("2022-01-14")
        );
        assert_eq!(
            dates("وقال الاثنين", None)[0],
            (DateKind::Weekday, None, None)
        );
        assert!(dates("اتفق الاثنين معا", d).is_empty());
    }
}

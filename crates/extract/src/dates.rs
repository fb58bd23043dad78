//! Dates: Gregorian month names in their three traditions (يناير… / كانون
//! الثاني… / جانفي…), Hijri months, numeric dates, years and ranges (من 1989
//! حتى 2019), weekdays and relative words (الاثنين، أمس، الأسبوع الماضي)
//! resolved against the article's date when it is known (a Gregorian month
//! without its year takes the article's). Values are ISO 8601: `2022-01-10`,
//! `2022-01`, `2022`, `2022-W02`, `--01-10` and `--01` (no year known).
//!
//! The words are lexicons (`crate::lexicon::dates`, `data/months.tsv`,
//! `data/date_cues.tsv` …); the one parser is [`find`].

use crate::doc::Doc;
use crate::lexicon::dates::{counted_keys, cues, months, relatives, weekdays, DateCues, Rel};
use crate::numbers::{ordinal_ending_at, parse_digits};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use khabar_text::TokenKind;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::ops::RangeInclusive;

/// What a date mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateKind {
    /// A day (with or without its year).
    Date,
    /// A month (and year).
    Month,
    Year,
    /// From one year to another (من 1989 حتى 2019).
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
    /// needs the article's date); the first year of a range.
    pub value: Option<String>,
    /// The end of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_value: Option<String>,
    pub calendar: Calendar,
}

/// The Gregorian years a bare number may be.
const GREGORIAN_YEARS: RangeInclusive<i64> = 1800..=2100;

/// The Hijri years a number may be (1300 AH is 1882 CE, 1500 AH 2077 CE):
/// after a Hijri month name, or before هـ.
const HIJRI_YEARS: RangeInclusive<i64> = 1300..=1500;

fn is_year(y: i64) -> bool {
    GREGORIAN_YEARS.contains(&y)
}

impl Calendar {
    fn of(hijri: bool) -> Calendar {
        if hijri {
            Calendar::Hijri
        } else {
            Calendar::Gregorian
        }
    }

    /// Whether a number may be a year of this calendar.
    fn has_year(self, y: i64) -> bool {
        match self {
            Calendar::Gregorian => is_year(y),
            Calendar::Hijri => HIJRI_YEARS.contains(&y),
        }
    }
}

/// A date found at a token: its tokens and what it names.
struct Found {
    first: usize,
    last: usize,
    kind: DateKind,
    value: Option<String>,
    end_value: Option<String>,
    calendar: Calendar,
}

impl Found {
    fn new(first: usize, last: usize, kind: DateKind, value: Option<String>) -> Found {
        Found {
            first,
            last,
            kind,
            value,
            end_value: None,
            calendar: Calendar::Gregorian,
        }
    }
}

/// What a reader makes of the tokens at `i`.
enum Read {
    Date(Found),
    /// Not a date, and not the start of one before this token (an ambiguous
    /// month name alone: آب "father").
    Skip(usize),
}

/// The one date parser: at each token it tries, in order, a numeric date, a
/// month name (with its day, year and era), a year or a range of years, a
/// relative word and a weekday; the first that reads takes the tokens.
struct Reader<'d, 'a> {
    doc: &'d Doc<'a>,
    article: Option<NaiveDate>,
    cues: &'static DateCues,
}

/// All dates of a text, in order, not overlapping.
pub(crate) fn find(doc: &Doc, article: Option<NaiveDate>) -> Vec<DateMention> {
    let r = Reader {
        doc,
        article,
        cues: cues(),
    };
    let mut out: Vec<DateMention> = Vec::new();
    // The last token of the last date found.
    let mut prev_last = None;
    let mut i = 0;
    while i < doc.toks.len() {
        let read = r
            .numeric(i)
            .or_else(|| r.month_name(i))
            .or_else(|| r.year(i))
            .or_else(|| r.relative(i))
            .or_else(|| r.weekday(i));
        match read {
            Some(Read::Date(f)) => {
                i = f.last + 1;
                // أمس الجمعة، غدا الثلاثاء: the weekday names the day the relative word gave.
                if let Some(d) = out.last_mut().filter(|d| {
                    d.kind == DateKind::Relative
                        && f.kind == DateKind::Weekday
                        && prev_last.is_some_and(|p: usize| p + 1 == f.first)
                        && d.value.as_ref().is_some_and(|v| v.len() == 10)
                }) {
                    d.end = doc.toks[f.last].end;
                    d.text = doc.text[d.start..d.end].to_string();
                    prev_last = Some(f.last);
                    continue;
                }
                // يوم الأربعاء الحادي والثلاثين من يناير: the weekday names the date after it.
                // A Hijri or yearless date keeps the weekday's resolved day (يوم الأحد القادم
                // 26/9/1439هـ) until Hijri dates are converted.
                let mut f = f;
                let mut start = doc.toks[f.first].start;
                let after_weekday = out.last().is_some_and(|d| d.kind == DateKind::Weekday)
                    && f.kind == DateKind::Date
                    && prev_last.is_some_and(|p: usize| p + 1 == f.first);
                if let Some(w) = after_weekday.then(|| out.pop()).flatten() {
                    let full_day = f.calendar == Calendar::Gregorian
                        && f.value.as_ref().is_some_and(|v| v.len() == 10);
                    if !full_day && w.value.is_some() {
                        (f.kind, f.value, f.calendar) = (w.kind, w.value, w.calendar);
                    }
                    start = w.start;
                }
                prev_last = Some(f.last);
                out.push(DateMention {
                    text: doc.text[start..doc.toks[f.last].end].to_string(),
                    start,
                    end: doc.toks[f.last].end,
                    kind: f.kind,
                    value: f.value,
                    end_value: f.end_value,
                    calendar: f.calendar,
                });
            }
            Some(Read::Skip(next)) => i = next,
            None => i += 1,
        }
    }
    out
}

impl Reader<'_, '_> {
    fn norm(&self, i: usize) -> &str {
        self.doc.toks.get(i).map(|t| t.norm.as_str()).unwrap_or("")
    }

    /// The normalized word before token `i` ("" at the start).
    fn prev(&self, i: usize) -> &str {
        i.checked_sub(1).map(|p| self.norm(p)).unwrap_or("")
    }

    /// The integer written in digits at token `i`.
    fn int_at(&self, i: usize) -> Option<i64> {
        let t = self.doc.toks.get(i)?;
        let v = (t.kind == TokenKind::Number)
            .then(|| parse_digits(self.doc.surface(i)))
            .flatten()?;
        (v.fract() == 0.0 && !self.doc.surface(i).contains(['.', ',', '٫', '٬']))
            .then_some(v as i64)
    }

    /// A year marker at token `i`: م (Gregorian) or هـ (Hijri).
    fn era_at(&self, i: usize) -> Option<Calendar> {
        let w = self.norm(i);
        if self.cues.gregorian.contains(&w) {
            Some(Calendar::Gregorian)
        } else if self.cues.hijri.contains(&w) {
            Some(Calendar::Hijri)
        } else {
            None
        }
    }

    /// Is the bare number at `i` a count rather than a year?
    fn is_count(&self, i: usize, prev: &str) -> bool {
        if prev == "من" && self.cues.more_less.contains(&self.prev(i - 1)) {
            return true;
        }
        self.doc.toks.get(i + 1).is_some_and(|t| {
            !self.cues.year_nouns.contains(&prev)
                && counted_keys().contains(khabar_text::stem(t.norm.as_str()))
        })
    }

    /// Numeric dates: 10/1/2022, 2022-01-10.
    fn numeric(&self, i: usize) -> Option<Read> {
        let doc = self.doc;
        let a = self.int_at(i)?;
        if i + 4 >= doc.toks.len() {
            return None;
        }
        let s1 = doc.surface(i + 1);
        let tight = (0..4).all(|k| doc.gap_after(i + k).is_empty());
        if !(tight && s1 == doc.surface(i + 3) && matches!(s1, "/" | "-" | ".")) {
            return None;
        }
        let (b, c) = (self.int_at(i + 2)?, self.int_at(i + 4)?);
        let (y, m, d) = if a > 31 { (a, b, c) } else { (c, b, a) };
        let date = NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)?;
        Some(Read::Date(Found::new(
            i,
            i + 4,
            DateKind::Date,
            Some(date.to_string()),
        )))
    }

    /// Month names, with an optional day before and year (and era) after.
    fn month_name(&self, i: usize) -> Option<Read> {
        let doc = self.doc;
        let n = doc.toks.len();
        let hit = months().match_at(doc, i)?;
        let mo = *hit.value;
        let mut first = i;
        let mut last = hit.last;
        // كانون الثاني/يناير، يونيو حزيران: two names of one month
        if last + 2 < n && doc.surface(last + 1) == "/" {
            if let Some(h2) = months().match_at(doc, last + 2) {
                last = h2.last;
            }
        } else if let Some(h2) = months()
            .match_at(doc, last + 1)
            .filter(|h| h.value.n == mo.n)
        {
            last = h2.last;
        }
        let mut day = if !hit.clitic {
            i.checked_sub(1)
                .and_then(|p| self.int_at(p))
                .filter(|d| (1..=31).contains(d))
        } else {
            None
        };
        if day.is_some() {
            first = i - 1;
        } else if let Some((f, d)) = self.ordinal_day_before(i) {
            // الرابع من أبريل، الخامس والعشرين من شهر يونيو
            day = Some(i64::from(d));
            first = f;
        }
        // أبريل المقبل، يناير الماضي، يونيو الجاري: which year's month, from the article's.
        let direction = (last + 1 < n)
            .then(|| self.norm(last + 1))
            .and_then(|w| self.cues.month_direction(w));
        if direction.is_some() {
            last += 1;
        }
        let mut calendar = Calendar::of(mo.hijri);
        let mut year = self.int_at(last + 1).filter(|&y| calendar.has_year(y));
        if year.is_some() {
            last += 1;
            if let Some(c) = self.era_at(last + 1) {
                calendar = c;
                last += 1;
            }
        }
        if mo.ambiguous && day.is_none() && year.is_none() {
            return Some(Read::Skip(hit.last + 1));
        }
        if year.is_none() && calendar == Calendar::Gregorian {
            year = self.article.map(|d| {
                let (y, m) = (d.year() as i64, d.month());
                match direction {
                    Some(Ordering::Greater) if mo.n < m => y + 1,
                    Some(Ordering::Less) if mo.n > m => y - 1,
                    _ => y,
                }
            });
        }
        let value = match (year, day) {
            (Some(y), Some(d)) => format!("{y:04}-{:02}-{d:02}", mo.n),
            (Some(y), None) => format!("{y:04}-{:02}", mo.n),
            (None, Some(d)) => format!("--{:02}-{d:02}", mo.n),
            (None, None) => format!("--{:02}", mo.n),
        };
        let kind = if day.is_some() {
            DateKind::Date
        } else {
            DateKind::Month
        };
        Some(Read::Date(Found {
            calendar,
            ..Found::new(first, last, kind, Some(value))
        }))
    }

    /// An ordinal day before the month name at `month`: `الرابع من`, `الرابع عشر من شهر`, with
    /// يوم before it. Its first token and the day.
    fn ordinal_day_before(&self, month: usize) -> Option<(usize, u32)> {
        let mut p = month.checked_sub(1)?;
        if self.norm(p) == "شهر" {
            p = p.checked_sub(1)?;
        }
        if self.norm(p) != "من" {
            return None;
        }
        let (mut first, d) = ordinal_ending_at(self.doc, p.checked_sub(1)?)?;
        if !(1.0..=31.0).contains(&d) || d.fract() != 0.0 {
            return None;
        }
        if first > 0 && self.cues.weekday_day.contains(&self.norm(first - 1)) {
            first -= 1;
        }
        Some((first, d as u32))
    }

    /// Years (after a cue: في عام 2011) and ranges of years (من 1989 حتى 2019,
    /// بين 1989 و2019, 1989-2019).
    fn year(&self, i: usize) -> Option<Read> {
        let y = self.int_at(i)?;
        let era = self.era_at(i + 1);
        let hijri = era == Some(Calendar::Hijri);
        // A Gregorian year, or a Hijri one before هـ.
        if !(is_year(y) || hijri && Calendar::Hijri.has_year(y)) {
            return None;
        }
        let calendar = Calendar::of(hijri);
        let prev = self.prev(i);
        let after = if era.is_some() { i + 2 } else { i + 1 };
        let range_to = self
            .cues
            .range_to
            .contains(&self.norm(after))
            .then(|| self.int_at(after + 1))
            .flatten()
            .filter(|&y2| y2 > y && (is_year(y2) || hijri));
        if let Some(y2) = range_to {
            let j = after + 1;
            let first = if self.cues.range_from.contains(&prev) {
                i - 1
            } else {
                i
            };
            let last = if self.era_at(j + 1).is_some() {
                j + 1
            } else {
                j
            };
            return Some(Read::Date(Found {
                end_value: Some(y2.to_string()),
                calendar,
                ..Found::new(first, last, DateKind::Range, Some(y.to_string()))
            }));
        }
        let cued = self.cues.year_nouns.contains(&prev)
            || (self.cues.year_cues.contains(&prev) && !self.is_count(i, prev))
            || era.is_some();
        if !cued {
            return None;
        }
        let last = if era.is_some() { i + 1 } else { i };
        Some(Read::Date(Found {
            calendar,
            ..Found::new(i, last, DateKind::Year, Some(y.to_string()))
        }))
    }

    /// Relative words: أمس، الأسبوع الماضي.
    fn relative(&self, i: usize) -> Option<Read> {
        let hit = relatives().match_at(self.doc, i)?;
        let rel = *hit.value;
        let value = self.article.map(|d| match rel {
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
        Some(Read::Date(Found::new(
            i,
            hit.last,
            DateKind::Relative,
            value,
        )))
    }

    /// Weekdays: (يوم) الاثنين (المقبل).
    fn weekday(&self, i: usize) -> Option<Read> {
        let t = &self.doc.toks[i];
        if !t.is_word() {
            return None;
        }
        let wd = *weekdays().cands(t, 3).next()?;
        let next = self.norm(i + 1);
        let prev = self.prev(i);
        // الاثنين also means "the two": "بين الاثنين", "الاثنين معا"
        let both = wd == Weekday::Mon
            && (self.cues.pair_after.contains(&next)
                || i > 0 && self.cues.pair_before.contains(&prev));
        if both {
            return None;
        }
        let first = if i > 0 && self.cues.weekday_day.contains(&prev) {
            i - 1
        } else {
            i
        };
        let future = self.cues.future.contains(&next);
        let past = self.cues.past.contains(&next);
        let last = if future || past { i + 1 } else { i };
        let value = self.article.map(|d| {
            let back = (d.weekday().num_days_from_monday() as i64
                - wd.num_days_from_monday() as i64)
                .rem_euclid(7);
            if future {
                let fwd = (7 - back) % 7;
                (d + Duration::days(if fwd == 0 { 7 } else { fwd })).to_string()
            } else if past && back == 0 {
                (d - Duration::days(7)).to_string()
            } else {
                (d - Duration::days(back)).to_string()
            }
        });
        Some(Read::Date(Found::new(
            first,
            last,
            DateKind::Weekday,
            value,
        )))
    }
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

    // Sentences from the ANT development corpus (gold/reading/dates.jsonl, dev part).
    #[test]
    fn ordinal_days_name_the_day_of_their_month() {
        let d = day("2018-04-10");
        let v = |t: &str| dates(t, d).first().and_then(|x| x.1.clone());
        assert_eq!(
            v("وستجرى الانتخابات في الرابع من أبريل").as_deref(),
            Some("2018-04-04")
        );
        assert_eq!(
            v("على أن يعقد الاجتماع في الرابع عشر من نيسان/أبريل الجاري").as_deref(),
            Some("2018-04-14")
        );
        assert_eq!(
            v("في السابع والعشرين من أبريل المقبل").as_deref(),
            Some("2018-04-27")
        );
        assert_eq!(
            v("يوم الأربعاء الحادي والثلاثين من شهر يناير الماضي").as_deref(),
            Some("2018-01-31")
        );
        // a month after the article's with الماضي is last year's; before it with المقبل, next year's
        assert_eq!(v("في ديسمبر الماضي").as_deref(), Some("2017-12"));
        assert_eq!(v("في فبراير المقبل").as_deref(), Some("2019-02"));
    }

    #[test]
    fn a_relative_day_and_its_weekday_are_one_date() {
        let d = day("2018-09-01");
        let r = dates(
            "أمس الجمعة، أعلنت الشركة أنها وافقت على شراء سلسلة القهوة",
            d,
        );
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].1.as_deref(), Some("2018-08-31"));
        let r = dates("وسيعود للعمل غدا الثلاثاء.", day("2018-05-28"));
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].1.as_deref(), Some("2018-05-29"));
    }

    #[test]
    fn relative_years_and_weeks_in_every_direction() {
        let d = day("2018-03-14");
        assert_eq!(dates("هذه السنة", d)[0].1.as_deref(), Some("2018"));
        assert_eq!(dates("العام المنصرم", d)[0].1.as_deref(), Some("2017"));
        assert_eq!(dates("الأسبوع الحالي", d)[0].1.as_deref(), Some("2018-W11"));
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

    #[test]
    fn hijri_years_are_one_range_for_month_names_and_bare_years() {
        // 1450 AH after a Hijri month and before هـ
        assert_eq!(
            dates("في 12 رمضان 1450", None)[0].1.as_deref(),
            Some("1450-09-12")
        );
        let h = find(&Doc::new("توفي عام 1450 هـ"), None);
        assert_eq!(
            (h[0].kind, h[0].calendar, h[0].value.as_deref()),
            (DateKind::Year, Calendar::Hijri, Some("1450"))
        );
        // past the range: neither path takes 1550 for a Hijri year
        assert_eq!(
            dates("في 12 رمضان 1550", None)[0].1.as_deref(),
            Some("--09-12")
        );
        assert!(dates("بلغ 1550 هـ", None).is_empty());
    }

    #[test]
    fn the_hijri_era_is_read_with_or_without_tatweel() {
        for t in ["سنة 1443 هـ", "سنة 1443 ه"] {
            let h = find(&Doc::new(t), None);
            assert_eq!(
                (h[0].calendar, h[0].text.as_str()),
                (Calendar::Hijri, &t["سنة ".len()..]),
                "{t}"
            );
        }
    }
}

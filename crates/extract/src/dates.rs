//! Dates: Gregorian month names in their three traditions (يناير… / كانون
//! الثاني… / جانفي…), Hijri months, numeric dates, years and ranges (من 1989
//! حتى 2019، من 10 حتى 31 مايو), weekdays (the nth or last of a month too:
//! الجمعة الأولى من رمضان) and relative words (الاثنين، أمس، الأسبوع الماضي)
//! resolved against the article's date when it is known. A Gregorian month
//! without its year takes the year its tense points to (المقبل، a future verb,
//! كان) or, with no cue, the article's unless that puts it more than three
//! months ahead. Hijri dates are converted to their Gregorian day by the Umm
//! al-Qura calendar, their Hijri value kept in `hijri`. Values are ISO 8601:
//! `2022-01-10`, `2022-01`, `2022`, `2022-W02`, `--01-10` and `--01` (no year
//! known).
//!
//! The words are lexicons (`crate::lexicon::dates`, `data/months.tsv`,
//! `data/date_cues.tsv` …); the one parser is [`find`].

use crate::doc::Doc;
use crate::lexicon::clitics::without_conj;
use crate::lexicon::dates::{
    counted_keys, cues, hijri_month, months, relatives, to_hijri, weekday_ordinals, weekdays,
    DateCues, Rel,
};
use crate::lexicon::numbers::{definite_unit, word_value, W};
use crate::numbers::{ordinal_ending_at, parse_digits};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use khabar_text::TokenKind;
use serde::{Deserialize, Serialize};
use std::cell::Cell;
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
    /// From one day or year to another (من 1989 حتى 2019, 13 إلى 15 تموز).
    Range,
    Weekday,
    /// Today, yesterday, last week …
    Relative,
}

/// The calendar a date is written in.
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
    /// The ISO 8601 Gregorian value when it can be known (a weekday or a relative word
    /// needs the article's date; a Hijri date the Umm al-Qura table); the start of a range
    /// (and of a Hijri month or year, which is a span of Gregorian days).
    pub value: Option<String>,
    /// The end of a range (and the last Gregorian day of a Hijri month or year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_value: Option<String>,
    pub calendar: Calendar,
    /// A Hijri date's own value (`1439-09-26`, `1439-09`, `1439`, `--09-26`): the date as
    /// written, or the Hijri day of a weekday of a Hijri month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hijri: Option<String>,
}

/// The Gregorian years a bare number may be.
const GREGORIAN_YEARS: RangeInclusive<i64> = 1800..=2100;

/// The Hijri years a number may be (1300 AH is 1882 CE, 1500 AH 2077 CE):
/// after a Hijri month name, or before هـ.
const HIJRI_YEARS: RangeInclusive<i64> = 1300..=1500;

/// How many months ahead of the article's a yearless month with no cue of its tense may be
/// and still be this year's (في ديسمبر in April is last December).
const MONTHS_AHEAD: i64 = 3;

/// How many words before a date its tense is looked for.
const TENSE_WINDOW: usize = 8;

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

/// A month of a calendar, with its year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct MonthRef {
    calendar: Calendar,
    year: i64,
    month: u32,
}

impl MonthRef {
    /// Its first Gregorian day and its length in days.
    fn days(self) -> Option<(NaiveDate, u32)> {
        match self.calendar {
            Calendar::Hijri => hijri_month(self.year, self.month),
            Calendar::Gregorian => {
                let y = i32::try_from(self.year).ok()?;
                let start = NaiveDate::from_ymd_opt(y, self.month, 1)?;
                let next = if self.month == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(y, self.month + 1, 1)?
                };
                Some((start, (next - start).num_days() as u32))
            }
        }
    }

    /// Its day `d` (1..=30) as a Gregorian day; day 30 of a 29-day Hijri month is the
    /// day after its 29th (a month sighted a day late).
    fn day(self, d: u32) -> Option<NaiveDate> {
        let (start, len) = self.days()?;
        let max = if self.calendar == Calendar::Hijri {
            30
        } else {
            len
        };
        (1..=max)
            .contains(&d)
            .then(|| start + Duration::days(i64::from(d) - 1))
    }

    /// The `n`th weekday `wd` of the month (`n` = -1: the last).
    fn nth_weekday(self, wd: Weekday, n: i8) -> Option<NaiveDate> {
        let (start, len) = self.days()?;
        let end = start + Duration::days(i64::from(len) - 1);
        let d = if n > 0 {
            let off = (7 + wd.num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
            start + Duration::days(i64::from(off) + 7 * (i64::from(n) - 1))
        } else {
            let back = (7 + end.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
            end - Duration::days(i64::from(back))
        };
        (d <= end).then_some(d)
    }

    /// The Hijri value of day `d` of this Hijri month.
    fn hijri_day(self, d: u32) -> String {
        format!("{:04}-{:02}-{d:02}", self.year, self.month)
    }
}

/// The day with weekday `wd` nearest `d` within a day either side (a Hijri month begins a
/// day apart by sighting or by table; an article dated a day late), else `d`.
fn snap(d: NaiveDate, wd: Weekday) -> NaiveDate {
    [0, 1, -1]
        .into_iter()
        .map(|k| d + Duration::days(k))
        .find(|x| x.weekday() == wd)
        .unwrap_or(d)
}

/// The tense of a clause, as a direction from the article's date.
fn direction_of(future: bool) -> Ordering {
    if future {
        Ordering::Greater
    } else {
        Ordering::Less
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
    hijri: Option<String>,
    /// The weekday it names (a weekday, or a date it was computed as).
    weekday: Option<Weekday>,
    /// The month it names or falls in, when its year is known.
    month: Option<MonthRef>,
    /// Its year is written (not taken from the article's).
    year_written: bool,
    /// The nth or last weekday of a month.
    nth: bool,
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
            hijri: None,
            weekday: None,
            month: None,
            year_written: false,
            nth: false,
        }
    }

    /// A full Gregorian day.
    fn day(&self) -> Option<NaiveDate> {
        self.value.as_deref().and_then(|v| v.parse().ok())
    }
}

/// What a reader makes of the tokens at `i`.
enum Read {
    Date(Found),
    /// Not a date, and not the start of one before this token (an ambiguous
    /// month name alone: آب "father").
    Skip(usize),
}

impl Read {
    fn found(self) -> Option<Found> {
        match self {
            Read::Date(f) => Some(f),
            Read::Skip(_) => None,
        }
    }
}

/// What the text has named so far, for the dates that refer back to it.
#[derive(Clone, Copy, Default)]
struct Ctx {
    /// The last year written (في عام 2017 … السنة السابقة).
    last_year: Option<i64>,
    /// The last month named (أول اثنين من الشهر نفسه).
    last_month: Option<MonthRef>,
    /// The month of the last nth weekday (الجمعة الأولى من رمضان … الجمعة الثانية).
    nth_month: Option<MonthRef>,
    /// The last full day named (في 5 أكتوبر 1918 … نفس اليوم من عام 1947).
    last_day: Option<NaiveDate>,
}

/// The one date parser: at each token it tries, in order, a numeric date, a
/// month name (with its day, year and era), a year or a range of years, a
/// relative word and a weekday; the first that reads takes the tokens.
struct Reader<'d, 'a> {
    doc: &'d Doc<'a>,
    article: Option<NaiveDate>,
    cues: &'static DateCues,
    ctx: Cell<Ctx>,
}

/// All dates of a text, in order, not overlapping.
pub(crate) fn find(doc: &Doc, article: Option<NaiveDate>) -> Vec<DateMention> {
    let r = Reader {
        doc,
        article,
        cues: cues(),
        ctx: Cell::new(Ctx::default()),
    };
    let mut out: Vec<DateMention> = Vec::new();
    // The last token of the last date found, and the weekday it named when it was one.
    let mut prev: Option<(usize, Option<Weekday>)> = None;
    let mut i = 0;
    while i < doc.toks.len() {
        let read = r
            .numeric(i)
            .or_else(|| r.month_name(i, false))
            .or_else(|| r.period(i))
            .or_else(|| r.year(i))
            .or_else(|| r.same_day(i))
            .or_else(|| r.relative(i))
            .or_else(|| r.weekday(i));
        let mut f = match read {
            Some(Read::Date(f)) => r.range_after(f),
            Some(Read::Skip(next)) => {
                i = next;
                continue;
            }
            None => {
                i += 1;
                continue;
            }
        };
        i = f.last + 1;
        r.note(&f);
        // Next to the last date: touching it, or with only brackets or الموافق between.
        let beside = prev.is_some_and(|(p, _)| f.first <= p + 1 || r.joins(p + 1, f.first));
        // أمس الجمعة، اليوم الأحد، غدا (الأربعاء): the weekday names the day the relative
        // word gave (the weekday's, when the article's date is a day off).
        if let Some(d) = out.last_mut().filter(|d| {
            beside
                && d.kind == DateKind::Relative
                && f.kind == DateKind::Weekday
                && d.value.as_ref().is_some_and(|v| v.len() == 10)
        }) {
            if let (Some(v), Some(wd)) = (d.value.as_deref(), f.weekday) {
                if let Ok(day) = v.parse::<NaiveDate>() {
                    d.value = Some(snap(day, wd).to_string());
                }
            }
            d.end = doc.toks[f.last].end;
            d.text = doc.text[d.start..d.end].to_string();
            prev = Some((f.last, None));
            continue;
        }
        // يوم الأربعاء الحادي والثلاثين من يناير، الأحد 30 ذي القعدة، الخميس الموافق
        // 26/7/2018: the weekday names the date after it. A Hijri day is the one of that
        // weekday a day either side; a yearless date keeps the weekday's resolved day.
        let mut start = doc.toks[f.first].start;
        let after_weekday = beside
            && matches!(f.kind, DateKind::Date | DateKind::Range)
            && !f.nth
            && out.last().is_some_and(|d| d.kind == DateKind::Weekday);
        if let Some(w) = after_weekday.then(|| out.pop()).flatten() {
            let wd = prev.and_then(|p| p.1);
            let full_day = f.value.as_ref().is_some_and(|v| v.len() == 10);
            if f.calendar == Calendar::Hijri && f.kind == DateKind::Date {
                if let (Some(day), Some(wd)) = (f.day(), wd) {
                    f.value = Some(snap(day, wd).to_string());
                }
            }
            if !full_day && w.value.is_some() {
                (f.kind, f.value) = (w.kind, w.value);
            }
            start = w.start;
        }
        prev = Some((f.last, f.weekday.filter(|_| f.kind == DateKind::Weekday)));
        out.push(DateMention {
            text: doc.text[start..doc.toks[f.last].end].to_string(),
            start,
            end: doc.toks[f.last].end,
            kind: f.kind,
            value: f.value,
            end_value: f.end_value,
            calendar: f.calendar,
            hijri: f.hijri,
        });
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

    /// Whether tokens `a..b` only join two names of one day: brackets, الموافق.
    fn joins(&self, a: usize, b: usize) -> bool {
        a < b
            && (a..b).all(|k| {
                matches!(self.doc.surface(k), "(" | ")")
                    || self.cues.same_day.contains(&self.norm(k))
            })
    }

    /// Records what a date names for the dates after it.
    fn note(&self, f: &Found) {
        let mut c = self.ctx.get();
        if f.year_written && f.calendar == Calendar::Gregorian {
            let y = f.month.map(|m| m.year).or_else(|| {
                (f.kind == DateKind::Year)
                    .then(|| f.value.as_deref()?.parse().ok())
                    .flatten()
            });
            c.last_year = y.or(c.last_year);
        }
        if f.month.is_some() {
            c.last_month = f.month;
        }
        if f.nth {
            c.nth_month = f.month;
        }
        if f.kind == DateKind::Date {
            c.last_day = f.day().or(c.last_day);
        }
        self.ctx.set(c);
    }

    /// The tense of the clause before token `i`: `Greater` when a future verb or word
    /// (سيعقد، سوف، من المقرر) is nearer than a past one (كان), `Less` for a past one.
    fn tense(&self, i: usize) -> Option<Ordering> {
        for k in (i.saturating_sub(TENSE_WINDOW)..i).rev() {
            let t = &self.doc.toks[k];
            if t.is_punct() {
                if matches!(
                    self.doc.surface(k),
                    "." | "؟" | "?" | "!" | ":" | "؛" | ";" | "\"" | "«" | "»"
                ) {
                    break;
                }
                continue;
            }
            let w = t.norm.as_str();
            if self.cues.will.contains(&w) || self.is_future_verb(w) {
                return Some(direction_of(true));
            }
            if self.cues.was.contains(&w) {
                return Some(direction_of(false));
            }
        }
        None
    }

    /// A verb with the future prefix س before its imperfect prefix ي ت ن (سيعقد، ستجرى،
    /// سنرى، وسيزور). Not سا: the first person (سأعلن) is written like past verbs (ساعد).
    fn is_future_verb(&self, w: &str) -> bool {
        let w = without_conj(w);
        let mut c = w.chars();
        c.next() == Some('س')
            && matches!(c.next(), Some('ي' | 'ت' | 'ن'))
            && w.chars().count() >= 4
            && !self.cues.not_will.contains(&w)
            && !khabar_text::is_protected_name(w)
    }

    /// The year of a yearless Gregorian month: the next one from the article's month for
    /// `Greater`, the last one for `Less` (the article's own month is this year's either
    /// way), the article's for `Equal`; with no direction the article's, unless that is
    /// more than [`MONTHS_AHEAD`] months ahead (then last year's).
    fn gregorian_year(&self, m: u32, dir: Option<Ordering>) -> Option<i64> {
        let a = self.article?;
        let y = i64::from(a.year());
        let cmp = m.cmp(&a.month());
        Some(match dir {
            Some(Ordering::Greater) if cmp == Ordering::Less => y + 1,
            Some(Ordering::Less) if cmp == Ordering::Greater => y - 1,
            Some(_) => y,
            None if i64::from(m) - i64::from(a.month()) > MONTHS_AHEAD => y - 1,
            None => y,
        })
    }

    /// The Hijri year of a yearless Hijri month (and day): the one that puts it nearest
    /// the article's date.
    fn hijri_year(&self, m: u32, d: u32) -> Option<i64> {
        let a = self.article?;
        let (hy, _, _) = to_hijri(a)?;
        (hy - 1..=hy + 1)
            .filter_map(|y| {
                let day = MonthRef {
                    calendar: Calendar::Hijri,
                    year: y,
                    month: m,
                }
                .day(d)?;
                Some(((day - a).num_days().abs(), y))
            })
            .min()
            .map(|(_, y)| y)
    }

    /// The year `k` years from the article's, in a calendar.
    fn relative_year(&self, calendar: Calendar, k: i32) -> Option<i64> {
        let a = self.article?;
        let y = match calendar {
            Calendar::Gregorian => i64::from(a.year()),
            Calendar::Hijri => to_hijri(a)?.0,
        };
        Some(y + i64::from(k))
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

    /// A Hijri date's values: its Gregorian day (or the first and last days of its month)
    /// and its Hijri value.
    fn hijri_values(
        &self,
        year: Option<i64>,
        m: u32,
        day: Option<u32>,
    ) -> (Option<String>, Option<String>, String) {
        let hijri = match (year, day) {
            (Some(y), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(y), None) => format!("{y:04}-{m:02}"),
            (None, Some(d)) => format!("--{m:02}-{d:02}"),
            (None, None) => format!("--{m:02}"),
        };
        let Some(y) = year else {
            return (None, None, hijri);
        };
        let mref = MonthRef {
            calendar: Calendar::Hijri,
            year: y,
            month: m,
        };
        match day {
            Some(d) => (mref.day(d).map(|x| x.to_string()), None, hijri),
            None => match mref.days() {
                Some((s, len)) => (
                    Some(s.to_string()),
                    Some((s + Duration::days(i64::from(len) - 1)).to_string()),
                    hijri,
                ),
                None => (None, None, hijri),
            },
        }
    }

    /// Numeric dates: 10/1/2022, 2022-01-10, 30 / 9 / 1439هـ (Hijri when its year is
    /// a Hijri one or هـ follows).
    fn numeric(&self, i: usize) -> Option<Read> {
        let doc = self.doc;
        let a = self.int_at(i)?;
        if i + 4 >= doc.toks.len() {
            return None;
        }
        let s1 = doc.surface(i + 1);
        if !(s1 == doc.surface(i + 3) && matches!(s1, "/" | "-" | ".")) {
            return None;
        }
        // Tight, or with single spaces around slashes (30 / 9 / 1439).
        let gaps_ok = (0..4).all(|k| {
            let g = doc.gap_after(i + k);
            g.is_empty() || (s1 == "/" && g == " ")
        });
        if !gaps_ok {
            return None;
        }
        let (b, c) = (self.int_at(i + 2)?, self.int_at(i + 4)?);
        let (y, m, d) = if a > 31 { (a, b, c) } else { (c, b, a) };
        let mut last = i + 4;
        let era = self.era_at(i + 5);
        if era.is_some() {
            last += 1;
        }
        let hijri = era == Some(Calendar::Hijri) || (!is_year(y) && HIJRI_YEARS.contains(&y));
        if hijri {
            if !HIJRI_YEARS.contains(&y) || !(1..=12).contains(&m) || !(1..=30).contains(&d) {
                return None;
            }
            let (m, d) = (m as u32, d as u32);
            let (value, _, h) = self.hijri_values(Some(y), m, Some(d));
            return Some(Read::Date(Found {
                calendar: Calendar::Hijri,
                hijri: Some(h),
                month: Some(MonthRef {
                    calendar: Calendar::Hijri,
                    year: y,
                    month: m,
                }),
                year_written: true,
                ..Found::new(i, last, DateKind::Date, value)
            }));
        }
        let date = NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)?;
        Some(Read::Date(Found {
            month: Some(MonthRef {
                calendar: Calendar::Gregorian,
                year: y,
                month: m as u32,
            }),
            year_written: true,
            ..Found::new(i, last, DateKind::Date, Some(date.to_string()))
        }))
    }

    /// Month names, with an optional day (or range of days) before and year (and era)
    /// after. `alone`: the month without a day, where an ambiguous name may stand alone
    /// (after من in الجمعة الأولى من رمضان).
    fn month_name(&self, i: usize, alone: bool) -> Option<Read> {
        let doc = self.doc;
        let n = doc.toks.len();
        let hit = months().match_at(doc, i)?;
        let mo = *hit.value;
        let mut first = i;
        let mut last = hit.last;
        // كانون الثاني/يناير، يونيو حزيران، نوفمبر (تشرين الثاني): two names of one month
        if last + 2 < n && doc.surface(last + 1) == "/" {
            if let Some(h2) = months().match_at(doc, last + 2) {
                last = h2.last;
            }
        } else if let Some(h2) = (last + 3 < n && matches!(doc.surface(last + 1), "(" | "«"))
            .then(|| months().match_at(doc, last + 2))
            .flatten()
            .filter(|h| h.value.n == mo.n && matches!(doc.surface(h.last + 1), ")" | "»"))
        {
            last = h2.last + 1;
        } else if let Some(h2) = months()
            .match_at(doc, last + 1)
            .filter(|h| h.value.n == mo.n)
        {
            last = h2.last;
        }
        // شهر رمضان، شهر تموز: the noun is part of it, and the name is a month alone
        let noun = !hit.clitic && i > 0 && self.cues.month_noun.contains(&self.prev(i));
        let mut day: Option<u32> = None;
        let mut day_from: Option<u32> = None;
        if !hit.clitic && !alone {
            if let Some(d) = i
                .checked_sub(1)
                .and_then(|p| self.int_at(p))
                .filter(|d| (1..=31).contains(d))
            {
                day = Some(d as u32);
                first = i - 1;
                // 13 إلى 15 تموز، من 10 حتى 31 مايو، 23-25 أكتوبر، بين 13 و15 مايو (و only
                // after بين: 7 و14 أكتوبر are two days)
                let to = self.prev(i - 1);
                if i >= 3
                    && self.cues.range_to.contains(&to)
                    && (to != "و" || self.prev(i - 3) == "بين")
                {
                    if let Some(d1) = self.int_at(i - 3).filter(|d1| (1..d).contains(d1)) {
                        day_from = Some(d1 as u32);
                        first = i - 3;
                        if i >= 4 && self.cues.range_from.contains(&self.norm(i - 4)) {
                            first = i - 4;
                        }
                    }
                }
            }
        }
        if alone {
            if noun {
                first = i - 1;
            }
        } else if day.is_none() {
            if let Some((f, d)) = self.ordinal_day_before(i) {
                // الرابع من أبريل، الخامس والعشرين من شهر يونيو
                day = Some(d);
                first = f;
            } else if let Some(f) = self.first_day_before(i) {
                // غرة شهر ذي الحجة
                day = Some(1);
                first = f;
            } else if noun {
                first = i - 1;
            }
        }
        if mo.hijri && last + 1 < n && self.cues.epithet.contains(&self.norm(last + 1)) {
            last += 1;
        }
        // أبريل المقبل، يناير الماضي، يونيو الجاري: which year's month, from the article's.
        let direction = (last + 1 < n)
            .then(|| self.norm(last + 1))
            .and_then(|w| self.cues.month_direction(w));
        if direction.is_some() {
            last += 1;
        }
        let mut calendar = Calendar::of(mo.hijri);
        let mut year = None;
        let mut j = last + 1;
        if direction.is_none() {
            // مارس من العام القادم، رمضان من هذا العام، أغسطس عام 2013، أكتوبر من عام 1918
            let k = if self.norm(j) == "من" { j + 1 } else { j };
            if let Some(h) = relatives().match_at(doc, k).filter(|h| !h.clitic) {
                if let Rel::Year(dy) = h.value.rel {
                    year = self.relative_year(calendar, dy);
                    last = h.last;
                    j = h.last + 1;
                }
            } else if self.cues.year_nouns.contains(&self.norm(k))
                && self.int_at(k + 1).is_some_and(|y| calendar.has_year(y))
            {
                j = k + 1;
            }
        }
        if let Some(y) = self.int_at(j).filter(|&y| calendar.has_year(y)) {
            year = Some(y);
            last = j;
            if let Some(c) = self.era_at(last + 1) {
                calendar = c;
                last += 1;
            }
        }
        let year_written = year.is_some();
        if mo.ambiguous && day.is_none() && !year_written && !noun && !alone && direction.is_none()
        {
            return Some(Read::Skip(hit.last + 1));
        }
        if year.is_none() {
            year = match calendar {
                Calendar::Gregorian => {
                    let dir = direction.or_else(|| self.tense(first));
                    self.gregorian_year(mo.n, dir)
                }
                Calendar::Hijri => self.hijri_year(mo.n, day.unwrap_or(1)),
            };
        }
        let kind = if day_from.is_some() {
            DateKind::Range
        } else if day.is_some() {
            DateKind::Date
        } else {
            DateKind::Month
        };
        let month = year.map(|y| MonthRef {
            calendar,
            year: y,
            month: mo.n,
        });
        let (value, end_value, hijri) = if calendar == Calendar::Hijri {
            let (v, e, h) = self.hijri_values(year, mo.n, day_from.or(day));
            match (day_from, day) {
                (Some(_), Some(d2)) => (v, self.hijri_values(year, mo.n, Some(d2)).0, Some(h)),
                _ => (v, e, Some(h)),
            }
        } else {
            let ymd = |d: Option<u32>| match (year, d) {
                (Some(y), Some(d)) => format!("{y:04}-{:02}-{d:02}", mo.n),
                (Some(y), None) => format!("{y:04}-{:02}", mo.n),
                (None, Some(d)) => format!("--{:02}-{d:02}", mo.n),
                (None, None) => format!("--{:02}", mo.n),
            };
            match day_from {
                Some(d1) => (Some(ymd(Some(d1))), Some(ymd(day)), None),
                None => (Some(ymd(day)), None, None),
            }
        };
        Some(Read::Date(Found {
            end_value,
            calendar,
            hijri,
            month,
            year_written,
            ..Found::new(first, last, kind, value)
        }))
    }

    /// An ordinal day before the month name at `month`: `الرابع من`, `الرابع عشر من شهر`, with
    /// يوم before it. Its first token and the day.
    fn ordinal_day_before(&self, month: usize) -> Option<(usize, u32)> {
        let mut p = month.checked_sub(1)?;
        if self.cues.month_noun.contains(&self.norm(p)) {
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

    /// غرة (شهر) before the month name at `month`: its token.
    fn first_day_before(&self, month: usize) -> Option<usize> {
        let mut p = month.checked_sub(1)?;
        if self.cues.month_noun.contains(&self.norm(p)) {
            p = p.checked_sub(1)?;
        }
        self.cues
            .first_day
            .contains(&without_conj(self.norm(p)))
            .then_some(p)
    }

    /// A day, then من/حتى/إلى/- and another day (بين الأول من يونيو والأول من سبتمبر 2018،
    /// من 21 مارس 2015 إلى 31 مارس 2018): one range; the first takes the second's year
    /// when it has none of its own. و joins them only after بين.
    fn range_after(&self, f: Found) -> Found {
        if f.kind != DateKind::Date || f.value.as_ref().is_none_or(|v| v.len() != 10) {
            return f;
        }
        let j = f.last + 1;
        let w = self.norm(j);
        let between = self.prev(f.first) == "بين";
        let s = if w == "و" {
            if !between {
                return f;
            }
            j + 1
        } else if self.cues.range_to.contains(&w) {
            j + 1
        } else if between && w.starts_with('و') {
            j
        } else {
            return f;
        };
        let n = self.doc.toks.len();
        let Some(g) = (s..(s + 5).min(n)).find_map(|k| {
            self.numeric(k)
                .or_else(|| self.month_name(k, false))
                .and_then(Read::found)
                .filter(|g| g.first == s && g.kind == DateKind::Date && g.calendar == f.calendar)
        }) else {
            return f;
        };
        let (Some(v1), Some(v2)) = (f.value.as_deref(), g.value.as_deref()) else {
            return f;
        };
        let mut v1 = v1.to_string();
        if !f.year_written && g.year_written && f.calendar == Calendar::Gregorian {
            v1 = format!("{}{}", &v2[..4], &v1[4..]);
        }
        if v1.as_str() > v2 {
            return f;
        }
        let first = if self.cues.range_from.contains(&self.prev(f.first)) {
            f.first - 1
        } else {
            f.first
        };
        Found {
            end_value: Some(v2.to_string()),
            year_written: g.year_written,
            month: g.month,
            ..Found {
                first,
                last: g.last,
                kind: DateKind::Range,
                value: Some(v1),
                ..f
            }
        }
    }
    /// Years (after a cue: في عام 2011) and ranges of years (من 1989 حتى 2019,
    /// بين 1989 و2019, 1989-2019). A Hijri year (1439 هـ) is the span of its Gregorian days.
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
            let (value, end_value, h) = if hijri {
                hijri_years(y, y2)
            } else {
                (Some(y.to_string()), Some(y2.to_string()), None)
            };
            return Some(Read::Date(Found {
                end_value,
                calendar,
                hijri: h,
                ..Found::new(first, last, DateKind::Range, value)
            }));
        }
        // كأس العالم 2018، اتفاق 2015; (2001) alone in brackets
        let edition = self.cues.edition.contains(&without_conj(prev))
            || (i > 0
                && i + 1 < self.doc.toks.len()
                && self.doc.surface(i - 1) == "("
                && self.doc.surface(i + 1) == ")");
        let cued = self.cues.year_nouns.contains(&prev)
            || ((self.cues.year_cues.contains(&prev) || edition) && !self.is_count(i, prev))
            || era.is_some();
        if !cued {
            return None;
        }
        let last = if era.is_some() { i + 1 } else { i };
        let (value, end_value, h) = if hijri {
            hijri_years(y, y)
        } else {
            (Some(y.to_string()), None, None)
        };
        Some(Read::Date(Found {
            end_value,
            calendar,
            hijri: h,
            year_written: true,
            ..Found::new(i, last, DateKind::Year, value)
        }))
    }

    /// The year after من at `k`: (عام) 2018، العام الجاري، العام الماضي. The year and its
    /// last token.
    fn year_after(&self, k: usize) -> Option<(i64, usize)> {
        if let Some(h) = relatives().match_at(self.doc, k).filter(|h| !h.clitic) {
            let Rel::Year(dy) = h.value.rel else {
                return None;
            };
            return Some((self.relative_year(Calendar::Gregorian, dy)?, h.last));
        }
        let k = if self.cues.year_nouns.contains(&self.norm(k)) {
            k + 1
        } else {
            k
        };
        Some((self.int_at(k).filter(|&y| is_year(y))?, k))
    }

    /// Parts of a year: الأشهر التسعة الأولى من عام 2018، الـ9 أشهر الأولى من العام الجاري،
    /// الأشهر الثلاثة الأخيرة من 2017، النصف الأول من 2018، الربع الثالث من العام الماضي:
    /// the range of their months.
    fn period(&self, i: usize) -> Option<Read> {
        let c = self.cues;
        let w = self.norm(i);
        let count = |k: usize| {
            self.int_at(k).or_else(|| {
                let n = self.norm(k);
                match word_value(n).or_else(|| definite_unit(n)) {
                    Some(W::Unit(v)) => Some(v as i64),
                    _ => None,
                }
            })
        };
        // الـ9 أشهر: the article written apart from its number
        let apart = w == "ال" && c.months_plural.contains(&self.norm(i + 2));
        let (months, k) = if c.months_plural.contains(&w) || apart {
            // الأشهر التسعة الأولى، الـ9 أشهر الأولى
            let (n, e) = if apart {
                (self.int_at(i + 1)?, i + 2)
            } else {
                (count(i + 1)?, i + 1)
            };
            let side = self.norm(e + 1);
            if !(1..=11).contains(&n) {
                return None;
            }
            if c.part_first.contains(&side) {
                ((1, n as u32), e + 2)
            } else if c.part_last.contains(&side) {
                ((13 - n as u32, 12), e + 2)
            } else {
                return None;
            }
        } else if c.half.contains(&w) || c.quarter.contains(&w) {
            let (f, q) = ordinal_ending_at(self.doc, i + 1)?;
            let q = q as u32;
            if f != i + 1 {
                return None;
            }
            if c.half.contains(&w) && (1..=2).contains(&q) {
                ((6 * q - 5, 6 * q), i + 2)
            } else if c.quarter.contains(&w) && (1..=4).contains(&q) {
                ((3 * q - 2, 3 * q), i + 2)
            } else {
                return None;
            }
        } else {
            return None;
        };
        if self.norm(k) != "من" {
            return None;
        }
        let (y, last) = self.year_after(k + 1)?;
        Some(Read::Date(Found {
            end_value: Some(format!("{y:04}-{:02}", months.1)),
            year_written: true,
            ..Found::new(
                i,
                last,
                DateKind::Range,
                Some(format!("{y:04}-{:02}", months.0)),
            )
        }))
    }

    /// The same day of another year: نفس اليوم من عام 1947، اليوم نفسه من عام 1947 (the day
    /// the text named last), في مثل هذا اليوم من عام 1947 (the article's).
    fn same_day(&self, i: usize) -> Option<Read> {
        let c = self.cues;
        let (a, b) = (self.norm(i), self.norm(i + 1));
        let (day, k) = if (c.same.contains(&a) && b == "اليوم")
            || (a == "اليوم" && c.same.contains(&b))
        {
            (self.ctx.get().last_day, i + 2)
        } else if a == "مثل" && b == "هذا" && self.norm(i + 2) == "اليوم" {
            (self.article, i + 3)
        } else {
            return None;
        };
        if self.norm(k) != "من" {
            return None;
        }
        let (y, last) = self.year_after(k + 1)?;
        let value = day
            .and_then(|d| NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, d.month(), d.day()))
            .map(|d| d.to_string());
        Some(Read::Date(Found {
            year_written: true,
            ..Found::new(i, last, DateKind::Date, value)
        }))
    }

    /// Relative words: أمس، الأسبوع الماضي; السنة السابقة from the last year written.
    fn relative(&self, i: usize) -> Option<Read> {
        let hit = relatives().match_at(self.doc, i)?;
        let rel = hit.value.rel;
        let anchor = hit
            .value
            .anaphoric
            .then(|| self.ctx.get().last_year)
            .flatten();
        let value = match (rel, anchor) {
            (Rel::Year(k), Some(y)) => Some((y + i64::from(k)).to_string()),
            _ => self.article.map(|d| match rel {
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
            }),
        };
        Some(Read::Date(Found::new(
            i,
            hit.last,
            DateKind::Relative,
            value,
        )))
    }

    /// Weekdays: (يوم) الاثنين (المقبل), and the nth or last weekday of a month (الجمعة
    /// الأولى من رمضان، ثاني جمعة من شهر رمضان، آخر جمعة من مارس، أول اثنين من الشهر نفسه;
    /// الجمعة الثانية after one of them: of its month).
    fn weekday(&self, i: usize) -> Option<Read> {
        let t = &self.doc.toks[i];
        if !t.is_word() {
            return None;
        }
        let day = *weekdays().cands(t, 3).next()?;
        let wd = day.wd;
        let next = self.norm(i + 1);
        let prev = self.prev(i);
        let ordinal = |k: usize, before: bool| {
            weekday_ordinals()
                .get(self.norm(k))
                .filter(|o| o.1 == before)
                .map(|o| o.0)
        };
        let nth = if day.bare {
            // An indefinite name is a weekday only after its ordinal.
            Some(i.checked_sub(1).and_then(|p| ordinal(p, true))?)
        } else {
            // الاثنين also means "the two": "بين الاثنين", "الاثنين معا"
            let both = wd == Weekday::Mon
                && (self.cues.pair_after.contains(&next)
                    || i > 0 && self.cues.pair_before.contains(&prev));
            if both {
                return None;
            }
            ordinal(i + 1, false)
        };
        if let Some(n) = nth {
            let (first, last) = if day.bare { (i - 1, i) } else { (i, i + 1) };
            let (month, end) = match self.month_after(last + 1) {
                Some((m, l)) => (Some(m), l),
                None => (self.ctx.get().nth_month, last),
            };
            if let Some((m, d)) = month.and_then(|m| Some((m, m.nth_weekday(wd, n)?))) {
                let start = m.days()?.0;
                let hijri = (m.calendar == Calendar::Hijri)
                    .then(|| m.hijri_day((d - start).num_days() as u32 + 1));
                return Some(Read::Date(Found {
                    calendar: m.calendar,
                    hijri,
                    weekday: Some(wd),
                    month: Some(m),
                    nth: true,
                    ..Found::new(first, end, DateKind::Date, Some(d.to_string()))
                }));
            }
            // Without its month, the weekday itself (آخر جمعة من الاحتجاجات: the last Friday).
            return Some(Read::Date(Found {
                weekday: Some(wd),
                ..Found::new(
                    first,
                    last,
                    DateKind::Weekday,
                    self.weekday_value(wd, first, false, false),
                )
            }));
        }
        let first = if i > 0 && self.cues.weekday_day.contains(&prev) {
            i - 1
        } else {
            i
        };
        let future = self.cues.future.contains(&next);
        let past = self.cues.past.contains(&next);
        let last = if future || past { i + 1 } else { i };
        Some(Read::Date(Found {
            weekday: Some(wd),
            ..Found::new(
                first,
                last,
                DateKind::Weekday,
                self.weekday_value(wd, first, future, past),
            )
        }))
    }

    /// The day of a weekday: after المقبل the next one after the article's date, after
    /// الماضي the last one before it; else the next one on or after it when the clause is
    /// in the future (سيعقد الاجتماع الاثنين), the last one on or before it otherwise (the
    /// default: news tells what happened).
    fn weekday_value(&self, wd: Weekday, first: usize, future: bool, past: bool) -> Option<String> {
        let d = self.article?;
        let back = (i64::from(d.weekday().num_days_from_monday())
            - i64::from(wd.num_days_from_monday()))
        .rem_euclid(7);
        let fwd = (7 - back) % 7;
        let k = if future {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        } else if past {
            if back == 0 {
                -7
            } else {
                -back
            }
        } else if self.tense(first) == Some(Ordering::Greater) {
            fwd
        } else {
            -back
        };
        Some((d + Duration::days(k)).to_string())
    }

    /// The month after من at `j` that a weekday is the nth of: (شهر) رمضان، مارس، الشهر
    /// نفسه (the last one named), هذا الشهر، الشهر المقبل. The month and its last token.
    fn month_after(&self, j: usize) -> Option<(MonthRef, usize)> {
        if self.norm(j) != "من" {
            return None;
        }
        let k = j + 1;
        let named = [k, k + 1].into_iter().find_map(|m| {
            self.month_name(m, true)
                .and_then(Read::found)
                .filter(|f| f.first == k && f.kind == DateKind::Month)
        });
        if let Some(f) = named {
            return Some((f.month?, f.last));
        }
        if self.norm(k) == "الشهر" && self.cues.of_month.contains(&self.norm(k + 1)) {
            return Some((self.ctx.get().last_month?, k + 1));
        }
        let h = relatives().match_at(self.doc, k)?;
        let Rel::Month(dm) = h.value.rel else {
            return None;
        };
        let a = self.article?;
        let m0 = i64::from(a.year()) * 12 + i64::from(a.month0()) + i64::from(dm);
        Some((
            MonthRef {
                calendar: Calendar::Gregorian,
                year: m0.div_euclid(12),
                month: m0.rem_euclid(12) as u32 + 1,
            },
            h.last,
        ))
    }
}

/// The Gregorian days from 1 Muharram of `y1` AH to the last day of `y2` AH, and `y1` as
/// the Hijri value.
fn hijri_years(y1: i64, y2: i64) -> (Option<String>, Option<String>, Option<String>) {
    let start = hijri_month(y1, 1).map(|(s, _)| s.to_string());
    let end = hijri_month(y2, 12).map(|(s, l)| (s + Duration::days(i64::from(l) - 1)).to_string());
    (start, end, Some(y1.to_string()))
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
            (h[0].calendar, h[0].value.as_deref(), h[0].hijri.as_deref()),
            (Calendar::Hijri, Some("2021-10-18"), Some("1443-03-12"))
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
        let h = find(&Doc::new("في 12 رمضان 1450"), None);
        assert_eq!(
            (h[0].value.as_deref(), h[0].hijri.as_deref()),
            (Some("2029-01-27"), Some("1450-09-12"))
        );
        let h = find(&Doc::new("توفي عام 1450 هـ"), None);
        assert_eq!(
            (h[0].kind, h[0].calendar, h[0].hijri.as_deref()),
            (DateKind::Year, Calendar::Hijri, Some("1450"))
        );
        // a Hijri year is the span of its Gregorian days
        assert_eq!(
            (h[0].value.as_deref(), h[0].end_value.as_deref()),
            (Some("2028-05-25"), Some("2029-05-13"))
        );
        // past the range: neither path takes 1550 for a Hijri year
        let h = find(&Doc::new("في 12 رمضان 1550"), None);
        assert_eq!(
            (h[0].value.as_deref(), h[0].hijri.as_deref()),
            (None, Some("--09-12"))
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

    fn one(t: &str, d: &str) -> (Option<String>, Option<String>, Option<String>) {
        let m = find(&Doc::new(t), day(d));
        assert_eq!(m.len(), 1, "{t}: {m:?}");
        let m = m.into_iter().next().unwrap();
        (m.value, m.end_value, m.hijri)
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn hijri_dates_are_converted_by_the_umm_al_qura_calendar() {
        // Umm al-Qura puts 1 Ramadan 1434 on 9 July 2013 (Saudi Arabia began the fast on
        // the 10th, by sighting) and 1 Muharram 1440 on 11 September 2018.
        assert_eq!(
            one("ويبدأ الصيام في 1 رمضان 1434", "2013-07-01"),
            (s("2013-07-09"), None, s("1434-09-01"))
        );
        assert_eq!(
            one("يحتفل المسلمون برأس السنة في 1 محرم 1440 هـ", "2018-09-01"),
            (s("2018-09-11"), None, s("1440-01-01"))
        );
        assert_eq!(
            one("وصدر القرار بتاريخ 15 / 9 / 1439هـ", "2018-06-01"),
            (s("2018-05-30"), None, s("1439-09-15"))
        );
        assert_eq!(
            one("الأمر الملكي رقم 12 وتاريخ 4/3/1440", "2018-11-20"),
            (s("2018-11-12"), None, s("1440-03-04"))
        );
        // a month is the span of its days; without its year, the one nearest the article
        assert_eq!(
            one("تبدأ العطلة مع شهر رمضان المبارك", "2018-05-01"),
            (s("2018-05-16"), s("2018-06-14"), s("1439-09"))
        );
    }

    #[test]
    fn a_weekday_fixes_a_hijri_day_a_sighting_apart() {
        // Umm al-Qura: 1 Dhu al-Hijjah 1439 = Sunday 12 August 2018; a sighting a day later
        // makes Sunday the 30th of Dhu al-Qadah and Monday the first.
        let m = find(
            &Doc::new("ويتوقع أن يكون الأحد 30 ذي القعدة والاثنين غرة شهر ذي الحجة"),
            day("2018-08-01"),
        );
        let v: Vec<_> = m
            .iter()
            .map(|d| (d.value.as_deref(), d.hijri.as_deref()))
            .collect();
        assert_eq!(
            v,
            [
                (Some("2018-08-12"), Some("1439-11-30")),
                (Some("2018-08-13"), Some("1439-12-01"))
            ]
        );
    }

    #[test]
    fn ranges_of_days() {
        let d = "2018-07-01";
        assert_eq!(
            one("ويقام المهرجان من 13 إلى 15 تموز", d),
            (s("2018-07-13"), s("2018-07-15"), None)
        );
        assert_eq!(
            one("تستمر المعارض من 3 حتى 5 أغسطس", d),
            (s("2018-08-03"), s("2018-08-05"), None)
        );
        assert_eq!(
            one("وينعقد المؤتمر في الفترة 23-25 يوليو", d),
            (s("2018-07-23"), s("2018-07-25"), None)
        );
        assert_eq!(
            one("في الفترة بين الأول من مارس والأول من مايو 2017", d),
            (s("2017-03-01"), s("2017-05-01"), None)
        );
        assert_eq!(
            one("وثق التقرير القتلى من 5 يناير 2016 إلى 20 يونيو 2018", d),
            (s("2016-01-05"), s("2018-06-20"), None)
        );
        // two dates joined by و without بين stay two
        assert_eq!(find(&Doc::new("في 5 مايو و10 يونيو"), day(d)).len(), 2);
        assert_eq!(one("جرت الجولتان في 7 و14 أكتوبر", d).1, None);
        assert_eq!(
            one("تقام المعارض بين 13 و15 مايو", d),
            (s("2018-05-13"), s("2018-05-15"), None)
        );
    }

    #[test]
    fn a_weekday_follows_the_tense_of_its_clause() {
        let d = "2018-07-12"; // a Thursday
        assert_eq!(
            one("ومن المقرر أن تقام المباراة النهائية يوم الأحد", d).0,
            s("2018-07-15")
        );
        assert_eq!(one("وقال إنه سيزور موسكو الاثنين", d).0, s("2018-07-16"));
        // a future verb and today's weekday: today
        assert_eq!(one("وستعقد اللجنة اجتماعها الخميس", d).0, s("2018-07-12"));
        // no cue: the last one (news tells what happened)
        assert_eq!(one("والتقى الوزير نظيره الاثنين", d).0, s("2018-07-09"));
        // a name is not a future verb
        assert_eq!(
            one("وقال وزير الخارجية سيرغي لافروف الاثنين", d).0,
            s("2018-07-09")
        );
    }

    #[test]
    fn the_nth_or_last_weekday_of_a_month() {
        let d = "2018-06-11";
        assert_eq!(
            one("وأدى المصلون صلاة الجمعة الأولى من رمضان في المسجد", d),
            (s("2018-05-18"), None, s("1439-09-03"))
        );
        assert_eq!(
            one("وشارك الآلاف في ثاني جمعة من شهر رمضان", d),
            (s("2018-05-25"), None, s("1439-09-10"))
        );
        assert_eq!(
            one("وتنتهي المهلة في آخر جمعة من مارس", d).0,
            s("2018-03-30")
        );
        assert_eq!(
            one("وتقام الانتخابات في أول اثنين من نوفمبر المقبل", d).0,
            s("2018-11-05")
        );
        // after one, a bare ordinal weekday is of the same month
        let m = find(
            &Doc::new(
                "وبلغ عدد المصلين في الجمعة الأولى من رمضان 100 ألف وفي الجمعة الثانية 150 ألفا",
            ),
            day(d),
        );
        assert_eq!(m[1].value.as_deref(), Some("2018-05-25"));
        // أول اثنين من الشهر نفسه: of the month named before
        let m = find(
            &Doc::new("وتحتفل بريطانيا بالعيد في السابع من مايو، أي في أول اثنين من الشهر نفسه"),
            day("2018-05-01"),
        );
        assert_eq!(m[1].value.as_deref(), Some("2018-05-07"));
        // the masculine ordinal after a weekday is the day of the month
        assert_eq!(
            one(
                "دخل القانون حيز التنفيذ الثلاثاء الثالث من يوليو",
                "2018-07-04"
            )
            .0,
            s("2018-07-03")
        );
    }

    #[test]
    fn a_yearless_month_takes_the_year_of_its_tense() {
        let d = "2018-04-12";
        // more than three months ahead with no cue: last year's
        assert_eq!(one("وكان عدد المؤيدين أكبر في ديسمبر", d).0, s("2017-12"));
        assert_eq!(one("وعقد الاجتماع في 14 سبتمبر", d).0, s("2017-09-14"));
        // a future verb: the next one (the article's month is this year's)
        assert_eq!(one("وستجرى الانتخابات في 24 يونيو", d).0, s("2018-06-24"));
        assert_eq!(one("وستجرى الانتخابات في 2 أبريل", d).0, s("2018-04-02"));
        assert_eq!(one("وسيعقد المؤتمر في فبراير", d).0, s("2019-02"));
        // كان: the last one
        assert_eq!(one("كانت الحكومة قد أعلنت في مايو", d).0, s("2017-05"));
        // a month's year written after it
        assert_eq!(one("قبل نهاية شهر مارس من العام القادم", d).0, s("2019-03"));
        assert_eq!(one("في 14 أغسطس عام 2013", d).0, s("2013-08-14"));
        assert_eq!(
            one("في 5 أكتوبر/تشرين أول من عام 1918", d).0,
            s("1918-10-05")
        );
    }

    #[test]
    fn a_month_and_its_other_name_in_brackets_are_one() {
        let d = "2015-07-21";
        assert_eq!(
            one("وهي الأعلى منذ نوفمبر (تشرين الثاني) 2007", d),
            (s("2007-11"), None, None)
        );
        assert_eq!(
            one("ووقعت الحادثة في 18 ديسمبر «كانون الأول» الماضي", d),
            (s("2014-12-18"), None, None)
        );
    }

    #[test]
    fn relative_words_counted_from_the_text_or_the_article() {
        let d = "2018-06-22";
        assert_eq!(one("ودخل المستشفى أول من أمس", d).0, s("2018-06-20"));
        assert_eq!(one("والتقى كيم الشهر الفائت", d).0, s("2018-05"));
        // السنة السابقة from the year written before it
        let m = find(
            &Doc::new("انخفض عدد الطلبات في عام 2015 إلى نصف المسجل في السنة السابقة"),
            day(d),
        );
        assert_eq!(m[1].value.as_deref(), Some("2014"));
        // اليوم and its weekday are one date, the weekday's day when a day off
        assert_eq!(one("وقال الوزير اليوم الجمعة إن", d).0, s("2018-06-22"));
        assert_eq!(one("وقال الوزير اليوم السبت إن", d).0, s("2018-06-23"));
        assert_eq!(one("وسيتدرب بشكل طبيعي غدا (السبت)", d).0, s("2018-06-23"));
        assert_eq!(
            one("وسيتم التوقيع يوم الخميس الموافق 26/7/2018", d).0,
            s("2018-07-26")
        );
    }

    #[test]
    fn parts_of_a_year_are_ranges_of_months() {
        let d = "2018-10-13";
        assert_eq!(
            one("ارتفعت الصادرات في الأشهر التسعة الأولى من عام 2018", d),
            (s("2018-01"), s("2018-09"), None)
        );
        assert_eq!(
            one("تضاعفت الأرباح خلال الـ6 أشهر الأولى من العام الجاري", d),
            (s("2018-01"), s("2018-06"), None)
        );
        assert_eq!(
            one(
                "وتراجع النمو في الربع الأخير؟ لا، في الربع الثالث من العام الماضي",
                d
            ),
            (s("2017-07"), s("2017-09"), None)
        );
        assert_eq!(
            one("وسجل عجزا في النصف الثاني من 2016", d),
            (s("2016-07"), s("2016-12"), None)
        );
    }

    #[test]
    fn the_same_day_of_another_year_and_bare_years_of_editions() {
        let m = find(
            &Doc::new("في 5 أكتوبر 1918 توفي الطيار، وفي نفس اليوم من عام 1947 ألقى ترومان خطابه"),
            day("2018-10-05"),
        );
        assert_eq!(m[1].value.as_deref(), Some("1947-10-05"));
        assert_eq!(
            one("في مثل هذا اليوم من عام 1990 توحدت ألمانيا", "2018-10-03").0,
            s("1990-10-03")
        );
        assert_eq!(
            one("وتأهل المنتخب إلى نهائيات كأس العالم 2018", "2018-03-01").0,
            s("2018")
        );
        assert_eq!(
            one("وطالبت بتوسيع بنود اتفاق 2015", "2018-03-01").0,
            s("2015")
        );
        assert_eq!(
            one("قرار مجلس الأمن رقم 1373 (2001)", "2018-03-01").0,
            s("2001")
        );
        // a count after an edition noun stays a count
        assert!(find(&Doc::new("يعيش في العالم 2000 شخص"), None).is_empty());
    }
}

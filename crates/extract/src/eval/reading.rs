//! The reading measured against the project's own gold (`gold/reading/*.jsonl`,
//! format in `gold/README.md`): quotations with their speakers, numbers and
//! ordinals, dates resolved to calendar values, and PLOVER events with their
//! actors and targets, each scored per part (`dev` to tune on, `test` frozen).
//!
//! Each gold line is a passage of real news with its article's date; the
//! passage is read by [`crate::read_article`] as the body of an article of
//! that date, and what the reading finds is matched one-to-one with what the
//! gold lists (the gold is exhaustive for its phenomenon, so what is left over
//! is spurious).

use super::ratio;
use crate::ontology::EventType;
use crate::reading::{read_article, Reading};
use crate::roles::Participant;
use chrono::NaiveDate;
use khabar_text::{key_of, tokenize};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One gold passage: the fields every gold file shares, and the annotations
/// of its phenomenon (one of the four lists is present).
#[derive(Clone, Debug, Deserialize)]
pub struct GoldPassage {
    pub id: String,
    pub part: String,
    #[serde(default)]
    pub docno: String,
    pub date: NaiveDate,
    pub text: String,
    pub quotes: Option<Vec<GoldQuote>>,
    pub numbers: Option<Vec<GoldNumber>>,
    pub dates: Option<Vec<GoldDate>>,
    pub events: Option<Vec<GoldEvent>>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldQuote {
    pub content: String,
    pub kind: String,
    pub speaker: Option<String>,
    pub head: Option<String>,
    #[serde(default)]
    pub nth: Option<usize>,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldNumber {
    pub text: String,
    pub value: f64,
    #[serde(default)]
    pub to: Option<f64>,
    pub kind: String,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub money: bool,
    #[serde(default)]
    pub nth: Option<usize>,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldDate {
    pub text: String,
    pub value: String,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub hijri: Option<String>,
    #[serde(default)]
    pub nth: Option<usize>,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldEvent {
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub trigger: String,
    pub actor: Option<String>,
    pub target: Option<String>,
    #[serde(default)]
    pub actor_head: Option<String>,
    #[serde(default)]
    pub target_head: Option<String>,
    #[serde(default)]
    pub nth: Option<usize>,
}

/// Parses one gold line.
pub fn parse_line(line: &str) -> Result<GoldPassage, serde_json::Error> {
    serde_json::from_str(line)
}

/// How one part scored, phenomenon by phenomenon (a phenomenon without gold
/// in the part is absent).
#[derive(Clone, Debug, Default, Serialize)]
pub struct PartScore {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quotes: Option<QuoteScore>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numbers: Option<NumberScore>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dates: Option<DateScore>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<EventScore>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct QuoteScore {
    pub passages: usize,
    /// Gold quotations.
    pub gold: usize,
    /// Gold quotations the reading found (content overlapping by half or more).
    pub found: usize,
    /// Found, with the right speaker: it holds the gold speaker's naming part
    /// and nothing outside the gold speaker (or both have none).
    pub right_speaker: usize,
    /// Found, with the speaker's whole extent (the same keys as the gold speaker).
    pub exact_speaker: usize,
    /// Quotations read that the gold does not have.
    pub spurious: usize,
    /// Passages the gold says hold no quotation.
    pub negatives: usize,
    /// Of those, the passages in which the reading found one.
    pub negatives_with_quote: usize,
    pub found_rate: f64,
    pub right_speaker_rate: f64,
    pub exact_speaker_rate: f64,
    pub negatives_with_quote_rate: f64,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct NumberScore {
    pub passages: usize,
    /// Gold numbers that are not ordinals.
    pub gold: usize,
    /// Of those, read with the right value (and range end) on an overlapping span.
    pub found: usize,
    /// Found with the right unit (the same key, or both none).
    pub right_unit: usize,
    /// Gold numbers that are money (`money: true`).
    pub money: usize,
    /// Of those, found and read as money.
    pub money_right: usize,
    /// Found numbers read as money whose gold is not.
    pub money_false: usize,
    pub ordinals: usize,
    pub ordinals_found: usize,
    /// Numbers read that match no gold number or ordinal.
    pub spurious: usize,
    pub found_rate: f64,
    pub ordinal_rate: f64,
    /// `spurious` over the gold numbers and ordinals.
    pub spurious_rate: f64,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct DateScore {
    pub passages: usize,
    pub gold: usize,
    /// Gold dates the reading has a date for on an overlapping span.
    pub found: usize,
    /// Found and resolved to the gold value (and range end).
    pub right_value: usize,
    /// Dates read that overlap no gold date.
    pub spurious: usize,
    pub found_rate: f64,
    pub right_value_rate: f64,
    /// Gold Hijri dates (with a `hijri` value).
    pub hijri: usize,
    /// Gold Hijri dates found with their Hijri value (whatever their Gregorian one).
    pub right_hijri: usize,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct EventScore {
    pub passages: usize,
    pub gold: usize,
    /// Gold events read with their type at their trigger.
    pub found: usize,
    pub right_actor: usize,
    pub right_target: usize,
    /// Found with both the actor and the target right.
    pub right_both: usize,
    /// Events read that the gold does not have.
    pub spurious: usize,
    pub found_rate: f64,
    pub right_actor_rate: f64,
    pub right_target_rate: f64,
    pub right_both_rate: f64,
}

/// What the reading missed or got wrong, for a developer to look at.
#[derive(Clone, Debug, Serialize)]
pub struct Miss {
    pub part: String,
    pub id: String,
    /// `quote`, `speaker`, `false-quote`, `number`, `money`, `spurious-number`,
    /// `date`, `date-value`, `spurious-date`, `event`, `actor`, `target`,
    /// `spurious-event`.
    pub what: &'static str,
    pub expected: String,
    pub got: String,
    pub text: String,
}

/// The scores per part (`dev`, `test`, and any other part name the gold
/// uses), and every miss.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub parts: BTreeMap<String, PartScore>,
    pub misses: Vec<Miss>,
}

/// Reads every passage and scores it against its gold.
pub fn evaluate(passages: &[GoldPassage]) -> Report {
    let mut report = Report::default();
    let Report { parts, misses } = &mut report;
    for g in passages {
        let r = read_article(None, &g.text, Some(g.date));
        let part = parts.entry(g.part.clone()).or_default();
        if let Some(q) = &g.quotes {
            score_quotes(
                g,
                q,
                &r,
                part.quotes.get_or_insert_with(Default::default),
                misses,
            );
        }
        if let Some(n) = &g.numbers {
            score_numbers(
                g,
                n,
                &r,
                part.numbers.get_or_insert_with(Default::default),
                misses,
            );
        }
        if let Some(d) = &g.dates {
            score_dates(
                g,
                d,
                &r,
                part.dates.get_or_insert_with(Default::default),
                misses,
            );
        }
        if let Some(e) = &g.events {
            score_events(
                g,
                e,
                &r,
                part.events.get_or_insert_with(Default::default),
                misses,
            );
        }
    }
    for p in report.parts.values_mut() {
        if let Some(q) = &mut p.quotes {
            q.found_rate = ratio(q.found, q.gold);
            q.right_speaker_rate = ratio(q.right_speaker, q.gold);
            q.exact_speaker_rate = ratio(q.exact_speaker, q.gold);
            q.negatives_with_quote_rate = ratio(q.negatives_with_quote, q.negatives);
        }
        if let Some(n) = &mut p.numbers {
            n.found_rate = ratio(n.found, n.gold);
            n.ordinal_rate = ratio(n.ordinals_found, n.ordinals);
            n.spurious_rate = ratio(n.spurious, n.gold + n.ordinals);
        }
        if let Some(d) = &mut p.dates {
            d.found_rate = ratio(d.found, d.gold);
            d.right_value_rate = ratio(d.right_value, d.gold);
        }
        if let Some(e) = &mut p.events {
            e.found_rate = ratio(e.found, e.gold);
            e.right_actor_rate = ratio(e.right_actor, e.gold);
            e.right_target_rate = ratio(e.right_target, e.gold);
            e.right_both_rate = ratio(e.right_both, e.gold);
        }
    }
    report
}

/// The byte span of the `nth` (1-based, default 1) occurrence of `needle`.
fn locate(text: &str, needle: &str, nth: Option<usize>) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    text.match_indices(needle)
        .nth(nth.unwrap_or(1).saturating_sub(1))
        .map(|(at, s)| (at, at + s.len()))
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// The search keys of a phrase, in order (clitics and marks do not count).
fn keys(s: &str) -> Vec<String> {
    let mut buf = String::new();
    tokenize(s)
        .filter(|t| t.kind.is_content())
        .map(|t| key_of(t.text(s), t.kind, &mut buf).to_string())
        .filter(|k| !k.is_empty())
        .collect()
}

fn contains_all(hay: &[String], needles: &[String]) -> bool {
    !needles.is_empty() && needles.iter().all(|n| hay.contains(n))
}

/// Whether a participant the reading found is the gold one: it holds the
/// naming part and nothing outside the gold extent (or neither is there).
fn participant_right(got: Option<&Participant>, extent: Option<&str>, head: Option<&str>) -> bool {
    match (got, extent) {
        (None, None) => true,
        (Some(p), Some(extent)) => {
            let got = keys(&p.text);
            let head = keys(head.unwrap_or(extent));
            contains_all(&got, &head) && contains_all(&keys(extent), &got)
        }
        _ => false,
    }
}

fn show(p: Option<&Participant>) -> String {
    p.map_or_else(|| "-".to_string(), |p| p.text.clone())
}

/// Pairs gold items with found ones, best overlap first, one-to-one.
/// `score(gold, found)` is `None` when the two cannot be the same item.
fn pair(
    n_gold: usize,
    n_found: usize,
    score: impl Fn(usize, usize) -> Option<f64>,
) -> Vec<Option<usize>> {
    let mut cands = Vec::new();
    for g in 0..n_gold {
        for f in 0..n_found {
            if let Some(s) = score(g, f) {
                cands.push((s, g, f));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut of_gold = vec![None; n_gold];
    let mut used = vec![false; n_found];
    for (_, g, f) in cands {
        if of_gold[g].is_none() && !used[f] {
            of_gold[g] = Some(f);
            used[f] = true;
        }
    }
    of_gold
}

fn miss(g: &GoldPassage, what: &'static str, expected: String, got: String) -> Miss {
    Miss {
        part: g.part.clone(),
        id: g.id.clone(),
        what,
        expected,
        got,
        text: g.text.clone(),
    }
}

fn unmatched(pairs: &[Option<usize>], n_found: usize) -> impl Iterator<Item = usize> + '_ {
    (0..n_found).filter(move |f| !pairs.contains(&Some(*f)))
}

fn score_quotes(
    g: &GoldPassage,
    gold: &[GoldQuote],
    r: &Reading,
    s: &mut QuoteScore,
    misses: &mut Vec<Miss>,
) {
    s.passages += 1;
    s.gold += gold.len();
    if gold.is_empty() {
        s.negatives += 1;
        if !r.quotes.is_empty() {
            s.negatives_with_quote += 1;
        }
    }
    let spans: Vec<_> = gold
        .iter()
        .map(|q| locate(&g.text, &q.content, q.nth))
        .collect();
    let pairs = pair(gold.len(), r.quotes.len(), |gi, fi| {
        let gs = spans[gi]?;
        let f = &r.quotes[fi];
        let o = overlap(gs, (f.start, f.end));
        let shorter = (gs.1 - gs.0).min(f.end - f.start).max(1);
        let share = o as f64 / shorter as f64;
        (share >= 0.5).then_some(share)
    });
    for (q, m) in gold.iter().zip(&pairs) {
        let Some(fi) = *m else {
            misses.push(miss(g, "quote", q.content.clone(), String::new()));
            continue;
        };
        s.found += 1;
        let sp = r.quotes[fi].speaker.as_ref();
        if participant_right(sp, q.speaker.as_deref(), q.head.as_deref()) {
            s.right_speaker += 1;
            let exact = match (sp, q.speaker.as_deref()) {
                (Some(p), Some(want)) => keys(&p.text) == keys(want),
                (None, None) => true,
                _ => false,
            };
            s.exact_speaker += usize::from(exact);
        } else {
            let want = q.speaker.clone().unwrap_or_else(|| "-".into());
            misses.push(miss(g, "speaker", want, show(sp)));
        }
    }
    for fi in unmatched(&pairs, r.quotes.len()) {
        s.spurious += 1;
        misses.push(miss(
            g,
            "false-quote",
            String::new(),
            r.quotes[fi].text.clone(),
        ));
    }
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn score_numbers(
    g: &GoldPassage,
    gold: &[GoldNumber],
    r: &Reading,
    s: &mut NumberScore,
    misses: &mut Vec<Miss>,
) {
    s.passages += 1;
    let spans: Vec<_> = gold
        .iter()
        .map(|n| locate(&g.text, &n.text, n.nth))
        .collect();
    let pairs = pair(gold.len(), r.numbers.len(), |gi, fi| {
        let gs = spans[gi]?;
        let (want, f) = (&gold[gi], &r.numbers[fi]);
        let o = overlap(gs, (f.start, f.end));
        let same_to = match (want.to, f.to) {
            (Some(a), Some(b)) => same_value(a, b),
            (None, None) => true,
            _ => false,
        };
        (o > 0 && same_value(want.value, f.value) && same_to).then_some(o as f64)
    });
    for (n, m) in gold.iter().zip(&pairs) {
        let ordinal = n.kind == "ordinal";
        if ordinal {
            s.ordinals += 1;
        } else {
            s.gold += 1;
            s.money += usize::from(n.money);
        }
        let Some(fi) = *m else {
            let got: Vec<String> = r
                .numbers
                .iter()
                .filter(|f| spans_overlap(locate(&g.text, &n.text, n.nth), (f.start, f.end)))
                .map(|f| format!("{} = {}", f.text, f.value))
                .collect();
            let want = match n.to {
                Some(to) => format!("{} = {}..{}", n.text, n.value, to),
                None => format!("{} = {}", n.text, n.value),
            };
            misses.push(miss(
                g,
                if ordinal { "ordinal" } else { "number" },
                want,
                got.join("; "),
            ));
            continue;
        };
        if ordinal {
            s.ordinals_found += 1;
        } else {
            s.found += 1;
            let unit_ok = match (&r.numbers[fi].unit, &n.unit) {
                (None, None) => true,
                (Some(a), Some(b)) => keys(a) == keys(b) || (a == "%" && b == "%"),
                _ => false,
            };
            s.right_unit += usize::from(unit_ok);
            let money = r.numbers[fi].money;
            s.money_right += usize::from(money && n.money);
            s.money_false += usize::from(money && !n.money);
            if n.money && !money {
                misses.push(miss(
                    g,
                    "money",
                    format!("{} {}", n.text, n.unit.as_deref().unwrap_or("")),
                    format!(
                        "{} = {} (unit {})",
                        r.numbers[fi].text,
                        r.numbers[fi].value,
                        r.numbers[fi].unit.as_deref().unwrap_or("none")
                    ),
                ));
            }
        }
    }
    for fi in unmatched(&pairs, r.numbers.len()) {
        let f = &r.numbers[fi];
        s.spurious += 1;
        misses.push(miss(
            g,
            "spurious-number",
            String::new(),
            format!("{} = {}", f.text, f.value),
        ));
    }
}

fn spans_overlap(a: Option<(usize, usize)>, b: (usize, usize)) -> bool {
    a.is_some_and(|a| overlap(a, b) > 0)
}

fn score_dates(
    g: &GoldPassage,
    gold: &[GoldDate],
    r: &Reading,
    s: &mut DateScore,
    misses: &mut Vec<Miss>,
) {
    s.passages += 1;
    s.gold += gold.len();
    let spans: Vec<_> = gold
        .iter()
        .map(|d| locate(&g.text, &d.text, d.nth))
        .collect();
    let right = |gi: usize, fi: usize| {
        let (want, f) = (&gold[gi], &r.dates[fi]);
        f.value.as_deref() == Some(want.value.as_str())
            && f.end_value.as_deref() == want.to.as_deref()
    };
    let pairs = pair(gold.len(), r.dates.len(), |gi, fi| {
        let gs = spans[gi]?;
        let f = &r.dates[fi];
        let o = overlap(gs, (f.start, f.end));
        // A right value outranks a wider overlap.
        (o > 0).then(|| o as f64 + if right(gi, fi) { 1e6 } else { 0.0 })
    });
    for (gi, (d, m)) in gold.iter().zip(&pairs).enumerate() {
        let want = match &d.to {
            Some(to) => format!("{} = {}..{}", d.text, d.value, to),
            None => format!("{} = {}", d.text, d.value),
        };
        s.hijri += usize::from(d.hijri.is_some());
        let Some(fi) = *m else {
            misses.push(miss(g, "date", want, String::new()));
            continue;
        };
        s.found += 1;
        if let Some(h) = &d.hijri {
            s.right_hijri += usize::from(r.dates[fi].hijri.as_ref() == Some(h));
        }
        if right(gi, fi) {
            s.right_value += 1;
        } else {
            let f = &r.dates[fi];
            let got = format!(
                "{} = {}{}",
                f.text,
                f.value.as_deref().unwrap_or("-"),
                f.end_value
                    .as_deref()
                    .map(|e| format!("..{e}"))
                    .unwrap_or_default()
            );
            misses.push(miss(g, "date-value", want, got));
        }
    }
    for fi in unmatched(&pairs, r.dates.len()) {
        let f = &r.dates[fi];
        s.spurious += 1;
        misses.push(miss(
            g,
            "spurious-date",
            String::new(),
            format!("{} = {}", f.text, f.value.as_deref().unwrap_or("-")),
        ));
    }
}

fn score_events(
    g: &GoldPassage,
    gold: &[GoldEvent],
    r: &Reading,
    s: &mut EventScore,
    misses: &mut Vec<Miss>,
) {
    s.passages += 1;
    s.gold += gold.len();
    let spans: Vec<_> = gold
        .iter()
        .map(|e| locate(&g.text, &e.trigger, e.nth))
        .collect();
    let pairs = pair(gold.len(), r.events.len(), |gi, fi| {
        if r.events[fi].event_type != gold[gi].event_type {
            return None;
        }
        let f = &r.events[fi];
        match spans[gi] {
            Some(gs) => {
                let o = overlap(gs, (f.start, f.end));
                (o > 0).then_some(o as f64)
            }
            None => Some(0.0),
        }
    });
    for (e, m) in gold.iter().zip(&pairs) {
        let Some(fi) = *m else {
            misses.push(miss(
                g,
                "event",
                format!("{} {}", e.event_type, e.trigger),
                String::new(),
            ));
            continue;
        };
        s.found += 1;
        let f = &r.events[fi];
        let actor = participant_head_right(
            f.actor.as_ref(),
            e.actor.as_deref(),
            e.actor_head.as_deref(),
        );
        let target = participant_head_right(
            f.target.as_ref(),
            e.target.as_deref(),
            e.target_head.as_deref(),
        );
        s.right_actor += usize::from(actor);
        s.right_target += usize::from(target);
        s.right_both += usize::from(actor && target);
        if !actor {
            misses.push(miss(
                g,
                "actor",
                format!(
                    "{} {}: {}",
                    e.event_type,
                    e.trigger,
                    e.actor.as_deref().unwrap_or("-")
                ),
                show(f.actor.as_ref()),
            ));
        }
        if !target {
            misses.push(miss(
                g,
                "target",
                format!(
                    "{} {}: {}",
                    e.event_type,
                    e.trigger,
                    e.target.as_deref().unwrap_or("-")
                ),
                show(f.target.as_ref()),
            ));
        }
    }
    for fi in unmatched(&pairs, r.events.len()) {
        s.spurious += 1;
        let f = &r.events[fi];
        misses.push(miss(
            g,
            "spurious-event",
            String::new(),
            format!("{} {}", f.event_type, f.trigger),
        ));
    }
}

/// An event's actor or target is right when it holds the gold naming part
/// (the extent of event arguments is looser than a speaker's), or when
/// neither the gold nor the reading has one.
fn participant_head_right(
    got: Option<&Participant>,
    extent: Option<&str>,
    head: Option<&str>,
) -> bool {
    match (got, extent) {
        (None, None) => true,
        (Some(p), Some(extent)) => contains_all(&keys(&p.text), &keys(head.unwrap_or(extent))),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(json: &str) -> GoldPassage {
        parse_line(json).unwrap()
    }

    #[test]
    fn a_right_speaker_holds_the_name_and_stays_inside_the_gold_extent() {
        let g = passage(
            r#"{"id":"t1","part":"dev","date":"2018-03-04","text":"وقال الرئيس الروسي فلاديمير بوتين إن القوات ستنسحب من سوريا.","quotes":[{"content":"القوات ستنسحب من سوريا","kind":"reported","speaker":"الرئيس الروسي فلاديمير بوتين","head":"فلاديمير بوتين"}]}"#,
        );
        let r = evaluate(&[g]);
        let q = r.parts["dev"].quotes.as_ref().unwrap();
        assert_eq!((q.gold, q.found), (1, 1));
        assert_eq!(q.right_speaker, 1, "{:?}", r.misses);
    }

    #[test]
    fn a_negative_passage_counts_the_quotations_it_should_not_have() {
        let g = passage(
            r#"{"id":"t2","part":"test","date":"2018-05-01","text":"وأعلنت الحكومة حالة الطوارئ في البلاد.","quotes":[],"negative":"speech-verb"}"#,
        );
        let r = evaluate(&[g]);
        let q = r.parts["test"].quotes.as_ref().unwrap();
        assert_eq!((q.negatives, q.gold), (1, 0));
    }

    #[test]
    fn numbers_match_on_value_and_span_and_the_rest_is_spurious() {
        let g = passage(
            r#"{"id":"t3","part":"dev","date":"2018-05-01","text":"وانتشر أكثر من 2000 جندي في المدينة.","numbers":[{"text":"2000","value":2000,"kind":"cardinal","unit":"جندي"}]}"#,
        );
        let r = evaluate(&[g]);
        let n = r.parts["dev"].numbers.as_ref().unwrap();
        assert_eq!(
            (n.gold, n.found, n.right_unit, n.spurious),
            (1, 1, 1, 0),
            "{:?}",
            r.misses
        );
    }

    #[test]
    fn a_date_is_right_only_with_its_resolved_value() {
        let g = passage(
            r#"{"id":"t4","part":"dev","date":"2018-03-07","text":"وصل الوفد إلى بغداد أمس.","dates":[{"text":"أمس","value":"2018-03-06"}]}"#,
        );
        let r = evaluate(&[g]);
        let d = r.parts["dev"].dates.as_ref().unwrap();
        assert_eq!(
            (d.gold, d.found, d.right_value),
            (1, 1, 1),
            "{:?}",
            r.misses
        );
    }

    #[test]
    fn a_hijri_date_is_scored_by_its_gregorian_value_and_its_hijri_one_apart() {
        let g = passage(
            r#"{"id":"t5","part":"dev","date":"2018-06-09","text":"ويعقد الاجتماع يوم الأحد 26/9/1439هـ في مكة.","dates":[{"text":"يوم الأحد 26/9/1439هـ","value":"2018-06-10","hijri":"1439-09-26"}]}"#,
        );
        let r = evaluate(&[g]);
        let d = r.parts["dev"].dates.as_ref().unwrap();
        assert_eq!(
            (d.right_value, d.hijri, d.right_hijri),
            (1, 1, 1),
            "{:?}",
            r.misses
        );
    }

    #[test]
    fn locate_finds_the_nth_occurrence() {
        assert_eq!(locate("أ ب أ", "أ", Some(2)), Some((6, 8)));
        assert_eq!(locate("أ ب أ", "ج", None), None);
    }
}

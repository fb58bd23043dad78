//! The reading of an article: everything khabar finds in it, in one value.
//!
//! [`read_article`] runs every stage over the text once (tokens and sentences
//! are shared) and returns a [`Reading`], serialized as the JSON documented in
//! `docs/analyze.md`. Every span is a byte range into the `text` passed in
//! (the body; the title is kept apart).

use crate::dates::{self, DateMention};
use crate::doc::Doc;
use crate::events::{self, Event};
use crate::keywords::{self, Keyword};
use crate::ner::{self, EntityLabel, Mention};
use crate::numbers::{self, Number};
use crate::ontology::ParticipantKind;
use crate::quotes::{self, Quote};
use crate::roles::{self, Participant};
use crate::summary::{self, SummarySentence};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The format version of [`Reading`]'s JSON; bumped on incompatible changes.
pub const READING_VERSION: u32 = 1;

/// A sentence: a byte range into the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
}

/// A named-entity mention with the key and the names of the entity it
/// belongs to (mentions merged by [`crate::entities::merge`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMention {
    pub text: String,
    pub label: EntityLabel,
    pub start: usize,
    pub end: usize,
    /// The entity's canonical key (stemmed search keys of its full name,
    /// space-joined), stable across articles.
    pub key: String,
    /// The entity's name: the fullest mention of it in this article (`بوتين`
    /// → `فلاديمير بوتين`).
    pub canonical: String,
    /// The entity's English name, where the gazetteer knows it (`Vladimir
    /// Putin`); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub english: Option<String>,
    /// A romanization of `canonical` ([`crate::entities::romanize`]: `Butin`).
    #[serde(default)]
    pub romanized: String,
}

/// Everything read from one article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub title: Option<String>,
    pub sentences: Vec<SentenceSpan>,
    pub entities: Vec<EntityMention>,
    pub numbers: Vec<Number>,
    pub dates: Vec<DateMention>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    pub keywords: Vec<Keyword>,
    pub summary: Vec<SummarySentence>,
}

/// The most bytes of text read as one window. A longer text (no real news
/// article: the longest of ANT's 31.5k has 38 KB) is read in windows of whole
/// sentences of at most this size (a single longer sentence is a window of its
/// own; sentences hold at most [`khabar_text::MAX_SENTENCE_TOKENS`] tokens),
/// each read on its own and their readings joined, spans and sentence indices
/// into the whole text. Every stage then works on a bounded text: the time of
/// a reading grows with the length of the text, and its output too. What a
/// window does not see: the names the model recognized in another window (one
/// sense per window), the speaker of a quotation in another window. The
/// keywords are those of the windows merged by key (counts and scores added);
/// the summary is picked in the first window.
pub const MAX_WINDOW_BYTES: usize = 64 * 1024;

/// Reads one article: `text` is the body (spans point into it), `title` is
/// used for keywords and the summary, `date` (the publication date, when
/// known) resolves weekdays and relative dates. A text longer than
/// [`MAX_WINDOW_BYTES`] is read in windows.
///
/// ```
/// let r = khabar_extract::read_article(None, "وقال بوتين الاثنين إن 2500 جندي انتشروا في كازاخستان.", None);
/// assert_eq!(r.numbers[0].value, 2500.0);
/// assert_eq!(r.quotes[0].speaker.as_ref().unwrap().text, "بوتين");
/// ```
pub fn read_article(title: Option<&str>, text: &str, date: Option<NaiveDate>) -> Reading {
    if text.len() <= MAX_WINDOW_BYTES {
        return read_window(title, text, date, ner::mentions(text));
    }
    read_in_windows(title, text, date, |_, w| ner::mentions(w))
}

/// [`read_article`] with the entity mentions given (from another model, or
/// none): the reading then does not run NER itself.
pub fn read_with_mentions(
    title: Option<&str>,
    text: &str,
    date: Option<NaiveDate>,
    mut mentions: Vec<Mention>,
) -> Reading {
    if text.len() <= MAX_WINDOW_BYTES {
        return read_window(title, text, date, mentions);
    }
    keep_sound(text, &mut mentions);
    mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    read_in_windows(title, text, date, |start, w| {
        let end = start + w.len();
        let from = mentions.partition_point(|m| m.start < start);
        mentions[from..]
            .iter()
            .take_while(|m| m.start < end)
            .filter(|m| m.end <= end)
            .map(|m| Mention {
                start: m.start - start,
                end: m.end - start,
                ..m.clone()
            })
            .collect()
    })
}

/// The windows of a long text: byte ranges of whole sentences, each at most
/// [`MAX_WINDOW_BYTES`] long unless one sentence is longer.
fn windows(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut start, mut end) = (0, 0);
    for s in khabar_text::sentences(text) {
        if s.end - start > MAX_WINDOW_BYTES && end > start {
            out.push((start, end));
            start = s.start;
        }
        end = s.end;
    }
    if end > start {
        out.push((start, end));
    }
    out
}

/// Reads a long text window by window (`mentions_of` gives the mentions of
/// the window starting at a byte offset, spans into the window) and joins the
/// readings.
fn read_in_windows(
    title: Option<&str>,
    text: &str,
    date: Option<NaiveDate>,
    mut mentions_of: impl FnMut(usize, &str) -> Vec<Mention>,
) -> Reading {
    let mut all = Reading {
        title: title.map(str::to_string),
        ..Reading::default()
    };
    let mut keywords: Vec<Keyword> = Vec::new();
    for (wi, (start, end)) in windows(text).into_iter().enumerate() {
        let w = &text[start..end];
        let r = read_window(title, w, date, mentions_of(start, w));
        let first = all.sentences.len();
        let at = |a: &mut usize, b: &mut usize| {
            *a += start;
            *b += start;
        };
        let on = |p: &mut Participant| at(&mut p.start, &mut p.end);
        all.sentences.extend(r.sentences.into_iter().map(|mut x| {
            at(&mut x.start, &mut x.end);
            x
        }));
        all.entities.extend(r.entities.into_iter().map(|mut x| {
            at(&mut x.start, &mut x.end);
            x
        }));
        all.numbers.extend(r.numbers.into_iter().map(|mut x| {
            at(&mut x.start, &mut x.end);
            x
        }));
        all.dates.extend(r.dates.into_iter().map(|mut x| {
            at(&mut x.start, &mut x.end);
            x
        }));
        all.quotes.extend(r.quotes.into_iter().map(|mut x| {
            at(&mut x.start, &mut x.end);
            x.sentence += first;
            x.speaker.as_mut().map(on);
            x
        }));
        all.events.extend(r.events.into_iter().map(|mut x| {
            at(&mut x.start, &mut x.end);
            x.sentence += first;
            for p in [&mut x.actor, &mut x.target, &mut x.location]
                .into_iter()
                .flatten()
            {
                on(p);
            }
            x
        }));
        if wi == 0 {
            all.summary = r.summary;
        }
        keywords.extend(r.keywords);
    }
    all.keywords = keywords::merge(keywords, KEYWORDS);
    all
}

/// How many keywords a reading gives.
const KEYWORDS: usize = 10;

/// How many sentences the summary picks.
const SUMMARY_SENTENCES: usize = 3;

/// Drops the mentions whose span is not a range of `text`.
fn keep_sound(text: &str, mentions: &mut Vec<Mention>) {
    mentions.retain(|m| {
        m.start < m.end
            && text.is_char_boundary(m.start)
            && text.is_char_boundary(m.end.min(text.len()))
            && m.end <= text.len()
    });
}

/// The reading of one window of text (the whole text of any news article).
fn read_window(
    title: Option<&str>,
    text: &str,
    date: Option<NaiveDate>,
    mut mentions: Vec<Mention>,
) -> Reading {
    keep_sound(text, &mut mentions);
    mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    // No key id is alive here: the vocabulary may start afresh.
    crate::vocab::trim();
    let doc = Doc::new(text);
    let entities = entities_of(text, &mentions);
    let dates = dates::find(&doc, date);
    let mut numbers = numbers::find(&doc);
    // A year or a day of a date is read as a date, not as a number.
    numbers.retain(|n| !dates.iter().any(|d| d.start <= n.start && n.end <= d.end));
    let roles = roles::find(&doc, &mentions);
    let mut quotes = quotes::find(&doc, &roles);
    let mut events = events::find(
        &doc,
        &events::Context {
            roles: &roles,
            numbers: &numbers,
            dates: &dates,
            quotes: &quotes,
        },
    );
    for p in quotes.iter_mut().filter_map(|q| q.speaker.as_mut()) {
        link(p, &entities);
    }
    for e in &mut events {
        for p in [e.actor.as_mut(), e.target.as_mut()].into_iter().flatten() {
            link(p, &entities);
        }
    }
    let title_doc = title.map(Doc::new);
    let weights = keywords::weights(&doc, title_doc.as_ref());
    let keywords = keywords::top(&doc, &weights, KEYWORDS);
    let summary = summary::pick(&doc, &weights, SUMMARY_SENTENCES);
    Reading {
        title: title.map(str::to_string),
        sentences: doc
            .sents
            .iter()
            .map(|s| SentenceSpan {
                start: s.start,
                end: s.end,
            })
            .collect(),
        entities,
        numbers,
        dates,
        quotes,
        events,
        keywords,
        summary,
    }
}

/// The publication date of a Unix timestamp (seconds, UTC), as ingest stores it.
pub fn date_of_timestamp(secs: i64) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(secs, 0).map(|d| d.date_naive())
}

/// The key of a span of text: the search keys ([`khabar_text::key_of`]) of its content tokens,
/// space-joined. A mention no entity took is keyed so, and so is a participant that names no
/// entity (a role noun: `وزير الدفاع` → `وزير دفاع`): the same words give the same key in every
/// article, and a name gives its entity's key (`بكازاخستان` → `كازاخستان`).
///
/// ```
/// assert_eq!(khabar_extract::key_of_span("والشرطة"), khabar_extract::key_of_span("الشرطة"));
/// ```
pub fn key_of_span(text: &str) -> String {
    let mut out = String::new();
    let mut buf = String::new();
    for t in khabar_text::tokenize(text) {
        if !t.kind.is_content() {
            continue;
        }
        let k = khabar_text::key_of(t.text(text), t.kind, &mut buf);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(k);
    }
    out
}

/// Gives a participant the key and canonical name of the entity it names:
/// - the entity mention over its person's name when it has one (`الرئيس
///   الروسي فلاديمير بوتين` → the mention `فلاديمير بوتين`, not `الروسي`);
/// - for a named-entity participant, the mention of its label that covers most
///   of it;
/// - for a role with a person inside (`المتحدث العسكري العقيد تامر الرفاعي`),
///   that person;
/// - else the one person entity of the article that the participant names by
///   the rule mentions are merged by ([`crate::entities::names_person`]:
///   `وأضاف الرفاعي` after `تامر الرفاعي`), when the NER did not mark the short
///   form itself.
///
/// A role noun alone (`المتحدث باسم الوزارة`) is not the entity it mentions and
/// stays unlinked.
fn link(p: &mut Participant, entities: &[EntityMention]) {
    let (label, inside_only) = match p.kind {
        ParticipantKind::Person => (Some(EntityLabel::Pers), false),
        ParticipantKind::Org => (Some(EntityLabel::Org), false),
        ParticipantKind::Place => (Some(EntityLabel::Loc), false),
        ParticipantKind::Misc => (None, false),
        _ => (Some(EntityLabel::Pers), true),
    };
    let (s0, s1) = match p
        .name
        .as_deref()
        .and_then(|n| p.text.find(n).map(|o| (o, n.len())))
    {
        Some((o, len)) => (p.start + o, p.start + o + len),
        None => (p.start, p.end),
    };
    let best = entities
        .iter()
        .take_while(|m| m.start < s1)
        .filter(|m| {
            label.is_none_or(|l| m.label == l)
                && if inside_only {
                    m.start >= s0 && m.end <= s1
                } else {
                    m.end > s0
                }
        })
        .max_by_key(|m| m.end.min(s1) - m.start.max(s0));
    let best = best.or_else(|| {
        if !matches!(p.kind, ParticipantKind::Person | ParticipantKind::Misc) {
            return None;
        }
        let text = p.name.as_deref().unwrap_or(&p.text);
        let mut people = entities.iter().filter(|m| {
            m.label == EntityLabel::Pers && crate::entities::names_person(text, &m.key)
        });
        let first = people.next()?;
        // One person only: two people sharing the word is no answer.
        people.all(|m| m.key == first.key).then_some(first)
    });
    if let Some(m) = best {
        p.key = Some(m.key.clone());
        p.canonical = Some(m.canonical.clone());
    }
}

/// The mentions with the entity each belongs to ([`crate::entities::merge`]), in text order.
fn entities_of(text: &str, mentions: &[Mention]) -> Vec<EntityMention> {
    let mut out: Vec<EntityMention> = Vec::with_capacity(mentions.len());
    for e in crate::entities::merge(mentions) {
        for m in e.mentions {
            out.push(EntityMention {
                text: m.text,
                label: m.label,
                start: m.start,
                end: m.end,
                key: e.key.clone(),
                canonical: e.name.clone(),
                english: e.english.clone(),
                romanized: e.romanized.clone(),
            });
        }
    }
    // Mentions no entity took (no name keys): themselves.
    let mut spans: rustc_hash::FxHashSet<(usize, usize)> =
        out.iter().map(|o| (o.start, o.end)).collect();
    for m in mentions {
        if spans.insert((m.start, m.end)) {
            out.push(EntityMention {
                text: m.text.clone(),
                label: m.label,
                start: m.start,
                end: m.end,
                key: key_of_span(&text[m.start..m.end]),
                canonical: m.text.clone(),
                english: None,
                romanized: crate::entities::romanize(&m.text),
            });
        }
    }
    out.sort_by_key(|e| (e.start, e.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real news sentences (the bundled sample's body) repeated to at least `len` bytes, then
    /// padded with spaces to exactly `len`.
    fn news_of_len(len: usize) -> String {
        let sample = include_str!("../../../samples/csto-kazakhstan-2022.txt");
        let body = sample.split_once("\n\n").map_or(sample, |x| x.1).trim();
        let mut t = String::new();
        while t.len() + body.len() + 1 < len {
            t.push_str(body);
            t.push('\n');
        }
        while t.len() < len {
            t.push(' ');
        }
        t
    }

    /// Every span of a reading is a range of `text` on char boundaries, and every sentence
    /// index is one of its sentences.
    fn check_spans(text: &str, r: &Reading) {
        let n = r.sentences.len();
        let spans = r
            .sentences
            .iter()
            .map(|s| (s.start, s.end))
            .chain(r.entities.iter().map(|s| (s.start, s.end)))
            .chain(r.numbers.iter().map(|s| (s.start, s.end)))
            .chain(r.dates.iter().map(|s| (s.start, s.end)))
            .chain(r.quotes.iter().map(|s| (s.start, s.end)))
            .chain(r.events.iter().map(|s| (s.start, s.end)))
            .chain(r.summary.iter().map(|s| (s.start, s.end)));
        for (a, b) in spans {
            assert!(a <= b && text.get(a..b).is_some(), "{a}..{b}");
        }
        for q in &r.quotes {
            assert_eq!(text[q.start..q.end], q.text);
            assert!(q.sentence < n);
        }
        for n0 in &r.numbers {
            assert_eq!(text[n0.start..n0.end], n0.text);
        }
        assert!(r.events.iter().all(|e| e.sentence < n));
        assert!(r.summary.iter().all(|s| text[s.start..s.end] == s.text));
    }

    #[test]
    fn a_text_of_max_window_bytes_is_one_window_and_one_byte_more_is_two() {
        let t = news_of_len(MAX_WINDOW_BYTES);
        assert_eq!(t.len(), MAX_WINDOW_BYTES);
        let whole = read_article(Some("عنوان"), &t, None);
        check_spans(&t, &whole);
        let t1 = format!("{t}ب");
        let w = windows(&t1);
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w.iter().all(|&(a, b)| b - a <= MAX_WINDOW_BYTES));
        let r = read_article(Some("عنوان"), &t1, None);
        check_spans(&t1, &r);
        // the second window is the last word: the first holds everything the whole text had
        assert_eq!(r.sentences.len(), whole.sentences.len() + 1);
        assert_eq!(r.numbers, whole.numbers);
        assert_eq!(r.dates, whole.dates);
        assert_eq!(r.quotes, whole.quotes);
        assert_eq!(r.events, whole.events);
        assert_eq!(r.summary, whole.summary);
        assert_eq!(r.entities.len(), whole.entities.len());
    }

    #[test]
    fn unpunctuated_news_words_read_in_bounded_sentences_with_linear_output() {
        // a real sentence's words repeated without punctuation, past one window (the issue's
        // 200 KB made 163 MB of quotations)
        let words = "وقال الرئيس الروسي فلاديمير بوتين إن بلاده لن تسمح بثورات ملونة جديدة في كازاخستان مؤكدا أن القوات ستبقى";
        let mut t = String::new();
        while t.len() < MAX_WINDOW_BYTES + MAX_WINDOW_BYTES / 2 {
            t.push_str(words);
            t.push(' ');
        }
        let r = read_article(None, &t, None);
        check_spans(&t, &r);
        let tokens = khabar_text::tokenize(&t).count();
        assert!(r.sentences.len() >= tokens / khabar_text::MAX_SENTENCE_TOKENS);
        for s in &r.sentences {
            assert!(
                khabar_text::tokenize(&t[s.start..s.end]).count()
                    <= khabar_text::MAX_SENTENCE_TOKENS
            );
        }
        let quoted: usize = r.quotes.iter().map(|q| q.text.len()).sum();
        assert!(quoted <= quotes::MAX_NESTED_SPEECHES * t.len(), "{quoted}");
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.len() < 40 * t.len(), "{} for {}", json.len(), t.len());
    }

    #[test]
    fn a_long_text_is_read_in_windows_with_spans_into_the_whole() {
        // three windows of real news
        let t = news_of_len(2 * MAX_WINDOW_BYTES + MAX_WINDOW_BYTES / 2);
        let w = windows(&t);
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(w.windows(2).all(|p| p[0].1 <= p[1].0));
        let r = read_article(Some("عنوان"), &t, None);
        check_spans(&t, &r);
        let one = read_article(Some("عنوان"), &t[w[0].0..w[0].1], None);
        // each window reads what the first does, at its place
        assert!(
            r.quotes.len() >= 2 * one.quotes.len(),
            "{} {}",
            r.quotes.len(),
            one.quotes.len()
        );
        assert_eq!(r.keywords.len(), KEYWORDS);
        assert_eq!(r.summary, one.summary);
        // given mentions are split among the windows too
        let mentions: Vec<Mention> = r
            .entities
            .iter()
            .map(|e| Mention {
                start: e.start,
                end: e.end,
                label: e.label,
                text: e.text.clone(),
            })
            .collect();
        let given = read_with_mentions(Some("عنوان"), &t, None, mentions);
        check_spans(&t, &given);
        assert_eq!(given.entities, r.entities);
    }

    #[test]
    fn speakers_carry_the_key_of_the_entity_they_name() {
        let text = "وقال وزير الخارجية الروسي سيرغي لافروف إن موسكو لن تتدخل في الأزمة. \
                    وأكد لافروف أن الحوار هو الحل الوحيد.";
        let r = read_article(None, text, None);
        let speakers: Vec<_> = r.quotes.iter().filter_map(|q| q.speaker.as_ref()).collect();
        assert_eq!(speakers.len(), 2, "{:?}", r.quotes);
        let key = speakers[0].key.as_deref().expect("the minister is linked");
        assert_eq!(speakers[1].key.as_deref(), Some(key), "{speakers:?}");
        let person = r
            .entities
            .iter()
            .find(|e| e.text.contains("لافروف"))
            .unwrap();
        assert_eq!(key, person.key);
        assert_eq!(
            speakers[0].canonical.as_deref(),
            Some(person.canonical.as_str())
        );
    }

    #[test]
    fn a_titled_spokesman_and_his_surname_later_are_one_person() {
        let text = "وقال المتحدث العسكري العقيد تامر الرفاعي إن القوات تلاحق المهاجمين. \
                    وأضاف الرفاعي أن العملية مستمرة.";
        let r = read_article(None, text, None);
        let person = r
            .entities
            .iter()
            .find(|e| e.text == "تامر الرفاعي")
            .unwrap();
        let keys: Vec<_> = r
            .quotes
            .iter()
            .map(|q| q.speaker.as_ref().and_then(|s| s.key.as_deref()))
            .collect();
        assert_eq!(keys, [Some(person.key.as_str()); 2], "{:?}", r.quotes);
    }

    #[test]
    fn a_role_speaker_is_not_the_entity_it_mentions() {
        let text = "وقال المتحدث باسم وزارة الخارجية المصرية إن القاهرة ترحب بالاتفاق.";
        let r = read_article(None, text, None);
        let q = &r.quotes[0];
        let s = q.speaker.as_ref().expect("a speaker");
        assert!(s.key.is_none(), "{s:?}");
    }
}

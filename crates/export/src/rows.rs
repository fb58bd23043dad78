//! The rows of each table, built from an article's metadata and its reading alone (no index):
//! [`article_row`], [`entity_rows`], [`event_rows`], [`quote_rows`], [`number_rows`],
//! [`date_rows`], or [`rows`] for a table chosen at run time. Rows borrow from the metadata and
//! the reading; the few values made here (row ids, keys of unlinked participants, names of
//! enums) are owned.
//!
//! The rules a row applies, each defined once here:
//! * a row id is `<article_id>#<n>`, `n` the 0-based index of the item in its list of the
//!   reading ([`row_id`]);
//! * a participant's key is its entity's key, else the analyzer's key of its words
//!   ([`participant_key`]), and its name its entity's canonical name, else the name of the
//!   article's entity with that key, else its words without a leading clitic
//!   ([`participant_name`]);
//! * an event's date is the day the reading found in its sentence, else the publication date,
//!   and [`DateSource`] says which ([`event_date`]).

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, Utc};
use khabar_extract::events::Event;
use khabar_extract::reading::SentenceSpan;
use khabar_extract::{Participant, Reading};
use khabar_index::StoredArticle;

use crate::table::{Column, FieldType, Record, Table, Value};

/// What a row takes of its article besides the reading. `body` is the text the reading's spans
/// point into (sentence texts are cut from it).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ArticleMeta<'a> {
    pub id: &'a str,
    pub url: Option<&'a str>,
    pub source: Option<&'a str>,
    pub published: Option<DateTime<Utc>>,
    pub title: &'a str,
    pub author: Option<&'a str>,
    pub category: Option<&'a str>,
    /// The id of the article this one duplicates (as the index marked it).
    pub duplicate_of: Option<&'a str>,
    pub body: &'a str,
}

impl<'a> ArticleMeta<'a> {
    /// An article known by its id and text only (`khabar analyze --jsonl`); set the other fields
    /// with struct update syntax.
    pub fn new(id: &'a str, body: &'a str) -> ArticleMeta<'a> {
        ArticleMeta {
            id,
            body,
            ..ArticleMeta::default()
        }
    }

    /// The metadata of an article from the index.
    pub fn of(a: &'a StoredArticle) -> ArticleMeta<'a> {
        ArticleMeta {
            id: &a.id,
            url: a.url.as_deref(),
            source: a.source.as_deref(),
            published: a
                .published
                .as_deref()
                .and_then(|p| DateTime::parse_from_rfc3339(p).ok())
                .map(|t| t.with_timezone(&Utc)),
            title: &a.title,
            author: a.author.as_deref(),
            category: a.category.as_deref(),
            duplicate_of: a.duplicate_of.as_deref(),
            body: &a.body,
        }
    }

    /// The publication date (UTC): the date weekdays and relative words were resolved against.
    pub fn published_date(&self) -> Option<NaiveDate> {
        self.published.map(|t| t.date_naive())
    }
}

/// Where an event's date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateSource {
    /// A day named in the event's sentence (a weekday or a relative word resolved against the
    /// publication date).
    Text,
    /// No day in the sentence: the publication date.
    Published,
}

impl DateSource {
    pub const ALL: &'static [DateSource] = &[DateSource::Text, DateSource::Published];

    /// Its name in the `date_source` column.
    pub const fn as_str(self) -> &'static str {
        match self {
            DateSource::Text => "text",
            DateSource::Published => "published",
        }
    }
}

impl std::fmt::Display for DateSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The date of an event: the reading's date of the event when it is a day (`YYYY-MM-DD`), with
/// [`DateSource::Text`]; else (no date in the sentence, a month, an unresolved weekday) the
/// publication date, with [`DateSource::Published`]; neither when the article has no date.
pub fn event_date(
    event: &Event,
    published: Option<NaiveDate>,
) -> (Option<NaiveDate>, Option<DateSource>) {
    let day = event
        .date
        .as_deref()
        .filter(|d| d.len() == 10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    match (day, published) {
        (Some(d), _) => (Some(d), Some(DateSource::Text)),
        (None, Some(p)) => (Some(p), Some(DateSource::Published)),
        (None, None) => (None, None),
    }
}

/// The id of the `n`th item (0-based) of an article's list: `<article_id>#<n>`. Unique within
/// a table whatever the article ids hold, as `n` follows the last `#`.
pub fn row_id(article_id: &str, n: usize) -> String {
    format!("{article_id}#{n}")
}

/// The key of a participant: the key of the entity it names when the reading linked it
/// (`Participant::key`), else the analyzer's key of its words ([`khabar_extract::key_of_span`]
/// of its name, or its text): a role noun (`الشرطة`, `وزير الدفاع`) gets the same key in every
/// article, and a place the reading did not link gets its entity's key. `None` when its words
/// have no key (punctuation only).
pub fn participant_key(p: &Participant) -> Option<Cow<'_, str>> {
    match &p.key {
        Some(k) => Some(Cow::Borrowed(k.as_str())),
        None => {
            let k = khabar_extract::key_of_span(p.name.as_deref().unwrap_or(&p.text));
            (!k.is_empty()).then_some(Cow::Owned(k))
        }
    }
}

/// The name of a participant: its entity's canonical name when the reading linked it, else the
/// canonical name of the article's entity whose key is `key` ([`participant_key`]: a place the
/// event names, `بكازاخستان` → `كازاخستان`), else its words without a clitic on the first
/// ([`khabar_extract::entities::bare_name`]: `والشرطة` → `الشرطة`).
pub fn participant_name<'a>(
    p: &'a Participant,
    key: Option<&str>,
    reading: &'a Reading,
) -> Cow<'a, str> {
    if let Some(c) = &p.canonical {
        return Cow::Borrowed(c);
    }
    if let Some(m) = key.and_then(|k| reading.entities.iter().find(|m| m.key == k)) {
        return Cow::Borrowed(&m.canonical);
    }
    khabar_extract::entities::bare_name(p.name.as_deref().unwrap_or(&p.text))
}

/// The columns of a participant: text, kind, key, name.
type Who<'a> = (
    Option<Cow<'a, str>>,
    Option<&'static str>,
    Option<Cow<'a, str>>,
    Option<Cow<'a, str>>,
);

fn who<'a>(p: Option<&'a Participant>, reading: &'a Reading) -> Who<'a> {
    let Some(p) = p else {
        return (None, None, None, None);
    };
    let key = participant_key(p);
    let name = participant_name(p, key.as_deref(), reading);
    (
        Some(Cow::Borrowed(&p.text)),
        Some(p.kind.as_str()),
        key,
        Some(name),
    )
}

/// The serialized name of an enum of the reading (`direct`, `cardinal`, `hijri`): serde's, the
/// one the reading's JSON has.
fn name_of<T: serde::Serialize>(v: &T) -> Cow<'static, str> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Cow::Owned(s),
        Ok(other) => Cow::Owned(other.to_string()),
        Err(_) => Cow::Borrowed(""),
    }
}

fn span(body: &str, start: usize, end: usize) -> Option<&str> {
    body.get(start..end)
}

fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn opt<'a>(s: Option<&'a str>) -> Option<Cow<'a, str>> {
    s.map(Cow::Borrowed)
}

/// Distinct strings in order of first occurrence.
fn distinct<'a>(items: impl Iterator<Item = Cow<'a, str>>) -> Vec<Cow<'a, str>> {
    let mut seen = std::collections::HashSet::new();
    items.filter(|s| seen.insert(s.clone())).collect()
}

/// The columns every row of an item of the reading has after its id: the article's.
#[derive(Clone, Debug, PartialEq)]
pub struct Joined<'a> {
    pub article_id: Cow<'a, str>,
    pub url: Option<Cow<'a, str>>,
    pub source: Option<Cow<'a, str>>,
    pub published: Option<DateTime<Utc>>,
}

impl<'a> Joined<'a> {
    pub fn of(meta: &ArticleMeta<'a>) -> Joined<'a> {
        Joined {
            article_id: Cow::Borrowed(meta.id),
            url: opt(meta.url),
            source: opt(meta.source),
            published: meta.published,
        }
    }
}

/// A [`Column`] of a row field: its name, its type's kind and nullability, its doc comment.
macro_rules! column {
    ($field:ident: $ty:ty, $($doc:literal)+) => {
        Column {
            name: stringify!($field),
            kind: <$ty as FieldType>::KIND,
            nullable: <$ty as FieldType>::NULLABLE,
            doc: concat!($($doc),+),
        }
    };
}

/// Declares a row type once: a struct whose fields are the table's columns, and its [`Record`]
/// impl. `joined`: a row of an item of the reading, whose id (`<article_id>#<n>`) is followed by
/// the article's columns ([`Joined`]: `article_id`, `url`, `source`, `published`).
macro_rules! record {
    (
        $(#[doc = $doc:literal])*
        $name:ident: $table:ident, joined {
            $(#[doc = $iddoc:literal])+ $id:ident,
            $( $(#[doc = $fdoc:literal])+ $field:ident: $ty:ty, )*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name<'a> {
            $(#[doc = $iddoc])+
            pub $id: Cow<'a, str>,
            /// The article's columns.
            pub article: Joined<'a>,
            $( $(#[doc = $fdoc])+ pub $field: $ty, )*
        }

        impl<'a> Record for $name<'a> {
            const TABLE: Table = Table::$table;
            const COLUMNS: &'static [Column] = &[
                column!($id: Cow<'a, str>, $($iddoc)+),
                column!(article_id: Cow<'a, str>, " The article's id."),
                column!(url: Option<Cow<'a, str>>, " The article's URL."),
                column!(source: Option<Cow<'a, str>>, " The article's source."),
                column!(published: Option<DateTime<Utc>>, " The article's publication time."),
                $( column!($field: $ty, $($fdoc)+), )*
            ];
            fn values<'r>(&'r self, out: &mut Vec<Value<'r>>) {
                out.push(self.$id.value());
                out.push(self.article.article_id.value());
                out.push(self.article.url.value());
                out.push(self.article.source.value());
                out.push(self.article.published.value());
                $( out.push(self.$field.value()); )*
            }
        }
    };
    (
        $(#[doc = $doc:literal])*
        $name:ident: $table:ident {
            $( $(#[doc = $fdoc:literal])+ $field:ident: $ty:ty, )*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name<'a> {
            $( $(#[doc = $fdoc])+ pub $field: $ty, )*
        }

        impl<'a> Record for $name<'a> {
            const TABLE: Table = Table::$table;
            const COLUMNS: &'static [Column] = &[$( column!($field: $ty, $($fdoc)+), )*];
            fn values<'r>(&'r self, out: &mut Vec<Value<'r>>) {
                $( out.push(self.$field.value()); )*
            }
        }
    };
}

record! {
    /// One article.
    ArticleRow: Articles {
        /// The article's id.
        article_id: Cow<'a, str>,
        /// Its URL.
        url: Option<Cow<'a, str>>,
        /// Its source (the outlet).
        source: Option<Cow<'a, str>>,
        /// Its publication time.
        published: Option<DateTime<Utc>>,
        /// Its title.
        title: Cow<'a, str>,
        /// Its author.
        author: Option<Cow<'a, str>>,
        /// Its category (section).
        category: Option<Cow<'a, str>>,
        /// The id of the article it duplicates (exactly or nearly), as the index marked it.
        duplicate_of: Option<Cow<'a, str>>,
        /// The length of the body in UTF-8 bytes (the unit of every span).
        body_bytes: i64,
        /// Sentences of the body.
        sentence_count: i64,
        /// Entity mentions (rows of `entities`).
        entity_mentions: i64,
        /// The distinct entities, `LABEL:canonical name` (`PERS:فلاديمير بوتين`), in order of first mention.
        entities: Vec<Cow<'a, str>>,
        /// Numbers (rows of `numbers`).
        number_count: i64,
        /// Dates (rows of `dates`).
        date_count: i64,
        /// Quotations (rows of `quotes`).
        quote_count: i64,
        /// Events (rows of `events`).
        event_count: i64,
        /// The distinct PLOVER types of its events, in order of first event.
        event_types: Vec<Cow<'a, str>>,
        /// The keywords (TF-IDF), best first, each its most frequent written form.
        keywords: Vec<Cow<'a, str>>,
        /// The summary: its sentences, space-joined; null when none was picked.
        summary: Option<Cow<'a, str>>,
    }
}

record! {
    /// One named-entity mention.
    EntityRow: Entities, joined {
        /// `<article_id>#<n>`: the `n`th mention (0-based) of the reading's `entities`.
        mention_id,
        /// The mention as written.
        text: Cow<'a, str>,
        /// `PERS`, `LOC`, `ORG` or `MISC`.
        label: &'static str,
        /// The entity's canonical key (its name's search keys, space-joined), stable across articles.
        key: Cow<'a, str>,
        /// The entity's name: its fullest mention in the article.
        canonical: Cow<'a, str>,
        /// The entity's English name, where the gazetteer knows it.
        english: Option<Cow<'a, str>>,
        /// A romanization of the canonical name.
        romanized: Cow<'a, str>,
        /// Byte offset of the mention's start in the body.
        start: i64,
        /// Byte offset of the mention's end in the body.
        end: i64,
    }
}

record! {
    /// One PLOVER event.
    EventRow: Events, joined {
        /// `<article_id>#<n>`: the `n`th event (0-based) of the article's reading.
        event_id,
        /// The day of the event: the day named in its sentence, else the publication date; null when neither is known.
        event_date: Option<NaiveDate>,
        /// `text` (a day named in the sentence) or `published` (the publication date); null with `event_date`.
        date_source: Option<&'static str>,
        /// The reading's date of the event as it gave it: an ISO date, month or day, or the words when it could not be resolved.
        date_text: Option<Cow<'a, str>>,
        /// The PLOVER event type (`PROTEST`, `ASSAULT`, …).
        event_type: &'static str,
        /// The PLOVER mode (`demo`, `arrest`, `firearms`, …).
        mode: Option<&'static str>,
        /// PLOVER contexts and auxiliary modes (`future`, `military`, …).
        context: Vec<Cow<'a, str>>,
        /// The trigger as written.
        trigger: Cow<'a, str>,
        /// The actor (PLOVER's actor) as written.
        actor_text: Option<Cow<'a, str>>,
        /// The actor's kind: `PERSON`, `ORG`, `PLACE`, `MISC` for named entities; `OFFICIAL`, `GOV`, `MILITARY`, `POLICE`, `ARMED`, `PROTESTERS`, `CIVILIANS`, `MEDIA`, `EXPERTS` for role nouns.
        actor_kind: Option<&'static str>,
        /// The actor's key: its entity's key when the reading linked it, else the analyzer's key of its words (a role noun: `وزير الدفاع` → `وزير دفاع`).
        actor_key: Option<Cow<'a, str>>,
        /// The actor's name: its entity's canonical name, else that of the article's entity with its key, else its words without a clitic on the first (`والشرطة` → `الشرطة`).
        actor_name: Option<Cow<'a, str>>,
        /// The target (PLOVER's recipient) as written.
        target_text: Option<Cow<'a, str>>,
        /// The target's kind (as `actor_kind`).
        target_kind: Option<&'static str>,
        /// The target's key (as `actor_key`).
        target_key: Option<Cow<'a, str>>,
        /// The target's name (as `actor_name`).
        target_name: Option<Cow<'a, str>>,
        /// The place of the event as written.
        location_text: Option<Cow<'a, str>>,
        /// The place's key (as `actor_key`).
        location_key: Option<Cow<'a, str>>,
        /// The place's canonical name (as `actor_name`).
        location_name: Option<Cow<'a, str>>,
        /// How many (people arrested, troops sent, dead, …) when a number goes with the trigger.
        count: Option<f64>,
        /// The index (0-based) of the event's sentence in the body.
        sentence_index: i64,
        /// The sentence's text.
        sentence: Option<Cow<'a, str>>,
        /// Byte offset of the sentence's start in the body.
        sentence_start: Option<i64>,
        /// Byte offset of the sentence's end in the body.
        sentence_end: Option<i64>,
        /// Byte offset of the trigger's start in the body.
        trigger_start: i64,
        /// Byte offset of the trigger's end in the body.
        trigger_end: i64,
    }
}

record! {
    /// One quotation.
    QuoteRow: Quotes, joined {
        /// `<article_id>#<n>`: the `n`th quotation (0-based) of the article's reading.
        quote_id,
        /// What was said, as written (without the marks or the أن).
        text: Cow<'a, str>,
        /// `direct` (in quotation marks) or `reported` (after a verb of speech).
        kind: Cow<'a, str>,
        /// The verb of speech, as written.
        verb: Option<Cow<'a, str>>,
        /// Whether the speaker denies what is quoted (نفى).
        denial: bool,
        /// The speaker as written.
        speaker_text: Option<Cow<'a, str>>,
        /// The speaker's kind (as the events' `actor_kind`).
        speaker_kind: Option<&'static str>,
        /// The speaker's key (as the events' `actor_key`).
        speaker_key: Option<Cow<'a, str>>,
        /// The speaker's name (as the events' `actor_name`).
        speaker_name: Option<Cow<'a, str>>,
        /// The index (0-based) of the quotation's sentence in the body.
        sentence_index: i64,
        /// Byte offset of the quotation's start in the body.
        start: i64,
        /// Byte offset of the quotation's end in the body.
        end: i64,
    }
}

record! {
    /// One number.
    NumberRow: Numbers, joined {
        /// `<article_id>#<n>`: the `n`th number (0-based) of the article's reading.
        number_id,
        /// The number as written (digits and/or words).
        text: Cow<'a, str>,
        /// Its value (the lower end of a range).
        value: f64,
        /// The upper end of a range.
        value_to: Option<f64>,
        /// `cardinal`, `ordinal`, `percent` or `fraction`.
        kind: Cow<'a, str>,
        /// The counted noun or unit that follows, as written.
        unit: Option<Cow<'a, str>>,
        /// Whether the unit is a currency.
        money: bool,
        /// The currency (ISO 4217), when the words say which.
        currency: Option<&'static str>,
        /// Byte offset of the number's start in the body.
        start: i64,
        /// Byte offset of the number's end in the body.
        end: i64,
    }
}

record! {
    /// One date.
    DateRow: Dates, joined {
        /// `<article_id>#<n>`: the `n`th date (0-based) of the article's reading.
        date_id,
        /// The date as written.
        text: Cow<'a, str>,
        /// `date`, `month`, `year`, `range`, `weekday` or `relative`.
        kind: Cow<'a, str>,
        /// The ISO 8601 Gregorian value (`2022-01-10`, `2022-01`, `2022`; the start of a range), when it can be known.
        value: Option<Cow<'a, str>>,
        /// The end of a range (and the last day of a Hijri month or year).
        end_value: Option<Cow<'a, str>>,
        /// `gregorian` or `hijri`: the calendar it is written in.
        calendar: Cow<'a, str>,
        /// A Hijri date's own value (`1439-09-26`).
        hijri: Option<Cow<'a, str>>,
        /// Byte offset of the date's start in the body.
        start: i64,
        /// Byte offset of the date's end in the body.
        end: i64,
    }
}

impl Table {
    /// The table's columns, in order: the fields of its row type.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::Articles => ArticleRow::COLUMNS,
            Table::Entities => EntityRow::COLUMNS,
            Table::Events => EventRow::COLUMNS,
            Table::Quotes => QuoteRow::COLUMNS,
            Table::Numbers => NumberRow::COLUMNS,
            Table::Dates => DateRow::COLUMNS,
        }
    }
}

/// The row of the `articles` table.
pub fn article_row<'a>(meta: &ArticleMeta<'a>, reading: &'a Reading) -> ArticleRow<'a> {
    let summary: Vec<&str> = reading.summary.iter().map(|s| s.text.as_str()).collect();
    ArticleRow {
        article_id: Cow::Borrowed(meta.id),
        url: opt(meta.url),
        source: opt(meta.source),
        published: meta.published,
        title: Cow::Borrowed(meta.title),
        author: opt(meta.author),
        category: opt(meta.category),
        duplicate_of: opt(meta.duplicate_of),
        body_bytes: int(meta.body.len()),
        sentence_count: int(reading.sentences.len()),
        entity_mentions: int(reading.entities.len()),
        entities: distinct(
            reading
                .entities
                .iter()
                .map(|m| Cow::Owned(format!("{}:{}", m.label.as_str(), m.canonical))),
        ),
        number_count: int(reading.numbers.len()),
        date_count: int(reading.dates.len()),
        quote_count: int(reading.quotes.len()),
        event_count: int(reading.events.len()),
        event_types: distinct(
            reading
                .events
                .iter()
                .map(|e| Cow::Borrowed(e.event_type.as_str())),
        ),
        keywords: reading
            .keywords
            .iter()
            .map(|k| Cow::Borrowed(k.text.as_str()))
            .collect(),
        summary: (!summary.is_empty()).then(|| Cow::Owned(summary.join(" "))),
    }
}

/// The rows of the `entities` table: one per entity mention.
pub fn entity_rows<'a>(meta: &ArticleMeta<'a>, reading: &'a Reading) -> Vec<EntityRow<'a>> {
    reading
        .entities
        .iter()
        .enumerate()
        .map(|(n, m)| EntityRow {
            mention_id: Cow::Owned(row_id(meta.id, n)),
            article: Joined::of(meta),
            text: Cow::Borrowed(&m.text),
            label: m.label.as_str(),
            key: Cow::Borrowed(&m.key),
            canonical: Cow::Borrowed(&m.canonical),
            english: opt(m.english.as_deref()),
            romanized: Cow::Borrowed(&m.romanized),
            start: int(m.start),
            end: int(m.end),
        })
        .collect()
}

/// The rows of the `events` table: one per event.
pub fn event_rows<'a>(meta: &ArticleMeta<'a>, reading: &'a Reading) -> Vec<EventRow<'a>> {
    let published = meta.published_date();
    reading
        .events
        .iter()
        .enumerate()
        .map(|(n, e)| {
            let (event_date, date_source) = event_date(e, published);
            let (actor_text, actor_kind, actor_key, actor_name) = who(e.actor.as_ref(), reading);
            let (target_text, target_kind, target_key, target_name) =
                who(e.target.as_ref(), reading);
            let (location_text, _, location_key, location_name) = who(e.location.as_ref(), reading);
            let sentence: Option<&SentenceSpan> = reading.sentences.get(e.sentence);
            EventRow {
                event_id: Cow::Owned(row_id(meta.id, n)),
                article: Joined::of(meta),
                event_date,
                date_source: date_source.map(DateSource::as_str),
                date_text: opt(e.date.as_deref()),
                event_type: e.event_type.as_str(),
                mode: e.mode.map(|m| m.as_str()),
                context: e
                    .context
                    .iter()
                    .map(|c| Cow::Borrowed(c.as_str()))
                    .collect(),
                trigger: Cow::Borrowed(&e.trigger),
                actor_text,
                actor_kind,
                actor_key,
                actor_name,
                target_text,
                target_kind,
                target_key,
                target_name,
                location_text,
                location_key,
                location_name,
                count: e.count,
                sentence_index: int(e.sentence),
                sentence: sentence
                    .and_then(|s| span(meta.body, s.start, s.end))
                    .map(Cow::Borrowed),
                sentence_start: sentence.map(|s| int(s.start)),
                sentence_end: sentence.map(|s| int(s.end)),
                trigger_start: int(e.start),
                trigger_end: int(e.end),
            }
        })
        .collect()
}

/// The rows of the `quotes` table: one per quotation.
pub fn quote_rows<'a>(meta: &ArticleMeta<'a>, reading: &'a Reading) -> Vec<QuoteRow<'a>> {
    reading
        .quotes
        .iter()
        .enumerate()
        .map(|(n, q)| {
            let (speaker_text, speaker_kind, speaker_key, speaker_name) =
                who(q.speaker.as_ref(), reading);
            QuoteRow {
                quote_id: Cow::Owned(row_id(meta.id, n)),
                article: Joined::of(meta),
                text: Cow::Borrowed(&q.text),
                kind: name_of(&q.kind),
                verb: opt(q.verb.as_deref()),
                denial: q.denial,
                speaker_text,
                speaker_kind,
                speaker_key,
                speaker_name,
                sentence_index: int(q.sentence),
                start: int(q.start),
                end: int(q.end),
            }
        })
        .collect()
}

/// The rows of the `numbers` table: one per number.
pub fn number_rows<'a>(meta: &ArticleMeta<'a>, reading: &'a Reading) -> Vec<NumberRow<'a>> {
    reading
        .numbers
        .iter()
        .enumerate()
        .map(|(n, x)| NumberRow {
            number_id: Cow::Owned(row_id(meta.id, n)),
            article: Joined::of(meta),
            text: Cow::Borrowed(&x.text),
            value: x.value,
            value_to: x.to,
            kind: name_of(&x.kind),
            unit: opt(x.unit.as_deref()),
            money: x.money,
            currency: x.currency.map(|c| c.code()),
            start: int(x.start),
            end: int(x.end),
        })
        .collect()
}

/// The rows of the `dates` table: one per date.
pub fn date_rows<'a>(meta: &ArticleMeta<'a>, reading: &'a Reading) -> Vec<DateRow<'a>> {
    reading
        .dates
        .iter()
        .enumerate()
        .map(|(n, d)| DateRow {
            date_id: Cow::Owned(row_id(meta.id, n)),
            article: Joined::of(meta),
            text: Cow::Borrowed(&d.text),
            kind: name_of(&d.kind),
            value: opt(d.value.as_deref()),
            end_value: opt(d.end_value.as_deref()),
            calendar: name_of(&d.calendar),
            hijri: opt(d.hijri.as_deref()),
            start: int(d.start),
            end: int(d.end),
        })
        .collect()
}

/// The rows of one table for one article.
#[derive(Clone, Debug, PartialEq)]
pub enum Rows<'a> {
    Articles(Vec<ArticleRow<'a>>),
    Entities(Vec<EntityRow<'a>>),
    Events(Vec<EventRow<'a>>),
    Quotes(Vec<QuoteRow<'a>>),
    Numbers(Vec<NumberRow<'a>>),
    Dates(Vec<DateRow<'a>>),
}

impl Rows<'_> {
    pub fn len(&self) -> usize {
        match self {
            Rows::Articles(r) => r.len(),
            Rows::Entities(r) => r.len(),
            Rows::Events(r) => r.len(),
            Rows::Quotes(r) => r.len(),
            Rows::Numbers(r) => r.len(),
            Rows::Dates(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn table(&self) -> Table {
        match self {
            Rows::Articles(_) => Table::Articles,
            Rows::Entities(_) => Table::Entities,
            Rows::Events(_) => Table::Events,
            Rows::Quotes(_) => Table::Quotes,
            Rows::Numbers(_) => Table::Numbers,
            Rows::Dates(_) => Table::Dates,
        }
    }
}

/// The rows of `table` for one article: its metadata and its reading (the reading's spans
/// pointing into `meta.body`).
pub fn rows<'a>(meta: &ArticleMeta<'a>, reading: &'a Reading, table: Table) -> Rows<'a> {
    match table {
        Table::Articles => Rows::Articles(vec![article_row(meta, reading)]),
        Table::Entities => Rows::Entities(entity_rows(meta, reading)),
        Table::Events => Rows::Events(event_rows(meta, reading)),
        Table::Quotes => Rows::Quotes(quote_rows(meta, reading)),
        Table::Numbers => Rows::Numbers(number_rows(meta, reading)),
        Table::Dates => Rows::Dates(date_rows(meta, reading)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ANT-style report (Kazakhstan, January 2022) published on Monday 10 January 2022.
    const BODY: &str = "اعتقلت الشرطة الكازاخستانية الاثنين 300 متظاهر في ألماتي. \
وقال الرئيس الكازاخستاني قاسم جومارت توكاييف إن القوات الروسية ستنسحب من كازاخستان.";

    fn meta() -> ArticleMeta<'static> {
        ArticleMeta {
            url: Some("https://example.com/kz"),
            source: Some("Kazinform"),
            published: Some("2022-01-11T08:00:00Z".parse().unwrap()),
            title: "احتجاجات كازاخستان",
            ..ArticleMeta::new("kz-1", BODY)
        }
    }

    #[test]
    fn event_rows_carry_ids_dates_participants_and_spans() {
        let m = meta();
        let r = khabar_extract::read_article(Some(m.title), BODY, m.published_date());
        let rows = event_rows(&m, &r);
        assert_eq!(rows.len(), r.events.len());
        assert!(!rows.is_empty(), "{:?}", r.events);
        for (n, (row, e)) in rows.iter().zip(&r.events).enumerate() {
            assert_eq!(row.event_id, format!("kz-1#{n}"));
            assert_eq!(
                &BODY[row.trigger_start as usize..row.trigger_end as usize],
                e.trigger
            );
            let s = row.sentence.as_deref().unwrap();
            let (a, b) = (row.sentence_start.unwrap(), row.sentence_end.unwrap());
            assert_eq!(&BODY[a as usize..b as usize], s);
            assert!(a <= row.trigger_start && row.trigger_end <= b);
            assert!(row.event_date.is_some() && row.date_source.is_some());
        }
        // The arrest: on the Monday the text names (resolved against the publication date), by
        // the police (a role noun keyed by its words).
        let arrest = rows
            .iter()
            .find(|r| r.event_type == "COERCE")
            .expect("an arrest");
        assert_eq!(arrest.event_date, NaiveDate::from_ymd_opt(2022, 1, 10));
        assert_eq!(arrest.date_source, Some("text"));
        assert_eq!(arrest.actor_kind, Some("POLICE"));
        assert_eq!(
            arrest.actor_key.as_deref(),
            Some(khabar_extract::key_of_span("الشرطة الكازاخستانية").as_str())
        );
        assert_eq!(arrest.count, Some(300.0));
    }

    #[test]
    fn the_event_date_falls_back_to_the_publication_date() {
        let m = meta();
        let r = khabar_extract::read_article(None, BODY, m.published_date());
        let mut e = r.events[0].clone();
        let published = m.published_date();
        e.date = None;
        assert_eq!(
            event_date(&e, published),
            (published, Some(DateSource::Published))
        );
        e.date = Some("2022-01".into());
        assert_eq!(event_date(&e, published).1, Some(DateSource::Published));
        e.date = Some("الاثنين".into());
        assert_eq!(event_date(&e, published).1, Some(DateSource::Published));
        assert_eq!(event_date(&e, None), (None, None));
        e.date = Some("2022-01-10".into());
        assert_eq!(
            event_date(&e, None),
            (NaiveDate::from_ymd_opt(2022, 1, 10), Some(DateSource::Text))
        );
    }

    #[test]
    fn participants_have_keys_whether_or_not_they_name_an_entity() {
        let r = khabar_extract::read_article(None, BODY, None);
        let linked = r
            .events
            .iter()
            .flat_map(|e| [e.actor.as_ref(), e.target.as_ref()])
            .flatten()
            .chain(r.quotes.iter().filter_map(|q| q.speaker.as_ref()));
        for p in linked {
            let key = participant_key(p).expect("a key");
            if let Some(k) = &p.key {
                assert_eq!(key, k.as_str());
                assert_eq!(
                    participant_name(p, Some(&key), &r),
                    p.canonical.clone().unwrap()
                );
            }
        }
        // A role noun with a clitic keys as without it; a place the reading did not link takes
        // its entity's key and name.
        let role = Participant {
            text: "والشرطة".into(),
            start: 0,
            end: 0,
            kind: khabar_extract::ParticipantKind::Police,
            name: None,
            key: None,
            canonical: None,
        };
        assert_eq!(
            participant_key(&role).unwrap(),
            khabar_extract::key_of_span("الشرطة")
        );
        assert_eq!(participant_name(&role, None, &r), "الشرطة");
        let kz = r
            .entities
            .iter()
            .find(|m| m.text == "كازاخستان")
            .expect("the LOC mention");
        let place = Participant {
            text: "بكازاخستان".into(),
            kind: khabar_extract::ParticipantKind::Place,
            ..role.clone()
        };
        let key = participant_key(&place).unwrap();
        assert_eq!(key, kz.key.as_str());
        assert_eq!(
            participant_name(&place, Some(&key), &r),
            kz.canonical.as_str()
        );
    }

    #[test]
    fn every_table_gives_one_row_per_item_with_values_that_fit_its_columns() {
        let m = meta();
        let r = khabar_extract::read_article(Some(m.title), BODY, m.published_date());
        let want = [
            (Table::Articles, 1),
            (Table::Entities, r.entities.len()),
            (Table::Events, r.events.len()),
            (Table::Quotes, r.quotes.len()),
            (Table::Numbers, r.numbers.len()),
            (Table::Dates, r.dates.len()),
        ];
        for (t, n) in want {
            let rows = rows(&m, &r, t);
            assert_eq!((rows.table(), rows.len()), (t, n));
            assert!(n > 0, "{t}: the fixture has some of each");
        }
        fn check<R: Record>(rows: &[R]) {
            for row in rows {
                let mut v = Vec::new();
                row.values(&mut v);
                assert_eq!(v.len(), R::COLUMNS.len());
                for (v, c) in v.iter().zip(R::COLUMNS) {
                    assert!(v.fits(c.kind), "{}: {v:?}", c.name);
                    assert!(c.nullable || *v != Value::Null, "{}", c.name);
                }
            }
        }
        check(&[article_row(&m, &r)]);
        check(&entity_rows(&m, &r));
        check(&event_rows(&m, &r));
        check(&quote_rows(&m, &r));
        check(&number_rows(&m, &r));
        check(&date_rows(&m, &r));
        let a = article_row(&m, &r);
        assert!(
            a.entities.iter().any(|e| e.starts_with("PERS:")),
            "{:?}",
            a.entities
        );
        assert_eq!(a.event_count as usize, r.events.len());
        let q = &quote_rows(&m, &r)[0];
        assert_eq!(q.kind, "reported");
        let d = &date_rows(&m, &r)[0];
        assert_eq!(
            (d.kind.as_ref(), d.calendar.as_ref()),
            ("weekday", "gregorian")
        );
        assert_eq!(d.value.as_deref(), Some("2022-01-10"));
    }
}

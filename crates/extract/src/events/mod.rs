//! Events in the PLOVER ontology, read natively from Arabic: a trigger lexicon
//! of our own (`data/events.tsv`, 16 PLOVER types with their modes), actors
//! and targets from entities and role nouns, location, date and count from the
//! rest of the reading.
//!
//! Senses matter: in a sports context a هجوم or a قذيفة is not an ASSAULT and
//! a protest to the referee is not a PROTEST; a negated or denied act did not
//! happen; a term in quotation marks (“محاولة انقلاب”) is a characterization,
//! not an event.

mod sense;

use crate::dates::{DateKind, DateMention};
use crate::doc::Doc;
use crate::lexicon::clitics::without_conj;
use crate::lexicon::events::{event_words, triggers, Trigger};
use crate::ner::EntityLabel;
use crate::numbers::{Number, NumberKind};
use crate::ontology::ParticipantKind::{self, *};
use crate::quotes::{Quote, QuoteKind};
use crate::roles::{Actor, Participant};
use serde::{Deserialize, Serialize};

pub use crate::ontology::{EventMode, EventType};

/// The 16 PLOVER event types.
pub const PLOVER_TYPES: &[EventType] = EventType::ALL;

/// One event, with PLOVER's field names where it has them (`type`, `mode`,
/// `context`, `actor`; `target` is PLOVER's recipient).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// One of [`PLOVER_TYPES`].
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// The PLOVER mode (`demo`, `riot`, `arrest`, `troops`, `firearms`, …).
    pub mode: Option<EventMode>,
    /// PLOVER contexts and auxiliary modes (`future`, `military`, `repression`, …).
    #[serde(default)]
    pub context: Vec<String>,
    /// The trigger as written.
    pub trigger: String,
    pub actor: Option<Participant>,
    pub target: Option<Participant>,
    pub location: Option<Participant>,
    /// The ISO value (or the text) of the date in the event's sentence.
    pub date: Option<String>,
    /// How many (people arrested, troops sent, dead …) when a number goes with it.
    pub count: Option<f64>,
    /// Index of the sentence.
    pub sentence: usize,
    /// The trigger's span.
    pub start: usize,
    pub end: usize,
}

/// What the event stage reads besides the tokens.
pub(crate) struct Context<'a> {
    pub roles: &'a [Actor],
    pub numbers: &'a [Number],
    pub dates: &'a [DateMention],
    pub quotes: &'a [Quote],
}

/// The participant kinds that may be the actor of an event of this type.
fn actor_classes(ty: EventType) -> &'static [ParticipantKind] {
    match ty {
        EventType::Protest => &[Protesters, Civilians, Org, Person, Official, Experts],
        EventType::Assault => &[Armed, Military, Police, Gov, Org, Person, Place],
        EventType::Coerce => &[Police, Gov, Military, Org, Armed, Place],
        EventType::Mobilize => &[Military, Gov, Org, Place, Armed, Police],
        EventType::Retreat => &[Military, Gov, Org, Place, Armed],
        _ => &[
            Person, Official, Gov, Org, Place, Military, Armed, Police, Protesters, Media,
        ],
    }
}

/// Whether a participant of this kind is the victim (the target) of an event of this type.
fn victim_class(ty: EventType, class: ParticipantKind) -> bool {
    match ty {
        EventType::Assault | EventType::Coerce => {
            matches!(class, Civilians | Protesters | Media | Experts)
        }
        _ => false,
    }
}

/// All events of a text, in order.
pub(crate) fn find(doc: &Doc, cx: &Context) -> Vec<Event> {
    let set = triggers();
    let per_sentence: Vec<usize> = doc
        .sent_toks
        .iter()
        .map(|&(a, b)| sense::sports_score(doc, a, b))
        .collect();
    let doc_sports = per_sentence.iter().sum::<usize>() >= 3;
    // A short quotation is a characterization (“محاولة انقلاب”); a long one
    // is a source telling what happened, and its events stand unless denied.
    let quotes_not_events: Vec<&Quote> = cx
        .quotes
        .iter()
        .filter(|q| {
            let term = q.kind == QuoteKind::Direct && q.text.split_whitespace().count() <= 4;
            term || q.denial
        })
        .collect();
    let mut out = Vec::new();
    for (si, &(a, b)) in doc.sent_toks.iter().enumerate() {
        let sent_sport_words = per_sentence[si];
        let sent_sports = doc_sports || sent_sport_words >= 1;
        let mut found: Vec<(usize, usize, &Trigger)> = Vec::new();
        let mut i = a;
        while i < b {
            let Some(hit) = set.match_at(doc, i) else {
                i += 1;
                continue;
            };
            let t = hit.value;
            let (first, last) = (hit.first, hit.last);
            i = last + 1;
            // In sport, an ambiguous word takes its sporting sense; a sentence about a match holds no assault or protest.
            let sport_sense = (t.amb && sent_sports)
                || (doc_sports
                    && matches!(t.ty, EventType::Assault | EventType::Protest)
                    && t.weak)
                || (sent_sport_words >= 1
                    && matches!(t.ty, EventType::Assault | EventType::Protest));
            if last >= b || sport_sense || sense::idiom(doc, first, last, t.ty) {
                continue;
            }
            if negated(doc, first, a) {
                continue;
            }
            // A characterization in quotation marks or a denied act is not an event.
            let pos = doc.toks[first].start;
            if quotes_not_events
                .iter()
                .any(|q| q.start <= pos && pos < q.end)
            {
                continue;
            }
            if t.mob && !troops_near(doc, cx.roles, last, b) {
                continue;
            }
            found.push((first, last, t));
        }
        // One event per type per sentence: the first strong trigger, else the first weak one.
        // Weak triggers come last: protesters who are the target of an arrest or an
        // assault in the same sentence do not make a protest of their own.
        let mut seen: Vec<EventType> = Vec::new();
        let strong_types: Vec<EventType> =
            found.iter().filter(|f| !f.2.weak).map(|f| f.2.ty).collect();
        let sent_start = out.len();
        for weak in [false, true] {
            for &(first, last, t) in found.iter().filter(|f| f.2.weak == weak) {
                if seen.contains(&t.ty) || (t.weak && strong_types.contains(&t.ty)) {
                    continue;
                }
                let pos = doc.toks[first].start;
                if weak
                    && out[sent_start..].iter().any(|e: &Event| {
                        e.target
                            .as_ref()
                            .is_some_and(|p| p.start <= pos && pos < p.end)
                    })
                {
                    continue;
                }
                seen.push(t.ty);
                out.push(build(doc, cx, si, a, b, first, last, t));
            }
        }
        out[sent_start..].sort_by_key(|e| e.start);
    }
    out
}

fn negated(doc: &Doc, first: usize, sent_start: usize) -> bool {
    (first.saturating_sub(2).max(sent_start)..first).any(|k| {
        let n = doc.toks[k].norm.as_str();
        let negations = &event_words().negations;
        negations.contains(&n)
            || crate::lexicon::clitics::strip_conj(n).is_some_and(|s| negations.contains(&s))
    })
}

fn troops_near(doc: &Doc, roles: &[Actor], last: usize, end: usize) -> bool {
    roles.iter().any(|r| {
        r.first > last
            && r.first <= last + 4
            && r.first < end
            && matches!(r.class, Military | Police | Armed)
    }) || (last + 1..(last + 4).min(end))
        .any(|k| event_words().troops.contains(&doc.toks[k].norm.as_str()))
}

#[allow(clippy::too_many_arguments)]
fn build(
    doc: &Doc,
    cx: &Context,
    si: usize,
    a: usize,
    b: usize,
    first: usize,
    last: usize,
    t: &Trigger,
) -> Event {
    let classes = actor_classes(t.ty);
    let in_sent: Vec<&Actor> = cx
        .roles
        .iter()
        .filter(|r| r.first >= a && r.last < b && (r.last < first || r.first > last))
        .collect();
    // A participant right after a number is counted: the victims or the arrested (قتل ثلاثة جنود).
    let counted = |r: &Actor| {
        r.first > a && doc.toks[r.first - 1].kind == khabar_text::TokenKind::Number
            || cx
                .numbers
                .iter()
                .any(|n| n.end <= r.start && r.start - n.end <= 1 && n.kind == NumberKind::Cardinal)
    };
    let compatible =
        |r: &&Actor| classes.contains(&r.class) || (r.label.is_some() && classes.contains(&Person));
    // A trigger that is itself a participant noun (المتظاهرون) is its own actor.
    // (or holds one: سحب القوات).
    let self_actor = cx
        .roles
        .iter()
        .find(|r| (r.first <= first && last <= r.last) || (r.first > first && r.first <= last));
    let after: Vec<&&Actor> = in_sent
        .iter()
        .filter(|r| r.first > last && r.first <= last + 5)
        .collect();
    let mut target: Option<&Actor> = None;
    let mut actor: Option<&Actor> = None;
    if let Some(s) = self_actor.filter(|s| !s.is_place()) {
        actor = Some(s);
    }
    // Protesters are the actors of a protest wherever they stand in the sentence.
    if actor.is_none() && t.ty == EventType::Protest {
        actor = in_sent
            .iter()
            .find(|r| r.class == Protesters && !r.prep)
            .copied();
    }
    // Armed men, suicide bombers, militants are the perpetrators of an assault wherever they stand.
    if actor.is_none() && t.ty == EventType::Assault {
        actor = in_sent
            .iter()
            .find(|r| r.class == Armed && !r.prep && !counted(r))
            .copied();
    }
    for r in &after {
        if r.is_place() || (r.prep && t.ty != EventType::Mobilize) {
            if target.is_none() && r.prep && !r.is_place() && t.ty != EventType::Mobilize {
                target = Some(r);
            }
            continue;
        }
        if t.pass
            || victim_class(t.ty, r.class)
            || (matches!(t.ty, EventType::Assault | EventType::Coerce) && counted(r))
        {
            if target.is_none() {
                target = Some(r);
            }
            continue;
        }
        if actor.is_none() && compatible(r) {
            actor = Some(r);
        } else if target.is_none() && t.ty != EventType::Mobilize && actor.is_some_and(|a| a != **r)
        {
            target = Some(r);
        }
    }
    if actor.is_none() {
        // The subject before the trigger: a non-place first, a state (place) next to it second.
        let before = |r: &&&Actor| {
            r.last < first
                && r.first + 12 >= first
                && compatible(r)
                && !victim_class(t.ty, r.class)
                && !r.prep
                && !counted(r)
        };
        let protest_ok = |r: &&&Actor| {
            t.ty != EventType::Protest || matches!(r.class, Protesters | Civilians | Org)
        };
        actor = in_sent
            .iter()
            .filter(before)
            .filter(protest_ok)
            .rfind(|r| !r.is_place())
            .copied();
        if actor.is_none() {
            actor = in_sent
                .iter()
                .filter(before)
                .filter(protest_ok)
                .rfind(|r| r.last + 2 >= first)
                .copied();
        }
    }
    // Location: a place after في/إلى/ب near the trigger (a destination for troops).
    let taken = |r: &Actor| actor.is_some_and(|x| x == r) || target.is_some_and(|x| x == r);
    let places: Vec<&&Actor> = in_sent
        .iter()
        .filter(|r| (r.is_place() || r.label == Some(EntityLabel::Loc)) && !taken(r))
        .collect();
    let with_prep = |r: &&&Actor| {
        let n = doc.toks[r.first].norm.as_str();
        let prev = r
            .first
            .checked_sub(1)
            .map(|p| doc.toks[p].norm.as_str())
            .unwrap_or("");
        event_words().location_cues.contains(&prev)
            || (n.starts_with('ب') && !n.starts_with("بال"))
            || n.starts_with("في")
    };
    let location = places
        .iter()
        .find(|r| r.first > last && r.first <= last + 10 && with_prep(r))
        .or_else(|| {
            places
                .iter()
                .rfind(|r| r.last < first && r.first + 8 >= first && with_prep(r))
        })
        .map(|r| Participant::of(doc, r));
    let date = cx
        .dates
        .iter()
        .filter(|d| !matches!(d.kind, DateKind::Range | DateKind::Year))
        .find(|d| d.start >= doc.sents[si].start && d.end <= doc.sents[si].end)
        .map(|d| d.value.clone().unwrap_or_else(|| d.text.clone()));
    let (tstart, tend) = (doc.toks[first].start, doc.toks[last].end);
    let win_start = doc.toks[first.saturating_sub(3).max(a)].start;
    let win_end = doc.toks[(last + 8).min(b - 1)].end;
    let count = cx
        .numbers
        .iter()
        .find(|n| {
            n.start >= win_start
                && n.end <= win_end
                && matches!(n.kind, NumberKind::Cardinal)
                && n.value >= 1.0
                && n.value.fract() == 0.0
        })
        .map(|n| n.value);
    let mut context = sense::contexts(doc, a, b);
    let tw = without_conj(&doc.toks[first].norm);
    let future = &event_words().future;
    if (tw.starts_with("ست") || tw.starts_with("سي") || tw.starts_with("سن"))
        && tw.chars().count() > 4
        || (first > a && future.contains(&doc.toks[first - 1].norm.as_str()))
        || (first > a + 1 && doc.toks[first - 2].norm == "سيتم")
    {
        context.push("future".into());
    }
    let mut mode = t.mode;
    if t.ty == EventType::Assault {
        if let Some(m) = sense::weapon_mode(doc, a, b) {
            mode = Some(m);
        }
    }
    Event {
        event_type: t.ty,
        mode,
        context,
        trigger: doc.text[tstart..tend].to_string(),
        actor: actor.map(|r| Participant::of(doc, r)),
        target: target.map(|r| Participant::of(doc, r)),
        location,
        date,
        count,
        sentence: si,
        start: tstart,
        end: tend,
    }
}

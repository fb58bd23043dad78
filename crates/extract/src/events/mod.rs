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
use crate::lexicon::dates::is_time_word;
use crate::lexicon::events::{event_words, is_trigger_word, triggers, Need, Trigger};
use crate::lexicon::quotes::{is_speech_word, that};
use crate::lexicon::roles::{places, role_words, roles};
use crate::ner::EntityLabel;
use crate::numbers::{Number, NumberKind};
use crate::ontology::ParticipantKind::{self, *};
use crate::quotes::{Quote, QuoteKind};
use crate::roles::{phrase_at, phrase_before, phrase_tail, Actor, Participant};
use sense::in_list;
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
        EventType::Retreat => &[Military, Gov, Org, Place, Armed, Official, Person],
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

/// A trigger found in a sentence, before its participants are read.
#[derive(Clone, Copy)]
struct Found {
    first: usize,
    last: usize,
    t: Trigger,
    /// The last token of the trigger as written: the attack or penalty noun
    /// of a light verb (شنت تركيا … هجوما), else `last`.
    told: usize,
    /// Joined by و or ف to what comes before (واعتقلوا).
    conj: bool,
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
        let mut found: Vec<Found> = Vec::new();
        // Attack and penalty nouns a light verb already told (شنت … هجوما).
        let mut consumed: Vec<usize> = Vec::new();
        // Read only when the sentence has an ASSAULT trigger.
        let mut accident: Option<bool> = None;
        let mut i = a;
        while i < b {
            let Some(hit) = set.match_at(doc, i) else {
                i += 1;
                continue;
            };
            let mut t = *hit.value;
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
            if negated(doc, first, a) || sense::unreal(doc, first, a) {
                continue;
            }
            // بالقتل after a charge or a threat is what is charged or threatened.
            if t.ty == EventType::Assault && hit.prep && sense::charged(doc, first, a) {
                continue;
            }
            // Deaths in a crash or a collapse are no assault.
            if t.ty == EventType::Assault
                && *accident.get_or_insert_with(|| sense::accident(doc, a, b))
            {
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
            let mut told = last;
            match t.need {
                Some(Need::Troops) if !troops_near(doc, cx.roles, last, b) => continue,
                Some(need @ (Need::Attack | Need::Penalty)) => {
                    let words = event_words();
                    let list = if need == Need::Attack {
                        &words.attack_nouns
                    } else {
                        &words.penalties
                    };
                    let Some(k) = (last + 1..(last + 9).min(b)).find(|&k| {
                        let n = without_conj(&doc.toks[k].norm);
                        in_list(list, n) || n.strip_prefix("ال").is_some_and(|w| list.contains(&w))
                    }) else {
                        continue;
                    };
                    consumed.push(k);
                    told = k;
                }
                _ => {}
            }
            // Leaving a conference, a summit or a deal is a rejection, not a retreat.
            if sense::leaves_forum(doc, last, b, &t) {
                t.ty = EventType::Reject;
                t.mode = None;
            }
            found.push(Found {
                first,
                last,
                t,
                told,
                conj: hit.clitic && !hit.prep && doc.toks[first].norm.starts_with(['و', 'ف']),
            });
        }
        found.retain(|f| !consumed.iter().any(|&k| f.first <= k && k <= f.last));
        // Weak triggers come last, and only for a type no strong trigger told:
        // protesters who are the target of an arrest or an assault in the same
        // sentence do not make a protest of their own. Two triggers of one type
        // and mode side by side (أدانت … واستنكرت) tell one act.
        let strong_types: Vec<EventType> =
            found.iter().filter(|f| !f.t.weak).map(|f| f.t.ty).collect();
        let sent_start = out.len();
        let mut kept: Vec<Found> = Vec::new();
        for weak in [false, true] {
            for f in found.iter().filter(|f| f.t.weak == weak) {
                let t = &f.t;
                if weak && (strong_types.contains(&t.ty) || kept.iter().any(|k| k.t.ty == t.ty)) {
                    continue;
                }
                if kept.iter().any(|k| {
                    k.t.ty == t.ty
                        && k.t.mode == t.mode
                        && f.first > k.last
                        && f.first <= k.last + 3
                        && !(k.last + 1..f.first).any(|j| doc.toks[j].is_punct())
                }) {
                    continue;
                }
                let pos = doc.toks[f.first].start;
                if weak
                    && out[sent_start..].iter().any(|e: &Event| {
                        e.target
                            .as_ref()
                            .is_some_and(|p| p.start <= pos && pos < p.end)
                    })
                {
                    continue;
                }
                kept.push(*f);
                out.push(build(doc, cx, si, a, b, f));
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

/// Whether a participant stands after a preposition that is a word of its own
/// (ضد، على، إلى، مع، من …) or a clitic one (للشرطة): an object, not a subject.
fn governed(doc: &Doc, r: &Actor) -> bool {
    r.prep
        || r.first.checked_sub(1).is_some_and(|p| {
            let n = doc.toks[p].norm.as_str();
            in_list(&event_words().target_preps, n) || without_conj(n) == "في"
        })
}

/// Whether a participant is the agent of a passive or a masdar: after من قبل، على يد، على أيدي.
fn agent_phrase(doc: &Doc, r: &Actor) -> bool {
    r.first >= 2 && {
        let cue = doc.toks[r.first - 1].norm.as_str();
        let p = without_conj(&doc.toks[r.first - 2].norm);
        event_words().agent_cues.contains(&cue) && (p == "من" || p == "علي")
    }
}

/// Whether a participant is the source of the news, no party to its events:
/// after وفق، بحسب، نقلا عن (`source` words), or the speaker of the quotation
/// that tells the event, unless the quotation opens with the speaker's
/// pronoun (قال الجيش إنه قتل …).
fn is_source(doc: &Doc, cx: &Context, r: &Actor, pos: usize) -> bool {
    let sources = &event_words().sources;
    let cue = |k: usize| in_list(sources, &doc.toks[k].norm);
    // وفق الأمم المتحدة، نقلا عن مصادر، بحسب أرقام وزارة الصحة
    if r.first >= 1 && cue(r.first - 1) || r.first >= 2 && cue(r.first - 2) {
        return true;
    }
    // Protesters who speak of their protest are its actors (وقال المتظاهرون إن الهدف من المظاهرة).
    r.class != Protesters
        && cx.quotes.iter().any(|q| {
            q.start <= pos
                && pos < q.end
                && q.speaker
                    .as_ref()
                    .is_some_and(|s| s.start < r.end && r.start < s.end)
                && !{
                    let k = doc.toks.partition_point(|t| t.end <= q.start);
                    let pronoun =
                        |k: usize| that().with_subject.contains(&doc.toks[k].norm.as_str());
                    k < doc.toks.len() && (pronoun(k) || owns(doc, k)) || k > 0 && pronoun(k - 1)
                }
        })
}

/// A punctuation mark that ends a clause (، . ؛ :), not a quotation mark, a
/// slash or a bracket inside a phrase.
fn clause_mark(doc: &Doc, k: usize) -> bool {
    doc.toks[k].is_punct()
        && matches!(
            doc.surface(k),
            "،" | "," | "؛" | ";" | "." | ":" | "!" | "?" | "؟"
        )
}

/// Whether أن/إن without a pronoun stands in tokens `from..to`: what follows
/// is what someone said, and the one before it said it.
fn that_between(doc: &Doc, from: usize, to: usize) -> bool {
    let w = that();
    (from..to).any(|k| {
        let n = doc.toks[k].norm.as_str();
        let pronoun = w.with_subject.contains(&n) || k + 1 < to && owns(doc, k + 1);
        // بعد أن، قبل أن: a time clause, not what someone said
        let time = k > 0 && in_list(&event_words().adverbial, &doc.toks[k - 1].norm);
        w.that.contains(&n) && !pronoun && !time
    })
}

/// Whether word `k` is a noun with a possessive pronoun that opens what was
/// said (قال الجيش إن جنوده قتلوا): the pronoun is the speaker.
fn owns(doc: &Doc, k: usize) -> bool {
    let t = &doc.toks[k];
    t.is_word()
        && !without_conj(&t.norm).starts_with("ال")
        && t.norm.chars().count() >= 4
        && ["ه", "ها", "هم"]
            .iter()
            .any(|s| doc.surface(k).ends_with(s))
}

/// A participant after من that is part of the subject before it (فرقة من
/// قوات مكافحة الإرهاب، عدد من جنود المارينز).
fn partitive(doc: &Doc, r: &Actor) -> bool {
    r.first >= 2 && doc.toks[r.first - 1].norm == "من" && doc.toks[r.first - 2].is_word()
}

/// Whether a masdar carries a possessive pronoun (انسحابهم، رفضها،
/// اعتذاره): it refers to the subject of the clause, its actor.
fn possessive(doc: &Doc, k: usize) -> bool {
    let surface = doc.surface(k);
    let norm = without_conj(&doc.toks[k].norm);
    ["هما", "هم", "ها", "ه"].iter().any(|suf| {
        surface.ends_with(suf)
            && norm.strip_suffix(suf).is_some_and(|stem| {
                is_trigger_word(stem)
                    || stem
                        .strip_suffix('ت')
                        .is_some_and(|s| is_trigger_word(&format!("{s}ه")))
            })
    })
}

/// A participant, with the name that follows its title after a comma
/// (الرئيس الإيراني، حسن روحاني).
fn with_name(doc: &Doc, roles: &[Actor], r: &Actor, end: usize) -> Participant {
    let named = (r.class == Official && r.name.is_none())
        .then(|| {
            roles.iter().find(|n| {
                n.first == r.last + 2 && n.is_named_person() && doc.surface(r.last + 1) == "،"
            })
        })
        .flatten();
    match named {
        Some(n) => {
            let mut p = Participant::of(doc, r);
            p.end = n.end;
            p.text = doc.text[p.start..p.end].to_string();
            p.name = Some(doc.text[n.start..n.end].to_string());
            p
        }
        None if r.label.is_none() && r.name.is_none() && !r.is_place() => {
            // The rest of a role's phrase: وكالة أنباء "الصين الجديدة" الرسمية.
            let mut last = phrase_tail(doc, r.last, end);
            let mut name = None;
            // A title's genitive and the name after it (زعيم ميليشيات حزب
            // الله اللبنانية حسن نصر الله، رئيس مجلس إدارة "فيس بوك" مارك زوكربرغ).
            if r.class == Official {
                for n in roles.iter().filter(|n| n.first > r.last && n.last < end) {
                    if n.first != last + 1 || n.prep {
                        break;
                    }
                    if n.is_named_person() {
                        name = Some(n);
                        last = n.last;
                        break;
                    }
                    last = phrase_tail(doc, n.last, end);
                }
            }
            let mut p = Participant::of(doc, r);
            p.end = doc.toks[last].end;
            p.text = doc.text[p.start..p.end].to_string();
            p.name = name.map(|n| doc.text[n.start..n.end].to_string());
            p
        }
        None => Participant::of(doc, r),
    }
}

/// A target with the number that counts it (25 شخصا، 3700 شخص).
fn with_count(doc: &Doc, cx: &Context, mut p: Participant) -> Participant {
    if let Some(n) = cx
        .numbers
        .iter()
        .find(|n| n.end <= p.start && p.start - n.end <= 1 && n.kind == NumberKind::Cardinal)
    {
        p.start = n.start;
        p.text = doc.text[p.start..p.end].to_string();
    }
    p
}

/// A counted group in tokens `from..to`: a cardinal and its noun (25 شخصا،
/// تسعة من أفراد الطواقم الطبية) or a crowd word (المئات، آلاف آخرون).
fn counted_span(doc: &Doc, cx: &Context, from: usize, to: usize) -> Option<Participant> {
    if from >= to {
        return None;
    }
    let (lo, hi) = (doc.toks[from].start, doc.toks[to - 1].end);
    let crowds = &event_words().crowds;
    let (start, mut k) = if let Some(n) = cx
        .numbers
        .iter()
        .find(|n| n.start >= lo && n.end <= hi && n.kind == NumberKind::Cardinal)
    {
        let k = (from..to)
            .find(|&k| doc.toks[k].start >= n.end)
            .unwrap_or(to);
        (n.start, k)
    } else {
        let k = (from..to).find(|&k| crowds.contains(&without_conj(&doc.toks[k].norm)))?;
        (doc.toks[k].start, k + 1)
    };
    // The counted noun, or من and the group (تسعة من أفراد الطواقم).
    if k < to && doc.toks[k].norm == "من" {
        k += 1;
    }
    let last = if k < doc.toks.len() && doc.toks[k].is_word() && !doc.toks[k].stop {
        // and its phrase (أفراد الطواقم الطبية، شبان فلسطينيين)
        phrase_tail(doc, k, to.max(k + 1).min(doc.toks.len()))
    } else {
        k - 1
    };
    let end = doc.toks[last].end.max(start);
    (end > start).then(|| Participant {
        text: doc.text[start..end].to_string(),
        start,
        end,
        kind: Civilians,
        name: None,
        key: None,
        canonical: None,
    })
}

/// A crowd told by its size at token `k` (الآلاف، آلاف الفلسطينيين، نحو 5 آلاف شخص).
fn crowd_at(doc: &Doc, k: usize, end: usize) -> Option<Participant> {
    let words = &event_words().crowds;
    let mut i = k;
    if i < end && without_conj(&doc.toks[i].norm) == "نحو" {
        i += 1;
    }
    if i < end && doc.toks[i].kind == khabar_text::TokenKind::Number {
        i += 1;
    }
    if i >= end || !words.contains(&without_conj(&doc.toks[i].norm)) {
        return None;
    }
    let mut last = i;
    // Its counted noun: آلاف الفلسطينيين، آلاف التونسيين، 5 آلاف شخص.
    if let Some(t) = doc
        .toks
        .get(i + 1)
        .filter(|t| i + 1 < end && t.is_word() && !t.stop)
    {
        // الآلاف is definite, آلاف (normalized الاف) is in construct.
        let w = without_conj(&doc.toks[i].norm);
        if (w == "الاف" || !w.starts_with("ال")) && !is_trigger_word(&t.norm) {
            last = i + 1;
        }
    }
    let (start, stop) = (doc.toks[k].start, doc.toks[last].end);
    Some(Participant {
        text: doc.text[start..stop].to_string(),
        start,
        end: stop,
        kind: Protesters,
        name: None,
        key: None,
        canonical: None,
    })
}

fn build(doc: &Doc, cx: &Context, si: usize, a: usize, b: usize, f: &Found) -> Event {
    let (first, last) = (f.first, f.last);
    let mut tt = f.t;
    // A trigger joined by و to a masdar is a masdar too (اغتصاب وقتل الطفلة).
    if f.conj && first > a {
        if let Some(h) = triggers()
            .match_at(doc, first - 1)
            .filter(|h| h.last == first - 1 && h.value.nominal)
        {
            tt.nominal = true;
            tt.pass |= h.value.pass;
        }
    }
    // An active participle after the clause (متهما أوباما، مطالبا الحكومة):
    // the clause's subject does it, the participant after it is its object.
    let hal = {
        let n = without_conj(&doc.toks[first].norm);
        !tt.nominal && n.starts_with('م') && n.ends_with('ا') && n.chars().count() >= 5
    };
    tt.pass |= hal;
    let t = &tt;
    let classes = actor_classes(t.ty);
    let role_at = |k: usize| cx.roles.iter().any(|r| r.first <= k && k <= r.last);
    let pos = doc.toks[first].start;
    let in_sent: Vec<&Actor> = cx
        .roles
        .iter()
        .filter(|r| r.first >= a && r.last < b && (r.last < first || r.first > last))
        .filter(|r| !is_source(doc, cx, r, pos))
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
    // The participants after the trigger in its clause (up to a comma or a full stop).
    // A comma after a date is not the clause's end (هددت إسرائيل اليوم الاثنين، بشار الأسد).
    let after_date = |k: usize| {
        let pos = doc.toks[k - 1].end;
        cx.dates.iter().any(|d| d.start < pos && pos <= d.end)
    };
    let clause_end = (last + 1..b)
        .find(|&k| doc.toks[k].is_punct() && doc.surface(k) != "\"" && !after_date(k))
        .unwrap_or(b);
    let after: Vec<&&Actor> = in_sent
        .iter()
        .filter(|r| r.first > last && r.first <= last + 5 && r.first < clause_end)
        .collect();
    let mut target: Option<&Actor> = None;
    let mut actor: Option<&Actor> = None;
    // An actor no lexicon names (a noun phrase, [`phrase_at`]).
    let mut g_actor: Option<Actor> = None;
    // The phrase after من قبل، على يد (اغتصابها من قبل عدة ضباط عراقيين).
    let agent_np = || {
        (last + 1..(last + 10).min(b))
            .find(|&k| {
                k >= 2 && {
                    let p = without_conj(&doc.toks[k - 2].norm);
                    event_words()
                        .agent_cues
                        .contains(&doc.toks[k - 1].norm.as_str())
                        && (p == "من" || p == "علي")
                }
            })
            .and_then(|k| phrase_at(doc, k, b))
    };
    if let Some(s) = self_actor.filter(|s| !s.is_place()) {
        actor = Some(s);
    }
    // The agent of a passive or a masdar: قُتل X على يد Y، اعتقال X من قبل Y.
    if actor.is_none() {
        actor = in_sent
            .iter()
            .find(|r| r.first > last && r.first <= last + 10 && agent_phrase(doc, r))
            .copied();
        if actor.is_none() {
            g_actor = agent_np();
        }
    }
    // Protesters are the actors of a protest wherever they stand in the sentence.
    if actor.is_none() && t.ty == EventType::Protest {
        actor = in_sent
            .iter()
            .find(|r| {
                r.class == Protesters
                    && !r.prep
                    && (!governed(doc, r)
                        || partitive(doc, r)
                            && !(r.last.min(last)..r.first.max(first)).any(|k| clause_mark(doc, k)))
            })
            .copied();
    }
    // The doer in a relative clause after a masdar: هجوم نفذه متطرف، غارة شنتها طائرة.
    // A word after a preposition is a noun, whatever its row (بناء على طلب من رئيسها).
    let nominal =
        t.nominal || (first > a && in_list(&event_words().target_preps, &doc.toks[first - 1].norm));
    // (an adjective inside the trigger is no doer: هجوم انتحاري نفذته امرأة)
    let inner = actor.is_some_and(|x| x.first > first && x.last <= last);
    if (actor.is_none() || inner) && nominal {
        let perpetrated = &event_words().perpetrated;
        if let Some(k) =
            (last + 1..(last + 5).min(b)).find(|&k| in_list(perpetrated, &doc.toks[k].norm))
        {
            let doer = in_sent
                .iter()
                .find(|r| r.first > k && r.first <= k + 2 && !governed(doc, r))
                .copied();
            g_actor = doer
                .is_none()
                .then(|| phrase_at(doc, k + 1, b).filter(|p| !p.prep))
                .flatten();
            if doer.is_some() || g_actor.is_some() {
                actor = doer;
            }
        }
    }
    // The subject of a light verb before a ب masdar (قام مسلحون مقنعون بخطف،
    // قامت امرأة بلجيكية … بتفجير نفسها): the participant after it.
    if actor.is_none() && g_actor.is_none() && nominal && doc.toks[first].norm.starts_with('ب') {
        if let Some(k) = (first.saturating_sub(8).max(a)..first)
            .rfind(|&k| in_list(&event_words().light, &doc.toks[k].norm))
        {
            actor = in_sent
                .iter()
                .find(|r| r.first == k + 1 && compatible(r) && !r.prep)
                .copied();
            if actor.is_none() && !role_at(k + 1) {
                g_actor = phrase_at(doc, k + 1, first).filter(|p| !p.prep);
            }
        }
    }
    for (idx, r) in after.iter().enumerate() {
        if actor.is_some_and(|x| *x == ***r) {
            continue;
        }
        // A place after في، وسط، شمال … is where it happened.
        let loc = r.is_place()
            && r.first
                .checked_sub(1)
                .is_some_and(|p| in_list(&event_words().location_cues, &doc.toks[p].norm));
        if loc {
            continue;
        }
        // من after a masdar names its doer: بناء على طلب من رئيسها، تحذير من روسيا.
        let from_doer = nominal
            && r.first == last + 2
            && without_conj(&doc.toks[last + 1].norm) == "من"
            && !matches!(t.ty, EventType::Retreat | EventType::Reject);
        if from_doer && actor.is_none() && compatible(r) {
            actor = Some(r);
            continue;
        }
        if governed(doc, r) {
            if target.is_none() && t.ty != EventType::Mobilize && !agent_phrase(doc, r) {
                target = Some(r);
            }
            continue;
        }
        let genitive = r.first == last + 1;
        if nominal {
            // A masdar's genitive: its subject (انسحاب القوات، إجلاء المقاتلين),
            // or for a transitive one its object (مقتل خاشقجي، اعتقال الناشط),
            // unless a ل object follows it (اقتحام الجيش التركي لمدينة عفرين).
            if !genitive {
                if actor.is_some() && target.is_none() && t.pass && !r.is_place() {
                    target = Some(r);
                }
                continue;
            }
            let lam_object = after.get(idx + 1).filter(|n| {
                n.prep && doc.toks[n.first].norm.starts_with('ل') && n.first <= r.last + 2
            });
            // مطالبة رئيس الوزراء بالاستقالة، اتهام الوزير بالفساد: the one asked or accused.
            let asked = matches!(
                t.ty,
                EventType::Request | EventType::Accuse | EventType::Threaten
            ) && doc
                .toks
                .get(r.last + 1)
                .is_some_and(|n| n.is_word() && n.norm.starts_with('ب'));
            if (t.pass || asked) && lam_object.is_none() {
                target = Some(r);
            } else if actor.is_none() {
                actor = Some(r);
                if let Some(o) = lam_object {
                    target = Some(o);
                }
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
        // After a verb: its subject (VSO, a state too: هددت إسرائيل), then its object.
        let subject_ok = compatible(r) && (!r.is_place() || r.first <= last + 2);
        if actor.is_none() && subject_ok {
            actor = Some(r);
        } else if target.is_none() && t.ty != EventType::Mobilize && actor.is_some() {
            target = Some(r);
        }
    }
    let words = event_words();
    // The topic of a clause: at its start, after أن/إن, after كان.
    let topic = |r: &Actor| {
        r.first == a
            || doc.toks[r.first - 1].is_punct()
            || that().that.contains(&doc.toks[r.first - 1].norm.as_str())
            || in_list(&words.copula, &doc.toks[r.first - 1].norm)
    };
    let relative_before = first > a + 1
        && that()
            .relative
            .contains(&without_conj(&doc.toks[first - 1].norm));
    // The subject right before a verb: the antecedent of a relative pronoun
    // (الزعيم الكوري الجنوبي الذي التقى نظيره، دمشق التي تنفي) or its
    // clause's topic (وكان الرئيس الصيني شي جيبينغ التقى): a participant after
    // the verb is then its object. Not when the verb carries the antecedent
    // as its object (المنظمة التي زارها).
    let relative = without_conj(&doc.toks[first.saturating_sub(1)].norm);
    let object_is_antecedent = possessive(doc, last) && {
        let sfx = |x: &str| doc.surface(last).ends_with(x);
        match relative {
            "التي" | "اللتين" | "اللتان" => sfx("ها"),
            "الذين" | "اللواتي" => sfx("هم"),
            _ => sfx("ه") || sfx("هما"),
        }
    };
    if first > a && !nominal && !t.pass && !object_is_antecedent {
        let pre = in_sent.iter().rfind(|r| {
            r.last < first
                && compatible(r)
                && !r.prep
                && ((relative_before && r.last + 2 == first)
                    || (r.last + 1 == first && topic(r) && !governed(doc, r)))
        });
        // A noun phrase no lexicon names, in the same places (المخابرات الإيرانية تهدد).
        let generic = || {
            let e = if relative_before {
                first - 2
            } else {
                first - 1
            };
            // Indefinite after أن or a quotation mark (إن وحدة إسرائيلية خاصة اغتالت).
            let after_that = |p: &Actor| {
                p.first > a && {
                    let n = doc.toks[p.first - 1].norm.as_str();
                    that().that.contains(&n) || matches!(doc.surface(p.first - 1), "\"" | "«" | "“")
                }
            };
            let in_date = |p: &Actor| cx.dates.iter().any(|d| d.start < p.end && p.start < d.end);
            phrase_before(doc, a, e, false)
                .filter(|p| {
                    !role_at(e)
                        && (relative_before || topic(p))
                        && !governed(doc, p)
                        && !in_date(p)
                        && (after_that(p) || {
                            let n = without_conj(&doc.toks[p.first].norm);
                            n.starts_with("ال") || role_words().demonstratives.contains(&n)
                        })
                })
                .filter(|p| !p.prep)
        };
        // قال الجيش إن طائراته قصفت: a noun with the speaker's pronoun is the subject.
        let owner = (first >= a + 2
            && owns(doc, first - 1)
            && that().that.contains(&doc.toks[first - 2].norm.as_str()))
        .then(|| {
            in_sent
                .iter()
                .rfind(|r| r.last + 2 < first && compatible(r) && !r.prep && !governed(doc, r))
                .copied()
        })
        .flatten();
        let generic = if pre.is_none() && owner.is_none() && g_actor.is_none() {
            generic()
        } else {
            None
        };
        let pre = pre.copied().or(owner);
        if pre.is_some() || generic.is_some() {
            if let Some(x) = actor.filter(|x| x.first > last && !agent_phrase(doc, x)) {
                target = target.or(Some(x));
            }
            actor = pre;
            if actor.is_none() {
                g_actor = generic;
            }
        }
    }
    let prev_norm = if first > a {
        doc.toks[first - 1].norm.as_str()
    } else {
        ""
    };
    // A masdar after تم/جرى is a passive: no subject stands before it (تم إيقافهم).
    let passive_aux = in_list(&words.passive, prev_norm);
    // A masdar in an adverbial phrase (خلال تظاهرات، إثر مواجهات) is not the
    // object of the clause's verb: that verb's subject is not its actor.
    let in_phrase = nominal && in_list(&words.adverbial, prev_norm);
    // A masdar with a possessive pronoun (انسحابهم، اعتذاره): the pronoun is the clause's subject.
    let owned = nominal && !t.pass && possessive(doc, last);
    if g_actor.is_some() {
        actor = None;
    }
    // Armed men, suicide bombers, militants are the perpetrators of an assault
    // wherever they stand, but not after a preposition (ناشطا في كتائب الأقصى).
    if actor.is_none() && g_actor.is_none() && t.ty == EventType::Assault && !t.pass {
        actor = in_sent
            .iter()
            .find(|r| {
                r.class == Armed
                    && !r.prep
                    && !governed(doc, r)
                    && !counted(r)
                    && !agent_phrase(doc, r)
            })
            .copied();
    }
    // The subject after كان … قد (وكانت الوكالة قد اتهمت الجزائر): the one
    // after the verb is its object.
    let kana_qad = first > a && without_conj(&doc.toks[first - 1].norm) == "قد";
    if kana_qad && actor.is_some_and(|x| x.first > last) && !t.pass {
        if target.is_none() {
            target = actor;
        }
        actor = None;
    }
    // Past the time words and dates after a token (أيدت المحكمة الخميس قرارا).
    let skip_time = |mut k: usize| {
        while k < clause_end
            && (is_time_word(&doc.toks[k].norm)
                || cx
                    .dates
                    .iter()
                    .any(|d| d.start <= doc.toks[k].start && doc.toks[k].end <= d.end))
        {
            k += 1;
        }
        k
    };
    // A subject right before the verb (الحوثيين نصبوا، المنظمة التي تلقت).
    let adjacent = |r: &Actor| {
        r.last < first
            && (r.last + 1 == first
                || r.last + 2 == first && {
                    let n = without_conj(&doc.toks[r.last + 1].norm);
                    n == "قد" || that().relative.contains(&n)
                })
    };
    let subject_adjacent = in_sent
        .iter()
        .any(|r| adjacent(r) && compatible(r) && !r.prep && !governed(doc, r));
    // VSO with a subject no lexicon names: the definite noun phrase after the
    // verb (واتهمت التقارير، وأكدت تلك الدول). Not for a harm verb, whose
    // definite noun after it is as often its victim (قُتل الطفل).
    if actor.is_none()
        && g_actor.is_none()
        && !nominal
        && !t.pass
        && !passive_aux
        && !kana_qad
        && !subject_adjacent
        && !matches!(
            t.ty,
            EventType::Assault | EventType::Coerce | EventType::Mobilize
        )
    {
        let j = skip_time(last + 1);
        g_actor = phrase_at(doc, j, clause_end).filter(|p| {
            !p.prep
                && !role_at(j)
                && (without_conj(&doc.toks[p.first].norm).starts_with("ال")
                    || role_words()
                        .demonstratives
                        .contains(&without_conj(&doc.toks[p.first].norm)))
        });
    }
    // A crowd with no role noun: تظاهر الآلاف، احتشد آلاف الفلسطينيين.
    let crowd = if actor.is_none() && t.ty == EventType::Protest {
        crowd_at(doc, last + 1, b).or_else(|| {
            (first.saturating_sub(3).max(a)..first).find_map(|k| crowd_at(doc, k, first))
        })
    } else {
        None
    };
    // The victims or the arrested counted with no role noun: قتل ما لا يقل عن 25
    // شخصا، مقتل ثمانية، 19 شخصا على الأقل قتلوا، أصيب 57 آخرون، 300 شخص تم إيقافهم.
    let victims = if target.is_none() && matches!(t.ty, EventType::Assault | EventType::Coerce) {
        counted_span(doc, cx, last + 1, clause_end.min(last + 7)).or_else(|| {
            let from = first.saturating_sub(5).max(a);
            (!nominal || passive_aux)
                .then(|| counted_span(doc, cx, from, first))
                .flatten()
        })
    } else {
        None
    };
    // The subject before the trigger (SVO): for a verb, in its clause, or the
    // topic of the sentence for a verb joined by و (الحوثيين نصبوا …،
    // واعتقلوا); for a masdar, the subject of the verb it is the object of, in
    // the same clause (وجهت النيابة تهمة), or anywhere before for a masdar
    // with a possessive (أعلن الرؤساء انسحابهم). Not across أن (the one
    // before it said it), not after a preposition, not a conjunct (وعدن).
    let subject_before = (!t.pass || nominal || hal) && !passive_aux && !in_phrase;
    // The subject of an earlier clause: its topic or the subject after its verb (فرضت واشنطن …، حيث فرضت).
    let clause_subject = |r: &Actor| {
        topic(r)
            || r.first == a + 1
            || r.first > a && {
                let p = &doc.toks[r.first - 1].norm;
                is_trigger_word(p) || is_speech_word(p)
            }
    };
    let crosses = |r: &Actor| (r.last + 1..first).any(|k| clause_mark(doc, k));
    let clause_ok = |r: &Actor| !crosses(r) || owned || (!nominal && clause_subject(r));
    let conjunct = |r: &Actor| {
        r.label.is_none()
            && r.first > a
            && doc.toks[r.first - 1].is_word()
            && doc.toks[r.first].norm.starts_with('و')
            && (places().match_at(doc, r.first).is_some_and(|h| h.clitic)
                || roles().match_at(doc, r.first).is_some_and(|h| h.clitic))
    };
    if actor.is_none() && g_actor.is_none() && crowd.is_none() && subject_before {
        // A non-place first, a state (place) next to it second.
        let before = |r: &&&Actor| {
            let reach = if owned || crosses(r) { 20 } else { 12 };
            r.last < first
                && clause_ok(r)
                && r.first + reach >= first
                && compatible(r)
                && !victim_class(t.ty, r.class)
                && !r.prep
                && (!governed(doc, r) || partitive(doc, r))
                && !r
                    .first
                    .checked_sub(1)
                    .is_some_and(|p| in_list(&words.adverbial, &doc.toks[p].norm))
                && !conjunct(r)
                && !that_between(doc, r.last + 1, first)
                // A counted subject does it when its object follows (ثمانية جنود نفذوا الغارة).
                && (!counted(r) || target.is_some() || victims.is_some())
                && target.is_none_or(|x| x != **r)
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
    // The object no lexicon names: the genitive of a transitive masdar
    // (اعتقال برانسون، مقتل قائد …), the noun phrase after a verb and its
    // subject (منعت السلطات المساجد، قتلت زوجها).
    let mut g_target: Option<Actor> = None;
    if target.is_none() && victims.is_none() && t.ty != EventType::Mobilize {
        let np = |j: usize| {
            (j < clause_end && !role_at(j))
                .then(|| phrase_at(doc, j, clause_end))
                .flatten()
                .filter(|p| !p.prep)
        };
        // After the verb, its subject, a place it happened in (منعت السلطات
        // في رواندا المساجد) and the noun a light verb launches or imposes.
        let after_actor = actor
            .filter(|x| x.first > last)
            .map(|x| x.last)
            .or_else(|| g_actor.as_ref().filter(|x| x.first > last).map(|x| x.last))
            .unwrap_or(f.told);
        let mut j = skip_time(after_actor.max(f.told) + 1);
        if j + 1 < clause_end && without_conj(&doc.toks[j].norm) == "في" {
            if let Some(p) = cx.roles.iter().find(|r| r.first == j + 1 && r.is_place()) {
                j = skip_time(p.last + 1);
            }
        }
        let direct = if nominal {
            t.pass.then_some(last + 1)
        } else {
            (f.told == last).then_some(j)
        };
        g_target = direct.and_then(np);
        // An object after a preposition (هجوم على مسجد، الانسحاب من الاتفاق).
        if g_target.is_none() && j < clause_end {
            let n = without_conj(&doc.toks[j].norm);
            let from_ok = matches!(t.ty, EventType::Reject | EventType::Retreat);
            if words.object_preps.contains(&n) || (n == "من" && from_ok) {
                g_target = np(j + 1);
            }
        }
        // A relative verb that names the target (هجوم استهدف مسجدا).
        if g_target.is_none() && nominal {
            if let Some(k) = (last + 1..(last + 4).min(clause_end))
                .find(|&k| in_list(&words.targeting, &doc.toks[k].norm))
            {
                target = in_sent.iter().find(|r| r.first == k + 1).copied();
                if target.is_none() {
                    g_target = np(k + 1);
                }
            }
        }
        // The subject of a passive تم (أطفال مهاجرين تم فصلهم).
        if g_target.is_none() && target.is_none() && passive_aux && first >= a + 2 {
            target = in_sent.iter().find(|r| r.last + 2 == first).copied();
            if target.is_none() {
                g_target = phrase_before(doc, a, first - 2, false).filter(|p| !p.prep);
            }
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
    let (tstart, tend) = (doc.toks[first].start, doc.toks[f.told].end);
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
        actor: actor
            .or(g_actor.as_ref())
            .map(|r| with_name(doc, cx.roles, r, b))
            .or(crowd),
        target: target
            .or(g_target.as_ref())
            .map(|r| with_count(doc, cx, with_name(doc, cx.roles, r, b)))
            .or(victims),
        location,
        date,
        count,
        sentence: si,
        start: tstart,
        end: tend,
    }
}

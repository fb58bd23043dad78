//! Who and where, with or without NER: entity mentions merged with role nouns
//! (المتظاهرون، القوات الروسية، قوات الأمن، وزارة الداخلية، الرئيس الروسي …)
//! and a gazetteer of places. Quotations take their speakers from here and
//! events their actors, targets and locations.

use crate::doc::Doc;
use crate::lexicon::clitics::without_conj;
use crate::lexicon::dates::is_time_word;
use crate::lexicon::events::{event_words, is_trigger_word};
use crate::lexicon::quotes::is_speech_word;
use crate::lexicon::roles::{places, role_words, roles};
use crate::ner::{EntityLabel, Mention};
use crate::ontology::ParticipantKind;
use serde::{Deserialize, Serialize};

/// A participant found in the text: a byte span, the tokens it covers, its
/// class and, when it came from (or absorbed) an NER mention, that label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Actor {
    pub first: usize,
    pub last: usize,
    pub start: usize,
    pub end: usize,
    pub class: ParticipantKind,
    pub label: Option<EntityLabel>,
    /// Governed by a preposition (للشرطة، بالقوات): not a subject.
    pub prep: bool,
    /// The personal name inside a titled mention (`فلاديمير بوتين` in
    /// `الرئيس الروسي فلاديمير بوتين`), as a byte span.
    pub name: Option<(usize, usize)>,
}

impl Actor {
    pub fn is_place(&self) -> bool {
        self.class == ParticipantKind::Place
    }
    pub fn is_person_like(&self) -> bool {
        use ParticipantKind::*;
        matches!(
            self.class,
            Person
                | Official
                | Org
                | Gov
                | Media
                | Experts
                | Military
                | Police
                | Armed
                | Protesters
        ) || self.label == Some(EntityLabel::Pers)
    }
    /// Whether it is a person's name the NER model found.
    pub fn is_named_person(&self) -> bool {
        self.label == Some(EntityLabel::Pers)
    }
    /// Whether it may be the speaker of a quotation: person-like or a named entity.
    pub fn can_speak(&self) -> bool {
        self.is_person_like() || self.label.is_some()
    }
}

/// An argument of an event or the speaker of a quotation, as serialized.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// The text as written.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// `PERSON`, `ORG`, `PLACE`, `MISC` for named entities; for role nouns
    /// `OFFICIAL`, `GOV`, `MILITARY`, `POLICE`, `ARMED`, `PROTESTERS`,
    /// `CIVILIANS`, `MEDIA`, `EXPERTS`.
    pub kind: ParticipantKind,
    /// The person's name inside a titled mention, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The `key` of the entity it names (as in the reading's `entities`: one
    /// key for every mention of one person, whatever the title or clitics),
    /// when it names one; role nouns (`مصدر مسؤول`) name none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// That entity's canonical name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
}

impl Participant {
    pub(crate) fn of(doc: &Doc, a: &Actor) -> Participant {
        Participant {
            text: doc.text[a.start..a.end].to_string(),
            start: a.start,
            end: a.end,
            kind: a.class,
            name: a.name.map(|(s, e)| doc.text[s..e].to_string()),
            key: None,
            canonical: None,
        }
    }
}

fn class_of(label: EntityLabel) -> ParticipantKind {
    match label {
        EntityLabel::Pers => ParticipantKind::Person,
        EntityLabel::Org => ParticipantKind::Org,
        EntityLabel::Loc => ParticipantKind::Place,
        EntityLabel::Misc => ParticipantKind::Misc,
    }
}

/// Whether a word ends a name or a noun phrase: a time word (weekdays,
/// اليوم، أمس) or one of the other stops (غدا، خلال، منذ).
fn is_name_stop(norm: &str) -> bool {
    is_time_word(norm) || role_words().name_stops.contains(&norm)
}

/// Function words that look definite (الي، التي، الذي …).
fn is_function_word(norm: &str) -> bool {
    role_words().function.contains(&norm)
}

/// Whether token `i` can be a word of a personal name written without NER: a
/// word, not a stop word, not definite, not a role noun or a time word.
pub(crate) fn name_like(doc: &Doc, i: usize) -> bool {
    let Some(t) = doc.toks.get(i) else {
        return false;
    };
    if !t.is_word() || t.norm.chars().count() < 3 || t.stop || is_name_stop(&t.norm) {
        return false;
    }
    let n = t.norm.as_str();
    if n.starts_with("ال")
        || n.starts_with("وال")
        || n.starts_with("بال")
        || n.starts_with("لل")
        || n.starts_with("فال")
    {
        return false;
    }
    // Latin-script words are not Arabic names here; words with ة are nouns.
    if !n
        .chars()
        .next()
        .is_some_and(khabar_text::chars::is_arabic_letter)
        || doc.surface(i).ends_with('ة')
    {
        return false;
    }
    // Imperfect verbs (يعتمد، يرسل) are not names.
    let verbish = n.starts_with('ي') && !n[2..].starts_with(['ا', 'و']) && n.chars().count() >= 4;
    !verbish && roles().word(n).is_none() && !is_trigger_word(n) && !is_speech_word(n)
}

fn is_nisba(norm: &str) -> bool {
    norm.starts_with("ال")
        && ["ي", "يه", "يون", "يين"].iter().any(|s| norm.ends_with(s))
        && norm.chars().count() >= 5
}

/// The participants of a text, in order, not overlapping.
pub(crate) fn find(doc: &Doc, mentions: &[Mention]) -> Vec<Actor> {
    // Mentions as token ranges, keyed by first token.
    let mut ment_at: Vec<Option<(usize, EntityLabel)>> = vec![None; doc.toks.len()];
    let mut mi = 0;
    for m in mentions {
        while mi < doc.toks.len() && doc.toks[mi].start < m.start {
            mi += 1;
        }
        if mi >= doc.toks.len() || doc.toks[mi].start >= m.end {
            continue;
        }
        let mut last = mi;
        while last + 1 < doc.toks.len() && doc.toks[last + 1].end <= m.end {
            last += 1;
        }
        if ment_at[mi].is_none() {
            ment_at[mi] = Some((last, m.label));
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    let n = doc.toks.len();
    while i < n {
        if let Some((last, label)) = ment_at[i] {
            out.push(Actor {
                first: i,
                last,
                start: doc.toks[i].start,
                end: doc.toks[last].end,
                class: class_of(label),
                label: Some(label),
                name: None,
                prep: starts_with_prep(&doc.toks[i].norm),
            });
            i = last + 1;
            continue;
        }
        if let Some(hit) = roles().match_at(doc, i) {
            let role = *hit.value;
            let mut last = hit.last;
            let mut label = None;
            let mut name = None;
            if role.head {
                let mut took_genitive = false;
                let mut chain_org = false;
                let mut k = last + 1;
                while k < n && k <= hit.last + 5 && !doc.line_break_after(k - 1) {
                    let t = &doc.toks[k];
                    if !t.is_word() || t.stop || is_name_stop(&t.norm) || is_function_word(&t.norm)
                    {
                        break;
                    }
                    if let Some((ml, ml_label)) = ment_at[k] {
                        if ml_label != EntityLabel::Pers && !took_genitive {
                            last = ml;
                            took_genitive = true;
                            k = ml + 1;
                            continue;
                        }
                        break;
                    }
                    if let Some(r) = roles().match_at(doc, k).filter(|r| {
                        !took_genitive
                            && !r.clitic
                            && matches!(r.value.class, ParticipantKind::Org | ParticipantKind::Gov)
                    }) {
                        // قوات منظمة معاهدة الأمن الجماعي: a role noun in the genitive
                        last = r.last;
                        took_genitive = true;
                        k = r.last + 1;
                        chain_org = true;
                        continue;
                    }
                    if let Some(p) = places().match_at(doc, k) {
                        if !took_genitive && !p.clitic {
                            last = p.last;
                            took_genitive = true;
                            k = p.last + 1;
                            continue;
                        }
                        break;
                    }
                    let prev_definite = doc.toks[last].norm.starts_with("ال") || took_genitive;
                    if chain_org
                        && !t.norm.starts_with("ال")
                        && !doc.toks[last].norm.starts_with("ال")
                        && k + 1 < n
                        && doc.toks[k + 1].norm.starts_with("ال")
                        && !name_like_verbish(&t.norm)
                    {
                        // منظمة معاهدة الأمن: the chain goes on
                        last = k;
                        took_genitive = false;
                        chain_org = false;
                        k += 1;
                        continue;
                    }
                    // A sound plural with its ن (مسلحون، متظاهرين) is not in construct: no genitive follows.
                    let nunated =
                        doc.toks[last].norm.ends_with("ون") || doc.toks[last].norm.ends_with("ين");
                    if t.norm.starts_with("ال") && !prev_definite && !took_genitive && !nunated {
                        // construct state: قوات الأمن، وزارة الداخلية
                        took_genitive = true;
                        last = k;
                    } else if is_nisba(&t.norm)
                        || (prev_definite && role_words().adjectives.contains(&t.norm.as_str()))
                    {
                        last = k;
                    } else if !t.norm.starts_with("ال")
                        && !took_genitive
                        && k == last + 1
                        && k + 1 < n
                        && doc.toks[k + 1].norm.starts_with("ال")
                        && roles().word(&t.norm).is_none()
                        && !name_like_verbish(&t.norm)
                        && matches!(role.class, ParticipantKind::Org | ParticipantKind::Gov)
                    {
                        // منظمة معاهدة الأمن: an indefinite link in a construct chain
                        last = k;
                    } else {
                        break;
                    }
                    k += 1;
                }
            }
            if role.title {
                let k = last + 1;
                if let Some((ml, EntityLabel::Pers)) = ment_at.get(k).copied().flatten() {
                    name = Some((doc.toks[k].start, doc.toks[ml].end));
                    label = Some(EntityLabel::Pers);
                    last = ml;
                } else if mentions.is_empty() && !doc.line_break_after(last) {
                    let mut e = k;
                    while e < n
                        && e < k + 3
                        && name_like(doc, e)
                        && !doc.line_break_after(e.saturating_sub(1))
                    {
                        e += 1;
                    }
                    if e > k {
                        name = Some((doc.toks[k].start, doc.toks[e - 1].end));
                        last = e - 1;
                    }
                }
            }
            out.push(Actor {
                first: i,
                last,
                start: doc.toks[i].start,
                end: doc.toks[last].end,
                class: role.class,
                label,
                name,
                prep: hit.prep,
            });
            i = last + 1;
            continue;
        }
        if let Some(p) = places().match_at(doc, i) {
            out.push(Actor {
                first: i,
                last: p.last,
                start: doc.toks[i].start,
                end: doc.toks[p.last].end,
                class: ParticipantKind::Place,
                label: None,
                name: None,
                prep: p.prep,
            });
            i = p.last + 1;
            continue;
        }
        i += 1;
    }
    out
}

/// Imperfect verbs (يـ/تـ + three or more letters) are not links of a construct chain.
fn name_like_verbish(norm: &str) -> bool {
    (norm.starts_with('ي') || norm.starts_with('ت')) && norm.chars().count() >= 4
}

/// Whether a word opens with the preposition لل or بال (after an optional و/ف): an NER
/// mention so written (للجيش، بالحكومة) is governed by it, not a subject.
fn starts_with_prep(norm: &str) -> bool {
    let w = without_conj(norm);
    w.starts_with("لل") || w.starts_with("بال")
}

/// For tests beside the stages: the participants of a text with the mentions NER would give
/// written out (person names, `!`-prefixed organisations, `^`-prefixed places; the first
/// occurrence of each).
#[cfg(test)]
pub(crate) fn find_with_names(doc: &Doc, names: &[&str]) -> Vec<Actor> {
    let mut mentions: Vec<Mention> = names
        .iter()
        .map(|n| {
            let (label, n) = if let Some(n) = n.strip_prefix('!') {
                (EntityLabel::Org, n)
            } else if let Some(n) = n.strip_prefix('^') {
                (EntityLabel::Loc, n)
            } else {
                (EntityLabel::Pers, *n)
            };
            let start = doc.text.find(n).expect(n);
            Mention {
                start,
                end: start + n.len(),
                label,
                text: n.to_string(),
            }
        })
        .collect();
    mentions.sort_by_key(|m| m.start);
    find(doc, &mentions)
}

/// Whether token `i` can be a word of a noun phrase with no lexicon behind it:
/// a word of three letters or more, not a stop, function or time word, not a
/// verb by its form (يعتمد، نصبوا), not a trigger or a verb of speech.
fn noun_like(doc: &Doc, i: usize) -> bool {
    let t = &doc.toks[i];
    if !t.is_word() || t.stop || t.norm.chars().count() < 3 {
        return false;
    }
    let n = without_conj(&t.norm);
    let definite = n.starts_with("ال") || n.starts_with("بال") || n.starts_with("لل");
    let w = event_words();
    let listed = |l: &[&str]| l.contains(&n);
    !is_name_stop(&t.norm)
        && !t.number_word
        && !is_function_word(&t.norm)
        && !is_trigger_word(&t.norm)
        && !is_speech_word(&t.norm)
        && !listed(&w.sources)
        && !listed(&w.adverbial)
        && !listed(&w.target_preps)
        && !listed(&w.negations)
        && !n.strip_prefix('ب').is_some_and(|x| w.sources.contains(&x))
        && (definite || !(name_like_verbish(n) || n.ends_with("وا")))
}

fn is_definite(norm: &str) -> bool {
    without_conj(norm).starts_with("ال")
}

/// The last token of a noun phrase whose head ends at `last`: its construct
/// chain (مجلس محافظة ميسان، قوات الأمن), its adjectives (القس الأميركي،
/// أطفال مهاجرين) and a name in quotation marks after its head (وكالة أنباء
/// "الصين الجديدة" الرسمية), up to token `end` (exclusive).
pub(crate) fn phrase_tail(doc: &Doc, mut last: usize, end: usize) -> usize {
    let limit = (last + 7).min(end);
    let mut k = last + 1;
    while k < limit && !doc.line_break_after(k - 1) {
        let t = &doc.toks[k];
        // A name in quotation marks: “…” of at most four words.
        if doc.surface(k) == "\"" {
            let Some(close) = (k + 1..(k + 6).min(end)).find(|&j| doc.surface(j) == "\"") else {
                break;
            };
            if close == k + 1 || (k + 1..close).any(|j| !doc.toks[j].is_word()) {
                break;
            }
            last = close;
            k = close + 1;
            continue;
        }
        if !noun_like(doc, k) || t.norm.starts_with("لل") || t.norm.starts_with("بال") {
            break;
        }
        let prev = &doc.toks[last].norm;
        let nunated = prev.ends_with("ون") || prev.ends_with("ين") || prev.ends_with('ا');
        let ok = if is_definite(&t.norm) {
            // a genitive after an indefinite head, an adjective after a definite one
            (!is_definite(prev) && !nunated) || is_nisba(without_conj(&t.norm))
        } else {
            // an indefinite adjective (مهاجرين، تابع) or a link of a chain before a definite word
            let nisba = t.norm.chars().count() >= 5
                && ["ي", "يه", "يون", "يين", "يا"]
                    .iter()
                    .any(|s| t.norm.ends_with(s));
            // an adjective agreeing with its head (وحدة خاصة، مسلحين مجهولين)
            let agrees = t.norm.chars().count() >= 4
                && ["ة", "ين", "ون"]
                    .iter()
                    .any(|e| doc.surface(k).ends_with(e) && doc.surface(last).ends_with(e));
            !t.norm.starts_with('و')
                && !is_definite(prev)
                && (nisba
                    || agrees
                    || (k + 1 < end
                        && (is_definite(&doc.toks[k + 1].norm) || doc.surface(k + 1) == "\"")))
        };
        if !ok {
            break;
        }
        last = k;
        k += 1;
    }
    last
}

/// A noun phrase at token `i` that no lexicon names (المساجد، زوجها، أحد
/// الأشخاص، العديد من المسافرين، تلك الدول), as a participant of class `MISC`:
/// the object or subject of an event when no entity or role noun is there.
pub(crate) fn phrase_at(doc: &Doc, i: usize, end: usize) -> Option<Actor> {
    if i >= end {
        return None;
    }
    let mut head = i;
    if role_words()
        .demonstratives
        .contains(&without_conj(&doc.toks[i].norm))
    {
        head = i + 1;
        if head >= end || !is_definite(&doc.toks[head].norm) {
            return None;
        }
    }
    let quantifier = role_words()
        .quantifiers
        .contains(&without_conj(&doc.toks[head].norm));
    let mut last = head;
    if quantifier {
        // العديد من المسافرين، أحد الأشخاص: the group after من or in construct.
        let g = if head + 1 < end && doc.toks[head + 1].norm == "من" {
            head + 2
        } else {
            head + 1
        };
        if g >= end || !noun_like(doc, g) {
            return None;
        }
        last = g;
    } else if !noun_like(doc, head) {
        return None;
    }
    let last = phrase_tail(doc, last, end);
    let prep = {
        let w = without_conj(&doc.toks[i].norm);
        w.starts_with("لل") || w.starts_with("بال")
    };
    Some(Actor {
        first: i,
        last,
        start: doc.toks[i].start,
        end: doc.toks[last].end,
        class: ParticipantKind::Misc,
        label: None,
        prep,
        name: None,
    })
}

/// The noun phrase that ends at token `last` and begins at or after token
/// `from` ([`phrase_at`] read backwards): the longest, with a definite head
/// when `definite` (المخابرات الإيرانية، الزعيم الكوري الجنوبي).
pub(crate) fn phrase_before(doc: &Doc, from: usize, last: usize, definite: bool) -> Option<Actor> {
    (from.max(last.saturating_sub(4))..=last).find_map(|s| {
        phrase_at(doc, s, last + 1).filter(|p| {
            p.last == last
                && (!definite
                    || is_definite(&doc.toks[p.first].norm)
                    || role_words()
                        .demonstratives
                        .contains(&without_conj(&doc.toks[p.first].norm)))
                && (s == from || !noun_like(doc, s - 1))
        })
    })
}

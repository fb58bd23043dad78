//! The event lexicons: PLOVER triggers (`data/events.tsv`), the words around
//! a trigger that tell whether and how it happened (`data/event_words.tsv`),
//! sport words (`data/sports.tsv`), weapons with their ASSAULT mode
//! (`data/weapons.tsv`) and PLOVER contexts (`data/event_contexts.tsv`).

use super::clitics::norm_phrase;
use super::{rows, word_lists, PhraseSet, WordMap};
use crate::ontology::{EventMode, EventType};
use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// An event trigger: its type and mode and how it is read.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Trigger {
    pub ty: EventType,
    pub mode: Option<EventMode>,
    /// Another sense in sports or idiom: not read in a sports context.
    pub amb: bool,
    /// A participant noun: read only when the sentence has no other trigger of its type.
    pub weak: bool,
    /// What must follow it for the act to be told (forces after إرسال، an
    /// attack after شن، a penalty after فرض).
    pub need: Option<Need>,
    /// A passive verb or the masdar of a transitive verb: the participant
    /// after it (its genitive) is the target (قُتل X، مقتل X، اعتقال X).
    pub pass: bool,
    /// A noun (a masdar, a plural): its genitive is its subject unless `pass`,
    /// and no subject stands before it.
    pub nominal: bool,
}

/// What a light verb needs after it to be an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Need {
    /// Troops, forces, weapons (نشر القوات، إرسال جنود): `mob`.
    Troops,
    /// An attack noun (شنت هجوما، نفذت غارات): `launch`.
    Attack,
    /// A penalty noun (فرضت عقوبات، فرض حظرا): `impose`.
    Penalty,
}

/// The flags a row of `data/events.tsv` may carry.
const FLAGS: &[&str] = &["amb", "weak", "mob", "launch", "impose", "pass", "n", "v"];

/// The written forms a row stands for. A `v` row is a past verb of the third
/// person masculine (قتل): its feminine, plural and dual (قتلت، قتلوا، قتلا)
/// and its object pronouns (قتلها، قتلهم) are read too. An `n` row is a
/// noun (اعتقال، إصابة): with the article (الاعتقال) and with a possessive
/// pronoun (اعتقاله، إصابتها، اعتقالهم), ة written ت before it.
fn forms(phrase: &str, flags: &str) -> Vec<String> {
    let mut out = vec![phrase.to_string()];
    let (first, rest) = match phrase.split_once(' ') {
        Some((f, r)) => (f, format!(" {r}")),
        None => (phrase, String::new()),
    };
    let has = |x: &str| flags.split(' ').any(|f| f == x);
    let pronouns = ["ه", "ها", "هم", "هما"];
    if has("v") && !first.ends_with(['ا', 'ى', 'ي', 'ة']) {
        // Not ـه: قتله would be read in every word ending in ة (زاره in وزارة).
        for suf in ["ت", "وا", "ا"].iter().chain(&pronouns[1..3]) {
            out.push(format!("{first}{suf}{rest}"));
        }
    }
    if has("n") && !first.starts_with("ال") {
        out.push(format!("ال{first}{rest}"));
        if rest.is_empty() && !first.ends_with("ات") {
            let stem = first
                .strip_suffix('ة')
                .map_or_else(|| first.to_string(), |s| format!("{s}ت"));
            for suf in pronouns {
                out.push(format!("{stem}{suf}"));
            }
        }
    }
    out
}

pub(crate) fn triggers() -> &'static PhraseSet<Trigger> {
    static SET: OnceLock<PhraseSet<Trigger>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = PhraseSet::default();
        let mut generated: Vec<(String, Trigger)> = Vec::new();
        let mut listed = FxHashSet::default();
        for f in rows(include_str!("../../data/events.tsv")) {
            let ty = f[1].parse().unwrap_or_else(|e| panic!("events.tsv: {e}"));
            let mode = f
                .get(2)
                .filter(|m| !m.is_empty())
                .map(|m| m.parse().unwrap_or_else(|e| panic!("events.tsv: {e}")));
            let flags = f.get(3).copied().unwrap_or("");
            for x in flags.split(' ').filter(|x| !x.is_empty()) {
                assert!(FLAGS.contains(&x), "events.tsv: unknown flag {x:?}");
            }
            let has = |x: &str| flags.split(' ').any(|f| f == x);
            let need = if has("mob") {
                Some(Need::Troops)
            } else if has("launch") {
                Some(Need::Attack)
            } else if has("impose") {
                Some(Need::Penalty)
            } else {
                None
            };
            let t = Trigger {
                ty,
                mode,
                amb: has("amb"),
                weak: has("weak"),
                need,
                pass: has("pass"),
                nominal: has("n"),
            };
            let mut all = forms(f[0], flags).into_iter();
            if let Some(p) = all.next() {
                listed.insert(norm_phrase(&p).join(" "));
                set.insert(&p, t);
            }
            generated.extend(all.map(|p| (p, t)));
        }
        // A form listed in its own row keeps that row's reading.
        for (p, t) in generated {
            if listed.insert(norm_phrase(&p).join(" ")) {
                set.insert(&p, t);
            }
        }
        set
    })
}

/// Whether a normalized word is (the first word of) an event trigger.
pub(crate) fn is_trigger_word(norm: &str) -> bool {
    triggers().word(norm).is_some()
}

word_lists! {
    /// The words around a trigger (`data/event_words.tsv`, where each list is described).
    EventWords, event_words, "../../data/event_words.tsv" {
        negations = "negation",
        troops = "troops",
        location_cues = "location-cue",
        future = "future",
        blast_objects = "blast-object",
        show = "show",
        festival = "festival",
        verbal = "verbal",
        attack_nouns = "attack-noun",
        penalties = "penalty",
        target_preps = "target-prep",
        agent_cues = "agent",
        hypothetical = "hypothetical",
        intent = "intent",
        charges = "charge",
        forums = "forum",
        accidents = "accident",
        crowds = "crowd",
        perpetrated = "perpetrated",
        sources = "source",
        passive = "passive",
        adverbial = "adverbial",
        copula = "copula",
        light = "light",
        object_preps = "object-prep",
        targeting = "targeting",
    }
}

/// Words of sport: a هجوم among them is an attack on goal.
pub(crate) fn sports() -> &'static WordMap<()> {
    static M: OnceLock<WordMap<()>> = OnceLock::new();
    M.get_or_init(|| WordMap::new(rows(include_str!("../../data/sports.tsv")).map(|f| (f[0], ()))))
}

/// Weapons and the ASSAULT mode they name.
pub(crate) fn weapons() -> &'static WordMap<EventMode> {
    static M: OnceLock<WordMap<EventMode>> = OnceLock::new();
    M.get_or_init(|| {
        WordMap::new(rows(include_str!("../../data/weapons.tsv")).map(|f| {
            let m = f[1].parse().unwrap_or_else(|e| panic!("weapons.tsv: {e}"));
            (f[0], m)
        }))
    })
}

/// Words naming a PLOVER context.
pub(crate) fn contexts() -> &'static WordMap<&'static str> {
    static M: OnceLock<WordMap<&'static str>> = OnceLock::new();
    M.get_or_init(|| {
        WordMap::new(rows(include_str!("../../data/event_contexts.tsv")).map(|f| (f[0], f[1])))
    })
}

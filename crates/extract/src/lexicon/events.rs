//! The event lexicons: PLOVER triggers (`data/events.tsv`), the words around
//! a trigger that tell whether and how it happened (`data/event_words.tsv`),
//! sport words (`data/sports.tsv`), weapons with their ASSAULT mode
//! (`data/weapons.tsv`) and PLOVER contexts (`data/event_contexts.tsv`).

use super::{rows, word_lists, PhraseSet, WordMap};
use crate::ontology::{EventMode, EventType};
use std::sync::OnceLock;

/// An event trigger: its type and mode and how it is read.
#[derive(Clone, Debug)]
pub(crate) struct Trigger {
    pub ty: EventType,
    pub mode: Option<EventMode>,
    /// Another sense in sports or idiom: not read in a sports context.
    pub amb: bool,
    /// A participant noun: read only when the sentence has no other trigger of its type.
    pub weak: bool,
    /// Needs troops/forces/weapons in the next words (إرسال، نشر).
    pub mob: bool,
    /// A passive or nominal form: the following participant is the target.
    pub pass: bool,
}

pub(crate) fn triggers() -> &'static PhraseSet<Trigger> {
    static SET: OnceLock<PhraseSet<Trigger>> = OnceLock::new();
    SET.get_or_init(|| {
        PhraseSet::from_tsv(include_str!("../../data/events.tsv"), |f| {
            let ty = f[0].parse().unwrap_or_else(|e| panic!("events.tsv: {e}"));
            let mode = f
                .get(1)
                .filter(|m| !m.is_empty())
                .map(|m| m.parse().unwrap_or_else(|e| panic!("events.tsv: {e}")));
            let flags = f.get(2).copied().unwrap_or("");
            for x in flags.split(' ').filter(|x| !x.is_empty()) {
                assert!(
                    matches!(x, "amb" | "weak" | "mob" | "pass"),
                    "events.tsv: unknown flag {x:?}"
                );
            }
            Trigger {
                ty,
                mode,
                amb: flags.contains("amb"),
                weak: flags.contains("weak"),
                mob: flags.contains("mob"),
                pass: flags.contains("pass"),
            }
        })
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

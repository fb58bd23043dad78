//! The participant lexicons: role nouns with their class (`data/roles.tsv`),
//! places (`data/places.txt`) and the words that bound a participant's phrase
//! (`data/role_words.tsv`).

use super::{rows, word_lists, PhraseSet};
use crate::ontology::ParticipantKind;
use std::sync::OnceLock;

/// A role noun's class and how its phrase grows.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Role {
    pub class: ParticipantKind,
    /// Takes a genitive complement and adjectives (قوات الأمن، وزارة الداخلية).
    pub head: bool,
    /// May be followed by a person's name (الرئيس الروسي فلاديمير بوتين).
    pub title: bool,
}

pub(crate) fn roles() -> &'static PhraseSet<Role> {
    static SET: OnceLock<PhraseSet<Role>> = OnceLock::new();
    SET.get_or_init(|| {
        PhraseSet::from_tsv(include_str!("../../data/roles.tsv"), |f| {
            let class = f[0].parse().unwrap_or_else(|e| panic!("roles.tsv: {e}"));
            let flags = f.get(1).copied().unwrap_or("");
            for x in flags.split(' ').filter(|x| !x.is_empty()) {
                assert!(
                    matches!(x, "head" | "title"),
                    "roles.tsv: unknown flag {x:?}"
                );
            }
            Role {
                class,
                head: flags.contains("head"),
                title: flags.contains("title"),
            }
        })
    })
}

pub(crate) fn places() -> &'static PhraseSet<()> {
    static SET: OnceLock<PhraseSet<()>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut s = PhraseSet::default();
        for f in rows(include_str!("../../data/places.txt")) {
            s.insert(f[0], ());
        }
        s
    })
}

/// Whether a normalized word is a role noun (المتظاهرون، القوات …).
pub(crate) fn is_role_word(norm: &str) -> bool {
    roles().word(norm).is_some()
}

word_lists! {
    /// The words that bound a participant's phrase (`data/role_words.tsv`).
    RoleWords, role_words, "../../data/role_words.tsv" {
        /// End a name or a noun phrase (weekdays, time words).
        name_stops = "name-stop",
        /// Function words that look definite (الي، التي، الذي).
        function = "function",
        /// Adjectives a definite head takes (القوات الخاصة).
        adjectives = "adjective",
        /// Demonstratives that open a noun phrase (تلك الدول).
        demonstratives = "demonstrative",
        /// Quantifiers whose group follows, with من or in construct (العديد من المسافرين).
        quantifiers = "quantifier",
    }
}

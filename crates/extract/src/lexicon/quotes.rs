//! The quotation lexicons: verbs of speech (`data/speech_verbs.tsv`) and the
//! complementizer أن/إن in its forms (`data/quote_words.tsv`).

use super::clitics::candidates;
use super::{rows, word_lists, WordMap};
use std::sync::OnceLock;

/// A verb of speech.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Verb {
    /// Continues the last speaker (وأضاف، وتابع).
    pub cont: bool,
    /// A denial: what follows did not happen by the speaker's account (نفى).
    pub deny: bool,
    /// A participle (مؤكدا، قائلا): it shares the subject of its sentence.
    pub part: bool,
}

pub(crate) fn verbs() -> &'static WordMap<Verb> {
    static MAP: OnceLock<WordMap<Verb>> = OnceLock::new();
    MAP.get_or_init(|| {
        let m: Vec<(String, Verb)> = rows(include_str!("../../data/speech_verbs.tsv"))
            .map(|f| {
                let flags = f.get(1).copied().unwrap_or("");
                for x in flags.split(' ').filter(|x| !x.is_empty()) {
                    assert!(
                        matches!(x, "cont" | "deny" | "part"),
                        "speech_verbs.tsv: flag {x:?}"
                    );
                }
                let mut n = String::new();
                khabar_text::norm_form(f[0], &mut n);
                let v = Verb {
                    cont: flags.contains("cont"),
                    deny: flags.contains("deny"),
                    part: flags.contains("part"),
                };
                (n, v)
            })
            .collect();
        WordMap::new(m.iter().map(|(w, v)| (w.as_str(), *v)))
    })
}

/// The verb of speech a normalized word is (with or without و/ف).
pub(crate) fn verb_of(norm: &str) -> Option<Verb> {
    let v = verbs();
    candidates(norm)
        .take(2)
        .find_map(|c| v.get(c.as_ref()).copied())
}

/// Whether a normalized word is a verb of speech (with or without و/ف).
pub(crate) fn is_speech_word(norm: &str) -> bool {
    verb_of(norm).is_some()
}

word_lists! {
    /// The forms of أن/إن (`data/quote_words.tsv`).
    That, that, "../../data/quote_words.tsv" {
        /// أن/إن and its forms (انه، بأن): what follows is reported speech.
        that = "that",
        /// The forms with a pronoun (أنه، أنها), which is what was said's first word.
        with_subject = "that-subject",
        /// Words that begin the setting of a speech after its verb, ending the speaker.
        setting_end = "setting-end",
        /// Nouns of the setting after في (في بيان، في تصريحات).
        setting_noun = "setting-noun",
        /// A statement, whose issuer after عن/من is the speaker.
        statement = "statement",
        /// The participle between a statement and its issuer (صادر).
        issued = "issued",
        /// The preposition before a statement's issuer (عن، من).
        issuer = "issuer",
        /// A relative pronoun, which after a comma opens a clause about the speaker.
        relative = "relative",
        /// A verb that with في and a statement reports what it says (جاء في البيان).
        said_in = "said-in",
        /// A word that joins one speech to the next (كما، قبل أن).
        joiner = "joiner",
        /// A word whose preposition after it is part of the subject (مصدر مطلع على التحقيق).
        governs = "governs",
        /// A passive verb that with أن right after it gives the writer's background, not
        /// speech (يذكر أن، يشار إلى أن).
        background = "background",
    }
}

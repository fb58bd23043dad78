//! The quotation lexicons: verbs of speech (`data/speech_verbs.tsv`) and the
//! complementizer أن/إن in its forms (`data/quote_words.tsv`).

use super::clitics::candidates;
use super::{rows, Lists, WordMap};
use std::sync::OnceLock;

/// A verb of speech.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Verb {
    /// Continues the last speaker (وأضاف، وتابع).
    pub cont: bool,
    /// A denial: what follows did not happen by the speaker's account (نفى).
    pub deny: bool,
}

pub(crate) fn verbs() -> &'static WordMap<Verb> {
    static MAP: OnceLock<WordMap<Verb>> = OnceLock::new();
    MAP.get_or_init(|| {
        let m: Vec<(String, Verb)> = rows(include_str!("../../data/speech_verbs.tsv"))
            .map(|f| {
                let flags = f.get(1).copied().unwrap_or("");
                for x in flags.split(' ').filter(|x| !x.is_empty()) {
                    assert!(matches!(x, "cont" | "deny"), "speech_verbs.tsv: flag {x:?}");
                }
                let mut n = String::new();
                khabar_text::norm_form(f[0], &mut n);
                let v = Verb {
                    cont: flags.contains("cont"),
                    deny: flags.contains("deny"),
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

/// The forms of أن/إن (`data/quote_words.tsv`).
pub(crate) struct That {
    /// أن/إن and its forms (انه، بأن): what follows is reported speech.
    pub that: Vec<&'static str>,
    /// The forms with a pronoun (أنه، أنها), which is what was said's first word.
    pub with_subject: Vec<&'static str>,
}

pub(crate) fn that() -> &'static That {
    static T: OnceLock<That> = OnceLock::new();
    T.get_or_init(|| {
        let mut l = Lists::parse(include_str!("../../data/quote_words.tsv"));
        let t = That {
            that: l.take("that"),
            with_subject: l.take("that-subject"),
        };
        l.done();
        t
    })
}

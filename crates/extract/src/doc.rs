//! The shared view of one text that every reading stage works on: tokens with
//! their normalized forms and the sentences over them, computed once.

use crate::vocab::{self, CandHashes, Norm};
use khabar_text::{norm_form, sentences_from_tokens, tokenize, Span, TokenKind};

/// One token: its span in the text, its kind and its [`norm_form`].
#[derive(Clone, Debug)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    pub norm: Norm,
    /// A stop word (matched on the writer's letters, see `khabar_text::is_stopword`).
    pub stop: bool,
    /// The search key id of a content word (see [`crate::vocab`]): none for
    /// stop words, non-words and keys shorter than two letters.
    pub key: Option<u32>,
    /// The hashes of the norm form's lexicon candidates ([`Norm::hashes`]).
    pub hashes: CandHashes,
    /// Whether the word may begin a number written in words.
    pub number_word: bool,
    /// The registered lexicons that may match here ([`crate::lexicon::registered`]).
    pub lex: u32,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    pub fn is_punct(&self) -> bool {
        matches!(self.kind, TokenKind::Punct | TokenKind::Symbol)
    }
}

/// A text read once: tokens, sentences and the sentence of each token.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    pub sents: Vec<Span>,
    /// For each sentence, the token range `[first, last)`.
    pub sent_toks: Vec<(usize, usize)>,
    /// For each token, its sentence.
    pub tok_sent: Vec<usize>,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        // A hashtag's words follow it as tokens of their own: read those, not the hashtag.
        // About one token per five bytes of news text: sized so it rarely regrows.
        let mut raw = Vec::with_capacity(text.len() / 5 + 8);
        raw.extend(tokenize(text).filter(|t| t.kind != TokenKind::Hashtag));
        let sents = sentences_from_tokens(text, raw.iter().copied());
        let surfaces: Vec<&str> = raw.iter().map(|t| t.text(text)).collect();
        let infos = vocab::with_words(|v| v.infos(&surfaces));
        let toks: Vec<Tok> = raw
            .iter()
            .zip(infos)
            .map(|(t, w)| {
                let word = t.kind == TokenKind::Word;
                Tok {
                    start: t.start,
                    end: t.end,
                    kind: t.kind,
                    hashes: w.hashes(),
                    stop: word && w.stop(),
                    key: if word { w.key() } else { None },
                    number_word: w.number_word(),
                    lex: w.lex(),
                    norm: w,
                }
            })
            .collect();
        let mut sent_toks = Vec::with_capacity(sents.len());
        let mut tok_sent = vec![0; toks.len()];
        let mut i = 0;
        for (si, s) in sents.iter().enumerate() {
            let first = i;
            while i < toks.len() && toks[i].start < s.end {
                tok_sent[i] = si;
                i += 1;
            }
            sent_toks.push((first, i));
        }
        for ts in tok_sent.iter_mut().skip(i) {
            *ts = sents.len().saturating_sub(1);
        }
        Doc {
            text,
            toks,
            sents,
            sent_toks,
            tok_sent,
        }
    }

    /// The text between two token indices (inclusive of both tokens).
    pub fn slice(&self, first: usize, last: usize) -> &'a str {
        self.text
            .get(self.toks[first].start..self.toks[last].end)
            .unwrap_or("")
    }

    /// The raw text of token `i`.
    pub fn surface(&self, i: usize) -> &'a str {
        self.text
            .get(self.toks[i].start..self.toks[i].end)
            .unwrap_or("")
    }

    /// Whether the gap between token `i` and `i + 1` holds a line break.
    pub fn line_break_after(&self, i: usize) -> bool {
        i + 1 < self.toks.len()
            && self
                .text
                .get(self.toks[i].end..self.toks[i + 1].start)
                .is_some_and(|g| g.contains('\n'))
    }

    /// The gap (usually spaces) between token `i` and token `i + 1`.
    pub fn gap_after(&self, i: usize) -> &'a str {
        if i + 1 >= self.toks.len() {
            return "";
        }
        self.text
            .get(self.toks[i].end..self.toks[i + 1].start)
            .unwrap_or("")
    }
}

/// The norm form without one leading conjunction و or ف (only when at least
/// two letters remain).
pub(crate) fn strip_conj(norm: &str) -> Option<&str> {
    let rest = norm.strip_prefix('و').or_else(|| norm.strip_prefix('ف'))?;
    (rest.chars().count() >= 2).then_some(rest)
}

/// The norm form without a leading preposition ب ل ك (after an optional
/// conjunction), with لل read as ال.
pub(crate) fn strip_prep(norm: &str) -> Option<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    let base = strip_conj(norm).unwrap_or(norm);
    if let Some(r) = base.strip_prefix("لل") {
        if r.chars().count() >= 2 {
            return Some(Cow::Owned(format!("ال{r}")));
        }
    }
    let rest = base
        .strip_prefix('ب')
        .or_else(|| base.strip_prefix('ل'))
        .or_else(|| base.strip_prefix('ك'))?;
    (rest.chars().count() >= 2).then_some(Cow::Borrowed(rest))
}

/// The candidate lexicon forms of a token: as written, without a conjunction,
/// without a preposition. The first is always the norm form itself.
pub(crate) fn candidates(norm: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    let a = Some(Cow::Borrowed(norm));
    let b = strip_conj(norm).map(Cow::Borrowed);
    // Computed only when the first two did not match.
    let c = std::iter::once(()).filter_map(move |_| strip_prep(norm));
    a.into_iter().chain(b).chain(c)
}

/// Normalizes a lexicon phrase with the same function the text goes through.
pub(crate) fn norm_phrase(s: &str) -> Vec<String> {
    khabar_text::tokenize(s)
        .filter(|t| t.kind.is_content())
        .map(|t| {
            let mut b = String::new();
            norm_form(t.text(s), &mut b);
            b
        })
        .collect()
}

//! The shared view of one text that every reading stage works on: tokens with
//! their normalized forms and the sentences over them, computed once, and the
//! lookups of tokens in the lexicons ([`PhraseSet::match_at`],
//! [`WordMap::cands`]).

use crate::lexicon::clitics::strip_conj;
use crate::lexicon::{PhraseSet, WordMap};
use crate::vocab::{self, CandHashes, Norm};
use khabar_text::{sentences_from_tokens, tokenize, Span, TokenKind};

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

/// A match: the phrase covers tokens `first..=last`.
pub(crate) struct Hit<'a, T> {
    pub first: usize,
    pub last: usize,
    pub value: &'a T,
    /// Whether a clitic was taken off the first word to match.
    pub clitic: bool,
    /// Whether that clitic was a preposition (ب ل ك, لل): the phrase is then
    /// governed by it (للشرطة "to the police"), not a subject.
    pub prep: bool,
}

impl<T> PhraseSet<T> {
    /// The longest phrase starting at token `i`.
    pub fn match_at(&self, doc: &Doc, i: usize) -> Option<Hit<'_, T>> {
        let tok = doc.toks.get(i)?;
        if tok.is_punct() {
            return None;
        }
        if self.bit().is_some_and(|b| tok.lex & (1 << b) == 0) {
            return None;
        }
        for (ci, hash) in tok.hashes.as_slice().iter().enumerate() {
            let list = self.filed(*hash);
            if list.is_empty() {
                continue;
            }
            let Some(cand) = tok.norm.cand(ci) else {
                continue;
            };
            let cand: &str = &cand;
            'phr: for (first, rest, value) in list {
                if **first != *cand {
                    continue;
                }
                let last = i + rest.len();
                if last >= doc.toks.len() {
                    continue;
                }
                for (k, w) in rest.iter().enumerate() {
                    let t = &doc.toks[i + 1 + k];
                    if &t.norm != w || doc.line_break_after(i + k) {
                        continue 'phr;
                    }
                }
                return Some(Hit {
                    first: i,
                    last,
                    value,
                    clitic: ci > 0,
                    // Candidates are: as written, without a conjunction (if
                    // any), without a preposition (if any). The last is the
                    // preposition's when there are three, or when the second
                    // is not the conjunction's (للشرطة).
                    prep: ci > 0
                        && ci + 1 == tok.hashes.as_slice().len()
                        && (ci == 2 || strip_conj(tok.norm.as_str()).is_none()),
                });
            }
        }
        None
    }
}

impl<V> WordMap<V> {
    /// The payloads of the first `n` lexicon candidates of a token (see
    /// [`crate::lexicon::clitics::candidates`]) that are in the map, in
    /// candidate order.
    pub fn cands<'a>(&'a self, tok: &'a Tok, n: usize) -> impl Iterator<Item = &'a V> + 'a {
        tok.hashes
            .as_slice()
            .iter()
            .take(n)
            .enumerate()
            .filter_map(move |(ci, h)| {
                // The candidate's letters are read only when its hash is filed.
                let list = self.filed(*h)?;
                let cand = tok.norm.cand(ci)?;
                crate::lexicon::find_word(list, &cand)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preposition_is_told_from_a_conjunction() {
        let mut set: PhraseSet<u8> = PhraseSet::default();
        set.insert("الشرطة", 1);
        let hit = |text: &str| {
            let doc = Doc::new(text);
            set.match_at(&doc, 0).map(|h| (h.clitic, h.prep))
        };
        assert_eq!(hit("الشرطة"), Some((false, false)));
        assert_eq!(hit("والشرطة"), Some((true, false)));
        // to the police: a preposition, with or without a conjunction before it
        assert_eq!(hit("للشرطة"), Some((true, true)));
        assert_eq!(hit("وللشرطة"), Some((true, true)));
        assert_eq!(hit("بالشرطة"), Some((true, true)));
    }
}

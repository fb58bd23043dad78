//! khabar's analyzer as tantivy tokenizers, and the one-pass pre-tokenization used when indexing.
//!
//! Offsets of every token are byte offsets into the original text (the text crate never moves a
//! span), so highlighting works on the stored text as written.

use khabar_text::{norm_and_key, tokenize, Form};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// A tantivy [`Tokenizer`] producing one of khabar's token forms ([`Form::Norm`] or
/// [`Form::Key`]); punctuation and symbols are left out, stop words kept (phrases need them).
#[derive(Clone, Debug)]
pub struct KhabarTokenizer {
    form: Form,
    tokens: Vec<Token>,
}

impl KhabarTokenizer {
    pub fn new(form: Form) -> Self {
        KhabarTokenizer {
            form,
            tokens: Vec::new(),
        }
    }

    /// A [`TextAnalyzer`] over this tokenizer, for registering with an index.
    pub fn analyzer(form: Form) -> TextAnalyzer {
        TextAnalyzer::from(KhabarTokenizer::new(form))
    }
}

/// The tokens of [`KhabarTokenizer`], already computed.
pub struct KhabarTokenStream<'a> {
    tokens: &'a mut Vec<Token>,
    next: usize,
}

impl Tokenizer for KhabarTokenizer {
    type TokenStream<'a> = KhabarTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> KhabarTokenStream<'a> {
        self.tokens.clear();
        let (norm, key) = match self.form {
            Form::Key => (None, Some(&mut self.tokens)),
            _ => (Some(&mut self.tokens), None),
        };
        analyze_into(text, norm, key, None);
        KhabarTokenStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

impl TokenStream for KhabarTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// One pass over `text`: calls `sink(start, end, norm, key)` for each content token in order
/// (`start..end` its byte span in `text`, `norm` its normalized form, `key` its stemmed search
/// key, both from [`khabar_text::norm_and_key`]: the key is the text crate's, never recomputed
/// here). Tokens with an empty form are skipped; the `n`-th call is the token at position `n`.
pub fn analyze_with(text: &str, mut sink: impl FnMut(usize, usize, &str, &str)) {
    let mut buf = String::new();
    for tok in tokenize(text) {
        if !tok.kind.is_content() {
            continue;
        }
        let (norm, key) = norm_and_key(tok.text(text), tok.kind, &mut buf);
        if !norm.is_empty() {
            sink(tok.start, tok.end, norm, key);
        }
    }
}

/// One pass over `text`: appends the normalized tokens to `norm`, the stemmed keys to `key` (both
/// with the same positions and original offsets) and, when asked, each key string to `keys`.
/// Tokens with an empty form are skipped without taking a position.
pub fn analyze_into(
    text: &str,
    mut norm: Option<&mut Vec<Token>>,
    mut key: Option<&mut Vec<Token>>,
    mut keys: Option<&mut Vec<String>>,
) {
    let mut position = 0usize;
    analyze_with(text, |start, end, n, k| {
        let make = |s: &str| Token {
            offset_from: start,
            offset_to: end,
            position,
            text: s.to_string(),
            position_length: 1,
        };
        if let Some(v) = key.as_deref_mut() {
            v.push(make(k));
        }
        if let Some(v) = keys.as_deref_mut() {
            v.push(k.to_string());
        }
        if let Some(v) = norm.as_deref_mut() {
            v.push(make(n));
        }
        position += 1;
    });
}

/// The separator of [`analyze_joined`]'s forms (U+001F, never part of a token's form).
pub const SEP: char = '\u{1f}';

fn push_form(out: &mut String, form: &str) {
    if !out.is_empty() {
        out.push(SEP);
    }
    if form.contains(SEP) {
        out.extend(form.chars().filter(|&c| c != SEP));
    } else {
        out.push_str(form);
    }
}

/// One pass over `text`: the normalized forms and the stemmed keys, each joined by [`SEP`] (the
/// `i`-th form of each is the token at position `i`). This is what the writer indexes: the
/// [`PreAnalyzed`] tokenizer of the key and norm fields only splits it again, so each article is
/// analyzed exactly once, with no per-token allocation.
pub fn analyze_joined(text: &str, norm: &mut String, key: &mut String) {
    norm.clear();
    key.clear();
    analyze_with(text, |_, _, n, k| {
        push_form(norm, n);
        push_form(key, k);
    });
}

/// The tokenizer of the indexed key and norm fields: their value is already analyzed (forms
/// joined by [`SEP`], see [`analyze_joined`]), so it only splits it. Offsets are into that value.
#[derive(Clone, Debug, Default)]
pub struct PreAnalyzed {
    token: Token,
}

impl PreAnalyzed {
    pub fn analyzer() -> TextAnalyzer {
        TextAnalyzer::from(PreAnalyzed::default())
    }
}

/// The tokens of [`PreAnalyzed`].
pub struct PreAnalyzedStream<'a> {
    text: &'a str,
    pos: usize,
    token: &'a mut Token,
}

impl Tokenizer for PreAnalyzed {
    type TokenStream<'a> = PreAnalyzedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PreAnalyzedStream<'a> {
        self.token.reset();
        self.token.position = usize::MAX;
        PreAnalyzedStream {
            text,
            pos: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for PreAnalyzedStream<'_> {
    fn advance(&mut self) -> bool {
        while self.pos < self.text.len() {
            let start = self.pos;
            let end = self.text[start..]
                .find(SEP)
                .map_or(self.text.len(), |i| start + i);
            self.pos = end + SEP.len_utf8();
            if end == start {
                continue;
            }
            self.token.text.clear();
            self.token.text.push_str(&self.text[start..end]);
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.position = self.token.position.wrapping_add(1);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "وقال بوتين إنّ القوات الروسية ستنسحب من كازاخستان.";

    fn collect(form: Form, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut a = KhabarTokenizer::analyzer(form);
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            let t = s.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn key_tokens_are_stemmed_with_original_offsets() {
        let toks = collect(Form::Key, SEED);
        let texts: Vec<&str> = toks.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(
            texts,
            [
                "قال",
                "بوتين",
                "ان",
                "قوات",
                "روسيا",
                "تنسحب",
                "من",
                "كازاخستان"
            ]
        );
        // Offsets point into the original text, diacritics and all.
        assert_eq!(&SEED[toks[2].1..toks[2].2], "إنّ");
        assert_eq!(&SEED[toks[0].1..toks[0].2], "وقال");
        let positions: Vec<usize> = toks.iter().map(|t| t.3).collect();
        assert_eq!(positions, (0..8).collect::<Vec<_>>());
    }

    #[test]
    fn norm_tokens_fold_but_do_not_stem() {
        let toks = collect(Form::Norm, SEED);
        assert_eq!(toks[0].0, "وقال");
        assert_eq!(toks[2].0, "ان");
        assert_eq!(toks[4].0, "الروسيه");
        // The full stop is not a token.
        assert_eq!(toks.len(), 8);
    }

    #[test]
    fn one_pass_gives_aligned_forms() {
        let (mut n, mut k, mut keys) = (Vec::new(), Vec::new(), Vec::new());
        analyze_into(SEED, Some(&mut n), Some(&mut k), Some(&mut keys));
        assert_eq!(n.len(), k.len());
        assert_eq!(keys.len(), k.len());
        for (a, b) in n.iter().zip(&k) {
            assert_eq!(
                (a.offset_from, a.offset_to, a.position),
                (b.offset_from, b.offset_to, b.position)
            );
        }
        let (mut jn, mut jk) = (String::new(), String::new());
        analyze_joined(SEED, &mut jn, &mut jk);
        let split = |s: &str| -> Vec<String> {
            let mut a = PreAnalyzed::analyzer();
            let mut st = a.token_stream(s);
            let mut out = Vec::new();
            while st.advance() {
                assert_eq!(st.token().position, out.len());
                out.push(st.token().text.clone());
            }
            out
        };
        assert_eq!(split(&jk), keys);
        let norms: Vec<String> = n.iter().map(|t| t.text.clone()).collect();
        assert_eq!(split(&jn), norms);
        assert!(split("").is_empty());
        assert!(collect(Form::Key, "").is_empty());
        assert!(collect(Form::Key, "... ، ؟").is_empty());
    }
}

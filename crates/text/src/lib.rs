//! Arabic text analysis for khabar.
//!
//! Pure functions over `&str`: no I/O, no failure. The pipeline is
//!
//! 1. [`tokenize`]: the raw text into [`Token`]s with byte offsets into it;
//! 2. per token, three strings derived from its surface text, never moving its span:
//!    * [`display_form`]: the writer's letters, invisible marks and tatweel removed,
//!      presentation forms expanded (lossless for reading);
//!    * [`norm_form`]: diacritics stripped, alef/hamza/yaa/kaf/taa-marbuta folded,
//!      digits to ASCII (lossy, unstemmed: phrase matching, gazetteers);
//!    * [`stem`] of the norm form: the search key (clitics and light suffixes off,
//!      names protected);
//! 3. [`sentences`] over the tokens.
//!
//! ```
//! use khabar_text::{Analyzer, Form};
//! let text = "وقال بوتين إن القوات الروسية ستنسحب من كازاخستان";
//! let keys = Analyzer::new(Form::Key).terms(text);
//! assert_eq!(keys, ["قال", "بوتين", "ان", "قوات", "روسيا", "تنسحب", "من", "كازاخستان"]);
//! ```

pub mod chars;
mod normalize;
mod sentence;
mod stem;
mod stopwords;
mod tokenize;

pub use normalize::{display_form, fold_char, norm_form};
pub use sentence::{sentences, sentences_from_tokens, Span, MAX_SENTENCE_TOKENS};
pub use stem::{is_protected_name, stem};
pub use stopwords::{is_stopword, stop_form, stopwords};
pub use tokenize::{tokenize, Token, TokenKind, Tokens};

/// Which string of a token to produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Form {
    /// The text as written.
    Surface,
    /// [`display_form`].
    Display,
    /// [`norm_form`]: normalized, unstemmed.
    Norm,
    /// The stemmed search key.
    #[default]
    Key,
}

/// Appends the search key of one token to `out` (which it clears first) and
/// returns it. Words are normalized and stemmed; numbers, mixed tokens,
/// hashtags, URLs and the rest are normalized only. The one definition of the
/// key: the index, the reading's vocabulary and the NER features all call this
/// (or [`norm_and_key`], the same key without the copy).
///
/// ```
/// let mut buf = String::new();
/// assert_eq!(khabar_text::key_of("وبوتين", khabar_text::TokenKind::Word, &mut buf), "بوتين");
/// assert_eq!(khabar_text::key_of("٦٨٤٦", khabar_text::TokenKind::Number, &mut buf), "6846");
/// ```
pub fn key_of<'b>(surface: &str, kind: TokenKind, out: &'b mut String) -> &'b str {
    out.clear();
    norm_form(surface, out);
    if kind == TokenKind::Word {
        let key = key_of_norm(out, kind);
        if let Some(s) = stem::offset_in(out, key) {
            return &out[s..s + key.len()];
        }
        // A key from the name list (a nisba adjective keyed by its country,
        // الأمريكية → أمريكا) is not a slice of the norm form; rare enough to copy.
        *out = key.to_owned();
    }
    out
}

/// The norm form of one token (written to `buf`, cleared first) and its search
/// key ([`key_of`]'s, borrowed from the norm form or from the name list): one
/// pass for callers that need both forms (the index writes both).
///
/// ```
/// let mut buf = String::new();
/// let (norm, key) = khabar_text::norm_and_key("الروسية", khabar_text::TokenKind::Word, &mut buf);
/// assert_eq!((norm, key), ("الروسيه", "روسيا"));
/// ```
pub fn norm_and_key<'b>(surface: &str, kind: TokenKind, buf: &'b mut String) -> (&'b str, &'b str) {
    buf.clear();
    norm_form(surface, buf);
    let norm: &'b str = buf;
    (norm, key_of_norm(norm, kind))
}

/// The key of a token's norm form: words are stemmed, the rest kept.
fn key_of_norm(norm: &str, kind: TokenKind) -> &str {
    if kind == TokenKind::Word {
        stem(norm)
    } else {
        norm
    }
}

/// A configured analysis: which form to produce, and which tokens to keep.
#[derive(Clone, Copy, Debug, Default)]
pub struct Analyzer {
    form: Form,
    drop_stopwords: bool,
    keep_punct: bool,
}

impl Analyzer {
    pub fn new(form: Form) -> Self {
        Analyzer {
            form,
            drop_stopwords: false,
            keep_punct: false,
        }
    }

    /// Leave out stop words (not for phrase matching).
    pub fn drop_stopwords(mut self, yes: bool) -> Self {
        self.drop_stopwords = yes;
        self
    }

    /// Keep punctuation and symbol tokens (left out by default).
    pub fn keep_punct(mut self, yes: bool) -> Self {
        self.keep_punct = yes;
        self
    }

    pub fn form(&self) -> Form {
        self.form
    }

    /// Calls `f` with each kept token and its string in the chosen form. The
    /// string borrows `buf`, reused across tokens: the hot path allocates nothing.
    pub fn for_each(&self, text: &str, buf: &mut String, mut f: impl FnMut(Token, &str)) {
        let mut norm = String::new();
        for tok in tokenize(text) {
            if !tok.kind.is_content() && !self.keep_punct {
                continue;
            }
            let surface = tok.text(text);
            if self.drop_stopwords && tok.kind == TokenKind::Word {
                norm.clear();
                stopwords::stop_form(surface, &mut norm);
                if is_stopword(&norm) {
                    continue;
                }
            }
            let s: &str = match self.form {
                Form::Surface => surface,
                Form::Display => {
                    buf.clear();
                    display_form(surface, buf);
                    buf
                }
                Form::Norm => {
                    buf.clear();
                    norm_form(surface, buf);
                    buf
                }
                Form::Key => key_of(surface, tok.kind, buf),
            };
            if !s.is_empty() {
                f(tok, s);
            }
        }
    }

    /// The kept tokens' strings, owned.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut buf = String::new();
        self.for_each(text, &mut buf, |_, s| out.push(s.to_string()));
        out
    }
}

/// One token with all its forms, for stages that need them together (entity
/// features, quotes, events).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnalyzedToken {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    pub display: String,
    pub norm: String,
    pub key: String,
    pub is_stopword: bool,
}

/// Every token of `text` (punctuation included) with its display, norm and
/// key forms.
pub fn analyze(text: &str) -> Vec<AnalyzedToken> {
    let mut buf = String::new();
    tokenize(text)
        .map(|tok| {
            let surface = tok.text(text);
            let mut display = String::new();
            display_form(surface, &mut display);
            let key = key_of(surface, tok.kind, &mut buf).to_string();
            // Normalized on its own: the key of a word may come from a
            // lexicon (الأمريكية → امريكا) and replace it in the buffer.
            let norm = if tok.kind == TokenKind::Word {
                let mut n = String::new();
                norm_form(surface, &mut n);
                n
            } else {
                key.clone()
            };
            let is_stopword = tok.kind == TokenKind::Word && is_stopword(surface);
            AnalyzedToken {
                start: tok.start,
                end: tok.end,
                kind: tok.kind,
                display,
                norm,
                key,
                is_stopword,
            }
        })
        .collect()
}

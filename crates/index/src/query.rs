//! The query language: Lucene's classic syntax over khabar's analyzer.
//!
//! * words: each is analyzed to its stemmed key and matched in the title (boosted) and the body,
//!   ranked by BM25; a document matching all the words gets a bonus, so it ranks above one
//!   matching some. Stop words are left out unless the query has nothing else;
//! * `"a phrase"`: the words in order, on the normalized (unstemmed, diacritic-free) form;
//! * `+word` must match, `-word` / `NOT word` must not; `a AND b`, `a OR b`; `( … )` groups;
//! * fields: `title:`, `body:` (words, phrases or groups), `source:` (exact source name,
//!   case-insensitive), `entity:PERS:بوتين`, `id:`, `published:[2018-01-01 TO 2018-02-01]`
//!   (`{…}` exclusive, `*` open; an inclusive date-only upper end covers that whole day),
//!   `published:2018-02` (that month);
//! * anything else is read leniently: an unknown `name:` is a word, unbalanced parentheses and
//!   quotes are closed at the end. An unreadable date or an empty date bound
//!   (`published:[ TO ]`, `published:[`) is an error; `published:*` and `published:[* TO *]`
//!   are every article that has a date.
//!
//! The work of a query is bounded ([`Limit`]): at most [`MAX_QUERY_BYTES`] bytes,
//! [`MAX_QUERY_TERMS`] words, phrases and field terms, parentheses nested [`MAX_NESTING`] deep.
//! Past any of them the query is refused with [`Error::QueryLimit`], before any search work.
//!
//! [`Syntax::Plain`] reads the text as bare words (natural-language queries, titles, questions).

use std::collections::BTreeSet;
use std::ops::Bound;

use chrono::{NaiveDate, NaiveDateTime};
use khabar_text::{is_stopword, tokenize, TokenKind};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use crate::forward::Forward;
use crate::{Error, Fields, Result};

/// How to read a query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Syntax {
    /// Lucene-like syntax (see the module docs).
    #[default]
    Lucene,
    /// Bare words: no operators, fields or phrases.
    Plain,
}

/// Ranking knobs.
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    /// Boost of title matches over body matches.
    pub title: f32,
    /// Weight of the bonus for documents matching every word (0 turns it off).
    pub all_terms: f32,
    /// Weight of unstemmed (normalized-form) matches added to the stemmed ones (0 turns it off).
    pub exact_form: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            title: 2.0,
            all_terms: 0.1,
            exact_form: 0.3,
        }
    }
}

/// Where a word or phrase is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    All,
    Title,
    Body,
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Word(Scope, String),
    Phrase(Scope, String),
    Source(String),
    Entity(String),
    Id(String),
    Range(Bound<i64>, Bound<i64>),
    Group(Vec<Clause>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mod {
    None,
    Must,
    MustNot,
}

#[derive(Debug, Clone, PartialEq)]
struct Clause {
    occur: Mod,
    node: Node,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    LParen,
    RParen,
    Plus,
    Minus,
    Not,
    And,
    Or,
    Field(String),
    Word(String),
    Phrase(String),
    Range(String, String, bool, bool),
}

const FIELDS: [&str; 6] = ["title", "body", "source", "entity", "id", "published"];

/// The longest query, in bytes of UTF-8 (about 4,000 Arabic letters).
pub const MAX_QUERY_BYTES: usize = 8 * 1024;
/// The most words, phrases and field terms (`source:`, `entity:`, `id:`, `published:`) a query
/// may hold: each becomes a few term queries over the title and body fields.
pub const MAX_QUERY_TERMS: usize = 256;
/// How deep parentheses may nest in a query.
pub const MAX_NESTING: usize = 32;

/// The bound a query went past (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Limit {
    #[error("too long: {len} bytes, at most {MAX_QUERY_BYTES}")]
    Bytes { len: usize },
    #[error("too many terms: more than {MAX_QUERY_TERMS} words, phrases and field terms")]
    Terms,
    #[error("parentheses nested too deeply: at most {MAX_NESTING} levels")]
    Depth,
}

fn lex(q: &str) -> Result<Vec<Tok>> {
    let chars: Vec<char> = q.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let delim =
        |c: char| c.is_whitespace() || c == '(' || c == ')' || c == '"' || c == '«' || c == '»';
    // Parentheses nested deeper than MAX_NESTING are refused, so a hostile query cannot exhaust
    // the stack of the recursive parser.
    let mut nesting = 0usize;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        match c {
            '(' => {
                if nesting == MAX_NESTING {
                    return Err(Error::QueryLimit(Limit::Depth));
                }
                nesting += 1;
                out.push(Tok::LParen);
                i += 1;
            }
            ')' => {
                nesting = nesting.saturating_sub(1);
                out.push(Tok::RParen);
                i += 1;
            }
            '"' | '«' | '“' => {
                let close = match c {
                    '«' => '»',
                    '“' => '”',
                    _ => '"',
                };
                let start = i + 1;
                let mut j = start;
                while j < chars.len() && chars[j] != close && !(close != '"' && chars[j] == '"') {
                    j += 1;
                }
                out.push(Tok::Phrase(
                    chars[start..j.min(chars.len())].iter().collect(),
                ));
                i = j + 1;
            }
            '+' | '-' | '!'
                if i + 1 < chars.len() && !chars[i + 1].is_whitespace() && i + 1 < chars.len() =>
            {
                out.push(match c {
                    '+' => Tok::Plus,
                    '-' => Tok::Minus,
                    _ => Tok::Not,
                });
                i += 1;
            }
            _ => {
                let start = i;
                let mut j = i;
                while j < chars.len() && !delim(chars[j]) {
                    if chars[j] == ':' {
                        let name: String = chars[start..j]
                            .iter()
                            .collect::<String>()
                            .to_ascii_lowercase();
                        if FIELDS.contains(&name.as_str())
                            && j + 1 < chars.len()
                            && !chars[j + 1].is_whitespace()
                        {
                            if name == "published" && matches!(chars[j + 1], '[' | '{') {
                                let open = chars[j + 1];
                                let mut k = j + 2;
                                while k < chars.len() && chars[k] != ']' && chars[k] != '}' {
                                    k += 1;
                                }
                                let inner: String =
                                    chars[j + 2..k.min(chars.len())].iter().collect();
                                let close_incl = chars.get(k).is_none_or(|&c| c == ']');
                                let (lo, hi) = match inner.find(" TO ") {
                                    Some(p) => (
                                        inner[..p].trim().to_string(),
                                        inner[p + 4..].trim().to_string(),
                                    ),
                                    None => (inner.trim().to_string(), inner.trim().to_string()),
                                };
                                out.push(Tok::Range(lo, hi, open == '[', close_incl));
                                i = k + 1;
                            } else {
                                out.push(Tok::Field(name));
                                i = j + 1;
                            }
                            break;
                        }
                    }
                    j += 1;
                }
                if i > start {
                    continue;
                }
                if j == start {
                    // A closing mark with no opening one (a stray » or ”): skip it.
                    i += 1;
                    continue;
                }
                let word: String = chars[start..j].iter().collect();
                i = j;
                out.push(match word.as_str() {
                    "+" | "-" | "!" => continue,
                    "AND" | "&&" => Tok::And,
                    "OR" | "||" => Tok::Or,
                    "NOT" => Tok::Not,
                    _ => Tok::Word(word),
                });
            }
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    /// Terms read so far (bounded by [`MAX_QUERY_TERMS`]).
    terms: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    /// A list of clauses up to a closing parenthesis or the end (Lucene's classic rules: AND makes
    /// both sides required, OR leaves them optional, NOT prohibits).
    fn list(&mut self, depth: usize, scope: Scope) -> Result<Vec<Clause>> {
        let mut out: Vec<Clause> = Vec::new();
        let mut conj_and = false;
        while let Some(t) = self.peek().cloned() {
            match t {
                Tok::RParen => {
                    self.pos += 1;
                    if depth > 0 {
                        break;
                    }
                    continue; // a stray `)`: ignored
                }
                Tok::And => {
                    self.pos += 1;
                    conj_and = true;
                    continue;
                }
                Tok::Or => {
                    self.pos += 1;
                    conj_and = false;
                    continue;
                }
                _ => {}
            }
            let mut occur = Mod::None;
            while let Some(t) = self.peek() {
                match t {
                    Tok::Plus => occur = Mod::Must,
                    Tok::Minus | Tok::Not => occur = Mod::MustNot,
                    _ => break,
                }
                self.pos += 1;
            }
            let Some(node) = self.atom(depth, scope)? else {
                continue;
            };
            if !matches!(node, Node::Group(_)) {
                self.terms += 1;
                if self.terms > MAX_QUERY_TERMS {
                    return Err(Error::QueryLimit(Limit::Terms));
                }
            }
            if conj_and {
                if let Some(prev) = out.last_mut() {
                    if prev.occur == Mod::None {
                        prev.occur = Mod::Must;
                    }
                }
                if occur == Mod::None {
                    occur = Mod::Must;
                }
            }
            conj_and = false;
            out.push(Clause { occur, node });
        }
        Ok(out)
    }

    fn atom(&mut self, depth: usize, scope: Scope) -> Result<Option<Node>> {
        let Some(t) = self.next() else {
            return Ok(None);
        };
        Ok(match t {
            Tok::Word(w) => Some(Node::Word(scope, w)),
            Tok::Phrase(p) => Some(Node::Phrase(scope, p)),
            Tok::LParen => Some(Node::Group(self.list(depth + 1, scope)?)),
            Tok::Range(lo, hi, li, hi_incl) => Some(range(&lo, &hi, li, hi_incl)?),
            Tok::Field(name) => {
                let sub = match name.as_str() {
                    "title" => Scope::Title,
                    "body" => Scope::Body,
                    _ => Scope::All,
                };
                match (name.as_str(), self.peek().cloned()) {
                    ("title" | "body", Some(Tok::Word(_) | Tok::Phrase(_) | Tok::LParen)) => {
                        self.atom(depth, sub)?
                    }
                    (_, Some(Tok::Word(w) | Tok::Phrase(w))) => {
                        self.pos += 1;
                        Some(match name.as_str() {
                            "source" => Node::Source(w),
                            "entity" => Node::Entity(w),
                            "id" => Node::Id(w),
                            "published" => range(&w, &w, true, true)?,
                            _ => Node::Word(scope, w),
                        })
                    }
                    _ => None,
                }
            }
            // Operators with nothing to apply to: ignored.
            _ => None,
        })
    }
}

/// Unix seconds of the start of a date given as `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, RFC 3339 or
/// `YYYY-MM-DD HH:MM:SS`; and of the end of that period (exclusive).
pub fn parse_date_bound(s: &str) -> Result<(i64, i64)> {
    let s = s.trim();
    let bad = || {
        Error::Query(format!(
            "cannot read the date {s:?} (use YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339)"
        ))
    };
    let day = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp());
    let ymd: Vec<&str> = s.split('-').collect();
    if s.len() <= 10
        && !ymd.is_empty()
        && ymd.len() <= 3
        && ymd
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        let y: i32 = ymd[0].parse().map_err(|_| bad())?;
        let m: u32 = ymd.get(1).map_or(Ok(1), |p| p.parse()).map_err(|_| bad())?;
        let d: u32 = ymd.get(2).map_or(Ok(1), |p| p.parse()).map_err(|_| bad())?;
        let start = NaiveDate::from_ymd_opt(y, m, d).ok_or_else(bad)?;
        let end = match ymd.len() {
            1 => NaiveDate::from_ymd_opt(y + 1, 1, 1),
            2 => start.checked_add_months(chrono::Months::new(1)),
            _ => start.succ_opt(),
        }
        .ok_or_else(bad)?;
        return Ok((day(start).ok_or_else(bad)?, day(end).ok_or_else(bad)?));
    }
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Ok((t.timestamp(), t.timestamp() + 1));
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S") {
        let t = t.and_utc().timestamp();
        return Ok((t, t + 1));
    }
    Err(bad())
}

/// A `published:` range. `*` is an open end; both ends open is every article with a date (a
/// range needs one bound, so the lower one is the earliest time). An empty end is an error.
fn range(lo: &str, hi: &str, lo_incl: bool, hi_incl: bool) -> Result<Node> {
    if lo.trim().is_empty() || hi.trim().is_empty() {
        return Err(Error::Query(format!(
            "published: a date range needs both ends, `*` for an open one \
             (published:[2018-01-01 TO *]); this one has an empty end ({lo:?} TO {hi:?})"
        )));
    }
    let lo = match lo.trim() {
        "*" => Bound::Unbounded,
        s => {
            let (start, end) = parse_date_bound(s)?;
            if lo_incl {
                Bound::Included(start)
            } else {
                Bound::Included(end)
            }
        }
    };
    let hi = match hi.trim() {
        "*" => Bound::Unbounded,
        s => {
            let (start, end) = parse_date_bound(s)?;
            if hi_incl {
                Bound::Excluded(end)
            } else {
                Bound::Excluded(start)
            }
        }
    };
    if (lo, hi) == (Bound::Unbounded, Bound::Unbounded) {
        return Ok(Node::Range(Bound::Included(i64::MIN), Bound::Unbounded));
    }
    Ok(Node::Range(lo, hi))
}

/// The terms to highlight in snippets: stemmed keys and normalized forms.
#[derive(Debug, Clone, Default)]
pub struct Highlight {
    pub keys: BTreeSet<String>,
    pub norms: BTreeSet<String>,
}

/// A query read and turned into a tantivy query.
pub struct Compiled {
    /// The query; an empty one matches every article.
    pub query: Box<dyn Query>,
    pub highlight: Highlight,
    /// Whether the query had any scoring part (words or phrases).
    pub scored: bool,
}

struct Builder<'a> {
    f: &'a Fields,
    w: Weights,
    keep_stopwords: bool,
    hl: Highlight,
    scored: bool,
}

fn term_q(field: Field, text: &str, rec: IndexRecordOption) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), rec))
}

fn boosted(q: Box<dyn Query>, b: f32) -> Box<dyn Query> {
    if (b - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(BoostQuery::new(q, b))
    }
}

fn any_of(mut qs: Vec<Box<dyn Query>>) -> Option<Box<dyn Query>> {
    match qs.len() {
        0 => None,
        1 => qs.pop(),
        _ => Some(Box::new(BooleanQuery::new(
            qs.into_iter().map(|q| (Occur::Should, q)).collect(),
        ))),
    }
}

impl Builder<'_> {
    /// One key over the scope's key fields (and, if weighted, the unstemmed form).
    fn key_query(&self, scope: Scope, key: &str, norm: &str) -> Box<dyn Query> {
        let mut qs = Vec::new();
        let rec = IndexRecordOption::WithFreqs;
        if scope != Scope::Body {
            qs.push(boosted(
                term_q(self.f.title_key, key, rec),
                if scope == Scope::All {
                    self.w.title
                } else {
                    1.0
                },
            ));
        }
        if scope != Scope::Title {
            qs.push(term_q(self.f.body_key, key, rec));
            if self.w.exact_form > 0.0 && norm != key {
                qs.push(boosted(
                    term_q(self.f.body_norm, norm, rec),
                    self.w.exact_form,
                ));
            }
        }
        any_of(qs).expect("at least one field")
    }

    /// The (key, norm) pairs of a word or phrase text.
    fn analyze(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        crate::analysis::analyze_with(text, |_, _, n, k| out.push((k.to_string(), n.to_string())));
        out
    }

    /// The (key, norm) pairs of a word's tokens that are not stop words, judged on the tokens as
    /// written (على is a stop word, the name علي is not).
    fn content(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        crate::analysis::analyze_with(text, |s, e, n, k| {
            if !is_query_stopword(&text[s..e]) {
                out.push((k.to_string(), n.to_string()));
            }
        });
        out
    }

    fn word(&mut self, scope: Scope, text: &str, occur: Mod) -> Option<Box<dyn Query>> {
        let toks: Vec<(String, String)> = if occur != Mod::None || self.keep_stopwords {
            Self::analyze(text)
        } else {
            Self::content(text)
        };
        let qs: Vec<Box<dyn Query>> = toks
            .iter()
            .map(|(k, n)| self.key_query(scope, k, n))
            .collect();
        if occur != Mod::MustNot {
            for (k, n) in toks {
                self.hl.keys.insert(k);
                self.hl.norms.insert(n);
            }
            self.scored = true;
        }
        match qs.len() {
            0 => None,
            1 => qs.into_iter().next(),
            _ => Some(Box::new(BooleanQuery::new(
                qs.into_iter().map(|q| (Occur::Must, q)).collect(),
            ))),
        }
    }

    fn phrase(&mut self, scope: Scope, text: &str, occur: Mod) -> Option<Box<dyn Query>> {
        let toks = Self::analyze(text);
        if toks.is_empty() {
            return None;
        }
        if occur != Mod::MustNot {
            for (_, n) in &toks {
                self.hl.norms.insert(n.clone());
            }
            self.scored = true;
        }
        let mk = |field: Field| -> Box<dyn Query> {
            if toks.len() == 1 {
                term_q(field, &toks[0].1, IndexRecordOption::WithFreqs)
            } else {
                Box::new(Forward(PhraseQuery::new(
                    toks.iter()
                        .map(|(_, n)| Term::from_field_text(field, n))
                        .collect(),
                )))
            }
        };
        let mut qs = Vec::new();
        if scope != Scope::Body {
            qs.push(boosted(
                mk(self.f.title_norm),
                if scope == Scope::All {
                    self.w.title
                } else {
                    1.0
                },
            ));
        }
        if scope != Scope::Title {
            qs.push(mk(self.f.body_norm));
        }
        any_of(qs)
    }

    fn node(&mut self, node: &Node, occur: Mod) -> Option<Box<dyn Query>> {
        match node {
            Node::Word(s, w) => self.word(*s, w, occur),
            Node::Phrase(s, p) => self.phrase(*s, p, occur),
            Node::Source(s) => Some(term_q(
                self.f.source_key,
                &source_key(s),
                IndexRecordOption::Basic,
            )),
            Node::Entity(e) => {
                let term = match e.split_once(':') {
                    Some((label, name)) => crate::writer::entity_term(label, name),
                    None => e.trim().to_string(),
                };
                Some(term_q(self.f.entity, &term, IndexRecordOption::Basic))
            }
            Node::Id(i) => Some(term_q(self.f.id, i, IndexRecordOption::Basic)),
            Node::Range(lo, hi) => Some(date_filter(self.f, *lo, *hi)),
            Node::Group(cl) => self.clauses(cl),
        }
    }

    fn clauses(&mut self, clauses: &[Clause]) -> Option<Box<dyn Query>> {
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut plain_words: Vec<Box<dyn Query>> = Vec::new();
        for c in clauses {
            let Some(q) = self.node(&c.node, c.occur) else {
                continue;
            };
            let occur = match c.occur {
                Mod::None => Occur::Should,
                Mod::Must => Occur::Must,
                Mod::MustNot => Occur::MustNot,
            };
            if occur == Occur::Should
                && self.w.all_terms > 0.0
                && matches!(c.node, Node::Word(..) | Node::Phrase(..))
            {
                plain_words.push(q.box_clone());
            }
            parts.push((occur, q));
        }
        if plain_words.len() >= 2 {
            let all =
                BooleanQuery::new(plain_words.into_iter().map(|q| (Occur::Must, q)).collect());
            parts.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(all), self.w.all_terms)),
            ));
        }
        if parts.is_empty() {
            return None;
        }
        if parts.iter().all(|(o, _)| *o == Occur::MustNot) {
            parts.push((Occur::Must, Box::new(AllQuery)));
        }
        if parts.len() == 1 && parts[0].0 != Occur::MustNot {
            return parts.pop().map(|p| p.1);
        }
        Some(Box::new(BooleanQuery::new(parts)))
    }
}

/// Question words left out of free-text queries besides khabar's stop words (which keep them,
/// as they are content in running text): they ask, the answer does not repeat them.
const QUESTION_WORDS: [&str; 11] = [
    "كم",
    "كيف",
    "ماهو",
    "ماهي",
    "بماذا",
    "لمن",
    "بمن",
    "وما",
    "ومن",
    "اين",
    "ماهم",
];

/// A stop word (as written) or a question word.
fn is_query_stopword(surface: &str) -> bool {
    is_stopword(surface) || {
        let mut n = String::new();
        khabar_text::norm_form(surface, &mut n);
        QUESTION_WORDS.contains(&n.as_str())
    }
}

/// A filter on what an article is, not on its words: a required clause that does not score
/// (the server's `source` and `entity` parameters). The same terms as the query syntax's
/// `source:` and `entity:` fields, built from values rather than pasted into a query string.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Filter {
    /// Articles of this source (the exact name, case-insensitive).
    Source(String),
    /// Articles mentioning this entity under any of its names.
    Entity(khabar_extract::EntityLabel, String),
}

impl Filter {
    /// `TYPE:name` (`PERS:بوتين`, the type case-insensitive) as an entity filter; `None` when the
    /// type is not one of `PERS`, `LOC`, `ORG`, `MISC` or the name is empty.
    pub fn entity(key: &str) -> Option<Filter> {
        let (label, name) = key.split_once(':')?;
        let label = khabar_extract::EntityLabel::parse(&label.trim().to_ascii_uppercase())?;
        let name = name.trim();
        (!name.is_empty()).then(|| Filter::Entity(label, name.to_string()))
    }

    /// The tantivy query: one raw term, constant score 0.
    pub fn query(&self, f: &Fields) -> Box<dyn Query> {
        let term = match self {
            Filter::Source(s) => term_q(f.source_key, &source_key(s), IndexRecordOption::Basic),
            Filter::Entity(label, name) => term_q(
                f.entity,
                &crate::writer::entity_term(label.as_str(), name),
                IndexRecordOption::Basic,
            ),
        };
        Box::new(ConstScoreQuery::new(term, 0.0))
    }
}

/// The indexed form of a source name (`source_key`): trimmed and lower-cased.
pub(crate) fn source_key(s: &str) -> String {
    s.trim().to_lowercase()
}

/// A constant-score (0) filter on the published time.
pub fn date_filter(f: &Fields, lo: Bound<i64>, hi: Bound<i64>) -> Box<dyn Query> {
    let t = |v: i64| Term::from_field_i64(f.published, v);
    let map = |b: Bound<i64>| match b {
        Bound::Included(v) => Bound::Included(t(v)),
        Bound::Excluded(v) => Bound::Excluded(t(v)),
        Bound::Unbounded => Bound::Unbounded,
    };
    Box::new(ConstScoreQuery::new(
        Box::new(RangeQuery::new(map(lo), map(hi))),
        0.0,
    ))
}

fn collect_words(clauses: &[Clause], out: &mut Vec<String>) {
    for c in clauses {
        match &c.node {
            Node::Word(_, w) if c.occur == Mod::None => out.push(w.clone()),
            Node::Group(g) => collect_words(g, out),
            _ => {}
        }
    }
}

/// The clauses of a query in the Lucene-like syntax.
fn parse(q: &str) -> Result<Vec<Clause>> {
    Parser {
        toks: lex(q)?,
        pos: 0,
        terms: 0,
    }
    .list(0, Scope::All)
}

/// Reads `q` and builds the tantivy query.
pub fn compile(q: &str, syntax: Syntax, f: &Fields, w: Weights) -> Result<Compiled> {
    if q.len() > MAX_QUERY_BYTES {
        return Err(Error::QueryLimit(Limit::Bytes { len: q.len() }));
    }
    let clauses = match syntax {
        Syntax::Lucene => parse(q)?,
        Syntax::Plain => {
            let words: Vec<Clause> = tokenize(q)
                .filter(|t| t.kind != TokenKind::Punct && t.kind != TokenKind::Symbol)
                .map(|t| Clause {
                    occur: Mod::None,
                    node: Node::Word(Scope::All, t.text(q).to_string()),
                })
                .take(MAX_QUERY_TERMS + 1)
                .collect();
            if words.len() > MAX_QUERY_TERMS {
                return Err(Error::QueryLimit(Limit::Terms));
            }
            words
        }
    };
    // Stop words are dropped from optional words, unless nothing else would remain.
    let mut words = Vec::new();
    collect_words(&clauses, &mut words);
    let keep_stopwords = !words.iter().any(|w| !Builder::content(w).is_empty());
    let mut b = Builder {
        f,
        w,
        keep_stopwords,
        hl: Highlight::default(),
        scored: false,
    };
    let query = b.clauses(&clauses).unwrap_or_else(|| Box::new(AllQuery));
    Ok(Compiled {
        query,
        highlight: b.hl,
        scored: b.scored,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_words_are_in_norm_form() {
        // They are compared with a query word's norm form: a folded letter (ماهى) never matches.
        for w in QUESTION_WORDS {
            let mut n = String::new();
            khabar_text::norm_form(w, &mut n);
            assert_eq!(n, w);
        }
    }

    fn parse(q: &str) -> Vec<Clause> {
        super::parse(q).unwrap()
    }

    /// Hostile queries found by the server's fuzzing: a stray closing
    /// guillemet used to loop forever, deep nesting to overflow the stack.
    #[test]
    fn stray_marks_and_deep_nesting_parse() {
        assert!(matches!(lex("»").unwrap().as_slice(), []));
        assert_eq!(lex("بوتين » موسكو").unwrap().len(), 2);
        let at = format!(
            "{}بوتين{}",
            "(".repeat(MAX_NESTING),
            ")".repeat(MAX_NESTING)
        );
        assert_eq!(parse(&at).len(), 1);
        let past = format!("({at})");
        assert!(matches!(
            super::parse(&past),
            Err(Error::QueryLimit(Limit::Depth))
        ));
        // Unbalanced: each `(` opens a level, each `)` closes one (a stray one is ignored).
        assert!(super::parse(&"(".repeat(50_000)).is_err());
        assert_eq!(parse(&"(بوتين) ".repeat(200)).len(), 200);
    }

    fn w(s: &str) -> Node {
        Node::Word(Scope::All, s.into())
    }

    #[test]
    fn lucene_operators() {
        let c = parse("بوتين +كازاخستان -أوكرانيا");
        assert_eq!(
            c.iter().map(|c| c.occur).collect::<Vec<_>>(),
            [Mod::None, Mod::Must, Mod::MustNot]
        );
        let c = parse("روسيا AND كازاخستان OR بيلاروس NOT أوكرانيا");
        assert_eq!(
            c.iter().map(|c| c.occur).collect::<Vec<_>>(),
            [Mod::Must, Mod::Must, Mod::None, Mod::MustNot]
        );
        assert_eq!(c[0].node, w("روسيا"));
        let c = parse("title:(بوتين OR \"قوات حفظ السلام\") source:BBC");
        assert_eq!(
            c[0].node,
            Node::Group(vec![
                Clause {
                    occur: Mod::None,
                    node: Node::Word(Scope::Title, "بوتين".into())
                },
                Clause {
                    occur: Mod::None,
                    node: Node::Phrase(Scope::Title, "قوات حفظ السلام".into())
                },
            ])
        );
        assert_eq!(c[1].node, Node::Source("BBC".into()));
    }

    #[test]
    fn lenient_reading() {
        // Unbalanced quotes and parentheses, dangling operators, unknown fields.
        assert_eq!(parse("\"قوات حفظ").len(), 1);
        assert_eq!(parse("((بوتين").len(), 1);
        assert_eq!(parse("بوتين ) )").len(), 1);
        assert_eq!(parse("AND OR NOT + -").len(), 0);
        assert_eq!(parse("الرياض: السعودية")[0].node, w("الرياض:"));
        assert_eq!(parse("COVID-19")[0].node, w("COVID-19"));
    }

    #[test]
    fn date_ranges() {
        let c = parse("published:[2018-01-01 TO 2018-02-01]");
        let jan1 = 1514764800;
        let feb2 = 1514764800 + 32 * 86400;
        assert_eq!(
            c[0].node,
            Node::Range(Bound::Included(jan1), Bound::Excluded(feb2))
        );
        let c = parse("published:{2018-01-01 TO *}");
        assert_eq!(
            c[0].node,
            Node::Range(Bound::Included(jan1 + 86400), Bound::Unbounded)
        );
        assert_eq!(
            parse("published:2018")[0].node,
            Node::Range(Bound::Included(jan1), Bound::Excluded(1546300800))
        );
        let err = super::parse("published:[2018-13-01 TO *]").unwrap_err();
        assert!(err.to_string().contains("2018-13-01"), "{err}");
    }

    /// Open on both ends is every dated article (tantivy panics on a range with no bound); an
    /// empty end is a clear error, not an open one.
    #[test]
    fn open_and_empty_date_bounds() {
        let dated = Node::Range(Bound::Included(i64::MIN), Bound::Unbounded);
        for q in ["published:[* TO *]", "published:{* TO *}", "published:*"] {
            assert_eq!(parse(q)[0].node, dated, "{q}");
        }
        for q in [
            "published:[ TO ]",
            "published:[",
            "published:{",
            "published:[2018 TO ]",
            "published:[ TO 2018]",
            "published:\"\"",
        ] {
            let err = super::parse(q).unwrap_err().to_string();
            assert!(err.contains("empty end"), "{q}: {err}");
        }
    }

    /// The size bounds, at the limit and just past it.
    #[test]
    fn query_size_limits() {
        let (_, f) = crate::schema::build();
        let w = Weights::default();
        // Terms: MAX_QUERY_TERMS words pass (in both syntaxes), one more does not.
        let words = |n: usize| vec!["بوتين"; n].join(" OR ");
        assert!(compile(&words(MAX_QUERY_TERMS), Syntax::Lucene, &f, w).is_ok());
        let past = compile(&words(MAX_QUERY_TERMS + 1), Syntax::Lucene, &f, w);
        assert!(matches!(past, Err(Error::QueryLimit(Limit::Terms))));
        let plain = |n: usize| vec!["موسكو"; n].join(" ");
        assert!(compile(&plain(MAX_QUERY_TERMS), Syntax::Plain, &f, w).is_ok());
        let past = compile(&plain(MAX_QUERY_TERMS + 1), Syntax::Plain, &f, w);
        assert!(matches!(past, Err(Error::QueryLimit(Limit::Terms))));
        // Bytes: a query of exactly MAX_QUERY_BYTES passes (a phrase is one term), one more
        // byte does not; the message gives both sizes.
        let phrase = |bytes: usize| format!("\"{}\"", "ب".repeat((bytes - 2) / 2));
        assert_eq!(phrase(MAX_QUERY_BYTES).len(), MAX_QUERY_BYTES);
        assert!(compile(&phrase(MAX_QUERY_BYTES), Syntax::Lucene, &f, w).is_ok());
        let long = phrase(MAX_QUERY_BYTES) + " ";
        let err = compile(&long, Syntax::Lucene, &f, w).err().unwrap();
        assert!(matches!(err, Error::QueryLimit(Limit::Bytes { .. })));
        assert!(
            err.to_string().contains(&MAX_QUERY_BYTES.to_string()),
            "{err}"
        );
    }

    #[test]
    fn compiles_and_drops_stopwords() {
        let (_, f) = crate::schema::build();
        let c = compile(
            "ما هو موقف روسيا من كازاخستان؟",
            Syntax::Plain,
            &f,
            Weights::default(),
        )
        .unwrap();
        assert_eq!(
            c.highlight.keys.iter().cloned().collect::<Vec<_>>(),
            ["روسيا", "كازاخستان", "موقف"]
        );
        // Stop words are judged as written: أين is one, and so are question words such as كم.
        let c = compile(
            "أين تقع كازاخستان وكم عدد سكانها",
            Syntax::Plain,
            &f,
            Weights::default(),
        )
        .unwrap();
        let keys: Vec<String> = c.highlight.keys.iter().cloned().collect();
        assert!(!keys.iter().any(|k| k == "اين" || k == "كم"), "{keys:?}");
        assert!(keys.iter().any(|k| k == "كازاخستان"), "{keys:?}");
        let c = compile("من هو", Syntax::Lucene, &f, Weights::default()).unwrap();
        assert!(!c.highlight.keys.is_empty());
        assert!(compile("", Syntax::Lucene, &f, Weights::default()).is_ok());
    }
}

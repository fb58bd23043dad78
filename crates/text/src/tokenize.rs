//! Tokenization with byte offsets into the original text.
//!
//! The tokenizer reads the raw text: nothing is rewritten before it, so every
//! token's `start..end` slices the writer's own bytes. Invisible marks inside a
//! word (ZWNJ, bidi marks, soft hyphen) are swallowed by the word; at its edges
//! they are left out of the span.

use crate::chars::{
    is_arabic_letter, is_arabic_punct, is_digit, is_invisible, is_mark, is_word_char,
};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters of one script (Arabic, Latin or another), with their marks.
    Word,
    /// Digits in any digit set, with `.` `,` `٫` `٬` inside them (3.5, ٣٫٥, 6,846).
    Number,
    /// Latin letters mixed with digits or joined by hyphens (COVID-19, G20, 5G).
    Mixed,
    /// `#word_word`; its words follow it as separate [`TokenKind::Word`] tokens.
    Hashtag,
    /// `@handle`.
    Mention,
    /// `http://…`, `https://…`, `www.…`.
    Url,
    /// `name@domain.tld`.
    Email,
    /// One punctuation character (، ؛ ؟ . « » “ ” …).
    Punct,
    /// Any other single character that is neither space nor letter (symbols, emoji).
    Symbol,
}

impl TokenKind {
    /// Words, numbers and the other kinds that carry searchable content.
    pub fn is_content(self) -> bool {
        !matches!(self, TokenKind::Punct | TokenKind::Symbol)
    }
}

/// A token: a kind and a byte range into the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    /// The token's text as written.
    #[inline]
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }
}

/// Tokenizes `text`; see [`Tokens`].
pub fn tokenize(text: &str) -> Tokens<'_> {
    Tokens {
        text,
        pos: 0,
        hashtag_end: 0,
    }
}

/// An iterator over the tokens of a text, in order: starts never decrease and
/// every span lies on character boundaries inside the text.
#[derive(Clone, Debug)]
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
    /// While `pos < hashtag_end` we are re-reading a hashtag's words and `_`
    /// separates them silently.
    hashtag_end: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Arabic,
    Latin,
    Digit,
    Other,
}

#[inline]
fn script_of(c: char) -> Option<Script> {
    if ('\u{0621}'..='\u{064A}').contains(&c) {
        Some(Script::Arabic)
    } else if c.is_ascii_alphabetic() {
        Some(Script::Latin)
    } else if c.is_ascii_digit() || is_digit(c) {
        Some(Script::Digit)
    } else if c.is_ascii() {
        None
    } else if is_arabic_letter(c) {
        Some(Script::Arabic)
    } else if is_word_char(c) && !is_mark(c) {
        Some(Script::Other)
    } else {
        None
    }
}

#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

#[inline]
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || is_arabic_punct(c)
        || matches!(c, '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{3001}' | '\u{3002}' | '\u{FD3E}' | '\u{FD3F}')
}

impl<'a> Tokens<'a> {
    fn starts_url(&self, i: usize) -> bool {
        let b = &self.text.as_bytes()[i..];
        let prefix = |p: &[u8]| b.len() > p.len() && b[..p.len()].eq_ignore_ascii_case(p);
        prefix(b"http://") || prefix(b"https://") || prefix(b"www.")
    }

    fn scan_url(&self, i: usize) -> usize {
        let mut end = i;
        for (j, c) in self.text[i..].char_indices() {
            if c.is_whitespace()
                || c.is_control()
                || matches!(
                    c,
                    '"' | '<' | '>' | '«' | '»' | '“' | '”' | '‘' | '’' | '،' | '؛' | '\'' | '`'
                )
                || is_invisible(c)
            {
                break;
            }
            end = i + j + c.len_utf8();
        }
        // Trailing sentence punctuation is not part of the address.
        while end > i {
            let last = self.text.as_bytes()[end - 1];
            if matches!(
                last,
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b')' | b']' | b'}'
            ) {
                end -= 1;
            } else {
                break;
            }
        }
        end
    }

    /// An e-mail address starting at `i`, if there is one: returns its end.
    fn scan_email(&self, i: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        let mut j = i;
        while j < b.len()
            && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'.' | b'_' | b'%' | b'+' | b'-'))
        {
            j += 1;
        }
        if j == i || j >= b.len() || b[j] != b'@' {
            return None;
        }
        let dom_start = j + 1;
        let mut k = dom_start;
        let mut dots = 0;
        while k < b.len() && (b[k].is_ascii_alphanumeric() || b[k] == b'-' || b[k] == b'.') {
            if b[k] == b'.' {
                dots += 1;
            }
            k += 1;
        }
        while k > dom_start && !b[k - 1].is_ascii_alphanumeric() {
            if b[k - 1] == b'.' {
                dots -= 1;
            }
            k -= 1;
        }
        (dots > 0 && k > dom_start).then_some(k)
    }

    /// A run of word characters and digits starting at `i` (which holds one).
    fn scan_run(&self, i: usize, allow_underscore: bool) -> (usize, TokenKind) {
        let s = self.text;
        let mut j = i;
        let mut end = i;
        let mut first: Option<Script> = None;
        let mut last: Option<Script> = None;
        let mut has_letter = false;
        let mut has_digit = false;
        let mut joined = false;
        let b = s.as_bytes();
        loop {
            // Fast path: a run of plain Arabic letters (U+0621–U+064A, two
            // bytes each in UTF-8, lead byte D8 or D9), read as bytes. It
            // decides exactly what the general loop below would.
            if matches!(last, None | Some(Script::Arabic)) {
                let run = j;
                while j + 1 < b.len() && matches!(b[j], 0xD8 | 0xD9) {
                    let cp = (u32::from(b[j] & 0x1F) << 6) | u32::from(b[j + 1] & 0x3F);
                    if !(0x0621..=0x064A).contains(&cp) {
                        break;
                    }
                    j += 2;
                }
                if j > run {
                    first.get_or_insert(Script::Arabic);
                    last = Some(Script::Arabic);
                    has_letter = true;
                    end = j;
                }
            }
            // An ASCII space or punctuation mark other than the connectors
            // ends the run (what the general loop below decides, in one test).
            if b.get(j).is_some_and(|&x| {
                x.is_ascii()
                    && !x.is_ascii_alphanumeric()
                    && !matches!(x, b'.' | b',' | b'-' | b'_')
            }) {
                break;
            }
            let Some(c) = char_at(s, j) else { break };
            let w = c.len_utf8();
            if let Some(sc) = script_of(c) {
                if let Some(prev) = last {
                    let compatible = prev == sc
                        || matches!(
                            (prev, sc),
                            (Script::Latin, Script::Digit) | (Script::Digit, Script::Latin)
                        );
                    if !compatible {
                        break;
                    }
                }
                if first.is_none() {
                    first = Some(sc);
                }
                last = Some(sc);
                if sc == Script::Digit {
                    has_digit = true;
                } else {
                    has_letter = true;
                }
                j += w;
                end = j;
                continue;
            }
            if last.is_some() && (is_mark(c) || is_invisible(c)) {
                // Marks ride on the letter before them; invisible marks glue.
                j += w;
                if is_mark(c) {
                    end = j;
                }
                continue;
            }
            // Connectors: allowed only between two compatible characters.
            let next = char_at(s, j + w).and_then(script_of);
            let joins = match (c, last, next) {
                ('.' | ',' | '\u{066B}' | '\u{066C}', Some(Script::Digit), Some(Script::Digit)) => {
                    true
                }
                ('-', Some(Script::Latin | Script::Digit), Some(Script::Latin | Script::Digit)) => {
                    // 10-20 is a range of two numbers, not one token.
                    !(last == Some(Script::Digit) && next == Some(Script::Digit) && !has_letter)
                }
                ('_', Some(_), Some(_)) if allow_underscore => true,
                _ => false,
            };
            if !joins {
                break;
            }
            if c == '-' {
                joined = true;
            }
            j += w;
        }
        let kind = if has_letter && (has_digit || joined) {
            TokenKind::Mixed
        } else if has_letter {
            TokenKind::Word
        } else {
            TokenKind::Number
        };
        (end.max(i + char_at(s, i).map_or(1, char::len_utf8)), kind)
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let s = self.text;
        let bytes = s.as_bytes();
        loop {
            let i = self.pos;
            if i >= bytes.len() {
                return None;
            }
            let c = char_at(s, i)?;
            let w = c.len_utf8();
            if c.is_whitespace() || c.is_control() || is_invisible(c) {
                self.pos += w;
                continue;
            }
            let in_hashtag = i < self.hashtag_end;
            if in_hashtag && c == '_' {
                self.pos += 1;
                continue;
            }
            if script_of(c).is_some() {
                if c.is_ascii_alphanumeric() {
                    if let Some(end) = self.scan_email(i) {
                        self.pos = end;
                        return Some(Token {
                            start: i,
                            end,
                            kind: TokenKind::Email,
                        });
                    }
                    if (c == 'h' || c == 'H' || c == 'w' || c == 'W') && self.starts_url(i) {
                        let end = self.scan_url(i);
                        self.pos = end;
                        return Some(Token {
                            start: i,
                            end,
                            kind: TokenKind::Url,
                        });
                    }
                }
                let (end, kind) = self.scan_run(i, false);
                self.pos = end;
                return Some(Token {
                    start: i,
                    end,
                    kind,
                });
            }
            if (c == '#' || c == '@') && !in_hashtag {
                if let Some(n) = char_at(s, i + 1) {
                    if script_of(n).is_some() {
                        let (end, _) = self.scan_run(i + 1, true);
                        if c == '#' {
                            self.pos = i + 1;
                            self.hashtag_end = end;
                            return Some(Token {
                                start: i,
                                end,
                                kind: TokenKind::Hashtag,
                            });
                        }
                        self.pos = end;
                        return Some(Token {
                            start: i,
                            end,
                            kind: TokenKind::Mention,
                        });
                    }
                }
            }
            self.pos += w;
            let kind = if is_punct(c) {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            };
            if is_mark(c) {
                // A stray mark with no letter before it is dropped.
                continue;
            }
            return Some(Token {
                start: i,
                end: i + w,
                kind,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(&str, TokenKind)> {
        tokenize(s).map(|t| (t.text(s), t.kind)).collect()
    }
    fn words(s: &str) -> Vec<&str> {
        tokenize(s)
            .filter(|t| t.kind.is_content())
            .map(|t| t.text(s))
            .collect()
    }

    #[test]
    fn seed_sentence_with_offsets() {
        let s = "وقال بوتين الاثنين إن الاضطرابات في كازاخستان تم استغلالها، وإن التحالف لن يسمح.";
        let t: Vec<_> = tokenize(s).collect();
        let texts: Vec<_> = t.iter().map(|t| t.text(s)).collect();
        assert_eq!(
            texts,
            [
                "وقال",
                "بوتين",
                "الاثنين",
                "إن",
                "الاضطرابات",
                "في",
                "كازاخستان",
                "تم",
                "استغلالها",
                "،",
                "وإن",
                "التحالف",
                "لن",
                "يسمح",
                "."
            ]
        );
        assert_eq!(t[9].kind, TokenKind::Punct);
        assert_eq!(&s[t[1].start..t[1].end], "بوتين");
    }

    #[test]
    fn numbers_in_three_digit_sets() {
        assert_eq!(
            words("حدود طولها 6846 كيلومترا"),
            ["حدود", "طولها", "6846", "كيلومترا"]
        );
        assert_eq!(toks("٣٫٥ مليون")[0], ("٣٫٥", TokenKind::Number));
        assert_eq!(toks("3.5 مليار")[0], ("3.5", TokenKind::Number));
        assert_eq!(toks("۱۲۳٬۴۵۶")[0], ("۱۲۳٬۴۵۶", TokenKind::Number));
        assert_eq!(toks("1,500,000 دولار")[0], ("1,500,000", TokenKind::Number));
        // a sentence-final period is not part of the number
        assert_eq!(words("عام 2019."), ["عام", "2019"]);
        // a year with the era letter splits: the number stays a number
        assert_eq!(
            toks("2022م"),
            [("2022", TokenKind::Number), ("م", TokenKind::Word)]
        );
        assert_eq!(words("من 1989-2019"), ["من", "1989", "2019"]);
        assert_eq!(toks("٪50")[0].1, TokenKind::Punct);
    }

    #[test]
    fn mixed_latin_tokens() {
        assert_eq!(
            toks("فيروس COVID-19 الجديد")[1],
            ("COVID-19", TokenKind::Mixed)
        );
        assert_eq!(toks("قمة G20")[1], ("G20", TokenKind::Mixed));
        assert_eq!(toks("شبكة 5G")[1], ("5G", TokenKind::Mixed));
    }

    #[test]
    fn hashtags_urls_emails_mentions() {
        let s = "#عاصي_الحلاني يغني";
        assert_eq!(
            toks(s),
            [
                ("#عاصي_الحلاني", TokenKind::Hashtag),
                ("عاصي", TokenKind::Word),
                ("الحلاني", TokenKind::Word),
                ("يغني", TokenKind::Word)
            ]
        );
        assert_eq!(
            toks("انظر https://www.alarabiya.net/ar/news.html.")[1],
            ("https://www.alarabiya.net/ar/news.html", TokenKind::Url)
        );
        assert_eq!(
            toks("راسلونا على info@aljazeera.net.")[2],
            ("info@aljazeera.net", TokenKind::Email)
        );
        assert_eq!(
            toks("غرد @AJArabic اليوم")[1],
            ("@AJArabic", TokenKind::Mention)
        );
    }

    #[test]
    fn arabic_punctuation_splits() {
        assert_eq!(
            toks("لماذا؟ قال: نعم؛ لا، ربما"),
            [
                ("لماذا", TokenKind::Word),
                ("؟", TokenKind::Punct),
                ("قال", TokenKind::Word),
                (":", TokenKind::Punct),
                ("نعم", TokenKind::Word),
                ("؛", TokenKind::Punct),
                ("لا", TokenKind::Word),
                ("،", TokenKind::Punct),
                ("ربما", TokenKind::Word)
            ]
        );
        // quotes, including the reversed ones common in Arabic web text
        assert_eq!(
            words("بـ”ثورات ملونة” جديدة"),
            ["بـ", "ثورات", "ملونة", "جديدة"]
        );
    }

    #[test]
    fn invisible_marks_do_not_split_words() {
        let s = "\u{200F}كاز\u{200C}اخستان\u{200F} و\u{00AD}بوتين";
        let t: Vec<_> = tokenize(s).collect();
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].text(s), "كاز\u{200C}اخستان");
        assert_eq!(t[1].text(s), "و\u{00AD}بوتين");
    }

    #[test]
    fn diacritics_and_tatweel_stay_inside() {
        assert_eq!(words("الْكِتَابُ كتـــاب"), ["الْكِتَابُ", "كتـــاب"]);
        assert_eq!(words("وأُرسِلت هذه القوة"), ["وأُرسِلت", "هذه", "القوة"]);
    }

    #[test]
    fn presentation_forms_are_words() {
        assert_eq!(words("ﺍﻟﻜﺘﺎﺏ ﻻ"), ["ﺍﻟﻜﺘﺎﺏ", "ﻻ"]);
    }
}

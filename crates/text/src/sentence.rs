//! Sentence splitting over tokens.
//!
//! A sentence ends after . ! ? ؟ ۔ … (with any closing quotes or brackets that
//! follow) and at every line break: news dumps put one paragraph on a line.
//! A period inside a number is never seen here (3.5 is one token), and a
//! period after a one-letter abbreviation (د. م. ص.) or a known abbreviation
//! does not end a sentence.
//!
//! A run of words with no end in sight (a dump with its punctuation lost, or
//! hostile input) is cut every [`MAX_SENTENCE_TOKENS`] tokens, between two
//! tokens: every stage after this one (the model, the quotations, the events)
//! then works on bounded windows, and its work grows with the length of the
//! text, not with its square.

use crate::chars::is_sentence_final;
use crate::tokenize::{tokenize, Token, TokenKind};

/// A byte range into the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// The most tokens a sentence holds: past it, the sentence ends before the next
/// token (a word boundary). Real news sentences stay far below it (the longest
/// of ANT's 31.5k articles and of SaudiNewsNet has about 450 tokens), so only
/// unpunctuated text is cut.
pub const MAX_SENTENCE_TOKENS: usize = 1000;

/// Abbreviations (as written, without their period) after which a period does
/// not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "د", "م", "ص", "ق", "هـ", "ج", "ت", "أ", "ش", "ع", "ك", "س", "Dr", "Mr", "Mrs", "Ms", "Prof",
    "St", "vs", "etc", "No", "Jr", "Sr", "U.S", "Inc", "Ltd", "Co",
];

fn is_closing(c: &str) -> bool {
    matches!(
        c,
        "\"" | "'" | "»" | "”" | "“" | "’" | ")" | "]" | "}" | "›"
    )
}

/// Splits `text` into sentences; each span covers its tokens, from the first
/// token's start to the last one's end.
///
/// ```
/// let t = "قال د. أحمد إن النمو بلغ 3.5 في المئة. وأضاف أن الأسعار سترتفع؟ نعم!";
/// let s = khabar_text::sentences(t);
/// assert_eq!(s.len(), 3);
/// assert_eq!(&t[s[1].start..s[1].end], "وأضاف أن الأسعار سترتفع؟");
/// ```
pub fn sentences(text: &str) -> Vec<Span> {
    sentences_from_tokens(text, tokenize(text))
}

/// [`sentences`] over tokens the caller already has.
pub fn sentences_from_tokens(text: &str, tokens: impl IntoIterator<Item = Token>) -> Vec<Span> {
    let mut out = Vec::new();
    let mut cur: Option<Span> = None;
    let mut prev: Option<Token> = None;
    // After a sentence-final mark, closing quotes and brackets still belong to it.
    let mut closing = false;
    // The tokens of the current sentence.
    let mut count = 0;
    for tok in tokens {
        let t = tok.text(text);
        if let (Some(c), Some(p)) = (cur.as_mut(), prev) {
            let gap = text.get(p.end..tok.start).unwrap_or("");
            if gap.contains('\n') || count >= MAX_SENTENCE_TOKENS {
                out.push(*c);
                cur = None;
                closing = false;
            } else if closing {
                if tok.kind == TokenKind::Punct
                    && (is_closing(t) || t.chars().all(is_sentence_final))
                {
                    c.end = tok.end;
                    count += 1;
                    prev = Some(tok);
                    continue;
                }
                out.push(*c);
                cur = None;
                closing = false;
            }
        }
        if cur.is_none() {
            count = 0;
        }
        count += 1;
        let span = cur.get_or_insert(Span {
            start: tok.start,
            end: tok.end,
        });
        span.end = tok.end;
        if tok.kind == TokenKind::Punct && t.chars().all(is_sentence_final) {
            let abbrev = t == "."
                && prev.is_some_and(|p| {
                    p.kind == TokenKind::Word
                        && p.end == tok.start
                        && ABBREVIATIONS.contains(&p.text(text))
                });
            if !abbrev {
                closing = true;
            }
        }
        prev = Some(tok);
    }
    if let Some(c) = cur {
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn seed_paragraphs_and_periods() {
        let t = "وتقول منظمة معاهدة الأمن الجماعي إن تلك القوات هي قوة لحفظ السلام ستحمي المنشآت الحكومية. وعزت المنظمةُ المشاكلَ التي تشهدها مدينة ألماتي إلى “غزو تشكيلات رجال العصابات المدربين من الخارج”.\nوبفضل هذه القوات بدأت الحياة تعود";
        let s = split(t);
        assert_eq!(s.len(), 3);
        assert!(s[0].ends_with("الحكومية."));
        assert!(s[1].starts_with("وعزت") && s[1].ends_with("الخارج”."));
        assert_eq!(s[2], "وبفضل هذه القوات بدأت الحياة تعود");
    }

    #[test]
    fn no_split_inside_numbers_or_abbreviations() {
        assert_eq!(split("بلغ النمو 3.5 بالمئة هذا العام.").len(), 1);
        assert_eq!(split("قال د. محمد الخطيب إن الوضع مستقر.").len(), 1);
        assert_eq!(split("الساعة 5 م. بتوقيت مكة").len(), 1);
    }

    #[test]
    fn question_marks_quotes_and_ellipsis() {
        let t = "هل انتهت الأزمة؟ «لا أعتقد ذلك!» قال الوزير… ثم غادر";
        assert_eq!(
            split(t),
            [
                "هل انتهت الأزمة؟",
                "«لا أعتقد ذلك!»",
                "قال الوزير…",
                "ثم غادر"
            ]
        );
    }

    /// `n` words of a real news sentence, repeated without punctuation.
    fn unpunctuated(n: usize) -> String {
        let words: Vec<&str> =
            "لم يترك الرئيس الروسي فلاديمير بوتين أي هامش للمناورة أمام القوى الغربية للتأثير في مجريات الاحتجاجات في كازاخستان"
                .split(' ')
                .collect();
        (0..n)
            .map(|i| words[i % words.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_sentence_of_max_tokens_is_whole_and_one_more_is_cut_at_a_word() {
        let t = unpunctuated(MAX_SENTENCE_TOKENS);
        assert_eq!(
            sentences(&t),
            [Span {
                start: 0,
                end: t.len()
            }]
        );
        let t = unpunctuated(MAX_SENTENCE_TOKENS + 1);
        let s = sentences(&t);
        assert_eq!(s.len(), 2);
        assert_eq!(
            tokenize(&t[s[0].start..s[0].end]).count(),
            MAX_SENTENCE_TOKENS
        );
        // the cut falls between two words: the second sentence is the last word, whole
        assert_eq!(&t[s[1].start..s[1].end], t.rsplit(' ').next().unwrap());
        assert_eq!(s[1].end, t.len());
    }

    #[test]
    fn unpunctuated_text_is_cut_into_bounded_sentences_covering_every_token() {
        let n = 10 * MAX_SENTENCE_TOKENS + 7;
        let t = unpunctuated(n);
        let s = sentences(&t);
        assert_eq!(s.len(), 11);
        let counts: Vec<usize> = s
            .iter()
            .map(|s| tokenize(&t[s.start..s.end]).count())
            .collect();
        assert!(counts.iter().all(|&c| c <= MAX_SENTENCE_TOKENS));
        assert_eq!(counts.iter().sum::<usize>(), n);
    }

    #[test]
    fn empty_and_blank() {
        assert!(sentences("").is_empty());
        assert!(sentences("  \n\n  ").is_empty());
    }
}

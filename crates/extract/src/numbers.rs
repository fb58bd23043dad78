//! Numbers: digits in the three digit sets (ASCII, Arabic-Indic, Eastern
//! Arabic-Indic) with `٫ , .` as decimal and `٬ ,` as grouping marks; number
//! words in all their forms (units, teens, tens, hundreds, singular/dual/plural
//! thousands, millions and billions, و-chains, نصف and ربع, ordinals); scale
//! words after digits (`3.5 مليون` = 3,500,000); percentages. Each number
//! carries its counted noun or unit.

use crate::doc::Doc;
use crate::lexicon::clitics::strip_conj;
use crate::lexicon::numbers::{first_number_word, number_words, word_value, W};
use khabar_text::chars::digit_value;
use khabar_text::TokenKind;
use serde::{Deserialize, Serialize};

/// What kind of quantity a number is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberKind {
    Cardinal,
    Ordinal,
    Percent,
    Fraction,
}

/// One number in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Number {
    /// The number as written (digits and/or words, with `%` or `في المئة`).
    pub text: String,
    pub value: f64,
    pub kind: NumberKind,
    /// The counted noun or unit that follows (`كيلومترا`, `جندي`, `دولار`,
    /// `%`), as written.
    pub unit: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// The value of a number token as written in any digit set: `٫` is always a
/// decimal mark and `٬` always a grouping mark; `,` groups when every group
/// after it has three digits (6,846) and is a decimal mark otherwise (3,5).
pub fn parse_digits(s: &str) -> Option<f64> {
    let mut int = String::new();
    let mut seps: Vec<(char, usize)> = Vec::new(); // separator and digits after it
    for c in s.chars() {
        if let Some(d) = digit_value(c) {
            int.push(char::from_digit(d, 10)?);
            if let Some(last) = seps.last_mut() {
                last.1 += 1;
            }
        } else if matches!(c, '.' | ',' | '٫' | '٬') {
            seps.push((c, 0));
            int.push(c);
        } else {
            return None;
        }
    }
    let mut out = String::new();
    let groups_of_three = seps.iter().all(|&(c, n)| matches!(c, ',' | '٬') && n == 3);
    let n_dots = seps
        .iter()
        .filter(|&&(c, _)| matches!(c, '.' | '٫'))
        .count();
    for c in int.chars() {
        match c {
            '٬' => {}
            ',' if groups_of_three => {}
            ',' if n_dots > 0 => {} // 1,234.5
            ',' => out.push('.'),
            '٫' => out.push('.'),
            '.' if n_dots > 1 => {} // 1.234.567
            c => out.push(c),
        }
    }
    if out.matches('.').count() > 1 {
        return None;
    }
    out.parse().ok()
}

/// All numbers of a text, in order.
pub(crate) fn find(doc: &Doc) -> Vec<Number> {
    let mut out = Vec::new();
    let n = doc.toks.len();
    let mut i = 0;
    while i < n {
        let t = &doc.toks[i];
        let (value, last, kind) = if t.kind == TokenKind::Number {
            let Some(v) = parse_digits(doc.surface(i)) else {
                i += 1;
                continue;
            };
            // Scale words after digits: 3.5 مليون, ٣٫٥ مليار, 500 ألف
            let mut v = v;
            let mut last = i;
            while last + 1 < n && !doc.line_break_after(last) {
                match word_value(&doc.toks[last + 1].norm) {
                    Some(W::Scale(s, 1.0)) => {
                        v *= s;
                        last += 1;
                    }
                    _ => break,
                }
            }
            (v, last, NumberKind::Cardinal)
        } else if t.is_word() {
            match parse_words(doc, i) {
                Some(x) => x,
                None => {
                    i += 1;
                    continue;
                }
            }
        } else {
            i += 1;
            continue;
        };
        let mut last = last;
        let mut kind = kind;
        let mut unit = None;
        // Percentages: 25%, ٢٥٪, 25 في المائة
        if last + 1 < n && matches!(doc.surface(last + 1), "%" | "٪") {
            last += 1;
            kind = NumberKind::Percent;
            unit = Some("%".to_string());
        } else if let Some(len) = number_words().percent.iter().find_map(|p| {
            (last + p.len() < n
                && p.iter()
                    .enumerate()
                    .all(|(k, w)| doc.toks[last + 1 + k].norm == *w))
            .then_some(p.len())
        }) {
            last += len;
            kind = NumberKind::Percent;
            unit = Some("%".to_string());
        } else if kind != NumberKind::Ordinal && last + 1 < n && !doc.line_break_after(last) {
            let u = &doc.toks[last + 1];
            if u.is_word()
                && !u.stop
                && word_value(&u.norm).is_none()
                && u.norm.chars().count() >= 2
            {
                unit = Some(doc.surface(last + 1).to_string());
            }
        }
        out.push(Number {
            text: doc.slice(i, last).to_string(),
            value,
            kind,
            unit,
            start: t.start,
            end: doc.toks[last].end,
        });
        i = last + 1;
    }
    out
}

/// A number written in words starting at token `i`: its value, last token and kind.
fn parse_words(doc: &Doc, i: usize) -> Option<(f64, usize, NumberKind)> {
    if !doc.toks[i].number_word {
        return None;
    }
    let first_w = first_number_word(&doc.toks[i].norm)?;
    let n = doc.toks.len();
    if let (W::Ordinal(v), _) = first_w {
        // كانون الثاني: a month's ordinal
        if i > 0
            && number_words()
                .month_heads
                .contains(&doc.toks[i - 1].norm.as_str())
        {
            return None;
        }
        // "الأول" alone is too common to be read as a number unless it qualifies a noun.
        if v == 1.0 && i > 0 && !doc.toks[i - 1].is_word() {
            return None;
        }
        return Some((v, i, NumberKind::Ordinal));
    }
    // A lone scale word (مليون) or ten (عشرة) reads as a number too; "ست"/"عشر"
    // alone are too ambiguous, and the dual "اثنين" alone is the weekday.
    let mut total = 0.0;
    let mut current = 0.0;
    let mut last = i;
    let mut k = i;
    let mut kind = NumberKind::Cardinal;
    let mut last_scale = 0.0;
    loop {
        if k >= n || (k > i && doc.line_break_after(k - 1)) {
            break;
        }
        let norm = &doc.toks[k].norm;
        let w = if k == i {
            Some(first_w.0)
        } else if let Some(w) = word_value(norm) {
            Some(w)
        } else if let Some(rest) = norm.strip_prefix('و') {
            // و-chains: ثلاثة آلاف وخمسمائة
            word_value(rest).filter(|w| !matches!(w, W::Scale(_, _) | W::Ordinal(_)))
        } else {
            None
        };
        let Some(w) = w else { break };
        match w {
            W::Unit(v) => {
                // a teen: أحد عشر، ثلاثة عشر
                if v < 10.0 && k + 1 < n && word_value(&doc.toks[k + 1].norm) == Some(W::Unit(10.0))
                {
                    current += v + 10.0;
                    k += 1;
                } else {
                    current += v;
                }
            }
            W::Ten(v) | W::Hundred(v) => current += v,
            W::Fraction(v) => {
                if current == 0.0 && last_scale > 0.0 && k > i {
                    // مليونان ونصف: half of the last scale
                    total += v * last_scale;
                } else {
                    current += v;
                    if total == 0.0 {
                        kind = NumberKind::Fraction;
                    }
                }
            }
            W::Scale(s, m) => {
                let base = if current == 0.0 { m } else { current * m };
                // ثلاثمائة ألف: the scale multiplies everything before it below the next scale
                if total > 0.0 && total < s {
                    total = (total + base) * s;
                } else {
                    total += base * s;
                }
                current = 0.0;
                last_scale = s;
                kind = NumberKind::Cardinal;
            }
            W::Ordinal(_) => break,
        }
        last = k;
        k += 1;
    }
    let value = total + current;
    if value == 0.0 {
        return None;
    }
    if last == i {
        let norm = doc.toks[i].norm.as_str();
        let bare = strip_conj(norm).unwrap_or(norm);
        // Ambiguous lone words: ست (lady), عشر, اثنين (Monday), واحد (one of).
        let ambiguous = |w: &str| number_words().lone.contains(&w);
        if ambiguous(bare) || ambiguous(norm) {
            return None;
        }
    }
    Some((value, last, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(t: &str) -> Vec<(f64, Option<String>)> {
        find(&Doc::new(t))
            .into_iter()
            .map(|n| (n.value, n.unit))
            .collect()
    }

    #[test]
    fn digits_in_three_sets() {
        assert_eq!(parse_digits("6846"), Some(6846.0));
        assert_eq!(parse_digits("٦٨٤٦"), Some(6846.0));
        assert_eq!(parse_digits("۶۸۴۶"), Some(6846.0));
        assert_eq!(parse_digits("٣٫٥"), Some(3.5));
        assert_eq!(parse_digits("٦٬٨٤٦"), Some(6846.0));
        assert_eq!(parse_digits("6,846"), Some(6846.0));
        assert_eq!(parse_digits("3,5"), Some(3.5));
        assert_eq!(parse_digits("1,234,567.5"), Some(1234567.5));
    }

    #[test]
    fn scale_after_digits() {
        assert_eq!(
            nums("بلغت الخسائر 3.5 مليون دولار"),
            vec![(3_500_000.0, Some("دولار".into()))]
        );
        assert_eq!(
            nums("بقيمة ٣٫٥ مليار ريال"),
            vec![(3_500_000_000.0, Some("ريال".into()))]
        );
        assert_eq!(
            nums("نحو 500 ألف لاجئ"),
            vec![(500_000.0, Some("لاجئ".into()))]
        );
    }

    #[test]
    fn number_words() {
        assert_eq!(
            nums("أوقف نحو ثمانية آلاف شخص")[0],
            (8000.0, Some("شخص".into()))
        );
        assert_eq!(
            nums("ثلاثة آلاف وخمسمائة جندي")[0],
            (3500.0, Some("جندي".into()))
        );
        assert_eq!(nums("قتل خمسة وعشرون شخصا")[0].0, 25.0);
        assert_eq!(nums("أصيب ثلاثة عشر طفلا")[0].0, 13.0);
        assert_eq!(nums("أكثر من ألفين متظاهر")[0].0, 2000.0);
        assert_eq!(nums("نصف مليون نازح")[0].0, 500_000.0);
        assert_eq!(nums("ثلاثمائة ألف برميل")[0].0, 300_000.0);
        assert_eq!(nums("مليونين ونصف")[0].0, 2_500_000.0);
        assert_eq!(nums("ثلاث ملايين")[0].0, 3_000_000.0);
        assert_eq!(nums("مئتا رجل")[0].0, 200.0);
        assert_eq!(nums("أحد عشر لاعبا")[0].0, 11.0);
        assert!(nums("قال أحد المسؤولين").is_empty());
        assert!(nums("أنا لست من رجال الدين وأحد أكثر").is_empty());
    }

    #[test]
    fn percentages_and_ordinals() {
        let r = find(&Doc::new("ارتفع التضخم 25% و٢٥٪ و12 في المائة"));
        assert_eq!(
            r.iter().filter(|n| n.kind == NumberKind::Percent).count(),
            3
        );
        let r = find(&Doc::new("وهي ثاني أطول حدود في العالم"));
        assert_eq!((r[0].value, r[0].kind), (2.0, NumberKind::Ordinal));
        assert!(find(&Doc::new("في كانون الثاني")).is_empty());
    }

    #[test]
    fn seed_article_numbers() {
        let t = include_str!("../../../samples/csto-kazakhstan-2022.txt");
        let r = find(&Doc::new(t));
        assert!(r
            .iter()
            .any(|n| n.value == 6846.0 && n.unit.as_deref() == Some("كيلومترا")));
        assert!(r
            .iter()
            .any(|n| n.value == 2500.0 && n.unit.as_deref() == Some("جندي")));
        assert!(r
            .iter()
            .any(|n| n.value == 8000.0 && n.unit.as_deref() == Some("شخص")));
        for n in &r {
            assert_eq!(&t[n.start..n.end], n.text);
        }
    }
}

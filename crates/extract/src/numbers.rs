//! Numbers: digits in the three digit sets (ASCII, Arabic-Indic, Eastern
//! Arabic-Indic) with `٫ , .` as decimal and `٬ ,` as grouping marks; number
//! words in all their forms (units, teens, tens, hundreds, singular/dual/plural
//! thousands, millions and billions, و-chains, نصف and ربع, ordinals); scale
//! words after digits (`3.5 مليون` = 3,500,000); percentages. Each number
//! carries its counted noun or unit.

use crate::doc::Doc;
use crate::lexicon::clitics::{strip_conj, without_conj};
use crate::lexicon::numbers::{definite_unit, first_number_word, number_words, word_value, W};
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
    /// The upper end of a range (`بين 10.5 و11 مليار` → 10,500,000,000 to
    /// 11,000,000,000; `value` is the lower end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<f64>,
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
    // Each number with its first and last token.
    let mut out: Vec<(Number, usize, usize)> = Vec::new();
    let n = doc.toks.len();
    let mut i = 0;
    while i < n {
        let t = &doc.toks[i];
        let mut first = i;
        let (value, last, kind) = if t.kind == TokenKind::Number {
            let Some(v) = parse_digits(doc.surface(i)) else {
                i += 1;
                continue;
            };
            // A minus sign written onto the digits (-1200000، -2 درجة), not a dash between two
            // numbers (100 -150).
            let mut v = v;
            if i > 0
                && matches!(doc.surface(i - 1), "-" | "−")
                && doc.toks[i - 1].end == t.start
                && (i < 2 || doc.toks[i - 2].kind != TokenKind::Number)
            {
                v = -v;
                first = i - 1;
            }
            // Scale words after digits: 3.5 مليون, ٣٫٥ مليار, 500 ألف, (١٣) مليون
            let mut last = i;
            if i > 0
                && doc.surface(i - 1) == "("
                && i + 2 < n
                && doc.surface(i + 1) == ")"
                && scale_at(doc, i + 2).is_some()
            {
                first = i - 1;
                last = i + 1;
            }
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
        out.push((
            Number {
                text: doc.slice(first, last).to_string(),
                value,
                kind,
                to: None,
                unit,
                start: doc.toks[first].start,
                end: doc.toks[last].end,
            },
            first,
            last,
        ));
        i = last + 1;
    }
    combine(doc, out)
}

/// The scale a token is (ألف، مليون، مليار), if it is one.
fn scale_at(doc: &Doc, k: usize) -> Option<f64> {
    match word_value(&doc.toks[k].norm) {
        Some(W::Scale(s, _)) => Some(s),
        _ => None,
    }
}

/// Joins what the text writes as one quantity in pieces:
/// * a mixed chain: a scale, و, a smaller number (ثلاثة مليارات و160 مليون = 3,160,000,000;
///   ستة آلاف و259 = 6,259), while two counts of one scale stay two (ستة آلاف وثمانية آلاف);
/// * a range: بين A و B، (من) A إلى/حتى B, A-B: one number from A `to` B, where a scale, a
///   percent and a unit written after B hold for A too (بين 10.5 و11 مليار دولار). من A إلى B
///   after a verb of change is two values (ارتفع من 18 إلى 21). A dash between a larger and a
///   smaller number, or two under ten, is a score (3-1), not a range.
fn combine(doc: &Doc, nums: Vec<(Number, usize, usize)>) -> Vec<Number> {
    let w = number_words();
    let norm = |k: usize| doc.toks[k].norm.as_str();
    // A word of a list, with or without و/ف.
    let listed =
        |list: &[&str], k: usize| list.contains(&norm(k)) || list.contains(&without_conj(norm(k)));
    let mut out = Vec::with_capacity(nums.len());
    let mut it = nums.into_iter().peekable();
    while let Some((mut a, a0, mut a1)) = it.next() {
        while let Some((b, b0, b1)) = it.peek() {
            let (b0, b1) = (*b0, *b1);
            let between = a1 + 1..b0;
            let one = |f: &dyn Fn(usize) -> bool| between.len() == 1 && f(a1 + 1);
            let and = one(&|k| norm(k) == "و");
            let cardinals = a.kind != NumberKind::Ordinal && b.kind != NumberKind::Ordinal;
            if !cardinals || a.to.is_some() || b.to.is_some() {
                break;
            }
            let chain = and
                && a.kind == NumberKind::Cardinal
                && b.kind == NumberKind::Cardinal
                && scale_at(doc, a1).is_some_and(|s| b.value > 0.0 && b.value < s);
            let from = a0 > 0 && listed(&w.range_from, a0 - 1);
            let dash = one(&|k| matches!(doc.surface(k), "-" | "–"))
                && b.value > a.value
                && b.value >= 10.0;
            let changed = || (a0.saturating_sub(3)..a0).any(|k| listed(&w.change, k));
            // (من) A إلى B only after من or inside a parenthesis (a change reads من … إلى too).
            let opened = a0 > 0 && (norm(a0 - 1) == "من" || doc.surface(a0 - 1) == "(");
            let to = one(&|k| w.range_to.contains(&norm(k)))
                && opened
                && b.value > a.value
                && !changed();
            if chain {
                a.value += b.value;
            } else if (from && and) || dash || to {
                if scale_at(doc, a1).is_none() {
                    if let Some(s) = scale_at(doc, b1) {
                        a.value *= s;
                    }
                }
                a.to = Some(b.value);
                if b.kind == NumberKind::Percent {
                    a.kind = NumberKind::Percent;
                }
            } else {
                break;
            }
            a.text = doc.slice(a0, b1).to_string();
            a.end = b.end;
            a.unit = b.unit.clone();
            a1 = b1;
            it.next();
        }
        out.push(a);
    }
    out
}

/// An ordinal in words that ends at token `end` (الرابع، الرابع عشر، السابع والعشرين): its
/// first token and value.
pub(crate) fn ordinal_ending_at(doc: &Doc, end: usize) -> Option<(usize, f64)> {
    (end.saturating_sub(1)..=end).find_map(|s| match parse_words(doc, s) {
        Some((v, last, NumberKind::Ordinal)) if last == end => Some((s, v)),
        _ => None,
    })
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
        // Compound ordinals: الثالث عشر، الحادية عشرة (a ten after it), الخامس والعشرين.
        if i + 1 < n && !doc.line_break_after(i) {
            let next = doc.toks[i + 1].norm.as_str();
            if word_value(next) == Some(W::Unit(10.0)) {
                return Some((v + 10.0, i + 1, NumberKind::Ordinal));
            }
            let ten = next
                .strip_prefix('و')
                .map(|t| t.strip_prefix("ال").unwrap_or(t))
                .and_then(word_value);
            if let Some(W::Ten(t)) = ten {
                return Some((v + t, i + 1, NumberKind::Ordinal));
            }
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
    // Where the words after the last scale began.
    let mut seg_first = None;
    loop {
        if k >= n || (k > i && doc.line_break_after(k - 1)) {
            break;
        }
        let norm = &doc.toks[k].norm;
        let w = if k == i {
            Some(first_w.0)
        } else if let Some(w) = word_value(norm) {
            Some(w)
        } else if let Some(w) = definite_unit(norm).filter(|_| k == i + 1 && current == 0.0) {
            Some(w)
        } else if let Some(rest) = norm.strip_prefix('و') {
            // و-chains: ثلاثة آلاف وخمسمائة
            word_value(rest).filter(|w| !matches!(w, W::Scale(_, _) | W::Ordinal(_)))
        } else {
            None
        };
        let Some(w) = w else { break };
        if current == 0.0 && !matches!(w, W::Scale(_, _)) {
            seg_first = Some(k);
        }
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
                // ستة آلاف وثمانية آلاف: a scale not below the last one starts a second count.
                if last_scale > 0.0 && s >= last_scale {
                    if current == 0.0 {
                        // مليار ونصف المليار: the scale said again.
                        last = k;
                        k += 1;
                        continue;
                    }
                    if let Some(f) = seg_first.filter(|&f| f > i) {
                        return Some((total, f - 1, kind));
                    }
                    break;
                }
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
        let definite = norm.strip_prefix("ال").unwrap_or(norm);
        if ambiguous(bare) || ambiguous(norm) || ambiguous(definite) {
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

    fn values(t: &str) -> Vec<(f64, Option<f64>)> {
        find(&Doc::new(t))
            .into_iter()
            .map(|n| (n.value, n.to))
            .collect()
    }

    // Sentences from the ANT development corpus (gold/reading/numbers.jsonl, dev part).
    #[test]
    fn mixed_chains_combine_and_two_counts_stay_two() {
        assert_eq!(
            values("وبلغت قيمة الصادرات 13 مليار و829 مليون دولار."),
            [(13_829_000_000.0, None)]
        );
        assert_eq!(
            values("وبلغ سعر الكيلوغرام من اللحم تسعة ملايين و500 ألف بوليفار."),
            [(9_500_000.0, None)]
        );
        assert_eq!(values("وعددهم ستة آلاف و259 شخصا."), [(6259.0, None)]);
        assert_eq!(
            values("وشارك ستة آلاف وثمانية آلاف شخص في المسيرتين."),
            [(6000.0, None), (8000.0, None)]
        );
    }

    #[test]
    fn ranges_share_their_scale_and_unit_and_are_not_sums() {
        let n = find(&Doc::new(
            "بقيمة إجمالية تتراوح بين 35 و39 مليار جنيه استرليني.",
        ));
        assert_eq!((n.len(), n[0].value, n[0].to), (1, 35e9, Some(39e9)));
        assert_eq!(n[0].unit.as_deref(), Some("جنيه"));
        assert_eq!(
            values("وإنهن يشكلن الآن ما بين 40 و 50 في المئة من خريجي الجامعات."),
            [(40.0, Some(50.0))]
        );
        assert_eq!(
            values("بعرض يتراوح بين 15-20 كيلومترا."),
            [(15.0, Some(20.0))]
        );
        assert_eq!(
            values("إن بلاده يلزمها من 10 إلى 15 عاما."),
            [(10.0, Some(15.0))]
        );
        // a score and a change are two numbers
        assert_eq!(values("خسر 3-1 أمام بورتون."), [(3.0, None), (1.0, None)]);
        assert_eq!(
            values("وارتفعت النسبة من 18 إلى 21 في المئة."),
            [(18.0, None), (21.0, None)]
        );
    }

    #[test]
    fn duals_teens_compound_ordinals_negatives_and_parentheses() {
        assert_eq!(values("أفرج عنها بكفالة مليوني رينغيت."), [(2e6, None)]);
        assert_eq!(values("وقتل اثني عشر شخصا."), [(12.0, None)]);
        assert_eq!(values("وأفرج عن الستة عشر معتقلا."), [(16.0, None)]);
        assert_eq!(values("في الدورة الثالث عشر للمهرجان."), [(13.0, None)]);
        assert_eq!(values("في ذكراها التاسعة والعشرين."), [(29.0, None)]);
        assert_eq!(values("وسجلت الحرارة -2 درجة."), [(-2.0, None)]);
        assert_eq!(values("ويبلغ عدد سكانها (١٣) مليون نسمة."), [(13e6, None)]);
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

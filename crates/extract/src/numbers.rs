//! Numbers: digits in the three digit sets (ASCII, Arabic-Indic, Eastern
//! Arabic-Indic) with `٫ , .` as decimal and `٬ ,` as grouping marks; number
//! words in all their forms (units, teens, tens, hundreds, singular/dual/plural
//! thousands, millions and billions, و-chains, نصف and ربع, ordinals); scale
//! words after digits (`3.5 مليون` = 3,500,000); percentages. Each number
//! carries its counted noun or unit, and money its currency.

use crate::doc::Doc;
use crate::lexicon::clitics::{listed, strip_conj, without_conj};
use crate::lexicon::dates::{counted_keys, cues, is_time_word, months};
pub use crate::lexicon::numbers::Currency;
use crate::lexicon::numbers::{
    currency, currency_sign, definite_fraction, definite_ten, definite_unit, first_number_word,
    measure_keys, number_words, short_prep_unit, word_value, W,
};
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
    /// Whether the unit is a currency (`دولار`, `ريالا سعوديا`, `جنيه`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub money: bool,
    /// The currency of money, when the words say which (ISO 4217: `دولار` USD,
    /// `ريال سعودي` SAR); absent for a bare ambiguous noun (`ريال`، `دينار`، `جنيه`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    pub start: usize,
    pub end: usize,
}

/// `480.000`: one to three digits (not starting with 0), one `.` and exactly three
/// digits, read with the dot as a thousands separator, and whether the three are `000`.
fn dot_grouped(s: &str) -> Option<(f64, bool)> {
    let (a, b) = s.split_once('.')?;
    let digits = |x: &str| x.chars().map(digit_value).collect::<Option<Vec<u32>>>();
    let (a, b) = (digits(a)?, digits(b)?);
    if a.is_empty() || a.len() > 3 || a[0] == 0 || b.len() != 3 {
        return None;
    }
    let v = a
        .iter()
        .chain(&b)
        .fold(0.0, |v, &d| v * 10.0 + f64::from(d));
    Some((v, b.iter().all(|&d| d == 0)))
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

/// The digits after the one `,` of digits without another mark (`4,9` → 1, `6,175` → 3).
fn after_one_comma(s: &str) -> Option<usize> {
    let (a, b) = s.split_once(',')?;
    let digits = |x: &str| !x.is_empty() && x.chars().all(|c| digit_value(c).is_some());
    (digits(a) && digits(b)).then(|| b.chars().count())
}

/// All numbers of a text, in order.
pub(crate) fn find(doc: &Doc) -> Vec<Number> {
    // Each number with its first and last token.
    let mut out: Vec<(Number, usize, usize)> = Vec::new();
    let n = doc.toks.len();
    // 6,175 كلغ، منها 4,9 كلغ: where the text writes the comma as its decimal mark (a comma
    // before one, two or more than three digits), a comma before three digits is one too.
    let comma_decimals = (0..n).any(|k| {
        doc.toks[k].kind == TokenKind::Number
            && after_one_comma(doc.surface(k)).is_some_and(|d| d != 3)
    });
    let mut i = 0;
    while i < n {
        let t = &doc.toks[i];
        let mut first = i;
        // The dot-grouped reading of digits (480.000) and whether a scale followed.
        let mut grouped = None;
        // The decimal reading of 6,175 in a text whose comma is a decimal mark.
        let mut comma_decimal: Option<f64> = None;
        let (value, last, kind) = if t.kind == TokenKind::Number {
            let Some(v) = parse_digits(doc.surface(i)) else {
                i += 1;
                continue;
            };
            // A sign written onto the digits (-1200000، -2 درجة، +0.8%), not a dash between
            // two numbers or the sides of a score (100 -150، صفر-3).
            let mut v = v;
            if i > 0
                && matches!(doc.surface(i - 1), "-" | "−" | "+")
                && doc.toks[i - 1].end == t.start
                && (i < 2 || !score_side(doc, i - 2))
            {
                if doc.surface(i - 1) != "+" {
                    v = -v;
                }
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
            // 7 ونصف مليون = 7,500,000
            if last + 2 < n
                && doc.toks[last + 1].norm == "ونصف"
                && scale_at(doc, last + 2).is_some()
            {
                v += 0.5;
                last += 1;
            }
            let digits_last = last;
            while last + 1 < n && !doc.line_break_after(last) {
                match word_value(&doc.toks[last + 1].norm) {
                    Some(W::Scale(s, 1.0)) => {
                        v *= s;
                        last += 1;
                    }
                    _ => break,
                }
            }
            if last == digits_last && first == i {
                let s = doc.surface(i);
                grouped = dot_grouped(s).map(|(g, zeros)| (g * v.signum(), zeros));
                if comma_decimals && after_one_comma(s) == Some(3) {
                    comma_decimal = s.replacen(',', ".", 1).parse().ok();
                }
            }
            (v, last, NumberKind::Cardinal)
        } else if t.is_word() {
            match parse_words(doc, i) {
                // الربع الثاني من السنة المالية: a part of a year is the dates'.
                Some((_, l, NumberKind::Ordinal)) if part_of_year(doc, i, l) => {
                    i = l + 1;
                    continue;
                }
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
        let mut value = value;
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
        }
        let mut unit_tok = None;
        // 100$، $100، €5: a currency sign right after or before the digits.
        let mut sign = None;
        if unit.is_none() && t.kind == TokenKind::Number {
            let after = (last + 1 < n && doc.toks[last + 1].start == doc.toks[last].end)
                .then(|| (currency_sign(doc.surface(last + 1)), last + 1));
            let before = (first > 0 && doc.toks[first - 1].end == doc.toks[first].start)
                .then(|| (currency_sign(doc.surface(first - 1)), first - 1));
            if let Some((Some(c), k)) = after.filter(|a| a.0.is_some()).or(before) {
                unit = Some(doc.surface(k).to_string());
                sign = Some(c);
                if k > last {
                    last = k;
                }
            }
        }
        if unit.is_none() && kind != NumberKind::Ordinal {
            if let Some((u0, u1)) = unit_span(doc, first, last) {
                unit = Some(doc.slice(u0, u1).to_string());
                unit_tok = Some(u0);
            }
        }
        // 480.000 دولار: the dot groups thousands when the three digits are 000 (a decimal
        // never needs them) or when what is counted is counted in wholes (2.500 شخص); else it
        // is a decimal mark (3.750 ريال، 1.500 مليون).
        let counted = || {
            unit_tok.is_some_and(|u| {
                let key = khabar_text::stem(doc.toks[u].norm.as_str());
                counted_keys().contains(key) && !measure_keys().contains(key)
            })
        };
        if let Some((g, zeros)) = grouped.filter(|_| kind == NumberKind::Cardinal) {
            if zeros || counted() {
                value = g;
            }
        }
        // (but 285,564 شخصا، 8,959 مركزا: what is counted in wholes, or a noun in the accusative
        // of a count of eleven and more, is grouped)
        let whole = || {
            counted()
                || unit_tok.is_some_and(|u| {
                    let s = doc.surface(u).trim_end_matches('\u{064B}');
                    s.ends_with('ا')
                        && !measure_keys().contains(khabar_text::stem(doc.toks[u].norm.as_str()))
                })
        };
        if let Some(d) = comma_decimal.filter(|_| kind == NumberKind::Cardinal && !whole()) {
            value = d;
        }
        if is_year(doc, first, last, value, unit.is_some()) || is_word_year(doc, first, value, kind)
        {
            i = last + 1;
            continue;
        }
        // Money: a currency noun as the unit, its currency decided by the adjective after it.
        let cur = unit_tok.and_then(|u| {
            let adj = (u + 1 < n && doc.toks[u + 1].is_word() && !doc.line_break_after(u))
                .then(|| doc.toks[u + 1].norm.as_str());
            currency(&doc.toks[u].norm, adj)
        });
        let cur = cur.or(sign.map(Some));
        // ثمانين تحت الصفر، 8 درجات تحت الصفر: below zero.
        let below =
            |k: usize| k + 1 < n && doc.toks[k].norm == "تحت" && doc.toks[k + 1].norm == "الصفر";
        if value > 0.0 && (below(last + 1) || unit_tok.is_some_and(|u| u > last && below(u + 1))) {
            value = -value;
        }
        out.push((
            Number {
                text: doc.slice(first, last).to_string(),
                value,
                kind,
                to: None,
                unit,
                money: cur.is_some(),
                currency: cur.flatten(),
                start: doc.toks[first].start,
                end: doc.toks[last].end,
            },
            first,
            last,
        ));
        i = last + 1;
    }
    // 7 أو 8 درجات تحت الصفر: a number joined by أو/و to one below zero is below zero too.
    for k in (1..out.len()).rev() {
        let (b0, bv) = (out[k].1, out[k].0.value);
        let (a, _, a1) = &mut out[k - 1];
        if bv < 0.0
            && a.value > 0.0
            && a1.checked_add(2) == Some(b0)
            && matches!(doc.toks[b0 - 1].norm.as_str(), "او" | "و")
            && a.unit.is_none()
        {
            a.value = -a.value;
        }
    }
    // 7 أو 8 درجات، من 45 إلى 90 يوما، ستة آلاف وثمانية آلاف شخص: a number coordinated with
    // the next one shares its unit when it has none of its own.
    for k in (1..out.len()).rev() {
        let b0 = out[k].1;
        let (left, right) = out.split_at_mut(k);
        let ((a, _, a1), (b, _, _)) = (&mut left[k - 1], &right[0]);
        let joined = (*a1 + 2 == b0
            && matches!(doc.toks[b0 - 1].norm.as_str(), "و" | "او" | "الي" | "حتي"))
            || (*a1 + 1 == b0
                && doc.toks[b0].is_word()
                && strip_conj(&doc.toks[b0].norm).is_some());
        if joined && a.unit.is_none() && a.kind == b.kind && b.unit.is_some() {
            a.unit = b.unit.clone();
            a.money = b.money;
            a.currency = b.currency;
        }
    }
    combine(doc, out)
}

/// The tokens of the counted noun or unit of the number on tokens `first..=last`: the word
/// after it (past a closing parenthesis or a quotation mark: (٣٥٩) طلقة، 11 "مطلوبا"; past
/// من: 4 من الطائرات), with the words that finish it (كيلو متر مربع، قدم مكعبة); for a
/// definite number or واحد, the noun before it (التهم الخمس، تغييراته الثلاثة، نقطة واحدة).
fn unit_span(doc: &Doc, first: usize, last: usize) -> Option<(usize, usize)> {
    let n = doc.toks.len();
    let w = number_words();
    let norm = doc.toks[first].norm.as_str();
    let own = without_conj(norm);
    let definite = own
        .strip_prefix("ال")
        .is_some_and(|r| word_value(r).is_some());
    let one = matches!(norm, "واحد" | "واحده" | "واحدا")
        || matches!(own, "واحد" | "واحده" | "واحدا")
        || (own == "اثنين" && post_nominal_two(doc, first));
    if first == last && doc.toks[first].is_word() && (definite || one) {
        let p = first.checked_sub(1)?;
        let (pt, s) = (&doc.toks[p], doc.surface(p));
        let pn = without_conj(&pt.norm);
        let defined = ["ال", "بال", "لل"].iter().any(|a| pn.starts_with(a))
            || ["ه", "ها", "هم", "هما", "هن"]
                .iter()
                .any(|x| s.ends_with(x));
        let ok = pt.is_word()
            && !pt.stop
            && !pt.number_word
            && (defined || !definite)
            && !doc.line_break_after(p);
        // صاحب العشرين عاما: else a definite number's noun of count after it.
        if ok || !(definite && last + 1 < n && count_noun_at(doc, last + 1)) {
            return ok.then_some((p, p));
        }
    }
    let mut k = last + 1;
    if k < n && doc.surface(k) == ")" && first > 0 && doc.surface(first - 1) == "(" {
        k += 1;
    }
    if k < n && matches!(doc.surface(k), "\"" | "«" | "“") {
        k += 1;
    }
    if k >= n || doc.line_break_after(k - 1) {
        return None;
    }
    if doc.toks[k].norm == "من" && k + 1 < n && unit_word(doc, k + 1) {
        k += 1;
    }
    if !unit_word(doc, k) {
        return None;
    }
    let mut e = k;
    while e + 1 < n
        && !doc.line_break_after(e)
        && (w.unit_heads.contains(&doc.toks[e].norm.as_str())
            || w.unit_tails.contains(&doc.toks[e + 1].norm.as_str()))
    {
        e += 1;
    }
    Some((k, e))
}

/// Whether token `k` may be a counted noun or unit: a word that is not a stop word, a number
/// word, a preposition or an adverb (مقابل، تحت، دوليا، عالميا), a prepositional phrase
/// (للوجود، باللغة), a plural verb in -وا (خرجوا), a year noun before a year (ألفا عام
/// ٢٠١٠) or يوم before its weekday.
fn unit_word(doc: &Doc, k: usize) -> bool {
    let u = &doc.toks[k];
    let norm = u.norm.as_str();
    let next = doc.toks.get(k + 1);
    u.is_word()
        && !u.stop
        && !u.number_word
        && norm.chars().count() >= 2
        && !number_words().not_units.contains(&norm)
        && !norm.starts_with("لل")
        && !norm.starts_with("بال")
        && !(norm.ends_with("وا") && norm.chars().count() >= 5)
        && !(cues().year_nouns.contains(&norm) && next.is_some_and(|t| t.kind == TokenKind::Number))
        && !(norm == "يوم" && next.is_some_and(|t| is_time_word(&t.norm)))
}

/// Whether the digits of tokens `first..=last` are a year rather than a count: four digits
/// from 1900 to 2100 alone, after a year noun (بعام 2016، للعام ٢٠١٧) or after a name with
/// nothing counted after it (بمونديال روسيا 2018.).
fn is_year(doc: &Doc, first: usize, last: usize, value: f64, has_unit: bool) -> bool {
    let t = &doc.toks[first];
    if first != last
        || t.kind != TokenKind::Number
        || doc.surface(first).chars().count() != 4
        || !(1900.0..=2100.0).contains(&value)
        || first == 0
    {
        return false;
    }
    let prev = &doc.toks[first - 1];
    // لموسم 2017/ 2018: the second year of a season.
    if doc.surface(first - 1) == "/" && first >= 2 && {
        let y = &doc.toks[first - 2];
        y.kind == TokenKind::Number
            && doc.surface(first - 2).chars().count() == 4
            && parse_digits(doc.surface(first - 2)).is_some_and(|v| (1900.0..=2100.0).contains(&v))
    } {
        return true;
    }
    if !prev.is_word() {
        return false;
    }
    year_noun_at(doc, first - 1)
        || (!has_unit && !prev.stop && !prev.number_word && !prev.norm.starts_with("ال"))
}

/// Whether the ordinal on tokens `first..=last` follows a definite fraction and goes before
/// من and a year (الربع الثاني من السنة المالية، النصف الأول من 2018): a part of a year, a
/// span of time that the dates read, not a number.
fn part_of_year(doc: &Doc, first: usize, last: usize) -> bool {
    let n = doc.toks.len();
    first > 0
        && definite_fraction(without_conj(&doc.toks[first - 1].norm)).is_some()
        && last + 2 < n
        && doc.toks[last + 1].norm == "من"
        && (year_noun_at(doc, last + 2)
            || (doc.toks[last + 2].kind == TokenKind::Number
                && doc.surface(last + 2).chars().count() == 4))
}

/// Whether token `k` is a year noun, with or without a clitic (عام، للعام، بعام، سنة).
fn year_noun_at(doc: &Doc, k: usize) -> bool {
    crate::lexicon::clitics::candidates(&doc.toks[k].norm)
        .any(|c| cues().year_nouns.contains(&c.as_ref()))
}

/// Whether a number in words starting at token `first` is a year written in words after its
/// noun (عام ثلاثة وتسعين، عام ألفين وثمانية عشر): a count comes before its noun (ثلاثة أعوام)
/// and one year is عام واحد, so a cardinal of ten or more right after عام is the year.
fn is_word_year(doc: &Doc, first: usize, value: f64, kind: NumberKind) -> bool {
    kind == NumberKind::Cardinal
        && doc.toks[first].is_word()
        && (10.0..=2100.0).contains(&value)
        && value.fract() == 0.0
        && first > 0
        && year_noun_at(doc, first - 1)
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
    let listed_at = |list: &[&str], k: usize| listed(list, norm(k));
    let mut out = Vec::with_capacity(nums.len());
    let mut it = nums.into_iter().peekable();
    while let Some((mut a, a0, mut a1)) = it.next() {
        while let Some((b, b0, b1)) = it.peek() {
            let (b0, b1) = (*b0, *b1);
            let between = a1 + 1..b0;
            let one = |f: &dyn Fn(usize) -> bool| between.len() == 1 && f(a1 + 1);
            let and = one(&|k| norm(k) == "و");
            // و written onto a number word: بين ثلاثة ملايين وخمسة
            let attached_and =
                between.is_empty() && doc.toks[b0].is_word() && strip_conj(norm(b0)).is_some();
            let cardinals = a.kind != NumberKind::Ordinal && b.kind != NumberKind::Ordinal;
            if !cardinals || a.to.is_some() || b.to.is_some() {
                break;
            }
            let chain = and
                && a.kind == NumberKind::Cardinal
                && b.kind == NumberKind::Cardinal
                && scale_at(doc, a1).is_some_and(|s| b.value > 0.0 && b.value < s);
            let from = a0 > 0 && listed_at(&w.range_from, a0 - 1);
            let is_dash = |k: usize| matches!(doc.surface(k), "-" | "–");
            // not the parts of a date written with dashes (8 - 3 - 1428هـ)
            let in_date =
                (a0 >= 2 && is_dash(a0 - 1) && doc.toks[a0 - 2].kind == TokenKind::Number)
                    || (b1 + 1 < doc.toks.len() && is_dash(b1 + 1));
            let dash = one(&|k| is_dash(k)) && b.value > a.value && b.value >= 10.0 && !in_date;
            // A verb or noun of change earlier in the clause (تمديد فترة البقاء … من 45 إلى 90).
            let changed = || {
                (a0.saturating_sub(12)..a0)
                    .rev()
                    .take_while(|&k| !doc.toks[k].is_punct())
                    .any(|k| listed_at(&w.change, k))
            };
            // اثنين وخمسين فاصلة سبعة في المئة = 52.7
            let fasila = one(&|k| norm(k) == "فاصله")
                && a.kind == NumberKind::Cardinal
                && scale_at(doc, a1).is_none()
                && a.value.fract() == 0.0
                && b.value.fract() == 0.0
                && b.value >= 0.0
                && matches!(b.kind, NumberKind::Cardinal | NumberKind::Percent);
            // (من) A إلى B, 300 إلى 1200 جندي, من 42 إلى أكثر من 60: إلى (or حتى) and words
            // of approximation between the ends, not after a verb of change (a change reads
            // من … إلى too).
            let gap = between.clone();
            let to = !gap.is_empty()
                && w.range_to.contains(&norm(gap.start))
                && gap.len() <= 3
                && (gap.start + 1..gap.end).all(|k| {
                    w.hedges.contains(&norm(k)) || (norm(k) == "من" && w.hedges.contains(&norm(k - 1)))
                })
                && b.value > a.value
                // صعد 1.1 بالمئة إلى 900 دولار، من 49,8 مليونا في 2015 الى 43,9 مليونا: not a
                // percent to an amount, nor a year to a count.
                && (a.kind == b.kind || a.kind == NumberKind::Cardinal && a.unit.is_none())
                && !(doc.toks[a0].kind == TokenKind::Number
                    && doc.surface(a0).chars().count() == 4
                    && (1900.0..=2100.0).contains(&a.value)
                    && b.value > 2100.0)
                && !changed();
            if fasila {
                let places = (b.value as u64).to_string().len() as i32;
                a.value += b.value / 10f64.powi(places);
                a.kind = b.kind;
            } else if chain {
                a.value += b.value;
            } else if (from && (and || attached_and)) || dash || to {
                let mut to = b.value;
                match (scale_at(doc, a1), scale_at(doc, b1)) {
                    (None, Some(s)) => a.value *= s,
                    // بين ثلاثة ملايين وخمسة: the scale of the first end holds for the second.
                    (Some(s), None) if b.value < 1000.0 && b.value * s > a.value => to *= s,
                    _ => {}
                }
                // بين 25 بالمئة و10 بالمئة: the lower end first.
                if to < a.value {
                    (a.value, to) = (to, a.value);
                }
                a.to = Some(to);
                if b.kind == NumberKind::Percent {
                    a.kind = NumberKind::Percent;
                }
            } else {
                break;
            }
            a.text = doc.slice(a0, b1).to_string();
            a.end = b.end;
            a.unit = b.unit.clone();
            a.money = b.money;
            a.currency = b.currency;
            a1 = b1;
            it.next();
        }
        if !is_day(doc, &a, a1) {
            out.push(a);
        }
    }
    out
}

/// Whether a number ending at token `last` is the day of a date the dates read, not a count:
/// a day (or days) before a month (من 15 إلى 25 أكتوبر), an ordinal day before من (ال)شهر
/// or a month (السادس والعشرين من الشهر الجاري).
fn is_day(doc: &Doc, a: &Number, last: usize) -> bool {
    let day = |v: f64| v.fract() == 0.0 && (1.0..=31.0).contains(&v);
    if !day(a.value) || !a.to.is_none_or(day) || a.unit.as_deref() == Some("%") {
        return false;
    }
    let n = doc.toks.len();
    let month = |k: usize| k < n && months().match_at(doc, k).is_some();
    // من الشهر الجاري، من أبريل
    let of_month = |k: usize| {
        k + 1 < n
            && doc.toks[k].norm == "من"
            && (matches!(doc.toks[k + 1].norm.as_str(), "الشهر" | "شهر") || month(k + 1))
    };
    match a.kind {
        // 10/ سبتمبر، في الـ 12 من الشهر الحالي
        NumberKind::Cardinal => {
            month(last + 1)
                || (last + 2 < n && doc.surface(last + 1) == "/" && month(last + 2))
                || of_month(last + 1)
        }
        // السادس والعشرين من الشهر؛ من العاشر حتى السادس عشر من فبراير: the first of two
        // ordinal days
        NumberKind::Ordinal => {
            of_month(last + 1)
                || (last + 2 < n
                    && matches!(doc.toks[last + 1].norm.as_str(), "الي" | "حتي" | "و")
                    && matches!(parse_words(doc, last + 2), Some((v, e, NumberKind::Ordinal))
                        if day(v) && of_month(e + 1)))
        }
        _ => false,
    }
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
    // (Callers look ahead of a match: `i` may be past the last token.)
    if !doc.toks.get(i)?.number_word {
        return None;
    }
    let n = doc.toks.len();
    let Some(first_w) = first_number_word(&doc.toks[i].norm) else {
        return other_first_word(doc, i);
    };
    // ربع النهائي، نصف النهائي: a stage of a contest, not a fraction.
    if matches!(first_w.0, W::Fraction(_))
        && doc
            .toks
            .get(i + 1)
            .is_some_and(|t| number_words().stages.contains(&t.norm.as_str()))
    {
        return None;
    }
    if let (W::Ordinal(v), _) = first_w {
        let base = without_conj(&doc.toks[i].norm);
        // Whether أول/أولى/ثانٍ stand by their noun (then not "الأول" alone below).
        let mut by_noun = false;
        // أول دولة، لغة أولى، جزء ثانٍ: ordinals next to their noun (not أولي الأمر); أول من
        // لاحظ "the first who" (not أول أمس، أول من أمس: a day).
        if matches!(base, "اول" | "اولي" | "ثان") {
            let word = |k: usize| {
                k < n && !doc.line_break_after(k - 1) && doc.toks[k].is_word() && {
                    let t = &doc.toks[k];
                    t.norm != "امس" && months().match_at(doc, k).is_none()
                }
            };
            let noun_after = word(i + 1) && !doc.toks[i + 1].stop;
            let first_who =
                base == "اول" && word(i + 1) && doc.toks[i + 1].norm == "من" && word(i + 2);
            if i + 1 < n && doc.toks[i + 1].norm == "امس" {
                return None;
            }
            if !noun_after && !first_who && !indefinite_noun_before(doc, i) {
                return None;
            }
            by_noun = noun_after || first_who;
        }
        // كانون الثاني: a month's ordinal
        if i > 0
            && number_words()
                .month_heads
                .contains(&doc.toks[i - 1].norm.as_str())
        {
            return None;
        }
        // "الأول" alone is too common to be read as a number unless it qualifies a noun.
        // (أولهما، أولها: "the first of them" opens a list after a colon.)
        if v == 1.0
            && i > 0
            && !by_noun
            && !doc.toks[i - 1].is_word()
            && !matches!(base, "اولا" | "اولهما" | "اولاهما" | "اولها")
        {
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
            let w = word_value(rest).filter(|w| !matches!(w, W::Scale(_, _) | W::Ordinal(_)));
            // بين ثلاثة ملايين وخمسة: after بين a unit above the count is the range's other
            // end, of the same scale.
            if let Some(W::Unit(v)) = w {
                let scale_next = k + 1 < n && scale_at(doc, k + 1).is_some();
                if current == 0.0
                    && last_scale > 0.0
                    && v * last_scale > total
                    && !scale_next
                    && i > 0
                    && number_words()
                        .range_from
                        .contains(&without_conj(&doc.toks[i - 1].norm))
                {
                    break;
                }
            }
            w
        } else {
            None
        };
        let Some(w) = w else { break };
        if current == 0.0 && !matches!(w, W::Scale(_, _)) {
            seg_first = Some(k);
        }
        match w {
            // الاثنين ثلاث غارات: a unit right after a number (no و) begins another one.
            W::Unit(_) if k > i && current > 0.0 && word_value(norm).is_some() => break,
            // ثلاث مئة = 300
            W::Hundred(v)
                if v == 100.0
                    && k > i
                    && current > 0.0
                    && current < 10.0
                    && word_value(norm).is_some() =>
            {
                current *= 100.0
            }
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
        // Ambiguous lone words: ست (lady), عشر, اثنين (Monday), واحد (one of): a number
        // before a counted noun (سبع مباريات، عشر سنوات), after a definite noun when definite
        // itself (التهم الخمس), واحد/واحدة after its noun (بغارة واحدة).
        let ambiguous = |w: &str| number_words().lone.contains(&w);
        // The ambiguous form (واحدة itself, not احدة after a و) and whether it has ال.
        let lone = [norm, bare].into_iter().find_map(|f| {
            let d = f.strip_prefix("ال");
            let l = d.unwrap_or(f);
            ambiguous(l).then_some((l, d.is_some()))
        });
        if let Some((lone, definite)) = lone {
            let ok = match (lone, definite) {
                // not وأحد ("and one of") nor واحد من ("one of")
                // (but يوم واحد من، أسبوع واحد من: a span of time or a count before من),
                // and صفر-واحد: a side of a score
                ("واحد" | "واحده" | "واحدا", false) => {
                    (indefinite_noun_before(doc, i)
                        && !doc.surface(i).contains(['أ', 'إ'])
                        && (doc.toks.get(i + 1).is_none_or(|t| !is_of(&t.norm))
                            || count_noun_at(doc, i - 1)))
                        || (i >= 2 && is_dash(doc, i - 1) && score_side(doc, i - 2))
                }
                // فلسطينيين اثنين: after its plural or dual noun (not يوم اثنين, Monday)
                ("اثنين", false) => post_nominal_two(doc, i),
                // التهم الخمس، الخمس أسابيع: after its definite noun or before a counted one
                ("خمس" | "ست" | "سبع" | "عشر", true) => {
                    definite_noun_before(doc, i) || (i + 1 < n && count_noun_at(doc, i + 1))
                }
                ("خمس" | "ست" | "سبع" | "عشر", false) => counted_noun_after(doc, i),
                _ => false,
            };
            if !ok {
                return None;
            }
        }
        // آلاف الطلاب: a plural scale alone is a vague quantity.
        if matches!(first_w.0, W::Scale(_, _))
            && number_words().vague.iter().any(|v| norm.ends_with(v))
        {
            return None;
        }
    }
    Some((value, last, kind))
}

/// A number at token `i` whose first word [`first_number_word`] does not read: صفر in a
/// score (3-صفر); a definite ten or hundred after a definite ordinal head (للمرة الأربعين،
/// الذكرى المئتين); a short unit after ب/ل (لخمس عشرة دولة، بستة مراكز).
fn other_first_word(doc: &Doc, i: usize) -> Option<(f64, usize, NumberKind)> {
    let n = doc.toks.len();
    let norm = doc.toks[i].norm.as_str();
    let dash = |k: usize| k < n && is_dash(doc, k);
    if norm == "صفر" {
        // بثلاثة أهداف مقابل صفر: after مقابل and the goals of the other side.
        let against = i >= 2 && doc.toks[i - 1].norm == "مقابل" && {
            let p = doc.toks[i - 2].norm.as_str();
            let p = p.strip_prefix('ب').unwrap_or(p);
            number_words().score_nouns.contains(&p) || doc.toks[i - 2].kind == TokenKind::Number
        };
        let score = (i >= 2 && dash(i - 1) && score_side(doc, i - 2))
            || (dash(i + 1) && i + 2 < n && score_side(doc, i + 2))
            || against;
        return score.then_some((0.0, i, NumberKind::Cardinal));
    }
    // بهدفين لصفر، بثلاثة أهداف لصفر: a score after its goals.
    if norm == "لصفر" {
        let goals = i > 0 && {
            let p = doc.toks[i - 1].norm.as_str();
            let p = p.strip_prefix('ب').unwrap_or(p);
            number_words().score_nouns.contains(&p)
        };
        return goals.then_some((0.0, i, NumberKind::Cardinal));
    }
    // أكثر من النصف، نحو الثلث: a definite fraction after a word of approximation (not النصف
    // الأول، the first half: a span of time).
    if let Some(W::Fraction(v)) = definite_fraction(norm) {
        let hedge = |k: usize| number_words().hedges.contains(&doc.toks[k].norm.as_str());
        let hedged =
            i >= 1 && (hedge(i - 1) || (i >= 2 && doc.toks[i - 1].norm == "من" && hedge(i - 2)));
        let ordinal_after = doc.toks.get(i + 1).is_some_and(|t| {
            matches!(first_number_word(&t.norm), Some((W::Ordinal(_), _)))
                || number_words().stages.contains(&t.norm.as_str())
        });
        return (hedged && !ordinal_after).then_some((v, i, NumberKind::Fraction));
    }
    // لأول مرة: أول after ل before its noun.
    if norm == "لاول" {
        let noun = i + 1 < n && !doc.line_break_after(i) && {
            let t = &doc.toks[i + 1];
            t.is_word() && !t.number_word && (!t.stop || t.norm == "مره")
        };
        return noun.then_some((1.0, i, NumberKind::Ordinal));
    }
    if let Some(W::Ten(v) | W::Hundred(v)) = definite_ten(norm) {
        let head = i > 0 && {
            let p = without_conj(&doc.toks[i - 1].norm);
            ["لل", "بال", "ال"]
                .iter()
                .find_map(|a| p.strip_prefix(a))
                .is_some_and(|h| number_words().ordinal_heads.contains(&h))
        };
        if head {
            return Some((v, i, NumberKind::Ordinal));
        }
        // صاحب العشرين عاما: a definite ten before a counted noun or a span of time is a count.
        let counted = i + 1 < n && !doc.line_break_after(i) && count_noun_at(doc, i + 1);
        return counted.then_some((v, i, NumberKind::Cardinal));
    }
    let W::Unit(v) = short_prep_unit(norm)? else {
        return None;
    };
    if i + 1 < n
        && !doc.line_break_after(i)
        && word_value(&doc.toks[i + 1].norm) == Some(W::Unit(10.0))
    {
        return Some((v + 10.0, i + 1, NumberKind::Cardinal));
    }
    // not لست ("I am not")
    let rest = norm.strip_prefix(['ب', 'ل']).unwrap_or(norm);
    (rest != "ست" && counted_noun_after(doc, i)).then_some((v, i, NumberKind::Cardinal))
}

/// Whether token `k` is a dash (3-1).
fn is_dash(doc: &Doc, k: usize) -> bool {
    matches!(doc.surface(k), "-" | "–")
}

/// Whether token `k` may be a side of a score: digits, صفر or a unit word (صفر-واحد).
fn score_side(doc: &Doc, k: usize) -> bool {
    let t = &doc.toks[k];
    t.kind == TokenKind::Number
        || (t.is_word() && (t.norm == "صفر" || matches!(word_value(&t.norm), Some(W::Unit(_)))))
}

/// Whether token `k` is a noun of time (يوم، أسبوع، عاما) or a noun counted in news (شخص،
/// جندي), with or without a clitic: what a count goes with.
fn count_noun_at(doc: &Doc, k: usize) -> bool {
    let t = &doc.toks[k];
    t.is_word()
        && (crate::lexicon::clitics::candidates(&t.norm)
            .any(|c| number_words().time_nouns.contains(&c.as_ref()))
            || counted_keys().contains(khabar_text::stem(t.norm.as_str())))
}

/// Whether the token before `i` is an indefinite noun-like word (نقطة واحدة، لغة أولى).
fn indefinite_noun_before(doc: &Doc, i: usize) -> bool {
    i > 0 && {
        let p = &doc.toks[i - 1];
        p.is_word()
            && !p.stop
            && !p.number_word
            && !without_conj(&p.norm).starts_with("ال")
            && !doc.line_break_after(i - 1)
    }
}

/// Whether اثنين at `i` follows its noun: an indefinite plural or dual (فلسطينيين اثنين، شخصين
/// اثنين), not a noun of time (يوم اثنين is Monday).
fn post_nominal_two(doc: &Doc, i: usize) -> bool {
    indefinite_noun_before(doc, i) && {
        let p = doc.toks[i - 1].norm.as_str();
        ["ين", "ان", "ات", "ون"].iter().any(|e| p.ends_with(e))
    }
}

/// Whether a word is من "of", alone or with a pronoun (منهم، منها): after واحد, "one of".
fn is_of(norm: &str) -> bool {
    norm.strip_prefix("من")
        .is_some_and(|r| matches!(r, "" | "هم" | "ها" | "هما" | "هن" | "كم" | "نا"))
}

/// Whether the token before `i` is a definite word (التهم الخمس).
fn definite_noun_before(doc: &Doc, i: usize) -> bool {
    i > 0 && {
        let p = &doc.toks[i - 1];
        let w = without_conj(&p.norm);
        p.is_word()
            && !p.stop
            && !p.number_word
            && ["ال", "بال", "لل", "كال"].iter().any(|a| w.starts_with(a))
    }
}

/// Whether the token after `i` is an indefinite noun a count may go with (سبع مباريات).
fn counted_noun_after(doc: &Doc, i: usize) -> bool {
    i + 1 < doc.toks.len() && !doc.line_break_after(i) && {
        let u = &doc.toks[i + 1];
        u.is_word()
            && !u.stop
            && word_value(&u.norm).is_none()
            && !u.norm.starts_with("ال")
            && u.norm.chars().count() >= 3
    }
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

    fn one(t: &str) -> Number {
        let r = find(&Doc::new(t));
        assert_eq!(r.len(), 1, "{t}: {r:?}");
        r.into_iter().next().unwrap()
    }

    #[test]
    fn money_carries_its_currency() {
        let n = one("ووقعت الشركة عقدا بقيمة 950 مليون ريال سعودي مع الوزارة.");
        assert_eq!(
            (n.value, n.money, n.currency),
            (950e6, true, Some(Currency::Sar))
        );
        let n = one("وبلغت الأرباح 20 مليار درهم خلال العام.");
        assert_eq!((n.money, n.currency), (true, None)); // a bare درهم: money, no currency
        let n = one("وتبلغ كلفة المشروع 3 ملايين دولار.");
        assert_eq!(n.currency, Some(Currency::Usd));
        let n = one("في صفقة قيمتها 10 مليارات جنيه إسترليني.");
        assert_eq!(n.currency, Some(Currency::Gbp));
        let n = one("وسجل سعر الصرف 17.5 جنيها مصريا للدولار الواحد.");
        assert_eq!((n.value, n.currency), (17.5, Some(Currency::Egp)));
        let n = one("وفرضت غرامة قدرها ألف دينار كويتي.");
        assert_eq!((n.value, n.currency), (1000.0, Some(Currency::Kwd)));
        // a chain takes the currency of its end
        let n = one("واستثمرت الحكومة ثمانية آلاف و500 يورو.");
        assert_eq!((n.value, n.currency), (8500.0, Some(Currency::Eur)));
        assert!(!one("وأصيب 300 شخص بجروح.").money);
        let n = one("ويباع الجهاز بسعر 999$ في المتاجر.");
        assert_eq!((n.value, n.currency), (999.0, Some(Currency::Usd)));
        assert_eq!(
            one("وارتفع السعر إلى €45 للقطعة.").currency,
            Some(Currency::Eur)
        );
        let j = serde_json::to_string(&one("بقيمة 5 ملايين درهم إماراتي")).unwrap();
        assert!(j.contains(r#""money":true,"currency":"AED""#), "{j}");
    }

    #[test]
    fn dot_grouped_thousands_and_decimals() {
        assert_eq!(one("بكفالة قدرها 480.000 دولار.").value, 480_000.0);
        assert_eq!(one("وشارك في المسيرة 2.500 شخص.").value, 2500.0);
        // not a count in wholes: a decimal mark (3.750 ريال), and before a scale
        assert_eq!(one("واستقر سعر الدولار عند 3.750 ريال.").value, 3.75);
        assert_eq!(one("بلغت المبيعات 1.500 مليون برميل.").value, 1_500_000.0);
        assert_eq!(parse_digits("1.234.567"), Some(1234567.0));
    }

    #[test]
    fn fasila_decimals_halves_and_signs() {
        let n = one("وحصل المرشح على ثلاثة وأربعين فاصلة خمسة في المئة من الأصوات.");
        assert_eq!((n.value, n.kind), (43.5, NumberKind::Percent));
        assert_eq!(one("وتقاضى اللاعب 7 ونصف مليون يورو.").value, 7_500_000.0);
        let n = one("وتراوحت التوقعات بين -0.5% و+1.2% هذا العام.");
        assert_eq!((n.value, n.to), (-0.5, Some(1.2)));
        assert_eq!(
            values("وتنخفض الحرارة ليلا إلى 3 أو 4 درجات تحت الصفر."),
            [(-3.0, None), (-4.0, None)]
        );
        assert_eq!(values("وسجلت خمس درجات تحت الصفر."), [(-5.0, None)]);
    }

    #[test]
    fn lone_words_with_their_noun_and_scores() {
        assert_eq!(values("وقضى في السجن سبع سنوات."), [(7.0, None)]);
        assert_eq!(values("وتوقفت المباراة لمدة عشر دقائق."), [(10.0, None)]);
        assert_eq!(values("وتقدم الفريق بستة مراكز."), [(6.0, None)]);
        assert_eq!(values("وشارك وفد يمثل لخمس عشرة دولة."), [(15.0, None)]);
        let n = one("ونفى المتهم الاتهامات الخمس.");
        assert_eq!((n.value, n.unit.as_deref()), (5.0, Some("الاتهامات")));
        let n = one("وحصل على نقطة واحدة فقط.");
        assert_eq!((n.value, n.unit.as_deref()), (1.0, Some("نقطة")));
        assert!(find(&Doc::new("وقالت ست البيت إنها سعيدة.")).is_empty());
        assert!(find(&Doc::new("ولست متأكدا من ذلك.")).is_empty());
        assert!(find(&Doc::new("لأنه واحد من أهم المشاريع")).is_empty());
        assert_eq!(values("وشن الطيران الاثنين ثلاث غارات."), [(3.0, None)]);
        assert_eq!(values("وشارك ثلاث مئة متطوع."), [(300.0, None)]);
        assert_eq!(
            values("وفاز الهلال 2-صفر على ضيفه."),
            [(2.0, None), (0.0, None)]
        );
        assert!(find(&Doc::new("وخرج بآلاف المتظاهرين إلى الشوارع.")).is_empty());
        assert_eq!(one("وحضر ثلثي الأعضاء.").value, 2.0 / 3.0);
    }

    #[test]
    fn first_times_sport_scores_and_one_after_its_noun() {
        let n = one("وتأهلت أيسلندا إلى كأس العالم لأول مرة في تاريخها.");
        assert_eq!((n.value, n.kind), (1.0, NumberKind::Ordinal));
        let n = one("وحدد الباحثون عاملين: أولهما النمو القوي للاقتصاد.");
        assert_eq!((n.value, n.kind), (1.0, NumberKind::Ordinal));
        // باول is a name (Powell), not بـ + أول
        assert!(find(&Doc::new("وقال جيروم باول إن الاقتصاد قوي.")).is_empty());
        assert_eq!(
            values("بعد فوزه على المنتخب الإنجليزي بهدفين لصفر."),
            [(0.0, None)]
        );
        assert_eq!(
            values("ودع المنتخب البطولة بعد خسارته صفر-واحد أمام الأوروغواي."),
            [(0.0, None), (1.0, None)]
        );
        // يوم واحد من، أسبوع واحد من: a span of time, not "one of"
        let n = one("وجاء القرار بعد يوم واحد من الاحتجاج الرسمي.");
        assert_eq!((n.value, n.unit.as_deref()), (1.0, Some("يوم")));
        assert!(find(&Doc::new("وقال إن ريال مدريد واحد من أفضل الفرق.")).is_empty());
        let n = one("والدولتان ترفعان شعارا واحدا في كل المناسبات.");
        assert_eq!((n.value, n.unit.as_deref()), (1.0, Some("شعارا")));
        // a definite ten before its counted noun is a count, not an ordinal
        let n = one("وأشرك المدرب ابنه صاحب العشرين عاما في المباراة.");
        assert_eq!(
            (n.value, n.kind, n.unit.as_deref()),
            (20.0, NumberKind::Cardinal, Some("عاما"))
        );
        assert!(find(&Doc::new("وتعقد قمة مجموعة العشرين في الأرجنتين.")).is_empty());
        // a day before a slash and its month is a date's
        assert_eq!(
            values("وبدأت المرحلة الثالثة يوم 10/ سبتمبر أيلول."),
            [(3.0, None)]
        );
        let n = one("ووقع عقد الرعاية بمبلغ ثلاثة ملايين باوند.");
        assert_eq!((n.value, n.currency), (3e6, Some(Currency::Gbp)));
    }

    #[test]
    fn a_decimal_comma_holds_for_the_whole_text() {
        assert_eq!(
            values("ويبلغ وزن الكأس 6,175 كلغ، منها 4,9 كلغ من الذهب الخالص."),
            [(6.175, None), (4.9, None)]
        );
        // alone, or before what is counted in wholes, the comma groups thousands
        assert_eq!(values("ويبلغ وزنها 6,175 كلغ."), [(6175.0, None)]);
        assert_eq!(
            values("ويصوت 285,564 شخصا في 8,959 مركزا من أصل 24,5 مليون ناخب."),
            [(285564.0, None), (8959.0, None), (24.5e6, None)]
        );
    }

    #[test]
    fn ordinals_first_and_definite_tens() {
        let n = one("وأصبحت أول امرأة تتولى المنصب.");
        assert_eq!((n.value, n.kind), (1.0, NumberKind::Ordinal));
        let n = one("ويحتفل النادي بالذكرى الخمسين لتأسيسه.");
        assert_eq!((n.value, n.kind), (50.0, NumberKind::Ordinal));
        assert_eq!(one("وتوج باللقب للمرة الأربعين.").value, 40.0);
        assert_eq!(one("وثالثا، تعزيز التعاون.").value, 3.0);
        // a definite ten after a noun that takes no ordinal is no ordinal
        assert!(find(&Doc::new("خلال السنوات العشرين الماضية")).is_empty());
    }

    #[test]
    fn ranges_of_one_scale_changes_and_days() {
        assert_eq!(
            values("ويقدر عدد النازحين بين أربعة ملايين وستة."),
            [(4e6, Some(6e6))]
        );
        let r = find(&Doc::new(
            "وقررت الحكومة تمديد فترة الإقامة المؤقتة للعمال الأجانب من 30 إلى 90 يوما.",
        ));
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].value, r[0].unit.as_deref()), (30.0, Some("يوما")));
        // days of a date are the date's
        assert!(find(&Doc::new("وتقام البطولة من 15 إلى 25 أكتوبر.")).is_empty());
        assert!(find(&Doc::new(
            "وتقام المباراة مساء السادس والعشرين من الشهر الجاري."
        ))
        .is_empty());
        // years after a name or a year noun are dates
        assert!(find(&Doc::new("وتستعد المدينة لمعرض إكسبو 2020.")).is_empty());
        assert!(find(&Doc::new("بنسبة كبيرة مقارنة بعام 2016.")).is_empty());
    }

    #[test]
    fn bare_and_hedged_ranges_in_either_order() {
        // A إلى B without من is a span; a hedge may stand before the second end.
        assert_eq!(
            values("ويتوقع المسؤولون نشر 400 إلى 1500 جندي على الحدود."),
            [(400.0, Some(1500.0))]
        );
        assert_eq!(
            values("وتتراوح تقديرات عدد الضحايا من 30 إلى أكثر من 50 شخصا."),
            [(30.0, Some(50.0))]
        );
        assert_eq!(
            values("بكلفة لا تقل عن 70 إلى 140 مليون دولار سنويا."),
            [(70e6, Some(140e6))]
        );
        // بين written high to low: the lower end first.
        let r = find(&Doc::new("وتتراوح الرسوم الجديدة بين 20 بالمئة و5 بالمئة."));
        assert_eq!((r.len(), r[0].value, r[0].to), (1, 5.0, Some(20.0)));
        assert_eq!(r[0].kind, NumberKind::Percent);
        // not a percent to an amount, nor a year to a count
        assert_eq!(
            values("وصعد الذهب 0.8 بالمئة إلى 1250.50 دولار للأوقية."),
            [(0.8, None), (1250.5, None)]
        );
        let r = values("وسيتقلص عدد العمال من 50,2 مليونا في 2016 الى 44,1 مليونا في 2030.");
        assert!(
            r.contains(&(44.1e6, None)) && r.iter().all(|v| v.1.is_none()),
            "{r:?}"
        );
    }

    #[test]
    fn stages_hedged_halves_and_scores_against_zero() {
        // ربع النهائي، نصف النهائي name stages of a contest
        assert!(find(&Doc::new(
            "وتأهل الفريق إلى الدور نصف النهائي بعد فوزه في ربع النهائي."
        ))
        .is_empty());
        // أكثر من النصف: a fraction; النصف الأول: a span of time
        let r = find(&Doc::new("ويقرأ أكثر من النصف كتابا كل شهر."));
        assert_eq!(
            (r.len(), r[0].value, r[0].kind),
            (1, 0.5, NumberKind::Fraction)
        );
        assert!(find(&Doc::new("وتراجعت الأرباح في النصف الأول من العام."))
            .iter()
            .all(|n| n.kind != NumberKind::Fraction));
        // صفر-3: the sides of a score, not a negative three
        assert_eq!(
            values("بعد خسارته أمام ليفربول صفر-3 على ملعبه."),
            [(0.0, None), (3.0, None)]
        );
        // الربع الثاني من السنة المالية: a span of time
        assert!(find(&Doc::new(
            "ونما الناتج خلال الربع الثاني من السنة المالية الحالية."
        ))
        .is_empty());
        // بأربعة أهداف مقابل صفر
        assert_eq!(
            nums("وفاز الفريق بأربعة أهداف مقابل صفر."),
            [(4.0, Some("أهداف".to_string())), (0.0, None)]
        );
    }

    #[test]
    fn first_by_its_noun_second_with_tanween_and_the_first_who() {
        let ords = |t: &str| {
            find(&Doc::new(t))
                .into_iter()
                .filter(|n| n.kind == NumberKind::Ordinal)
                .map(|n| n.value)
                .collect::<Vec<_>>()
        };
        // after a colon or a quotation mark, أول still stands by its noun
        assert_eq!(
            ords("في هذا البرنامج: أول معرض للفن الرقمي في المدينة."),
            [1.0]
        );
        assert_eq!(ords("وأطلقت \"ناسا\" أول مسبار لدراسة باطن الكوكب."), [1.0]);
        assert_eq!(ords("وكان أحد المستخدمين أول من لاحظ الخلل."), [1.0]);
        assert_eq!(ords("ويستعد المخرج لتقديم جزء ثانٍ من الفيلم."), [2.0]);
        // أول أمس، أول من أمس: a day
        assert!(ords("ووصل الوفد أول من أمس إلى العاصمة.").is_empty());
        assert!(ords("ووصل الوفد أول أمس إلى العاصمة.").is_empty());
    }

    #[test]
    fn one_and_two_after_their_noun_but_not_one_of() {
        assert_eq!(
            nums("وأسفرت المواجهات عن مقتل شرطيين اثنين في المدينة."),
            [(2.0, Some("شرطيين".to_string()))]
        );
        // واحد منهم "one of them" is a pronoun, like واحد من
        assert!(find(&Doc::new("ويمكنك حذف حساب واحد منهم فقط.")).is_empty());
        assert!(find(&Doc::new("وكانت الاجتماعات يوم اثنين من كل أسبوع.")).is_empty());
        // التهم الخمس and الخمس أسابيع
        assert_eq!(
            nums("وستطرح الوزارة السندات على مدار الخمس أسابيع المقبلة."),
            [(5.0, Some("أسابيع".to_string()))]
        );
    }

    #[test]
    fn years_in_words_seasons_and_days_of_the_month() {
        // عام ثلاثة وتسعين is a year; عام واحد one year
        assert!(find(&Doc::new("وقعت الاتفاقية عام ثلاثة وتسعين.")).is_empty());
        assert_eq!(nums("بأجل عام واحد."), [(1.0, Some("عام".to_string()))]);
        // موسم 2017/ 2018: both years
        assert!(find(&Doc::new("أفضل لاعب في موسم 2017/ 2018.")).is_empty());
        // a conjunction after a name's year is not its unit (بطولة أوروبا 2016 بعدما)
        assert!(find(&Doc::new(
            "وبلغ الدور ربع النهائي لبطولة أوروبا 2016 بعدما أقصى منافسه."
        ))
        .is_empty());
        // في الـ 12 من الشهر، من العاشر حتى السادس عشر من فبراير: days of dates
        assert!(find(&Doc::new("وتعقد القمة في الـ 14 من الشهر الحالي.")).is_empty());
        assert!(find(&Doc::new("خلال الأسبوع الممتد من الثالث حتى التاسع من مارس.")).is_empty());
    }

    #[test]
    fn units_are_nouns() {
        let n = one("وشاركت 4 من الطائرات الحربية.");
        assert_eq!(n.unit.as_deref(), Some("الطائرات"));
        assert_eq!(one("واحتل المنتخب المركز 21 عالميا.").unit, None);
        let n = one("وتبلغ مساحتها 360 ألف كيلو متر مربع.");
        assert_eq!(n.unit.as_deref(), Some("كيلو متر مربع"));
        let n = one("ونعى الحزب القتلى الثلاثة.");
        assert_eq!(n.unit.as_deref(), Some("القتلى"));
        let n = one("وضبطت الشرطة (٣٥٩) طلقة نارية.");
        assert_eq!((n.value, n.unit.as_deref()), (359.0, Some("طلقة")));
        assert_eq!(one("وبلغ 174 ألفا عام ٢٠١٠.").unit, None);
        assert_eq!(one("واحتشد ألفين خرجوا إلى الساحة.").unit, None);
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

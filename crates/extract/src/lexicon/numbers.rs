//! The number words (`data/number_words.tsv`): units, tens, hundreds, scales,
//! fractions and ordinals with their values, the percent phrases, and the
//! words that make a bare ordinal a month's; the currency words
//! (`data/currencies.tsv`) with their ISO 4217 codes.

use super::clitics::strip_conj;
use super::rows;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

macro_rules! currencies {
    ($($v:ident $code:literal $name:literal,)*) => {
        /// A currency (ISO 4217), serialized as its code (`USD`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Currency {
            $(#[doc = $name] #[serde(rename = $code)] $v,)*
        }

        impl Currency {
            /// Its ISO 4217 code.
            pub fn code(self) -> &'static str {
                match self {
                    $(Currency::$v => $code,)*
                }
            }

            /// The currency of an ISO 4217 code.
            pub fn from_code(code: &str) -> Option<Currency> {
                match code {
                    $($code => Some(Currency::$v),)*
                    _ => None,
                }
            }
        }
    };
}

currencies! {
    Usd "USD" "US dollar",
    Eur "EUR" "euro",
    Gbp "GBP" "pound sterling",
    Jpy "JPY" "yen",
    Cny "CNY" "yuan",
    Rub "RUB" "rouble",
    Chf "CHF" "Swiss franc",
    Cad "CAD" "Canadian dollar",
    Aud "AUD" "Australian dollar",
    Sar "SAR" "Saudi riyal",
    Aed "AED" "UAE dirham",
    Qar "QAR" "Qatari riyal",
    Kwd "KWD" "Kuwaiti dinar",
    Bhd "BHD" "Bahraini dinar",
    Omr "OMR" "Omani rial",
    Jod "JOD" "Jordanian dinar",
    Iqd "IQD" "Iraqi dinar",
    Lbp "LBP" "Lebanese pound",
    Syp "SYP" "Syrian pound",
    Egp "EGP" "Egyptian pound",
    Sdg "SDG" "Sudanese pound",
    Lyd "LYD" "Libyan dinar",
    Tnd "TND" "Tunisian dinar",
    Dzd "DZD" "Algerian dinar",
    Mad "MAD" "Moroccan dirham",
    Yer "YER" "Yemeni rial",
    Irr "IRR" "Iranian rial",
    Try "TRY" "Turkish lira",
    Ils "ILS" "Israeli shekel",
    Myr "MYR" "Malaysian ringgit",
    Ves "VES" "Venezuelan bolivar",
    Inr "INR" "Indian rupee",
    Pkr "PKR" "Pakistani rupee",
    Brl "BRL" "Brazilian real",
}

/// One currency noun form's readings: the bare noun's (`None` when it is
/// ambiguous) and the ones an adjective after it decides.
#[derive(Default)]
struct CurrencyWord {
    bare: Option<Currency>,
    by_adjective: Vec<(&'static str, Currency)>,
}

fn currency_words() -> &'static FxHashMap<&'static str, CurrencyWord> {
    static T: OnceLock<FxHashMap<&'static str, CurrencyWord>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t: FxHashMap<&'static str, CurrencyWord> = FxHashMap::default();
        for f in rows(include_str!("../../data/currencies.tsv")) {
            let code = f.get(1).copied().unwrap_or("");
            let c = match code {
                "-" => None,
                c => Some(
                    Currency::from_code(c)
                        .unwrap_or_else(|| panic!("currencies.tsv: unknown code {c:?}")),
                ),
            };
            let adjectives: Vec<&str> = f
                .get(2)
                .map(|a| a.split(' ').filter(|w| !w.is_empty()).collect())
                .unwrap_or_default();
            for form in f[0].split(' ') {
                let e = t.entry(form).or_default();
                match c {
                    Some(c) if !adjectives.is_empty() => {
                        e.by_adjective.extend(adjectives.iter().map(|&a| (a, c)))
                    }
                    Some(c) => e.bare = Some(c),
                    None => {}
                }
            }
        }
        t
    })
}

/// The currency of a currency sign ($ USD, € EUR, £ GBP, ¥ JPY).
pub(crate) fn currency_sign(s: &str) -> Option<Currency> {
    match s {
        "$" | "US$" => Some(Currency::Usd),
        "€" => Some(Currency::Eur),
        "£" => Some(Currency::Gbp),
        "¥" => Some(Currency::Jpy),
        _ => None,
    }
}

/// Whether a normalized word is a currency noun, and which currency it is with
/// the normalized word after it (`adjective`, when there is one): the adjective
/// decides (ريال سعودي → SAR, جنيه إسترليني → GBP); without one the bare noun's
/// reading holds (دولار → USD), `None` inside when the bare noun is ambiguous
/// (ريال، دينار، جنيه، درهم، ليرة).
pub(crate) fn currency(norm: &str, adjective: Option<&str>) -> Option<Option<Currency>> {
    let w = currency_words().get(norm)?;
    let by_adj = adjective.and_then(|a| {
        let a = a.strip_prefix("ال").unwrap_or(a);
        let a = a
            .strip_suffix('ا')
            .or_else(|| a.strip_suffix('ه'))
            .unwrap_or(a);
        w.by_adjective
            .iter()
            .find_map(|&(x, c)| (x == a).then_some(c))
    });
    Some(by_adj.or(w.bare))
}

/// The value of one number word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum W {
    /// 1–10 (and the feminine/masculine forms).
    Unit(f64),
    Ten(f64),
    Hundred(f64),
    /// A scale word; the multiplier it carries on its own (ألفان = 2).
    Scale(f64, f64),
    Fraction(f64),
    Ordinal(f64),
}

pub(crate) struct NumberWords {
    values: FxHashMap<&'static str, W>,
    /// Too ambiguous alone (ست "lady", اثنين "Monday").
    pub lone: Vec<&'static str>,
    /// Percent phrases after a number (في المائة), as normalized words.
    pub percent: Vec<Vec<&'static str>>,
    /// Words after which a bare ordinal is a month's (كانون الثاني).
    pub month_heads: Vec<&'static str>,
    /// Before the first end of a range (بين).
    pub range_from: Vec<&'static str>,
    /// Between the ends of a range (إلى، حتى).
    pub range_to: Vec<&'static str>,
    /// Verbs and nouns of change: من A إلى B after them is two values.
    pub change: Vec<&'static str>,
    /// Nouns after which a definite ten or hundred is an ordinal (للمرة الأربعين).
    pub ordinal_heads: Vec<&'static str>,
    /// Plural scales that alone are vague quantities (آلاف الطلاب).
    pub vague: Vec<&'static str>,
    /// Words after a number that are not its unit (مقابل، تحت، فقط).
    pub not_units: Vec<&'static str>,
    /// Unit words that join the next word into one unit (كيلو متر).
    pub unit_heads: Vec<&'static str>,
    /// Words that finish the unit before them (متر مربع، قدم مكعبة).
    pub unit_tails: Vec<&'static str>,
    /// Nouns of time after which واحد stays a number before من (يوم واحد من).
    pub time_nouns: Vec<&'static str>,
    /// Goal words after which لصفر is a score (بهدفين لصفر).
    pub score_nouns: Vec<&'static str>,
    /// Words after which a fraction names a stage of a contest (ربع النهائي).
    pub stages: Vec<&'static str>,
    /// Words of approximation before a quantity (نحو، أكثر من).
    pub hedges: Vec<&'static str>,
}

fn value(s: &str) -> f64 {
    let v = match s.split_once('/') {
        Some((a, b)) => a
            .parse::<f64>()
            .ok()
            .zip(b.parse::<f64>().ok())
            .map(|(a, b)| a / b),
        None => s.parse().ok(),
    };
    v.unwrap_or_else(|| panic!("number_words.tsv: bad value {s:?}"))
}

pub(crate) fn number_words() -> &'static NumberWords {
    static T: OnceLock<NumberWords> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = NumberWords {
            values: FxHashMap::default(),
            lone: Vec::new(),
            percent: Vec::new(),
            month_heads: Vec::new(),
            range_from: Vec::new(),
            range_to: Vec::new(),
            change: Vec::new(),
            ordinal_heads: Vec::new(),
            vague: Vec::new(),
            not_units: Vec::new(),
            unit_heads: Vec::new(),
            unit_tails: Vec::new(),
            time_nouns: Vec::new(),
            score_nouns: Vec::new(),
            stages: Vec::new(),
            hedges: Vec::new(),
        };
        for f in rows(include_str!("../../data/number_words.tsv")) {
            let v = || value(f.get(2).copied().unwrap_or(""));
            let w = match f[1] {
                "unit" => W::Unit(v()),
                "ten" => W::Ten(v()),
                "hundred" => W::Hundred(v()),
                "scale" => W::Scale(v(), value(f.get(3).copied().unwrap_or(""))),
                "fraction" => W::Fraction(v()),
                "ordinal" => W::Ordinal(v()),
                "percent" => {
                    t.percent.push(f[0].split(' ').collect());
                    continue;
                }
                "month-head" | "range-from" | "range-to" | "change" | "ordinal-head"
                | "not-unit" | "unit-head" | "unit-tail" | "time-noun" | "score-noun" | "stage"
                | "hedge" => {
                    match f[1] {
                        "stage" => &mut t.stages,
                        "hedge" => &mut t.hedges,
                        "time-noun" => &mut t.time_nouns,
                        "score-noun" => &mut t.score_nouns,
                        "not-unit" => &mut t.not_units,
                        "unit-head" => &mut t.unit_heads,
                        "unit-tail" => &mut t.unit_tails,
                        "month-head" => &mut t.month_heads,
                        "range-from" => &mut t.range_from,
                        "range-to" => &mut t.range_to,
                        "ordinal-head" => &mut t.ordinal_heads,
                        _ => &mut t.change,
                    }
                    .push(f[0]);
                    continue;
                }
                k => panic!("number_words.tsv: unknown kind {k:?}"),
            };
            match f.get(4).copied().unwrap_or("") {
                "lone" => t.lone.push(f[0]),
                "vague" => t.vague.push(f[0]),
                "" => {}
                x => panic!("number_words.tsv: unknown flag {x:?}"),
            }
            // The first of a word listed twice.
            t.values.entry(f[0]).or_insert(w);
        }
        t
    })
}

/// The search keys of the counted nouns that are measures, counted in fractions too
/// (`data/counted_nouns.tsv`, flag `measure`: دولار، برميل، كيلومتر).
pub(crate) fn measure_keys() -> &'static rustc_hash::FxHashSet<String> {
    static K: OnceLock<rustc_hash::FxHashSet<String>> = OnceLock::new();
    K.get_or_init(|| {
        let mut buf = String::new();
        rows(include_str!("../../data/counted_nouns.tsv"))
            .filter(|f| f.get(1) == Some(&"measure"))
            .map(|f| khabar_text::key_of(f[0], khabar_text::TokenKind::Word, &mut buf).to_string())
            .collect()
    })
}

/// The value of one normalized number word.
pub(crate) fn word_value(norm: &str) -> Option<W> {
    number_words().values.get(norm).copied()
}

/// The value of a word that may begin a number written in words, and whether
/// a clitic was taken off for it: the first word may carry a conjunction or
/// preposition (وثلاثة، بنصف).
pub(crate) fn first_number_word(first: &str) -> Option<(W, bool)> {
    word_value(first)
        .map(|w| (w, false))
        .or_else(|| {
            let s = strip_conj(first)
                .or_else(|| first.strip_prefix('ب'))
                .or_else(|| first.strip_prefix('ل'))?;
            // بثلاثة، لخمسة; but not لست ("I am not")
            if s.chars().count() < 4 && !first.starts_with(['و', 'ف']) {
                return None;
            }
            word_value(s).map(|w| (w, true))
        })
        .or_else(|| definite_unit(first).map(|w| (w, false)))
        .or_else(|| definite_unit(strip_conj(first)?).map(|w| (w, true)))
}

/// A unit written with the article (الثلاثة، الستة عشر، الخمس): the unit.
pub(crate) fn definite_unit(norm: &str) -> Option<W> {
    word_value(norm.strip_prefix("ال")?).filter(|w| matches!(w, W::Unit(_)))
}

/// A fraction written with the article (النصف، الثلث، الربع): the fraction.
pub(crate) fn definite_fraction(norm: &str) -> Option<W> {
    word_value(norm.strip_prefix("ال")?).filter(|w| matches!(w, W::Fraction(_)))
}

/// A ten or hundred written with the article, with or without و (الأربعين،
/// المئتين، والعشرين): the word.
pub(crate) fn definite_ten(norm: &str) -> Option<W> {
    let n = strip_conj(norm).unwrap_or(norm);
    word_value(n.strip_prefix("ال")?).filter(|w| matches!(w, W::Ten(_) | W::Hundred(_)))
}

/// A short unit after ب or ل that [`first_number_word`] leaves out (لخمس، بستة):
/// a number only where what follows says so.
pub(crate) fn short_prep_unit(norm: &str) -> Option<W> {
    let s = norm.strip_prefix('ب').or_else(|| norm.strip_prefix('ل'))?;
    word_value(s).filter(|w| matches!(w, W::Unit(_)))
}

/// Whether a norm form may begin a number written in words (kept for each
/// word by the vocabulary).
pub(crate) fn may_begin_number(norm: &str) -> bool {
    first_number_word(norm).is_some()
        || definite_ten(norm).is_some()
        || short_prep_unit(norm).is_some()
        || definite_fraction(norm).is_some()
        || matches!(norm, "صفر" | "لصفر" | "لاول")
}

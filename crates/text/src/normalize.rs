//! Normalization of one token: a lossless display form and a lossy search form.
//!
//! Both functions append to a caller-owned buffer so the hot path allocates
//! nothing. Neither changes offsets: tokens keep their spans into the original
//! text; only the strings derived from them are rewritten.

use crate::chars::{is_diacritic, is_invisible, is_presentation_form, TATWEEL};
use unicode_normalization::UnicodeNormalization;

/// Calls `f` with each character of `surface`, presentation forms expanded by
/// NFKC (ﻻ → لا, ﷲ → الله, ﺍﻟﻜﺘﺎﺏ → الكتاب) and everything else as written.
#[inline]
fn for_each_expanded(surface: &str, mut f: impl FnMut(char)) {
    for c in surface.chars() {
        if is_presentation_form(c) {
            for d in std::iter::once(c).nfkc() {
                f(d);
            }
        } else {
            f(c);
        }
    }
}

/// The display form: the writer's letters (diacritics and hamza spelling kept),
/// with presentation forms expanded and invisible marks and tatweel removed.
///
/// ```
/// let mut out = String::new();
/// khabar_text::display_form("كتـــاب\u{200F}", &mut out);
/// assert_eq!(out, "كتاب");
/// ```
pub fn display_form(surface: &str, out: &mut String) {
    for_each_expanded(surface, |c| {
        if !is_invisible(c) && c != TATWEEL {
            out.push(c);
        }
    });
}

/// Folds one character of a display form to its search form; `None` drops it.
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    Some(match c {
        // Fast path: the plain Arabic letters that need no folding.
        'ا' | 'ب' | 'ت' | 'ث' | 'ج' | 'ح' | 'خ' | 'د' | 'ذ' | 'ر' | 'ز' | 'س' | 'ش' | 'ص' | 'ض'
        | 'ط' | 'ظ' | 'ع' | 'غ' | 'ف' | 'ق' | 'ك' | 'ل' | 'م' | 'ن' | 'ه' | 'و' | 'ي' | 'ء' => {
            c
        }
        'a'..='z' | '0'..='9' => c,
        'A'..='Z' => c.to_ascii_lowercase(),
        // Alef with hamza above/below, madda, wasla, and the wavy-hamza alefs.
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' => 'ا',
        // Hamza seats: مسؤول and مسئول share one key.
        'ؤ' | 'ئ' => 'ء',
        // Alef maqsura, Persian yeh, Urdu/Kurdish yehs.
        'ى' | 'ی' | '\u{06D0}' | '\u{06D2}' | '\u{06CD}' => 'ي',
        // Persian keheh and swash kaf.
        'ک' | 'ڪ' => 'ك',
        // Taa marbuta and the heh variants.
        'ة' | 'ۀ' | 'ہ' | 'ھ' | 'ە' => 'ه',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{066B}' => '.',
        '\u{066C}' => ',',
        c if is_diacritic(c) || is_invisible(c) || c == TATWEEL => return None,
        c if c.is_uppercase() => return c.to_lowercase().next(),
        c => c,
    })
}

/// The search form before stemming: the display form with diacritics removed
/// and the lossy foldings applied (alef and hamza variants, ى/ی → ي, ک → ك,
/// ة → ه, all digits to ASCII, Latin lower-cased).
///
/// ```
/// let mut out = String::new();
/// khabar_text::norm_form("الْكِتَابُ", &mut out);
/// assert_eq!(out, "الكتاب");
/// ```
pub fn norm_form(surface: &str, out: &mut String) {
    // Fast path: a prefix of plain Arabic letters (U+0621–U+064A, two bytes
    // each) is read as bytes and copied in runs; only the letters that fold
    // (آ أ إ ؤ ئ ة ى and tatweel) are written one by one. The first other
    // character hands the rest of the token to the general loop below.
    let b = surface.as_bytes();
    let (mut i, mut run) = (0, 0);
    while i + 1 < b.len() {
        let Some(fold) = plain_letter(b[i], b[i + 1]).map(plain_fold) else {
            break;
        };
        if fold != PlainFold::Keep {
            out.push_str(&surface[run..i]);
            if let PlainFold::To(c) = fold {
                out.push(c);
            }
            run = i + 2;
        }
        i += 2;
    }
    out.push_str(&surface[run..i]);
    if i < b.len() {
        norm_form_general(&surface[i..], out);
    }
}

/// The code point of a plain Arabic letter (U+0621–U+064A) whose UTF-8 bytes
/// start with `lead`, `next`; `None` for anything else.
#[inline]
fn plain_letter(lead: u8, next: u8) -> Option<u32> {
    if !matches!(lead, 0xD8 | 0xD9) {
        return None;
    }
    let cp = (u32::from(lead & 0x1F) << 6) | u32::from(next & 0x3F);
    (0x0621..=0x064A).contains(&cp).then_some(cp)
}

/// What [`fold_char`] does to a plain Arabic letter.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum PlainFold {
    Keep,
    Drop,
    To(char),
}

/// [`fold_char`] on U+0621–U+064A, as a closed answer (checked against it for
/// every letter of the range by a test).
#[inline]
fn plain_fold(cp: u32) -> PlainFold {
    match cp {
        0x0622 | 0x0623 | 0x0625 => PlainFold::To('ا'),
        0x0624 | 0x0626 => PlainFold::To('ء'),
        0x0629 => PlainFold::To('ه'),
        0x0649 => PlainFold::To('ي'),
        0x0640 => PlainFold::Drop,
        _ => PlainFold::Keep,
    }
}

/// [`norm_form`] of any text, one character at a time.
fn norm_form_general(surface: &str, out: &mut String) {
    for_each_expanded(surface, |c| {
        // A decomposed hamza above (U+0654) after waw or yeh is the seat ؤ/ئ.
        if c == '\u{0654}' && (out.ends_with('و') || out.ends_with('ي')) {
            out.pop();
            out.push('ء');
            return;
        }
        if let Some(f) = fold_char(c) {
            out.push(f);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut o = String::new();
        norm_form(s, &mut o);
        o
    }
    fn disp(s: &str) -> String {
        let mut o = String::new();
        display_form(s, &mut o);
        o
    }

    #[test]
    fn pitfall_table_rows() {
        // presentation forms, both blocks, including the lam-alef ligatures
        assert_eq!(norm("ﺍﻟﻜﺘﺎﺏ"), "الكتاب");
        assert_eq!(norm("ﻻ"), "لا");
        assert_eq!(norm("ﻷن"), "لان");
        assert_eq!(disp("ﷲ"), "الله");
        // diacritics, superscript alef and Quranic marks
        assert_eq!(norm("الْكِتَابُ"), "الكتاب");
        assert_eq!(norm("هٰذا"), "هذا");
        assert_eq!(norm("الرَّحْمَٰنِ ۖ"), "الرحمن ");
        // tatweel
        assert_eq!(norm("كتـــاب"), "كتاب");
        // alef / hamza
        assert_eq!(norm("أحمد إبراهيم آمال ٱلله"), "احمد ابراهيم امال الله");
        assert_eq!(norm("مسؤول"), norm("مسئول"));
        // yaa and alef maqsura, Persian yeh and kaf
        assert_eq!(norm("مصطفى"), "مصطفي");
        assert_eq!(norm("کتابی"), "كتابي");
        // taa marbuta: key only
        assert_eq!(norm("مدرسة"), "مدرسه");
        assert_eq!(disp("مدرسة"), "مدرسة");
        // digits in all three sets, Arabic decimal separator
        assert_eq!(norm("٢٠٢٢"), "2022");
        assert_eq!(norm("۲۰۲۲"), "2022");
        assert_eq!(norm("٣٫٥"), "3.5");
        // invisible marks: removed, the word stays whole
        assert_eq!(norm("كاز\u{200C}اخستان"), "كازاخستان");
        assert_eq!(disp("\u{202B}موسكو\u{202C}"), "موسكو");
        assert_eq!(disp("بو\u{00AD}تين"), "بوتين");
        // Latin
        assert_eq!(norm("COVID"), "covid");
    }

    #[test]
    fn display_keeps_the_writers_letters() {
        assert_eq!(disp("الْكِتَابُ"), "الْكِتَابُ");
        assert_eq!(disp("أُرسِلت"), "أُرسِلت");
        assert_eq!(disp("كتـــاب"), "كتاب");
    }

    #[test]
    fn plain_letters_fold_as_fold_char_does() {
        for cp in 0x0621..=0x064A_u32 {
            let c = char::from_u32(cp).unwrap();
            let mut bytes = [0; 4];
            let b = c.encode_utf8(&mut bytes).as_bytes();
            assert_eq!(plain_letter(b[0], b[1]), Some(cp));
            let want = match fold_char(c) {
                Some(f) if f == c => PlainFold::Keep,
                Some(f) => PlainFold::To(f),
                None => PlainFold::Drop,
            };
            assert_eq!(plain_fold(cp), want, "U+{cp:04X}");
        }
        for c in ['\u{0620}', '\u{064B}', 'ٱ', 'a', '٣'] {
            let mut bytes = [0; 4];
            let b = c.encode_utf8(&mut bytes).as_bytes();
            assert_eq!(plain_letter(b[0], *b.get(1).unwrap_or(&0)), None, "{c}");
        }
        // The fast prefix hands over to the general loop mid-word, state intact.
        assert_eq!(norm("مسؤولية"), "مسءوليه");
        assert_eq!(norm("إلى الْمدرسة"), "الي المدرسه");
        assert_eq!(norm("مسو\u{0654}ول"), "مسءول");
        assert_eq!(norm("ـأحمدـ"), "احمد");
    }

    #[test]
    fn decomposed_hamza_composes() {
        assert_eq!(norm("مسو\u{0654}ول"), norm("مسؤول"));
        assert_eq!(norm("ا\u{0654}حمد"), "احمد");
    }
}

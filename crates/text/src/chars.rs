//! Character classes of Arabic script and the marks that travel with it.
//!
//! Every predicate here is a plain `match` on code points: no tables, no
//! allocation, branch-predictable on the common case of a base Arabic letter.

/// Harakat and other combining marks that are stripped from search keys:
/// U+064B–U+065F (tanween, harakat, shadda, sukun, hamza above/below, …),
/// U+0670 (superscript alef), the Quranic annotation signs U+0610–U+061A and
/// U+06D6–U+06ED.
#[inline]
pub fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}')
}

/// Tatweel (kashida), U+0640: a stretching stroke with no letter value.
pub const TATWEEL: char = '\u{0640}';

/// Invisible format marks that split or glue words without being seen:
/// the Arabic letter mark, zero-width space/joiners, the bidi embeddings,
/// overrides and isolates, the word joiner, the BOM and the soft hyphen.
/// They are removed from display forms and keys and never split a word.
#[inline]
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{00AD}'
    )
}

/// Arabic presentation forms (A: U+FB50–U+FDFF, B: U+FE70–U+FEFC). NFKC maps
/// them to ordinary letters; a ligature may expand to several letters.
#[inline]
pub fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// Letters of the Arabic script (all blocks, presentation forms included),
/// excluding digits, punctuation and marks.
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(
        c,
        '\u{0620}'..='\u{063F}'
            | '\u{0641}'..='\u{064A}'
            | '\u{066E}'..='\u{066F}'
            | '\u{0671}'..='\u{06D3}'
            | '\u{06D5}'
            | '\u{06EE}'..='\u{06EF}'
            | '\u{06FA}'..='\u{06FC}'
            | '\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{08A0}'..='\u{08C9}'
            | '\u{FB50}'..='\u{FD3D}'
            | '\u{FD50}'..='\u{FDFB}'
            | '\u{FE70}'..='\u{FEFC}'
    )
}

/// The value of a decimal digit in any of the three digit sets used in Arabic
/// text: ASCII, Arabic-Indic (U+0660–U+0669) and Extended Arabic-Indic
/// (U+06F0–U+06F9, Persian and Urdu).
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

#[inline]
pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// Marks that belong to the letter before them: Arabic diacritics, tatweel and
/// any other combining mark in the common combining blocks.
#[inline]
pub fn is_mark(c: char) -> bool {
    is_diacritic(c)
        || c == TATWEEL
        || matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Characters that can make up a word: letters of any script (Arabic ones
/// included) and the marks that ride on them.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    // The Arabic block and General Punctuation hold no alphabetic character
    // beyond the letters and marks above: answered without the Unicode table
    // (a test checks every code point of both blocks).
    if ('\u{0600}'..='\u{06FF}').contains(&c) {
        return is_arabic_letter(c) || is_mark(c);
    }
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return is_mark(c);
    }
    is_arabic_letter(c) || is_mark(c) || (c.is_alphabetic() && !is_digit(c))
}

/// Sentence-final punctuation: . ! ? and the Arabic question mark ؟, the Urdu
/// full stop ۔ and the ellipsis.
#[inline]
pub fn is_sentence_final(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{061F}' | '\u{06D4}' | '\u{2026}')
}

/// Arabic punctuation that always stands alone: comma ، semicolon ؛ question
/// mark ؟, percent ٪, decimal and thousands separators outside numbers.
#[inline]
pub fn is_arabic_punct(c: char) -> bool {
    matches!(
        c,
        '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{066A}'
            ..='\u{066D}' | '\u{06D4}' | '\u{FD3E}' | '\u{FD3F}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut of [`is_word_char`] for the Arabic block and General
    /// Punctuation answers as the full definition does, code point by code point.
    #[test]
    fn word_char_shortcut_matches_the_definition() {
        for cp in (0x0600..=0x06FF).chain(0x2000..=0x206F) {
            let c = char::from_u32(cp).unwrap();
            let full = is_arabic_letter(c) || is_mark(c) || (c.is_alphabetic() && !is_digit(c));
            assert_eq!(is_word_char(c), full, "U+{cp:04X}");
        }
    }
}

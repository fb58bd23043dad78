//! Bytes to text: BOM, UTF-16 by NUL pattern, UTF-8, declared charset, then detection.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Decoded text and the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The WHATWG name of the encoding (`"UTF-8"`, `"windows-1256"`, `"ISO-8859-6"`, `"UTF-16LE"`, …).
    pub encoding: &'static str,
    /// Invalid byte sequences replaced by U+FFFD (UTF-8 that is almost all valid, step 3 below;
    /// malformed UTF-16). 0 for clean input.
    pub replaced: usize,
}

impl Decoded {
    /// The warning to give for this input, when sequences were replaced.
    pub fn warning(&self) -> Option<String> {
        replaced_warning(self.encoding, self.replaced)
    }
}

/// The warning for `replaced` invalid sequences read as `encoding` (none for clean input).
pub(crate) fn replaced_warning(encoding: &str, replaced: usize) -> Option<String> {
    (replaced > 0).then(|| {
        format!(
            "decoded as {encoding} with {replaced} invalid byte sequence{} replaced by U+FFFD",
            if replaced == 1 { "" } else { "s" }
        )
    })
}

/// A UTF-8 byte stream made valid as it is read: each invalid sequence becomes U+FFFD (counted in
/// [`Utf8Stream::replaced`]), a sequence cut by a read boundary is carried to the next read, and
/// past `max` bytes of input the read fails with "larger than the limit of `max` bytes" (what was
/// read before stays read). Lets a large UTF-8 document be parsed as it streams, in constant
/// memory, with the same replacement and limit as a whole-file [`decode_owned`].
pub(crate) struct Utf8Stream<R> {
    inner: R,
    max: u64,
    read: u64,
    /// Valid UTF-8 not yet handed out: `staged[pos..]`.
    staged: Vec<u8>,
    pos: usize,
    /// The start of a sequence the last read cut (at most 3 bytes).
    carry: Vec<u8>,
    eof: bool,
    replaced: usize,
}

impl<R: std::io::Read> Utf8Stream<R> {
    pub(crate) fn new(inner: R, max: u64) -> Self {
        Utf8Stream {
            inner,
            max,
            read: 0,
            staged: Vec::with_capacity(1 << 16),
            pos: 0,
            carry: Vec::new(),
            eof: false,
            replaced: 0,
        }
    }

    /// Invalid sequences replaced so far.
    pub(crate) fn replaced(&self) -> usize {
        self.replaced
    }

    /// Reads the next chunk of input into `staged` as valid UTF-8.
    fn refill(&mut self) -> std::io::Result<()> {
        const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();
        let mut chunk = std::mem::take(&mut self.carry);
        let start = chunk.len();
        chunk.resize(start + (1 << 16), 0);
        let n = loop {
            match self.inner.read(&mut chunk[start..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        chunk.truncate(start + n);
        self.read += n as u64;
        if self.read > self.max {
            return Err(std::io::Error::other(format!(
                "larger than the limit of {} bytes",
                self.max
            )));
        }
        self.eof = n == 0;
        self.staged.clear();
        self.pos = 0;
        let mut rest = &chunk[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    self.staged.extend_from_slice(s.as_bytes());
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    self.staged.extend_from_slice(good);
                    match e.error_len() {
                        Some(len) => {
                            self.staged.extend_from_slice(REPLACEMENT);
                            self.replaced += 1;
                            rest = &bad[len..];
                        }
                        None if self.eof => {
                            self.staged.extend_from_slice(REPLACEMENT);
                            self.replaced += 1;
                            break;
                        }
                        None => {
                            self.carry = bad.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

impl<R: std::io::Read> std::io::Read for Utf8Stream<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        // A chunk may stage nothing (a lone cut sequence): read on until data or the end.
        while self.pos == self.staged.len() && !self.eof {
            self.refill()?;
        }
        let n = out.len().min(self.staged.len() - self.pos);
        out[..n].copy_from_slice(&self.staged[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Bytes that are not all valid UTF-8 are still read as UTF-8 (with the bad sequences replaced)
/// when at least this many valid multi-byte characters come per invalid sequence: 95% of what is
/// not ASCII is valid UTF-8. Legacy Arabic (Windows-1256, ISO-8859-6) is almost never valid
/// UTF-8 (its letters are lead bytes followed by other letters, not continuation bytes), so it
/// stays far below this.
pub const UTF8_VALID_PER_INVALID: usize = 19;

/// Counts of a UTF-8 check: valid multi-byte characters and invalid sequences.
fn utf8_counts(bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    (valid, invalid)
}

/// Is this (not valid) UTF-8 overwhelmingly valid? See [`UTF8_VALID_PER_INVALID`].
fn mostly_utf8(bytes: &[u8]) -> Option<usize> {
    let (valid, invalid) = utf8_counts(bytes);
    (invalid > 0 && valid >= invalid * UTF8_VALID_PER_INVALID).then_some(invalid)
}

/// Decodes bytes of unknown encoding. In order:
/// 1. a byte-order mark (UTF-8, UTF-16 LE/BE) wins;
/// 2. UTF-16 without a BOM, recognised by NULs in every other byte of the first 4 KiB;
/// 3. valid UTF-8 is UTF-8 (mis-declared UTF-8 pages are common; real Windows-1256 Arabic is never
///    valid UTF-8 beyond a few letters), and so is UTF-8 with a few bad sequences (see
///    [`UTF8_VALID_PER_INVALID`]): they are replaced by U+FFFD and counted in
///    [`Decoded::replaced`], rather than the whole text read as mojibake;
/// 4. a charset declared in the first 2 KiB (`<meta charset=…>`, `content="…; charset=…"`,
///    `<?xml … encoding="…"?>`);
/// 5. `chardetng` detection (tells Windows-1256 from ISO-8859-6 even on short text).
///
/// Returns `Err(reason)` when the result still looks like binary data (NULs, many control
/// characters or replacement characters) or when there is no text at all.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    decode_with(bytes)
}

/// [`decode`], taking the bytes: valid UTF-8 (the common case) becomes the text without a copy.
pub(crate) fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, String> {
    if Encoding::for_bom(&bytes).is_none()
        && utf16_by_nuls(&bytes).is_none()
        && std::str::from_utf8(&bytes).is_ok()
    {
        binary_check(&bytes, UTF_8)?;
        // Valid, checked just above.
        let text = String::from_utf8(bytes).unwrap_or_default();
        check_text(&text)?;
        return Ok(Decoded {
            text,
            encoding: UTF_8.name(),
            replaced: 0,
        });
    }
    decode_with(&bytes)
}

/// Rejects data with NUL bytes in more than 0.1% of its first 64 KiB (text in UTF-16 has them).
fn binary_check(bytes: &[u8], enc: &'static Encoding) -> Result<(), String> {
    let head = &bytes[..bytes.len().min(1 << 16)];
    if enc != UTF_16LE
        && enc != UTF_16BE
        && head.iter().filter(|&&b| b == 0).count() * 1000 > head.len()
    {
        return Err("binary data (NUL bytes), not text".to_string());
    }
    Ok(())
}

fn decode_with(bytes: &[u8]) -> Result<Decoded, String> {
    let (enc, body) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        (enc, &bytes[bom_len..])
    } else if let Some(enc) = utf16_by_nuls(bytes) {
        (enc, bytes)
    } else if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes).is_some() {
        (UTF_8, bytes)
    } else if let Some(enc) = declared(bytes) {
        (enc, bytes)
    } else {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        (det.guess(None, chardetng::Utf8Detection::Deny), bytes)
    };
    binary_check(bytes, enc)?;
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    let text = text.into_owned();
    check_text(&text)?;
    let replaced = if !had_errors {
        0
    } else if enc == UTF_8 {
        utf8_counts(body).1
    } else {
        text.chars().filter(|&c| c == '\u{FFFD}').count()
    };
    Ok(Decoded {
        text,
        encoding: enc.name(),
        replaced,
    })
}

/// Rejects decoded text that is binary junk: more than 2% control characters (other than tab,
/// newline, carriage return, form feed) or more than 2% U+FFFD in the first 64 Ki chars.
fn check_text(text: &str) -> Result<(), String> {
    let mut n = 0usize;
    let mut ctrl = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(1 << 16) {
        n += 1;
        if c == '\u{FFFD}' {
            bad += 1;
        } else if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
            ctrl += 1;
        }
    }
    if n == 0 {
        return Err("empty file".to_string());
    }
    if ctrl * 50 > n {
        return Err(format!(
            "binary data, not text ({ctrl} control characters in {n})"
        ));
    }
    if bad * 50 > n {
        return Err(format!(
            "undecodable text ({bad} invalid sequences in {n} characters)"
        ));
    }
    Ok(())
}

/// UTF-16 without BOM, judged on the first 4 KiB. In UTF-16 text one byte of each pair (the high
/// byte) takes very few values: 0x00 for ASCII (spaces, digits, markup, line ends), 0x06 for Arabic,
/// 0x20 for punctuation such as – and ”. So: at least 5% of the high bytes are NUL, almost none (≤1%)
/// of the low bytes are, and the three most common high-byte values cover at least 90% of them.
/// Random binary data has neither property.
pub(crate) fn utf16_by_nuls(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let (high, enc, high_nul, low_nul) = if odd_nul > even_nul {
        (1, UTF_16LE, odd_nul, even_nul)
    } else {
        (0, UTF_16BE, even_nul, odd_nul)
    };
    if high_nul * 20 < pairs || low_nul * 100 > pairs {
        return None;
    }
    let mut counts = [0usize; 256];
    for &b in head.iter().skip(high).step_by(2) {
        counts[b as usize] += 1;
    }
    counts.sort_unstable_by(|a, b| b.cmp(a));
    (counts[..3].iter().sum::<usize>() * 10 >= pairs * 9).then_some(enc)
}

/// A charset declared in the first 2 KiB of HTML or XML.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: Vec<u8> = bytes
        .iter()
        .take(2048)
        .map(u8::to_ascii_lowercase)
        .collect();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let mut from = 0;
        while let Some(pos) = find(&head[from..], key) {
            let start = from + pos + key.len();
            let rest = &head[start..];
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let end = rest
                .iter()
                .position(|b| {
                    !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                })
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..end]) {
                // A page cannot truly be UTF-16 if we got here (no BOM, no NUL pattern): its
                // declaration is wrong, as the HTML standard also says.
                if enc != UTF_16LE && enc != UTF_16BE {
                    return Some(enc);
                }
            }
            from = start;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{ISO_8859_6, WINDOWS_1256};

    const NEWS: &str = "موسكو – لم يترك الرئيس الروسي فلاديمير بوتين أي هامش للمناورة أمام القوى الغربية للتأثير في مجريات الاحتجاجات في كازاخستان.";

    #[test]
    fn windows_1256_is_detected() {
        let (bytes, _, unmappable) = WINDOWS_1256.encode(NEWS);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1256");
        assert_eq!(d.text, NEWS);
    }

    #[test]
    fn iso_8859_6_is_detected() {
        // ISO-8859-6 has no en dash: use a sentence without one.
        let s = "وتعتقد روسيا أن الثورات والنزعات الانفصالية في فنائها الخلفي ليست سوى وصفة غربية لتطويق نفوذها في المنطقة.";
        let (bytes, _, unmappable) = ISO_8859_6.encode(s);
        assert!(!unmappable);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "ISO-8859-6");
        assert_eq!(d.text, s);
    }

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for u in s.encode_utf16() {
            out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let s = format!("<p>{NEWS}</p>\n<p>2022</p>");
        for le in [true, false] {
            for bom in [true, false] {
                let d = decode(&utf16(&s, le, bom)).unwrap();
                assert_eq!(d.text, s, "le={le} bom={bom}");
                assert_eq!(d.encoding, if le { "UTF-16LE" } else { "UTF-16BE" });
            }
        }
    }

    #[test]
    fn utf8_bom_is_stripped_and_utf8_wins_over_a_wrong_declaration() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(NEWS.as_bytes());
        assert_eq!(decode(&b).unwrap().text, NEWS);
        let page = format!("<meta charset=\"windows-1256\"><p>{NEWS}</p>");
        let d = decode(page.as_bytes()).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, page);
    }

    #[test]
    fn declared_charset_is_used() {
        let page = format!("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"></head><body><p>{NEWS}</p></body></html>");
        let (bytes, _, _) = WINDOWS_1256.encode(&page);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1256");
        assert_eq!(d.text, page);
        let xml = format!(
            "<?xml version='1.0' encoding='ISO-8859-6'?><doc>{}</doc>",
            &NEWS[NEWS.find('ل').unwrap()..]
        );
        let (bytes, _, _) = ISO_8859_6.encode(&xml);
        assert_eq!(decode(&bytes).unwrap().encoding, "ISO-8859-6");
    }

    #[test]
    fn junk_and_empty_are_rejected() {
        assert_eq!(decode(b"").unwrap_err(), "empty file");
        assert!(decode(b"PK\x03\x04\x00\x00\x08\x00binary\x00\x01\x02")
            .unwrap_err()
            .contains("binary"));
        let junk: Vec<u8> = (0..4000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(decode(&junk).is_err());
    }

    #[test]
    fn almost_valid_utf8_is_utf8_at_the_threshold_and_legacy_past_it() {
        // NEWS has 103 multi-byte characters (Arabic letters and an en dash).
        let valid = NEWS.chars().filter(|c| c.len_utf8() > 1).count();
        assert_eq!(valid, 103);
        // k bad bytes (a lone 0xFF each, between words) in the text.
        let with_bad = |k: usize| {
            let mut b = Vec::new();
            for (i, w) in NEWS.split(' ').enumerate() {
                if i > 0 {
                    b.push(b' ');
                }
                if i < k {
                    b.push(0xFF);
                }
                b.extend_from_slice(w.as_bytes());
            }
            b
        };
        // 103 >= 2 * 19: UTF-8, two replacements (more than 2% of the characters would be junk,
        // see `check_text`).
        let d = decode(&with_bad(2)).unwrap();
        assert_eq!((d.encoding, d.replaced), ("UTF-8", 2));
        assert_eq!(d.text.replace('\u{FFFD}', ""), NEWS);
        assert_eq!(
            d.warning().unwrap(),
            "decoded as UTF-8 with 2 invalid byte sequences replaced by U+FFFD"
        );
        // At the limit and just past it, on counts: 19 valid per invalid is UTF-8, 18 is not.
        assert_eq!(utf8_counts(&with_bad(5)), (103, 5));
        assert!(mostly_utf8(&with_bad(5)).is_some());
        let mut b = "ب".repeat(19).into_bytes();
        b.push(0xFF);
        assert!(mostly_utf8(&b).is_some());
        b.drain(..2);
        assert!(mostly_utf8(&b).is_none());
        // Real Windows-1256 and ISO-8859-6 stay what they are, with no replacement.
        let (cp, _, _) = WINDOWS_1256.encode(NEWS);
        assert_eq!(utf8_counts(&cp).0, 0);
        let d = decode(&cp).unwrap();
        assert_eq!(
            (d.encoding, d.replaced, d.text.as_str()),
            ("windows-1256", 0, NEWS)
        );
        assert!(d.warning().is_none());
    }
}

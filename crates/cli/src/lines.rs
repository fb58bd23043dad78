//! Lines of a stream, read with a bound on how much of one line is held in memory.
//!
//! `tokenize` and `analyze --jsonl` give one output line per input line; a line of a gigabyte
//! must not need a gigabyte. [`read_piece`] reads at most `max` bytes of a line; the caller
//! decides what a longer line becomes (an error line, or tokens written as it goes).

use std::io::{self, BufRead};

/// What [`read_piece`] read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// The end of the input: nothing was read.
    Eof,
    /// The rest of a line (its newline and a `\r` before it are not kept).
    Whole,
    /// `max` bytes of a line that goes on.
    Partial,
}

/// The buffered bytes, read again after an interrupted read.
fn fill<R: BufRead + ?Sized>(r: &mut R) -> io::Result<&[u8]> {
    while let Err(e) = r.fill_buf() {
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
    r.fill_buf()
}

/// Appends the next line (or as much of it as fits in `max` bytes of `buf`) to `buf`.
pub fn read_piece<R: BufRead + ?Sized>(
    r: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Piece> {
    let mut read_any = false;
    loop {
        let avail = fill(r)?;
        if avail.is_empty() {
            return Ok(if read_any { Piece::Whole } else { Piece::Eof });
        }
        read_any = true;
        let room = max.saturating_sub(buf.len());
        match avail.iter().position(|&b| b == b'\n') {
            Some(i) if i <= room => {
                buf.extend_from_slice(&avail[..i]);
                r.consume(i + 1);
                if buf.last() == Some(&b'\r') {
                    buf.pop();
                }
                return Ok(Piece::Whole);
            }
            // Full, and the line goes on past what is buffered.
            _ if room == 0 => return Ok(Piece::Partial),
            _ => {
                let take = avail.len().min(room);
                buf.extend_from_slice(&avail[..take]);
                r.consume(take);
            }
        }
    }
}

/// Reads and drops the rest of a line, its newline included; returns how many bytes it held.
pub fn skip_line<R: BufRead + ?Sized>(r: &mut R) -> io::Result<u64> {
    let mut n = 0u64;
    loop {
        let avail = fill(r)?;
        if avail.is_empty() {
            return Ok(n);
        }
        match avail.iter().position(|&b| b == b'\n') {
            Some(i) => {
                r.consume(i + 1);
                return Ok(n + i as u64);
            }
            None => {
                let len = avail.len();
                n += len as u64;
                r.consume(len);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(input: &str, max: usize) -> Vec<(Piece, String)> {
        let mut r = io::BufReader::with_capacity(3, input.as_bytes());
        let mut out = Vec::new();
        loop {
            let mut buf = Vec::new();
            let p = read_piece(&mut r, &mut buf, max).unwrap();
            if p == Piece::Eof {
                return out;
            }
            out.push((p, String::from_utf8(buf).unwrap()));
        }
    }

    #[test]
    fn lines_blank_lines_and_a_last_line_without_newline() {
        let got = pieces("قال\r\n\nبوتين", 100);
        assert_eq!(
            got,
            [
                (Piece::Whole, "قال".to_string()),
                (Piece::Whole, String::new()),
                (Piece::Whole, "بوتين".to_string()),
            ]
        );
        assert!(pieces("", 100).is_empty());
    }

    #[test]
    fn a_long_line_comes_in_pieces_of_at_most_max_bytes() {
        let got = pieces("abcdefg\nhi\n", 3);
        let want = [
            (Piece::Partial, "abc"),
            (Piece::Partial, "def"),
            (Piece::Whole, "g"),
            (Piece::Whole, "hi"),
        ];
        assert_eq!(got.len(), want.len());
        for ((p, s), (wp, ws)) in got.iter().zip(want) {
            assert_eq!((p, s.as_str()), (&wp, ws));
        }
        // A line of exactly max bytes is whole.
        assert_eq!(pieces("abc\n", 3), [(Piece::Whole, "abc".to_string())]);
    }

    #[test]
    fn skipping_drops_the_rest_of_a_line_only() {
        let mut r = io::BufReader::with_capacity(2, "xxxxx\nnext\n".as_bytes());
        let mut buf = Vec::new();
        assert_eq!(read_piece(&mut r, &mut buf, 2).unwrap(), Piece::Partial);
        assert_eq!(skip_line(&mut r).unwrap(), 3);
        buf.clear();
        assert_eq!(read_piece(&mut r, &mut buf, 10).unwrap(), Piece::Whole);
        assert_eq!(buf, b"next");
    }
}

//! The article: what every reader produces and every later stage consumes.

use crate::{Options, MAX_TITLE_BYTES};

/// One news article as read from any input format.
///
/// Text fields hold decoded Unicode exactly as the source wrote it (no Arabic
/// normalization happens here: that is the text crate's job, and offsets of later
/// stages point into `title` and `body`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Article {
    /// Stable identity: the given id, else the url, else a content hash.
    pub id: String,
    pub url: Option<String>,
    /// Publisher or site (`source`, `src`, `site`, …).
    pub source: Option<String>,
    /// Publication time as Unix seconds (UTC), when the input gives one.
    pub published: Option<i64>,
    pub title: String,
    pub body: String,
    pub author: Option<String>,
    /// A category or section, when the input gives one (ANT's `cat`).
    pub category: Option<String>,
    /// Where it came from: the file path, plus `!entry` inside archives and `:line` in JSONL.
    pub origin: String,
}

/// Seed of the content hash used as an id when an input gives neither id nor url. Fixed, so ids are
/// stable across runs and machines.
pub const CONTENT_ID_SEED: u64 = 0x6b68_6162_6172_0001; // "khabar" + version 1

/// The id of an article that has neither an id nor a url: xxh3-64 (seed [`CONTENT_ID_SEED`]) of the
/// title, a newline and the body, as 16 lower-case hex digits.
pub fn content_id(title: &str, body: &str) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::with_seed(CONTENT_ID_SEED);
    h.update(title.as_bytes());
    h.update(b"\n");
    h.update(body.as_bytes());
    format!("{:016x}", h.digest())
}

/// Trimmed, or `None` when empty.
pub(crate) fn non_empty(s: impl AsRef<str>) -> Option<String> {
    let t = s.as_ref().trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl Article {
    /// Fills `id` (given id, else url, else [`content_id`]) and checks the body. Every reader ends
    /// with this, so identity and the "empty body" rule are the same for all formats.
    pub(crate) fn finish(mut self, given_id: Option<String>) -> Result<Article, String> {
        if self.body.trim().is_empty() {
            return Err("empty body".to_string());
        }
        self.id = given_id
            .or_else(|| self.url.clone())
            .unwrap_or_else(|| content_id(&self.title, &self.body));
        Ok(self)
    }
}

/// The length of the longest prefix of `s` of at most `max` bytes that ends at a boundary a reader
/// expects, and which: the last paragraph end (a line break) in the prefix's last quarter, else
/// its last sentence end (`.`, `!`, `?`, `؟`, `…`, `۔`), else its last space, else a char boundary.
pub(crate) fn cut_point(s: &str, max: usize) -> (usize, &'static str) {
    if s.len() <= max {
        return (s.len(), "the end");
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let head = &s[..end];
    let floor = end - end / 4;
    let after = |i: Option<usize>, ch_len: usize| i.map(|i| i + ch_len).filter(|&i| i > floor);
    if let Some(i) = after(head.rfind('\n'), 1) {
        return (i, "a paragraph end");
    }
    if let Some(i) = head
        .char_indices()
        .rev()
        .take_while(|&(i, _)| i > floor)
        .find(|&(_, c)| matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔'))
        .map(|(i, c)| i + c.len_utf8())
    {
        return (i, "a sentence end");
    }
    if let Some(i) = after(head.rfind(char::is_whitespace), 1) {
        return (i, "a word end");
    }
    (end, "a character boundary")
}

impl Article {
    /// Applies the size bounds of `opts`: a body longer than [`Options::max_article_bytes`] is cut
    /// at the boundary [`cut_point`] finds, a title longer than [`MAX_TITLE_BYTES`] at a word end,
    /// each with a [`crate::Warning`]. The id (already resolved) is that of the whole input, so an
    /// article cut this way keeps its identity when read again.
    pub(crate) fn bounded(mut self, opts: &Options) -> Article {
        for (field, text, max) in [
            ("body", &mut self.body, opts.max_article_bytes),
            ("title", &mut self.title, MAX_TITLE_BYTES),
        ] {
            if text.len() > max {
                let (at, what) = cut_point(text, max);
                opts.warn(
                    &self.origin,
                    format!("{field} of {} bytes cut to {at} bytes at {what} (the limit is {max} bytes)", text.len()),
                );
                text.truncate(at);
                text.truncate(text.trim_end().len());
                text.shrink_to_fit();
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_prefers_id_then_url_then_hash() {
        let a = Article {
            title: "بوتين".into(),
            body: "موسكو – لم يترك الرئيس الروسي".into(),
            url: Some("https://example.com/a".into()),
            ..Article::default()
        };
        assert_eq!(a.clone().finish(Some("X1".into())).unwrap().id, "X1");
        assert_eq!(a.clone().finish(None).unwrap().id, "https://example.com/a");
        let b = Article { url: None, ..a };
        let id = b.clone().finish(None).unwrap().id;
        assert_eq!(id, content_id("بوتين", "موسكو – لم يترك الرئيس الروسي"));
        assert_eq!(id.len(), 16);
        // Stable across runs: a fixed value, not just self-consistency.
        assert_eq!(
            content_id("", ""),
            format!(
                "{:016x}",
                xxhash_rust::xxh3::xxh3_64_with_seed(b"\n", CONTENT_ID_SEED)
            )
        );
        assert_ne!(content_id("a", "b"), content_id("ab", ""));
        // Pinned: ids stored in an index must not change between versions.
        assert_eq!(id, "c9d43c656097ee9a");
    }

    #[test]
    fn empty_body_is_rejected() {
        let a = Article {
            title: "عنوان".into(),
            body: " \n\t".into(),
            ..Article::default()
        };
        assert_eq!(a.finish(None).unwrap_err(), "empty body");
    }

    #[test]
    fn long_bodies_are_cut_at_a_boundary() {
        let para = "قال وزير الخارجية إن المحادثات ستستمر الأسبوع المقبل في العاصمة.";
        let body = [para; 40].join("\n");
        // At the limit: unchanged. One byte past it: cut at the last paragraph end.
        assert_eq!(cut_point(&body, body.len()), (body.len(), "the end"));
        let (at, what) = cut_point(&body, body.len() - 1);
        assert_eq!(
            (&body[..at], what),
            (&*format!("{}\n", [para; 39].join("\n")), "a paragraph end")
        );
        // No line break: the last sentence end; no punctuation: a word end; one long word: a char.
        let one = [para; 40].join(" ");
        let (at, what) = cut_point(&one, one.len() - 1);
        assert_eq!((at, what), (one.len() - para.len() - 1, "a sentence end"));
        let words = "كلمة ".repeat(1000);
        let (at, what) = cut_point(&words, 1001);
        assert_eq!((at, what), (999, "a word end"));
        let word = "ب".repeat(1000);
        assert_eq!(cut_point(&word, 1001), (1000, "a character boundary"));

        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = seen.clone();
        let opts = Options {
            max_article_bytes: body.len(),
            on_warning: crate::OnWarning::new(move |w| log.lock().unwrap().push(w)),
            ..Options::default()
        };
        let a = Article {
            title: "عنوان".into(),
            body: body.clone(),
            origin: "a.json#3".into(),
            ..Article::default()
        };
        assert_eq!(a.clone().bounded(&opts).body, body);
        assert!(seen.lock().unwrap().is_empty());
        let opts = Options {
            max_article_bytes: body.len() - 1,
            ..opts
        };
        let cut = a.bounded(&opts);
        assert_eq!(cut.body, [para; 39].join("\n"));
        let w = seen.lock().unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].origin, "a.json#3");
        assert!(
            w[0].message
                .starts_with(&format!("body of {} bytes cut to", body.len())),
            "{}",
            w[0].message
        );
    }
}

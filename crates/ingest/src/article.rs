//! The article: what every reader produces and every later stage consumes.

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
}

//! What the index keeps of an article: [`StoredArticle`], and its reading stored with the reading's
//! format version, so a reading of another version is read again instead of served as is.

use khabar_extract::{date_of_timestamp, read_article, NaiveDate, Reading, READING_VERSION};

/// An article as stored in the index.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct StoredArticle {
    pub id: String,
    pub url: Option<String>,
    pub source: Option<String>,
    /// RFC 3339, UTC.
    pub published: Option<String>,
    pub title: String,
    pub body: String,
    pub author: Option<String>,
    pub category: Option<String>,
    pub origin: String,
    /// The id of the article this one duplicates.
    pub duplicate_of: Option<String>,
    /// Entity keys as indexed (`PERS:بوتين`).
    pub entities: Vec<String>,
    /// The reading of the body, as `khabar analyze --json` prints it (entities, numbers, dates,
    /// quotes, events, keywords, summary; every `start`/`end` a UTF-8 byte offset into `body`).
    /// From the index only when it was stored with this build's [`READING_VERSION`]: `None` when
    /// the article was indexed without a reading or with a reading of another version
    /// ([`StoredArticle::with_reading`] reads it again).
    #[cfg_attr(feature = "utoipa", schema(value_type = Object))]
    pub reading: Option<Reading>,
}

impl StoredArticle {
    /// The publication date (UTC), when stored.
    pub fn published_date(&self) -> Option<NaiveDate> {
        let t = chrono::DateTime::parse_from_rfc3339(self.published.as_deref()?).ok()?;
        date_of_timestamp(t.timestamp())
    }

    /// This article with its reading: the stored one when it is current, else the stored title
    /// and body read again (so the spans always point into `body`).
    pub fn with_reading(mut self) -> StoredArticle {
        if self.reading.is_none() {
            let date = self.published_date();
            self.reading = Some(read_article(Some(&self.title), &self.body, date));
        }
        self
    }
}

/// The stored form of a reading: `{"version": READING_VERSION, "reading": {…}}`.
#[derive(serde::Serialize)]
struct Versioned<'a> {
    version: u32,
    reading: &'a Reading,
}

#[derive(serde::Deserialize)]
struct VersionedOwned {
    version: u32,
    reading: Reading,
}

/// The JSON stored in the `reading` field.
pub(crate) fn encode_reading(reading: &Reading) -> String {
    serde_json::to_string(&Versioned {
        version: READING_VERSION,
        reading,
    })
    .expect("a reading serializes")
}

/// The stored reading when it is of this build's [`READING_VERSION`]; `None` when it is stale:
/// another version, or the unversioned layout of older indexes (a bare reading).
pub(crate) fn decode_reading(json: &str) -> Option<Reading> {
    serde_json::from_str::<VersionedOwned>(json)
        .ok()
        .filter(|v| v.version == READING_VERSION)
        .map(|v| v.reading)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "وقال بوتين الاثنين إن 2500 جندي انتشروا في كازاخستان.";

    #[test]
    fn a_reading_of_another_version_is_stale() {
        let r = read_article(None, BODY, None);
        let json = encode_reading(&r);
        assert_eq!(decode_reading(&json), Some(r.clone()));
        // The layout of indexes written before readings had a version: a bare reading.
        let bare = serde_json::to_string(&r).unwrap();
        assert_eq!(decode_reading(&bare), None);
        let next = json.replacen(
            &format!("\"version\":{READING_VERSION}"),
            &format!("\"version\":{}", READING_VERSION + 1),
            1,
        );
        assert_eq!(decode_reading(&next), None);
    }

    #[test]
    fn a_stale_reading_is_read_again_from_the_stored_body() {
        let a = StoredArticle {
            id: "a".into(),
            url: None,
            source: None,
            published: Some("2022-01-10T08:00:00Z".into()),
            title: "بوتين وكازاخستان".into(),
            body: BODY.into(),
            author: None,
            category: None,
            origin: String::new(),
            duplicate_of: None,
            entities: Vec::new(),
            reading: None,
        };
        assert_eq!(a.published_date(), NaiveDate::from_ymd_opt(2022, 1, 10));
        let r = a.with_reading().reading.unwrap();
        let n = &r.numbers[0];
        assert_eq!(&BODY[n.start..n.end], "2500");
    }
}

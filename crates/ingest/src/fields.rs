//! JSON field names and the mapping of one JSON object to an [`Article`].

use serde_json::{Map, Value};

use crate::article::non_empty;
use crate::Article;

/// JSON field names for each article field. `None` uses the built-in list of common names (tried in
/// order, exact match first, then case-insensitive); `Some(name)` uses only that name. A name may be
/// a dotted path into nested objects (`"meta.published"`).
#[derive(Debug, Clone, Default)]
pub struct FieldNames {
    pub id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub text: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub category: Option<String>,
}

/// The built-in names, most specific first.
pub(crate) const ID: &[&str] = &["id", "docno", "doc_id", "docid", "_id", "guid", "uuid"];
pub(crate) const URL: &[&str] = &["url", "link", "href", "canonical_url", "permalink", "uri"];
pub(crate) const TITLE: &[&str] = &["title", "headline", "heading", "name"];
pub(crate) const TEXT: &[&str] = &[
    "text",
    "content",
    "body",
    "article",
    "article_body",
    "articleBody",
    "full_text",
    "maintext",
];
pub(crate) const DATE: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publishedAt",
    "published_time",
    "datePublished",
    "pubDate",
    "pub_date",
    "time",
    "timestamp",
    "created_at",
    "date_publish",
    "date_extracted",
];
pub(crate) const SOURCE: &[&str] = &[
    "source",
    "src",
    "site",
    "site_name",
    "publisher",
    "outlet",
    "domain",
];
pub(crate) const AUTHOR: &[&str] = &["author", "authors", "byline", "writer", "creator"];
pub(crate) const CATEGORY: &[&str] = &["category", "cat", "section", "categories", "topic"];

fn lookup<'a>(
    obj: &'a Map<String, Value>,
    over: &Option<String>,
    names: &[&str],
) -> Option<&'a Value> {
    if let Some(path) = over {
        let mut cur = obj.get(path.as_str());
        if cur.is_none() && path.contains('.') {
            let mut parts = path.split('.');
            cur = parts.next().and_then(|p| obj.get(p));
            for p in parts {
                cur = cur.and_then(|v| v.as_object()).and_then(|o| o.get(p));
            }
        }
        return cur.filter(|v| !v.is_null());
    }
    for n in names {
        if let Some(v) = obj.get(*n).filter(|v| !is_blank(v)) {
            return Some(v);
        }
    }
    for n in names {
        if let Some((_, v)) = obj
            .iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(n) && !is_blank(v))
        {
            return Some(v);
        }
    }
    None
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// A JSON value as text: strings as is, numbers and booleans printed, arrays of those joined by
/// `sep`, objects by their `name`/`text`/`value` member (e.g. `{"name": "…"}` authors).
fn as_text(v: &Value, sep: &str) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .filter_map(|i| as_text(i, sep))
                .filter(|s| !s.trim().is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join(sep))
        }
        Value::Object(o) => ["name", "text", "value", "@value"]
            .iter()
            .find_map(|k| o.get(*k))
            .and_then(|i| as_text(i, sep)),
        Value::Null => None,
    }
}

/// Does this object look like an article (has a text field under the active names)?
pub(crate) fn has_text(obj: &Map<String, Value>, f: &FieldNames) -> bool {
    lookup(obj, &f.text, TEXT).is_some()
}

/// One JSON object to an article (id not yet resolved; see `Article::finish`).
pub(crate) fn to_article(
    obj: &Map<String, Value>,
    f: &FieldNames,
    origin: String,
) -> Result<Article, String> {
    let text = |over: &Option<String>, names: &[&str], sep: &str| {
        lookup(obj, over, names).and_then(|v| as_text(v, sep))
    };
    let body = text(&f.text, TEXT, "\n\n").unwrap_or_default();
    let published = match lookup(obj, &f.date, DATE) {
        None => None,
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| n.as_f64().map(|x| x as i64))
            .and_then(crate::date::from_epoch),
        Some(v) => as_text(v, " ").and_then(|s| crate::date::parse_date(&s)),
    };
    let a = Article {
        id: String::new(),
        url: text(&f.url, URL, " ").and_then(non_empty),
        source: text(&f.source, SOURCE, ", ").and_then(non_empty),
        published,
        title: text(&f.title, TITLE, " ")
            .map(|t| t.trim().to_string())
            .unwrap_or_default(),
        body: body.trim().to_string(),
        author: text(&f.author, AUTHOR, ", ").and_then(non_empty),
        category: text(&f.category, CATEGORY, ", ").and_then(non_empty),
        origin,
    };
    let id = text(&f.id, ID, " ").and_then(non_empty);
    a.finish(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(s: &str) -> Map<String, Value> {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn ant_shaped_object() {
        let o = obj(
            r#"{"docno": "AL-culture-1-20180218", "url": "http://www.alarabiya.net/ar/a.html", "src": "alarabia", "cat": "culture", "title": "هكذا تحالفت أحلام وإليسا", "time": "Sun, 18 Feb 2018 21:35:43 +0400", "author": "القاهرة - أحمد الريدي", "abstract": "يبدو أن الصراع", "text": "يبدو أن الصراع بين المدربين الأربعة في برنامج"}"#,
        );
        let a = to_article(&o, &FieldNames::default(), "ant:1".into()).unwrap();
        assert_eq!(a.id, "AL-culture-1-20180218");
        assert_eq!(a.source.as_deref(), Some("alarabia"));
        assert_eq!(a.category.as_deref(), Some("culture"));
        assert_eq!(a.author.as_deref(), Some("القاهرة - أحمد الريدي"));
        assert_eq!(a.published, Some(1518975343));
        assert_eq!(a.body, "يبدو أن الصراع بين المدربين الأربعة في برنامج");
    }

    #[test]
    fn overrides_and_nested_paths() {
        let o = obj(
            r#"{"hdr": "موسكو", "meta": {"when": "2022-01-10"}, "story": ["فقرة أولى", "فقرة ثانية"], "text": "ignored"}"#,
        );
        let f = FieldNames {
            title: Some("hdr".into()),
            text: Some("story".into()),
            date: Some("meta.when".into()),
            ..Default::default()
        };
        let a = to_article(&o, &f, "x".into()).unwrap();
        assert_eq!(a.title, "موسكو");
        assert_eq!(a.body, "فقرة أولى\n\nفقرة ثانية");
        assert_eq!(a.published, Some(1641772800));
        assert_eq!(a.id, content_id_of(&a));
    }

    fn content_id_of(a: &Article) -> String {
        crate::content_id(&a.title, &a.body)
    }

    #[test]
    fn case_insensitive_names_and_number_dates() {
        let o = obj(
            r#"{"Headline": "عنوان", "Body": "نص الخبر", "Published": 1641772800, "Authors": [{"name": "أ"}, {"name": "ب"}]}"#,
        );
        let a = to_article(&o, &FieldNames::default(), "x".into()).unwrap();
        assert_eq!(a.title, "عنوان");
        assert_eq!(a.published, Some(1641772800));
        assert_eq!(a.author.as_deref(), Some("أ, ب"));
    }

    #[test]
    fn missing_body_is_rejected() {
        let o = obj(r#"{"title": "عنوان فقط", "content": ""}"#);
        assert_eq!(
            to_article(&o, &FieldNames::default(), "x".into()).unwrap_err(),
            "empty body"
        );
    }
}

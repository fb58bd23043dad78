//! Plain text: the first non-empty line is the title, the rest the body.

use crate::Article;

/// The title and the body of plain text: the first non-empty line (trimmed) and the rest (only
/// its leading and trailing blank space trimmed, so the writer's paragraphs stay). A leading BOM
/// is dropped; line ends may be `\n`, `\r\n` or `\r`. Every reader of plain text (the `.txt`
/// format, `khabar analyze`) splits with this, so spans into the body agree everywhere.
///
/// ```
/// let (title, body) = khabar_ingest::split_title("\u{feff}\nقوات روسية في كازاخستان\r\n\r\nموسكو – لم يترك الرئيس الروسي\n");
/// assert_eq!(title, "قوات روسية في كازاخستان");
/// assert_eq!(body, "موسكو – لم يترك الرئيس الروسي");
/// ```
pub fn split_title(text: &str) -> (&str, &str) {
    let text = text.trim_start_matches('\u{FEFF}').trim_start();
    let (title, body) = match text.find(['\n', '\r']) {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    };
    (title.trim(), body.trim())
}

/// Splits decoded text into an article (id not yet resolved), by [`split_title`].
pub(crate) fn to_article(text: &str, origin: String) -> Result<Article, String> {
    let (title, body) = split_title(text);
    let a = Article {
        title: title.to_string(),
        body: body.to_string(),
        origin,
        ..Article::default()
    };
    if a.title.is_empty() {
        return Err("empty file".to_string());
    }
    a.finish(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_article_layout() {
        let a = to_article("\n\r\nالاتحاد السوفييتي حي يرزق على يد روسيا بوتين\r\n\r\nموسكو – لم يترك الرئيس الروسي\r\nوتعتقد روسيا\n", "s.txt".into()).unwrap();
        assert_eq!(a.title, "الاتحاد السوفييتي حي يرزق على يد روسيا بوتين");
        assert_eq!(a.body, "موسكو – لم يترك الرئيس الروسي\r\nوتعتقد روسيا");
        assert_eq!(a.id.len(), 16);
    }

    #[test]
    fn title_only_has_empty_body() {
        assert_eq!(
            to_article("عنوان وحيد\n\n", "t".into()).unwrap_err(),
            "empty body"
        );
        assert_eq!(to_article(" \n \n", "t".into()).unwrap_err(), "empty file");
    }
}

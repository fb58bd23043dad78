//! Plain text: the first non-empty line is the title, the rest the body.

use crate::Article;

/// Splits decoded text into an article (id not yet resolved). Line ends may be `\n`, `\r\n` or `\r`.
/// The body keeps the writer's paragraphs; only leading and trailing blank space is trimmed.
pub(crate) fn to_article(text: &str, origin: String) -> Result<Article, String> {
    let text = text.trim_start_matches('\u{FEFF}');
    let text = text.trim_start();
    let (title, body) = match text.find(['\n', '\r']) {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    };
    let a = Article {
        title: title.trim().to_string(),
        body: body.trim().to_string(),
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

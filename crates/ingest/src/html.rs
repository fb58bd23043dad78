//! HTML pages: readability extraction with `dom_smoothie`, plain-text fallback.

use dom_smoothie::{Config, Readability, TextMode};

use crate::article::non_empty;
use crate::Article;

/// Metadata read from the raw page before readability rewrites it.
#[derive(Default)]
struct Head {
    url: Option<String>,
    published: Option<String>,
    author: Option<String>,
    site: Option<String>,
    section: Option<String>,
    title: Option<String>,
}

fn attr(doc: &dom_smoothie::Readability, sel: &str, name: &str) -> Option<String> {
    doc.doc
        .select(sel)
        .iter()
        .find_map(|n| n.attr(name).and_then(non_empty))
}

fn head(r: &Readability) -> Head {
    Head {
        url: attr(r, "link[rel=canonical]", "href")
            .or_else(|| attr(r, "meta[property='og:url']", "content"))
            .filter(|u| u.starts_with("http://") || u.starts_with("https://")),
        published: attr(r, "meta[property='article:published_time']", "content")
            .or_else(|| attr(r, "meta[itemprop=datePublished]", "content"))
            .or_else(|| attr(r, "meta[name=pubdate]", "content"))
            .or_else(|| attr(r, "meta[name=date]", "content"))
            .or_else(|| attr(r, "time[datetime]", "datetime")),
        author: attr(r, "meta[name=author]", "content")
            .or_else(|| attr(r, "meta[property='article:author']", "content")),
        site: attr(r, "meta[property='og:site_name']", "content"),
        section: attr(r, "meta[property='article:section']", "content"),
        title: r
            .doc
            .select("title")
            .iter()
            .find_map(|n| non_empty(n.text()))
            .or_else(|| r.doc.select("h1").iter().find_map(|n| non_empty(n.text()))),
    }
}

/// Collapses runs of spaces inside lines and runs of blank lines to one blank line.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&line);
    }
    out
}

/// One HTML page to an article (id not yet resolved).
pub(crate) fn to_article(html: &str, origin: String) -> Result<Article, String> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: 200_000,
        ..Config::default()
    };
    let mut r = Readability::new(html, None, Some(cfg)).map_err(|e| format!("HTML: {e}"))?;
    let h = head(&r);
    let (title, body, byline, published, url, site) = match r.parse() {
        Ok(a) if !a.text_content.trim().is_empty() => (
            non_empty(&a.title),
            tidy(&a.text_content),
            a.byline,
            a.published_time,
            a.url,
            a.site_name,
        ),
        _ => {
            // Readability found no article: fall back to the visible text of the page.
            let doc = Readability::new(html, None, None)
                .map_err(|e| format!("HTML: {e}"))?
                .doc;
            doc.select("script, style, noscript, template, head, nav, footer, iframe, svg")
                .remove();
            let root = doc.select("body");
            let text = if root.exists() {
                root.formatted_text()
            } else {
                doc.formatted_text()
            };
            (None, tidy(&text), None, None, None, None)
        }
    };
    let mut title = title.or(h.title).unwrap_or_default();
    let mut body = body;
    // Readability sometimes repeats the headline as the first line of the text.
    if !title.is_empty() && body.starts_with(&title) && body.len() > title.len() {
        body = body[title.len()..].trim_start().to_string();
    }
    title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let published_raw = h.published.or(published);
    let a = Article {
        id: String::new(),
        url: h
            .url
            .or(url.filter(|u| u.starts_with("http")))
            .and_then(non_empty),
        source: site.or(h.site).and_then(non_empty),
        published: published_raw.as_deref().and_then(crate::date::parse_date),
        title,
        body,
        author: byline.or(h.author).and_then(non_empty),
        category: h.section,
        origin,
    };
    a.finish(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_keeps_paragraphs() {
        assert_eq!(tidy("  أ   ب \n\n\n ج\nد  \n\n"), "أ ب\n\nج\nد");
    }

    #[test]
    fn fallback_on_a_page_without_an_article() {
        let a = to_article("<html><head><title>خبر قصير</title><script>var x=1;</script></head><body><nav>الرئيسية</nav><div>وصل الرئيس إلى موسكو.</div></body></html>", "p.html".into()).unwrap();
        assert_eq!(a.title, "خبر قصير");
        assert!(a.body.contains("وصل الرئيس إلى موسكو."), "{:?}", a.body);
        assert!(!a.body.contains("var x"));
    }

    #[test]
    fn empty_page_is_rejected() {
        assert_eq!(
            to_article(
                "<html><body><script>1</script></body></html>",
                "e.html".into()
            )
            .unwrap_err(),
            "empty body"
        );
    }
}

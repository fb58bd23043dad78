//! HTML pages: readability extraction with `dom_smoothie`, plain-text fallback.

use dom_smoothie::{Config, Readability, TextMode};

use crate::article::non_empty;
use crate::{Article, Options};

/// The deepest element nesting handed to the HTML parser. Start tags that would open an element
/// deeper than this are removed before parsing (with their matching end tags); the text inside
/// them stays, so nothing is lost but the markup. Real news pages nest 20–40 deep; browsers stop
/// nesting at 512. This keeps the parser's work linear and every tree walk of the page shallow
/// (they recurse, on the reader's stack).
pub const MAX_HTML_DEPTH: usize = 256;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose content is text, not markup, up to their end tag.
const RAW: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Elements that a start tag of the same name closes when it is the current one (`<p>a<p>b`).
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "option", "tr", "td", "th"];

/// Case-insensitive find of an ASCII `needle` (already lower case) in `hay`.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// The end of the tag that starts at `s[0] == b'<'`: the index just past its `>`, quotes in
/// attribute values respected; `s.len()` when the input ends inside the tag.
fn tag_end(s: &[u8]) -> usize {
    let mut quote = 0u8;
    for (i, &b) in s.iter().enumerate().skip(1) {
        if quote != 0 {
            if b == quote {
                quote = 0;
            }
        } else if b == b'"' || b == b'\'' {
            quote = b;
        } else if b == b'>' {
            return i + 1;
        }
    }
    s.len()
}

/// The page with element nesting bounded at `max` (see [`MAX_HTML_DEPTH`]), in one linear pass,
/// and how many tags were removed. Tracks the open elements as the parser would, closely enough
/// that the parser's own stack stays within a few elements of `max`: void and self-closed tags
/// open nothing, an end tag closes up to the nearest open element of its name (and is removed
/// when none is open), raw-text elements (`script`, `style`, `title`, …) are skipped whole,
/// comments and declarations pass through.
pub(crate) fn bound_depth(html: &str, max: usize) -> (std::borrow::Cow<'_, str>, usize) {
    let s = html.as_bytes();
    let mut open: Vec<&[u8]> = Vec::new();
    let mut out = String::new();
    let mut copied = 0; // s[..copied] is in `out` (only once something was removed)
    let mut removed = 0usize;
    let mut i = 0;
    while let Some(off) = s[i..].iter().position(|&b| b == b'<') {
        let at = i + off;
        let rest = &s[at..];
        if rest.starts_with(b"<!--") {
            i = at + find_ascii_ci(&rest[4..], b"-->").map_or(rest.len(), |e| e + 7);
            continue;
        }
        let close = rest.get(1) == Some(&b'/');
        let name_start = if close { 2 } else { 1 };
        if !rest.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            // `<!DOCTYPE>`, `<?xml?>` or a literal `<`: not an element.
            i = at
                + if matches!(rest.get(1), Some(b'!' | b'?')) {
                    tag_end(rest)
                } else {
                    1
                };
            continue;
        }
        let name_len = rest[name_start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
            .unwrap_or(rest.len() - name_start);
        let name = &rest[name_start..name_start + name_len];
        let end = at + tag_end(rest);
        let is = |list: &[&str]| list.iter().any(|n| n.as_bytes().eq_ignore_ascii_case(name));
        let mut keep = true;
        if close && is(RAW) {
            // The end of a raw-text element skipped below (never on the stack).
        } else if close {
            match open.iter().rposition(|n| n.eq_ignore_ascii_case(name)) {
                Some(k) => open.truncate(k),
                None => keep = false,
            }
        } else if is(RAW) {
            // Skip to the matching end tag; the text inside is not markup.
            let mut needle = b"</".to_vec();
            needle.extend(name.iter().map(u8::to_ascii_lowercase));
            i = find_ascii_ci(&s[end..], &needle).map_or(s.len(), |e| end + e);
            continue;
        } else if !is(VOID) {
            // `<div/>` opens a div in HTML (the slash counts only in SVG and MathML): counted.
            if is(SELF_CLOSING_SIBLINGS)
                && open.last().is_some_and(|n| n.eq_ignore_ascii_case(name))
            {
                open.pop();
            }
            if open.len() >= max {
                keep = false;
            } else {
                open.push(name);
            }
        }
        if !keep {
            removed += 1;
            out.push_str(&html[copied..at]);
            copied = end;
        }
        i = end;
    }
    if removed == 0 {
        return (std::borrow::Cow::Borrowed(html), 0);
    }
    out.push_str(&html[copied..]);
    (std::borrow::Cow::Owned(out), removed)
}

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
pub(crate) fn to_article(html: &str, origin: String, opts: &Options) -> Result<Article, String> {
    let (html, removed) = bound_depth(html, MAX_HTML_DEPTH);
    if removed > 0 {
        opts.warn(
            &origin,
            format!("HTML nested deeper than {MAX_HTML_DEPTH} elements: {removed} tags below that depth removed, their text kept"),
        );
    }
    let html = &*html;
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
        let a = to_article("<html><head><title>خبر قصير</title><script>var x=1;</script></head><body><nav>الرئيسية</nav><div>وصل الرئيس إلى موسكو.</div></body></html>", "p.html".into(), &Options::default()).unwrap();
        assert_eq!(a.title, "خبر قصير");
        assert!(a.body.contains("وصل الرئيس إلى موسكو."), "{:?}", a.body);
        assert!(!a.body.contains("var x"));
    }

    #[test]
    fn empty_page_is_rejected() {
        assert_eq!(
            to_article(
                "<html><body><script>1</script></body></html>",
                "e.html".into(),
                &Options::default()
            )
            .unwrap_err(),
            "empty body"
        );
    }

    const NEWS: &str = "وصل الرئيس إلى موسكو في زيارة رسمية تستمر يومين.";

    /// The nesting depth of the elements in `html` as `bound_depth` counts it (stray end tags,
    /// removed at any depth, aside).
    fn depth_of(html: &str) -> usize {
        let (_, stray) = bound_depth(html, usize::MAX);
        let mut d = 0;
        while bound_depth(html, d).1 > stray {
            d += 1;
        }
        d
    }

    #[test]
    fn nesting_is_bounded_and_the_text_kept() {
        let page = |n: usize| {
            format!(
                "<html><body>{}<p>{NEWS}</p>{}</body></html>",
                "<div class=\"a>b\">".repeat(n),
                "</div>".repeat(n)
            )
        };
        // html, body, the divs, p.
        assert_eq!(depth_of(&page(10)), 13);
        let at = page(MAX_HTML_DEPTH - 3);
        assert_eq!(
            bound_depth(&at, MAX_HTML_DEPTH),
            (std::borrow::Cow::Borrowed(&*at), 0)
        );
        let past = page(MAX_HTML_DEPTH - 2);
        let (cut, removed) = bound_depth(&past, MAX_HTML_DEPTH);
        // The innermost <p> and its </p> go; its text stays, inside the deepest div.
        assert_eq!(removed, 2);
        assert!(
            cut.contains(&format!("<div class=\"a>b\">{NEWS}</div>")),
            "{}",
            &cut[cut.len() - 200..]
        );
        // Both parse (on this thread's stack, the test harness's 2 MiB) and keep the text.
        for p in [at, past] {
            let a = to_article(&p, "d.html".into(), &Options::default()).unwrap();
            assert_eq!(a.body, NEWS);
        }
    }

    #[test]
    fn raw_text_void_and_stray_tags() {
        // Tags inside script, style and comments are not counted; void tags open nothing;
        // a stray end tag (nothing of its name open) is removed; siblings <p><p> do not nest.
        let html = "<script>if (a<b) { x = '<div>'; }</script><style>p>b{}</style><!-- <div> --><br><img src=x><p>أ<p>ب</span><li>ج<li>د";
        assert_eq!(depth_of(html), 2);
        let (out, removed) = bound_depth(html, 8);
        assert_eq!(removed, 1);
        assert_eq!(out, html.replace("</span>", ""));
        // Unclosed tags: the elements past the limit go, the text stays.
        let unclosed = format!("{}{NEWS}", "<div>".repeat(1000));
        let (out, removed) = bound_depth(&unclosed, 100);
        assert_eq!((out.matches("<div>").count(), removed), (100, 900));
        assert!(out.ends_with(NEWS));
    }
}

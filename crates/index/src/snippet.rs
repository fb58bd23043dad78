//! Snippets: a window of the original text around the best cluster of matches, HTML-escaped,
//! with `<b>…</b>` around each matching token (matched by stemmed key or normalized form).

use tantivy::tokenizer::Token;

use crate::analysis::analyze_into;
use crate::query::Highlight;

/// Escapes `& < > " '` for HTML.
pub fn html_escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
}

/// A snippet of about `max_tokens` tokens of `text` (the first ones when nothing matches).
pub fn snippet(text: &str, hl: &Highlight, max_tokens: usize) -> String {
    let (mut norms, mut keys): (Vec<Token>, Vec<Token>) = (Vec::new(), Vec::new());
    analyze_into(text, Some(&mut norms), Some(&mut keys), None);
    if keys.is_empty() {
        let mut out = String::new();
        html_escape(text.trim(), &mut out);
        return out;
    }
    let max_tokens = max_tokens.max(1);
    // Which term (by index in the combined set) each token matches, if any.
    let terms: Vec<&String> = hl.keys.iter().chain(hl.norms.iter()).collect();
    let nk = hl.keys.len();
    let matched: Vec<Option<usize>> = keys
        .iter()
        .zip(&norms)
        .map(|(k, n)| {
            hl.keys
                .iter()
                .position(|t| *t == k.text)
                .or_else(|| hl.norms.iter().position(|t| *t == n.text).map(|p| p + nk))
        })
        .collect();
    // The window with the most distinct terms, then the most matches.
    let (mut best, mut best_score) = (0usize, (0usize, 0usize));
    let mut seen = vec![0usize; terms.len()];
    let (mut distinct, mut total) = (0usize, 0usize);
    for i in 0..matched.len() {
        if let Some(t) = matched[i] {
            if seen[t] == 0 {
                distinct += 1;
            }
            seen[t] += 1;
            total += 1;
        }
        if i >= max_tokens {
            if let Some(t) = matched[i - max_tokens] {
                seen[t] -= 1;
                if seen[t] == 0 {
                    distinct -= 1;
                }
                total -= 1;
            }
        }
        let start = (i + 1).saturating_sub(max_tokens);
        if (distinct, total) > best_score {
            best_score = (distinct, total);
            // Start a few tokens before the first match of the window, for context.
            let first = (start..=i).find(|&j| matched[j].is_some()).unwrap_or(start);
            best = first.saturating_sub(max_tokens / 5);
        }
    }
    let end_tok = (best + max_tokens).min(keys.len());
    let from = if best == 0 { 0 } else { keys[best].offset_from };
    let to = if end_tok == keys.len() {
        text.len()
    } else {
        keys[end_tok - 1].offset_to
    };
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut at = from;
    for j in best..end_tok {
        if matched[j].is_some() {
            let t = &keys[j];
            html_escape(&text[at..t.offset_from], &mut out);
            out.push_str("<b>");
            html_escape(&text[t.offset_from..t.offset_to], &mut out);
            out.push_str("</b>");
            at = t.offset_to;
        }
    }
    html_escape(&text[at..to], &mut out);
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    if to < text.len() {
        out.push('…');
    }
    out.trim_start().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl(keys: &[&str], norms: &[&str]) -> Highlight {
        Highlight {
            keys: keys.iter().map(|s| s.to_string()).collect(),
            norms: norms.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn marks_stem_matches_in_the_original_text() {
        let text = "وقال بوتين إنّ القوات الروسية <ستنسحب> من كازاخستان.";
        let s = snippet(text, &hl(&["روسيا", "قوات"], &[]), 40);
        assert_eq!(
            s,
            "وقال بوتين إنّ <b>القوات</b> <b>الروسية</b> &lt;ستنسحب&gt; من كازاخستان."
        );
    }

    #[test]
    fn window_goes_to_the_matches() {
        let long = format!(
            "{} وصلت طلائع قوات حفظ السلام إلى ألماتي. {}",
            "كلام ".repeat(100),
            "ختام ".repeat(100)
        );
        let mut k = String::new();
        let almaty =
            khabar_text::key_of("ألماتي", khabar_text::TokenKind::Word, &mut k).to_string();
        let s = snippet(&long, &hl(&[almaty.as_str(), "قوات"], &[]), 20);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(
            s.contains("<b>قوات</b>") && s.contains("<b>ألماتي</b>"),
            "{s}"
        );
        assert!(s.chars().count() < 200, "{s}");
        // No match: the beginning.
        let s = snippet(&long, &hl(&["غائب"], &[]), 5);
        assert!(s.starts_with("كلام كلام") && s.ends_with('…'), "{s}");
        assert_eq!(snippet("", &hl(&[], &[]), 5), "");
    }
}

//! CoNLL-style files: one token per line, the token first, tags in the other
//! columns, a blank line between sentences.

use super::{EntityLabel, Tag};

/// One line of a CoNLL file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The token (empty where the line starts with a space, as a few
    /// ANERcorp lines do for a dropped invisible character).
    pub token: String,
    /// The other columns, in order.
    pub columns: Vec<String>,
}

/// A sentence: its lines.
pub type Sentence = Vec<Line>;

/// Parses one non-blank line: fields split on spaces and tabs.
pub fn parse_line(line: &str) -> Line {
    let line = line.trim_end_matches(['\r', '\n']);
    let starts_blank = line.starts_with([' ', '\t']);
    let mut fields = line.split([' ', '\t']).filter(|f| !f.is_empty());
    let token = if starts_blank {
        String::new()
    } else {
        fields.next().unwrap_or_default().to_string()
    };
    Line {
        token,
        columns: fields.map(str::to_string).collect(),
    }
}

/// Splits a CoNLL text into sentences.
pub fn parse(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(parse_line(line));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// How gold tags are read from the columns.
#[derive(Clone, Debug, Default)]
pub struct TagMap {
    /// Entity types renamed (e.g. `GPE` → `LOC`).
    pub rename: Vec<(String, String)>,
    /// If non-empty, only these types are kept; the others become `O`.
    pub keep: Vec<String>,
}

impl TagMap {
    /// The class a tag's type maps to, or `None` if it is dropped (not kept,
    /// or not one of the four classes).
    fn map_type(&self, ty: &str) -> Option<EntityLabel> {
        let ty = self
            .rename
            .iter()
            .find(|(a, _)| a == ty)
            .map_or(ty, |(_, b)| b.as_str());
        if self.keep.is_empty() || self.keep.iter().any(|k| k == ty) {
            EntityLabel::parse(ty)
        } else {
            None
        }
    }

    /// The gold tag of a line: the first column (outermost, for nested
    /// annotations such as Wojood's) whose type maps to a kept class, else `O`.
    pub fn gold(&self, line: &Line) -> Tag {
        for col in &line.columns {
            if let Some((bi, ty)) = split_tag(col) {
                if let Some(l) = self.map_type(ty) {
                    return if bi == "B" { Tag::B(l) } else { Tag::I(l) };
                }
            }
        }
        Tag::O
    }

    /// A predicted tag after the same mapping.
    pub fn map_tag(&self, tag: Tag) -> Tag {
        match tag {
            Tag::O => Tag::O,
            Tag::B(l) => self.map_type(l.as_str()).map_or(Tag::O, Tag::B),
            Tag::I(l) => self.map_type(l.as_str()).map_or(Tag::O, Tag::I),
        }
    }
}

/// `B-PERS` → (`B`, `PERS`); `O` and malformed tags → `None`.
pub fn split_tag(tag: &str) -> Option<(&str, &str)> {
    let (bi, ty) = tag.split_once('-')?;
    matches!(bi, "B" | "I")
        .then_some((bi, ty))
        .filter(|_| !ty.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_anercorp_lines() {
        let s = parse("فرانكفورت B-LOC\n(د O\n  O\n\nأعلن O\n");
        assert_eq!(s.len(), 2);
        assert_eq!(
            s[0][0],
            Line {
                token: "فرانكفورت".into(),
                columns: vec!["B-LOC".into()]
            }
        );
        assert_eq!(s[0][2].token, "");
        assert_eq!(s[0][2].columns, ["O"]);
    }

    #[test]
    fn nested_gold_with_renames() {
        let map = TagMap {
            rename: vec![("GPE".into(), "LOC".into())],
            keep: vec!["PERS".into(), "LOC".into(), "ORG".into()],
        };
        let gold = |l: &str| map.gold(&parse_line(l)).as_str();
        assert_eq!(gold("فلسطين I-ORG B-GPE"), "I-ORG");
        assert_eq!(gold("يورو I-MONEY B-CURR"), "O");
        assert_eq!(gold("المجدل I-GPE"), "I-LOC");
        assert_eq!(map.map_tag(Tag::B(EntityLabel::Misc)), Tag::O);
    }
}

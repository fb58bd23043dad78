//! The entity classes and BIO tags, in their one order.
//!
//! [`EntityLabel::ALL`] fixes the class order every numeric code follows:
//! the gazetteer marks and self-trained gazetteer classes of the features,
//! the one-sense votes of the tagger. [`Tag`] is a BIO tag over those
//! classes; a model stores its tags by name and training lists them in
//! [`Tag`]'s order.

use serde::{Deserialize, Serialize};

/// The ANERcorp entity classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityLabel {
    Pers,
    Loc,
    Org,
    Misc,
}

impl EntityLabel {
    /// Every class, in the order of [`EntityLabel::index`].
    pub const ALL: [EntityLabel; 4] = [
        EntityLabel::Pers,
        EntityLabel::Loc,
        EntityLabel::Org,
        EntityLabel::Misc,
    ];

    /// The class's position in [`EntityLabel::ALL`] (PERS 0, LOC 1, ORG 2, MISC 3).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The class at a position of [`EntityLabel::ALL`].
    pub fn from_index(i: usize) -> Option<EntityLabel> {
        EntityLabel::ALL.get(i).copied()
    }

    /// The ANERcorp name (`PERS`, `LOC`, `ORG`, `MISC`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Pers => "PERS",
            EntityLabel::Loc => "LOC",
            EntityLabel::Org => "ORG",
            EntityLabel::Misc => "MISC",
        }
    }

    /// Parses an ANERcorp type name (also `PER` and `GPE`).
    pub fn parse(s: &str) -> Option<EntityLabel> {
        Some(match s {
            "PERS" | "PER" => EntityLabel::Pers,
            "LOC" | "GPE" => EntityLabel::Loc,
            "ORG" => EntityLabel::Org,
            "MISC" => EntityLabel::Misc,
            _ => return None,
        })
    }
}

impl std::fmt::Display for EntityLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A BIO tag: outside, or the beginning or inside of an entity of a class.
/// Ordered `O`, then the `B-` tags, then the `I-` tags, each in class order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tag {
    O,
    B(EntityLabel),
    I(EntityLabel),
}

impl Tag {
    /// The class of a `B-` or `I-` tag.
    pub fn label(self) -> Option<EntityLabel> {
        match self {
            Tag::O => None,
            Tag::B(l) | Tag::I(l) => Some(l),
        }
    }

    /// The CoNLL name (`O`, `B-PERS`, `I-LOC`, …).
    pub fn as_str(self) -> &'static str {
        use EntityLabel::*;
        match self {
            Tag::O => "O",
            Tag::B(Pers) => "B-PERS",
            Tag::B(Loc) => "B-LOC",
            Tag::B(Org) => "B-ORG",
            Tag::B(Misc) => "B-MISC",
            Tag::I(Pers) => "I-PERS",
            Tag::I(Loc) => "I-LOC",
            Tag::I(Org) => "I-ORG",
            Tag::I(Misc) => "I-MISC",
        }
    }

    /// Parses a CoNLL tag: `O`, or `B-`/`I-` and a class [`EntityLabel::parse`] knows.
    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (bi, ty) = super::conll::split_tag(s)?;
        let label = EntityLabel::parse(ty)?;
        Some(if bi == "B" {
            Tag::B(label)
        } else {
            Tag::I(label)
        })
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_in_their_order() {
        let mut all = vec![Tag::O];
        all.extend(EntityLabel::ALL.map(Tag::B));
        all.extend(EntityLabel::ALL.map(Tag::I));
        let mut sorted = all.clone();
        sorted.sort();
        assert_eq!(sorted, all);
        for t in all {
            assert_eq!(Tag::parse(t.as_str()), Some(t));
        }
        for (i, l) in EntityLabel::ALL.into_iter().enumerate() {
            assert_eq!((l.index(), EntityLabel::from_index(i)), (i, Some(l)));
        }
        assert_eq!(Tag::parse("B-PER"), Some(Tag::B(EntityLabel::Pers)));
        assert_eq!(Tag::parse("B-NORP"), None);
        assert_eq!(Tag::parse("X-LOC"), None);
    }
}

//! Gazetteers: known names of places, organisations and people, matched over
//! token keys (so وبكازاخستان and كازاخستان both match), multi-word, longest
//! match first.
//!
//! The committed table `data/ner/gazetteer.tsv` is made by
//! `scripts/ner/gazetteers.py` from registry packages (CLDR, ISO 3166):
//! `CLASS<TAB>kind<TAB>arabic<TAB>english`.

use super::features::TokInfo;
use super::EntityLabel;
use khabar_text::{key_of, tokenize, TokenKind};
use rustc_hash::FxHashMap;

/// One known name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazEntry {
    pub label: EntityLabel,
    /// What sort of name it is (country, city, region, org, person…).
    pub kind: String,
    pub arabic: String,
    pub english: String,
}

/// Names indexed by the space-joined keys of their words.
#[derive(Debug, Default)]
pub struct Gazetteer {
    entries: Vec<GazEntry>,
    by_keys: FxHashMap<String, u32>,
    /// Longest entry (in words) starting with a given key.
    max_len: FxHashMap<String, u8>,
}

/// The space-joined keys of the word tokens of `name`.
pub fn name_keys(name: &str) -> String {
    let mut buf = String::new();
    let mut out = String::new();
    for tok in tokenize(name) {
        if !matches!(
            tok.kind,
            TokenKind::Word | TokenKind::Number | TokenKind::Mixed
        ) {
            continue;
        }
        let k = key_of(tok.text(name), tok.kind, &mut buf);
        if k.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(k);
    }
    out
}

impl Gazetteer {
    /// Parses the committed table; lines that do not parse are skipped.
    pub fn parse(tsv: &str) -> Gazetteer {
        let mut g = Gazetteer::default();
        for line in tsv.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            let Some(label) = EntityLabel::parse(f[0]) else {
                continue;
            };
            let entry = GazEntry {
                label,
                kind: f[1].to_string(),
                arabic: f[2].to_string(),
                english: f.get(3).map_or(String::new(), |s| s.to_string()),
            };
            g.insert(entry);
        }
        g
    }

    fn insert(&mut self, entry: GazEntry) {
        let keys = name_keys(&entry.arabic);
        if keys.is_empty() {
            return;
        }
        let words = keys.split(' ').count().min(u8::MAX as usize) as u8;
        let first = keys.split(' ').next().unwrap_or_default().to_string();
        let m = self.max_len.entry(first).or_default();
        *m = (*m).max(words);
        let id = self.entries.len() as u32;
        // The first entry for a key wins (the table lists the preferred sense first).
        self.by_keys.entry(keys).or_insert(id);
        self.entries.push(entry);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry whose keys are exactly these (space-joined) keys.
    pub fn lookup_keys(&self, keys: &str) -> Option<&GazEntry> {
        self.by_keys.get(keys).map(|&i| &self.entries[i as usize])
    }

    /// The entry for a name as written.
    pub fn lookup(&self, name: &str) -> Option<&GazEntry> {
        self.lookup_keys(&name_keys(name))
    }

    /// Marks the tokens covered by gazetteer names (longest match, left to right).
    pub fn annotate(&self, toks: &mut [TokInfo]) {
        if self.entries.is_empty() {
            return;
        }
        let mut i = 0;
        let mut joined = String::new();
        while i < toks.len() {
            let Some(&max) = self.max_len.get(&toks[i].key) else {
                i += 1;
                continue;
            };
            let mut matched = 0;
            let mut label = 0;
            for len in (1..=max as usize).rev() {
                if i + len > toks.len() {
                    continue;
                }
                joined.clear();
                for (j, t) in toks[i..i + len].iter().enumerate() {
                    if j > 0 {
                        joined.push(' ');
                    }
                    joined.push_str(&t.key);
                }
                if let Some(&id) = self.by_keys.get(&joined) {
                    matched = len;
                    label = self.entries[id as usize].label.index() as u8;
                    break;
                }
            }
            if matched == 0 {
                i += 1;
                continue;
            }
            for (j, t) in toks[i..i + matched].iter_mut().enumerate() {
                t.gaz = (label + 1) * 2 + u8::from(j > 0);
            }
            i += matched;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::features::Resources;

    #[test]
    fn multiword_match_over_keys() {
        let g = Gazetteer::parse(
            "LOC\tcountry\tكازاخستان\tKazakhstan\nLOC\tcountry\tالولايات المتحدة\tUnited States\n",
        );
        assert_eq!(
            g.lookup("وكازاخستان").map(|e| e.english.as_str()),
            Some("Kazakhstan")
        );
        let res = Resources {
            gazetteer: g,
            ..Default::default()
        };
        let toks = res.analyze(&[
            "وصلت",
            "القوات",
            "إلى",
            "كازاخستان",
            "من",
            "الولايات",
            "المتحدة",
        ]);
        let gaz: Vec<u8> = toks.iter().map(|t| t.gaz).collect();
        assert_eq!(gaz, [0, 0, 0, 4, 0, 4, 5]);
    }
}

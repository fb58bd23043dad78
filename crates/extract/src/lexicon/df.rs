//! The document-frequency table of search keys (`data/df.tsv`, built from the
//! development corpus by `scripts/extract/build_df.py`): the inverse document
//! frequency the vocabulary gives each key, which keywords and the summary weigh.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The document-frequency table: the number of documents and each key's df.
pub struct DfTable {
    pub docs: u32,
    df: FxHashMap<String, u32>,
}

impl DfTable {
    /// Parses `#docs<TAB>N` then `key<TAB>df` lines (other `#` lines are comments).
    pub fn parse(src: &str) -> DfTable {
        let mut docs = 1;
        let mut df = FxHashMap::default();
        for line in src.lines() {
            let mut f = line.split('\t');
            let (Some(k), Some(v)) = (f.next(), f.next()) else {
                continue;
            };
            let Ok(v) = v.trim().parse::<u32>() else {
                continue;
            };
            if k == "#docs" {
                docs = v.max(1);
            } else {
                df.insert(k.to_string(), v);
            }
        }
        DfTable { docs, df }
    }

    /// The bundled table.
    pub fn bundled() -> &'static DfTable {
        static T: OnceLock<DfTable> = OnceLock::new();
        T.get_or_init(|| DfTable::parse(include_str!("../../data/df.tsv")))
    }

    /// Inverse document frequency; keys absent from the table (rarer than the
    /// table's cut-off) count as seen in half the cut-off.
    pub fn idf(&self, key: &str) -> f64 {
        // The table leaves out keys seen in fewer than 8 documents: take them as seen in 4.
        let df = self.df.get(key).copied().unwrap_or(4) as f64;
        ((self.docs as f64 + 1.0) / (df + 1.0)).ln().max(0.0)
    }

    /// Whether the table knows the key.
    pub fn contains(&self, key: &str) -> bool {
        self.df.contains_key(key)
    }

    /// The keys of the table.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.df.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.df.len()
    }

    pub fn is_empty(&self) -> bool {
        self.df.is_empty()
    }
}

//! What an ingester remembers of every article it has seen: ids with their content hashes, urls,
//! and the duplicate keys of the originals, in compact form: about 500 bytes an article, most of
//! it the near-duplicate signature (128 × 16 bits) and its 8 LSH band keys. A million short
//! articles ingest in 0.9 GB all told (`docs/limits.md`), the index writer's budget included.

use hashbrown::HashTable;
use khabar_ingest::dedup::{CompactSignatures, LshIndex, Signature, NUM_PERM, THRESHOLD};
use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::{xxh3_128_with_seed, xxh3_64_with_seed};

const ID_SEED: u64 = 0x6b68_6162_6172_0011;
const URL_SEED: u64 = 0x6b68_6162_6172_0012;

/// A seen article's number: its position in [`Seen`]'s id list.
pub(crate) type Slot = u32;

/// An original (an article that duplicates none before it): its number among the originals.
pub(crate) type Original = u32;

pub(crate) struct Seen {
    /// Every id, one after the other; slot `i` ends at `ends[i]`.
    ids: String,
    ends: Vec<usize>,
    /// Content hash by slot.
    hashes: Vec<u64>,
    /// Slots, found by their id.
    by_id: HashTable<Slot>,
    /// A url's 128-bit hash → the slot of the first article with that url (a false match needs
    /// two urls with one 128-bit hash).
    urls: FxHashMap<u128, Slot>,
    /// Body fingerprint → the first original with it.
    exact: FxHashMap<u64, Original>,
    /// Slot of each original.
    originals: Vec<Slot>,
    /// Near-duplicate signature of each original, by original number.
    sigs: CompactSignatures,
    lsh: LshIndex<Original>,
}

impl Seen {
    pub(crate) fn new() -> Seen {
        Seen {
            ids: String::new(),
            ends: Vec::new(),
            hashes: Vec::new(),
            by_id: HashTable::new(),
            urls: FxHashMap::default(),
            exact: FxHashMap::default(),
            originals: Vec::new(),
            sigs: CompactSignatures::new(NUM_PERM),
            lsh: LshIndex::with_threshold(NUM_PERM, THRESHOLD),
        }
    }

    /// Number of distinct ids seen.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The id of a slot.
    pub(crate) fn id(&self, slot: Slot) -> &str {
        let i = slot as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.ids[start..self.ends[i]]
    }

    fn slot(&self, id: &str) -> Option<Slot> {
        let h = xxh3_64_with_seed(id.as_bytes(), ID_SEED);
        self.by_id.find(h, |&s| self.id(s) == id).copied()
    }

    /// The content hash of the article with this id, if seen.
    pub(crate) fn content_hash(&self, id: &str) -> Option<u64> {
        self.slot(id).map(|s| self.hashes[s as usize])
    }

    /// Records `id` with its content hash (a new slot, or the id's own when seen before).
    pub(crate) fn set(&mut self, id: &str, hash: u64) -> Slot {
        if let Some(s) = self.slot(id) {
            self.hashes[s as usize] = hash;
            return s;
        }
        let slot = Slot::try_from(self.ends.len()).expect("fewer than 2^32 articles");
        self.ids.push_str(id);
        self.ends.push(self.ids.len());
        self.hashes.push(hash);
        let h = xxh3_64_with_seed(id.as_bytes(), ID_SEED);
        let Seen {
            by_id, ids, ends, ..
        } = self;
        by_id.insert_unique(h, slot, |&s| {
            let i = s as usize;
            let start = if i == 0 { 0 } else { ends[i - 1] };
            xxh3_64_with_seed(&ids.as_bytes()[start..ends[i]], ID_SEED)
        });
        slot
    }

    /// The slot of the first article seen with this url; records `slot` as that article when the
    /// url is new.
    pub(crate) fn first_with_url(&mut self, url: &str, slot: Slot) -> Slot {
        let h = xxh3_128_with_seed(url.as_bytes(), URL_SEED);
        *self.urls.entry(h).or_insert(slot)
    }

    /// The original with this body fingerprint.
    pub(crate) fn exact(&self, fingerprint: u64) -> Option<Original> {
        self.exact.get(&fingerprint).copied()
    }

    /// The id of an original.
    pub(crate) fn original_id(&self, n: Original) -> &str {
        self.id(self.originals[n as usize])
    }

    /// The most similar original at or above `threshold` whose id is not `id`'s.
    pub(crate) fn nearest(&self, sig: &Signature, id: &str, threshold: f64) -> Option<Original> {
        let mut best: Option<(Original, f64)> = None;
        for c in self.lsh.query(sig) {
            if self.original_id(c) == id {
                continue;
            }
            let s = self.sigs.similarity(c as usize, sig);
            if s >= threshold && best.is_none_or(|b| s > b.1) {
                best = Some((c, s));
            }
        }
        best.map(|b| b.0)
    }

    /// Records the article in `slot` as an original: its fingerprint and signature.
    pub(crate) fn remember(&mut self, slot: Slot, fingerprint: u64, sig: &Signature) {
        let Some(n) = self.sigs.push(sig) else {
            return;
        };
        let n = n as Original;
        self.exact.entry(fingerprint).or_insert(n);
        self.lsh.insert(n, sig);
        self.originals.push(slot);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use khabar_ingest::dedup::MinHasher;

    #[test]
    fn ids_urls_and_originals() {
        let mut seen = Seen::new();
        let a = seen.set("AL-politics-1-20180218", 7);
        let b = seen.set("بي بي سي/٢", 8);
        assert_ne!(a, b);
        assert_eq!(
            seen.set("AL-politics-1-20180218", 9),
            a,
            "an id keeps its slot"
        );
        assert_eq!(seen.content_hash("AL-politics-1-20180218"), Some(9));
        assert_eq!(seen.content_hash("بي بي سي/٢"), Some(8));
        assert_eq!(seen.content_hash("بي بي سي"), None);
        assert_eq!(seen.len(), 2);
        assert_eq!(seen.id(b), "بي بي سي/٢");

        let url = "http://www.alarabiya.net/ar/2018/02/18/هكذا.html";
        assert_eq!(seen.first_with_url(url, b), b);
        assert_eq!(
            seen.first_with_url(url, a),
            b,
            "the first article keeps the url"
        );

        let words = "موسكو لم يترك الرئيس الروسي فلاديمير بوتين أي هامش للمناوره امام القوي الغربيه للتاثير في مجريات الاحتجاجات في كازاخستان ومحاوله سحبها من دائره النفوذ التقليدي لروسيا مؤكدا ان بلاده لن تسمح بثورات ملونه جديده في تكرار للاحتجاجات التي فككت الاتحاد السوفييتي";
        let keys: Vec<&str> = words.split(' ').collect();
        let mh = MinHasher::default();
        let sig = mh.signature_of(&keys);
        seen.remember(a, 42, &sig);
        assert_eq!(seen.exact(42), Some(0));
        assert_eq!(seen.original_id(0), "AL-politics-1-20180218");
        let mut near = keys.clone();
        near.push("السابق");
        let near_sig = mh.signature_of(&near);
        assert_eq!(seen.nearest(&near_sig, "x", 0.5), Some(0));
        assert_eq!(
            seen.nearest(&near_sig, "AL-politics-1-20180218", 0.5),
            None,
            "not itself"
        );
        assert_eq!(seen.nearest(&near_sig, "x", 1.01), None);
        // A signature of another width is not kept.
        seen.remember(b, 43, &Signature(vec![1, 2, 3]));
        assert_eq!(seen.exact(43), None);
    }
}

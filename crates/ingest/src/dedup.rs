//! Duplicate detection keys: exact fingerprints and MinHash + LSH for near duplicates.
//!
//! Analysis (normalization, tokenization) lives in the text crate, which this crate must not
//! depend on, so everything here takes the caller's token *keys* (`&[&str]`, e.g. normalized search
//! keys of the body). Same keys in, same hashes out, on every run and machine: all hashing is xxh3
//! with the fixed seeds documented below.
//!
//! ```
//! use khabar_ingest::dedup::{shingles, MinHasher, LshIndex, body_fingerprint};
//! let a: Vec<&str> = "وصل الرئيس الروسي الى موسكو صباح اليوم في زياره رسميه تستمر يومين".split(' ').collect();
//! let mut b = a.clone();
//! b[11] = "ثلاثه"; // the last word changed
//! assert_ne!(body_fingerprint(&a), body_fingerprint(&b));
//! let mh = MinHasher::default();
//! let (sa, sb) = (mh.signature_of(&a), mh.signature_of(&b));
//! let mut lsh = LshIndex::default();
//! lsh.insert(1u32, &sa);
//! assert_eq!(lsh.query(&sb), vec![1]);
//! assert!(sa.similarity(&sb) > 0.5);
//! ```

use std::collections::HashMap;
use std::hash::Hash;

use xxhash_rust::xxh3::{xxh3_64_with_seed, Xxh3};

use crate::Error;

/// Seed of [`body_fingerprint`].
pub const FINGERPRINT_SEED: u64 = 0x6b68_6162_6172_0002;
/// Seed of the shingle hashes ([`shingles`]).
pub const SHINGLE_SEED: u64 = 0x6b68_6162_6172_0003;
/// Seed of the generator of the MinHash permutation coefficients.
pub const PERMUTATION_SEED: u64 = 0x6b68_6162_6172_0004;
/// Default shingle size: word 5-grams.
pub const SHINGLE_SIZE: usize = 5;
/// Default number of MinHash permutations.
pub const NUM_PERM: usize = 128;
/// Default near-duplicate threshold on Jaccard similarity of shingle sets.
pub const THRESHOLD: f64 = 0.8;

/// Exact-duplicate fingerprint: xxh3-64 (seed [`FINGERPRINT_SEED`]) of the keys joined by U+001F.
/// Two bodies with the same normalized key sequence get the same value.
pub fn body_fingerprint(normalized_keys: &[&str]) -> u64 {
    let mut h = Xxh3::with_seed(FINGERPRINT_SEED);
    for (i, k) in normalized_keys.iter().enumerate() {
        if i > 0 {
            h.update(b"\x1f");
        }
        h.update(k.as_bytes());
    }
    h.digest()
}

/// The set of word `k`-gram hashes of `keys` (xxh3-64, seed [`SHINGLE_SEED`], keys joined by
/// U+001F), sorted and deduplicated. Fewer than `k` keys give one shingle of all of them; no keys
/// give none. `k = 0` is taken as 1.
pub fn shingles(keys: &[&str], k: usize) -> Vec<u64> {
    let k = k.max(1);
    if keys.is_empty() {
        return Vec::new();
    }
    let mut buf = Vec::new();
    let mut hash = |w: &[&str]| {
        buf.clear();
        for (i, k) in w.iter().enumerate() {
            if i > 0 {
                buf.push(0x1f);
            }
            buf.extend_from_slice(k.as_bytes());
        }
        xxh3_64_with_seed(&buf, SHINGLE_SEED)
    };
    let mut out: Vec<u64> = if keys.len() < k {
        vec![hash(keys)]
    } else {
        keys.windows(k).map(&mut hash).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Exact Jaccard similarity |A∩B| / |A∪B| of two sorted, deduplicated hash sets (as from
/// [`shingles`]). Two empty sets have similarity 0.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

const MERSENNE_61: u64 = (1 << 61) - 1;

/// `v mod (2^61 − 1)` for `v < 2^123`, without a 128-bit division.
#[inline]
fn mod_mersenne61(v: u128) -> u64 {
    let m = MERSENNE_61 as u128;
    let r = (v & m) + (v >> 61); // < 2^62 + 2^61
    let r = (r & m) + (r >> 61); // < 2^61 + 2
    let r = r as u64;
    if r >= MERSENNE_61 {
        r - MERSENNE_61
    } else {
        r
    }
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// MinHash over shingle hashes: `num_perm` universal hash functions `(a·x + b) mod (2^61 − 1)`,
/// with coefficients drawn by splitmix64 from [`PERMUTATION_SEED`] (so the same `num_perm` gives the
/// same functions everywhere). Each signature value keeps the low 32 bits of the minimum.
#[derive(Debug, Clone)]
pub struct MinHasher {
    coef: Vec<(u64, u64)>,
    k: usize,
}

impl Default for MinHasher {
    /// [`NUM_PERM`] permutations over word [`SHINGLE_SIZE`]-grams.
    fn default() -> Self {
        MinHasher::new(NUM_PERM)
    }
}

impl MinHasher {
    /// `num_perm` permutations (at least 1), word 5-gram shingles.
    pub fn new(num_perm: usize) -> Self {
        let mut state = PERMUTATION_SEED;
        let coef = (0..num_perm.max(1))
            .map(|_| {
                let a = splitmix64(&mut state) % (MERSENNE_61 - 1) + 1;
                let b = splitmix64(&mut state) % MERSENNE_61;
                (a, b)
            })
            .collect();
        MinHasher {
            coef,
            k: SHINGLE_SIZE,
        }
    }

    /// The same with another shingle size.
    pub fn with_shingle_size(mut self, k: usize) -> Self {
        self.k = k.max(1);
        self
    }

    pub fn num_perm(&self) -> usize {
        self.coef.len()
    }

    pub fn shingle_size(&self) -> usize {
        self.k
    }

    /// Signature of a set of shingle hashes (see [`shingles`]). An empty set gives a signature of
    /// `u32::MAX` values, similar to nothing but another empty set.
    pub fn signature(&self, shingle_hashes: &[u64]) -> Signature {
        let mut mins = vec![u64::MAX; self.coef.len()];
        for &x in shingle_hashes {
            let x = x % MERSENNE_61;
            for (m, &(a, b)) in mins.iter_mut().zip(&self.coef) {
                let h = mod_mersenne61(a as u128 * x as u128 + b as u128);
                if h < *m {
                    *m = h;
                }
            }
        }
        Signature(mins.into_iter().map(|m| m as u32).collect())
    }

    /// Signature of token keys: [`shingles`] with this hasher's shingle size, then [`Self::signature`].
    pub fn signature_of(&self, keys: &[&str]) -> Signature {
        self.signature(&shingles(keys, self.k))
    }
}

/// A MinHash signature. Stored as bytes by [`Signature::to_bytes`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Signature(pub Vec<u32>);

const SIG_MAGIC: &[u8; 4] = b"KMH1";

impl Signature {
    /// Estimated Jaccard similarity: the fraction of equal positions (0 if lengths differ).
    pub fn similarity(&self, other: &Signature) -> f64 {
        agreement(self.0.iter(), other.0.iter(), self.0.len(), other.0.len())
    }

    /// `KMH1`, the count as u32 little-endian, then each value as u32 little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + 4 * self.0.len());
        out.extend_from_slice(SIG_MAGIC);
        out.extend_from_slice(&(self.0.len() as u32).to_le_bytes());
        for v in &self.0 {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// Reads what [`Signature::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<Signature, Error> {
        let rest = bytes
            .strip_prefix(SIG_MAGIC)
            .ok_or_else(|| Error::BadSignature("missing KMH1 header".into()))?;
        if rest.len() < 4 {
            return Err(Error::BadSignature("truncated header".into()));
        }
        let n = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        let body = &rest[4..];
        if body.len() != n.saturating_mul(4) {
            return Err(Error::BadSignature(format!(
                "{} value bytes for {n} values",
                body.len()
            )));
        }
        Ok(Signature(
            body.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        ))
    }
}

/// The fraction of equal positions of two equally long sequences (0 if lengths differ or empty):
/// the one estimate of Jaccard similarity, for whole and compact signatures.
fn agreement<A: PartialEq<B>, B>(
    a: impl Iterator<Item = A>,
    b: impl Iterator<Item = B>,
    a_len: usize,
    b_len: usize,
) -> f64 {
    if a_len != b_len || a_len == 0 {
        return 0.0;
    }
    let eq = a.zip(b).filter(|(x, y)| x == y).count();
    eq as f64 / a_len as f64
}

/// Signatures kept for later comparison in a quarter of the memory: the low 16 bits of each value
/// (b-bit MinHash, Li and König 2010), all in one buffer. Two different values agree in their low
/// 16 bits with chance 2⁻¹⁶, so the estimate of a pair at similarity `s` rises by (1 − s)/65,536
/// on average: for 128 values, one false agreement in about 2,500 comparisons, a change of 1/128.
/// A million originals take 256 MB instead of 1 GB of `Vec<u32>`s with their headers.
#[derive(Debug, Clone, Default)]
pub struct CompactSignatures {
    width: usize,
    values: Vec<u16>,
}

impl CompactSignatures {
    /// A store of signatures of `width` values ([`NUM_PERM`] for [`MinHasher::default`]).
    pub fn new(width: usize) -> Self {
        CompactSignatures {
            width: width.max(1),
            values: Vec::new(),
        }
    }

    /// Number of signatures kept.
    pub fn len(&self) -> usize {
        self.values.len() / self.width
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Keeps `sig` and returns its number (0, 1, …), or `None` (nothing kept) when its length is
    /// not the store's width.
    pub fn push(&mut self, sig: &Signature) -> Option<usize> {
        if sig.0.len() != self.width {
            return None;
        }
        let n = self.len();
        self.values.extend(sig.0.iter().map(|&v| v as u16));
        Some(n)
    }

    /// [`Signature::similarity`] of kept signature `n` and `sig` (0 for an unknown `n`).
    pub fn similarity(&self, n: usize, sig: &Signature) -> f64 {
        let Some(kept) = self.values.get(n * self.width..(n + 1) * self.width) else {
            return 0.0;
        };
        agreement(
            kept.iter().copied(),
            sig.0.iter().map(|&v| v as u16),
            kept.len(),
            sig.0.len(),
        )
    }
}

/// Locality-sensitive hashing over MinHash signatures: `bands` bands of `rows` values each; two
/// documents are candidates when all rows of at least one band agree. With the default 16 × 8
/// (128 permutations) a pair at Jaccard 0.8 is found with probability 1 − (1 − 0.8⁸)¹⁶ ≈ 0.95, at
/// 0.9 with ≈ 0.9999, at 0.5 with ≈ 0.06. Verify candidates with [`Signature::similarity`] or, when
/// the shingle sets are at hand, with [`jaccard`].
#[derive(Debug, Clone)]
pub struct LshIndex<K> {
    bands: usize,
    rows: usize,
    /// The first document of each bucket. A bucket's key is the band's hash, seeded by the band
    /// number, so one map serves all bands. Most buckets hold one document: keeping it inline,
    /// not in a `Vec` of its own, is 8 bytes a band for `u32` documents instead of about 100.
    first: HashMap<u32, K>,
    /// The second and later documents of the buckets that have them.
    more: HashMap<u32, Vec<K>>,
    len: usize,
}

impl<K: Clone + Ord + Hash> Default for LshIndex<K> {
    fn default() -> Self {
        LshIndex::new(16, 8)
    }
}

impl<K: Clone + Ord + Hash> LshIndex<K> {
    /// `bands × rows` should equal the signature length; extra values are ignored, and a short
    /// signature uses only its complete bands.
    pub fn new(bands: usize, rows: usize) -> Self {
        LshIndex {
            bands: bands.max(1),
            rows: rows.max(1),
            first: HashMap::new(),
            more: HashMap::new(),
            len: 0,
        }
    }

    /// The band and row counts that best separate `threshold` for `num_perm` permutations (minimizing
    /// the sum of false-positive and false-negative areas, as in datasketch).
    pub fn with_threshold(num_perm: usize, threshold: f64) -> Self {
        let mut best = (f64::MAX, 1, num_perm.max(1));
        for bands in 1..=num_perm.max(1) {
            let rows = num_perm / bands;
            if rows == 0 || bands * rows != num_perm {
                continue;
            }
            let p = |s: f64| 1.0 - (1.0 - s.powi(rows as i32)).powi(bands as i32);
            let area = |from: f64, to: f64, f: &dyn Fn(f64) -> f64| {
                let n = 200;
                (0..n)
                    .map(|i| f(from + (to - from) * (i as f64 + 0.5) / n as f64))
                    .sum::<f64>()
                    * (to - from)
                    / n as f64
            };
            let err = area(0.0, threshold, &p) + area(threshold, 1.0, &|s| 1.0 - p(s));
            if err < best.0 {
                best = (err, bands, rows);
            }
        }
        LshIndex::new(best.1, best.2)
    }

    pub fn bands(&self) -> usize {
        self.bands
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of documents inserted.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// One key per band: the top 32 bits of the band's hash. Two different bands share a key with
    /// chance 2⁻³², which only adds a candidate (a million documents: one query in 500 gets a
    /// stray one, which verification drops); half the memory of 64-bit keys.
    fn band_keys<'a>(&'a self, sig: &'a Signature) -> impl Iterator<Item = u32> + 'a {
        sig.0
            .chunks_exact(self.rows)
            .take(self.bands)
            .enumerate()
            .map(|(i, rows)| {
                let mut h = Xxh3::with_seed(i as u64);
                for r in rows {
                    h.update(&r.to_le_bytes());
                }
                (h.digest() >> 32) as u32
            })
    }

    /// Adds a document.
    pub fn insert(&mut self, doc: K, sig: &Signature) {
        let keys: Vec<_> = self.band_keys(sig).collect();
        for key in keys {
            match self.first.entry(key) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(doc.clone());
                }
                std::collections::hash_map::Entry::Occupied(_) => {
                    self.more.entry(key).or_default().push(doc.clone())
                }
            }
        }
        self.len += 1;
    }

    /// The documents sharing at least one band with `sig`, sorted and deduplicated.
    pub fn query(&self, sig: &Signature) -> Vec<K> {
        let mut out: Vec<K> = Vec::new();
        for k in self.band_keys(sig) {
            if let Some(d) = self.first.get(&k) {
                out.push(d.clone());
                out.extend(self.more.get(&k).into_iter().flatten().cloned());
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Queries, then inserts: the candidates among documents inserted before this one.
    pub fn insert_and_query(&mut self, doc: K, sig: &Signature) -> Vec<K> {
        let out = self.query(sig);
        self.insert(doc, sig);
        out
    }
}

/// What [`Deduper::check`] says about a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict<K> {
    Unique,
    /// Same [`body_fingerprint`] as an earlier document.
    Exact(K),
    /// Estimated Jaccard similarity at or above the threshold with an earlier document (the most
    /// similar one).
    Near(K, f64),
}

/// Exact and near-duplicate detection in one pass over a stream of documents: the first document
/// of a group is unique, later ones point at it.
#[derive(Debug, Clone)]
pub struct Deduper<K> {
    hasher: MinHasher,
    lsh: LshIndex<K>,
    exact: HashMap<u64, K>,
    sigs: HashMap<K, Signature>,
    threshold: f64,
}

impl<K: Clone + Ord + Hash> Default for Deduper<K> {
    fn default() -> Self {
        Deduper::new(MinHasher::default(), LshIndex::default(), THRESHOLD)
    }
}

impl<K: Clone + Ord + Hash> Deduper<K> {
    pub fn new(hasher: MinHasher, lsh: LshIndex<K>, threshold: f64) -> Self {
        Deduper {
            hasher,
            lsh,
            exact: HashMap::new(),
            sigs: HashMap::new(),
            threshold,
        }
    }

    /// Checks a document's keys against the earlier ones and remembers it (unless it is an exact
    /// duplicate). Returns the verdict and the document's signature (for storing).
    pub fn check(&mut self, doc: K, keys: &[&str]) -> (Verdict<K>, Signature) {
        let fp = body_fingerprint(keys);
        let sig = self.hasher.signature_of(keys);
        if let Some(first) = self.exact.get(&fp) {
            return (Verdict::Exact(first.clone()), sig);
        }
        self.exact.insert(fp, doc.clone());
        let mut best: Option<(K, f64)> = None;
        for c in self.lsh.insert_and_query(doc.clone(), &sig) {
            if let Some(s) = self.sigs.get(&c).map(|cs| cs.similarity(&sig)) {
                if s >= self.threshold && best.as_ref().is_none_or(|b| s > b.1) {
                    best = Some((c, s));
                }
            }
        }
        self.sigs.insert(doc, sig.clone());
        let verdict = match best {
            Some((k, s)) => Verdict::Near(k, s),
            None => Verdict::Unique,
        };
        (verdict, sig)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "موسكو لم يترك الرئيس الروسي فلاديمير بوتين أي هامش للمناوره امام القوي الغربيه للتاثير في مجريات الاحتجاجات في كازاخستان ومحاوله سحبها من دائره النفوذ التقليدي لروسيا مؤكدا ان بلاده لن تسمح بثورات ملونه جديده في تكرار للاحتجاجات التي فككت الاتحاد السوفييتي ودولا حليفه له وتعتقد روسيا ان الثورات والنزعات الانفصاليه في فنائها الخلفي ليست سوي وصفه غربيه لتطويق نفوذها في المنطقه";

    fn keys(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn fingerprints_are_stable_and_order_sensitive() {
        let k = keys(SEED);
        assert_eq!(
            body_fingerprint(&k),
            body_fingerprint(&keys(&SEED.replace(' ', "  ")))
        );
        let mut swapped = k.clone();
        swapped.swap(0, 1);
        assert_ne!(body_fingerprint(&k), body_fingerprint(&swapped));
        // Joining is unambiguous: ["ab", "c"] and ["a", "bc"] differ.
        assert_ne!(
            body_fingerprint(&["ab", "c"]),
            body_fingerprint(&["a", "bc"])
        );
        // Fixed seeds: these values must never change (stored indexes depend on them).
        assert_eq!(
            body_fingerprint(&[]),
            xxh3_64_with_seed(b"", FINGERPRINT_SEED)
        );
        assert_eq!(
            body_fingerprint(&["بوتين"]),
            xxh3_64_with_seed("بوتين".as_bytes(), FINGERPRINT_SEED)
        );
    }

    #[test]
    fn fast_modulo_matches_division() {
        let mut state = 7u64;
        for _ in 0..10_000 {
            let a = splitmix64(&mut state) % MERSENNE_61;
            let x = splitmix64(&mut state) % MERSENNE_61;
            let b = splitmix64(&mut state) % MERSENNE_61;
            let v = a as u128 * x as u128 + b as u128;
            assert_eq!(mod_mersenne61(v), (v % MERSENNE_61 as u128) as u64);
        }
        let max = (MERSENNE_61 as u128 - 1) * (MERSENNE_61 as u128 - 1) + MERSENNE_61 as u128 - 1;
        assert_eq!(mod_mersenne61(max), (max % MERSENNE_61 as u128) as u64);
        assert_eq!(mod_mersenne61(MERSENNE_61 as u128), 0);
    }

    #[test]
    fn shingles_and_exact_jaccard() {
        assert!(shingles(&[], 5).is_empty());
        assert_eq!(shingles(&["أ", "ب"], 5).len(), 1);
        let k = keys(SEED);
        let s = shingles(&k, 5);
        assert_eq!(s.len(), k.len() - 4);
        assert_eq!(jaccard(&s, &s), 1.0);
        let half = shingles(&k[..k.len() / 2], 5);
        let j = jaccard(&s, &half);
        assert!((0.4..0.55).contains(&j), "{j}");
        assert_eq!(jaccard(&[], &[]), 0.0);
    }

    #[test]
    fn minhash_estimates_jaccard() {
        let mh = MinHasher::new(256);
        let k = keys(SEED);
        let mut edited = k.clone();
        edited[10] = "بريطانيا";
        edited[40] = "اوكرانيا";
        let (a, b) = (shingles(&k, 5), shingles(&edited, 5));
        let truth = jaccard(&a, &b);
        let est = mh.signature(&a).similarity(&mh.signature(&b));
        assert!((est - truth).abs() < 0.1, "estimate {est}, truth {truth}");
        let other = keys("اعلنت وزاره الداخليه اليوم عن نتائج التحقيق في الحادث الذي وقع امس في مدينه الرياض واسفر عن اصابه ثلاثه اشخاص");
        assert!(mh.signature_of(&k).similarity(&mh.signature_of(&other)) < 0.1);
        // Same input, same signature, from a fresh hasher.
        assert_eq!(MinHasher::new(256).signature(&a), mh.signature(&a));
    }

    #[test]
    fn signature_bytes_round_trip() {
        let sig = MinHasher::default().signature_of(&keys(SEED));
        let bytes = sig.to_bytes();
        assert_eq!(bytes.len(), 8 + 4 * 128);
        assert_eq!(Signature::from_bytes(&bytes).unwrap(), sig);
        assert!(Signature::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Signature::from_bytes(b"KMH0\x00\x00\x00\x00").is_err());
        assert!(Signature::from_bytes(b"KMH1\xff\xff\xff\xff").is_err());
    }

    #[test]
    fn compact_signatures_estimate_as_whole_ones() {
        let mh = MinHasher::default();
        let k = keys(SEED);
        let mut store = CompactSignatures::new(NUM_PERM);
        assert!(store.is_empty());
        let mut variants = Vec::new();
        for cut in [0, 3, 9, 20, 40] {
            let mut v: Vec<&str> = k.clone();
            v.truncate(k.len() - cut);
            v.push("وأضاف");
            variants.push(mh.signature_of(&v));
        }
        for (i, s) in variants.iter().enumerate() {
            assert_eq!(store.push(s), Some(i));
        }
        assert_eq!(store.len(), variants.len());
        let whole = mh.signature_of(&k);
        for (i, s) in variants.iter().enumerate() {
            // Equal on these pairs: a false 16-bit agreement is a 1 in 2,500 event.
            assert_eq!(
                store.similarity(i, &whole),
                s.similarity(&whole),
                "variant {i}"
            );
        }
        assert!(store.similarity(0, &whole) > 0.8 && store.similarity(4, &whole) < 0.8);
        assert_eq!(store.push(&Signature(vec![1, 2])), None, "another width");
        assert_eq!(store.similarity(99, &whole), 0.0);
    }

    #[test]
    fn lsh_finds_near_duplicates_only() {
        let mh = MinHasher::default();
        let k = keys(SEED);
        let mut near = k.clone();
        near.push("وأضاف");
        near.push("المتحدث");
        let far = keys("اعلنت وزاره الداخليه اليوم عن نتائج التحقيق في الحادث الذي وقع امس في مدينه الرياض واسفر عن اصابه ثلاثه اشخاص");
        let mut lsh = LshIndex::default();
        lsh.insert("seed", &mh.signature_of(&k));
        lsh.insert("far", &mh.signature_of(&far));
        assert_eq!(lsh.query(&mh.signature_of(&near)), vec!["seed"]);
        assert_eq!(lsh.len(), 2);
        let t = LshIndex::<u32>::with_threshold(128, 0.8);
        assert_eq!(t.bands() * t.rows(), 128);
        assert!((8..=32).contains(&t.bands()), "{} bands", t.bands());
    }

    #[test]
    fn deduper_verdicts() {
        let k = keys(SEED);
        let mut near = k.clone();
        // One word changed near the end: Jaccard 0.92 (MinHash estimates it within about ±0.03).
        near[58] = "ديمتري";
        assert!(jaccard(&shingles(&k, 5), &shingles(&near, 5)) > 0.85);
        let mut d = Deduper::default();
        assert_eq!(d.check(1, &k).0, Verdict::Unique);
        assert_eq!(d.check(2, &k).0, Verdict::Exact(1));
        match d.check(3, &near).0 {
            Verdict::Near(1, s) => assert!(s >= THRESHOLD, "{s}"),
            v => panic!("{v:?}"),
        }
        assert_eq!(
            d.check(
                4,
                &keys("اعلنت وزاره الداخليه اليوم عن نتائج التحقيق في الحادث")
            )
            .0,
            Verdict::Unique
        );
    }
}

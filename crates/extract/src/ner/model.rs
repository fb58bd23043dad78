//! The compact tagging model: a linear-chain CRF's weights keyed by the hash of
//! each feature string, and Viterbi decoding.
//!
//! Binary format (little-endian), version 1:
//!
//! ```text
//! magic     8 bytes  "KHBRNER\0"
//! version   u32      1
//! resources u64      xxh3 of the cluster and gazetteer tables it was trained with
//! text      u64      fingerprint of khabar-text's analysis at training ([`super::text_fingerprint`])
//! o_penalty f32      subtracted from the `O` label's score of every token at
//!                    decoding (trades precision for recall; tuned on dev data)
//! labels    u32 n, then n × (u8 len, bytes): BIO tags by name ([`Tag::as_str`])
//! trans     n × n f32 (from row to column)
//! features  u32 m, then m × (u64 hash, u8 k, k × (u8 label, f32 weight)), hashes ascending
//! ```

use super::{Error, Tag};
use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

pub const MAGIC: &[u8; 8] = b"KHBRNER\0";
pub const VERSION: u32 = 1;

/// A trained tagging model.
#[derive(Clone, Debug)]
pub struct Model {
    pub(crate) labels: Vec<Tag>,
    pub(crate) trans: Vec<f32>,
    /// `trans` transposed (to row from column), so Viterbi reads each column contiguously.
    trans_t: Vec<f32>,
    index: FxHashMap<u64, (u32, u32)>,
    weights: Vec<(u8, f32)>,
    pub(crate) resources: u64,
    /// Subtracted from the `O` score of each token when decoding.
    pub o_penalty: f32,
    /// [`super::text_fingerprint`] when the model was trained.
    pub text_fingerprint: u64,
}

/// The hash under which a feature string's weights are stored.
#[inline]
pub fn feature_hash(s: &str) -> u64 {
    xxh3_64(s.as_bytes())
}

struct Reader<'a> {
    buf: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let s = self
            .buf
            .get(self.at..self.at + n)
            .ok_or_else(|| Error::Model("truncated model".into()))?;
        self.at += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, Error> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }
    fn u64(&mut self) -> Result<u64, Error> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or_default(),
        ))
    }
    fn f32(&mut self) -> Result<f32, Error> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }
}

impl Model {
    /// Builds a model from its parts; `features` maps feature strings' hashes to
    /// (label index, weight) pairs.
    pub fn from_parts(
        labels: Vec<Tag>,
        trans: Vec<f32>,
        features: Vec<(u64, Vec<(u8, f32)>)>,
        resources: u64,
    ) -> Model {
        let mut index = FxHashMap::default();
        index.reserve(features.len());
        let mut weights = Vec::new();
        for (h, ws) in features {
            index.insert(h, (weights.len() as u32, ws.len() as u32));
            weights.extend(ws);
        }
        let l = labels.len();
        let trans_t = (0..l)
            .flat_map(|j| (0..l).map(move |i| (i, j)))
            .map(|(i, j)| trans.get(i * l + j).copied().unwrap_or(0.0))
            .collect();
        Model {
            labels,
            trans,
            trans_t,
            index,
            weights,
            resources,
            o_penalty: 0.0,
            text_fingerprint: 0,
        }
    }

    /// Reads a model in the binary format above.
    pub fn from_bytes(buf: &[u8]) -> Result<Model, Error> {
        if buf.len() < 12 || &buf[..8] != MAGIC {
            return Err(Error::Model("not a khabar NER model (bad magic)".into()));
        }
        let mut r = Reader { buf, at: 8 };
        let version = r.u32()?;
        if version != VERSION {
            return Err(Error::Model(format!(
                "model format version {version}, this build reads {VERSION}"
            )));
        }
        let resources = r.u64()?;
        let text_fingerprint = r.u64()?;
        let o_penalty = r.f32()?;
        let n = r.u32()? as usize;
        if n == 0 || n > 64 {
            return Err(Error::Model(format!("bad label count {n}")));
        }
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            let len = r.u8()? as usize;
            let s = std::str::from_utf8(r.take(len)?)
                .map_err(|_| Error::Model("label is not UTF-8".into()))?;
            let tag = Tag::parse(s).ok_or_else(|| Error::Model(format!("unknown label {s:?}")))?;
            labels.push(tag);
        }
        let mut trans = Vec::with_capacity(n * n);
        for _ in 0..n * n {
            trans.push(r.f32()?);
        }
        let m = r.u32()? as usize;
        let mut features = Vec::with_capacity(m.min(buf.len() / 9));
        for _ in 0..m {
            let h = r.u64()?;
            let k = r.u8()? as usize;
            let mut ws = Vec::with_capacity(k);
            for _ in 0..k {
                let l = r.u8()?;
                if l as usize >= n {
                    return Err(Error::Model("label index out of range".into()));
                }
                ws.push((l, r.f32()?));
            }
            features.push((h, ws));
        }
        if r.at != buf.len() {
            return Err(Error::Model("trailing bytes after the model".into()));
        }
        let mut model = Model::from_parts(labels, trans, features, resources);
        model.o_penalty = if o_penalty.is_finite() {
            o_penalty
        } else {
            0.0
        };
        model.text_fingerprint = text_fingerprint;
        Ok(model)
    }

    /// The binary form.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.weights.len() * 5 + self.index.len() * 9);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&self.resources.to_le_bytes());
        out.extend_from_slice(&self.text_fingerprint.to_le_bytes());
        out.extend_from_slice(&self.o_penalty.to_le_bytes());
        out.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for l in &self.labels {
            out.push(l.as_str().len() as u8);
            out.extend_from_slice(l.as_str().as_bytes());
        }
        for w in &self.trans {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let mut hashes: Vec<(&u64, &(u32, u32))> = self.index.iter().collect();
        hashes.sort_unstable_by_key(|(h, _)| **h);
        out.extend_from_slice(&(hashes.len() as u32).to_le_bytes());
        for (h, &(start, len)) in hashes {
            out.extend_from_slice(&h.to_le_bytes());
            out.push(len as u8);
            for &(l, w) in &self.weights[start as usize..(start + len) as usize] {
                out.push(l);
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    pub fn labels(&self) -> &[Tag] {
        &self.labels
    }

    /// The index of a tag among the model's labels.
    pub fn label_id(&self, tag: Tag) -> Option<u8> {
        self.labels.iter().position(|&l| l == tag).map(|i| i as u8)
    }

    pub fn num_features(&self) -> usize {
        self.index.len()
    }

    /// Adds the weights of feature `s` to `scores` (one per label).
    #[inline]
    pub fn add_feature(&self, s: &str, scores: &mut [f32]) {
        if let Some(&(start, len)) = self.index.get(&feature_hash(s)) {
            for &(l, w) in &self.weights[start as usize..(start + len) as usize] {
                scores[l as usize] += w;
            }
        }
    }

    /// The index of the `O` label, if the model has one.
    pub fn o_label(&self) -> Option<usize> {
        self.label_id(Tag::O).map(usize::from)
    }

    /// The best label sequence for per-token state scores (`n × labels`, row-major).
    pub fn viterbi(&self, state: &[f32], out: &mut Vec<u8>) {
        out.clear();
        let l = self.labels.len();
        let n = state.len() / l;
        if n == 0 {
            return;
        }
        let mut score = state[..l].to_vec();
        let mut back = vec![0u8; n * l];
        let mut next = vec![0f32; l];
        for t in 1..n {
            let here = &state[t * l..(t + 1) * l];
            let from = &mut back[t * l..(t + 1) * l];
            for (j, ((nj, &sj), bj)) in next.iter_mut().zip(here).zip(from).enumerate() {
                let (mut best, mut arg) = (f32::NEG_INFINITY, 0u8);
                let column = &self.trans_t[j * l..(j + 1) * l];
                for (i, (s, w)) in score.iter().zip(column).enumerate() {
                    let v = s + w;
                    if v > best {
                        best = v;
                        arg = i as u8;
                    }
                }
                *nj = best + sj;
                *bj = arg;
            }
            std::mem::swap(&mut score, &mut next);
        }
        let mut best = 0;
        for j in 1..l {
            if score[j] > score[best] {
                best = j;
            }
        }
        out.resize(n, 0);
        out[n - 1] = best as u8;
        for t in (1..n).rev() {
            out[t - 1] = back[t * l + out[t] as usize];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Model {
        use crate::ner::EntityLabel::Pers;
        let labels = vec![Tag::O, Tag::B(Pers), Tag::I(Pers)];
        // O→I forbidden-ish.
        let trans = vec![0.0, 0.0, -5.0, 0.0, -2.0, 2.0, 0.0, -3.0, 0.0];
        let features = vec![
            (feature_hash("w=بوتين"), vec![(1u8, 3.0f32)]),
            (feature_hash("w=فلاديمير"), vec![(1, 2.0), (2, 0.5)]),
        ];
        Model::from_parts(labels, trans, features, 7)
    }

    #[test]
    fn round_trip_and_decode() {
        let mut m = toy();
        m.text_fingerprint = 9;
        m.o_penalty = 0.25;
        let bytes = m.to_bytes();
        assert_eq!(&bytes[..8], MAGIC);
        let m2 = Model::from_bytes(&bytes).unwrap();
        assert_eq!(m2.labels, m.labels);
        assert_eq!(
            (m2.resources, m2.text_fingerprint, m2.o_penalty),
            (7, 9, 0.25)
        );
        let mut state = vec![0f32; 9];
        m2.add_feature("w=فلاديمير", &mut state[3..6]);
        m2.add_feature("w=بوتين", &mut state[6..9]);
        state[0] = 1.0; // first token: O
        let mut out = Vec::new();
        m2.viterbi(&state, &mut out);
        // فلاديمير بوتين: B then I thanks to the B→I transition.
        assert_eq!(out, [0, 1, 2]);
    }

    #[test]
    fn rejects_garbage() {
        assert!(Model::from_bytes(b"").is_err());
        assert!(Model::from_bytes(b"lCRFxxxxxxxxxxxxxxx").is_err());
        let mut bytes = toy().to_bytes();
        bytes.truncate(bytes.len() - 3);
        assert!(Model::from_bytes(&bytes).is_err());
    }
}

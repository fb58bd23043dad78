//! Training: a linear-chain CRF over the features of [`super::features`],
//! fitted by L-BFGS (OWL-QN when an L1 term is set, which keeps the model
//! sparse and small), then stored in khabar's compact format ([`super::model`]).
//!
//! Every (attribute, label) pair has a weight, plus a label-to-label
//! transition matrix. The objective is the negative log-likelihood plus
//! `c2·‖w‖²` (and `c1·‖w‖₁`); its gradient is computed over a fixed number of
//! data shards on scoped threads and summed in shard order, so the result is
//! the same on any machine: no random state is involved.

use super::features::{sentence_features, Resources};
use super::model::{feature_hash, Model};
use super::{Error, Tag};
use rustc_hash::FxHashMap;

/// Training options.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// L1 regularization (sparsity); 0 for plain L-BFGS.
    pub c1: f64,
    /// L2 regularization.
    pub c2: f64,
    pub max_iterations: usize,
    /// Attributes seen fewer times in training are dropped.
    pub min_freq: usize,
    /// Weights smaller than this (in absolute value) are left out of the model.
    pub prune: f32,
    /// Data shards for the gradient (threads); fixed so results do not depend on the machine.
    pub shards: usize,
    /// The decoding penalty on `O` stored in the model ([`Model::o_penalty`]).
    pub o_penalty: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            c1: 0.02,
            c2: 0.03,
            max_iterations: 150,
            min_freq: 1,
            prune: 1e-3,
            shards: 2,
            o_penalty: 0.0,
        }
    }
}

/// A training sentence: its tokens and BIO tags.
#[derive(Clone, Debug)]
pub struct Example {
    pub words: Vec<String>,
    pub tags: Vec<Tag>,
}

/// Where training is, for progress reports.
#[derive(Clone, Copy, Debug)]
pub enum Stage {
    /// Features extracted for this many sentences of the total.
    Features(usize, usize),
    /// The optimizer starts: attributes and parameters.
    Optimizing {
        attributes: usize,
        parameters: usize,
    },
    /// One L-BFGS iteration done: its number and the objective.
    Iteration(usize, f64),
}

/// The training set in index form.
struct Data {
    /// Attribute ids of all tokens, concatenated.
    attrs: Vec<u32>,
    /// Token `i`'s attributes are `attrs[item[i]..item[i + 1]]`.
    item: Vec<u32>,
    /// Sentence `s`'s tokens are `seq[s]..seq[s + 1]`.
    seq: Vec<u32>,
    labels: Vec<u8>,
    num_labels: usize,
    num_attrs: usize,
}

/// Forward-backward buffers for one sentence.
#[derive(Default)]
struct Ctx {
    state: Vec<f64>,
    psi: Vec<f64>,
    alpha: Vec<f64>,
    beta: Vec<f64>,
    scale: Vec<f64>,
}

impl Data {
    /// Adds one sentence's negative log-likelihood to `loss` and its gradient to `g`.
    fn sentence(
        &self,
        s: usize,
        x: &[f64],
        exp_trans: &[f64],
        g: &mut [f64],
        ctx: &mut Ctx,
    ) -> f64 {
        let l = self.num_labels;
        let (a, b) = (self.seq[s] as usize, self.seq[s + 1] as usize);
        let n = b - a;
        if n == 0 {
            return 0.0;
        }
        let off = l * l;
        ctx.state.clear();
        ctx.state.resize(n * l, 0.0);
        ctx.psi.resize(n * l, 0.0);
        ctx.alpha.resize(n * l, 0.0);
        ctx.beta.resize(n * l, 0.0);
        ctx.scale.resize(n, 0.0);
        let mut log_z = 0.0;
        for t in 0..n {
            let tok = a + t;
            let row = &mut ctx.state[t * l..(t + 1) * l];
            for &at in &self.attrs[self.item[tok] as usize..self.item[tok + 1] as usize] {
                let w = &x[off + at as usize * l..off + (at as usize + 1) * l];
                for (r, w) in row.iter_mut().zip(w) {
                    *r += w;
                }
            }
            let m = row.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            log_z += m;
            for (p, r) in ctx.psi[t * l..(t + 1) * l].iter_mut().zip(row.iter()) {
                *p = (r - m).exp();
            }
        }
        // Forward, scaled.
        for t in 0..n {
            let mut sum = 0.0;
            for j in 0..l {
                let v = if t == 0 {
                    ctx.psi[j]
                } else {
                    let mut acc = 0.0;
                    for i in 0..l {
                        acc += ctx.alpha[(t - 1) * l + i] * exp_trans[i * l + j];
                    }
                    acc * ctx.psi[t * l + j]
                };
                ctx.alpha[t * l + j] = v;
                sum += v;
            }
            let c = if sum > 0.0 { sum } else { f64::MIN_POSITIVE };
            ctx.scale[t] = c;
            log_z += c.ln();
            for v in &mut ctx.alpha[t * l..(t + 1) * l] {
                *v /= c;
            }
        }
        // Backward, with the same scales.
        for v in &mut ctx.beta[(n - 1) * l..n * l] {
            *v = 1.0;
        }
        for t in (0..n - 1).rev() {
            for i in 0..l {
                let mut acc = 0.0;
                for j in 0..l {
                    acc +=
                        exp_trans[i * l + j] * ctx.psi[(t + 1) * l + j] * ctx.beta[(t + 1) * l + j];
                }
                ctx.beta[t * l + i] = acc / ctx.scale[t + 1];
            }
        }
        // Gold score and gradient (expected minus observed).
        let mut gold = 0.0;
        for t in 0..n {
            let tok = a + t;
            let y = self.labels[tok] as usize;
            gold += ctx.state[t * l + y];
            let attrs = &self.attrs[self.item[tok] as usize..self.item[tok + 1] as usize];
            for &at in attrs {
                let gw = &mut g[off + at as usize * l..off + (at as usize + 1) * l];
                for (k, gk) in gw.iter_mut().enumerate() {
                    *gk += ctx.alpha[t * l + k] * ctx.beta[t * l + k];
                }
                gw[y] -= 1.0;
            }
            if t > 0 {
                let yp = self.labels[tok - 1] as usize;
                gold += x[yp * l + y];
                g[yp * l + y] -= 1.0;
                let inv = 1.0 / ctx.scale[t];
                for i in 0..l {
                    let ai = ctx.alpha[(t - 1) * l + i] * inv;
                    for j in 0..l {
                        g[i * l + j] +=
                            ai * exp_trans[i * l + j] * ctx.psi[t * l + j] * ctx.beta[t * l + j];
                    }
                }
            }
        }
        log_z - gold
    }
}

/// Trains a model on `examples` with the bundled resources. The model
/// records the fingerprints of what it was trained under (the resources,
/// `khabar_text`'s analysis), so [`super::Ner::from_model`] accepts it and
/// [`super::Ner::is_stale`] can tell when it needs retraining.
pub fn train(
    examples: &[Example],
    opts: &TrainOptions,
    progress: impl FnMut(Stage),
) -> Result<Model, Error> {
    let res = super::bundled_resources();
    train_with(examples, res, super::bundled_resources_id(), opts, progress)
}

/// [`train`] with other resources, recorded under `resources_id`.
fn train_with(
    examples: &[Example],
    res: &Resources,
    resources_id: u64,
    opts: &TrainOptions,
    mut progress: impl FnMut(Stage),
) -> Result<Model, Error> {
    if examples.is_empty() {
        return Err(Error::Train("no training sentences".into()));
    }
    // Labels: the tags that occur, in `Tag` order (O first).
    let mut labels: Vec<Tag> = examples
        .iter()
        .flat_map(|ex| ex.tags.iter().copied())
        .collect();
    labels.sort_unstable();
    labels.dedup();
    let label_id = |t: Tag| labels.binary_search(&t).map_or(0, |i| i as u8);
    // Attribute strings of every token, counted.
    let mut feats: Vec<Vec<Vec<String>>> = Vec::with_capacity(examples.len());
    let mut counts: FxHashMap<String, u32> = FxHashMap::default();
    for (n, ex) in examples.iter().enumerate() {
        if ex.words.len() != ex.tags.len() {
            return Err(Error::Train(format!(
                "sentence {}: {} tokens but {} tags",
                n + 1,
                ex.words.len(),
                ex.tags.len()
            )));
        }
        let fs = sentence_features(&res.analyze(&ex.words));
        for tok in &fs {
            for f in tok {
                *counts.entry(f.clone()).or_default() += 1;
            }
        }
        feats.push(fs);
        if n % 500 == 0 || n + 1 == examples.len() {
            progress(Stage::Features(n + 1, examples.len()));
        }
    }
    // Attribute ids in a fixed order (sorted strings): reproducible.
    let mut names: Vec<String> = counts
        .into_iter()
        .filter(|(_, c)| *c as usize >= opts.min_freq)
        .map(|(s, _)| s)
        .collect();
    names.sort_unstable();
    let attr_id: FxHashMap<&str, u32> = names
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i as u32))
        .collect();
    let mut data = Data {
        attrs: Vec::new(),
        item: vec![0],
        seq: vec![0],
        labels: Vec::new(),
        num_labels: labels.len(),
        num_attrs: names.len(),
    };
    for (ex, fs) in examples.iter().zip(&feats) {
        for (tag, tok) in ex.tags.iter().zip(fs) {
            data.attrs
                .extend(tok.iter().filter_map(|f| attr_id.get(f.as_str()).copied()));
            data.item.push(data.attrs.len() as u32);
            data.labels.push(label_id(*tag));
        }
        data.seq.push(data.labels.len() as u32);
    }
    drop(feats);
    let l = data.num_labels;
    let num_params = l * l + data.num_attrs * l;
    progress(Stage::Optimizing {
        attributes: data.num_attrs,
        parameters: num_params,
    });

    // Shards of sentences of about equal token counts.
    let shards = opts.shards.max(1);
    let total = data.labels.len();
    let mut bounds = vec![0usize];
    for s in 0..data.seq.len() - 1 {
        if data.seq[s + 1] as usize * shards >= total * bounds.len() && bounds.len() < shards {
            bounds.push(s + 1);
        }
    }
    bounds.push(data.seq.len() - 1);
    bounds.dedup();

    let c2 = opts.c2;
    let data_ref = &data;
    let mut grads: Vec<Vec<f64>> = vec![vec![0.0; num_params]; bounds.len() - 1];
    let evaluate = |x: &[f64], gx: &mut [f64]| {
        let exp_trans: Vec<f64> = x[..l * l].iter().map(|w| w.exp()).collect();
        let losses: Vec<f64> = std::thread::scope(|scope| {
            let handles: Vec<_> = grads
                .iter_mut()
                .enumerate()
                .map(|(k, g)| {
                    let (from, to) = (bounds[k], bounds[k + 1]);
                    let exp_trans = &exp_trans;
                    scope.spawn(move || {
                        g.iter_mut().for_each(|v| *v = 0.0);
                        let mut ctx = Ctx::default();
                        let mut loss = 0.0;
                        for s in from..to {
                            loss += data_ref.sentence(s, x, exp_trans, g, &mut ctx);
                        }
                        loss
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(f64::NAN))
                .collect()
        });
        let mut loss: f64 = losses.iter().sum();
        gx.copy_from_slice(&grads[0]);
        for g in &grads[1..] {
            for (a, b) in gx.iter_mut().zip(g) {
                *a += b;
            }
        }
        if c2 > 0.0 {
            for (gi, xi) in gx.iter_mut().zip(x) {
                *gi += 2.0 * c2 * xi;
                loss += c2 * xi * xi;
            }
        }
        Ok(loss)
    };
    let mut x = vec![0.0f64; num_params];
    let mut lbfgs = liblbfgs::lbfgs()
        .with_max_iterations(opts.max_iterations)
        .with_epsilon(1e-5)
        .with_fx_delta(1e-5, 10);
    if opts.c1 > 0.0 {
        lbfgs = lbfgs
            .with_linesearch_algorithm("BacktrackingStrongWolfe")
            .with_orthantwise(opts.c1, 0, num_params);
    }
    lbfgs
        .minimize(&mut x, evaluate, |p| {
            progress(Stage::Iteration(p.niter, p.fx));
            false
        })
        .map_err(|e| Error::Train(format!("L-BFGS: {e}")))?;

    let trans: Vec<f32> = x[..l * l].iter().map(|&w| w as f32).collect();
    let mut features: Vec<(u64, Vec<(u8, f32)>)> = Vec::new();
    for (a, name) in names.iter().enumerate() {
        let ws: Vec<(u8, f32)> = x[l * l + a * l..l * l + (a + 1) * l]
            .iter()
            .enumerate()
            .filter(|(_, w)| w.abs() as f32 >= opts.prune)
            .map(|(k, &w)| (k as u8, w as f32))
            .collect();
        if !ws.is_empty() {
            features.push((feature_hash(name), ws));
        }
    }
    features.sort_unstable_by_key(|f| f.0);
    // Two strings with one hash (unlikely with 64 bits): merge their weights.
    features.dedup_by(|b, a| {
        if a.0 == b.0 {
            a.1.append(&mut b.1);
            true
        } else {
            false
        }
    });
    let mut model = Model::from_parts(labels, trans, features, resources_id);
    model.o_penalty = opts.o_penalty;
    model.text_fingerprint = super::text_fingerprint();
    Ok(model)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::features::Triggers;

    #[test]
    fn gradient_matches_finite_differences() {
        // Two sentences (3 and 2 tokens), 3 labels, 4 attributes.
        let data = Data {
            attrs: vec![0, 1, 2, 1, 3, 0, 2, 3],
            item: vec![0, 2, 3, 5, 6, 8],
            seq: vec![0, 3, 5],
            labels: vec![0, 1, 2, 1, 0],
            num_labels: 3,
            num_attrs: 4,
        };
        let l = 3;
        let n = l * l + data.num_attrs * l;
        let x: Vec<f64> = (0..n).map(|i| ((i * 37 % 11) as f64 - 5.0) / 7.0).collect();
        let f = |x: &[f64], g: &mut [f64]| {
            let et: Vec<f64> = x[..l * l].iter().map(|w| w.exp()).collect();
            let mut ctx = Ctx::default();
            (0..2)
                .map(|s| data.sentence(s, x, &et, g, &mut ctx))
                .sum::<f64>()
        };
        let mut g = vec![0.0; n];
        assert!(f(&x, &mut g) > 0.0);
        let mut scratch = vec![0.0; n];
        for k in 0..n {
            let (mut xp, mut xm) = (x.clone(), x.clone());
            xp[k] += 1e-6;
            xm[k] -= 1e-6;
            let num = (f(&xp, &mut scratch) - f(&xm, &mut scratch)) / 2e-6;
            assert!(
                (num - g[k]).abs() < 1e-5,
                "parameter {k}: numeric {num}, analytic {}",
                g[k]
            );
        }
    }

    #[test]
    fn learns_a_tiny_corpus() {
        let res = Resources {
            triggers: Triggers::parse(crate::ner::TRIGGERS_TSV),
            ..Default::default()
        };
        let ex = |w: &str, t: &str| Example {
            words: w.split(' ').map(str::to_string).collect(),
            tags: t.split(' ').filter_map(Tag::parse).collect(),
        };
        let data = vec![
            ex("قال الرئيس بوتين في موسكو", "O O B-PERS O B-LOC"),
            ex("وصل بوتين إلى موسكو", "O B-PERS O B-LOC"),
            ex("قال الرئيس ماكرون في باريس", "O O B-PERS O B-LOC"),
            ex("وصل ماكرون إلى باريس", "O B-PERS O B-LOC"),
        ];
        let opts = TrainOptions {
            c1: 0.0,
            c2: 0.01,
            max_iterations: 50,
            ..Default::default()
        };
        let model = train_with(&data, &res, 0, &opts, |_| {}).unwrap();
        assert_eq!(model.text_fingerprint, crate::ner::text_fingerprint());
        let m2 = Model::from_bytes(&model.to_bytes()).unwrap();
        let toks = res.analyze(&["وصل", "بوتين", "إلى", "باريس"]);
        let l = m2.labels.len();
        let mut state = vec![0f32; toks.len() * l];
        let mut buf = String::new();
        for i in 0..toks.len() {
            let row = &mut state[i * l..(i + 1) * l];
            crate::ner::features::token_features(&toks, i, &mut buf, |f| m2.add_feature(f, row));
        }
        let mut out = Vec::new();
        m2.viterbi(&state, &mut out);
        let tags: Vec<&str> = out
            .iter()
            .map(|&i| m2.labels[i as usize].as_str())
            .collect();
        assert_eq!(m2.labels[0], Tag::O);
        assert_eq!(tags, ["O", "B-PERS", "O", "B-LOC"]);
    }
}

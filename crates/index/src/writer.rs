//! Adding articles: parallel analysis, identity, duplicates, batched commits.

use khabar_ingest::dedup::{body_fingerprint, MinHasher, Signature, NUM_PERM, THRESHOLD};
use khabar_ingest::Article;
use rayon::prelude::*;
use tantivy::schema::{Facet, Value};
use tantivy::{IndexWriter, TantivyDocument, Term};

use crate::analysis::{analyze_joined, SEP};
use crate::seen::Seen;
use crate::{Error, Index, Result};

/// What an extractor adds to an article: entity names and the reading.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// `(label, name)` of each distinct entity, such as `("PERS", "فلاديمير بوتين")`: facets, and
    /// `entity:` terms (`PERS:` and the name's search keys).
    pub entities: Vec<(String, String)>,
    /// Other names the entities go by in the text (`("PERS", "بوتين")`): `entity:` terms only.
    pub aliases: Vec<(String, String)>,
    /// The article's reading, stored with its format version (see [`crate::StoredArticle`]).
    pub reading: Option<khabar_extract::Reading>,
}

impl Extras {
    /// The extras of an article's reading: canonical entity names as facets,
    /// every other name an entity goes by as `entity:` terms, and the reading
    /// itself.
    pub fn from_reading(reading: khabar_extract::Reading) -> Extras {
        let mut entities = std::collections::BTreeSet::new();
        let mut aliases = std::collections::BTreeSet::new();
        for m in &reading.entities {
            let label = m.label.as_str().to_string();
            if m.text != m.canonical {
                aliases.insert((label.clone(), m.text.clone()));
            }
            entities.insert((label, m.canonical.clone()));
        }
        Extras {
            entities: entities.into_iter().collect(),
            aliases: aliases.into_iter().collect(),
            reading: Some(reading),
        }
    }
}

/// The `entity:` term of a label and a name: `LABEL:` and the name's search keys, space-joined
/// (`PERS:فلاديمير بوتين` and `pers:فلاديمير  بوتين` give the same term).
pub fn entity_term(label: &str, name: &str) -> String {
    let mut out = label.trim().to_uppercase();
    out.push(':');
    let start = out.len();
    crate::analysis::analyze_with(name, |_, _, _, k| {
        if out.len() > start {
            out.push(' ');
        }
        out.push_str(k);
    });
    out
}

/// Entity and reading extraction, called in parallel on each new or updated article.
pub type Extractor = dyn Fn(&Article) -> Extras + Send + Sync;

/// How to write.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Commit after this many added articles (a crash loses at most these; re-running completes).
    pub commit_every: usize,
    /// Indexing threads of tantivy (0: the number of cores, at most 4).
    pub threads: usize,
    /// tantivy's indexing memory budget in bytes, over all threads.
    pub memory_budget: usize,
    /// Near-duplicate threshold on estimated Jaccard similarity of body shingles.
    pub near_threshold: f64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            commit_every: 5000,
            threads: 0,
            memory_budget: 256 << 20,
            near_threshold: THRESHOLD,
        }
    }
}

/// New, updated (same id, different content) or unchanged (already indexed as is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    New,
    Updated,
    Unchanged,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DupKind {
    /// The same url as an earlier article under another id (one article filed twice).
    Url,
    /// The same normalized body.
    Exact,
    /// A body with estimated shingle Jaccard similarity at or above the threshold.
    Near,
}

/// What happened to one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub id: String,
    pub status: Status,
    /// The article this one duplicates, for new and updated duplicates.
    pub duplicate_of: Option<(String, DupKind)>,
}

/// Running totals of an ingester.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct IngestCounts {
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub exact_duplicates: u64,
    pub near_duplicates: u64,
    /// Articles added and committed so far in this run.
    pub committed: u64,
}

/// Adds articles to an [`Index`]. Create with [`Index::ingester`]; end with [`Ingester::finish`]
/// (dropping it without finishing loses the articles added since the last commit, as a crash
/// would).
pub struct Ingester<'a> {
    index: &'a Index,
    writer: IndexWriter,
    opts: IngestOptions,
    /// Every live article's id and content hash, urls, and the originals' duplicate keys.
    seen: Seen,
    hasher: MinHasher,
    pending: usize,
    counts: IngestCounts,
}

/// An article analyzed in the parallel stage: its document is complete but for the duplicate
/// marks, which need the articles before it.
struct Prepared {
    id: String,
    url: Option<String>,
    hash: u64,
    /// `None` for an article already indexed as is (kept in `unchanged`).
    doc: Option<TantivyDocument>,
    unchanged: Option<Article>,
    fingerprint: u64,
    signature: Option<Signature>,
}

/// Hash of the content fields: identity is the id, this tells an update from a repeat.
fn content_hash(a: &Article) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::with_seed(0x6b68_6162_6172_0010);
    for part in [
        a.url.as_deref(),
        a.source.as_deref(),
        Some(&a.title),
        Some(&a.body),
        a.author.as_deref(),
        a.category.as_deref(),
    ] {
        h.update(part.unwrap_or("\u{0}").as_bytes());
        h.update(b"\x1f");
    }
    h.update(&a.published.unwrap_or(i64::MIN).to_le_bytes());
    h.digest()
}

impl Index {
    /// An ingester over this index: takes the writer lock (an error if another process holds it)
    /// and loads identities and duplicate signatures of the articles already indexed.
    pub fn ingester(&self, opts: IngestOptions) -> Result<Ingester<'_>> {
        let threads = if opts.threads == 0 {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
                .min(4)
        } else {
            opts.threads
        };
        let budget = opts.memory_budget.max(threads * (16 << 20));
        let writer = match self.inner.writer_with_num_threads(threads, budget) {
            Ok(w) => w,
            Err(tantivy::TantivyError::LockFailure(..)) => {
                return Err(Error::Locked(self.dir.clone()))
            }
            Err(e) => return Err(e.into()),
        };
        let mut ing = Ingester {
            index: self,
            writer,
            opts,
            seen: Seen::new(),
            hasher: MinHasher::new(NUM_PERM),
            pending: 0,
            counts: IngestCounts::default(),
        };
        ing.load()?;
        Ok(ing)
    }
}

impl Ingester<'_> {
    fn load(&mut self) -> Result<()> {
        self.index.reload()?;
        let searcher = self.index.reader.searcher();
        let f = self.index.fields;
        for seg in searcher.segment_readers() {
            let store = seg
                .get_store_reader(64)
                .map_err(|e| Error::Tantivy(e.into()))?;
            for doc in store.iter::<TantivyDocument>(seg.alive_bitset()) {
                let doc = doc?;
                let id = doc
                    .get_first(f.id)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string();
                let hash = doc
                    .get_first(f.content_hash)
                    .and_then(|v| v.as_u64())
                    .unwrap_or(0);
                let slot = self.seen.set(&id, hash);
                if doc.get_first(f.dup_of).is_some() {
                    continue;
                }
                if let Some(u) = doc.get_first(f.url).and_then(|v| v.as_str()) {
                    self.seen.first_with_url(u, slot);
                }
                let fp = doc.get_first(f.fingerprint).and_then(|v| v.as_u64());
                let sig = doc
                    .get_first(f.minhash)
                    .and_then(|v| v.as_bytes())
                    .and_then(|b| Signature::from_bytes(b).ok());
                if let (Some(fp), Some(sig)) = (fp, sig) {
                    self.seen.remember(slot, fp, &sig);
                }
            }
        }
        Ok(())
    }

    /// Counts so far.
    pub fn counts(&self) -> IngestCounts {
        self.counts
    }

    /// Number of articles already in the index when this ingester opened, plus those added.
    pub fn known(&self) -> usize {
        self.seen.len()
    }

    fn prepare(&self, article: Article, extract: Option<&Extractor>) -> Prepared {
        let hash = content_hash(&article);
        if self.seen.content_hash(&article.id) == Some(hash) {
            // Unchanged: nothing to analyze.
            return Prepared {
                id: article.id.clone(),
                url: article.url.clone(),
                hash,
                doc: None,
                unchanged: Some(article),
                fingerprint: 0,
                signature: None,
            };
        }
        self.build(article, hash, extract)
    }

    /// The document of a new or changed article, with its duplicate keys.
    fn build(&self, article: Article, hash: u64, extract: Option<&Extractor>) -> Prepared {
        let f = self.index.fields;
        let mut doc = TantivyDocument::default();
        let (mut norm, mut key) = (String::new(), String::new());
        analyze_joined(&article.title, &mut norm, &mut key);
        doc.add_text(f.title_norm, &norm);
        doc.add_text(f.title_key, &key);
        analyze_joined(&article.body, &mut norm, &mut key);
        doc.add_text(f.body_norm, &norm);
        doc.add_text(f.body_key, &key);
        let keys: Vec<&str> = if key.is_empty() {
            Vec::new()
        } else {
            key.split(SEP).collect()
        };
        let fingerprint = body_fingerprint(&keys);
        let signature = (!keys.is_empty()).then(|| self.hasher.signature_of(&keys));
        if let Some(sig) = &signature {
            doc.add_u64(f.fingerprint, fingerprint);
            doc.add_bytes(f.minhash, &sig.to_bytes());
        }
        let extras = extract.map(|x| x(&article)).unwrap_or_default();
        let a = &article;
        doc.add_text(f.id, &a.id);
        if let Some(u) = &a.url {
            doc.add_text(f.url, u);
        }
        doc.add_text(f.title, &a.title);
        doc.add_text(f.body, &a.body);
        if let Some(s) = a.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            doc.add_text(f.source, s);
            doc.add_text(f.source_key, crate::query::source_key(s));
            doc.add_facet(f.source_facet, Facet::from_path([s]));
        }
        if let Some(t) = a.published {
            doc.add_i64(f.published, t);
        }
        for (field, v) in [(f.author, &a.author), (f.category, &a.category)] {
            if let Some(v) = v {
                doc.add_text(field, v);
            }
        }
        doc.add_text(f.origin, &a.origin);
        let mut terms = std::collections::BTreeSet::new();
        for (label, name) in &extras.entities {
            if label.is_empty() || name.trim().is_empty() || label.contains('/') {
                continue;
            }
            terms.insert(entity_term(label, name));
            doc.add_facet(
                f.entity_facet,
                Facet::from_path([label.as_str(), name.trim()]),
            );
        }
        for (label, name) in &extras.aliases {
            if !label.is_empty() && !name.trim().is_empty() {
                terms.insert(entity_term(label, name));
            }
        }
        for t in terms {
            doc.add_text(f.entity, t);
        }
        if let Some(r) = &extras.reading {
            doc.add_text(f.reading, crate::stored::encode_reading(r));
        }
        doc.add_u64(f.content_hash, hash);
        Prepared {
            id: article.id,
            url: article.url,
            hash,
            doc: Some(doc),
            unchanged: None,
            fingerprint,
            signature,
        }
    }

    /// Analyzes a batch in parallel (analysis, duplicate keys, extraction and the documents), then
    /// marks duplicates and adds the articles in order; tantivy indexes them on its own threads.
    /// Commits whenever `commit_every` articles are pending. Returns one outcome per article.
    pub fn add_batch(
        &mut self,
        articles: Vec<Article>,
        extract: Option<&Extractor>,
    ) -> Result<Vec<Outcome>> {
        let prepared: Vec<Prepared> = {
            let this = &*self;
            articles
                .into_par_iter()
                .with_max_len(8)
                .map(|a| this.prepare(a, extract))
                .collect()
        };
        let mut out = Vec::with_capacity(prepared.len());
        for p in prepared {
            out.push(self.add_prepared(p, extract)?);
        }
        Ok(out)
    }

    fn add_prepared(&mut self, mut p: Prepared, extract: Option<&Extractor>) -> Result<Outcome> {
        let f = self.index.fields;
        if p.doc.is_none() && self.seen.content_hash(&p.id) != Some(p.hash) {
            // Unchanged when prepared, but an earlier article of this batch changed that id.
            if let Some(a) = p.unchanged.take() {
                p = self.build(a, p.hash, extract);
            }
        }
        let id = p.id;
        let status = match self.seen.content_hash(&id) {
            Some(h) if h == p.hash => {
                self.counts.unchanged += 1;
                return Ok(Outcome {
                    id,
                    status: Status::Unchanged,
                    duplicate_of: None,
                });
            }
            Some(_) => {
                self.writer.delete_term(Term::from_field_text(f.id, &id));
                self.counts.updated += 1;
                Status::Updated
            }
            None => {
                self.counts.new += 1;
                Status::New
            }
        };
        let Some(mut doc) = p.doc else {
            return Ok(Outcome {
                id,
                status,
                duplicate_of: None,
            });
        };
        let slot = self.seen.set(&id, p.hash);
        let mut dup: Option<(String, DupKind)> = None;
        if let Some(u) = &p.url {
            let first = self.seen.first_with_url(u, slot);
            if first != slot {
                dup = Some((self.seen.id(first).to_string(), DupKind::Url));
            }
        }
        if let Some(sig) = p.signature {
            if dup.is_none() {
                if let Some(n) = self.seen.exact(p.fingerprint) {
                    let of = self.seen.original_id(n);
                    if of != id {
                        dup = Some((of.to_string(), DupKind::Exact));
                    }
                }
            }
            if dup.is_none() {
                let near = self.seen.nearest(&sig, &id, self.opts.near_threshold);
                if let Some(n) = near {
                    dup = Some((self.seen.original_id(n).to_string(), DupKind::Near));
                }
            }
            if dup.is_none() {
                self.seen.remember(slot, p.fingerprint, &sig);
            }
        }
        if let Some((of, _)) = &dup {
            doc.add_text(f.dup_of, of);
            doc.add_text(f.flags, "dup");
        }
        self.writer.add_document(doc)?;
        match dup.as_ref().map(|d| d.1) {
            Some(DupKind::Exact) | Some(DupKind::Url) => self.counts.exact_duplicates += 1,
            Some(DupKind::Near) => self.counts.near_duplicates += 1,
            None => {}
        }
        self.pending += 1;
        if self.pending >= self.opts.commit_every.max(1) {
            self.commit()?;
        }
        Ok(Outcome {
            id,
            status,
            duplicate_of: dup,
        })
    }

    /// Commits the pending articles (durable from here on).
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        self.counts.committed += self.pending as u64;
        self.pending = 0;
        Ok(())
    }

    /// Commits and waits for background merges; returns the totals.
    pub fn finish(mut self) -> Result<IngestCounts> {
        self.commit()?;
        let counts = self.counts;
        self.writer.wait_merging_threads()?;
        self.index.reload()?;
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SearchRequest;

    const BODY: &str = "موسكو – لم يترك الرئيس الروسي فلاديمير بوتين أي هامش للمناورة أمام القوى الغربية للتأثير في مجريات الاحتجاجات في كازاخستان ومحاولة سحبها من دائرة النفوذ التقليدي لروسيا، مؤكدا أن بلاده لن تسمح بثورات ملونة جديدة في تكرار للاحتجاجات التي فككت الاتحاد السوفييتي.";

    fn art(id: &str, url: Option<&str>, body: &str) -> Article {
        Article {
            id: id.into(),
            url: url.map(str::to_string),
            title: "بوتين وكازاخستان".into(),
            body: body.into(),
            ..Article::default()
        }
    }

    #[test]
    fn identity_duplicates_and_reingest() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create(dir.path()).unwrap();
        let mut ing = index
            .ingester(IngestOptions {
                commit_every: 2,
                ..IngestOptions::default()
            })
            .unwrap();
        let near = BODY.replace("السوفييتي", "السوفيتي السابق");
        let out = ing
            .add_batch(
                vec![
                    art("a", Some("u1"), BODY),
                    art("b", Some("u2"), &format!("{BODY} ")),
                    art("c", Some("u1"), "نص آخر تماما عن الاقتصاد السعودي وأسعار النفط في الأسواق العالمية هذا الأسبوع"),
                    art("d", None, &near),
                    art("e", None, "خبر مختلف عن كرة القدم: فاز منتخب البرتغال على الأوروغواي بنتيجة 2-1 مساء السبت"),
                ],
                None,
            )
            .unwrap();
        let dups: Vec<Option<DupKind>> = out
            .iter()
            .map(|o| o.duplicate_of.as_ref().map(|d| d.1))
            .collect();
        assert_eq!(
            dups,
            [
                None,
                Some(DupKind::Exact),
                Some(DupKind::Url),
                Some(DupKind::Near),
                None
            ]
        );
        assert!(out.iter().all(|o| o.status == Status::New));
        assert_eq!(ing.finish().unwrap().new, 5);
        // Duplicates are collapsed unless asked for.
        let mut req = SearchRequest::new("بوتين");
        assert_eq!(index.search(&req).unwrap().total, 2);
        req.duplicates = true;
        assert_eq!(index.search(&req).unwrap().total, 5);
        assert_eq!(
            index.get("d").unwrap().unwrap().duplicate_of.as_deref(),
            Some("a")
        );

        // Again: unchanged; one edited: updated, and not a duplicate of its own old version.
        let index = Index::open(dir.path()).unwrap();
        let mut ing = index.ingester(IngestOptions::default()).unwrap();
        let edited = format!("{BODY} وأضاف المتحدث باسم الكرملين أن القوات ستنسحب خلال أيام.");
        let out = ing.add_batch(vec![art("a", Some("u1"), &edited), art("e", None, "خبر مختلف عن كرة القدم: فاز منتخب البرتغال على الأوروغواي بنتيجة 2-1 مساء السبت")], None).unwrap();
        assert_eq!(out[0].status, Status::Updated);
        assert_eq!(out[0].duplicate_of, None);
        assert_eq!(out[1].status, Status::Unchanged);
        ing.finish().unwrap();
        let mut ids = index.ids().unwrap();
        ids.sort();
        assert_eq!(ids, ["a", "b", "c", "d", "e"]);
        assert!(index.get("a").unwrap().unwrap().body.contains("الكرملين"));
        assert_eq!(index.stats().unwrap().duplicates, 3);
    }

    #[test]
    fn entities_are_facets_and_searchable_by_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create(dir.path()).unwrap();
        let mut ing = index.ingester(IngestOptions::default()).unwrap();
        let extract = |a: &Article| Extras {
            entities: vec![
                ("PERS".into(), "فلاديمير بوتين".into()),
                ("LOC".into(), "كازاخستان".into()),
            ],
            aliases: vec![("PERS".into(), "بوتين".into())],
            reading: Some(khabar_extract::Reading {
                title: Some(a.title.clone()),
                ..Default::default()
            }),
        };
        ing.add_batch(vec![art("a", None, BODY)], Some(&extract))
            .unwrap();
        ing.finish().unwrap();
        for q in [
            "entity:PERS:بوتين",
            "entity:\"pers:فلاديمير بوتين\"",
            "entity:LOC:لكازاخستان",
        ] {
            assert_eq!(
                index.search(&SearchRequest::new(q)).unwrap().total,
                1,
                "{q}"
            );
        }
        assert_eq!(
            index
                .search(&SearchRequest::new("entity:ORG:بوتين"))
                .unwrap()
                .total,
            0
        );
        let top = index.top_entities(Some("PERS"), 5).unwrap();
        assert_eq!(top, [("PERS:فلاديمير بوتين".to_string(), 1)]);
        let got = index.get("a").unwrap().unwrap();
        assert_eq!(
            got.reading.unwrap().title.as_deref(),
            Some("بوتين وكازاخستان")
        );
        assert_eq!(
            entity_term("pers", " فلاديمير  بوتين "),
            "PERS:فلاديمير بوتين"
        );
    }
}

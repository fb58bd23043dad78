//! `khabar ner`: train, evaluate and run the named-entity recognizer.

use crate::exit::UsageError;
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use khabar_extract::ner::conll::{self, Sentence, TagMap};
use khabar_extract::ner::eval::Scorer;
use khabar_extract::ner::train::{self, Example, Stage, TrainOptions};
use khabar_extract::ner::{Ner, Tag};
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  khabar ner train --train ../shared/data/anercorp/train.txt --model crates/extract/data/ner/model.bin\n  khabar ner eval --data ../shared/data/anercorp/test.txt\n  khabar ner eval --data ../shared/data/ner-extra/wojood/test.txt --rename GPE=LOC --keep PERS,LOC,ORG\n  khabar ner tag ../shared/data/anercorp/test.txt | head"
)]
pub struct Args {
    #[command(subcommand)]
    pub command: NerCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum NerCommand {
    /// Train a model on a CoNLL file (token first, BIO tag last).
    Train(TrainArgs),
    /// Span-level precision, recall and F1 (conlleval semantics) on a CoNLL file.
    Eval(EvalArgs),
    /// Append the predicted BIO tag to each line of a CoNLL file.
    Tag(TagArgs),
}

#[derive(clap::Args, Debug)]
pub struct TrainArgs {
    /// Training data (CoNLL: token first, BIO tag in the last column).
    #[arg(long)]
    pub train: PathBuf,
    /// Where to write the model.
    #[arg(long)]
    pub model: PathBuf,
    /// Hold out this fraction of the training sentences (the last ones) as a
    /// dev split: train on the rest and report F1 on it.
    #[arg(long, default_value_t = 0.0)]
    pub holdout: f64,
    /// L1 regularization.
    #[arg(long, default_value_t = TrainOptions::default().c1)]
    pub c1: f64,
    /// L2 regularization.
    #[arg(long, default_value_t = TrainOptions::default().c2)]
    pub c2: f64,
    /// L-BFGS iterations at most.
    #[arg(long, default_value_t = TrainOptions::default().max_iterations)]
    pub max_iter: usize,
    /// Decoding penalty on the O label stored in the model (trades precision for recall).
    #[arg(long, default_value_t = 0.0)]
    pub o_penalty: f32,
    /// Drop features seen fewer times than this.
    #[arg(long, default_value_t = TrainOptions::default().min_freq)]
    pub min_freq: usize,
}

#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// Gold data (CoNLL: token first, gold tags after it).
    #[arg(long)]
    pub data: PathBuf,
    /// A model file (default: the bundled model).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Rename gold and predicted entity types, e.g. `GPE=LOC` (repeatable).
    #[arg(long, value_parser = parse_rename)]
    pub rename: Vec<(String, String)>,
    /// Score only these types (comma-separated); others count as O.
    #[arg(long, value_delimiter = ',')]
    pub keep: Vec<String>,
    /// Print the report as JSON: `{tokens, token_accuracy, micro: {precision, recall, f1, gold, predicted, correct}, classes: {TYPE: {…}}, tokens_per_second}`.
    #[arg(long)]
    pub json: bool,
    /// Tag runs of this many sentences as one document (one sense per
    /// document: a name found once is tagged where it repeats); 1 tags each
    /// sentence alone. CoNLL files have no article boundaries.
    #[arg(long, default_value_t = DOC_SENTENCES)]
    pub doc_sentences: usize,
    /// Override the model's decoding penalty on O.
    #[arg(long)]
    pub o_penalty: Option<f32>,
}

#[derive(clap::Args, Debug)]
pub struct TagArgs {
    /// CoNLL input (token first; blank lines between sentences), or `-` for standard input.
    pub input: Option<PathBuf>,
    /// A model file (default: the bundled model).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Tag runs of this many sentences as one document (as `eval` does); 1
    /// tags each sentence alone.
    #[arg(long, default_value_t = DOC_SENTENCES)]
    pub doc_sentences: usize,
}

/// Sentences per pseudo-document in `eval` and `tag` (chosen on the dev split).
const DOC_SENTENCES: usize = 20;

fn parse_rename(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .ok_or_else(|| format!("expected FROM=TO, got {s:?}"))
}

pub fn run(args: Args) -> Result<u8> {
    match args.command {
        NerCommand::Train(a) => run_train(a),
        NerCommand::Eval(a) => run_eval(a),
        NerCommand::Tag(a) => run_tag(a),
    }
}

fn read_conll(path: &Path) -> Result<Vec<Sentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(conll::parse(&text))
}

fn load_ner(model: &Option<PathBuf>) -> Result<Ner> {
    let ner = load_ner_quiet(model)?;
    if ner.is_stale() {
        eprintln!("khabar: warning: the NER model was trained under another khabar-text analysis; retrain it (scripts/ner/train.sh)");
    }
    Ok(ner)
}

fn load_ner_quiet(model: &Option<PathBuf>) -> Result<Ner> {
    match model {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
            Ner::from_bytes(&bytes).with_context(|| format!("cannot load {}", p.display()))
        }
        None => {
            Ner::from_bytes(khabar_extract::ner::MODEL_BIN).context("cannot load the bundled model")
        }
    }
}

/// The BIO tag in the last column of a training line (`O` if there is none).
fn last_tag(line: &conll::Line) -> Result<Tag> {
    let tag = line.columns.last().map_or("O", String::as_str);
    Tag::parse(tag)
        .with_context(|| format!("unknown tag {tag:?} (the classes are PERS, LOC, ORG, MISC)"))
}

fn examples(sents: &[Sentence]) -> Result<Vec<Example>> {
    sents
        .iter()
        .map(|s| {
            Ok(Example {
                words: s.iter().map(|l| l.token.clone()).collect(),
                tags: s.iter().map(last_tag).collect::<Result<_>>()?,
            })
        })
        .collect()
}

fn run_train(a: TrainArgs) -> Result<u8> {
    if !(0.0..1.0).contains(&a.holdout) {
        return Err(UsageError("--holdout must be in [0, 1)".into()).into());
    }
    let sents = read_conll(&a.train)?;
    let n_dev = (sents.len() as f64 * a.holdout).round() as usize;
    let (tr, dev) = sents.split_at(sents.len() - n_dev);
    let opts = TrainOptions {
        c1: a.c1,
        c2: a.c2,
        max_iterations: a.max_iter,
        min_freq: a.min_freq,
        o_penalty: a.o_penalty,
        ..Default::default()
    };
    let tokens: usize = tr.iter().map(Vec::len).sum();
    eprintln!(
        "khabar: training on {} sentences ({} tokens){}; c1={} c2={} max_iter={}",
        tr.len(),
        tokens,
        if n_dev > 0 {
            format!(", {n_dev} held out as dev")
        } else {
            String::new()
        },
        opts.c1,
        opts.c2,
        opts.max_iterations
    );
    let bar = if io::stderr().is_terminal() {
        ProgressBar::new(tr.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message("features");
    let t0 = Instant::now();
    let exs = examples(tr)?;
    let model = train::train(&exs, &opts, |st| match st {
        Stage::Features(i, _) => bar.set_position(i as u64),
        Stage::Optimizing {
            attributes,
            parameters,
        } => {
            eprintln!("khabar: {attributes} attributes, {parameters} parameters");
            bar.set_length(opts.max_iterations as u64);
            bar.set_position(0);
            bar.set_message("L-BFGS");
            bar.enable_steady_tick(Duration::from_millis(200));
        }
        Stage::Iteration(i, loss) => {
            bar.set_position(i as u64);
            bar.set_message(format!("L-BFGS loss {loss:.1}"));
        }
    })?;
    bar.finish_and_clear();
    let bytes = model.to_bytes();
    std::fs::write(&a.model, &bytes)
        .with_context(|| format!("cannot write {}", a.model.display()))?;
    eprintln!(
        "khabar: wrote {} ({:.2} MB, {} features) in {:.1}s",
        a.model.display(),
        bytes.len() as f64 / 1e6,
        model.num_features(),
        t0.elapsed().as_secs_f64()
    );
    if n_dev > 0 {
        let ner = Ner::from_model(model)?;
        let mut scorer = Scorer::new();
        for s in dev {
            let words: Vec<&str> = s.iter().map(|l| l.token.as_str()).collect();
            let gold: Vec<Tag> = s.iter().map(last_tag).collect::<Result<_>>()?;
            scorer.add(&gold, &ner.tag(&words));
        }
        println!("dev ({} sentences):\n{}", dev.len(), scorer.report());
    }
    Ok(crate::exit::OK)
}

fn run_eval(a: EvalArgs) -> Result<u8> {
    let mut ner = load_ner(&a.model)?;
    if let Some(p) = a.o_penalty {
        ner.set_o_penalty(p);
    }
    let sents = read_conll(&a.data)?;
    let map = TagMap {
        rename: a.rename,
        keep: a.keep,
    };
    let mut scorer = Scorer::new();
    let t0 = Instant::now();
    let mut n = 0usize;
    for doc in sents.chunks(a.doc_sentences.max(1)) {
        let words: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.iter().map(|l| l.token.as_str()).collect())
            .collect();
        for (s, tags) in doc.iter().zip(ner.tag_document(&words)) {
            let pred: Vec<Tag> = tags.into_iter().map(|t| map.map_tag(t)).collect();
            let gold: Vec<Tag> = s.iter().map(|l| map.gold(l)).collect();
            scorer.add(&gold, &pred);
            n += s.len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let report = scorer.report();
    let mut out = io::stdout().lock();
    if a.json {
        let mut v = serde_json::to_value(&report)?;
        v["tokens_per_second"] = serde_json::json!((n as f64 / secs.max(1e-9)).round());
        writeln!(out, "{v}")?;
    } else {
        write!(out, "{report}")?;
        writeln!(
            out,
            "tagged {n} tokens in {secs:.2}s ({:.0} tokens/s, with scoring)",
            n as f64 / secs.max(1e-9)
        )?;
    }
    Ok(crate::exit::OK)
}

fn run_tag(a: TagArgs) -> Result<u8> {
    let ner = load_ner(&a.model)?;
    let reader: Box<dyn Read> = match &a.input {
        Some(p) if p.as_os_str() != "-" => Box::new(
            std::fs::File::open(p).with_context(|| format!("cannot open {}", p.display()))?,
        ),
        _ => Box::new(io::stdin().lock()),
    };
    let reader = BufReader::with_capacity(1 << 16, reader);
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    // Input lines in order: sentences (their lines) and blank lines, tagged
    // `--doc-sentences` sentences at a time.
    enum Item {
        Sentence(Vec<String>),
        Blank(String),
    }
    let k = a.doc_sentences.max(1);
    let mut items: Vec<Item> = Vec::new();
    let mut block: Vec<String> = Vec::new();
    let flush = |items: &mut Vec<Item>, out: &mut dyn Write| -> Result<()> {
        let words: Vec<Vec<String>> = items
            .iter()
            .filter_map(|it| match it {
                Item::Sentence(lines) => {
                    Some(lines.iter().map(|l| conll::parse_line(l).token).collect())
                }
                Item::Blank(_) => None,
            })
            .collect();
        let mut tags = ner.tag_document(&words).into_iter();
        for it in items.drain(..) {
            match it {
                Item::Sentence(lines) => {
                    for (line, tag) in lines.iter().zip(tags.next().unwrap_or_default()) {
                        let sep = if line.contains('\t') { '\t' } else { ' ' };
                        writeln!(out, "{line}{sep}{tag}")?;
                    }
                }
                Item::Blank(line) => writeln!(out, "{line}")?,
            }
        }
        Ok(())
    };
    let mut sentences = 0;
    for line in reader.lines() {
        let line = line.context("cannot read input")?;
        let line = line.trim_end_matches('\r').to_string();
        if line.trim().is_empty() {
            if !block.is_empty() {
                items.push(Item::Sentence(std::mem::take(&mut block)));
                sentences += 1;
            }
            items.push(Item::Blank(line));
            if sentences >= k {
                flush(&mut items, &mut out)?;
                sentences = 0;
            }
        } else {
            block.push(line);
        }
    }
    if !block.is_empty() {
        items.push(Item::Sentence(block));
    }
    flush(&mut items, &mut out)?;
    out.flush()?;
    Ok(crate::exit::OK)
}

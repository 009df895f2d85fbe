//! `dyad train parser`: train the tagger, lemmatizer and parser from CoNLL-U treebanks and
//! write one model file.
//!
//! The parser learns from *predicted* tags, as it will see at run time: the training set's tags
//! come from taggers trained on the other folds (jackknifing). Everything is deterministic for
//! a fixed seed: shuffles use our own seeded generator and no hash-map order reaches the model.

use crate::conllu::{read_path, TreeSentence};
use crate::error::Error;
use crate::lemma::Lemmatizer;
use crate::lstm::{LstmParser, LstmTraining};
use crate::model::{Analysis, AnyParser, Model};
use crate::parser::{Parse, ParseExample, Parser};
use crate::perceptron::mix;
use crate::score::GoldCounts;
use crate::tagger::{TagClass, TagExample, Tagger};
use crate::words::{word_feats, WordFeats};
use dyad_core::Upos;
use std::collections::BTreeSet;
use std::time::Instant;

/// Options of `dyad train parser`.
#[derive(Debug, Clone)]
pub struct TrainArgs {
    /// Training treebanks (CoNLL-U, optionally gzipped); list one twice to weigh it double.
    pub train: Vec<std::path::PathBuf>,
    /// Development treebanks: each is scored after every parser epoch, and the LSTM parser
    /// keeps the epoch with the best mean LAS over them.
    pub dev: Vec<std::path::PathBuf>,
    /// Where the model file goes.
    pub out: std::path::PathBuf,
    /// Seed of every shuffle and initialisation: one seed, one model.
    pub seed: u64,
    /// Parser epochs (the tagger's are [`TAGGER_EPOCHS`]).
    pub epochs: Option<usize>,
    /// Train the LSTM parser (the two-layer BiLSTM network) rather than the perceptron.
    pub lstm: bool,
}

/// Tagger epochs, chosen on the EWT and GUM dev sets.
pub const TAGGER_EPOCHS: usize = 8;
/// Parser epochs, chosen on the dev sets.
pub const PARSER_EPOCHS: usize = 8;
/// The model file's size budget, and the weight thresholds tried, in order, to meet it.
const MAX_MODEL_BYTES: usize = 24_000_000;
const PRUNE_STEPS: [f32; 8] = [0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0];
/// Folds for the jackknifed training tags.
const FOLDS: usize = 4;

/// Train the tagger, lemmatiser and parser on `args.train` and write the model to `args.out`,
/// reporting progress on stderr.
pub fn run(args: &TrainArgs) -> Result<(), Error> {
    let clock = Instant::now();
    let mut train = Vec::new();
    for path in &args.train {
        train.extend(read_path(path)?);
    }
    if train.is_empty() {
        return Err(Error::NoTrainingSentences);
    }
    // All dev sentences in one list; `dev_sets` names each treebank's range of it.
    let mut dev = Vec::new();
    let mut dev_sets = Vec::new();
    for path in &args.dev {
        let start = dev.len();
        dev.extend(read_path(path)?);
        let name = path.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let parent = path
            .parent()
            .and_then(|p| p.file_name())
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        dev_sets.push((if parent.is_empty() { name } else { format!("{parent}/{name}") }, start..dev.len()));
    }
    eprintln!("read {} training and {} dev sentences", train.len(), dev.len());

    let classes: Vec<TagClass> = train
        .iter()
        .flat_map(|s| &s.words)
        .map(|w| TagClass { upos: Upos::parse(&w.upos).unwrap_or(Upos::X), xpos: w.xpos.clone() })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let labels: Vec<String> = train
        .iter()
        .flat_map(|s| &s.words)
        .map(|w| w.deprel.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let class_of = |upos: &str, xpos: &str| -> u16 {
        let c = TagClass { upos: Upos::parse(upos).unwrap_or(Upos::X), xpos: xpos.to_string() };
        classes.binary_search(&c).unwrap_or(0) as u16
    };
    let tag_examples: Vec<TagExample> = train
        .iter()
        .map(|s| TagExample {
            words: feats_of(s),
            gold: s.words.iter().map(|w| class_of(&w.upos, &w.xpos)).collect(),
        })
        .collect();
    let dev_feats: Vec<Vec<WordFeats>> = dev.iter().map(feats_of).collect();

    let lemmatizer = Lemmatizer::train(train.iter().flat_map(|s| &s.words).map(|w| {
        (w.form.as_str(), Upos::parse(&w.upos).unwrap_or(Upos::X), w.xpos.as_str(), w.lemma.as_str())
    }));

    // Jackknifed tags for the parser's training set. A sentence's fold follows from its words,
    // so that a sentence listed twice (a treebank weighed double) never helps tag itself.
    let fold_of: Vec<usize> = tag_examples
        .iter()
        .map(|e| (e.words.iter().fold(0x9E37_79B9u64, |h, w| mix(h, w.form)) % FOLDS as u64) as usize)
        .collect();
    let mut predicted: Vec<Vec<u16>> = vec![Vec::new(); train.len()];
    for fold in 0..FOLDS {
        let rest: Vec<TagExample> = tag_examples
            .iter()
            .enumerate()
            .filter(|(i, _)| fold_of[*i] != fold)
            .map(|(_, e)| TagExample { words: e.words.clone(), gold: e.gold.clone() })
            .collect();
        let tagger = Tagger::train(classes.clone(), &rest, TAGGER_EPOCHS, args.seed + fold as u64, |_, _| {});
        for (i, e) in tag_examples.iter().enumerate().filter(|(i, _)| fold_of[*i] == fold) {
            tagger.tag(&e.words, &mut predicted[i]);
        }
        eprintln!("jackknife fold {}/{FOLDS} tagged ({:.0?})", fold + 1, clock.elapsed());
    }
    let correct: usize = tag_examples
        .iter()
        .zip(&predicted)
        .map(|(e, p)| e.gold.iter().zip(p).filter(|(a, b)| a == b).count())
        .sum();
    let total: usize = tag_examples.iter().map(|e| e.gold.len()).sum();
    eprintln!("jackknifed training tags: {:.2}% joint tag accuracy", 100.0 * correct as f64 / total as f64);

    let tagger = Tagger::train(classes.clone(), &tag_examples, TAGGER_EPOCHS, args.seed, |epoch, t| {
        if !dev.is_empty() {
            let mut ok = 0;
            let mut n = 0;
            let mut out = Vec::new();
            for (s, f) in dev.iter().zip(&dev_feats) {
                t.tag(f, &mut out);
                for (w, &c) in s.words.iter().zip(&out) {
                    n += 1;
                    ok += (t.classes[c as usize].upos.as_str() == w.upos) as usize;
                }
            }
            eprintln!("tagger epoch {}: dev UPOS {:.2}%", epoch + 1, 100.0 * ok as f64 / n.max(1) as f64);
        }
    });
    let dev_tags: Vec<Vec<u16>> = dev_feats
        .iter()
        .map(|f| {
            let mut out = Vec::new();
            tagger.tag(f, &mut out);
            out
        })
        .collect();

    let parse_examples: Vec<ParseExample> = train
        .iter()
        .zip(tag_examples)
        .zip(predicted)
        .map(|((s, e), tags)| ParseExample {
            words: e.words,
            tags,
            heads: s.words.iter().map(|w| w.head).collect(),
            labels: s.words.iter().map(|w| labels.binary_search(&w.deprel).unwrap_or(0) as u16).collect(),
        })
        .collect();
    let epochs = args.epochs.unwrap_or(PARSER_EPOCHS);
    let dev_upos: Vec<Vec<Upos>> =
        dev_tags.iter().map(|t| t.iter().map(|&c| tagger.classes[c as usize].upos).collect()).collect();
    // Per dev treebank.
    let dev_score_with =
        |parse: &dyn Fn(&[WordFeats], &[u16]) -> Parse, labels: &[String]| -> Vec<GoldCounts> {
            let mut counts = vec![GoldCounts::default(); dev_sets.len()];
            for (set, (_, range)) in counts.iter_mut().zip(&dev_sets) {
                for i in range.clone() {
                    let parse = parse(&dev_feats[i], &dev_tags[i]);
                    let got = Analysis {
                        upos: dev_upos[i].clone(),
                        heads: parse.heads,
                        deprels: parse.labels.iter().map(|&l| labels[l as usize].clone()).collect(),
                        ..Analysis::default()
                    };
                    set.add(&dev[i], &got);
                }
            }
            counts
        };
    let dev_score = |p: &Parser| dev_score_with(&|f, t| p.parse(f, t), &p.labels);
    let report = |epoch: usize, counts: &[GoldCounts]| {
        let sets: Vec<String> = counts
            .iter()
            .zip(&dev_sets)
            .map(|(c, (name, _))| format!("{name} UAS {:.2} LAS {:.2}", c.uas_pct(), c.las_pct()))
            .collect();
        eprintln!("parser epoch {}: dev {} ({:.0?})", epoch + 1, sets.join(", "), clock.elapsed())
    };
    let mean_las =
        |counts: &[GoldCounts]| counts.iter().map(GoldCounts::las_pct).sum::<f64>() / counts.len() as f64;
    if args.lstm {
        let opts = LstmTraining {
            epochs: args.epochs.unwrap_or(LstmTraining::default().epochs),
            seed: args.seed,
            ..LstmTraining::default()
        };
        let parser = LstmParser::train(labels, tagger.classes.len(), &parse_examples, &opts, |epoch, p| {
            if dev.is_empty() {
                eprintln!("parser epoch {} ({:.0?})", epoch + 1, clock.elapsed());
                return epoch as f64;
            }
            let c = dev_score_with(&|f, t| p.parse(f, t), &p.labels);
            report(epoch, &c);
            mean_las(&c)
        });
        let model = Model { tagger, lemmatizer, parser: AnyParser::Lstm(Box::new(parser)) };
        return write_model(&args.out, &model.to_bytes(), clock);
    }
    let coarse: Vec<u16> = tagger.classes.iter().map(|c| c.upos as u16).collect();
    let full = Parser::train(labels, coarse, &parse_examples, epochs, args.seed, |epoch, p| {
        if dev.is_empty() || epoch + 3 < epochs {
            eprintln!("parser epoch {} ({:.0?})", epoch + 1, clock.elapsed());
        } else {
            report(epoch, &dev_score(p));
        }
    });
    // Drop the smallest weights until the model fits its size budget.
    let mut model = Model { tagger, lemmatizer, parser: AnyParser::Perceptron(full.pruned(0.0)) };
    let mut bytes = Vec::new();
    for min_abs in PRUNE_STEPS {
        let pruned = full.pruned(min_abs);
        let (features, weights) = pruned.size();
        let scores = if dev.is_empty() {
            String::new()
        } else {
            let c = dev_score(&pruned);
            format!("; dev mean LAS {:.2}", mean_las(&c))
        };
        model.parser = AnyParser::Perceptron(pruned);
        bytes = model.to_bytes();
        eprintln!(
            "pruned at {min_abs}: {} bytes, parser {features} features, {weights} weights{scores}",
            bytes.len()
        );
        if bytes.len() <= MAX_MODEL_BYTES {
            break;
        }
    }
    write_model(&args.out, &bytes, clock)
}

fn write_model(out: &std::path::Path, bytes: &[u8], clock: Instant) -> Result<(), Error> {
    std::fs::write(out, bytes).map_err(|source| Error::WriteModel { path: out.to_path_buf(), source })?;
    eprintln!("wrote {} ({} bytes) in {:.0?}", out.display(), bytes.len(), clock.elapsed());
    Ok(())
}

fn feats_of(s: &TreeSentence) -> Vec<WordFeats> {
    let mut buf = String::new();
    s.words.iter().map(|w| word_feats(&w.form, &mut buf)).collect()
}

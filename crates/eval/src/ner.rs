//! `dyad eval ner PATH`: named-entity spans against CoNLL files (wikigold, re3d).
//!
//! Scoring: exact span and type over PER, ORG and LOC only. re3d's Person,
//! Organisation and Location map to PER, ORG and LOC; every other type (wikigold's MISC, re3d's
//! Nationality, Weapon, …) is ignored on both sides. Micro precision, recall and F1 over all
//! files found under PATH (`*.conll`, `*.conll.txt`). Each `-DOCSTART-` or file is one
//! document; its tokens are joined with spaces and its sentences with line breaks, and the
//! tagger sees that text.

use crate::{EvalError, Report};
use dyad_actors::ActorTagger;
use dyad_core::EntityType;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Options of `dyad eval ner`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// A CoNLL file or a directory searched for them.
    pub(crate) path: PathBuf,
    /// Print each error (missed and spurious span) after the table.
    #[arg(long)]
    pub(crate) errors: bool,
}

/// One document rebuilt from CoNLL tokens, with its gold entities as byte spans.
#[derive(Debug, Clone, Default)]
pub(crate) struct Doc {
    pub(crate) text: String,
    /// (start, end) byte offsets of each token.
    pub(crate) tokens: Vec<(usize, usize)>,
    pub(crate) gold: Vec<(usize, usize, EntityType)>,
}

fn map_type(t: &str) -> Option<EntityType> {
    match t {
        "PER" | "Person" => Some(EntityType::PER),
        "ORG" | "Organisation" | "Organization" => Some(EntityType::ORG),
        "LOC" | "Location" => Some(EntityType::LOC),
        _ => None,
    }
}

/// Parse CoNLL text (`token TAG` per line, IOB1 or IOB2) into documents.
pub(crate) fn parse_conll(text: &str) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut doc = Doc::default();
    // Open entity: (start byte, raw type).
    let mut open: Option<(usize, String)> = None;
    let mut last_end = 0usize;
    let mut sentence_open = false;
    let close = |doc: &mut Doc, open: &mut Option<(usize, String)>, end: usize| {
        if let Some((s, t)) = open.take() {
            if let Some(ty) = map_type(&t) {
                doc.gold.push((s, end, ty));
            }
        }
    };
    for line in text.lines() {
        let line = line.trim_end();
        let mut fields = line.split_whitespace();
        let (Some(token), Some(tag)) = (fields.next(), line.split_whitespace().last()) else {
            // Blank line: sentence break.
            close(&mut doc, &mut open, last_end);
            if sentence_open {
                doc.text.push('\n');
                sentence_open = false;
            }
            continue;
        };
        if token == "-DOCSTART-" {
            close(&mut doc, &mut open, last_end);
            if !doc.tokens.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            sentence_open = false;
            continue;
        }
        if sentence_open {
            doc.text.push(' ');
        }
        let start = doc.text.len();
        doc.text.push_str(token);
        let end = doc.text.len();
        doc.tokens.push((start, end));
        sentence_open = true;
        let (prefix, ty) = match tag.split_once('-') {
            Some((p, t)) if p == "B" || p == "I" => (p, t),
            _ => ("O", ""),
        };
        let continues = prefix == "I" && open.as_ref().is_some_and(|(_, t)| t == ty);
        if !continues {
            close(&mut doc, &mut open, last_end);
            if prefix != "O" {
                open = Some((start, ty.to_string()));
            }
        }
        last_end = end;
    }
    close(&mut doc, &mut open, last_end);
    if !doc.tokens.is_empty() {
        docs.push(doc);
    }
    docs
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), EvalError> {
    if path.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let entries = std::fs::read_dir(path).map_err(EvalError::read(path))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            collect(&p, out)?;
        } else if name.ends_with(".conll") || name.ends_with(".conll.txt") {
            out.push(p);
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Counts {
    pub(crate) tp: usize,
    pub(crate) fp: usize,
    pub(crate) fn_: usize,
}

impl Counts {
    pub(crate) fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub(crate) fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub(crate) fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores per type and errors as (doc text excerpt, "missed"/"spurious", type).
pub(crate) struct Scored {
    pub(crate) by_type: BTreeMap<&'static str, Counts>,
    pub(crate) docs: usize,
    pub(crate) errors: Vec<String>,
}

fn type_name(t: EntityType) -> &'static str {
    match t {
        EntityType::PER => "PER",
        EntityType::ORG => "ORG",
        EntityType::LOC => "LOC",
        EntityType::MISC => "MISC",
    }
}

/// Score `tagger` on documents.
pub(crate) fn score(tagger: &ActorTagger, docs: &[Doc]) -> Scored {
    let mut by_type: BTreeMap<&'static str, Counts> =
        ["LOC", "ORG", "PER"].iter().map(|t| (*t, Counts::default())).collect();
    let mut errors = Vec::new();
    for doc in docs {
        let gold: HashSet<(usize, usize, EntityType)> = doc.gold.iter().copied().collect();
        let predicted: HashSet<(usize, usize, EntityType)> = tagger
            .entities(&doc.text)
            .into_iter()
            .filter(|(_, t)| *t != EntityType::MISC)
            .map(|(s, t)| (s.start as usize, s.end as usize, t))
            .collect();
        for g in &gold {
            let c = by_type.entry(type_name(g.2)).or_default();
            if predicted.contains(g) {
                c.tp += 1;
            } else {
                c.fn_ += 1;
                errors.push(format!("missed   {} {:?}", type_name(g.2), &doc.text[g.0..g.1]));
            }
        }
        for p in &predicted {
            if !gold.contains(p) {
                by_type.entry(type_name(p.2)).or_default().fp += 1;
                errors.push(format!("spurious {} {:?}", type_name(p.2), &doc.text[p.0..p.1]));
            }
        }
    }
    Scored { by_type, docs: docs.len(), errors }
}

/// Score the actor stage's entity spans (PER/ORG/LOC) against CoNLL files: exact-span precision, recall and F1 per type.
pub fn run(args: &Args) -> Result<Report, EvalError> {
    let mut files = Vec::new();
    collect(&args.path, &mut files)?;
    if files.is_empty() {
        return Err(EvalError::NoData {
            path: args.path.clone(),
            what: "CoNLL files (*.conll, *.conll.txt)",
        });
    }
    let mut docs = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(EvalError::read(f))?;
        docs.extend(parse_conll(&text));
    }
    let tagger = ActorTagger::load_default().map_err(EvalError::load("the actor dictionaries"))?;
    let scored = score(&tagger, &docs);
    let mut total = Counts::default();
    let mut table = format!(
        "{:<6} {:>6} {:>6} {:>6} {:>9} {:>9} {:>9}\n",
        "type", "tp", "fp", "fn", "precision", "recall", "f1"
    );
    let mut per_type = serde_json::Map::new();
    for (t, c) in &scored.by_type {
        total.tp += c.tp;
        total.fp += c.fp;
        total.fn_ += c.fn_;
        table += &format!(
            "{t:<6} {:>6} {:>6} {:>6} {:>9.3} {:>9.3} {:>9.3}\n",
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall(),
            c.f1()
        );
        per_type.insert(
            t.to_string(),
            serde_json::json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1()}),
        );
    }
    table += &format!(
        "{:<6} {:>6} {:>6} {:>6} {:>9.3} {:>9.3} {:>9.3}\n",
        "micro",
        total.tp,
        total.fp,
        total.fn_,
        total.precision(),
        total.recall(),
        total.f1()
    );
    table += &format!("{} files, {} documents\n", files.len(), scored.docs);
    if args.errors {
        for e in &scored.errors {
            table += e;
            table.push('\n');
        }
    }
    let summary = serde_json::json!({
        "suite": "ner",
        "path": args.path.display().to_string(),
        "files": files.len(),
        "documents": scored.docs,
        "micro_precision": total.precision(),
        "micro_recall": total.recall(),
        "micro_f1": total.f1(),
        "per_type": per_type,
    });
    Ok(Report { table, summary })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_and_iob2_spans() {
        let docs = parse_conll(
            "-DOCSTART- O\n\nThe I-ORG\nMad I-ORG\nin O\nNew I-LOC\nYork I-LOC\nI-PER I-PER\n\nx O\n",
        );
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        let spans: Vec<&str> = d.gold.iter().map(|g| &d.text[g.0..g.1]).collect();
        assert_eq!(spans, ["The Mad", "New York", "I-PER"]);
        assert_eq!(d.text, "The Mad in New York I-PER\nx");
        let docs = parse_conll("U.S.\tB-Organisation\nforces\tI-Organisation\nSyria\tB-Location\nB\tB-Location\nSyrian\tB-Nationality\n");
        let d = &docs[0];
        let got: Vec<(&str, EntityType)> = d.gold.iter().map(|g| (&d.text[g.0..g.1], g.2)).collect();
        assert_eq!(
            got,
            [("U.S. forces", EntityType::ORG), ("Syria", EntityType::LOC), ("B", EntityType::LOC)]
        );
    }

    fn micro(rel: &str) -> Option<f64> {
        let path = dyad_core::testdata::shared_path(rel)?;
        let mut files = Vec::new();
        collect(&path, &mut files).unwrap();
        let docs: Vec<Doc> =
            files.iter().flat_map(|f| parse_conll(&std::fs::read_to_string(f).unwrap())).collect();
        let tagger = ActorTagger::load_default().unwrap();
        let s = score(&tagger, &docs);
        let mut t = Counts::default();
        for c in s.by_type.values() {
            t.tp += c.tp;
            t.fp += c.fp;
            t.fn_ += c.fn_;
        }
        Some(t.f1())
    }

    #[test]
    fn wikigold_bar() {
        if let Some(f1) = micro("reference/ner/wikigold") {
            assert!(f1 >= 0.55, "wikigold micro F1 {f1:.3} fell below the 0.55 bar");
        }
    }

    #[test]
    fn re3d_bar() {
        if let Some(f1) = micro("reference/ner/re3d") {
            assert!(f1 >= 0.35, "re3d micro F1 {f1:.3} fell below the 0.35 bar");
        }
    }
}

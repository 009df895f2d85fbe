//! `dyad eval petrarch FILE.xml --dictionaries DIR`: run a PETRARCH-style validation file.
//!
//! The file is read line by line (the UD-PETRARCH one is not well-formed XML). Each
//! `<Sentence>` gives the expected `<EventCoding>`s (or `noevents`, or an `error` such as a
//! discard), the text, and a parse: CoNLL-U (UD v1 relations, mapped to v2 by the coder) in the
//! UD-PETRARCH file, a Penn tree in the PETRARCH2 file. By default dyad parses the text itself
//! with `dyad_nlp`; `--given-parse` uses the file's CoNLL-U parse.
//!
//! The records go through a pipeline from `dyad_pipeline`'s builder (`load_suite`): the
//! actor stage with the suite's own actor and agent dictionaries (fictional: Arnor, Gondor…) as
//! its only source (`dyad_actors::ActorTagger::from_petrarch`), the coder with the suite's verb
//! dictionary, and, with `--given-parse`, `GivenParses` in place of the nlp stage. Discards
//! (`dyad_coder::Discards`, the reader of users' discard lists) are applied by the scorer.
//!
//! A record is exact when the set of (source, target, code) dyad codes equals the expected set;
//! a `noevents` record when nothing is coded; a discard record when the discard fires.

use crate::{EvalError, Report};
use dyad_actors::petrarch::PetrarchActors;
use dyad_actors::ActorTagger;
use dyad_coder::{Coder, Discards};
use dyad_core::{DocDate, Document, Layer, Sentence, Span, Stage, Token, Upos};
use dyad_pipeline::Pipeline;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Options of `dyad eval petrarch`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// PETRARCH-style validation file.
    pub(crate) path: PathBuf,
    /// Directory holding the dictionaries the file names in its Environment block (default: the
    /// file's directory).
    #[arg(long)]
    pub(crate) dictionaries: Option<PathBuf>,
    /// Use the file's CoNLL-U parse instead of parsing the text with dyad.
    #[arg(long)]
    pub(crate) given_parse: bool,
    /// Score every record, including those marked evaluate="false".
    #[arg(long)]
    pub(crate) all: bool,
    /// Print each record that is not exact, with what was expected and coded.
    #[arg(long)]
    pub(crate) verbose: bool,
    /// Print the coder's explanation (parse, matches, events) of the record with this id.
    #[arg(long)]
    pub(crate) explain: Option<String>,
    /// NLP model file to parse with instead of the embedded one.
    #[arg(long)]
    pub(crate) model: Option<PathBuf>,
}

/// One validation record.
#[derive(Debug, Clone, Default)]
pub(crate) struct Record {
    pub(crate) id: String,
    pub(crate) category: String,
    pub(crate) date: String,
    pub(crate) evaluate: bool,
    pub(crate) expected: BTreeSet<(String, String, String)>,
    pub(crate) noevents: bool,
    pub(crate) error: Option<String>,
    pub(crate) text: String,
    /// CoNLL-U rows, when the parse is CoNLL-U.
    pub(crate) conllu: Vec<Vec<String>>,
    pub(crate) line: usize,
}

/// The environment block: dictionary file names and included categories.
#[derive(Debug, Clone, Default)]
pub(crate) struct Environment {
    pub(crate) verbs: Option<String>,
    pub(crate) actors: Option<String>,
    pub(crate) agents: Option<String>,
    pub(crate) discards: Option<String>,
    pub(crate) ontology: Option<String>,
    pub(crate) include: Vec<String>,
}

fn attr(line: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let i = line.find(&key)? + key.len();
    let j = line[i..].find('"')? + i;
    Some(unescape(&line[i..j]))
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn element(line: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let i = line.find(&open)? + open.len();
    let j = line[i..].find(&close)? + i;
    Some(line[i..j].trim().to_string())
}

/// Read the records and environment of a validation file, line by line.
pub(crate) fn read_records(text: &str) -> (Environment, Vec<Record>) {
    let mut env = Environment::default();
    let mut records = Vec::new();
    let mut cur: Option<Record> = None;
    let mut in_text = false;
    let mut in_parse = false;
    let mut in_comment = false;
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        if in_comment {
            if t.contains("-->") {
                in_comment = false;
            }
            continue;
        }
        if t.starts_with("<!--") && !t.contains("-->") && !in_text && !in_parse {
            in_comment = true;
            continue;
        }
        if let Some(v) = element(t, "Verbfile") {
            env.verbs = Some(v);
        } else if let Some(v) = element(t, "Actorfile") {
            env.actors = Some(v);
        } else if let Some(v) = element(t, "Agentfile") {
            env.agents = Some(v);
        } else if let Some(v) = element(t, "Discardfile") {
            env.discards = Some(v);
        } else if let Some(v) = element(t, "PICOfile") {
            env.ontology = Some(v);
        } else if let Some(v) = element(t, "Include") {
            env.include = v.split_whitespace().map(String::from).collect();
        }
        if t.starts_with("<Sentence ") {
            cur = Some(Record {
                id: attr(t, "id").unwrap_or_default(),
                category: attr(t, "category").unwrap_or_default(),
                date: attr(t, "date").unwrap_or_default(),
                evaluate: attr(t, "evaluate").is_none_or(|v| v != "false"),
                line: n + 1,
                ..Record::default()
            });
            continue;
        }
        let Some(r) = cur.as_mut() else { continue };
        if in_text {
            if let Some(i) = t.find("</Text>") {
                r.text.push_str(&t[..i]);
                in_text = false;
            } else {
                r.text.push_str(t);
                r.text.push(' ');
            }
            continue;
        }
        if t.starts_with("<EventCoding") {
            if attr(t, "noevents").is_some() {
                r.noevents = true;
            } else if let Some(e) = attr(t, "error") {
                r.error = Some(e);
            } else if let (Some(s), Some(g), Some(c)) =
                (attr(t, "sourcecode"), attr(t, "targetcode"), attr(t, "eventcode"))
            {
                r.expected.insert((s, g, c));
            }
        } else if let Some(rest) = t.strip_prefix("<Text>") {
            if let Some(i) = rest.find("</Text>") {
                r.text = rest[..i].to_string();
            } else {
                r.text = format!("{rest} ");
                in_text = true;
            }
        } else if t.starts_with("<Parse>") {
            in_parse = true;
        }
        if in_parse {
            let body = t.trim_start_matches("<Parse>");
            let body = body.split("</Parse>").next().unwrap_or("");
            let cols: Vec<String> = body.split('\t').map(String::from).collect();
            if cols.len() >= 8 && cols[0].chars().all(|c| c.is_ascii_digit()) {
                r.conllu.push(cols);
            }
            if t.contains("</Parse>") {
                in_parse = false;
            }
        }
        if t.contains("</Sentence>") {
            r.text = unescape(r.text.split_whitespace().collect::<Vec<_>>().join(" ").as_str());
            records.push(cur.take().expect("current record"));
        }
    }
    (env, records)
}

fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let d: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    let n: u32 = match d.len() {
        8 => d.parse().ok()?,
        6 => d.parse::<u32>().ok().map(|x| if x / 10000 > 30 { 19_000_000 + x } else { 20_000_000 + x })?,
        _ => return None,
    };
    chrono::NaiveDate::from_ymd_opt((n / 10_000) as i32, n / 100 % 100, n % 100)
}

// ---------------------------------------------------------------------------------------------
// Documents from records
// ---------------------------------------------------------------------------------------------

/// A CoNLL-U row's tag, lemma and relations as a token over `span`.
fn conllu_token(r: &[String], span: Span) -> Token {
    let upos = match r[3].as_str() {
        "CONJ" => Upos::CCONJ,
        u => Upos::parse(u).unwrap_or(Upos::X),
    };
    Token {
        span,
        upos,
        xpos: r[4].clone(),
        lemma: r[2].clone(),
        head: r[6].parse().ok(),
        deprel: dyad_coder::tree::v2_relation(&r[7]),
    }
}

/// The text of a CoNLL-U parse: its forms joined by spaces.
fn conllu_text(rows: &[Vec<String>]) -> String {
    rows.iter().map(|r| r[1].as_str()).collect::<Vec<_>>().join(" ")
}

/// Puts the given parse of a record on its document (one sentence; the given tags, lemmas and
/// relations): the nlp stage of `--given-parse`. The record is the document's origin (its id,
/// see [`record_document`]) or, failing that, the one whose words are the document's text; a
/// document of neither is left alone.
pub(crate) struct GivenParses {
    by_id: HashMap<String, Vec<Vec<String>>>,
    by_text: HashMap<String, Vec<Vec<String>>>,
}

impl GivenParses {
    /// The parses of `records`; the first of equal ids or texts wins.
    pub(crate) fn new<'a>(records: impl IntoIterator<Item = &'a Record>) -> GivenParses {
        let (mut by_id, mut by_text) = (HashMap::new(), HashMap::new());
        for r in records.into_iter().filter(|r| !r.conllu.is_empty()) {
            by_id.entry(r.id.clone()).or_insert_with(|| r.conllu.clone());
            by_text.entry(conllu_text(&r.conllu)).or_insert_with(|| r.conllu.clone());
        }
        GivenParses { by_id, by_text }
    }

    fn rows_of(&self, doc: &Document) -> Option<&Vec<Vec<String>>> {
        let by_id = self.by_id.get(&doc.meta.origin).filter(|rows| conllu_text(rows) == doc.text);
        by_id.or_else(|| self.by_text.get(&doc.text))
    }
}

impl Stage for GivenParses {
    fn name(&self) -> &'static str {
        "given-parse"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Parse]
    }

    fn annotate(&self, doc: &mut Document) {
        let Some(rows) = self.rows_of(doc) else { return };
        let mut start = 0;
        let mut tokens = Vec::with_capacity(rows.len());
        for r in rows {
            let span = Span::new(start, start + r[1].len());
            tokens.push(conllu_token(r, span));
            start = span.end as usize + 1;
        }
        if !tokens.is_empty() {
            doc.sentences =
                vec![Sentence { span: Span::new(0, doc.text.len()), tokens: (0, tokens.len() as u32) }];
        }
        doc.tokens = tokens;
    }
}

/// A document from a CoNLL-U parse: the forms joined by spaces, one sentence, the given tags,
/// lemmas and relations.
#[cfg(test)]
pub(crate) fn document_from_conllu(rows: &[Vec<String>]) -> Document {
    let mut doc = Document::from_normalised(conllu_text(rows));
    let by_text = HashMap::from([(doc.text.clone(), rows.to_vec())]);
    GivenParses { by_id: HashMap::new(), by_text }.annotate(&mut doc);
    doc
}

/// A record's document before any stage: its text (the given parse's words with
/// `--given-parse`), its id as origin, and its date, which dates the actors' roles (1 January
/// 2000 where the record gives none).
pub(crate) fn record_document(r: &Record, given_parse: bool) -> Document {
    let mut doc =
        if given_parse { Document::from_normalised(conllu_text(&r.conllu)) } else { Document::new(&r.text) };
    let date = parse_date(&r.date).or_else(|| chrono::NaiveDate::from_ymd_opt(2000, 1, 1));
    doc.meta.date = date.map(|date| DocDate { date, time: None, source: "record".into() });
    doc.meta.origin = r.id.clone();
    doc
}

/// What dyad codes for one record.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outcome {
    pub(crate) coded: BTreeSet<(String, String, String)>,
    /// "storydiscard" / "sentencediscard" when a discard fired; "bad_input_parse" when the
    /// coder could not use the parse.
    pub(crate) error: Option<String>,
}

/// The record's document through the suite's pipeline.
pub(crate) fn annotated_document(r: &Record, suite: &Suite) -> Document {
    let mut doc = record_document(r, suite.given_parse);
    suite.pipeline.annotate(&mut doc);
    doc
}

/// Code one record with the suite's pipeline and discards.
pub(crate) fn code_record(r: &Record, suite: &Suite) -> Outcome {
    let doc = annotated_document(r, suite);
    let forms: Vec<String> = doc.tokens.iter().map(|t| doc.span_text(t.span).to_uppercase()).collect();
    if let Some(story) = suite.discards.find(&forms) {
        return Outcome {
            coded: BTreeSet::new(),
            error: Some(if story { "storydiscard" } else { "sentencediscard" }.into()),
        };
    }
    // A sentence the coder had to skip (a parse it cannot walk) is PETRARCH's bad input.
    let coder = suite.pipeline.coder().map(|c| c.name());
    let error =
        doc.warnings.iter().any(|w| Some(w.stage.as_str()) == coder).then(|| "bad_input_parse".to_string());
    let coded = doc
        .events
        .iter()
        .map(|e| {
            (
                e.source.actor.code.clone(),
                e.target.as_ref().map(|t| t.actor.code.clone()).unwrap_or_else(|| "---".into()),
                e.cameo.clone(),
            )
        })
        .collect();
    Outcome { coded, error }
}

/// A validation suite's pipeline: dyad's, with the suite's verb dictionary, its actor and agent
/// dictionaries as the only source of actors, and given parses or dyad's own. Quotes and time
/// are left out: they give an event's status and date, which the suite does not score.
pub(crate) struct Suite {
    pub(crate) pipeline: Pipeline,
    pub(crate) discards: Discards,
    pub(crate) given_parse: bool,
}

/// The suite named by a validation file's environment (dictionaries in `dir`), parsed by the
/// given parses of `records`, or by dyad with the model file `model` (the embedded model when
/// `None`).
pub(crate) fn load_suite(
    env: &Environment,
    dir: &Path,
    records: &[Record],
    given_parse: bool,
    model: Option<&Path>,
) -> Result<Suite, EvalError> {
    let read = |name: &Option<String>, what: &'static str| -> Result<(String, String), EvalError> {
        let name = name.as_ref().ok_or(EvalError::UnnamedDictionary { what })?;
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).map_err(EvalError::read(&path))?;
        Ok((text, path.display().to_string()))
    };
    let (verbs, verbs_path) = read(&env.verbs, "verb")?;
    let mut coder =
        Coder::from_petrarch(&verbs, &verbs_path).map_err(EvalError::load("the PETRARCH verb dictionary"))?;
    if env.ontology.is_some() {
        let (o, op) = read(&env.ontology, "ontology")?;
        coder = coder.with_ontology(&o, &op).map_err(EvalError::load("the PETRARCH ontology"))?;
    }
    let (a, ap) = read(&env.actors, "actor")?;
    let (g, gp) = read(&env.agents, "agent")?;
    let actors = PetrarchActors::parse(&ap, &a, &gp, &g)
        .map_err(EvalError::load("the PETRARCH actor dictionaries"))?;
    let mut discards = Discards::default();
    if env.discards.is_some() {
        let (d, dp) = read(&env.discards, "discard")?;
        discards.add(&d, &dp).map_err(EvalError::load("the PETRARCH discards"))?;
    }
    let nlp: Box<dyn Stage> = if given_parse {
        Box::new(GivenParses::new(records))
    } else {
        Box::new(dyad_nlp::Nlp::from_path_or_embedded(model)?)
    };
    let pipeline = Pipeline::builder()
        .nlp(nlp)
        .actors(ActorTagger::from_petrarch(actors))
        .coder(coder)
        .without("quotes")
        .without("time")
        .build()?;
    Ok(Suite { pipeline, discards, given_parse })
}

/// Is the record exact?
pub(crate) fn is_exact(r: &Record, o: &Outcome) -> bool {
    match &r.error {
        Some(e) => o.error.as_deref() == Some(e.as_str()),
        None => o.error.is_none() && o.coded == r.expected,
    }
}

#[derive(Default)]
struct Tally {
    records: usize,
    exact: usize,
    expected: usize,
    coded: usize,
    correct: usize,
}

/// Code every record of a PETRARCH validation file with its dictionaries and score exact matches, precision and recall of the coded triples.
pub fn run(args: &Args) -> Result<Report, EvalError> {
    let text = std::fs::read_to_string(&args.path).map_err(EvalError::read(&args.path))?;
    let (env, records) = read_records(&text);
    if records.is_empty() {
        return Err(EvalError::NoData { path: args.path.clone(), what: "<Sentence> records" });
    }
    let dir = match &args.dictionaries {
        Some(d) => d.clone(),
        None => args.path.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    if args.given_parse && records.iter().any(|r| r.conllu.is_empty()) {
        return Err(EvalError::NoGivenParses { path: args.path.clone() });
    }
    let suite = load_suite(&env, &dir, &records, args.given_parse, args.model.as_deref())?;
    if let Some(id) = &args.explain {
        let r = records
            .iter()
            .find(|r| r.id == *id)
            .ok_or_else(|| EvalError::NoSuchItem { what: "record", id: id.clone() })?;
        let table = suite.pipeline.explain(&annotated_document(r, &suite));
        return Ok(Report { table, summary: serde_json::json!({ "id": id }) });
    }
    let mut by_cat: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut included = Tally::default();
    let mut table = String::new();
    let mut unparsed = 0;
    for r in records.iter().filter(|r| args.all || r.evaluate) {
        let o = code_record(r, &suite);
        if o.error.as_deref() == Some("bad_input_parse") {
            unparsed += 1;
        }
        let exact = is_exact(r, &o);
        let correct = o.coded.intersection(&r.expected).count();
        for t in [by_cat.entry(r.category.clone()).or_default(), &mut total] {
            t.records += 1;
            t.exact += exact as usize;
            t.expected += r.expected.len();
            t.coded += o.coded.len();
            t.correct += correct;
        }
        if env.include.contains(&r.category) {
            included.records += 1;
            included.exact += exact as usize;
            included.expected += r.expected.len();
            included.coded += o.coded.len();
            included.correct += correct;
        }
        if args.verbose && !exact {
            table.push_str(&format!(
                "MISS {} (line {}): expected {:?}{} coded {:?}{}\n  {}\n",
                r.id,
                r.line,
                r.expected,
                r.error.as_deref().map(|e| format!(" error={e}")).unwrap_or_default(),
                o.coded,
                o.error.as_deref().map(|e| format!(" error={e}")).unwrap_or_default(),
                r.text
            ));
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let mode = if args.given_parse { "given parse" } else { "dyad parse" };
    table.push_str(&format!("PETRARCH validation: {} ({mode})\n", args.path.display()));
    table.push_str(&format!(
        "{:<10} {:>7} {:>7} {:>8} {:>9} {:>7}\n",
        "category", "records", "exact", "exact%", "precision", "recall"
    ));
    // Precision and recall are undefined ("-") where nothing was coded or expected.
    let cell =
        |a: usize, b: usize| if b == 0 { "-".to_string() } else { format!("{:.3}", a as f64 / b as f64) };
    let mut row = |name: &str, t: &Tally| {
        table.push_str(&format!(
            "{:<10} {:>7} {:>7} {:>7.1}% {:>9} {:>7}\n",
            name,
            t.records,
            t.exact,
            100.0 * ratio(t.exact, t.records),
            cell(t.correct, t.coded),
            cell(t.correct, t.expected)
        ));
    };
    for (c, t) in &by_cat {
        row(c, t);
    }
    row("ALL", &total);
    if !env.include.is_empty() {
        row("INCLUDED", &included);
        table.push_str(&format!("INCLUDED = the file's <Include> categories: {}\n", env.include.join(" ")));
    }
    if unparsed > 0 {
        table.push_str(&format!(
            "{unparsed} records could not be coded from the parse (skipped with a warning)\n"
        ));
    }
    if !args.given_parse
        && records.iter().take(3).all(|r| {
            let d = annotated_document(r, &suite);
            d.tokens.iter().all(|t| t.head.is_none())
        })
    {
        table.push_str(
            "note: dyad_nlp gives no dependency parse yet: the text was coded by the shallow fallback (compare --given-parse)\n",
        );
    }
    let summary = serde_json::json!({
        "exact_rate": ratio(total.exact, total.records),
        "precision": ratio(total.correct, total.coded),
        "recall": ratio(total.correct, total.expected),
        "records": total.records,
        "included_exact_rate": ratio(included.exact, included.records),
        "parse": if args.given_parse { "given" } else { "dyad" },
    });
    Ok(Report { table, summary })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORD: &str = "<Environment>\n<Verbfile>v.txt</Verbfile>\n<Include>DEMO</Include>\n</Environment>\n\
        <!--\n<Sentence id=\"COMMENTED\">\n-->\n\
        <Sentence category=\"DEMO\" date=\"19950101\" id=\"D-1\" evaluate=\"true\">\n\
        <EventCoding eventcode=\"050\" sourcecode=\"ARN\" targetcode=\"GON\" />\n<Text>\nArnor restored\nties.\n</Text>\n\
        <Parse>\n1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\trestored\trestore\tVERB\tVBD\t_\t0\troot\t_\t_\n</Parse></Sentence>\n\
        <Sentence category=\"DEMO\" date=\"19950101\" id=\"D-2\" evaluate=\"false\">\n<EventCoding noevents=\"True\" />\n\
        <Text>x</Text>\n</Sentence>\n";

    #[test]
    fn reads_records_line_by_line() {
        let (env, records) = read_records(RECORD);
        assert_eq!(env.verbs.as_deref(), Some("v.txt"));
        assert_eq!(env.include, vec!["DEMO"]);
        assert_eq!(records.len(), 2);
        let r = &records[0];
        assert_eq!((r.id.as_str(), r.text.as_str(), r.conllu.len()), ("D-1", "Arnor restored ties.", 2));
        assert!(r.expected.contains(&("ARN".into(), "GON".into(), "050".into())));
        assert!(records[1].noevents && !records[1].evaluate);
        let doc = document_from_conllu(&r.conllu);
        assert_eq!(doc.text, "Arnor restored");
        assert_eq!(doc.tokens[0].head, Some(2));
    }

    /// Records of equal text with different parses each get their own; a record whose id is
    /// another's gets its parse by its text.
    #[test]
    fn given_parses_go_to_their_record() {
        let row = |i: &str, form: &str, head: &str| -> Vec<String> {
            [i, form, form, "PROPN", "NNP", "_", head, "dep"].map(String::from).to_vec()
        };
        let record =
            |id: &str, rows: Vec<Vec<String>>| Record { id: id.into(), conllu: rows, ..Record::default() };
        let records = [
            record("A", vec![row("1", "Arnor", "0"), row("2", "met", "1")]),
            record("B", vec![row("1", "Arnor", "2"), row("2", "met", "0")]),
            record("A", vec![row("1", "Gondor", "0")]),
        ];
        let stage = GivenParses::new(&records);
        let heads = |r: &Record| {
            let mut doc = record_document(r, true);
            stage.annotate(&mut doc);
            doc.tokens.iter().map(|t| t.head.unwrap()).collect::<Vec<_>>()
        };
        assert_eq!(heads(&records[0]), [0, 1]);
        assert_eq!(heads(&records[1]), [2, 0]);
        assert_eq!(heads(&records[2]), [0]);
    }

    #[test]
    fn discards_fire_on_whole_words() {
        let mut d = Discards::default();
        d.add("# c\n+SOCCER_MATCH\nBASKETBALL ; sport\n", "d.txt").unwrap();
        let forms = |t: &str| t.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(d.find(&forms("THE SOCCER MATCH ENDED")), Some(true));
        assert_eq!(d.find(&forms("BASKETBALL AGAIN")), Some(false));
        assert_eq!(d.find(&forms("SOCCER MATCHES")), None);
    }

    /// The UD-PETRARCH 2_02 suite scored with dyad's parse or the suite's own (`None` where
    /// the shared data is absent).
    fn score_ud_petrarch_suite(given_parse: bool) -> Option<Report> {
        let rel = "reference/event-coding/universalpetrarch/validate-2_02/PETR_Validate_records_2_02.xml";
        let path = dyad_core::testdata::shared_path(rel)?;
        let args = Args {
            path,
            dictionaries: None,
            given_parse,
            all: false,
            verbose: false,
            explain: None,
            model: None,
        };
        Some(run(&args).unwrap())
    }

    /// The same suite parsed by dyad itself: the bars (exact records ≥ 0.86 since the
    /// real-news issue, event precision ≥ 0.90, recall ≥ 0.85) hold with our own parse too.
    /// Measured with the shipped model: 0.860 / 0.918 / 0.873 first, 0.867 / 0.909 / 0.880
    /// when the floor was raised to the bar. This figure moves with the parser more than the
    /// parser's own scores do: the suite repeats a few constructions many times, and one
    /// parser habit moves many records (the one-layer LSTM parser gave 0.852 / 0.926 / 0.851,
    /// the sparse parser before it 0.860 / 0.921 / 0.877).
    #[test]
    fn ud_petrarch_suite_with_our_own_parse_keeps_its_floor() {
        let Some(report) = score_ud_petrarch_suite(false) else { return };
        let get = |k: &str| report.summary[k].as_f64().unwrap();
        assert!(get("exact_rate") >= 0.86, "{}", report.table);
        assert!(get("precision") >= 0.90, "{}", report.table);
        assert!(get("recall") >= 0.85, "{}", report.table);
    }

    /// The UD-PETRARCH validation suite with its given parses: the first bars (exact
    /// records ≥ 85%, event precision ≥ 0.90, recall ≥ 0.85) must hold.
    #[test]
    fn ud_petrarch_suite_with_given_parses_meets_the_first_bars() {
        let Some(report) = score_ud_petrarch_suite(true) else { return };
        let get = |k: &str| report.summary[k].as_f64().unwrap();
        assert!(get("exact_rate") >= 0.85, "{}", report.table);
        assert!(get("precision") >= 0.90, "{}", report.table);
        assert!(get("recall") >= 0.85, "{}", report.table);
    }
}

//! `dyad eval petrarch FILE.xml --dictionaries DIR`: run a PETRARCH-style validation file.
//!
//! The file is read line by line (the UD-PETRARCH one is not well-formed XML). Each
//! `<Sentence>` gives the expected `<EventCoding>`s (or `noevents`, or an `error` such as a
//! discard), the text, and a parse: CoNLL-U (UD v1 relations, mapped to v2 by the coder) in the
//! UD-PETRARCH file, a Penn tree in the PETRARCH2 file. By default dyad parses the text itself
//! with `dyad_nlp`; `--given-parse` uses the file's CoNLL-U parse.
//!
//! Actors come from the suite's own actor and agent dictionaries (fictional: Arnor, Gondor…),
//! read by `dyad_actors::petrarch`. What the scorer adds on top lives here
//! ([`ActorDictionary`]): a first-word index matching TABARI stems, and the composition of
//! countries with agents over the noun phrase of the parse ("the Danish media" → DNKMED),
//! tolerant of parses that split one name phrase.
//!
//! A record is exact when the set of (source, target, code) dyad codes equals the expected set;
//! a `noevents` record when nothing is coded; a discard record when the discard fires.

use crate::Report;
use dyad_actors::petrarch as petrarch_dict;
use dyad_coder::Coder;
use dyad_core::{Actor, Document, Mention, MentionKind, Sentence, Span, Stage, Token, Upos};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// PETRARCH-style validation file.
    pub path: PathBuf,
    /// Directory holding the dictionaries the file names in its <Environment> (default: the
    /// file's directory).
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Use the file's CoNLL-U parse instead of parsing the text with dyad.
    #[arg(long)]
    pub given_parse: bool,
    /// Score every record, including those marked evaluate="false".
    #[arg(long)]
    pub all: bool,
    /// Print each record that is not exact, with what was expected and coded.
    #[arg(long)]
    pub verbose: bool,
    /// Print the coder's explanation (parse, matches, events) of the record with this id.
    #[arg(long)]
    pub explain: Option<String>,
    /// NLP model file to parse with instead of the embedded one.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

/// One validation record.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub id: String,
    pub category: String,
    pub date: String,
    pub evaluate: bool,
    pub expected: BTreeSet<(String, String, String)>,
    pub noevents: bool,
    pub error: Option<String>,
    pub text: String,
    /// CoNLL-U rows, when the parse is CoNLL-U.
    pub conllu: Vec<Vec<String>>,
    pub line: usize,
}

/// The environment block: dictionary file names and included categories.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub verbs: Option<String>,
    pub actors: Option<String>,
    pub agents: Option<String>,
    pub discards: Option<String>,
    pub ontology: Option<String>,
    pub include: Vec<String>,
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
pub fn read_records(text: &str) -> (Environment, Vec<Record>) {
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

// ---------------------------------------------------------------------------------------------
// Actor and agent dictionaries (PETRARCH format, as narrow as this scorer needs)
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct DatedCode {
    code: String,
    /// Valid from / until (inclusive), as YYYYMMDD.
    from: Option<u32>,
    until: Option<u32>,
}

#[derive(Debug, Clone)]
enum Entry {
    Actor(usize),
    /// Agent code and whether it comes before the country ("NGO~").
    Agent(String, bool),
}

/// Actors and agents of a PETRARCH validation suite, indexed by first word.
#[derive(Debug, Default)]
pub struct ActorDictionary {
    actors: Vec<Vec<DatedCode>>,
    by_first: HashMap<String, Vec<(Vec<String>, Entry)>>,
    /// Upper-case discard phrases and whether they discard the whole story.
    discards: Vec<(Vec<String>, bool)>,
}

fn parse_date(s: &str) -> Option<u32> {
    let d: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    match d.len() {
        8 => d.parse().ok(),
        6 => d.parse::<u32>().ok().map(|x| if x / 10000 > 30 { 19_000_000 + x } else { 20_000_000 + x }),
        _ => None,
    }
}

/// A date as the number YYYYMMDD, which orders as the date does.
fn date_number(d: chrono::NaiveDate) -> u32 {
    use chrono::Datelike;
    d.year().max(0) as u32 * 10_000 + d.month() * 100 + d.day()
}

fn dated_code(c: &petrarch_dict::DatedCode) -> DatedCode {
    DatedCode { code: c.code.clone(), from: c.from.map(date_number), until: c.to.map(date_number) }
}

fn words_of(phrase: &str) -> Vec<String> {
    phrase.split(['_', ' ']).filter(|w| !w.is_empty()).map(|w| w.to_uppercase()).collect()
}

/// Text before a `#` comment; `<!-- … -->` lines are comments too.
fn content(line: &str) -> &str {
    let l = line.split('#').next().unwrap_or("");
    if l.trim_start().starts_with("<!--") {
        ""
    } else {
        l
    }
}

impl ActorDictionary {
    /// Add the entries of a PETRARCH actor file, read by [`dyad_actors::petrarch`].
    pub fn add_actors(&mut self, text: &str, file: &str) -> Result<(), String> {
        let parsed = petrarch_dict::parse_actors(file, text).map_err(|e| e.to_string())?;
        for entry in parsed.entries {
            self.actors.push(entry.codes.iter().map(dated_code).collect());
            let a = self.actors.len() - 1;
            for name in &entry.names {
                self.insert(words_of(&name.text), Entry::Actor(a));
            }
        }
        Ok(())
    }

    /// Add the entries of a PETRARCH agent file, read by [`dyad_actors::petrarch`]. An agent
    /// without listed plurals also matches its regular plural ("governments"), unless its line
    /// says `{}` (no plural: "POLICE {}" must not match "polices"), a difference the reader's
    /// entries do not keep, so it is read from the entry's line.
    pub fn add_agents(&mut self, text: &str, file: &str) -> Result<(), String> {
        let parsed = petrarch_dict::parse_agents(file, text).map_err(|e| e.to_string())?;
        let lines: Vec<&str> = text.lines().collect();
        let no_plural = |line: usize| {
            lines.get(line.wrapping_sub(1)).is_some_and(|l| {
                let l = l.split('#').next().unwrap_or("");
                l.find('{').is_some_and(|i| l[i + 1..].trim_start().starts_with('}'))
            })
        };
        if let Some(issue) = parsed.issues.iter().find(|i| i.contains("without a code")) {
            return Err(issue.clone());
        }
        for agent in parsed.entries {
            let words = words_of(&agent.phrase.text);
            let prefix = agent.position == petrarch_dict::AgentPosition::Prefix;
            let mut forms = vec![words.clone()];
            if agent.plurals.is_empty() {
                if !no_plural(agent.line) {
                    forms.push(plural_phrase(&words));
                }
            } else {
                forms.extend(agent.plurals.iter().map(|p| words_of(&p.text)));
            }
            for f in forms {
                self.insert(f, Entry::Agent(agent.code.clone(), prefix));
            }
        }
        Ok(())
    }

    pub fn add_discards(&mut self, text: &str) {
        for raw in text.lines() {
            let t = content(raw).trim();
            if t.is_empty() {
                continue;
            }
            let story = t.starts_with('+');
            let words = words_of(t.trim_start_matches('+').split(';').next().unwrap_or(""));
            if !words.is_empty() {
                self.discards.push((words, story));
            }
        }
    }

    fn insert(&mut self, words: Vec<String>, e: Entry) {
        if let Some(first) = words.first() {
            let key = first.trim_end_matches('_').to_string();
            let key: String = key.chars().take(3).collect();
            self.by_first.entry(key).or_default().push((words, e));
        }
    }

    /// The code of actor `a` on `date` (YYYYMMDD).
    fn actor_code(&self, a: usize, date: u32) -> Option<String> {
        let codes = &self.actors[a];
        let dated = codes.iter().find(|c| {
            (c.from.is_some() || c.until.is_some())
                && c.from.is_none_or(|f| date >= f)
                && c.until.is_none_or(|u| date <= u)
        });
        let code = dated.or_else(|| codes.iter().find(|c| c.from.is_none() && c.until.is_none()))?;
        Some(code.code.clone())
    }

    /// Longest dictionary entry starting at word `k` of `forms`.
    fn longest(&self, forms: &[String], k: usize) -> Option<(usize, &Entry)> {
        let key: String = forms[k].chars().take(3).collect();
        let cands = self.by_first.get(&key)?;
        let mut best: Option<(usize, &Entry)> = None;
        for (words, e) in cands {
            let n = words.len();
            if k + n > forms.len() {
                continue;
            }
            let is_actor = matches!(e, Entry::Actor(_));
            let ok = words.iter().enumerate().all(|(j, w)| word_match(w, &forms[k + j], is_actor));
            if ok
                && best
                    .as_ref()
                    .is_none_or(|(b, be)| n > *b || (n == *b && is_actor && !matches!(be, Entry::Actor(_))))
            {
                best = Some((n, e));
            }
        }
        best
    }

    /// Does the text fire a discard? `Some(true)` for a story discard.
    pub fn discard(&self, forms: &[String]) -> Option<bool> {
        for (words, story) in &self.discards {
            let n = words.len();
            if n <= forms.len()
                && (0..=forms.len() - n).any(|k| words.iter().enumerate().all(|(j, w)| forms[k + j] == *w))
            {
                return Some(*story);
            }
        }
        None
    }

    /// Add actor mentions to `doc`: dictionary matches composed over the noun phrases of the
    /// parse (country, then agents: "the Danish media" → DNKMED).
    pub fn tag(&self, doc: &mut Document, date: u32) {
        let mut mentions = Vec::new();
        for si in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(si).to_vec();
            let forms: Vec<String> = toks.iter().map(|t| doc.span_text(t.span).to_uppercase()).collect();
            // Matches: (first token, length, entry).
            let mut found: Vec<(usize, usize, &Entry)> = Vec::new();
            let mut k = 0;
            while k < forms.len() {
                if let Some((n, e)) = self.longest(&forms, k) {
                    found.push((k, n, e));
                    k += n;
                } else {
                    k += 1;
                }
            }
            mentions.extend(compose(doc, &toks, &found, self, date));
        }
        doc.mentions = mentions;
    }
}

fn plural_phrase(words: &[String]) -> Vec<String> {
    let mut w = words.to_vec();
    if let Some(last) = w.last_mut() {
        let l = last.trim_end_matches('_').to_string();
        *last = if l.ends_with('Y') && !l.ends_with("AY") && !l.ends_with("EY") {
            format!("{}IES", &l[..l.len() - 1])
        } else if l.ends_with('S') || l.ends_with('X') || l.ends_with("CH") || l.ends_with("SH") {
            format!("{l}ES")
        } else if l.ends_with("MAN") {
            format!("{}MEN", &l[..l.len() - 3])
        } else {
            format!("{l}S")
        };
    }
    w
}

const STEM_ENDINGS: &[&str] = &[
    "", "S", "N", "NS", "A", "E", "I", "IS", "AN", "ANS", "IAN", "IANS", "IA", "ESE", "ISH", "ES", "ER",
    "ERS", "ITE", "ITES",
];

/// A dictionary word against a text word. Actor words are stems (TABARI style: "ERIADOR"
/// matches "Eriadorian") unless they end in `_`; agent words match exactly.
fn word_match(w: &str, form: &str, stem: bool) -> bool {
    match w.strip_suffix('_') {
        Some(exact) => form == exact,
        // Stems take the endings of names: plurals, adjectives, demonyms.
        None if stem => form.strip_prefix(w).is_some_and(|rest| STEM_ENDINGS.contains(&rest)),
        None => form == w,
    }
}

/// Relations that keep a word inside the noun phrase of its head. Subtypes count as their base
/// relation (`flat:name`, `compound:prt`, `nmod:desc` for a title before a name), except that a
/// prepositional modifier stays inside only with the prepositions of a name ("of", "in", "from").
fn np_internal(rel: &str, prep: Option<&str>) -> bool {
    let base = rel.split(':').next().unwrap_or("");
    matches!(base, "compound" | "amod" | "flat" | "name" | "det" | "nummod" | "fixed")
        || matches!(rel, "nmod:poss" | "nmod:desc")
        || (matches!(base, "nmod" | "obl") && matches!(prep, Some("OF" | "IN" | "FROM")))
}

/// Words that may sit between two parts of one name phrase ("Bree Prime Minister Romendacil",
/// "Dagolath's first Deputy"): nouns, names, adjectives, determiners, numbers, the possessive.
fn nominal_word(t: &Token, form: &str) -> bool {
    matches!(t.upos, Upos::NOUN | Upos::PROPN | Upos::ADJ | Upos::DET | Upos::NUM)
        || (t.upos == Upos::PART && matches!(form, "'S" | "'"))
}

/// A function word, never the head of a dictionary phrase.
fn function_word(t: &Token) -> bool {
    matches!(t.upos, Upos::ADP | Upos::DET | Upos::PART | Upos::PUNCT | Upos::CCONJ | Upos::SCONJ)
}

/// The dictionary matches of one noun phrase.
struct Group {
    head: usize,
    /// (token, actor code).
    actors: Vec<(usize, String)>,
    /// (token, agent code, whether the agent code goes before the actor's).
    agents: Vec<(usize, String, bool)>,
    tokens: Vec<usize>,
}

/// Merge groups of one name phrase that the parse split (see [`compose`]): a group and the
/// next one in the text, when only nominal words lie between them, none of them heads the
/// other side by a conjunction, and together they name at most one country. The merged
/// phrase is headed by the later group (English names end in their head).
fn merge_nominal_runs(groups: &mut Vec<Group>, toks: &[Token], forms: &[String]) {
    groups.sort_by_key(|g| g.tokens.iter().copied().min().unwrap_or(g.head));
    let mut i = 0;
    while i + 1 < groups.len() {
        let (a, b) = (&groups[i], &groups[i + 1]);
        let a_end = a.tokens.iter().copied().max().unwrap_or(a.head);
        let b_start = b.tokens.iter().copied().min().unwrap_or(b.head);
        let between_nominal =
            a_end < b_start && (a_end + 1..b_start).all(|t| nominal_word(&toks[t], &forms[t]));
        let mut countries: Vec<&str> =
            a.actors.iter().chain(&b.actors).map(|(_, c)| c.get(..3).unwrap_or(c)).collect();
        countries.dedup();
        countries.sort_unstable();
        countries.dedup();
        let coordinated = toks[b.head].deprel == "conj" || toks[a.head].deprel == "conj";
        if between_nominal && countries.len() <= 1 && !coordinated {
            let a = groups.remove(i);
            let b = &mut groups[i];
            b.tokens.extend(a.tokens);
            b.tokens.extend(a_end + 1..b_start);
            let mut actors = a.actors;
            actors.append(&mut b.actors);
            b.actors = actors;
            b.agents.extend(a.agents);
        } else {
            i += 1;
        }
    }
}

fn compose(
    doc: &Document,
    toks: &[Token],
    found: &[(usize, usize, &Entry)],
    dict: &ActorDictionary,
    date: u32,
) -> Vec<Mention> {
    let n = toks.len();
    let forms: Vec<String> = toks.iter().map(|t| doc.span_text(t.span).to_uppercase()).collect();
    let head = |k: usize| toks[k].head.and_then(|h| (h as usize).checked_sub(1)).filter(|&h| h < n);
    let prep_of = |k: usize| {
        (0..n).find(|&c| head(c) == Some(k) && toks[c].deprel == "case" && c < k).map(|c| forms[c].clone())
    };
    // The noun-phrase head of a token, and whether the path went through a conjunction.
    let np_head = |k: usize| -> usize {
        let mut at = k;
        for _ in 0..32 {
            let Some(h) = head(at) else { break };
            let rel = toks[at].deprel.as_str();
            if np_internal(rel, prep_of(at).as_deref()) && !matches!(toks[h].upos, Upos::VERB) {
                at = h;
            } else {
                break;
            }
        }
        at
    };
    // Group matches by noun phrase; an actor conjoined to another actor starts its own group.
    let mut groups: Vec<Group> = Vec::new();
    for &(k, len, e) in found {
        let last = k + len - 1;
        // The head of the match itself: the word governed from outside it. A parse may attach
        // several of its words outside ("Amnesty" to "activists of", "International" to the
        // verb); the first content word among them keeps the phrase with what precedes it.
        let outside: Vec<usize> = (k..=last).filter(|&t| head(t).is_none_or(|h| h < k || h > last)).collect();
        let m_head = match outside.as_slice() {
            [one] => *one,
            many => many.iter().copied().find(|&t| !function_word(&toks[t])).unwrap_or(last),
        };
        let h = np_head(m_head);
        let g = match groups.iter().position(|g| g.head == h) {
            Some(i) => i,
            None => {
                groups.push(Group { head: h, actors: Vec::new(), agents: Vec::new(), tokens: vec![h] });
                groups.len() - 1
            }
        };
        let g = &mut groups[g];
        g.tokens.extend(k..=last);
        match e {
            Entry::Actor(a) => {
                if let Some(code) = dict.actor_code(*a, date) {
                    g.actors.push((k, code));
                }
            }
            Entry::Agent(code, prefix) => g.agents.push((k, code.clone(), *prefix)),
        }
    }
    // A parse may split one name phrase into pieces with heads of their own ("Bree" and
    // "Prime Minister Romendacil" both subjects): neighbouring groups joined only by nominal
    // words are one phrase when they name at most one country.
    merge_nominal_runs(&mut groups, toks, &forms);
    // Actors joined by a conjunction inside one phrase ("ambassadors of Arnor, Osgiliath and
    // Gondor"): each conjunct after the first becomes its own mention with the phrase's agents.
    let mut extra: Vec<Group> = Vec::new();
    for g in &mut groups {
        if g.actors.len() < 2 {
            continue;
        }
        let mut keep = vec![g.actors[0].clone()];
        for a in g.actors.drain(1..) {
            if toks[a.0].deprel == "conj" {
                extra.push(Group {
                    head: a.0,
                    actors: vec![a.clone()],
                    agents: Vec::new(),
                    tokens: vec![a.0],
                });
                g.tokens.retain(|&t| t != a.0);
            } else {
                keep.push(a);
            }
        }
        g.actors = keep;
    }
    groups.extend(extra);
    // Conjuncts share what their phrase says of them: an actor conjoined to an actor of a
    // phrase with agents takes those agents; a phrase with agents only takes the country (and
    // the other agents) of the phrase it is conjoined to ("Danish Islamist media and government").
    type Snapshot = (Vec<usize>, usize, Vec<(usize, String)>, Vec<(usize, String, bool)>);
    let snapshot: Vec<Snapshot> =
        groups.iter().map(|g| (g.tokens.clone(), g.head, g.actors.clone(), g.agents.clone())).collect();
    for g in &mut groups {
        if toks[g.head].deprel != "conj" {
            continue;
        }
        let Some(h) = head(g.head) else { continue };
        let Some((_, other_head, actors, agents)) =
            snapshot.iter().find(|(t, hd, _, _)| t.contains(&h) || *hd == h)
        else {
            continue;
        };
        if g.agents.is_empty() && !g.actors.is_empty() && actors.iter().any(|a| a.0 == h) {
            g.agents = agents.clone();
        } else if g.actors.is_empty() && !g.agents.is_empty() {
            if let Some(a) = actors.first() {
                g.actors.push((g.head, a.1.clone()));
                g.agents.extend(agents.iter().filter(|x| x.0 != *other_head).cloned());
            }
        }
    }
    let mut out = Vec::new();
    for g in &groups {
        // Agents alone ("a senior official") name no actor.
        let Some((_, base)) = g.actors.first() else { continue };
        let mut code = base.clone();
        let mut agents = g.agents.clone();
        agents.sort_by_key(|a| a.0);
        for (_, a, prefix) in &agents {
            // Already there as a whole 3-letter part ("USAGOV" + GOV), not by accident
            // ("GMWGOV" does contain "WGO").
            if (0..code.len()).step_by(3).any(|i| code.as_bytes()[i..].starts_with(a.as_bytes())) {
                continue;
            }
            if *prefix {
                code = format!("{a}{code}");
            } else {
                code.push_str(a);
            }
        }
        // The mention covers the matched words, and the phrase head when it is next to them.
        let mut toks_in: Vec<usize> = g.tokens.iter().copied().filter(|&t| t != g.head).collect();
        if toks_in.is_empty() || toks_in.iter().any(|&t| t.abs_diff(g.head) <= 2) || g.tokens.len() == 1 {
            toks_in.push(g.head);
        }
        let first = *toks_in.iter().min().expect("non-empty");
        let last = *toks_in.iter().max().expect("non-empty");
        let span = Span::new(toks[first].span.start as usize, toks[last].span.end as usize);
        let country: String = code.chars().take(3).collect();
        out.push(Mention {
            span,
            kind: MentionKind::Name,
            entity_type: None,
            actors: vec![Actor { code, country, name: None }],
            antecedent: None,
            rule: "petrarch-dictionary".into(),
        });
    }
    out.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    out
}

// ---------------------------------------------------------------------------------------------
// Documents from records
// ---------------------------------------------------------------------------------------------

/// A document from a CoNLL-U parse: the forms joined by spaces, one sentence, the given tags,
/// lemmas and relations.
pub fn document_from_conllu(rows: &[Vec<String>]) -> Document {
    let mut text = String::new();
    let mut spans = Vec::new();
    for r in rows {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(&r[1]);
        spans.push(Span::new(start, text.len()));
    }
    let mut doc = Document::from_normalised(text);
    for (r, span) in rows.iter().zip(spans) {
        let upos = match r[3].as_str() {
            "CONJ" => Upos::CCONJ,
            u => Upos::parse(u).unwrap_or(Upos::X),
        };
        doc.tokens.push(Token {
            span,
            upos,
            xpos: r[4].clone(),
            lemma: r[2].clone(),
            head: r[6].parse().ok(),
            deprel: dyad_coder::tree::v2_relation(&r[7]),
        });
    }
    if !doc.tokens.is_empty() {
        doc.sentences
            .push(Sentence { span: Span::new(0, doc.text.len()), tokens: (0, doc.tokens.len() as u32) });
    }
    doc
}

fn record_date(r: &Record) -> u32 {
    parse_date(&r.date).unwrap_or(20_000_101)
}

/// What dyad codes for one record.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub coded: BTreeSet<(String, String, String)>,
    /// "storydiscard" / "sentencediscard" when a discard fired; "bad_input_parse" when the
    /// coder could not use the parse.
    pub error: Option<String>,
}

/// The record's document with its parse and actor mentions, ready for the coder.
pub fn prepared_document(r: &Record, actors: &ActorDictionary, nlp: Option<&dyn Stage>) -> Document {
    let mut doc = match nlp {
        Some(nlp) => {
            let mut d = Document::new(&r.text);
            nlp.annotate(&mut d);
            d
        }
        None => document_from_conllu(&r.conllu),
    };
    actors.tag(&mut doc, record_date(r));
    doc
}

/// Code one record with the given resources.
pub fn code_record(r: &Record, coder: &Coder, actors: &ActorDictionary, nlp: Option<&dyn Stage>) -> Outcome {
    let mut doc = match nlp {
        Some(nlp) => {
            let mut d = Document::new(&r.text);
            nlp.annotate(&mut d);
            d
        }
        None => document_from_conllu(&r.conllu),
    };
    let date = record_date(r);
    let forms: Vec<String> = doc.tokens.iter().map(|t| doc.span_text(t.span).to_uppercase()).collect();
    if let Some(story) = actors.discard(&forms) {
        return Outcome {
            coded: BTreeSet::new(),
            error: Some(if story { "storydiscard" } else { "sentencediscard" }.into()),
        };
    }
    actors.tag(&mut doc, date);
    coder.annotate(&mut doc);
    let error = doc.warnings.iter().any(|w| w.starts_with("coder:")).then(|| "bad_input_parse".to_string());
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

/// The resources named by a validation file's environment.
pub fn load_resources(env: &Environment, dir: &Path) -> Result<(Coder, ActorDictionary), String> {
    let read = |name: &Option<String>, what: &str| -> Result<(String, String), String> {
        let name = name.as_ref().ok_or_else(|| format!("the validation file names no {what} file"))?;
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok((text, path.display().to_string()))
    };
    let (verbs, verbs_path) = read(&env.verbs, "verb")?;
    let mut coder = Coder::from_petrarch(&verbs, &verbs_path).map_err(|e| e.to_string())?;
    if env.ontology.is_some() {
        let (o, op) = read(&env.ontology, "ontology")?;
        coder = coder.with_ontology(&o, &op).map_err(|e| e.to_string())?;
    }
    let mut actors = ActorDictionary::default();
    let (a, ap) = read(&env.actors, "actor")?;
    actors.add_actors(&a, &ap)?;
    let (g, gp) = read(&env.agents, "agent")?;
    actors.add_agents(&g, &gp)?;
    if env.discards.is_some() {
        let (d, _) = read(&env.discards, "discard")?;
        actors.add_discards(&d);
    }
    Ok((coder, actors))
}

/// Is the record exact?
pub fn is_exact(r: &Record, o: &Outcome) -> bool {
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

pub fn run(args: &Args) -> Result<Report, String> {
    let text = std::fs::read_to_string(&args.path).map_err(|e| format!("{}: {e}", args.path.display()))?;
    let (env, records) = read_records(&text);
    if records.is_empty() {
        return Err(format!("{}: no <Sentence> records found", args.path.display()));
    }
    let dir = match &args.dictionaries {
        Some(d) => d.clone(),
        None => args.path.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    let (coder, actors) = load_resources(&env, &dir)?;
    let nlp = if args.given_parse {
        if records.iter().any(|r| r.conllu.is_empty()) {
            return Err(format!(
                "{}: --given-parse needs CoNLL-U parses; this file's are not",
                args.path.display()
            ));
        }
        None
    } else {
        Some(dyad_nlp::Nlp::from_path_or_embedded(args.model.as_deref())?)
    };
    if let Some(id) = &args.explain {
        let r = records.iter().find(|r| r.id == *id).ok_or_else(|| format!("no record {id}"))?;
        let doc = prepared_document(r, &actors, nlp.as_ref().map(|n| n as &dyn Stage));
        let table = (0..doc.sentences.len()).map(|i| coder.explain(&doc, i)).collect::<String>();
        return Ok(Report { table, summary: serde_json::json!({ "id": id }) });
    }
    let mut by_cat: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut included = Tally::default();
    let mut table = String::new();
    let mut unparsed = 0;
    for r in records.iter().filter(|r| args.all || r.evaluate) {
        let o = code_record(r, &coder, &actors, nlp.as_ref().map(|n| n as &dyn Stage));
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
    if nlp.as_ref().is_some_and(|n| {
        records.iter().take(3).all(|r| {
            let mut d = Document::new(&r.text);
            n.annotate(&mut d);
            d.tokens.iter().all(|t| t.head.is_none())
        })
    }) {
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

    #[test]
    fn actors_compose_with_agents_dates_and_plurals() {
        let mut d = ActorDictionary::default();
        d.add_actors(
            "ARNOR_ [ARN]\n+ARNORIAN\nERIADOR [ERI]\nSLINKER\n\t[HOBGOV 19950101 - 19951231]\n\t[HOB]\n",
            "a.txt",
        )
        .unwrap();
        d.add_agents("!P! = MAN, MEN\nGOVERNMENT [~GOV]\nMSF {} [NGO~]\nLAW!P! [~LEG]\n", "g.txt").unwrap();
        let mut doc = document_from_conllu(
            &[
                "1 The the DET DT _ 3 det _ _",
                "2 Eriadorian Eriadorian ADJ JJ _ 3 amod _ _",
                "3 governments government NOUN NNS _ 4 nsubj _ _",
                "4 met meet VERB VBD _ 0 root _ _",
                "5 Slinker Slinker PROPN NNP _ 4 obj _ _",
                "6 and and CCONJ CC _ 7 cc _ _",
                "7 lawmen lawman NOUN NNS _ 5 conj _ _",
            ]
            .map(|r| r.split(' ').map(String::from).collect::<Vec<_>>()),
        );
        d.tag(&mut doc, 19950601);
        let codes: Vec<&str> = doc.mentions.iter().map(|m| m.actors[0].code.as_str()).collect();
        // "lawmen" has no actor of its own: it takes the one it is conjoined to.
        assert_eq!(codes, vec!["ERIGOV", "HOBGOV", "HOBGOVLEG"]);
        d.tag(&mut doc, 19990601);
        assert_eq!(doc.mentions[1].actors[0].code, "HOB");
        assert!(d.add_actors("+ORPHAN\n", "bad.txt").unwrap_err().starts_with("bad.txt:1:"));
        assert!(d.add_agents("NOCODE\n", "bad.txt").unwrap_err().starts_with("bad.txt:1:"));
    }

    /// A parse that splits one name phrase ("Bree" and "Prime Minister Romendacil" both subjects,
    /// the title as `nmod:desc`) still composes the country with the title; two countries side
    /// by side stay apart.
    #[test]
    fn a_name_phrase_split_by_the_parse_composes_whole() {
        let mut d = ActorDictionary::default();
        d.add_actors("BREE_ [BRE]\nGONDOR_ [GON]\n", "a.txt").unwrap();
        d.add_agents("PRIME_MINISTER [~GOV]\n", "g.txt").unwrap();
        let rows = |rows: &[&str]| -> Vec<Vec<String>> {
            rows.iter().map(|r| r.split(' ').map(String::from).collect()).collect()
        };
        let mut doc = document_from_conllu(&rows(&[
            "1 Bree Bree PROPN NNP _ 5 nsubj _ _",
            "2 Prime prime ADJ JJ _ 3 amod _ _",
            "3 Minister minister PROPN NNP _ 4 nmod:desc _ _",
            "4 Romendacil Romendacil PROPN NNP _ 5 nsubj _ _",
            "5 met meet VERB VBD _ 0 root _ _",
            "6 Gondor Gondor PROPN NNP _ 5 obj _ _",
        ]));
        d.tag(&mut doc, 19950601);
        let codes: Vec<&str> = doc.mentions.iter().map(|m| m.actors[0].code.as_str()).collect();
        assert_eq!(codes, vec!["BREGOV", "GON"]);
        let mut doc = document_from_conllu(&rows(&[
            "1 Bree Bree PROPN NNP _ 3 nsubj _ _",
            "2 Gondor Gondor PROPN NNP _ 3 nsubj _ _",
            "3 met meet VERB VBD _ 0 root _ _",
        ]));
        d.tag(&mut doc, 19950601);
        let codes: Vec<&str> = doc.mentions.iter().map(|m| m.actors[0].code.as_str()).collect();
        assert_eq!(codes, vec!["BRE", "GON"]);
    }

    /// `{}` after an agent means it has no plural; without braces the regular plural matches.
    #[test]
    fn agents_take_regular_plurals_unless_told_none() {
        let mut d = ActorDictionary::default();
        d.add_actors("GONDOR_ [GON]\n", "a.txt").unwrap();
        d.add_agents("POLICE {} [~COP]\nSOLDIER [~MIL]\n", "g.txt").unwrap();
        let code = |text: &str| {
            let rows: Vec<Vec<String>> = text
                .split(' ')
                .enumerate()
                .map(|(i, w)| {
                    let head = if i == 0 { "2" } else { "0" };
                    let rel = if i == 0 { "compound" } else { "root" };
                    vec![
                        (i + 1).to_string(),
                        w.into(),
                        w.into(),
                        "NOUN".into(),
                        "NN".into(),
                        "_".into(),
                        head.into(),
                        rel.into(),
                    ]
                })
                .collect();
            let mut doc = document_from_conllu(&rows);
            d.tag(&mut doc, 19950601);
            doc.mentions.first().map(|m| m.actors[0].code.clone()).unwrap_or_default()
        };
        assert_eq!(code("Gondor soldiers"), "GONMIL");
        assert_eq!(code("Gondor police"), "GONCOP");
        assert_eq!(code("Gondor polices"), "GON");
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

    /// The same suite parsed by dyad itself: the issue's bars (exact records ≥ 0.85, event
    /// precision ≥ 0.90, recall ≥ 0.85) hold with our own parse too. Measured with the
    /// shipped model: 0.860 / 0.918 / 0.873. This figure moves with the parser more than the
    /// parser's own scores do: the suite repeats a few constructions many times, and one
    /// parser habit moves many records (the one-layer LSTM parser gave 0.852 / 0.926 / 0.851,
    /// the sparse parser before it 0.860 / 0.921 / 0.877).
    #[test]
    fn ud_petrarch_suite_with_our_own_parse_keeps_its_floor() {
        let Some(report) = score_ud_petrarch_suite(false) else { return };
        let get = |k: &str| report.summary[k].as_f64().unwrap();
        assert!(get("exact_rate") >= 0.85, "{}", report.table);
        assert!(get("precision") >= 0.90, "{}", report.table);
        assert!(get("recall") >= 0.85, "{}", report.table);
    }

    /// The UD-PETRARCH validation suite with its given parses: the issue's first bars (exact
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

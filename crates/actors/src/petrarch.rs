//! Readers for the field's dictionary formats: TABARI/PETRARCH actor files (`*.actors.txt`) and
//! agent files (`*.agents.txt`), so that users' existing dictionaries can be used and compared.
//!
//! Actor file: an entry starts at a line beginning with a phrase (`NORTH_KOREA_`), optionally
//! followed by its code (`[PRK]`); `+PHRASE` lines add synonyms; lines that start with white
//! space and hold `[CODE restriction]` add dated codes, where the restriction is `<DATE`,
//! `>DATE` or `DATE-DATE` with dates as YYMMDD or YYYYMMDD. `#` starts a comment and
//! `<!-- … -->` blocks are comments. A phrase ending in `_` matches the whole word; one without
//! it is a stem (`ARGENTIN`).
//!
//! Agent file: `PHRASE {PLURALS} [~CODE]` (the agent follows a country: RUS + GOV) or
//! `[CODE~]` (it comes first), and `!MACRO! = A, B` substitution lines.
//!
//! Structural errors in an actor file (an unclosed bracket, a code or synonym before any entry)
//! and an agent without a code stop reading with the file and line ([`crate::Error::BadLine`]);
//! doubtful content (a malformed date, a phrase listed twice, a malformed one-line agent) is
//! kept out and reported as an issue.
//!
//! The one public item is [`PetrarchActors`], both files read and ready to match.

use crate::error::Error;
use chrono::NaiveDate;
use std::path::Path;

/// One actor code, valid between two dates when restricted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DatedCode {
    /// As written: "PRK", "RUSGOV", "FRO/BIL/SAM" (several), "---" (no actor).
    pub code: String,
    /// First day the code applies (inclusive).
    pub from: Option<NaiveDate>,
    /// Last day the code applies (inclusive).
    pub to: Option<NaiveDate>,
}

impl DatedCode {
    fn applies_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

/// A phrase as written in a TABARI dictionary, made readable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phrase {
    /// Words separated by single spaces, in the file's case ("NORTH KOREA").
    pub text: String,
    /// Written without a final `_`: matches any word that starts with the last word.
    pub stem: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct ActorEntry {
    /// The entry's own phrase first, then its `+` synonyms.
    pub names: Vec<Phrase>,
    /// Codes in file order; an entry with no code at all is reported in `issues`.
    pub codes: Vec<DatedCode>,
    /// Line of the entry's first phrase.
    pub line: usize,
}

impl ActorEntry {
    /// The code for a date: the first restricted code that applies, else the first
    /// unrestricted one.
    pub(crate) fn code_on(&self, date: Option<NaiveDate>) -> Option<&str> {
        if let Some(d) = date {
            if let Some(c) =
                self.codes.iter().find(|c| (c.from.is_some() || c.to.is_some()) && c.applies_on(d))
            {
                return Some(&c.code);
            }
        }
        self.codes.iter().find(|c| c.from.is_none() && c.to.is_none()).map(|c| c.code.as_str())
    }
}

/// The entries of an actor file, and what was doubtful in it.
#[derive(Debug, Clone, Default)]
pub(crate) struct ActorFile {
    pub entries: Vec<ActorEntry>,
    /// Problems that did not stop reading, as `file:line: message`.
    pub issues: Vec<String>,
}

/// Where an agent's code goes relative to its country's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AgentPosition {
    /// `[~GOV]`: the agent code is appended to the country ("Russian government" → RUSGOV).
    Suffix,
    /// `[NGO~]`: the agent code comes first.
    Prefix,
}

/// One agent line, with its macros expanded.
#[derive(Debug, Clone)]
pub(crate) struct AgentEntry {
    pub phrase: Phrase,
    /// Irregular plurals from `{…}`; `{}` means "no plural".
    pub plurals: Vec<Phrase>,
    pub code: String,
    pub position: AgentPosition,
    pub line: usize,
}

/// The entries of an agent file, and what was doubtful in it.
#[derive(Debug, Clone, Default)]
pub(crate) struct AgentFile {
    pub entries: Vec<AgentEntry>,
    pub issues: Vec<String>,
}

/// Read a TABARI/PETRARCH actor dictionary.
#[cfg(test)]
fn read_actors(path: &Path) -> Result<ActorFile, Error> {
    let text = read(path)?;
    parse_actors(&path.display().to_string(), &text)
}

/// Read a TABARI/PETRARCH agent dictionary.
#[cfg(test)]
fn read_agents(path: &Path) -> Result<AgentFile, Error> {
    let text = read(path)?;
    parse_agents(&path.display().to_string(), &text)
}

fn read(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
    // Some published dictionaries hold Latin-1 bytes; keep going with replacement characters.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn err(file: &str, line: usize, problem: impl Into<String>) -> Error {
    Error::bad_line(file, line, problem)
}

/// The lines of `text` with comments removed: (1-based line number, content).
fn content_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut in_block = false;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if in_block {
            if line.contains("-->") {
                in_block = false;
            }
            continue;
        }
        if line.trim_start().starts_with("<!") {
            in_block = !line.contains("-->");
            continue;
        }
        let line = match line.find('#') {
            Some(at) => &line[..at],
            None => line,
        };
        if !line.trim().is_empty() {
            out.push((i + 1, line));
        }
    }
    out
}

fn phrase(raw: &str) -> Phrase {
    let raw = raw.trim();
    let stem = !raw.ends_with('_');
    let text = raw.split(['_', ' ', '\t']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    Phrase { text, stem }
}

/// Split "NAME  [CODE …]" into the phrase and the bracket contents, if any.
fn split_bracket<'a>(
    file: &str,
    line: usize,
    s: &'a str,
    open: char,
    close: char,
) -> Result<(&'a str, Option<&'a str>), Error> {
    match s.find(open) {
        None => Ok((s, None)),
        Some(a) => {
            let rest = &s[a + 1..];
            let b = rest
                .find(close)
                .ok_or_else(|| err(file, line, format!("unclosed '{open}' in {:?}", s.trim())))?;
            Ok((&s[..a], Some(&rest[..b])))
        }
    }
}

/// YYMMDD (years before 30 are 20YY) or YYYYMMDD.
fn tabari_date(s: &str) -> Option<NaiveDate> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |a: usize, b: usize| s[a..b].parse::<u32>().ok();
    let (y, rest) = match s.len() {
        6 => {
            let yy = n(0, 2)? as i32;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, 2)
        }
        8 => (n(0, 4)? as i32, 4),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, n(rest, rest + 2)?, n(rest + 2, rest + 4)?)
}

/// Why a bracketed code was left out of an entry.
#[derive(Debug, thiserror::Error)]
enum CodeProblem {
    #[error("empty code")]
    Empty,
    #[error("malformed date restriction {0:?}")]
    Restriction(String),
}

/// Parse "CODE", "CODE >DATE", "CODE <DATE", "CODE DATE-DATE" (spaces optional).
fn dated_code(body: &str) -> Result<DatedCode, CodeProblem> {
    let body = body.trim();
    let (code, restriction) = match body.find(char::is_whitespace) {
        Some(at) => (&body[..at], body[at..].trim()),
        None => (body, ""),
    };
    let mut dc = DatedCode { code: code.to_string(), from: None, to: None };
    if code.is_empty() {
        return Err(CodeProblem::Empty);
    }
    if restriction.is_empty() {
        return Ok(dc);
    }
    let bad = || CodeProblem::Restriction(restriction.to_string());
    if let Some(d) = restriction.strip_prefix('<') {
        // Strictly before the date.
        dc.to = Some(tabari_date(d.trim()).ok_or_else(bad)?.pred_opt().ok_or_else(bad)?);
    } else if let Some(d) = restriction.strip_prefix('>') {
        dc.from = Some(tabari_date(d.trim()).ok_or_else(bad)?);
    } else if let Some((a, b)) = restriction.split_once('-') {
        dc.from = Some(tabari_date(a.trim()).ok_or_else(bad)?);
        dc.to = Some(tabari_date(b.trim()).ok_or_else(bad)?);
    } else {
        return Err(bad());
    }
    Ok(dc)
}

/// Parse the text of an actor dictionary; `file` names it in errors.
pub(crate) fn parse_actors(file: &str, text: &str) -> Result<ActorFile, Error> {
    let mut out = ActorFile::default();
    let mut seen = std::collections::HashMap::new();
    for (line, content) in content_lines(text) {
        let indented = content.starts_with([' ', '\t']);
        let trimmed = content.trim();
        if let Some(syn) = trimmed.strip_prefix('+') {
            let Some(entry) = out.entries.last_mut() else {
                return Err(err(file, line, "synonym ('+') before any entry"));
            };
            let (name, code) = split_bracket(file, line, syn, '[', ']')?;
            let p = phrase(name);
            if !p.text.is_empty() {
                entry.names.push(p);
            }
            if let Some(c) = code {
                push_code(&mut out.issues, file, line, entry, c);
            }
        } else if indented || trimmed.starts_with('[') {
            let (_, code) = split_bracket(file, line, trimmed, '[', ']')?;
            let Some(code) = code else {
                out.issues.push(format!("{file}:{line}: ignored indented line without a code: {trimmed:?}"));
                continue;
            };
            let Some(entry) = out.entries.last_mut() else {
                return Err(err(file, line, "code line before any entry"));
            };
            push_code(&mut out.issues, file, line, entry, code);
        } else {
            let (name, code) = split_bracket(file, line, trimmed, '[', ']')?;
            let mut entry = ActorEntry { names: vec![phrase(name)], codes: Vec::new(), line };
            if let Some(c) = code {
                push_code(&mut out.issues, file, line, &mut entry, c);
            }
            out.entries.push(entry);
        }
    }
    for e in &out.entries {
        if e.codes.is_empty() {
            out.issues.push(format!("{file}:{}: entry {:?} has no code", e.line, e.names[0].text));
        }
        for n in &e.names {
            if let Some(first) = seen.insert(n.text.clone(), e.line) {
                if first != e.line {
                    out.issues.push(format!(
                        "{file}:{}: duplicate phrase {:?} (first at line {first})",
                        e.line, n.text
                    ));
                }
            }
        }
    }
    Ok(out)
}

fn push_code(issues: &mut Vec<String>, file: &str, line: usize, entry: &mut ActorEntry, body: &str) {
    match dated_code(body) {
        Ok(c) => entry.codes.push(c),
        Err(e) => issues.push(format!("{file}:{line}: {e}; code left out")),
    }
}

/// Parse the text of an agent dictionary; `file` names it in errors.
pub(crate) fn parse_agents(file: &str, text: &str) -> Result<AgentFile, Error> {
    let mut out = AgentFile::default();
    let mut macros: Vec<(String, Vec<String>)> = Vec::new();
    for (line, content) in content_lines(text) {
        let trimmed = content.trim();
        if trimmed.starts_with('!') && trimmed.contains('=') {
            let (name, values) = trimmed.split_once('=').unwrap_or((trimmed, ""));
            let values: Vec<String> =
                values.split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
            // A value naming a macro could expand forever; the published files have none.
            if values.iter().any(|v| v.contains('!')) {
                out.issues.push(format!("{file}:{line}: a macro's values may not hold '!'; macro left out"));
                continue;
            }
            macros.push((name.trim().to_string(), values));
            continue;
        }
        // An agent is one self-contained line, so a malformed one is reported and skipped
        // (the published Phoenix.agents.txt has "[~ENV}").
        let (before, code) = match split_bracket(file, line, trimmed, '[', ']') {
            Ok(x) => x,
            Err(e) => {
                out.issues.push(format!("{e}; line skipped"));
                continue;
            }
        };
        let Some(code) = code else {
            out.issues.push(format!("{file}:{line}: agent without a code: {trimmed:?}"));
            continue;
        };
        let code = code.trim();
        let (code, position) = if let Some(c) = code.strip_prefix('~') {
            (c.trim(), AgentPosition::Suffix)
        } else if let Some(c) = code.strip_suffix('~') {
            (c.trim(), AgentPosition::Prefix)
        } else {
            out.issues.push(format!("{file}:{line}: agent code {code:?} has no '~'; read as a suffix"));
            (code, AgentPosition::Suffix)
        };
        let (phrase_text, plurals) = split_bracket(file, line, before, '{', '}')?;
        let plurals: Vec<Phrase> = plurals
            .map(|p| p.split(',').map(phrase).filter(|p| !p.text.is_empty()).collect())
            .unwrap_or_default();
        for expanded in expand_macros(phrase_text.trim(), &macros) {
            out.entries.push(AgentEntry {
                phrase: phrase(&expanded),
                plurals: plurals.clone(),
                code: code.to_string(),
                position,
                line,
            });
        }
    }
    Ok(out)
}

/// Replace each `!MACRO!` in `s` by each of its values (the product over all macros).
fn expand_macros(s: &str, macros: &[(String, Vec<String>)]) -> Vec<String> {
    for (name, values) in macros {
        if let Some(at) = s.find(name.as_str()) {
            let (head, tail) = (&s[..at], &s[at + name.len()..]);
            return values.iter().flat_map(|v| expand_macros(&format!("{head}{v}{tail}"), macros)).collect();
        }
    }
    vec![s.to_string()]
}

// ---------------------------------------------------------------------------------------------
// Tagging with PETRARCH dictionaries
// ---------------------------------------------------------------------------------------------

/// A dictionary entry as the tagger matches it.
#[derive(Debug, Clone)]
enum Entry {
    /// Index into [`PetrarchActors::actors`].
    Actor(usize),
    /// Agent code and whether it comes before the country ("NGO~").
    Agent(String, bool),
}

/// Actors and agents from PETRARCH dictionaries, as a source of the actor stage
/// ([`crate::ActorTagger::from_petrarch`], [`crate::ActorTagger::with_petrarch`]).
///
/// They are matched the way PETRARCH matches them, which differs from dyad's own dictionaries:
/// words are TABARI stems ("ERIADOR" matches "Eriadorian"); an actor takes the code its dated
/// roles give on the document date; countries are composed with the agents of their noun
/// phrase in the parse ("the Danish media" → DNKMED), tolerant of parses that split one name
/// phrase; and only dictionary phrases become mentions: no pronouns, no unknown names, no
/// coreference (PETRARCH codes what its dictionaries name).
#[derive(Debug, Default, Clone)]
pub struct PetrarchActors {
    actors: Vec<ActorEntry>,
    /// Entries by the first three letters of their first word.
    by_first: std::collections::HashMap<String, Vec<(Vec<String>, Entry)>>,
}

fn words_of(phrase: &str) -> Vec<String> {
    phrase.split(['_', ' ']).filter(|w| !w.is_empty()).map(|w| w.to_uppercase()).collect()
}

impl PetrarchActors {
    /// Actors from the text of a PETRARCH actor file and agents from that of an agent file;
    /// `*_file` name them in errors.
    pub fn parse(actors_file: &str, actors: &str, agents_file: &str, agents: &str) -> Result<Self, Error> {
        let mut d = PetrarchActors::default();
        d.add_actors(actors_file, actors)?;
        d.add_agents(agents_file, agents)?;
        Ok(d)
    }

    /// [`PetrarchActors::parse`] of a user's actor and agent files: how their own
    /// dictionaries are loaded. Latin-1 bytes, found in some published files, are read as
    /// replacement characters.
    pub fn read(actors: &Path, agents: &Path) -> Result<Self, Error> {
        PetrarchActors::parse(
            &actors.display().to_string(),
            &read(actors)?,
            &agents.display().to_string(),
            &read(agents)?,
        )
    }

    /// Add the entries of the PETRARCH actor file at `path` (a user's `*.actors.txt`).
    pub fn read_actors_file(&mut self, path: &Path) -> Result<(), Error> {
        self.add_actors(&path.display().to_string(), &read(path)?)
    }

    /// Add the entries of the PETRARCH agent file at `path` (a user's `*.agents.txt`): they
    /// compose with the actors of PETRARCH actor files, as in PETRARCH.
    pub fn read_agents_file(&mut self, path: &Path) -> Result<(), Error> {
        self.add_agents(&path.display().to_string(), &read(path)?)
    }

    /// Whether no actor entry was read (agents alone name no actor).
    pub fn has_no_actors(&self) -> bool {
        self.actors.is_empty()
    }

    /// Add the entries of a PETRARCH actor file.
    fn add_actors(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for entry in parse_actors(file, text)?.entries {
            let a = self.actors.len();
            for name in &entry.names {
                self.insert(words_of(&name.text), Entry::Actor(a));
            }
            self.actors.push(entry);
        }
        Ok(())
    }

    /// Add the entries of a PETRARCH agent file. An agent without listed plurals also matches
    /// its regular plural ("governments"), unless its line says `{}` (no plural: "POLICE {}"
    /// must not match "polices"), a difference the reader's entries do not keep, so it is read
    /// from the entry's line. An agent without a code is an error here, not an issue: it would
    /// silently code nothing.
    fn add_agents(&mut self, file: &str, text: &str) -> Result<(), Error> {
        let parsed = parse_agents(file, text)?;
        if let Some(issue) = parsed.issues.iter().find(|i| i.contains("without a code")) {
            // The issue reads "file:line: message".
            let rest = issue.strip_prefix(file).and_then(|r| r.strip_prefix(':')).unwrap_or(issue);
            let (line, message) = rest.split_once(": ").unwrap_or(("0", rest));
            let message = format!(
                "{message} (write [~CODE] after the phrase, or [CODE~] for an agent before the country)"
            );
            return Err(err(file, line.parse().unwrap_or(0), message));
        }
        let lines: Vec<&str> = text.lines().collect();
        let no_plural = |line: usize| {
            lines.get(line.wrapping_sub(1)).is_some_and(|l| {
                let l = l.split('#').next().unwrap_or("");
                l.find('{').is_some_and(|i| l[i + 1..].trim_start().starts_with('}'))
            })
        };
        for agent in parsed.entries {
            let words = words_of(&agent.phrase.text);
            let prefix = agent.position == AgentPosition::Prefix;
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

    /// Add the entries of `other`.
    pub(crate) fn extend(&mut self, other: PetrarchActors) {
        let offset = self.actors.len();
        self.actors.extend(other.actors);
        for (key, entries) in other.by_first {
            let list = self.by_first.entry(key).or_default();
            list.extend(entries.into_iter().map(|(words, e)| match e {
                Entry::Actor(a) => (words, Entry::Actor(a + offset)),
                agent => (words, agent),
            }));
        }
    }

    fn insert(&mut self, words: Vec<String>, e: Entry) {
        if let Some(first) = words.first() {
            let key: String = first.trim_end_matches('_').chars().take(3).collect();
            self.by_first.entry(key).or_default().push((words, e));
        }
    }

    /// Longest dictionary entry starting at word `k` of `forms`; an actor wins a tie.
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

    /// Actor mentions of every parsed sentence of `text`: dictionary matches composed over the
    /// noun phrases of the parse, with codes for `date` (undated codes only without one).
    pub(crate) fn mentions(
        &self,
        text: &str,
        sentences: &[dyad_core::Sentence],
        tokens: &[dyad_core::Token],
        date: Option<NaiveDate>,
    ) -> Vec<dyad_core::Mention> {
        let mut mentions = Vec::new();
        for s in sentences {
            let (a, b) = (s.tokens.0 as usize, s.tokens.1 as usize);
            let Some(toks) = tokens.get(a..b) else { continue };
            let forms: Vec<String> = toks.iter().map(|t| text[t.span.range()].to_uppercase()).collect();
            // Matches: (first token, length, entry), leftmost-longest.
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
            mentions.extend(compose(toks, &forms, &found, self, date));
        }
        mentions
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
fn nominal_word(t: &dyad_core::Token, form: &str) -> bool {
    use dyad_core::Upos;
    matches!(t.upos, Upos::NOUN | Upos::PROPN | Upos::ADJ | Upos::DET | Upos::NUM)
        || (t.upos == Upos::PART && matches!(form, "'S" | "'"))
}

/// A function word, never the head of a dictionary phrase.
fn function_word(t: &dyad_core::Token) -> bool {
    use dyad_core::Upos;
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
fn merge_nominal_runs(groups: &mut Vec<Group>, toks: &[dyad_core::Token], forms: &[String]) {
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

/// The mentions of one sentence (`toks`, upper-case `forms`) from its dictionary matches.
fn compose(
    toks: &[dyad_core::Token],
    forms: &[String],
    found: &[(usize, usize, &Entry)],
    dict: &PetrarchActors,
    date: Option<NaiveDate>,
) -> Vec<dyad_core::Mention> {
    use dyad_core::{Actor, Mention, MentionKind, Span, Upos};
    let n = toks.len();
    let head = |k: usize| toks[k].head.and_then(|h| (h as usize).checked_sub(1)).filter(|&h| h < n);
    let prep_of = |k: usize| {
        (0..n).find(|&c| head(c) == Some(k) && toks[c].deprel == "case" && c < k).map(|c| forms[c].as_str())
    };
    // The noun-phrase head of a token.
    let np_head = |k: usize| -> usize {
        let mut at = k;
        for _ in 0..32 {
            let Some(h) = head(at) else { break };
            if np_internal(&toks[at].deprel, prep_of(at)) && !matches!(toks[h].upos, Upos::VERB) {
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
                if let Some(code) = dict.actors[*a].code_on(date) {
                    g.actors.push((k, code.to_string()));
                }
            }
            Entry::Agent(code, prefix) => g.agents.push((k, code.clone(), *prefix)),
        }
    }
    // A parse may split one name phrase into pieces with heads of their own ("Bree" and
    // "Prime Minister Romendacil" both subjects): neighbouring groups joined only by nominal
    // words are one phrase when they name at most one country.
    merge_nominal_runs(&mut groups, toks, forms);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn entries_synonyms_and_dated_codes() {
        let text = "<!-- header\n still comment -->\nGOLLUM  # pas\n+SMEAGOL\n+STINKER_\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n#\t[950601-990815]\n\t[HOBREB > 990816]\nNORTH_KOREA_ [PRK]\n";
        let f = parse_actors("t.txt", text).unwrap();
        assert_eq!(f.entries.len(), 2);
        let g = &f.entries[0];
        assert_eq!(
            g.names.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
            ["GOLLUM", "SMEAGOL", "STINKER"]
        );
        assert!(g.names[0].stem && !g.names[2].stem);
        assert_eq!(g.codes.len(), 3);
        assert_eq!(g.code_on(Some(d(1994, 1, 1))), Some("HOB"));
        assert_eq!(g.code_on(Some(d(1995, 6, 1))), Some("HOBGOV"));
        assert_eq!(g.code_on(Some(d(2001, 1, 1))), Some("HOBREB"));
        assert_eq!(f.entries[1].code_on(None), Some("PRK"));
        assert!(f.issues.is_empty(), "{:?}", f.issues);
    }

    #[test]
    fn structural_errors_name_the_line() {
        let e = parse_actors("a.txt", "# c\n+ORPHAN\n").unwrap_err();
        assert_eq!(e.to_string(), "a.txt:2: synonym ('+') before any entry");
        let e = parse_actors("a.txt", "RUSSIA [RUS\n").unwrap_err();
        assert!(matches!(e, Error::BadLine { line: 1, .. }), "{e:?}");
        let f = parse_actors("a.txt", "X [XXX 2004017-20061201]\n").unwrap();
        assert_eq!(f.issues.len(), 2, "bad date and then no code: {:?}", f.issues);
    }

    #[test]
    fn agents_with_plurals_positions_and_macros() {
        let text = "!PERSON! = MAN, WOMAN\nPOLICE {} [ ~COP] # x\nCONGRESS!PERSON! [~LEG]\nHUMAN_RIGHTS_BODY  [NGO~]\nGOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\n";
        let f = parse_agents("ag.txt", text).unwrap();
        let phrases: Vec<_> = f.entries.iter().map(|e| e.phrase.text.as_str()).collect();
        assert_eq!(phrases, ["POLICE", "CONGRESSMAN", "CONGRESSWOMAN", "HUMAN RIGHTS BODY", "GOLDEN GOOSE"]);
        assert_eq!(f.entries[0].code, "COP");
        assert_eq!(f.entries[3].position, AgentPosition::Prefix);
        assert_eq!(f.entries[4].plurals[0].text, "GOLDEN GEESE");
        let f = parse_agents("ag.txt", "!A! = X, !A!\nWORK!A! [~LAB]\n").unwrap();
        assert!(f.issues[0].starts_with("ag.txt:1: a macro's values"), "{:?}", f.issues);
        assert_eq!(f.entries[0].phrase.text, "WORK!A!");
    }

    #[test]
    fn reads_the_published_dictionaries() {
        let Some(dir) = dyad_core::testdata::shared_path("reference/event-coding/petrarch2/dictionaries")
        else {
            return;
        };
        let v = read_actors(&dir.join("PETR.Validate.actors.txt")).unwrap();
        let find = |f: &ActorFile, name: &str| {
            f.entries.iter().find(|e| e.names.iter().any(|n| n.text == name)).cloned()
        };
        let g = find(&v, "SMEAGOL").expect("GOLLUM entry");
        assert_eq!(g.code_on(Some(d(1997, 1, 1))), Some("HOBGOV"));
        assert_eq!(find(&v, "DANISH").unwrap().code_on(None), Some("DNK"));

        let c = read_actors(&dir.join("Phoenix.Countries.actors.txt")).unwrap();
        assert!(c.entries.len() > 15_000, "{}", c.entries.len());
        let putin = find(&c, "VLADIMIR PUTIN").unwrap();
        assert_eq!(putin.code_on(Some(d(2014, 1, 1))), Some("RUSGOV"));
        assert_eq!(putin.code_on(Some(d(1990, 1, 1))), Some("RUSELI"));
        assert_eq!(find(&c, "NORTH KOREA").unwrap().code_on(None), Some("PRK"));

        let i = read_actors(&dir.join("Phoenix.International.actors.txt")).unwrap();
        assert_eq!(find(&i, "UN").unwrap().code_on(None), Some("IGOUNO"));
        // The published file has one malformed date ("2004017"): reported, not fatal.
        assert!(i.issues.iter().any(|s| s.contains("2004017")));
        read_actors(&dir.join("Phoenix.MilNonState.actors.txt")).unwrap();

        let a = read_agents(&dir.join("Phoenix.agents.txt")).unwrap();
        assert!(a.entries.len() > 1500);
        assert!(a.issues.iter().any(|s| s.contains(":544: unclosed '['")), "{:?}", a.issues);
        let troops =
            a.entries.iter().find(|e| e.phrase.text == "TROOPS" || e.phrase.text == "TROOP").unwrap();
        assert_eq!(troops.code, "MIL");
        let va = read_agents(&dir.join("PETR.Validate.agents.txt")).unwrap();
        assert!(va.entries.iter().any(|e| e.phrase.text == "MINISTER OF SILLY WALKS" && e.code == "GOV"));
    }

    /// Text, one sentence and its tokens from CoNLL-U-like rows ("ID FORM LEMMA UPOS XPOS _
    /// HEAD DEPREL"), the forms joined by spaces.
    fn parsed(rows: &[&str]) -> (String, Vec<dyad_core::Sentence>, Vec<dyad_core::Token>) {
        let mut text = String::new();
        let mut tokens = Vec::new();
        for r in rows {
            let c: Vec<&str> = r.split(' ').collect();
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(c[1]);
            tokens.push(dyad_core::Token {
                span: dyad_core::Span::new(start, text.len()),
                upos: dyad_core::Upos::parse(c[3]).unwrap(),
                xpos: c[4].into(),
                lemma: c[2].into(),
                head: c[6].parse().ok(),
                deprel: c[7].into(),
            });
        }
        let sentence = dyad_core::Sentence {
            span: dyad_core::Span::new(0, text.len()),
            tokens: (0, tokens.len() as u32),
        };
        (text, vec![sentence], tokens)
    }

    fn codes(dict: &PetrarchActors, rows: &[&str], on: NaiveDate) -> Vec<String> {
        let (text, sentences, tokens) = parsed(rows);
        dict.mentions(&text, &sentences, &tokens, Some(on))
            .into_iter()
            .map(|m| m.actors[0].code.clone())
            .collect()
    }

    #[test]
    fn petrarch_actors_compose_with_agents_dates_and_plurals() {
        let mut dict = PetrarchActors::default();
        dict.add_actors(
            "a.txt",
            "ARNOR_ [ARN]\n+ARNORIAN\nERIADOR [ERI]\nSLINKER\n\t[HOBGOV 19950101 - 19951231]\n\t[HOB]\n",
        )
        .unwrap();
        dict.add_agents("g.txt", "!P! = MAN, MEN\nGOVERNMENT [~GOV]\nMSF {} [NGO~]\nLAW!P! [~LEG]\n")
            .unwrap();
        let rows = [
            "1 The the DET DT _ 3 det _ _",
            "2 Eriadorian Eriadorian ADJ JJ _ 3 amod _ _",
            "3 governments government NOUN NNS _ 4 nsubj _ _",
            "4 met meet VERB VBD _ 0 root _ _",
            "5 Slinker Slinker PROPN NNP _ 4 obj _ _",
            "6 and and CCONJ CC _ 7 cc _ _",
            "7 lawmen lawman NOUN NNS _ 5 conj _ _",
        ];
        // "lawmen" has no actor of its own: it takes the one it is conjoined to.
        assert_eq!(codes(&dict, &rows, d(1995, 6, 1)), ["ERIGOV", "HOBGOV", "HOBGOVLEG"]);
        assert_eq!(codes(&dict, &rows, d(1999, 6, 1))[1], "HOB");
        assert!(dict.add_actors("bad.txt", "+ORPHAN\n").unwrap_err().to_string().starts_with("bad.txt:1:"));
        assert!(dict.add_agents("bad.txt", "NOCODE\n").unwrap_err().to_string().starts_with("bad.txt:1:"));
    }

    /// A parse that splits one name phrase ("Bree" and "Prime Minister Romendacil" both subjects,
    /// the title as `nmod:desc`) still composes the country with the title; two countries side
    /// by side stay apart.
    #[test]
    fn a_name_phrase_split_by_the_parse_composes_whole() {
        let dict = PetrarchActors::parse(
            "a.txt",
            "BREE_ [BRE]\nGONDOR_ [GON]\n",
            "g.txt",
            "PRIME_MINISTER [~GOV]\n",
        )
        .unwrap();
        let on = d(1995, 6, 1);
        let split = [
            "1 Bree Bree PROPN NNP _ 5 nsubj _ _",
            "2 Prime prime ADJ JJ _ 3 amod _ _",
            "3 Minister minister PROPN NNP _ 4 nmod:desc _ _",
            "4 Romendacil Romendacil PROPN NNP _ 5 nsubj _ _",
            "5 met meet VERB VBD _ 0 root _ _",
            "6 Gondor Gondor PROPN NNP _ 5 obj _ _",
        ];
        assert_eq!(codes(&dict, &split, on), ["BREGOV", "GON"]);
        let side_by_side = [
            "1 Bree Bree PROPN NNP _ 3 nsubj _ _",
            "2 Gondor Gondor PROPN NNP _ 3 nsubj _ _",
            "3 met meet VERB VBD _ 0 root _ _",
        ];
        assert_eq!(codes(&dict, &side_by_side, on), ["BRE", "GON"]);
    }

    /// `{}` after an agent means it has no plural; without braces the regular plural matches.
    #[test]
    fn agents_take_regular_plurals_unless_told_none() {
        let dict =
            PetrarchActors::parse("a.txt", "GONDOR_ [GON]\n", "g.txt", "POLICE {} [~COP]\nSOLDIER [~MIL]\n")
                .unwrap();
        let code = |noun: &str| {
            let first = "1 Gondor Gondor NOUN NN _ 2 compound _ _".to_string();
            let second = format!("2 {noun} {noun} NOUN NN _ 0 root _ _");
            codes(&dict, &[&first, &second], d(1995, 6, 1)).first().cloned().unwrap_or_default()
        };
        assert_eq!(code("soldiers"), "GONMIL");
        assert_eq!(code("police"), "GONCOP");
        assert_eq!(code("polices"), "GON");
    }
}

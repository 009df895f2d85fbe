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
//! stop reading with the file and line; doubtful content (a malformed date, a phrase listed
//! twice, a malformed one-line agent) is kept out and reported in `issues`.

use crate::tsv::DictError;
use chrono::NaiveDate;
use std::path::Path;

/// One actor code, valid between two dates when restricted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    /// As written: "PRK", "RUSGOV", "FRO/BIL/SAM" (several), "---" (no actor).
    pub code: String,
    /// First day the code applies (inclusive).
    pub from: Option<NaiveDate>,
    /// Last day the code applies (inclusive).
    pub to: Option<NaiveDate>,
}

impl DatedCode {
    pub fn applies_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

/// A phrase as written in a TABARI dictionary, made readable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// Words separated by single spaces, in the file's case ("NORTH KOREA").
    pub text: String,
    /// Written without a final `_`: matches any word that starts with the last word.
    pub stem: bool,
}

#[derive(Debug, Clone)]
pub struct ActorEntry {
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
    pub fn code_on(&self, date: Option<NaiveDate>) -> Option<&str> {
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

#[derive(Debug, Clone, Default)]
pub struct ActorFile {
    pub entries: Vec<ActorEntry>,
    /// Problems that did not stop reading, as `file:line: message`.
    pub issues: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentPosition {
    /// `[~GOV]`: the agent code is appended to the country ("Russian government" → RUSGOV).
    Suffix,
    /// `[NGO~]`: the agent code comes first.
    Prefix,
}

#[derive(Debug, Clone)]
pub struct AgentEntry {
    pub phrase: Phrase,
    /// Irregular plurals from `{…}`; `{}` means "no plural".
    pub plurals: Vec<Phrase>,
    pub code: String,
    pub position: AgentPosition,
    pub line: usize,
}

#[derive(Debug, Clone, Default)]
pub struct AgentFile {
    pub entries: Vec<AgentEntry>,
    pub issues: Vec<String>,
}

/// Read a TABARI/PETRARCH actor dictionary.
pub fn read_actors(path: &Path) -> Result<ActorFile, DictError> {
    let text = read(path)?;
    parse_actors(&path.display().to_string(), &text)
}

/// Read a TABARI/PETRARCH agent dictionary.
pub fn read_agents(path: &Path) -> Result<AgentFile, DictError> {
    let text = read(path)?;
    parse_agents(&path.display().to_string(), &text)
}

fn read(path: &Path) -> Result<String, DictError> {
    let bytes = std::fs::read(path).map_err(|e| DictError {
        file: path.display().to_string(),
        line: 0,
        message: format!("cannot read: {e}"),
    })?;
    // Some published dictionaries hold Latin-1 bytes; keep going with replacement characters.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn err(file: &str, line: usize, message: impl Into<String>) -> DictError {
    DictError { file: file.to_string(), line, message: message.into() }
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
) -> Result<(&'a str, Option<&'a str>), DictError> {
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

/// Parse "CODE", "CODE >DATE", "CODE <DATE", "CODE DATE-DATE" (spaces optional).
fn dated_code(body: &str) -> Result<DatedCode, String> {
    let body = body.trim();
    let (code, restriction) = match body.find(char::is_whitespace) {
        Some(at) => (&body[..at], body[at..].trim()),
        None => (body, ""),
    };
    let mut dc = DatedCode { code: code.to_string(), from: None, to: None };
    if code.is_empty() {
        return Err("empty code".into());
    }
    if restriction.is_empty() {
        return Ok(dc);
    }
    let bad = || format!("malformed date restriction {restriction:?}");
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
pub fn parse_actors(file: &str, text: &str) -> Result<ActorFile, DictError> {
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
pub fn parse_agents(file: &str, text: &str) -> Result<AgentFile, DictError> {
    let mut out = AgentFile::default();
    let mut macros: Vec<(String, Vec<String>)> = Vec::new();
    for (line, content) in content_lines(text) {
        let trimmed = content.trim();
        if trimmed.starts_with('!') && trimmed.contains('=') {
            let (name, values) = trimmed.split_once('=').unwrap_or((trimmed, ""));
            let values = values.split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
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
        assert_eq!(e.line, 1);
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
}

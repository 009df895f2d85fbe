//! dyad's own actor dictionary: the files of `data/actors/`, their validation, and the surface
//! forms the recogniser matches.
//!
//! Every file is TSV (see [`crate::tsv`]); `data/actors/README.md` documents the columns. A
//! syntax error stops loading with the file and line. Duplicate and conflicting surface forms
//! and overlapping office terms do not stop loading but are returned as [`Dictionary::issues`]
//! (the first entry wins), so nothing is merged without a report.

use crate::error::Error;
use crate::fnv::{FastMap, FastSet};
use crate::tsv::rows;
use chrono::NaiveDate;
use std::path::Path;

/// The files of a dictionary, in load order. The first five are required.
pub const FILES: [&str; 9] = [
    "countries.tsv",
    "organizations.tsv",
    "agents.tsv",
    "people.tsv",
    "offices.tsv",
    "nominals.tsv",
    "places.tsv",
    "ner_cues.tsv",
    "first_names.tsv",
];
const REQUIRED: usize = 5;

/// The converted Phoenix files (`data/actors/phoenix/`, made by `tools/gen_actor_phoenix.py`),
/// loaded after dyad's own: a surface form or person dyad already has keeps dyad's entry.
/// (`phoenix/agents.tsv` is converted but not loaded: see its README.)
pub const PHOENIX_FILES: [&str; 3] =
    ["phoenix/organizations.tsv", "phoenix/people.tsv", "phoenix/offices.tsv"];
/// The folder of [`PHOENIX_FILES`]; files under it are a secondary source.
const SECONDARY_DIR: &str = "phoenix/";

/// A country; its names are surface forms.
#[derive(Debug, Clone)]
pub struct Country {
    /// CAMEO country code ("RUS", "PRK").
    pub code: String,
}

#[derive(Debug, Clone)]
pub struct Org {
    /// Full CAMEO code ("IGOUNO", "RUSMED").
    pub code: String,
    /// igo, ngo, media, group, party, business, gov.
    pub kind: String,
    pub name: String,
    /// Dated codes (`offices.tsv`): a party in opposition is `OPP` for those years
    /// ("Conservative Party", GBROPP from 1997 to 2010), its own code otherwise.
    pub terms: Vec<Term>,
}

impl Org {
    /// The organisation's code on `date` (a document's, or the era of an undated one): that of
    /// the term covering it, else its own. Undated text takes the term still running, as a
    /// person takes their current office: a party in opposition now is OPP ("the Liberal
    /// Democrat leader" of a story with no date and no era).
    pub fn code_on(&self, date: Option<NaiveDate>) -> &str {
        let term = match date {
            Some(d) => self.terms.iter().find(|t| t.covers(d)),
            None => self.terms.iter().find(|t| t.to.is_none()),
        };
        term.map_or(self.code.as_str(), |t| t.code.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentKind {
    /// A body of people: "government", "troops", "Ministry of Foreign Affairs".
    Group,
    /// A role one person holds: "Foreign Minister", "President".
    Person,
    /// A stand-in for the country itself: "side" ("the Russian side").
    Side,
}

#[derive(Debug, Clone)]
pub struct Agent {
    /// CAMEO agent code ("GOV", "MIL"); empty for [`AgentKind::Side`].
    pub code: String,
    pub kind: AgentKind,
    /// The word as written in the dictionary.
    pub word: String,
    /// A body of people that is an actor without a determiner too ("Libya freed 37
    /// prisoners"): kind `bare group` in `agents.tsv`.
    pub bare: bool,
}

/// One office a person held (the role column of `offices.tsv` documents it for readers; the
/// code says it all to the coder).
#[derive(Debug, Clone)]
pub struct Term {
    /// Actor code while in office ("RUSGOV").
    pub code: String,
    /// First day in office, if known.
    pub from: Option<NaiveDate>,
    /// Last day in office, if it ended.
    pub to: Option<NaiveDate>,
    /// Where the term is on public record (the `source` column of `offices.tsv`), if given.
    pub source: Option<std::sync::Arc<str>>,
}

impl Term {
    /// Whether day `d` falls within the term (open ends cover every day on their side).
    pub fn covers(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|e| d <= e)
    }
}

#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    /// Country code used when no office term covers the document date.
    pub country: String,
    /// Where the person's entry is on public record (the `source` column of `people.tsv`),
    /// if given; each term has its own.
    pub source: Option<std::sync::Arc<str>>,
    pub terms: Vec<Term>,
}

impl Person {
    /// The actor code of this person on `date`: the term that covers it, else (no date) the
    /// current or latest term, else the bare country.
    pub fn code_on(&self, date: Option<NaiveDate>) -> String {
        self.term_on(date).map_or_else(|| self.country.clone(), |t| t.code.clone())
    }

    /// The actor code of this person for `date`, which is the document's own date, or (`era`)
    /// one inferred from an undated text. For an era: the term that covers it; before the
    /// person's first term, the bare country (not yet in office); after it, as for undated text
    /// (the latest term).
    pub fn code_for(&self, date: Option<NaiveDate>, era: bool) -> String {
        match date {
            Some(d)
                if era
                    && self.term_on(date).is_none()
                    && !self.terms.iter().all(|t| t.from.is_some_and(|f| d < f)) =>
            {
                self.code_on(None)
            }
            _ => self.code_on(date),
        }
    }

    /// The term that gives this person's code on `date` ([`Person::code_on`]), if any.
    pub fn term_on(&self, date: Option<NaiveDate>) -> Option<&Term> {
        match date {
            Some(d) => self.terms.iter().find(|t| t.covers(d)),
            None => self
                .terms
                .iter()
                .find(|t| t.to.is_none())
                .or_else(|| self.terms.iter().max_by_key(|t| t.from)),
        }
    }
}

/// What a nominal or pronoun refers to, decided by coreference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NominalKind {
    /// he, she, his, her.
    Person,
    /// they, them, their.
    Plural,
    /// it, its.
    Thing,
    /// "the two countries", "both sides": the last two countries.
    Pair,
    /// "the alliance": the last group or alliance.
    Group,
    /// "the regime", "the country": the last country, composed with the code column.
    Country,
    /// "the statement", "the bulletin": whoever (an organisation) last announced something.
    Statement,
    /// "the North": a fixed code, valid only after one of the context countries.
    Context,
    /// "and its allies": joins the actor just before it into a group.
    Allies,
}

#[derive(Debug, Clone)]
pub struct Nominal {
    pub form: String,
    pub kind: NominalKind,
    /// Agent code to compose with (Country) or the fixed code (Context).
    pub code: String,
    /// Countries one of which must be mentioned earlier (Context).
    pub context: Vec<String>,
}

/// A place that names no actor (a city, a region): typed LOC, never coded.
#[derive(Debug, Clone)]
pub struct Place {
    /// Its name as listed.
    pub name: String,
}

/// How a country is named by a surface form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryForm {
    Name,
    Adjective,
    /// The capital city, a metonym for the government ("Pyongyang").
    Capital,
    /// A seat of power ("the Kremlin", "the White House").
    Seat,
}

/// What a surface form names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Country(u32, CountryForm),
    Org(u32),
    Agent(u32),
    Person(u32),
    Nominal(u32),
    Place(u32),
}

/// Types the capitalised-span finder uses, from `ner_cues.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueType {
    Per,
    Org,
    Loc,
    /// Not a name: a common word that only looks like one at a sentence start ("According").
    None,
}

/// Where a cue word sits relative to an unknown capitalised span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CuePosition {
    /// The last word of the span ("University", "River").
    Head = 0,
    /// The word just before the span ("in", "Mr.").
    Before = 1,
    /// The first word of the span ("Lake", "Mount", "Fort").
    First = 2,
}

/// A surface form and what it names.
#[derive(Debug, Clone)]
pub struct Form {
    /// The text matched, case-sensitively.
    pub text: String,
    /// What it names.
    pub target: Target,
}

/// A loaded dictionary: entries, and the surface forms that name them.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    pub countries: Vec<Country>,
    pub orgs: Vec<Org>,
    pub agents: Vec<Agent>,
    pub people: Vec<Person>,
    pub nominals: Vec<Nominal>,
    pub places: Vec<Place>,
    pub forms: Vec<Form>,
    /// Cue words by position: [head, before, first].
    pub cues: [FastMap<String, CueType>; 3],
    pub first_names: FastSet<String>,
    /// Duplicates, conflicts and overlapping terms found while loading.
    pub issues: Vec<String>,
    /// Surface forms and people of the secondary (Phoenix) files left out because dyad's own
    /// files already name them: expected, so counted rather than reported.
    pub overridden: usize,
    /// Codes of the organisations of kind `alliance`, for coreference ("the alliance").
    pub alliances: FastSet<String>,
    /// Surname (the last word of the name) -> the people with it who hold some dated office,
    /// for "Mr Blair" in a story that never names him in full.
    pub office_holders_by_surname: FastMap<String, Vec<u32>>,
    /// Index in `forms` of the first form of a secondary file (`forms.len()` if none): the
    /// matcher looks those up by word instead of putting them in its automaton.
    pub first_secondary_form: usize,
}

/// The dictionary files that ship with dyad, compiled in.
pub fn builtin_sources() -> Vec<(&'static str, &'static str)> {
    macro_rules! file {
        ($name:literal) => {
            ($name, include_str!(concat!("../../../data/actors/", $name)))
        };
    }
    vec![
        file!("countries.tsv"),
        file!("organizations.tsv"),
        file!("agents.tsv"),
        file!("people.tsv"),
        file!("offices.tsv"),
        file!("nominals.tsv"),
        file!("places.tsv"),
        file!("ner_cues.tsv"),
        file!("first_names.tsv"),
        file!("phoenix/organizations.tsv"),
        file!("phoenix/people.tsv"),
        file!("phoenix/offices.tsv"),
    ]
}

impl Dictionary {
    /// The dictionary that ships with dyad.
    pub fn builtin() -> Result<Dictionary, Error> {
        Dictionary::from_sources(&builtin_sources())
    }

    /// Read the files of [`FILES`] from `dir` (the first five must exist), then those of
    /// [`PHOENIX_FILES`] that exist.
    pub fn load_dir(dir: &Path) -> Result<Dictionary, Error> {
        let mut texts = Vec::new();
        for (i, name) in FILES.iter().chain(PHOENIX_FILES.iter()).enumerate() {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => texts.push((path.display().to_string(), *name, text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && i >= REQUIRED => {}
                Err(source) => return Err(Error::Read { path, source }),
            }
        }
        let mut b = Builder::default();
        for (shown, name, text) in &texts {
            b.file(shown, name, text)?;
        }
        b.finish()
    }

    /// A user's files, `(path shown in errors, file name, contents)` with file names of
    /// [`FILES`], loaded before the shipped ones when `builtin` is set: a surface form, person
    /// or cue word of the user's wins over the shipped one without a report (counted in
    /// `overridden`). No file is required; an office may name a person of the shipped files.
    pub fn layered(user: &[(String, String, String)], builtin: bool) -> Result<Dictionary, Error> {
        let mut b = Builder { tier: Tier::User, ..Builder::default() };
        for (shown, name, text) in user {
            if !FILES.contains(&name.as_str()) {
                return Err(Error::UnknownFile { file: shown.clone(), name: name.clone() });
            }
            b.file(shown, name, text)?;
        }
        if builtin {
            b.tier = Tier::Own;
            for (name, text) in builtin_sources() {
                b.file(name, name, text)?;
            }
        }
        b.finish()
    }

    /// Build from `(file name, contents)` pairs; the file name selects the parser.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Dictionary, Error> {
        let mut b = Builder::default();
        for (name, text) in sources {
            b.file(name, name, text)?;
        }
        b.finish()
    }

    /// The type a cue word gives at a position, if it is one.
    pub fn cue(&self, pos: CuePosition, word: &str) -> Option<CueType> {
        self.cues[pos as usize].get(word).copied()
    }

    pub fn target_name(&self, t: Target) -> String {
        match t {
            Target::Country(i, _) => self.countries[i as usize].code.clone(),
            Target::Org(i) => self.orgs[i as usize].code.clone(),
            Target::Agent(i) => format!("agent {}", self.agents[i as usize].word),
            Target::Person(i) => self.people[i as usize].name.clone(),
            Target::Nominal(i) => format!("nominal {}", self.nominals[i as usize].form),
            Target::Place(i) => format!("place {}", self.places[i as usize].name),
        }
    }
}

/// Which source a file belongs to; a lower tier wins a conflict with a higher one without a
/// report (an override is expected), while a conflict inside one tier is reported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Tier {
    /// A user's own dictionary files, loaded at code time before the shipped ones.
    User,
    /// dyad's own files (`data/actors/*.tsv`).
    #[default]
    Own,
    /// The converted Phoenix files (`data/actors/phoenix/`).
    Secondary,
}

/// Where a surface form was first written.
#[derive(Clone, Copy)]
struct Seen {
    target: Target,
    /// Index into [`Builder::files`].
    file: u32,
    line: u32,
    tier: Tier,
}

/// Builds a [`Dictionary`] from file texts that outlive it: bookkeeping borrows from them, so
/// loading leaves no garbage scattered through the heap among the dictionary's own data (which
/// made every later allocation of recognition slower).
#[derive(Default)]
struct Builder<'a> {
    d: Dictionary,
    /// Where each explicit form was first written (and whether in a secondary file), for
    /// duplicate reports.
    seen: FastMap<&'a str, Seen>,
    /// Names of the files read so far, indexed by [`Seen::file`].
    files: Vec<&'a str>,
    /// Whether the file being read is a secondary source (`phoenix/…`): its entries give way
    /// to dyad's own without a report.
    secondary: bool,
    /// The tier of the file being read.
    tier: Tier,
    /// People of a tier left out because a lower tier's files list them: their offices in
    /// that tier are left out too.
    skipped_people: FastSet<(Tier, &'a str)>,
    /// The tier of each person, by index in `d.people`.
    person_tier: Vec<Tier>,
    /// Cue words a user's file typed (position, word): the shipped files do not retype them.
    user_cues: FastSet<(usize, String)>,
    /// Where the forms of the first secondary file start.
    first_secondary: Option<usize>,
    person_index: FastMap<&'a str, u32>,
    /// Offices waiting for all people to be read: (file, line, person name, term, whether
    /// from a secondary file).
    offices: Vec<(&'a str, usize, &'a str, Term, bool)>,
    /// Source texts read so far, shared by the terms that cite them.
    sources: FastMap<&'a str, std::sync::Arc<str>>,
}

fn err(file: &str, line: usize, problem: impl Into<String>) -> Error {
    Error::bad_line(file, line, problem)
}

fn is_code(s: &str) -> bool {
    !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// A date bound: YYYY, YYYY-MM or YYYY-MM-DD; `end` picks the last day of a partial date.
pub fn parse_date(s: &str, end: bool) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().ok();
    let year = num(parts.first()?)? as i32;
    match parts.len() {
        1 => NaiveDate::from_ymd_opt(year, if end { 12 } else { 1 }, if end { 31 } else { 1 }),
        2 => {
            let m = num(parts[1])?;
            let first = NaiveDate::from_ymd_opt(year, m, 1)?;
            if end {
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(year, m + 1, 1)?
                };
                next.pred_opt()
            } else {
                Some(first)
            }
        }
        3 => NaiveDate::from_ymd_opt(year, num(parts[1])?, num(parts[2])?),
        _ => None,
    }
}

/// Lowercase words get their capitalised and title-case variants (sentence starts, headings).
fn case_variants(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let cap = capitalise(word);
    if cap != word {
        out.push(cap);
    }
    let title: Vec<String> = word
        .split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && matches!(w, "of" | "the" | "and" | "for" | "on" | "in") {
                w.to_string()
            } else {
                // Each part of a hyphenated word: "Vice-President", "Ex-President".
                w.split('-').map(capitalise).collect::<Vec<_>>().join("-")
            }
        })
        .collect();
    // A lowercase modifier before a title-case office: "former Prime Minister Ehud Olmert".
    let modified = match title.split_first() {
        Some((_, rest)) if !rest.is_empty() => {
            Some(format!("{} {}", word.split(' ').next().unwrap_or(""), rest.join(" ")))
        }
        _ => None,
    };
    let title = title.join(" ");
    for v in [Some(title), modified].into_iter().flatten() {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl<'a> Builder<'a> {
    fn file(&mut self, shown: &'a str, name: &str, text: &'a str) -> Result<(), Error> {
        self.secondary = name.starts_with(SECONDARY_DIR);
        if self.secondary {
            self.tier = Tier::Secondary;
        }
        if self.secondary && self.first_secondary.is_none() {
            self.first_secondary = Some(self.d.forms.len());
        }
        match name.strip_prefix(SECONDARY_DIR).unwrap_or(name) {
            "countries.tsv" => self.countries(shown, text),
            "organizations.tsv" => self.orgs(shown, text),
            "agents.tsv" => self.agents(shown, text),
            "people.tsv" => self.people(shown, text),
            "offices.tsv" => self.offices(shown, text),
            "nominals.tsv" => self.nominals(shown, text),
            "places.tsv" => self.places(shown, text),
            "ner_cues.tsv" => self.cues(shown, text),
            "first_names.tsv" => {
                for r in rows(shown, text, 1, 1)? {
                    self.d.first_names.insert(r.cols[0].to_string());
                }
                Ok(())
            }
            other => Err(Error::UnknownFile { file: shown.to_string(), name: other.to_string() }),
        }
    }

    fn add(&mut self, file: &'a str, line: usize, text: &'a str, target: Target) {
        if let Some(first) = self.seen.get(text).copied() {
            if self.tier > first.tier {
                self.d.overridden += 1;
                return;
            }
            let what = if first.target == target { "duplicate" } else { "conflict" };
            let msg = format!(
                "{file}:{line}: {what}: {text:?} already names {} ({}:{}); kept the first",
                self.d.target_name(first.target),
                self.files[first.file as usize],
                first.line
            );
            self.d.issues.push(msg);
            return;
        }
        if self.files.last().is_none_or(|f| *f != file) {
            self.files.push(file);
        }
        let seen = Seen { target, file: (self.files.len() - 1) as u32, line: line as u32, tier: self.tier };
        self.seen.insert(text, seen);
        self.d.forms.push(Form { text: text.to_string(), target });
        // Typographic apostrophes: "People’s Republic" as well as "People's Republic".
        if text.contains('\'') {
            let curly = text.replace('\'', "’");
            if !self.seen.contains_key(curly.as_str()) {
                self.d.forms.push(Form { text: curly, target });
            }
        }
    }

    fn add_variants(&mut self, file: &'a str, line: usize, word: &'a str, target: Target) {
        self.add(file, line, word, target);
        for v in case_variants(word).into_iter().skip(1) {
            if !self.seen.contains_key(v.as_str()) {
                self.d.forms.push(Form { text: v, target });
            }
        }
    }

    fn countries(&mut self, file: &'a str, text: &'a str) -> Result<(), Error> {
        // code, name, aliases, adjectives, capitals, seats, native
        for r in rows(file, text, 2, 7)? {
            let code = r.cols[0];
            // Territories carry their country's code and their own: "PSEGZA", "USAGUM".
            if !is_code(code) || !(code.len() == 3 || code.len() == 6) {
                return Err(err(
                    file,
                    r.line,
                    format!("{code:?} is not a CAMEO country code (three or six letters)"),
                ));
            }
            let idx = self.d.countries.len() as u32;
            self.d.countries.push(Country { code: code.into() });
            let t = |f| Target::Country(idx, f);
            self.add(file, r.line, r.cols[1], t(CountryForm::Name));
            for (col, form) in [
                (2, CountryForm::Name),
                (3, CountryForm::Adjective),
                (4, CountryForm::Capital),
                (5, CountryForm::Seat),
                (6, CountryForm::Name),
            ] {
                for w in r.list(col) {
                    self.add(file, r.line, w, t(form));
                }
            }
        }
        Ok(())
    }

    fn orgs(&mut self, file: &'a str, text: &'a str) -> Result<(), Error> {
        // code, kind, name, aliases, native
        for r in rows(file, text, 3, 5)? {
            if !is_code(r.cols[0]) {
                return Err(err(file, r.line, format!("{:?} is not a CAMEO code", r.cols[0])));
            }
            let idx = self.d.orgs.len() as u32;
            self.d.orgs.push(Org {
                code: r.cols[0].into(),
                kind: r.cols[1].into(),
                name: r.cols[2].into(),
                terms: Vec::new(),
            });
            self.add(file, r.line, r.cols[2], Target::Org(idx));
            for col in [3, 4] {
                for w in r.list(col) {
                    self.add(file, r.line, w, Target::Org(idx));
                }
            }
        }
        Ok(())
    }

    fn agents(&mut self, file: &'a str, text: &'a str) -> Result<(), Error> {
        // code, kind, words
        for r in rows(file, text, 3, 3)? {
            let (kind, bare) = match r.cols[1] {
                "group" => (AgentKind::Group, false),
                "bare group" => (AgentKind::Group, true),
                "person" => (AgentKind::Person, false),
                "side" => (AgentKind::Side, false),
                k => {
                    return Err(err(
                        file,
                        r.line,
                        format!("unknown agent kind {k:?} (group, bare group, person, side)"),
                    ))
                }
            };
            let code = if r.cols[0] == "-" { "" } else { r.cols[0] };
            if !code.is_empty() && !is_code(code) {
                return Err(err(file, r.line, format!("{code:?} is not a CAMEO agent code")));
            }
            for w in r.list(2) {
                let idx = self.d.agents.len() as u32;
                self.d.agents.push(Agent { code: code.into(), kind, word: w.into(), bare });
                self.add_variants(file, r.line, w, Target::Agent(idx));
            }
        }
        Ok(())
    }

    fn people(&mut self, file: &'a str, text: &'a str) -> Result<(), Error> {
        // name, country, aliases, native, source
        for r in rows(file, text, 2, 5)? {
            if !is_code(r.cols[1]) {
                return Err(err(file, r.line, format!("{:?} is not a CAMEO country code", r.cols[1])));
            }
            let idx = self.d.people.len() as u32;
            if let Some(&known) = self.person_index.get(r.cols[0]) {
                if self.person_tier[known as usize] < self.tier {
                    // The entry of a lower tier (the user's, or dyad's own over Phoenix's)
                    // wins, with its terms.
                    self.skipped_people.insert((self.tier, r.cols[0]));
                    self.d.overridden += 1;
                    continue;
                }
            }
            if self.person_index.insert(r.cols[0], idx).is_some() {
                self.d
                    .issues
                    .push(format!("{file}:{}: duplicate: person {:?} listed twice", r.line, r.cols[0]));
            }
            self.person_tier.push(self.tier);
            let source = self.source(r.cols[4]);
            self.d.people.push(Person {
                name: r.cols[0].into(),
                country: r.cols[1].into(),
                source,
                terms: Vec::new(),
            });
            self.add(file, r.line, r.cols[0], Target::Person(idx));
            for col in [2, 3] {
                for w in r.list(col) {
                    self.add(file, r.line, w, Target::Person(idx));
                }
            }
        }
        Ok(())
    }

    fn offices(&mut self, file: &'a str, text: &'a str) -> Result<(), Error> {
        // person, code, role, from, to, source
        for r in rows(file, text, 3, 6)? {
            if !is_code(r.cols[1]) {
                return Err(err(file, r.line, format!("{:?} is not a CAMEO actor code", r.cols[1])));
            }
            let date = |col: usize, end: bool| -> Result<Option<NaiveDate>, Error> {
                let s = r.cols[col];
                if s.is_empty() {
                    return Ok(None);
                }
                parse_date(s, end).map(Some).ok_or_else(|| {
                    err(file, r.line, format!("{s:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))
                })
            };
            let (from, to) = (date(3, false)?, date(4, true)?);
            if let (Some(f), Some(t)) = (from, to) {
                if t < f {
                    return Err(err(file, r.line, format!("term ends ({t}) before it starts ({f})")));
                }
            }
            if self.skipped_people.contains(&(self.tier, r.cols[0])) {
                continue;
            }
            let term = Term { code: r.cols[1].into(), from, to, source: self.source(r.cols[5]) };
            self.offices.push((file, r.line, r.cols[0], term, self.secondary));
        }
        Ok(())
    }

    /// One shared copy of a source text; `None` for an empty column.
    fn source(&mut self, text: &'a str) -> Option<std::sync::Arc<str>> {
        if text.is_empty() {
            return None;
        }
        Some(self.sources.entry(text).or_insert_with(|| text.into()).clone())
    }

    fn nominals(&mut self, file: &'a str, text: &'a str) -> Result<(), Error> {
        // form, kind, code, context
        for r in rows(file, text, 2, 4)? {
            let kind = match r.cols[1] {
                "person" => NominalKind::Person,
                "plural" => NominalKind::Plural,
                "thing" => NominalKind::Thing,
                "pair" => NominalKind::Pair,
                "group" => NominalKind::Group,
                "country" => NominalKind::Country,
                "statement" => NominalKind::Statement,
                "context" => NominalKind::Context,
                "allies" => NominalKind::Allies,
                k => return Err(err(file, r.line, format!("unknown nominal kind {k:?}"))),
            };
            if kind == NominalKind::Context && (r.cols[2].is_empty() || r.list(3).is_empty()) {
                return Err(err(file, r.line, "a context nominal needs a code and context countries"));
            }
            let idx = self.d.nominals.len() as u32;
            self.d.nominals.push(Nominal {
                form: r.cols[0].into(),
                kind,
                code: r.cols[2].into(),
                context: r.list(3).into_iter().map(String::from).collect(),
            });
            // Pronouns and nominals are written lowercase; "the North" keeps its case.
            if r.cols[0].chars().any(char::is_uppercase) {
                self.add(file, r.line, r.cols[0], Target::Nominal(idx));
                let cap = capitalise(r.cols[0]);
                if !self.seen.contains_key(cap.as_str()) {
                    self.d.forms.push(Form { text: cap, target: Target::Nominal(idx) });
                }
            } else {
                self.add_variants(file, r.line, r.cols[0], Target::Nominal(idx));
            }
        }
        Ok(())
    }

    fn places(&mut self, file: &'a str, text: &'a str) -> Result<(), Error> {
        // name, country (documentation only: a place names no actor), aliases
        for r in rows(file, text, 1, 3)? {
            let idx = self.d.places.len() as u32;
            self.d.places.push(Place { name: r.cols[0].into() });
            self.add(file, r.line, r.cols[0], Target::Place(idx));
            for w in r.list(2) {
                self.add(file, r.line, w, Target::Place(idx));
            }
        }
        Ok(())
    }

    fn cues(&mut self, file: &'a str, text: &'a str) -> Result<(), Error> {
        // word, type, position
        for r in rows(file, text, 3, 3)? {
            let ty = match r.cols[1] {
                "PER" => CueType::Per,
                "ORG" => CueType::Org,
                "LOC" => CueType::Loc,
                "NONE" => CueType::None,
                t => return Err(err(file, r.line, format!("unknown cue type {t:?} (PER, ORG, LOC, NONE)"))),
            };
            let pos = match r.cols[2] {
                "head" => CuePosition::Head,
                "before" => CuePosition::Before,
                "first" => CuePosition::First,
                p => {
                    return Err(err(
                        file,
                        r.line,
                        format!("unknown cue position {p:?} (head, before, first)"),
                    ))
                }
            };
            for w in r.list(0) {
                let key = (pos as usize, w.to_string());
                if self.tier == Tier::User {
                    self.user_cues.insert(key);
                } else if self.user_cues.contains(&key) {
                    self.d.overridden += 1;
                    continue;
                }
                if let Some(old) = self.d.cues[pos as usize].insert(w.to_string(), ty) {
                    if old != ty {
                        self.d.issues.push(format!("{file}:{}: conflict: cue {w:?} typed twice", r.line));
                    }
                }
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Dictionary, Error> {
        self.d.first_secondary_form = self.first_secondary.unwrap_or(self.d.forms.len());
        self.d.alliances =
            self.d.orgs.iter().filter(|o| o.kind == "alliance").map(|o| o.code.clone()).collect();
        for (file, line, name, term, secondary) in std::mem::take(&mut self.offices) {
            let Some(&idx) = self.person_index.get(name) else {
                // An organisation's dated code (a party in opposition).
                if let Some(org) = self.d.orgs.iter_mut().find(|o| o.name == name) {
                    org.terms.push(term);
                    continue;
                }
                return Err(err(
                    file,
                    line,
                    format!("no person {name:?} in people.tsv (nor organisation in organizations.tsv); add them there first"),
                ));
            };
            let person = &mut self.d.people[idx as usize];
            // Phoenix lists a person's concurrent roles as overlapping terms on purpose (GOV
            // and ELI); the first in file order wins, as in PETRARCH.
            for t in person.terms.iter().filter(|_| !secondary) {
                let starts_before_end = |a: &Term, b: &Term| match (a.from, b.to) {
                    (Some(f), Some(e)) => f <= e,
                    _ => true,
                };
                if starts_before_end(&term, t) && starts_before_end(t, &term) {
                    self.d.issues.push(format!(
                        "{file}:{line}: overlapping terms for {name}: {} {} overlaps {} {}",
                        term.code,
                        span_text(&term),
                        t.code,
                        span_text(t)
                    ));
                }
            }
            person.terms.push(term);
        }
        for (i, p) in self.d.people.iter().enumerate() {
            if p.terms.iter().any(|t| t.from.is_some() || t.to.is_some()) {
                if let Some(surname) = p.name.split_whitespace().last() {
                    self.d.office_holders_by_surname.entry(surname.to_string()).or_default().push(i as u32);
                }
            }
        }
        Ok(self.d)
    }
}

fn span_text(t: &Term) -> String {
    let d = |x: Option<NaiveDate>| x.map_or_else(String::new, |d| d.to_string());
    format!("{}..{}", d(t.from), d(t.to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal(extra: &[(&'static str, &'static str)]) -> Result<Dictionary, Error> {
        let mut s = vec![
            ("countries.tsv", "RUS\tRussia\tRussian Federation\tRussian\tMoscow\tKremlin\n"),
            ("organizations.tsv", "IGOUNO\tigo\tUnited Nations\tUN;U.N.\n"),
            ("agents.tsv", "GOV\tgroup\tgovernment\n"),
            ("people.tsv", "Sergey Lavrov\tRUS\tLavrov;Sergei Lavrov\n"),
            ("offices.tsv", "Sergey Lavrov\tRUSGOV\tforeign minister\t2004-03-09\n"),
        ];
        s.extend_from_slice(extra);
        Dictionary::from_sources(&s)
    }

    #[test]
    fn loads_and_dates_terms() {
        let d = minimal(&[]).unwrap();
        assert!(d.issues.is_empty(), "{:?}", d.issues);
        let p = &d.people[0];
        assert_eq!(p.code_on(NaiveDate::from_ymd_opt(2024, 11, 2)), "RUSGOV");
        assert_eq!(p.code_on(NaiveDate::from_ymd_opt(2000, 1, 1)), "RUS");
        assert!(d.forms.iter().any(|f| f.text == "Government"), "case variants generated");
    }

    #[test]
    fn conflicting_and_duplicate_forms_are_reported() {
        let d = minimal(&[("places.tsv", "Moscow\tRUS\nKremlin\tRUS\n")]).unwrap();
        assert_eq!(d.issues.len(), 2, "{:?}", d.issues);
        assert!(
            d.issues[0].contains("places.tsv:1: conflict: \"Moscow\" already names RUS (countries.tsv:1)")
        );
    }

    #[test]
    fn overlapping_terms_are_reported() {
        let mut s = vec![
            ("countries.tsv", "RUS\tRussia\n"),
            ("organizations.tsv", ""),
            ("agents.tsv", ""),
            ("people.tsv", "Vladimir Putin\tRUS\n"),
            ("offices.tsv", "Vladimir Putin\tRUSGOV\tpresident\t2000-05-07\t2008-05-07\nVladimir Putin\tRUSELI\tsenator\t2007\t2009\n"),
        ];
        let d = Dictionary::from_sources(&s).unwrap();
        assert_eq!(d.issues.len(), 1);
        assert!(d.issues[0].starts_with("offices.tsv:2: overlapping terms for Vladimir Putin"));
        s[4].1 = "Vladimir Putin\tRUSGOV\tpresident\t2000-05-07\t2008-05-07\nVladimir Putin\tRUSGOV\tprime minister\t2008-05-08\t2012-05-07\n";
        assert!(Dictionary::from_sources(&s).unwrap().issues.is_empty());
    }

    #[test]
    fn syntax_errors_name_file_and_line() {
        let e = minimal(&[("offices.tsv", "Sergey Lavrov\tRUSGOV\tfm\t2004-13-01\n")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "offices.tsv:1: \"2004-13-01\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        );
        let e = minimal(&[("agents.tsv", "GOV\tgroup\n# c\nMIL\tgang\tarmy\n")]).unwrap_err();
        assert!(matches!(&e, Error::BadLine { file, line: 1, .. } if file == "agents.tsv"), "{e:?}");
        let e = minimal(&[("offices.tsv", "Nobody\tRUSGOV\tfm\n")]).unwrap_err();
        assert!(e.to_string().contains("no person \"Nobody\""), "{e}");
        let e = minimal(&[("countries.tsv", "Russia\tRUS\n")]).unwrap_err();
        assert!(e.to_string().starts_with("countries.tsv:1: \"Russia\" is not a CAMEO country code"), "{e}");
    }

    /// A user's files load before the shipped ones: their forms and people win without a
    /// report; without the shipped files only theirs are there.
    #[test]
    fn a_users_files_win_over_the_shipped_ones() {
        let file = |name: &str, text: &str| (format!("mine/{name}"), name.to_string(), text.to_string());
        let user = [
            file("countries.tsv", "FRD\tFreedonia\t\tFreedonian\t\tKremlin\n"),
            file("people.tsv", "Sergey Lavrov\tFRD\n"),
            file(
                "offices.tsv",
                "Sergey Lavrov\tFRDGOV\tminister\t2020\nVladimir Putin\tFRDGOV\tguest\t1990\t1991\n",
            ),
        ];
        let d = Dictionary::layered(&user, true).unwrap();
        assert!(d.issues.is_empty(), "{:?}", d.issues);
        let named = |text: &str| d.forms.iter().find(|f| f.text == text).map(|f| d.target_name(f.target));
        assert_eq!(named("Kremlin").as_deref(), Some("FRD"));
        assert_eq!(named("Russia").as_deref(), Some("RUS"));
        let lavrov: Vec<&Person> = d.people.iter().filter(|p| p.name == "Sergey Lavrov").collect();
        assert_eq!(lavrov.len(), 1);
        assert_eq!(lavrov[0].code_on(NaiveDate::from_ymd_opt(2024, 1, 1)), "FRDGOV");
        // A term for a shipped person joins the shipped terms, first in order.
        let putin = d.people.iter().find(|p| p.name == "Vladimir Putin").unwrap();
        assert_eq!(putin.code_on(NaiveDate::from_ymd_opt(1990, 6, 1)), "FRDGOV");
        assert_eq!(putin.code_on(NaiveDate::from_ymd_opt(2024, 6, 1)), "RUSGOV");
        let alone = Dictionary::layered(&user[..2], false).unwrap();
        assert!(alone.forms.iter().all(|f| f.text != "Russia"));
        let e = Dictionary::layered(&user, false).unwrap_err().to_string();
        assert!(e.starts_with("mine/offices.tsv:2: no person \"Vladimir Putin\""), "{e}");
        let e = Dictionary::layered(&[file("appraisal.tsv", "")], true).unwrap_err();
        assert!(matches!(e, Error::UnknownFile { .. }), "{e}");
    }

    #[test]
    fn sources_are_kept_and_shared() {
        let mut s = vec![
            ("countries.tsv", "RUS\tRussia\n"),
            ("organizations.tsv", ""),
            ("agents.tsv", ""),
            ("people.tsv", "Sergey Lavrov\tRUS\tLavrov\t\tMFA: biography\n"),
            (
                "offices.tsv",
                "Sergey Lavrov\tRUSGOV\tUN ambassador\t1994\t2004-03-08\tMFA: ministers\nSergey Lavrov\tRUSGOV\tforeign minister\t2004-03-09\t\tMFA: ministers\n",
            ),
        ];
        let d = Dictionary::from_sources(&s).unwrap();
        assert!(d.issues.is_empty(), "{:?}", d.issues);
        let p = &d.people[0];
        assert_eq!(p.source.as_deref(), Some("MFA: biography"));
        let with: Vec<_> = p.terms.iter().filter_map(|t| t.source.as_ref()).collect();
        assert_eq!(with.len(), 2);
        assert!(std::sync::Arc::ptr_eq(with[0], with[1]), "one copy per source text");
        s[4].1 = "Sergey Lavrov\tRUSGOV\tforeign minister\t2004\n";
        let d = Dictionary::from_sources(&s).unwrap();
        assert!(d.people[0].terms[0].source.is_none(), "the column may be left out");
        s[4].1 = "Sergey Lavrov\tRUSGOV\tfm\t2004\t\tsrc\textra\n";
        let e = Dictionary::from_sources(&s).unwrap_err();
        assert!(e.to_string().starts_with("offices.tsv:1: expected 3 to 6"), "{e}");
    }

    /// dyad's own people and offices say where each entry is on record: every office row has a
    /// source, and every person has one or an office that has one.
    #[test]
    fn own_entries_name_their_source() {
        let text = |name: &str| builtin_sources().into_iter().find(|(n, _)| *n == name).unwrap().1;
        let offices = rows("offices.tsv", text("offices.tsv"), 3, 6).unwrap();
        let mut with_office = FastSet::default();
        for r in &offices {
            assert!(!r.cols[5].is_empty(), "offices.tsv:{}: no source for {}", r.line, r.cols[0]);
            with_office.insert(r.cols[0]);
        }
        for r in rows("people.tsv", text("people.tsv"), 2, 5).unwrap() {
            assert!(
                !r.cols[4].is_empty() || with_office.contains(r.cols[0]),
                "people.tsv:{}: no source and no office for {}",
                r.line,
                r.cols[0]
            );
        }
    }

    #[test]
    fn partial_dates() {
        assert_eq!(parse_date("2024-02", true), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(parse_date("2024", false), NaiveDate::from_ymd_opt(2024, 1, 1));
        assert_eq!(parse_date("x", false), None);
    }
}

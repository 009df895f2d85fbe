//! The word lists that more than one stage reads, compiled in from `data/lexicon/` and parsed
//! once on first use: reporting verbs, negation and hypothetical cues, news agencies, and the
//! coder's relevance lists (document domains and their cues, political actor codes, argument
//! types and the verb senses they select).
//!
//! Each list has one file and one parser here; a stage that needs a part of a list selects it by
//! a column (a verb's complement, a cue's kind) rather than keeping a list of its own. The data
//! ships with dyad, so a malformed line is a bug the tests catch (`every_line_parses`); at run
//! time such a line is skipped, never a panic.

use crate::fnv::FastMap;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A map keyed by words, hashed with FNV ([`crate::fnv`]).
type WordMap<V> = FastMap<&'static str, V>;

const REPORTING_VERBS: &str = include_str!("../../../data/lexicon/reporting_verbs.tsv");
const NEGATION_CUES: &str = include_str!("../../../data/lexicon/negation_cues.tsv");
const HYPOTHETICAL_CUES: &str = include_str!("../../../data/lexicon/hypothetical_cues.tsv");
const AGENCIES: &str = include_str!("../../../data/lexicon/agencies.tsv");
const DOMAINS: &str = include_str!("../../../data/lexicon/domains.tsv");
const DOMAIN_CUES: &str = include_str!("../../../data/lexicon/domain_cues.tsv");
const POLITICAL_AGENTS: &str = include_str!("../../../data/lexicon/political_agents.tsv");
const ARGUMENT_TYPES: &str = include_str!("../../../data/lexicon/argument_types.tsv");
const SENSE_RULES: &str = include_str!("../../../data/lexicon/sense_rules.tsv");

/// Non-comment, non-blank lines of a data file.
fn lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// What may follow a reporting verb before the reported content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Complement {
    /// Content directly or after "that" ("said the talks failed").
    Bare,
    /// Content only after "that" ("announced that …").
    That,
    /// A hearer first, then the content ("told reporters (that) …").
    Object,
}

/// One form of a reporting verb (`data/lexicon/reporting_verbs.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportingVerb {
    /// The form as written, lower case ("said").
    pub form: &'static str,
    /// The verb's lemma ("say").
    pub lemma: &'static str,
    /// What introduces the reported content; `None` for a form that takes none ("expressed").
    pub complement: Option<Complement>,
    /// Whether the subject of a clause with this form is the speaker a later "He said" means.
    pub names_speaker: bool,
}

fn parse_reporting_verb(line: &'static str) -> Option<ReportingVerb> {
    let mut cols = line.split('\t');
    let (form, lemma, complement, speaker) = (cols.next()?, cols.next()?, cols.next()?, cols.next()?);
    if cols.next().is_some() || form.is_empty() || lemma.is_empty() || form != form.to_lowercase() {
        return None;
    }
    let complement = match complement {
        "bare" => Some(Complement::Bare),
        "that" => Some(Complement::That),
        "object" => Some(Complement::Object),
        "none" => None,
        _ => return None,
    };
    let names_speaker = match speaker {
        "yes" => true,
        "no" => false,
        _ => return None,
    };
    Some(ReportingVerb { form, lemma, complement, names_speaker })
}

/// The reporting verbs, by form.
#[derive(Debug)]
pub struct ReportingVerbs {
    by_form: WordMap<ReportingVerb>,
}

impl ReportingVerbs {
    /// The entry for a form, matched case-insensitively ("Said" → say).
    pub fn get(&self, word: &str) -> Option<&ReportingVerb> {
        match self.by_form.get(word) {
            Some(v) => Some(v),
            None if word.chars().any(char::is_uppercase) => self.by_form.get(word.to_lowercase().as_str()),
            None => None,
        }
    }

    /// Whether `word`, exactly as written, is a form whose subject is the speaker.
    pub fn names_speaker(&self, word: &str) -> bool {
        self.by_form.get(word).is_some_and(|v| v.names_speaker)
    }

    /// Every form, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &ReportingVerb> {
        self.by_form.values()
    }
}

/// The reporting verbs of `data/lexicon/reporting_verbs.tsv`, parsed on first use.
pub fn reporting_verbs() -> &'static ReportingVerbs {
    static VERBS: OnceLock<ReportingVerbs> = OnceLock::new();
    VERBS.get_or_init(|| ReportingVerbs {
        by_form: lines(REPORTING_VERBS).filter_map(parse_reporting_verb).map(|v| (v.form, v)).collect(),
    })
}

/// How a negation cue negates (`data/lexicon/negation_cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NegationKind {
    /// Negates its clause wherever it stands ("not", "never", "no longer").
    Word,
    /// Negates only as a modifier of the verb in the parse ("no").
    Determiner,
    /// A verb of refusal, negating what it governs in plain text ("denied").
    Verb,
}

/// One negation cue and how it negates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NegationCue {
    /// Lower case; words separated by single spaces.
    pub cue: &'static str,
    /// How it negates.
    pub kind: NegationKind,
}

fn parse_negation_cue(line: &'static str) -> Option<NegationCue> {
    let (cue, kind) = line.split_once('\t')?;
    let kind = match kind {
        "word" => NegationKind::Word,
        "determiner" => NegationKind::Determiner,
        "verb" => NegationKind::Verb,
        _ => return None,
    };
    well_formed(cue).then_some(NegationCue { cue, kind })
}

/// A cue is lower case, words separated by one space.
fn well_formed(cue: &str) -> bool {
    !cue.is_empty() && cue == cue.to_lowercase() && cue.split(' ').all(|w| !w.is_empty() && !w.contains('\t'))
}

/// The negation cues of `data/lexicon/negation_cues.tsv`, parsed on first use.
pub fn negation_cues() -> &'static [NegationCue] {
    static CUES: OnceLock<Vec<NegationCue>> = OnceLock::new();
    CUES.get_or_init(|| lines(NEGATION_CUES).filter_map(parse_negation_cue).collect())
}

/// Single words that negate the verb they modify, for the coder ("not", "never", "no").
pub fn negators() -> impl Iterator<Item = &'static str> {
    negation_cues().iter().filter(|c| c.kind != NegationKind::Verb && !c.cue.contains(' ')).map(|c| c.cue)
}

/// Whether `word` (any case) negates the verb it modifies.
pub fn is_negator(word: &str) -> bool {
    negators().any(|n| n.eq_ignore_ascii_case(word))
}

/// Cues that negate a clause in plain text, where a determiner's role is unknown.
pub fn text_negation_cues() -> impl Iterator<Item = &'static str> {
    negation_cues().iter().filter(|c| c.kind != NegationKind::Determiner).map(|c| c.cue)
}

/// Where the coder looks for a hypothetical cue (`data/lexicon/hypothetical_cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HypotheticalKind {
    /// An auxiliary of the verb, by form ("could").
    Modal,
    /// The subordinator of the verb's clause, by lemma ("if").
    Condition,
    /// The lemma of a word an infinitive complements ("expect" in "is expected to visit").
    Prediction,
    /// Plain text only ("perhaps", "in case").
    Phrase,
}

/// One cue that makes a clause hypothetical, and where it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HypotheticalCue {
    /// Lower case; words separated by single spaces.
    pub cue: &'static str,
    /// Where the coder looks for it.
    pub kind: HypotheticalKind,
    /// Whether a plain-text scan makes a clause containing it hypothetical.
    pub in_text: bool,
    /// Whether, as an auxiliary, it puts its verb in the future.
    pub future: bool,
}

fn parse_hypothetical_cue(line: &'static str) -> Option<HypotheticalCue> {
    let mut cols = line.split('\t');
    let (cue, kind, text, future) = (cols.next()?, cols.next()?, cols.next()?, cols.next()?);
    if cols.next().is_some() || !well_formed(cue) {
        return None;
    }
    let kind = match kind {
        "modal" => HypotheticalKind::Modal,
        "condition" => HypotheticalKind::Condition,
        "prediction" => HypotheticalKind::Prediction,
        "phrase" => HypotheticalKind::Phrase,
        _ => return None,
    };
    Some(HypotheticalCue { cue, kind, in_text: yes_no(text)?, future: yes_no(future)? })
}

fn yes_no(s: &str) -> Option<bool> {
    match s {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// The hypothetical cues of `data/lexicon/hypothetical_cues.tsv`, parsed on first use.
pub fn hypothetical_cues() -> &'static [HypotheticalCue] {
    static CUES: OnceLock<Vec<HypotheticalCue>> = OnceLock::new();
    CUES.get_or_init(|| lines(HYPOTHETICAL_CUES).filter_map(parse_hypothetical_cue).collect())
}

fn has_cue(kind: HypotheticalKind, word: &str) -> bool {
    hypothetical_cues().iter().any(|c| c.kind == kind && c.cue.eq_ignore_ascii_case(word))
}

/// Whether `form` (any case) is a modal auxiliary ("could", "'ll", "wo").
pub fn is_modal(form: &str) -> bool {
    has_cue(HypotheticalKind::Modal, form)
}

/// Whether `lemma` (any case) is a subordinator that makes its clause conditional ("if").
pub fn is_condition(lemma: &str) -> bool {
    has_cue(HypotheticalKind::Condition, lemma)
}

/// Whether `lemma` (any case) makes an infinitive it governs a prediction ("expect").
pub fn is_prediction(lemma: &str) -> bool {
    has_cue(HypotheticalKind::Prediction, lemma)
}

/// Whether `form` (any case) is an auxiliary of the future ("will", "'ll").
pub fn is_future_auxiliary(form: &str) -> bool {
    hypothetical_cues()
        .iter()
        .any(|c| c.kind == HypotheticalKind::Modal && c.future && c.cue.eq_ignore_ascii_case(form))
}

/// Cues that make a clause hypothetical in plain text.
pub fn text_hypothetical_cues() -> impl Iterator<Item = &'static str> {
    hypothetical_cues().iter().filter(|c| c.in_text).map(|c| c.cue)
}

/// News agencies and the ways texts write them (`data/lexicon/agencies.tsv`).
#[derive(Debug)]
pub struct Agencies {
    /// Alias exactly as written (and each canonical name) → canonical name.
    exact: HashMap<&'static str, &'static str>,
    /// The same, lower case.
    folded: HashMap<String, &'static str>,
}

impl Agencies {
    /// The agency a name denotes as written in a wire credit, case kept ("Newsis", "뉴시스").
    pub fn exact(&self, name: &str) -> Option<&'static str> {
        self.exact.get(name).copied()
    }

    /// The agency a name denotes in running text, any case and without a leading "the"
    /// ("the Tass News Agency" → TASS).
    pub fn lookup(&self, name: &str) -> Option<&'static str> {
        let key = name.trim().trim_start_matches("the ").trim_start_matches("The ").to_lowercase();
        self.folded.get(&key).copied()
    }
}

fn parse_agency(line: &'static str) -> Option<(&'static str, Vec<&'static str>)> {
    let (name, aliases) = line.split_once('\t').unwrap_or((line, ""));
    let aliases: Vec<&str> = aliases.split('|').filter(|a| !a.is_empty()).collect();
    let clean = |s: &str| !s.is_empty() && s.trim() == s && !s.contains('\t');
    (clean(name) && aliases.iter().all(|a| clean(a))).then_some((name, aliases))
}

/// The news agencies of `data/lexicon/agencies.tsv`, parsed on first use.
pub fn agencies() -> &'static Agencies {
    static AGENCIES_MAP: OnceLock<Agencies> = OnceLock::new();
    AGENCIES_MAP.get_or_init(|| {
        let mut exact = HashMap::new();
        let mut folded = HashMap::new();
        for (name, aliases) in lines(AGENCIES).filter_map(parse_agency) {
            exact.insert(name, name);
            folded.insert(name.to_lowercase(), name);
            for alias in aliases {
                exact.insert(alias, name);
                folded.insert(alias.to_lowercase(), name);
            }
        }
        Agencies { exact, folded }
    })
}

/// What a news document is about (`data/lexicon/domains.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Domain {
    /// Politics, government, conflict: the default, never filtered.
    Politics,
    /// Sport.
    Sport,
    /// Markets, companies and the economy.
    Business,
    /// Film, music, books and shows.
    Culture,
    /// Products, computers and the internet.
    Tech,
}

impl Domain {
    /// Every domain, politics first.
    pub const ALL: [Domain; 5] =
        [Domain::Politics, Domain::Sport, Domain::Business, Domain::Culture, Domain::Tech];

    /// The name the data files use ("sport").
    pub fn as_str(self) -> &'static str {
        match self {
            Domain::Politics => "politics",
            Domain::Sport => "sport",
            Domain::Business => "business",
            Domain::Culture => "culture",
            Domain::Tech => "tech",
        }
    }

    fn parse(s: &str) -> Option<Domain> {
        Domain::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// How a domain's documents are told apart and read (`data/lexicon/domains.tsv`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DomainSetting {
    /// The domain.
    pub domain: Domain,
    /// The least score that makes a document belong to it; `None` for politics.
    pub threshold: Option<f64>,
    /// Whether a bare country name in its documents may stand for the state ("China cut
    /// tariffs"), rather than a team ("England beat France").
    pub bare_country_is_state: bool,
}

fn parse_domain(line: &'static str) -> Option<DomainSetting> {
    let mut cols = line.split('\t');
    let (domain, threshold, bare) = (cols.next()?, cols.next()?, cols.next()?);
    if cols.next().is_some() {
        return None;
    }
    let domain = Domain::parse(domain)?;
    let threshold = match threshold {
        "-" => None,
        t => Some(t.parse::<f64>().ok().filter(|t| t.is_finite() && *t >= 0.0)?),
    };
    // Politics is the default domain: it has no threshold, and only it.
    if threshold.is_none() != (domain == Domain::Politics) {
        return None;
    }
    let bare_country_is_state = match bare {
        "state" => true,
        "team" => false,
        _ => return None,
    };
    Some(DomainSetting { domain, threshold, bare_country_is_state })
}

/// The domain settings of `data/lexicon/domains.tsv`, parsed on first use.
pub fn domains() -> &'static [DomainSetting] {
    static DOMAINS_LIST: OnceLock<Vec<DomainSetting>> = OnceLock::new();
    DOMAINS_LIST.get_or_init(|| lines(DOMAINS).filter_map(parse_domain).collect())
}

/// The setting of one domain, if the file lists it.
pub fn domain_setting(domain: Domain) -> Option<&'static DomainSetting> {
    domains().iter().find(|d| d.domain == domain)
}

/// One domain cue and its weight (`data/lexicon/domain_cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DomainCue {
    /// The domain the word marks.
    pub domain: Domain,
    /// How strongly (1 to 3).
    pub weight: f64,
}

/// The domain cues, by word and by two-word phrase.
#[derive(Debug)]
pub struct DomainCues {
    by_cue: WordMap<DomainCue>,
}

impl DomainCues {
    /// The cue for a lower-case word or two-word phrase ("striker", "box office").
    pub fn get(&self, cue: &str) -> Option<DomainCue> {
        self.by_cue.get(cue).copied()
    }
}

fn parse_domain_cue(line: &'static str) -> Option<(&'static str, DomainCue)> {
    let mut cols = line.split('\t');
    let (cue, domain, weight) = (cols.next()?, cols.next()?, cols.next()?);
    if cols.next().is_some() || !well_formed(cue) || cue.split(' ').count() > 2 {
        return None;
    }
    let weight = weight.parse::<f64>().ok().filter(|w| (1.0..=3.0).contains(w))?;
    Some((cue, DomainCue { domain: Domain::parse(domain)?, weight }))
}

/// The domain cues of `data/lexicon/domain_cues.tsv`, parsed on first use (the first line of a
/// cue listed twice wins).
pub fn domain_cues() -> &'static DomainCues {
    static CUES: OnceLock<DomainCues> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut by_cue = WordMap::default();
        for (cue, c) in lines(DOMAIN_CUES).filter_map(parse_domain_cue) {
            by_cue.entry(cue).or_insert(c);
        }
        DomainCues { by_cue }
    })
}

/// Whether an actor code names a political actor (`data/lexicon/political_agents.tsv`): its
/// country part is a political bloc ("IGO…"), or one of the three-letter parts after it is a
/// political role ("USAGOV", "GBRPTY"). A bare country ("GBR") is not: whether it stands for the
/// state depends on the document and the phrase.
pub fn is_political_actor_code(code: &str) -> bool {
    static AGENTS: OnceLock<Vec<(&'static str, bool)>> = OnceLock::new();
    let agents = AGENTS.get_or_init(|| lines(POLITICAL_AGENTS).filter_map(parse_political_agent).collect());
    if !code.is_ascii() || code.len() < 3 {
        return false;
    }
    let country = &code[..3];
    if agents.iter().any(|&(a, bloc)| bloc && a == country) {
        return true;
    }
    let rest = &code[3..];
    (0..rest.len() / 3).any(|k| {
        let part = &rest[3 * k..3 * k + 3];
        agents.iter().any(|&(a, bloc)| !bloc && a == part)
    })
}

fn parse_political_agent(line: &'static str) -> Option<(&'static str, bool)> {
    let (code, kind) = line.split_once('\t')?;
    let bloc = match kind {
        "agent" => false,
        "bloc" => true,
        _ => return None,
    };
    (code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase())).then_some((code, bloc))
}

/// The type of a thing a verb takes as its argument (`data/lexicon/argument_types.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgumentType {
    /// A noun that names the state when composed with a country ("the two countries").
    State,
    /// A plan, text or decision ("the budget").
    Proposal,
    /// An illness or hardship ("cancer", "the odds").
    Adversity,
    /// A place, score or prize in a contest ("the lead", "the title").
    Competition,
    /// Prices, shares, trade figures.
    Market,
    /// Taxes, public spending, jobs: a government's own finances ("cut taxes", "lifted the
    /// threshold on income tax"), no act on another actor.
    Fiscal,
    /// A measure: a unit ("metres"), or a number with its unit ("200m", typed by the coder).
    Quantity,
    /// People no dictionary names ("19 Christians", "a former presidential candidate"): the
    /// target of an act on them, of unknown code.
    Person,
    /// An animal ("shoot that fox first", "hunting deer"): no political target.
    Animal,
}

impl ArgumentType {
    /// The name the data files use ("proposal").
    pub fn as_str(self) -> &'static str {
        match self {
            ArgumentType::State => "state",
            ArgumentType::Proposal => "proposal",
            ArgumentType::Adversity => "adversity",
            ArgumentType::Competition => "competition",
            ArgumentType::Market => "market",
            ArgumentType::Fiscal => "fiscal",
            ArgumentType::Quantity => "quantity",
            ArgumentType::Person => "person",
            ArgumentType::Animal => "animal",
        }
    }

    fn parse(s: &str) -> Option<ArgumentType> {
        [
            ArgumentType::State,
            ArgumentType::Proposal,
            ArgumentType::Adversity,
            ArgumentType::Competition,
            ArgumentType::Market,
            ArgumentType::Fiscal,
            ArgumentType::Quantity,
            ArgumentType::Person,
            ArgumentType::Animal,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }
}

fn parse_argument_type(line: &'static str) -> Option<(&'static str, ArgumentType)> {
    let (word, kind) = line.split_once('\t')?;
    let kind = ArgumentType::parse(kind)?;
    (well_formed(word) && !word.contains(' ')).then_some((word, kind))
}

/// The listed type of a lower-case word (`data/lexicon/argument_types.tsv`).
pub fn argument_type(word: &str) -> Option<ArgumentType> {
    static TYPES: OnceLock<HashMap<&'static str, ArgumentType>> = OnceLock::new();
    TYPES.get_or_init(|| lines(ARGUMENT_TYPES).filter_map(parse_argument_type).collect()).get(word).copied()
}

/// What a sense rule does to an event (`data/lexicon/sense_rules.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SenseAction {
    /// The verb names no political event here.
    Drop,
    /// Code this CAMEO code instead.
    Code(&'static str),
}

/// What a sense rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SenseTrigger {
    /// The type of the verb's first non-actor object or oblique.
    Argument(ArgumentType),
    /// The agent of the event's source ("PTY" in GBRPTY): parties and legislators attack
    /// with words.
    SourceAgent(&'static str),
}

/// One sense rule: events with these roots whose verb's argument has this type, or whose
/// source is this kind of agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SenseRule {
    /// CAMEO roots ("18").
    pub roots: Vec<&'static str>,
    /// What decides.
    pub trigger: SenseTrigger,
    /// What happens to the event.
    pub action: SenseAction,
}

fn parse_sense_rule(line: &'static str) -> Option<SenseRule> {
    let mut cols = line.split('\t');
    let (roots, argument, action) = (cols.next()?, cols.next()?, cols.next()?);
    if cols.next().is_some() {
        return None;
    }
    let roots: Vec<&str> = roots.split(',').collect();
    if roots.iter().any(|r| r.len() != 2 || !r.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let action = match action {
        "drop" => SenseAction::Drop,
        code if (3..=4).contains(&code.len()) && code.chars().all(|c| c.is_ascii_digit()) => {
            SenseAction::Code(code)
        }
        _ => return None,
    };
    let trigger = match argument.strip_prefix("source:") {
        Some(agent) if agent.len() == 3 && agent.chars().all(|c| c.is_ascii_uppercase()) => {
            SenseTrigger::SourceAgent(agent)
        }
        Some(_) => return None,
        None => SenseTrigger::Argument(ArgumentType::parse(argument)?),
    };
    Some(SenseRule { roots, trigger, action })
}

/// The sense rules of `data/lexicon/sense_rules.tsv`, parsed on first use, in file order.
pub fn sense_rules() -> &'static [SenseRule] {
    static RULES: OnceLock<Vec<SenseRule>> = OnceLock::new();
    RULES.get_or_init(|| lines(SENSE_RULES).filter_map(parse_sense_rule).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_parses() {
        for l in lines(REPORTING_VERBS) {
            assert!(parse_reporting_verb(l).is_some(), "reporting_verbs.tsv: {l:?}");
        }
        for l in lines(NEGATION_CUES) {
            assert!(parse_negation_cue(l).is_some(), "negation_cues.tsv: {l:?}");
        }
        for l in lines(HYPOTHETICAL_CUES) {
            assert!(parse_hypothetical_cue(l).is_some(), "hypothetical_cues.tsv: {l:?}");
        }
        for l in lines(AGENCIES) {
            assert!(parse_agency(l).is_some(), "agencies.tsv: {l:?}");
        }
        for l in lines(DOMAINS) {
            assert!(parse_domain(l).is_some(), "domains.tsv: {l:?}");
        }
        for l in lines(DOMAIN_CUES) {
            assert!(parse_domain_cue(l).is_some(), "domain_cues.tsv: {l:?}");
        }
        for l in lines(POLITICAL_AGENTS) {
            assert!(parse_political_agent(l).is_some(), "political_agents.tsv: {l:?}");
        }
        for l in lines(ARGUMENT_TYPES) {
            assert!(parse_argument_type(l).is_some(), "argument_types.tsv: {l:?}");
        }
        for l in lines(SENSE_RULES) {
            assert!(parse_sense_rule(l).is_some(), "sense_rules.tsv: {l:?}");
        }
    }

    #[test]
    fn forms_are_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for l in lines(REPORTING_VERBS) {
            assert!(seen.insert(l.split('\t').next()), "reporting_verbs.tsv lists {l:?} twice");
        }
        assert_eq!(reporting_verbs().iter().count(), seen.len());
    }

    #[test]
    fn lists_answer() {
        let v = reporting_verbs();
        assert_eq!(v.get("Said").map(|v| (v.lemma, v.complement)), Some(("say", Some(Complement::Bare))));
        assert_eq!(v.get("told").and_then(|v| v.complement), Some(Complement::Object));
        assert_eq!(v.get("expressed").map(|v| v.complement), Some(None));
        assert!(v.names_speaker("continued") && !v.names_speaker("saying") && !v.names_speaker("Said"));
        assert!(is_negator("N'T") && is_negator("no") && !is_negator("denied"));
        assert!(text_negation_cues().any(|c| c == "no longer") && !text_negation_cues().any(|c| c == "no"));
        assert!(is_modal("CA") && is_condition("whether") && is_prediction("EXPECT"));
        assert!(is_future_auxiliary("'LL") && !is_future_auxiliary("could"));
        assert!(!text_hypothetical_cues().any(|c| c == "will"));
        assert_eq!(agencies().exact("뉴시스"), Some("Newsis"));
        assert_eq!(agencies().exact("newsis"), None);
        assert_eq!(agencies().lookup("the Tass News Agency"), Some("TASS"));
        assert_eq!(agencies().lookup("Korean Central News Agency"), Some("KCNA"));
    }

    #[test]
    fn relevance_lists_answer() {
        assert!(Domain::ALL.iter().all(|&d| domain_setting(d).is_some()), "domains.tsv lists every domain");
        assert_eq!(domain_setting(Domain::Politics).and_then(|d| d.threshold), None);
        assert!(!domain_setting(Domain::Sport).is_some_and(|d| d.bare_country_is_state));
        assert_eq!(domain_cues().get("striker").map(|c| c.domain), Some(Domain::Sport));
        assert_eq!(domain_cues().get("box office").map(|c| c.domain), Some(Domain::Culture));
        assert!(is_political_actor_code("USAGOV") && is_political_actor_code("IGOEUREEC"));
        assert!(is_political_actor_code("GBRGOVPTY") && !is_political_actor_code("GBR"));
        assert!(!is_political_actor_code("USABUS") && !is_political_actor_code("GBRMED"));
        assert_eq!(argument_type("budget"), Some(ArgumentType::Proposal));
        assert_eq!(argument_type("country"), Some(ArgumentType::State));
        assert!(sense_rules()
            .iter()
            .any(|r| r.roots.contains(&"18") && r.action == SenseAction::Code("111")));
        assert!(sense_rules().iter().any(|r| r.trigger == SenseTrigger::SourceAgent("PTY")));
        assert!(parse_sense_rule("19\tsource:party\t111").is_none());
    }
}

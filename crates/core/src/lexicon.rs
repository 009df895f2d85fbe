//! The word lists that more than one stage reads, compiled in from `data/lexicon/` and parsed
//! once on first use: reporting verbs, negation and hypothetical cues, news agencies.
//!
//! Each list has one file and one parser here; a stage that needs a part of a list selects it by
//! a column (a verb's complement, a cue's kind) rather than keeping a list of its own. The data
//! ships with dyad, so a malformed line is a bug the tests catch (`every_line_parses`); at run
//! time such a line is skipped, never a panic.

use std::collections::HashMap;
use std::sync::OnceLock;

const REPORTING_VERBS: &str = include_str!("../../../data/lexicon/reporting_verbs.tsv");
const NEGATION_CUES: &str = include_str!("../../../data/lexicon/negation_cues.tsv");
const HYPOTHETICAL_CUES: &str = include_str!("../../../data/lexicon/hypothetical_cues.tsv");
const AGENCIES: &str = include_str!("../../../data/lexicon/agencies.tsv");

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
    by_form: HashMap<&'static str, ReportingVerb>,
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
}

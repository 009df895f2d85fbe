//! The cue lexicons, compiled in from `data/quotes/`: reporting verbs, document nouns, titles,
//! news agencies, and the phrase lists that mark interpretation, hypotheses and negation.

use std::collections::HashMap;

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

/// A title word's role inside a person's designation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleRole {
    /// The role itself ("president"): "the president" names a person.
    Head,
    /// Part of a title ("foreign" in "Foreign Minister").
    Modifier,
}

/// All lexicons, parsed once.
#[derive(Debug, Clone)]
pub struct Lexicon {
    verbs: HashMap<String, (String, Complement)>,
    /// Document nouns as word sequences, longest first.
    document_nouns: Vec<Vec<String>>,
    titles: HashMap<String, TitleRole>,
    /// Alias (lower case) → canonical agency name.
    agencies: HashMap<String, String>,
    pub interpretation: Vec<Vec<String>>,
    pub hypothetical: Vec<Vec<String>>,
    pub negation: Vec<Vec<String>>,
    speaker_nouns: std::collections::HashSet<String>,
    organisation_words: std::collections::HashSet<String>,
}

const REPORTING_VERBS: &str = include_str!("../../../data/quotes/reporting_verbs.tsv");
const DOCUMENT_NOUNS: &str = include_str!("../../../data/quotes/document_nouns.txt");
const TITLES: &str = include_str!("../../../data/quotes/titles.tsv");
const AGENCIES: &str = include_str!("../../../data/agencies.tsv");
const INTERPRETATION: &str = include_str!("../../../data/quotes/interpretation_cues.txt");
const HYPOTHETICAL: &str = include_str!("../../../data/quotes/hypothetical_cues.txt");
const NEGATION: &str = include_str!("../../../data/quotes/negation_cues.txt");
const SPEAKER_NOUNS: &str = include_str!("../../../data/quotes/speaker_nouns.txt");
const ORGANISATION_WORDS: &str = include_str!("../../../data/quotes/organisation_words.txt");

/// Non-comment, non-blank lines of a data file.
fn lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn phrases(src: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> =
        lines(src).map(|l| l.split_whitespace().map(str::to_lowercase).collect()).collect();
    out.sort_by_key(|p: &Vec<String>| std::cmp::Reverse(p.len()));
    out
}

impl Lexicon {
    /// Parse the compiled-in data. The data ships with the crate, so a malformed line is a bug
    /// caught by the tests; it is skipped rather than aborting a run.
    pub fn builtin() -> Lexicon {
        let mut verbs = HashMap::new();
        for l in lines(REPORTING_VERBS) {
            let cols: Vec<&str> = l.split('\t').collect();
            if cols.len() != 3 {
                continue;
            }
            let comp = match cols[2] {
                "bare" => Complement::Bare,
                "object" => Complement::Object,
                _ => Complement::That,
            };
            verbs.insert(cols[0].to_lowercase(), (cols[1].to_string(), comp));
        }
        let mut titles = HashMap::new();
        for l in lines(TITLES) {
            if let Some((w, role)) = l.split_once('\t') {
                let role = if role.trim() == "head" { TitleRole::Head } else { TitleRole::Modifier };
                titles.insert(w.to_lowercase(), role);
            }
        }
        let mut agencies = HashMap::new();
        for l in lines(AGENCIES) {
            if let Some((name, aliases)) = l.split_once('\t') {
                agencies.insert(name.to_lowercase(), name.to_string());
                for a in aliases.split('|') {
                    agencies.insert(a.trim().to_lowercase(), name.to_string());
                }
            }
        }
        Lexicon {
            verbs,
            document_nouns: phrases(DOCUMENT_NOUNS),
            titles,
            agencies,
            interpretation: phrases(INTERPRETATION),
            hypothetical: phrases(HYPOTHETICAL),
            negation: phrases(NEGATION),
            speaker_nouns: lines(SPEAKER_NOUNS).map(str::to_lowercase).collect(),
            organisation_words: lines(ORGANISATION_WORDS).map(str::to_lowercase).collect(),
        }
    }

    /// The lemma and complement type of a reporting verb form.
    pub fn verb(&self, word: &str) -> Option<(&str, Complement)> {
        self.verbs.get(&word.to_lowercase()).map(|(l, c)| (l.as_str(), *c))
    }

    pub fn is_reporting_verb(&self, word: &str) -> bool {
        self.verbs.contains_key(&word.to_lowercase())
    }

    /// Whether `words` (lower case) end with a document noun ("the official statement").
    pub fn ends_with_document_noun(&self, words: &[String]) -> bool {
        self.document_nouns.iter().any(|p| words.ends_with(p))
    }

    /// Whether `word` is a document noun on its own.
    pub fn is_document_noun(&self, word: &str) -> bool {
        let w = word.to_lowercase();
        self.document_nouns.iter().any(|p| p.len() == 1 && p[0] == w)
    }

    pub fn title(&self, word: &str) -> Option<TitleRole> {
        self.titles.get(word.to_lowercase().trim_end_matches('.')).copied()
    }

    /// The canonical name of a news agency written as `name` ("KCNA", "the Tass News Agency").
    pub fn agency(&self, name: &str) -> Option<&str> {
        let key = name.trim().trim_start_matches("the ").trim_start_matches("The ").to_lowercase();
        self.agencies.get(&key).map(String::as_str)
    }

    /// A noun that can head a speaker phrase ("ministry", "officials").
    pub fn is_speaker_noun(&self, word: &str) -> bool {
        self.speaker_nouns.contains(&word.to_lowercase())
    }

    /// A word that makes a capitalised name an organisation or place.
    pub fn is_organisation_word(&self, word: &str) -> bool {
        self.organisation_words.contains(&word.to_lowercase())
    }

    /// Agency aliases, for scanning wire credits.
    pub fn agency_aliases(&self) -> impl Iterator<Item = (&str, &str)> {
        self.agencies.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse() {
        let lex = Lexicon::builtin();
        assert_eq!(lex.verb("Said"), Some(("say", Complement::Bare)));
        assert_eq!(lex.verb("told").map(|v| v.1), Some(Complement::Object));
        assert_eq!(lex.verb("announced").map(|v| v.1), Some(Complement::That));
        assert!(lex.ends_with_document_noun(&["the".into(), "official".into(), "statement".into()]));
        assert_eq!(lex.title("President"), Some(TitleRole::Head));
        assert_eq!(lex.title("Foreign"), Some(TitleRole::Modifier));
        assert_eq!(lex.agency("Korean Central News Agency"), Some("KCNA"));
        assert_eq!(lex.agency("the Tass News Agency"), Some("TASS"));
        assert!(lex.interpretation.iter().any(|p| p == &["interpreted", "as"]));
    }
}

//! The cue lexicons of the quotes stage: document nouns, titles, speaker nouns, organisation
//! words and interpretation cues from `data/quotes/`, and the lists it shares with other stages
//! (reporting verbs, agencies, hypothetical and negation cues) from [`dyad_core::lexicon`].

use dyad_core::lexicon;
pub(crate) use dyad_core::lexicon::Complement;
use std::collections::{HashMap, HashSet};

/// A title word's role inside a person's designation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TitleRole {
    /// The role itself ("president"): "the president" names a person.
    Head,
    /// Part of a title ("foreign" in "Foreign Minister").
    Modifier,
}

/// All lexicons, parsed once.
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    /// Document nouns as word sequences, longest first.
    document_nouns: Vec<Vec<String>>,
    titles: HashMap<String, TitleRole>,
    /// Phrases that make a sentence the writer's reading ("interpreted as"), longest first.
    pub(crate) interpretation: Vec<Vec<String>>,
    /// Hypothetical cues that can be matched in text ("may", "if"), longest first.
    pub(crate) hypothetical: Vec<Vec<String>>,
    /// Negation cues that can be matched in text ("not", "denied"), longest first.
    pub(crate) negation: Vec<Vec<String>>,
    speaker_nouns: HashSet<String>,
    organisation_words: HashSet<String>,
}

const DOCUMENT_NOUNS: &str = include_str!("../../../data/quotes/document_nouns.txt");
const TITLES: &str = include_str!("../../../data/quotes/titles.tsv");
const INTERPRETATION: &str = include_str!("../../../data/quotes/interpretation_cues.txt");
const SPEAKER_NOUNS: &str = include_str!("../../../data/quotes/speaker_nouns.txt");
const ORGANISATION_WORDS: &str = include_str!("../../../data/quotes/organisation_words.txt");

/// Non-comment, non-blank lines of a data file.
fn lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Phrases as lower-case word sequences, longest first.
fn phrases<'a>(src: impl Iterator<Item = &'a str>) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> =
        src.map(|l| l.split_whitespace().map(str::to_lowercase).collect()).collect();
    out.sort_by_key(|p: &Vec<String>| std::cmp::Reverse(p.len()));
    out
}

/// A line of `titles.tsv`: a word, a tab, and its role (`head` or `modifier`).
fn parse_title(line: &str) -> Option<(String, TitleRole)> {
    let (word, role) = line.split_once('\t')?;
    let role = match role.trim() {
        "head" => TitleRole::Head,
        "modifier" => TitleRole::Modifier,
        _ => return None,
    };
    Some((word.trim().to_lowercase(), role))
}

impl Lexicon {
    /// Parse the compiled-in data. The data ships with the crate, so a malformed line is a bug
    /// caught by the tests (`every_line_parses`); it is skipped rather than aborting a run.
    pub(crate) fn builtin() -> Lexicon {
        Lexicon {
            document_nouns: phrases(lines(DOCUMENT_NOUNS)),
            titles: lines(TITLES).filter_map(parse_title).collect(),
            interpretation: phrases(lines(INTERPRETATION)),
            hypothetical: phrases(lexicon::text_hypothetical_cues()),
            negation: phrases(lexicon::text_negation_cues()),
            speaker_nouns: lines(SPEAKER_NOUNS).map(str::to_lowercase).collect(),
            organisation_words: lines(ORGANISATION_WORDS).map(str::to_lowercase).collect(),
        }
    }

    /// The lemma and complement type of a reporting verb form (one that takes reported content).
    pub(crate) fn verb(&self, word: &str) -> Option<(&'static str, Complement)> {
        lexicon::reporting_verbs().get(word).and_then(|v| Some((v.lemma, v.complement?)))
    }

    /// Whether `word` is a reporting verb form that takes reported content.
    pub(crate) fn is_reporting_verb(&self, word: &str) -> bool {
        self.verb(word).is_some()
    }

    /// Whether `words` (lower case) end with a document noun ("the official statement").
    pub(crate) fn ends_with_document_noun(&self, words: &[String]) -> bool {
        self.document_nouns.iter().any(|p| words.ends_with(p))
    }

    /// Whether `word` is a document noun on its own.
    pub(crate) fn is_document_noun(&self, word: &str) -> bool {
        let w = word.to_lowercase();
        self.document_nouns.iter().any(|p| p.len() == 1 && p[0] == w)
    }

    /// The role of `word` in a title ("President" → head, "Foreign" → modifier), if it is one.
    pub(crate) fn title(&self, word: &str) -> Option<TitleRole> {
        self.titles.get(word.to_lowercase().trim_end_matches('.')).copied()
    }

    /// The canonical name of a news agency written as `name` ("KCNA", "the Tass News Agency").
    pub(crate) fn agency(&self, name: &str) -> Option<&'static str> {
        lexicon::agencies().lookup(name)
    }

    /// A noun that can head a speaker phrase ("ministry", "officials").
    pub(crate) fn is_speaker_noun(&self, word: &str) -> bool {
        self.speaker_nouns.contains(&word.to_lowercase())
    }

    /// A word that makes a capitalised name an organisation or place.
    pub(crate) fn is_organisation_word(&self, word: &str) -> bool {
        self.organisation_words.contains(&word.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_parses() {
        for l in lines(TITLES) {
            assert!(parse_title(l).is_some(), "titles.tsv: {l:?}");
        }
        // Phrase lists hold one phrase a line; word lists are matched a word at a time, so a
        // line with a space there could never match.
        for (file, src) in
            [("document_nouns.txt", DOCUMENT_NOUNS), ("interpretation_cues.txt", INTERPRETATION)]
        {
            assert!(lines(src).all(|l| !l.contains('\t')), "{file}: a line with a tab");
        }
        for (file, src) in
            [("speaker_nouns.txt", SPEAKER_NOUNS), ("organisation_words.txt", ORGANISATION_WORDS)]
        {
            for l in lines(src) {
                assert!(!l.contains(char::is_whitespace), "{file}: {l:?} is not one word");
            }
        }
    }

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

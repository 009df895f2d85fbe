//! Proposals named once with their owner, then by a definite description: "Howard unveils Tory
//! asylum plans … Refugee Council called the plans 'dangerous'". A reader takes "the plans" for
//! the Tories' plans, and criticism of them for criticism of the Tories; without this the
//! description names no one and the criticism has no target.
//!
//! The owner is an actor mention inside the noun phrase of an earlier proposal noun (a
//! possessor or a modifier: "Labour's plans", "Tory asylum plans", "the chancellor's Budget");
//! the proposal nouns are those `argument_types.tsv` types as a proposal. A later "the", "this",
//! "that", "these" or "those" before the same noun, with no owner of its own, makes a
//! mention of the last owner's actors. Needs tags and lemmas; without them it finds nothing.
//! Such a mention is what is spoken of, never who acts: the coder codes no event with it as
//! source (its rule starts with [`dyad_core::OWNED_DESCRIPTION_RULE`]).

use crate::recognise::{ActorMatch, Pending};
use dyad_core::lexicon::{argument_type, ArgumentType};
use dyad_core::{MentionKind, Span, Token, Upos};
use std::collections::HashMap;

/// Words between an owner and its proposal noun, at most ("Tory asylum plans", "Labour's new
/// tax plans").
const MAX_GAP: usize = 3;

/// New mentions for definite descriptions of owned proposals, each with the index in `found`
/// of the owner's mention it stands for. `found` is in text order and resolved.
pub(crate) fn owned_descriptions(
    text: &str,
    tokens: &[Token],
    found: &[ActorMatch],
) -> Vec<(ActorMatch, usize)> {
    // The mention covering each token, if any.
    let mut covering: Vec<Option<usize>> = vec![None; tokens.len()];
    let mut m = 0;
    for (k, t) in tokens.iter().enumerate() {
        while m < found.len() && found[m].span.end <= t.span.start {
            m += 1;
        }
        if m < found.len() && found[m].span.start <= t.span.start && t.span.end <= found[m].span.end {
            covering[k] = Some(m);
        }
    }
    let mut owners: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for k in 0..tokens.len() {
        let t = &tokens[k];
        if !matches!(t.upos, Upos::NOUN | Upos::PROPN) || covering[k].is_some() {
            continue;
        }
        let lemma = t.lemma.to_lowercase();
        if argument_type(&lemma) != Some(ArgumentType::Proposal) {
            continue;
        }
        // Walk back over the noun phrase's modifiers to an owner or a determiner.
        let mut j = k;
        let mut owner = None;
        let mut determiner = None;
        for _ in 0..=MAX_GAP {
            let Some(p) = j.checked_sub(1) else { break };
            if let Some(o) = covering[p] {
                // A country before the noun is its topic as often as its owner ("Iraq war
                // claims"); a possessive says owner ("Iraq's claims").
                let possessive = (p + 1 < k
                    && matches!(&text[tokens[p + 1].span.range()], "'s" | "\u{2019}s"))
                    || text[found[o].span.range()].ends_with("'s");
                let bare_state = found[o].actors.iter().all(|a| a.code == a.country);
                if !found[o].actors.is_empty()
                    && !matches!(found[o].pending, Pending::Nominal(_))
                    && (possessive || !bare_state)
                {
                    owner = Some(o);
                }
                break;
            }
            let word = &text[tokens[p].span.range()];
            if matches!(word.to_lowercase().as_str(), "the" | "this" | "that" | "these" | "those") {
                determiner = Some(p);
                break;
            }
            if !(matches!(tokens[p].upos, Upos::NOUN | Upos::ADJ) || word == "'s" || word == "\u{2019}s") {
                break;
            }
            j = p;
        }
        match (owner, determiner) {
            (Some(o), _) => {
                owners.insert(lemma, o);
            }
            (None, Some(d)) => {
                if let Some(&o) = owners.get(&lemma) {
                    out.push((
                        ActorMatch {
                            span: Span::new(tokens[d].span.start as usize, t.span.end as usize),
                            name: None,
                            kind: MentionKind::Nominal,
                            entity: found[o].entity,
                            actors: found[o].actors.clone(),
                            rule: format!("{}{lemma}", dyad_core::OWNED_DESCRIPTION_RULE),
                            pending: Pending::None,
                        },
                        o,
                    ));
                }
            }
            (None, None) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognise::actor;

    /// Tokens of `text` split at spaces (and "'s"), tagged by a small table: enough for the
    /// noun phrases the tests need.
    fn tokens(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut at = 0;
        for word in text.split(' ') {
            let (w, poss) = match word.strip_suffix("'s") {
                Some(w) => (w, true),
                None => (word.trim_end_matches('.'), false),
            };
            let upos = match w {
                "the" | "The" => Upos::DET,
                "plans" | "claims" | "war" | "asylum" => Upos::NOUN,
                "called" | "unveiled" | "denied" => Upos::VERB,
                _ => Upos::PROPN,
            };
            let lemma = w.trim_end_matches('s').to_lowercase();
            out.push(Token { span: Span::new(at, at + w.len()), upos, lemma, ..Token::default() });
            if poss {
                out.push(Token {
                    span: Span::new(at + w.len(), at + w.len() + 2),
                    upos: Upos::PART,
                    lemma: "'s".into(),
                    ..Token::default()
                });
            }
            at += word.len() + 1;
        }
        out
    }

    fn mention(text: &str, words: &str, code: &str) -> ActorMatch {
        let start = text.find(words).expect("words in text");
        ActorMatch {
            span: Span::new(start, start + words.len()),
            name: None,
            kind: MentionKind::Name,
            entity: None,
            actors: vec![actor(code, None)],
            rule: "test".into(),
            pending: Pending::None,
        }
    }

    #[test]
    fn the_plans_after_tory_plans_are_the_tories() {
        let text = "Howard unveiled Tory asylum plans. Sherlock called the plans dangerous.";
        let found = vec![
            mention(text, "Howard", "GBROPP"),
            mention(text, "Tory", "GBROPP"),
            mention(text, "Sherlock", "GBRNGO"),
        ];
        let owned = owned_descriptions(text, &tokens(text), &found);
        assert_eq!(owned.len(), 1, "{owned:?}");
        let (m, owner) = &owned[0];
        assert_eq!((m.span.text(text), *owner), ("the plans", 1));
        assert_eq!(m.actors[0].code, "GBROPP");
        assert!(m.rule.starts_with(dyad_core::OWNED_DESCRIPTION_RULE));
    }

    #[test]
    fn a_country_before_the_noun_is_its_topic_unless_possessive() {
        let text = "Iraq war claims grew. Blair denied the claims.";
        let found = vec![mention(text, "Iraq", "IRQ"), mention(text, "Blair", "GBRGOV")];
        assert!(owned_descriptions(text, &tokens(text), &found).is_empty());
        let text = "Iraq's claims grew. Blair denied the claims.";
        let found = vec![mention(text, "Iraq", "IRQ"), mention(text, "Blair", "GBRGOV")];
        let owned = owned_descriptions(text, &tokens(text), &found);
        assert_eq!(owned.len(), 1, "{owned:?}");
        assert_eq!(owned[0].0.actors[0].code, "IRQ");
    }
}

//! Nominal events: nouns that name an event ("Putin's state visit to North Korea",
//! "consultations between Lavrov and Choe"), from `data/verbs/nouns.tsv`. Matches are built like
//! verb matches so that status, date and explanations treat them alike.

use crate::dictionary::Code;
use crate::engine::{actor_in, Match};
use crate::error::CoderError;
use crate::tree::Tree;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Possessor,
    Between,
    /// Only the subject the noun is said of; its possessor is whom it acts for ("Japan is
    /// Cambodia's biggest donor"; "a Labour donor" gives to Labour).
    Predicated,
}

#[derive(Debug, Clone)]
struct Noun {
    code: Code,
    source: Source,
    targets: Vec<String>,
    /// Words one of which must be in the noun's phrase ("test launch of an ICBM"), upper case;
    /// empty: none needed.
    needs: Vec<String>,
    line: usize,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Nouns {
    by_lemma: HashMap<String, Noun>,
}

impl Nouns {
    /// Whether `word` (upper case) is an event noun's lemma.
    pub(crate) fn has_word(&self, word: &str) -> bool {
        self.by_lemma.contains_key(word)
    }

    pub(crate) fn parse(text: &str, file: &str) -> Result<Nouns, CoderError> {
        let codes = dyad_core::EventCodes::get();
        let mut by_lemma = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            let (lemma, code, source, target, needs) = match f[..] {
                [lemma, code, source, target] => (lemma, code, source, target, ""),
                [lemma, code, source, target, needs] => (lemma, code, source, target, needs),
                _ => return Err(CoderError::Columns { file: file.to_string(), line: line_no, expected: 4 }),
            };
            let needs: Vec<String> =
                needs.split('|').map(str::trim).filter(|w| !w.is_empty()).map(str::to_uppercase).collect();
            let (forward, back) = match code.split_once(':') {
                Some((a, b)) => (a.to_string(), Some(b.to_string())),
                None => (code.to_string(), None),
            };
            for c in std::iter::once(&forward).chain(back.iter()) {
                if codes.lookup(c).is_none() {
                    return Err(CoderError::NotCameoCode {
                        file: file.to_string(),
                        line: line_no,
                        code: c.to_string(),
                    });
                }
            }
            let source = match source {
                "poss" => Source::Possessor,
                "between" => Source::Between,
                "pred" => Source::Predicated,
                other => {
                    return Err(CoderError::NounSource {
                        file: file.to_string(),
                        line: line_no,
                        role: other.to_string(),
                    })
                }
            };
            let targets = if target == "-" {
                Vec::new()
            } else {
                target.split('|').map(|p| p.to_uppercase()).collect()
            };
            by_lemma.insert(
                lemma.to_uppercase(),
                Noun { code: Code::Event { forward, back }, source, targets, needs, line: line_no },
            );
        }
        Ok(Nouns { by_lemma })
    }
}

impl Nouns {
    /// Adds the nouns of `other` this table lacks: a noun both list keeps this table's entry.
    pub(crate) fn add_missing(&mut self, other: Nouns) {
        for (lemma, noun) in other.by_lemma {
            self.by_lemma.entry(lemma).or_insert(noun);
        }
    }
}

/// Whether one of `needs` is a word of the noun's own phrase: a modifier before it ("missile
/// test") or the head of its "of" phrase and that head's modifiers ("launch of an ICBM").
fn has_needed_word(tree: &Tree, n: usize, needs: &[String]) -> bool {
    let is_needed = |k: usize| needs.iter().any(|w| tree.lemma[k] == *w || tree.form[k] == *w);
    tree.children[n].iter().any(|&c| {
        (c < n && matches!(tree.base(c), "compound" | "amod") && is_needed(c))
            || (c > n
                && tree.base(c) == "nmod"
                && tree.preposition(c).as_deref() == Some("OF")
                && (is_needed(c) || tree.children[c].iter().any(|&d| d < c && is_needed(d))))
    })
}

/// The actor of each child of `n` introduced by one of `preps`.
fn by_preposition(tree: &Tree, n: usize, preps: &[&str]) -> Vec<usize> {
    tree.children[n]
        .iter()
        .filter(|&&c| {
            matches!(tree.base(c), "nmod" | "obl")
                && tree.preposition(c).is_some_and(|p| preps.contains(&p.as_str()))
        })
        .filter_map(|&c| actor_in(tree, c))
        .collect()
}

/// Verbs that make their object's act their subject's own: "Nigeria announced the deployment
/// of 230 troops to Liberia", "Rabat ordered the release of the prisoners".
const MAKING_ONES_OWN: &[&str] =
    &["ANNOUNCE", "APPROVE", "ORDER", "AUTHORIZE", "AUTHORISE", "DECLARE", "UNVEIL", "CONFIRM"];

/// For an event noun with no possessor, the actor of the subject of the verb that announces,
/// approves or orders it (its object).
fn announcer(tree: &Tree, n: usize) -> Option<usize> {
    let v = tree.head[n].filter(|_| tree.base(n) == "obj")?;
    if !tree.is_verbal(v) || !MAKING_ONES_OWN.contains(&tree.lemma[v].as_str()) {
        return None;
    }
    crate::engine::subject_actor(tree, v)
}

/// The actor of the possessor, actor adjective or compound before noun `n` ("Putin's visit",
/// "Russian support").
fn possessor(tree: &Tree, n: usize) -> Option<usize> {
    tree.children[n]
        .iter()
        .filter(|&&c| matches!(tree.rel[c].as_str(), "nmod:poss" | "amod" | "compound") && c < n)
        .find_map(|&c| actor_in(tree, c))
}

/// Verbs that, like the copula, say what their subject is ("remains the largest donor").
const BEING: &[&str] = &["REMAIN", "BECOME", "STAY"];

/// For an event noun said of its clause's subject ("Japan is the biggest donor to Cambodia",
/// "the US remains the largest single donor"), that subject's actor: the subject does the
/// act the noun names. A pronoun subject is passed over ("it was an attack on democracy").
fn predicated_of(tree: &Tree, n: usize) -> Option<usize> {
    let clause = if tree.children[n].iter().any(|&c| tree.base(c) == "cop") {
        n
    } else {
        // The parse makes the predicate of "remains" its object now and then.
        tree.head[n]
            .filter(|&v| matches!(tree.base(n), "xcomp" | "obj") && BEING.contains(&tree.lemma[v].as_str()))?
    };
    let subject = tree.children[clause].iter().copied().find(|&c| tree.base(c) == "nsubj")?;
    if tree.upos[subject] == dyad_core::Upos::PRON {
        return None;
    }
    actor_in(tree, subject)
}

/// The first of `tokens` naming a state after "in", not one of `sources`: where aid with no
/// recipient named goes ("humanitarian assistance … to help people in Somalia"), as a verb's
/// place already stands in for its missing target.
fn state_given_in(tree: &Tree, tokens: &[usize], sources: &[usize]) -> Option<usize> {
    tokens.iter().copied().find(|&t| {
        tree.preposition(t).as_deref() == Some("IN")
            && !sources.contains(&t)
            && tree.mention[t].is_some_and(|m| {
                tree.doc.mentions[m as usize]
                    .actors
                    .iter()
                    .any(|a| a.code == a.country && a.country.len() == 3)
            })
    })
}

/// For an event noun with no target named, the one it is conveyed to when it is the object of
/// a purpose clause of a verb addressed to an actor: "called Erdogan to convey Pakistan's
/// support" (support for Erdogan), "visited Kyiv to express solidarity".
fn purpose_addressee(tree: &Tree, n: usize) -> Option<usize> {
    let convey = tree.head[n].filter(|_| tree.base(n) == "obj")?;
    let purpose = matches!(tree.base(convey), "xcomp" | "advcl") && crate::engine::has_to_mark(tree, convey);
    let addressed = tree.head[convey].filter(|_| purpose)?;
    tree.children[addressed]
        .iter()
        .copied()
        // The parse reads "called Erdogan" as naming ("called him a liar") now and then.
        .find(|&c| {
            c < convey
                && (matches!(tree.base(c), "obj" | "iobj") || (tree.base(c) == "xcomp" && !tree.is_verbal(c)))
        })
        .and_then(|c| actor_in(tree, c))
}

pub(crate) fn match_nouns(tree: &Tree, nouns: &Nouns) -> Vec<Match> {
    let mut out = Vec::new();
    if nouns.by_lemma.is_empty() {
        return out;
    }
    for n in 0..tree.len() {
        if !matches!(tree.upos[n], dyad_core::Upos::NOUN) || tree.mention[n].is_some() {
            continue;
        }
        let Some(noun) = nouns.by_lemma.get(&tree.lemma[n]).or_else(|| nouns.by_lemma.get(&tree.form[n]))
        else {
            continue;
        };
        if !noun.needs.is_empty() && !has_needed_word(tree, n, &noun.needs) {
            continue;
        }
        let (sources, reciprocal) = match noun.source {
            Source::Possessor => (
                possessor(tree, n)
                    .into_iter()
                    .chain(announcer(tree, n))
                    .chain(predicated_of(tree, n))
                    // "an attack by rebels on an army post"
                    .chain(by_preposition(tree, n, &["BY"]))
                    .take(1)
                    .collect(),
                false,
            ),
            Source::Between => (by_preposition(tree, n, &["BETWEEN"]), true),
            Source::Predicated => (predicated_of(tree, n).into_iter().collect(), false),
        };
        if sources.is_empty() {
            continue;
        }
        let preps: Vec<&str> = noun.targets.iter().map(String::as_str).collect();
        let mut targets = by_preposition(tree, n, &preps);
        if targets.is_empty() && noun.source == Source::Predicated {
            targets.extend(possessor(tree, n).filter(|t| !sources.contains(t)));
        }
        if targets.is_empty() && !preps.contains(&"OF") {
            // What is given or sent, in an "of" phrase, may name whom it goes to ("a major
            // donor of aid to the Palestinians", "the deployment of 230 troops to Liberia").
            // The parse may hang the phrase on a word inside what is given ("230 troops,
            // including 19 officers, to Liberia").
            for given in tree.children[n].iter().filter(|&&c| tree.preposition(c).as_deref() == Some("OF")) {
                let phrase = tree.subtree(*given, &|k| tree.is_verbal(k) && k != *given);
                targets.extend(phrase.into_iter().find_map(|k| {
                    let to = tree.preposition(k).is_some_and(|p| preps.contains(&p.as_str()));
                    to.then(|| actor_in(tree, k)).flatten()
                }));
            }
        }
        if targets.is_empty()
            && matches!(&noun.code, Code::Event { forward, .. } if forward.starts_with("07"))
        {
            targets.extend(state_given_in(tree, &tree.subtree(n, &|_| false), &sources));
        }
        if targets.is_empty() {
            targets.extend(purpose_addressee(tree, n).filter(|t| !sources.contains(t)));
        }
        let sources = crate::engine::expand_conjuncts(tree, &sources);
        let targets = crate::engine::expand_conjuncts(tree, &targets);
        out.push(Match {
            verb: n,
            block: format!("noun:{}", tree.lemma[n].to_lowercase()),
            pattern: None,
            line: noun.line,
            code: noun.code.clone(),
            sources,
            targets,
            reciprocal,
            passive: false,
        });
    }
    out
}

//! Verb-on-verb constructions: a governing verb and the complement verb it governs.
//!
//! When both match, the complement carries the event ("was seen to break into" → break), unless
//! a transformation rule (`data/verbs/transforms.tsv`) says what the pair means: "said it will
//! attack" → threaten (138), "vowed to support" → intent (03x), "refused to meet" → reject (12x).
//! The transformed event goes from the governor's subject to the complement's target.

use crate::dictionary::Code;
use crate::engine::Match;
use crate::error::CoderError;
use crate::tree::Tree;

#[derive(Debug, Clone)]
struct Rule {
    name: String,
    governors: Vec<String>,
    /// The complement must be in the future ("will", "would", "shall", "going to").
    future: bool,
    /// The complement must state an obligation ("must", "should"): what the governor's
    /// subject says another must do is a demand on that other.
    obligation: bool,
    /// Code prefixes of the complement's event ("19", "04"); empty for any.
    complement: Vec<String>,
    result: String,
    line: usize,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Transforms {
    rules: Vec<Rule>,
}

impl Transforms {
    /// Columns: name, governor lemmas (comma-separated), condition (`future`, `obligation` or `any`),
    /// complement code prefixes (comma-separated or `*`), result code.
    pub(crate) fn parse(text: &str, file: &str) -> Result<Transforms, CoderError> {
        let codes = dyad_core::EventCodes::get();
        let mut rules = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            let [name, governors, condition, complement, result] = f[..] else {
                return Err(CoderError::Columns { file: file.to_string(), line: line_no, expected: 5 });
            };
            let (future, obligation) = match condition {
                "future" => (true, false),
                "obligation" => (false, true),
                "any" => (false, false),
                other => {
                    return Err(CoderError::TransformCondition {
                        file: file.to_string(),
                        line: line_no,
                        condition: other.to_string(),
                    })
                }
            };
            if codes.lookup(result).is_none() {
                return Err(CoderError::NotCameoCode {
                    file: file.to_string(),
                    line: line_no,
                    code: result.to_string(),
                });
            }
            rules.push(Rule {
                name: name.to_string(),
                governors: governors
                    .split(',')
                    .map(|g| g.trim().to_uppercase())
                    .filter(|g| !g.is_empty())
                    .collect(),
                future,
                obligation,
                complement: if complement == "*" {
                    Vec::new()
                } else {
                    complement.split(',').map(|c| c.trim().to_string()).collect()
                },
                result: result.to_string(),
                line: line_no,
            });
        }
        Ok(Transforms { rules })
    }

    /// `first`'s rules, then these: the first rule that fits wins, so `first`'s win.
    pub(crate) fn after(&mut self, first: Transforms) {
        let mut rules = first.rules;
        rules.append(&mut self.rules);
        self.rules = rules;
    }

    /// Governors of the rules that make a refusal (12x): "refuse", "decline", "reject".
    fn is_refusal_lemma(&self, lemma: &str) -> bool {
        self.rules.iter().any(|r| r.result.starts_with("12") && r.governors.iter().any(|g| g == lemma))
    }

    /// The rejection (12x) that refusing a cooperative act (QuadClass 1 or 2: "will not end
    /// the strike", "would never meet") is, by the refusal rules: the first whose complement
    /// codes include `code`, else the generic one. None for other acts ("will not attack" is
    /// no rejection).
    pub(crate) fn refusal_of(&self, code: &str) -> Option<&String> {
        if !is_cooperative(code) {
            return None;
        }
        let refusals = || self.rules.iter().filter(|r| r.result.starts_with("12"));
        refusals()
            .find(|r| r.complement.iter().any(|p| code.starts_with(p.as_str())))
            .or_else(|| refusals().find(|r| r.complement.is_empty()))
            .map(|r| &r.result)
    }

    /// The intent (03x) that announcing a cooperative act as one's future act is, by the
    /// intent rules (those coding 03x for a complement code): None when no rule names the
    /// act's kind.
    pub(crate) fn intent_of(&self, code: &str) -> Option<&String> {
        if !is_cooperative(code) || code.starts_with("03") {
            return None;
        }
        self.rules
            .iter()
            .filter(|r| r.result.starts_with("03"))
            .find(|r| r.complement.iter().any(|p| code.starts_with(p.as_str())))
            .map(|r| &r.result)
    }

    fn find(&self, governor: &str, future: bool, complement: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| {
            r.governors.iter().any(|g| g == governor)
                && !r.obligation
                && (!r.future || future)
                && (r.complement.is_empty()
                    || r.complement.iter().any(|p| complement.starts_with(p.as_str())))
        })
    }
}

/// A match after verb-on-verb resolution: what to code and between whom.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub(crate) matched: Match,
    pub(crate) code: Code,
    pub(crate) sources: Vec<usize>,
    pub(crate) targets: Vec<usize>,
    /// The transformation that produced it ("threaten-by-saying#3").
    pub(crate) transform: Option<String>,
}

pub(crate) fn is_future(tree: &Tree, v: usize) -> bool {
    tree.children[v]
        .iter()
        .any(|&c| tree.base(c) == "aux" && dyad_core::lexicon::is_future_auxiliary(&tree.form[c]))
        // An infinitive is about what is to come; a finite clause the parser labelled as an
        // infinitive keeps its own subject ("confirmed Ukraine attacked") and its own tense.
        || (crate::engine::is_infinitive_complement(tree, v)
            && !tree.children[v].iter().any(|&s| tree.rel[s].starts_with("nsubj")))
}

/// Whether a code is of cooperation, verbal or material (QuadClass 1 or 2).
fn is_cooperative(code: &str) -> bool {
    dyad_core::EventCodes::get().lookup(code).is_some_and(|c| matches!(c.quad_class, 1 | 2))
}

/// Whether clause `v` states an obligation: a "must" or "should" of its own.
fn is_obligation(tree: &Tree, v: usize) -> bool {
    tree.children[v]
        .iter()
        .any(|&c| tree.base(c) == "aux" && matches!(tree.form[c].as_str(), "MUST" | "SHOULD"))
}

pub(crate) fn resolve(tree: &Tree, matches: Vec<Match>, transforms: &Transforms) -> Vec<Resolved> {
    let coded = |m: &Match| matches!(m.code, Code::Event { .. });
    let mut suppressed = vec![false; matches.len()];
    let mut out = Vec::new();
    // "Indonesia's donors said Indonesia must ensure security": what one says another must do
    // is a demand on that other (the obligation rules), whatever the act demanded.
    for (gi, g) in matches.iter().enumerate() {
        if g.sources.is_empty() {
            continue;
        }
        let Some(rule) =
            transforms.rules.iter().find(|r| r.obligation && r.governors.contains(&tree.lemma[g.verb]))
        else {
            continue;
        };
        let Some((ci, c)) = matches.iter().enumerate().find(|(_, c)| {
            tree.head[c.verb] == Some(g.verb)
                && tree.base(c.verb) == "ccomp"
                && !c.sources.is_empty()
                && is_obligation(tree, c.verb)
        }) else {
            continue;
        };
        let targets: Vec<usize> = c.sources.iter().copied().filter(|t| !g.sources.contains(t)).collect();
        if targets.is_empty() {
            continue;
        }
        out.push(Resolved {
            matched: g.clone(),
            code: Code::Event { forward: rule.result.clone(), back: None },
            sources: g.sources.clone(),
            targets,
            transform: Some(format!("{}#{}", rule.name, rule.line)),
        });
        suppressed[gi] = true;
        suppressed[ci] = true;
    }
    // Governors first see their complements; a complement is looked up among the matches by verb.
    for (gi, g) in matches.iter().enumerate() {
        if suppressed[gi] {
            continue;
        }
        // Only a complement that codes an event takes over from its governor.
        let complement = matches.iter().enumerate().find(|(_, c)| {
            coded(c)
                && !c.sources.is_empty()
                && tree.head[c.verb] == Some(g.verb)
                && (tree.base(c.verb) == "ccomp" || crate::engine::is_infinitive_complement(tree, c.verb))
        });
        let Some((ci, c)) = complement else { continue };
        let Code::Event { forward, .. } = &c.code else { continue };
        // "called Erdogan to apologize": the call and what was said in it are two acts, both
        // done (the one called is not the one who apologises).
        if crate::engine::is_said_in_the_call(tree, c.verb, g.verb) {
            continue;
        }
        // A complement negated in itself ("said it will not attack") is no threat or intent:
        // it stands as its own (negated or refused) act.
        let rule = transforms
            .find(&tree.lemma[g.verb], is_future(tree, c.verb), forward)
            .filter(|_| !crate::status::is_negated(tree, c.verb));
        // A complement without a target ("vowed to retaliate") still says what kind of act the
        // governor is, through a rule naming its code and when the governor has a source; alone
        // it does not take over.
        let targeted = !c.targets.is_empty() || c.reciprocal;
        let rule = rule.filter(|r| targeted || (!r.complement.is_empty() && !g.sources.is_empty()));
        // "urged Eriador to respond": an infinitive whose subject is the governor's object says
        // what the governor asks of that object. An intent is the governor's subject's own
        // ("wanted to meet"), so wanting another to act ("want the government to withdraw these
        // regulations") is none.
        let object_control = tree.children[g.verb].iter().any(|&o| matches!(tree.base(o), "obj" | "iobj"))
            && !tree.children[c.verb].iter().any(|&s| tree.rel[s].starts_with("nsubj"));
        let rule = rule.filter(|r| !(r.result.starts_with("03") && object_control));
        // "X will provide aid, the Palace said", the speaker no actor: the complement stands as
        // its own act rather than as a statement of no one.
        let rule = rule.filter(|_| !g.sources.is_empty());
        if !targeted && rule.is_none() {
            // "refused to back that change": the refusal (12x) is the act; the support refused,
            // of no one, is not a second event.
            if coded(g)
                && !g.sources.is_empty()
                && transforms.is_refusal_lemma(&tree.lemma[g.verb])
                && crate::engine::is_infinitive_complement(tree, c.verb)
            {
                suppressed[ci] = true;
            }
            continue;
        }
        // A finite complement clause ("noted that Cirith Ungol regretted …") is what the
        // governor's event is about: a governor that codes keeps its event. An infinitive ("was
        // seen to break") is the event itself.
        let governor_codes = coded(g) && !g.sources.is_empty() && (!g.targets.is_empty() || g.reciprocal);
        // Under object control ("urged Eriador to respond") the governor's event stands.
        if rule.is_none()
            && governor_codes
            && (object_control || !crate::engine::is_infinitive_complement(tree, c.verb))
        {
            // "Russia denied that Ukraine attacked Poland": the denial and the attack denied
            // (negated) are two events.
            if !matches!(&g.code, Code::Event { forward, .. } if forward == crate::DENY_RESPONSIBILITY) {
                suppressed[ci] = true;
            }
            continue;
        }
        if let Some(rule) = rule {
            // "Seoul and Washington failed to reach agreement": a complement its compound
            // subject does to each other makes the governor's event reciprocal too.
            let reciprocal = g.reciprocal || (c.targets.is_empty() && c.reciprocal);
            out.push(Resolved {
                matched: crate::engine::Match { reciprocal, ..g.clone() },
                code: Code::Event { forward: rule.result.clone(), back: None },
                sources: g.sources.clone(),
                // The governor's "object" may be the complement's own subject ("announced it
                // would boycott"): the one who acts is not the target.
                targets: if c.targets.is_empty() {
                    g.targets.iter().copied().filter(|t| !c.sources.contains(t)).collect()
                } else {
                    c.targets.clone()
                },
                transform: Some(format!("{}#{}", rule.name, rule.line)),
            });
            suppressed[ci] = true;
        }
        suppressed[gi] = true;
    }
    // "is willing to withdraw its troops": a governor that is no verb of the dictionary (an
    // adjective of readiness) still makes its infinitive an intent.
    for (ci, c) in matches.iter().enumerate() {
        let Code::Event { forward, .. } = &c.code else { continue };
        let Some(h) = tree.head[c.verb] else { continue };
        if suppressed[ci]
            || c.sources.is_empty()
            || tree.upos[h] != dyad_core::Upos::ADJ
            || !crate::engine::is_infinitive_complement(tree, c.verb)
            || crate::status::is_negated(tree, c.verb)
        {
            continue;
        }
        let Some(rule) = transforms.find(&tree.lemma[h], false, forward) else { continue };
        if !rule.result.starts_with("03") {
            continue;
        }
        out.push(Resolved {
            matched: c.clone(),
            code: Code::Event { forward: rule.result.clone(), back: None },
            sources: c.sources.clone(),
            targets: c.targets.clone(),
            transform: Some(format!("{}#{}", rule.name, rule.line)),
        });
        suppressed[ci] = true;
    }
    for (i, m) in matches.into_iter().enumerate() {
        if !suppressed[i] {
            out.push(Resolved {
                code: m.code.clone(),
                sources: m.sources.clone(),
                targets: m.targets.clone(),
                matched: m,
                transform: None,
            });
        }
    }
    out
}

/// Refusal verbs are the governors of the rules that make a rejection, and the verbs of refusal
/// among the negation cues ("denied").
impl crate::status::Refusals for Transforms {
    fn is_refusal(&self, tree: &Tree, v: usize) -> bool {
        self.is_refusal_lemma(&tree.lemma[v]) || crate::status::is_refusal_cue(tree, v)
    }
}

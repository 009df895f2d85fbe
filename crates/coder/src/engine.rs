//! The pattern engine: for each verb of a parsed sentence, find its dictionary entry, its
//! arguments (subject, object, obliques by preposition, complements), the most specific
//! pattern that matches them, and the source and target actors.
//!
//! Patterns are matched against the verb's phrase as the parse delimits it: the words before
//! the verb are its own dependents to the left (auxiliaries, adverbs, negation); the words after
//! it are its object, obliques and complements, without coordinated clauses, parentheticals,
//! adverbial clauses or the subject. Within that phrase a pattern's words must appear in order
//! (other words may come between), `{…}` words must belong to one noun phrase (only adjectives
//! may come between), and `(PREP …)` must be a phrase that the preposition introduces.

use crate::dictionary::{Code, Elem, Pattern, VerbDictionary, VerbEntry, Words};
use crate::tree::{Tree, MAX_DEPTH};

/// One verb that matched: which entry and pattern, the code, and the argument actors.
#[derive(Debug, Clone)]
pub(crate) struct Match {
    /// Token index of the verb within the sentence.
    pub(crate) verb: usize,
    pub(crate) block: String,
    pub(crate) pattern: Option<String>,
    pub(crate) line: usize,
    pub(crate) code: Code,
    /// Token indices of source and target actors (each a token covered by an actor mention).
    pub(crate) sources: Vec<usize>,
    pub(crate) targets: Vec<usize>,
    /// The source's own members act on each other (`%`).
    pub(crate) reciprocal: bool,
    pub(crate) passive: bool,
}

/// Dependents that start a new clause or aside: their words are not the verb's phrase.
const CLAUSE_BREAKS: &[&str] =
    &["parataxis", "advcl", "punct", "discourse", "vocative", "list", "dep", "acl:relcl"];

pub(crate) fn match_verbs(tree: &Tree, dict: &VerbDictionary) -> Vec<Match> {
    let mut out = Vec::new();
    for v in 0..tree.len() {
        if !tree.is_verbal(v) || tree.rel[v] == "aux" || tree.rel[v] == "aux:pass" || tree.rel[v] == "cop" {
            continue;
        }
        let mut entries = dict.lookup(&tree.lemma[v], &tree.form[v]);
        if entries.is_empty() && tree.lemma[v] != tree.form[v] {
            // The lemmatiser's guess may be no word ("boycotted" -> "boycot"): stems of the form.
            // (A form it left whole, "demands" tagged a verb, is not second-guessed.)
            entries = form_stem(&tree.form[v]).map(|l| dict.lookup(l, &tree.form[v])).unwrap_or_default();
        }
        if entries.is_empty() {
            continue;
        }
        if let Some(m) = match_verb(tree, dict, v, &entries) {
            out.push(m);
        }
    }
    out
}

fn match_verb(tree: &Tree, dict: &VerbDictionary, v: usize, entries: &[&VerbEntry]) -> Option<Match> {
    // Phrasal verbs: an entry whose particles follow the verb wins over the bare verb.
    let with_particle =
        entries.iter().find(|e| !e.particles.is_empty() && has_particles(tree, v, &e.particles));
    let entry = match with_particle {
        Some(e) => *e,
        None => *entries.iter().find(|e| e.particles.is_empty())?,
    };
    let block = &dict.blocks[entry.block];
    let pre = pre_words(tree, v);
    let mut post = post_words(tree, v);
    if entry.block >= dict.own_blocks {
        // An added dictionary's patterns ("deny * ATTACK") were written for a verb's own
        // phrase; a finite clause it governs is an event of its own, which the verb-on-verb
        // rules combine with it ("denied that Ukraine attacked" is not a denial of an attack).
        post.retain(|&t| !in_finite_complement(tree, t, v));
    }
    let args = arguments(tree, v, dict.petrarch_passives);
    let compound_subject = expand_conjuncts(tree, &args.sources).len() > 1
        || args.sources.iter().any(|&t| stands_for_several_countries(tree, t));
    let mut best: Option<(&Pattern, Roles)> = None;
    for p in &block.patterns {
        if p.compound && !compound_subject {
            continue;
        }
        if let Some(roles) = match_pattern(tree, p, &pre, &post) {
            if best.as_ref().is_none_or(|(b, r)| (p.weight(), roles.words) > (b.weight(), r.words)) {
                best = Some((p, roles));
            }
        }
    }
    let (code, pattern, line, roles) = match best {
        Some((p, roles)) => (p.code.clone(), Some(p.text.clone()), p.line, roles),
        // "helped make the election a contest", "help them foil a plot": what is helped is the
        // complement's act (coded on its own where the dictionary has it), not aid.
        None if ENABLING.contains(&tree.lemma[v].as_str()) && has_verbal_complement(tree, v) => {
            (Code::Null, None, entry.line, Roles::default())
        }
        None => {
            (entry.code.clone().unwrap_or_else(|| block.code.clone()), None, entry.line, Roles::default())
        }
    };
    let reciprocal = best_compound(block, pattern.as_deref());
    let mut sources = roles.source.map(|s| vec![s]).unwrap_or_else(|| args.sources.clone());
    let mut targets = match roles.target {
        Some(t) => vec![t],
        None => {
            let forward = match &code {
                Code::Event { forward, .. } => forward.as_str(),
                Code::Null => "",
            };
            let hostile =
                dyad_core::EventCodes::get().lookup(forward).is_some_and(|c| matches!(c.quad_class, 3 | 4));
            // Forces of no known country are the other side of coercion and force ("attacked
            // an army camp"), the actor's own in anything else ("sent troops to Uganda").
            let uses_force = ["17", "18", "19", "20"].iter().any(|r| forward.starts_with(r));
            match (args.against, args.past_own_forces) {
                (Some(a), _) if hostile => vec![a],
                (_, Some(t)) if !uses_force => vec![t],
                // A modifier the pattern itself names is the kind of act, not its target: the
                // "military" of "* {MILITARY &AID}" in "reduced military aid to its allies"
                // (the "Law" of "Law Lords" is only part of a name; the "humanitarian workers"
                // expelled are the target).
                _ => args
                    .targets
                    .iter()
                    .copied()
                    .filter(|&t| {
                        let mut words = (0..tree.len()).filter(|&k| tree.mention[k] == tree.mention[t]);
                        let modifier = matches!(tree.base(t), "amod" | "compound")
                            && tree.head[t].is_some_and(|h| tree.mention[h] != tree.mention[t]);
                        !(modifier
                            && pattern
                                .as_deref()
                                .is_some_and(|p| words.all(|k| names_word(p, &tree.form[k]))))
                    })
                    .collect(),
            }
        }
    };
    sources = expand_conjuncts(tree, &sources);
    targets = expand_conjuncts(tree, &targets);
    targets.retain(|t| !sources.contains(t));
    // Mobilising or putting on alert one's own army or police (root 15) acts on no one: the
    // forces are the means ("Israel mobilized the army").
    if matches!(&code, Code::Event { forward, .. } if forward.starts_with("15")) {
        targets.retain(|&t| !sources.iter().any(|&s| of_one_country(tree, s, t)));
    }
    Some(Match {
        verb: v,
        block: block.name.clone(),
        pattern,
        line,
        code,
        sources,
        targets,
        reciprocal,
        passive: args.passive,
    })
}

/// Whether pattern text `p` has `word` (upper case) as one of its own words ("{MILITARY &AID}"
/// has MILITARY), not as a synset, a role or a joined phrase.
fn names_word(p: &str, word: &str) -> bool {
    p.split(|c: char| c.is_whitespace() || matches!(c, '{' | '}' | '(' | ')' | '[' | ']')).any(|w| w == word)
}

/// Verbs that lend a hand to their verbal complement's act rather than give anything.
const ENABLING: &[&str] = &["HELP", "ASSIST", "ENABLE"];

/// Whether verb `v` governs a verbal complement ("help make", "help them to foil").
fn has_verbal_complement(tree: &Tree, v: usize) -> bool {
    tree.children[v].iter().any(|&c| matches!(tree.base(c), "xcomp" | "ccomp") && tree.is_verbal(c))
}

fn best_compound(block: &crate::dictionary::Block, pattern: Option<&str>) -> bool {
    block.patterns.iter().any(|p| p.compound && Some(p.text.as_str()) == pattern)
}

fn has_particles(tree: &Tree, v: usize, particles: &[String]) -> bool {
    // An object that is a particular thing ("stops the work of aid groups") is no particle of a
    // phrasal verb ("stopped work"); "paid a visit" still is.
    let particular = |c: usize| {
        tree.children[c].iter().any(|&d| {
            (tree.base(d) == "det" && tree.lemma[d] == "THE")
                || (tree.base(d) == "nmod" && tree.preposition(d).as_deref() == Some("OF"))
        })
    };
    let after: Vec<&str> = tree.children[v]
        .iter()
        .filter(|&&c| {
            c > v
                && matches!(tree.base(c), "compound" | "advmod" | "obl" | "nmod" | "case" | "mark" | "obj")
                && !(tree.base(c) == "obj" && particular(c))
        })
        .map(|&c| tree.form[c].as_str())
        .collect();
    // Also the words right after the verb ("wire tapped": compound before; "cordoned off").
    let next: Vec<&str> =
        (v + 1..(v + 1 + particles.len()).min(tree.len())).map(|k| tree.form[k].as_str()).collect();
    particles.iter().all(|p| after.contains(&p.as_str()) || next.contains(&p.as_str()))
}

/// The verb's own dependents before it, with their subtrees ("death toll has risen").
fn pre_words(tree: &Tree, v: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for &c in &tree.children[v] {
        if c < v && !CLAUSE_BREAKS.contains(&tree.rel[c].as_str()) {
            // "Neither X nor Y boycotted": the preconjunction belongs to the coordination of
            // the subject, not to the verb (a pattern "NEITHER *" is about the verb's words).
            out.extend(tree.subtree(c, &|_| false).into_iter().filter(|&k| tree.rel[k] != "cc:preconj"));
        }
    }
    out.sort_unstable();
    out
}

/// The verb's phrase after it: objects, obliques, complements, with their subtrees; not a
/// time adjunct, which says when, not what ("begun evacuating after days of demonstrations"
/// holds no demonstration begun).
fn post_words(tree: &Tree, v: usize) -> Vec<usize> {
    let skip = |c: usize| {
        (CLAUSE_BREAKS.contains(&tree.rel[c].as_str()) && !is_complement_clause(tree, c))
            || is_time_adjunct(tree, c)
            || tree.rel[c].starts_with("nsubj")
            || tree.rel[c] == "cc"
            || (tree.rel[c] == "conj" && tree.is_verbal(c))
    };
    let mut out = Vec::new();
    for &c in &tree.children[v] {
        if c > v && !skip(c) {
            out.extend(tree.subtree(c, &skip));
        }
    }
    out.sort_unstable();
    out
}

/// Whether token `t` is a pronoun or a description ("they", "the two sides") that stands for
/// actors of several countries, as after a coordination ("Russia and North Korea … they
/// signed"): a subject whose members can act on each other.
fn stands_for_several_countries(tree: &Tree, t: usize) -> bool {
    let Some(mi) = tree.mention[t] else { return false };
    let m = &tree.doc.mentions[mi as usize];
    matches!(m.kind, dyad_core::MentionKind::Pronoun | dyad_core::MentionKind::Nominal)
        && m.actors.iter().any(|a| a.country != m.actors[0].country)
}

/// Whether token `t` lies in a finite clause (`ccomp` with its own subject) that verb `v`
/// governs.
fn in_finite_complement(tree: &Tree, t: usize, v: usize) -> bool {
    tree.children[v].iter().any(|&c| {
        tree.base(c) == "ccomp"
            && tree.children[c].iter().any(|&k| tree.rel[k].starts_with("nsubj"))
            && in_subtree(tree, t, c)
    })
}

/// "vowed to wage war": an infinitive the parser attached as an adverbial clause is read as the
/// verb's complement, as "to" clauses after a verb almost always are.
pub(crate) fn is_infinitive_complement(tree: &Tree, c: usize) -> bool {
    tree.base(c) == "xcomp" || (tree.rel[c] == "advcl" && has_to_mark(tree, c))
}

/// A clause that completes the verb though the parse attached it as an adverbial: an
/// infinitive, or an indirect question ("question whether he has a future with the Orcs").
fn is_complement_clause(tree: &Tree, c: usize) -> bool {
    is_infinitive_complement(tree, c)
        || is_misread_noun_modifier(tree, c)
        || (tree.rel[c] == "advcl"
            && tree.children[c]
                .iter()
                .any(|&m| tree.base(m) == "mark" && matches!(tree.form[m].as_str(), "WHETHER" | "IF")))
}

/// A bare "-ing" word right after the verb's object noun, read as an adverbial clause of the
/// verb though it continues the object ("rescheduled his mushroom hunting trip in the Shire"):
/// its phrase is still the verb's.
fn is_misread_noun_modifier(tree: &Tree, c: usize) -> bool {
    tree.rel[c] == "advcl"
        && tree.form[c].ends_with("ING")
        && c > 0
        && tree.rel[c - 1] == "obj"
        && tree.head[c - 1] == tree.head[c]
        && !tree.children[c]
            .iter()
            .any(|&d| tree.rel[d].starts_with("nsubj") || matches!(tree.base(d), "mark" | "aux" | "punct"))
}

/// Nouns of duration: a phrase they head ("five years after the crowds burned its embassy")
/// says when, and the actors in it are not the verb's target.
const TIME_UNITS: &[&str] =
    &["SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "YEAR", "DECADE", "CENTURY", "TIME"];

/// An oblique or modifier headed by a noun of duration, bare ("five years after …") or with a
/// preposition of time; "with … years" keeps its actors (a misparse of "with Libya").
fn is_time_adjunct(tree: &Tree, c: usize) -> bool {
    matches!(tree.base(c), "obl" | "nmod")
        && (TIME_UNITS.contains(&tree.lemma[c].as_str())
            || tree.form[c].strip_suffix('S').is_some_and(|f| TIME_UNITS.contains(&f)))
        && tree.preposition(c).is_none_or(|p| {
            matches!(p.as_str(), "AFTER" | "BEFORE" | "FOR" | "IN" | "WITHIN" | "SINCE" | "DURING" | "UNTIL")
        })
}

#[derive(Debug, Default, Clone, Copy)]
struct Roles {
    source: Option<usize>,
    target: Option<usize>,
    /// Tokens the pattern's words matched: between patterns of equal weight, the one that
    /// matched more of the sentence ("austrian gold florin" over "florin") wins.
    words: usize,
}

fn match_pattern(tree: &Tree, p: &Pattern, pre: &[usize], post: &[usize]) -> Option<Roles> {
    let mut roles = Roles::default();
    match_seq(tree, &p.pre, pre, 0, &mut roles)?;
    match_seq(tree, &p.post, post, 0, &mut roles)?;
    Some(roles)
}

/// Match elements in order over `toks[from..]`, allowing gaps; returns the position after the
/// last element matched.
fn match_seq(tree: &Tree, elems: &[Elem], toks: &[usize], from: usize, roles: &mut Roles) -> Option<usize> {
    let mut at = from;
    for e in elems {
        at = match e {
            Elem::Skip => (at < toks.len()).then_some(at + 1)?,
            Elem::Source | Elem::Target => {
                let k = (at..toks.len()).find(|&k| tree.mention[toks[k]].is_some())?;
                if matches!(e, Elem::Source) {
                    roles.source = Some(toks[k]);
                } else {
                    roles.target = Some(toks[k]);
                }
                let m = tree.mention[toks[k]];
                let mut end = k + 1;
                while end < toks.len() && tree.mention[toks[end]] == m {
                    end += 1;
                }
                end
            }
            Elem::Word(w) => {
                let (k, end) =
                    (at..toks.len()).find_map(|k| match_words(tree, w, toks, k).map(|e| (k, e)))?;
                roles.words += end - k;
                end
            }
            Elem::Phrase(inner) => {
                let (k, end) =
                    (at..toks.len()).find_map(|k| match_phrase(tree, inner, toks, k).map(|e| (k, e)))?;
                roles.words += end - k;
                end
            }
            Elem::Prep(prep, inner) => (at..toks.len()).find_map(|k| {
                let end = match_words(tree, prep, toks, k)?;
                // The phrase the preposition introduces: its head's subtree.
                let object = tree.head[toks[k]]?;
                let span: Vec<usize> =
                    toks[end..].iter().copied().filter(|&t| in_subtree(tree, t, object)).collect();
                let mut inner_roles = *roles;
                if inner.is_empty() {
                    // A time ("called him on Friday") is no phrase of the pattern's.
                    let word = tree.span(object);
                    let sentence = tree.doc.sentences[tree.sentence].span;
                    let in_time = tree.doc.timexes_within(sentence).into_iter().any(|i| {
                        let t = tree.doc.timexes[i].span;
                        t.start <= word.start && word.end <= t.end
                    });
                    if in_time {
                        return None;
                    }
                    // The verb's own phrase: "called Erdogan to apologize for the case" has no
                    // "called for"; a phrase inside a complement clause belongs to its verb.
                    // (A participle modifying a noun, "a pendant engraved with …", is no clause;
                    // after a pattern word, "PROVOCATIONS (BY)", the phrase is that word's.)
                    let mut up = object;
                    while let Some(h) = tree.head[up].filter(|_| roles.words == 0) {
                        if tree.is_verbal(h) {
                            let clause = matches!(tree.base(h), "xcomp" | "ccomp" | "advcl" | "csubj");
                            if clause && toks.contains(&h) {
                                return None;
                            }
                            break;
                        }
                        up = h;
                    }
                    // "(BY)": the phrase the preposition introduces holds the target.
                    if roles.target.is_none() && tree.base(toks[k]) == "case" {
                        roles.target = actor_in(tree, object);
                    }
                    return Some(end);
                }
                // The phrase's words follow the preposition, past determiners only ("for the
                // asylum", not "for foreign asylum", which "* ASYLUM" is for).
                let start = span
                    .iter()
                    .position(|&t| {
                        !matches!(tree.upos[t], dyad_core::Upos::DET | dyad_core::Upos::NUM)
                            && tree.rel[t] != "nmod:poss"
                    })
                    .unwrap_or(span.len());
                let span = &span[start..];
                if !matches!(inner.first(), Some(Elem::Word(_)) | Some(Elem::Phrase(_))) {
                    // "(AT ^ ^)", "(WITH +)": positions, not words, come first.
                    let used = match_seq(tree, inner, span, 0, &mut inner_roles)?;
                    *roles = inner_roles;
                    let last = span[used - 1];
                    return Some(toks.iter().position(|&t| t == last)? + 1);
                }
                let first_end = match inner.first() {
                    Some(Elem::Word(w)) => match_words(tree, w, span, 0),
                    Some(Elem::Phrase(p)) => match_phrase(tree, p, span, 0),
                    _ => None,
                }?;
                inner_roles.words += first_end;
                let used = match_seq(tree, &inner[1..], span, first_end, &mut inner_roles)?;
                *roles = inner_roles;
                let last = span[used - 1];
                Some(toks.iter().position(|&t| t == last)? + 1)
            })?,
        };
    }
    Some(at)
}

fn in_subtree(tree: &Tree, t: usize, root: usize) -> bool {
    let mut at = t;
    for _ in 0..MAX_DEPTH {
        if at == root {
            return true;
        }
        match tree.head[at] {
            Some(h) => at = h,
            None => return false,
        }
    }
    false
}

/// Does one alternative of `w` match the tokens starting at `toks[k]`? Returns the end.
fn match_words(tree: &Tree, w: &Words, toks: &[usize], k: usize) -> Option<usize> {
    if let Some(set) = &w.first_bytes {
        let t = *toks.get(k)?;
        let has =
            |s: &str| s.as_bytes().first().is_some_and(|&b| set[usize::from(b >> 6)] & (1 << (b & 63)) != 0);
        if !has(&tree.form[t]) && !has(&tree.lemma[t]) {
            return None;
        }
    }
    // The longest alternative that matches ("SWISS FRANCS" before "FRANCS").
    w.alternatives
        .iter()
        .filter_map(|alt| {
            let n = alt.len();
            (k + n <= toks.len()
                && alt.iter().enumerate().all(|(j, word)| word_matches(tree, toks[k + j], word)))
            .then_some(k + n)
        })
        .max()
}

/// `{A B C}`: the words belong to one noun phrase, in order, with only adjectives between.
fn match_phrase(tree: &Tree, inner: &[Elem], toks: &[usize], k: usize) -> Option<usize> {
    let mut at = k;
    let mut first = true;
    // Adjectives may come between the modifiers, not between the last one and the noun
    // ("new global economic relations", not "economic secret memos").
    let last_word = inner.iter().rposition(|e| matches!(e, Elem::Word(_)));
    for (i, e) in inner.iter().enumerate() {
        let Elem::Word(w) = e else {
            let mut r = Roles::default();
            at = match_seq(tree, std::slice::from_ref(e), toks, at, &mut r)?;
            continue;
        };
        let mut k2 = at;
        loop {
            if let Some(end) = match_words(tree, w, toks, k2) {
                at = end;
                break;
            }
            if first
                || Some(i) == last_word
                || k2 >= toks.len()
                || !matches!(tree.upos[toks[k2]], dyad_core::Upos::ADJ | dyad_core::Upos::ADV)
            {
                return None;
            }
            k2 += 1;
        }
        first = false;
    }
    // One noun phrase: the last word is a noun (or adjective) that governs the others.
    let last = toks[at.checked_sub(1)?];
    if tree.is_verbal(last) || !toks[k..at].iter().all(|&t| in_subtree(tree, t, last)) {
        return None;
    }
    Some(at)
}

/// A dictionary word against a token: the form or lemma, ignoring case; a word ending in `_`
/// must match the form exactly; a plain word also matches its regular plural.
fn word_matches(tree: &Tree, t: usize, word: &str) -> bool {
    if let Some(exact) = word.strip_suffix('_') {
        return tree.form[t] == exact;
    }
    let form = &tree.form[t];
    // Every way below that a word of two or more bytes matches starts with the form's or the
    // lemma's first byte: most pairs fail here, before any comparison of whole strings.
    if let [b, _, ..] = word.as_bytes() {
        if form.as_bytes().first() != Some(b) && tree.lemma[t].as_bytes().first() != Some(b) {
            return false;
        }
    }
    form == word
        || tree.lemma[t] == word
        || form.strip_suffix('S').is_some_and(|f| f == word || f.strip_suffix('E') == Some(word))
        || (word.ends_with('Y')
            && form.strip_suffix("IES").is_some_and(|f| word.strip_suffix('Y') == Some(f)))
}

/// The verb's arguments as actors: sources from the subject (or the agent of a passive) and
/// targets from the object, obliques and complements, in that order.
struct Args {
    sources: Vec<usize>,
    targets: Vec<usize>,
    passive: bool,
    /// The actor the act is "against", for a hostile act ("filed a lawsuit in a Paris court
    /// against the crown prince").
    against: Option<usize>,
    /// For a cooperative act whose target is a force of no known country, the next actor
    /// ("sent troops to Uganda": the troops are the sender's own).
    past_own_forces: Option<usize>,
}

fn arguments(tree: &Tree, v: usize, petrarch_passives: bool) -> Args {
    let subj = subject_of(tree, v);
    let passive = tree.children[v].iter().any(|&c| tree.rel[c] == "aux:pass" || tree.rel[c] == "nsubj:pass")
        || conjoined_participle_after_be(tree, v)
        || headline_participle(tree, v);
    let agent = tree.children[v].iter().copied().find(|&c| {
        tree.rel[c] == "obl:agent"
            || (passive
                && matches!(tree.base(c), "obl" | "nmod")
                && tree.preposition(c).as_deref() == Some("BY"))
    });
    let (post_actors, against) = first_actors_after(tree, v, agent);
    let subj_actor = match subj {
        Some(s) => np_actor(tree, s).or_else(|| author_of_thing(tree, s)),
        None if !passive && !matches!(tree.base(v), "xcomp" | "conj" | "acl" | "advcl" | "ccomp") => {
            adjacent_subject(tree, v)
        }
        None => None,
    };
    let more_subjects = match (subj, subj_actor) {
        (Some(s), Some(_)) => misparsed_conjunct_subjects(tree, s),
        _ => Vec::new(),
    };
    // "X is believed linked to Y", "X was said to back Y": a passive verb of saying or
    // thinking that raises its subject from a verbal complement keeps that subject as the
    // one who acts (there is no agent to swap in).
    // Not a verb that acts on its object to make it act ("the police are being asked to
    // judge", "Russia was urged to withdraw"): there the subject is the one asked, and without
    // an agent no one asks.
    let verbal_complement =
        tree.children[v].iter().any(|&c| tree.base(c) == "xcomp" && tree.upos[c] == dyad_core::Upos::VERB);
    let controlled = OBJECT_CONTROL.contains(&tree.lemma[v].as_str());
    let raised = passive && agent.is_none() && !controlled && verbal_complement;
    if passive && !raised {
        // Without a "by" agent of the verb's own: an actor "by" introduces deeper (the parse
        // hung it on a noun), or the state the act happened in ("was arrested in Rwanda": its
        // authorities); not any actor after the verb ("was asked if the SAS had been in Iran").
        let source = agent
            .and_then(|a| actor_in(tree, a).filter(|&t| !is_introduced_as_place(tree, t)))
            .or_else(|| {
                if petrarch_passives {
                    return post_actors.first().copied();
                }
                post_actors.iter().copied().find(|&t| {
                    // (With an agent no dictionary knows, "attacked by muggers in Kenya", not the
                    // state, nor a place named in the agent's phrase: the act has a doer, who is no
                    // one's authorities.)
                    (on_the_way_up(tree, t, v, |n| n != v && tree.preposition(n).as_deref() == Some("BY"))
                        && !is_introduced_as_place(tree, t))
                        || (agent.is_none()
                            && tree.head[t] == Some(v)
                            && tree.base(t) == "obl"
                            && is_place_adjunct(tree, t)
                            && is_state_actor(tree, t))
                })
            });
        // The subject is done to; where it is no actor, a partner "with" names is the other
        // side ("plans for the islands to be discussed by Spain with Britain").
        let partner =
            || post_actors.iter().copied().find(|&t| Some(t) != source && introduced_by_with(tree, t, v));
        return Args {
            sources: source.into_iter().collect(),
            targets: subj_actor.or_else(partner).into_iter().filter(|t| Some(*t) != source).collect(),
            passive,
            against: None,
            past_own_forces: None,
        };
    }
    // The first actor after the verb, unless it is of the subject's own country and another
    // actor follows ("Choe started the meeting at the Ministry … in Moscow" when the ministry
    // was resolved to her own): an event needs two sides.
    let other_side = |t: usize| {
        !subj_actor.is_some_and(|s| same_countries(tree, s, t)) && !is_own_possessive(tree, subj_actor, t)
    };
    // Whom a call or a letter addressed is the target of what was said in it, unless the act's
    // object is an actor itself ("called Morrison to congratulate him"); "to discuss
    // Syria-related topics" and "to convey Pakistan's support" name no partner.
    let addressee = addressee_of_governor(tree, v);
    let own_object =
        tree.children[v].iter().copied().find(|&c| tree.base(c) == "obj" && tree.mention[c].is_some());
    let target = addressee
        .filter(|_| own_object.is_none())
        .or_else(|| post_actors.iter().copied().find(|&t| other_side(t)))
        .or(addressee)
        .or_else(|| post_actors.first().copied())
        .or_else(|| unnamed_people_object(tree, v));
    let past_own_forces = target.filter(|&t| is_force_of_no_country(tree, t)).and_then(|_| {
        post_actors.iter().copied().find(|&t| other_side(t) && !is_force_of_no_country(tree, t))
    });
    let mut sources: Vec<usize> = subj_actor.into_iter().collect();
    sources.extend(more_subjects.into_iter().filter(|t| Some(*t) != target));
    let against = against.filter(|&t| other_side(t));
    Args { sources, targets: target.into_iter().collect(), passive, against, past_own_forces }
}

/// For a subject that is no actor but a thing an actor made or used, as a participle with a
/// "by" agent says ("the missiles fired by the Israeli military struck a depot", "a report
/// published by MPs criticised the ministry"), that actor: it acts through the thing.
fn author_of_thing(tree: &Tree, s: usize) -> Option<usize> {
    tree.children[s].iter().copied().filter(|&c| tree.base(c) == "acl" && tree.is_verbal(c)).find_map(|c| {
        tree.children[c]
            .iter()
            .copied()
            .find(|&a| {
                tree.rel[a] == "obl:agent"
                    || (matches!(tree.base(a), "obl" | "nmod")
                        && tree.preposition(a).as_deref() == Some("BY"))
            })
            .and_then(|a| actor_in(tree, a))
    })
}

/// Whether verb `v` is a headline's passive participle without its auxiliary ("BNP leader
/// Nick Griffin arrested", "Aid worker freed in Iraq"): the root of a sentence with no closing
/// punctuation, a participle (or a regular past form in "-ed" the tagger read as a past tense),
/// with a subject and no auxiliary, object or clause of its own. Headlines put the active act
/// in the present ("Blair backs budget").
fn headline_participle(tree: &Tree, v: usize) -> bool {
    let unpunctuated = (0..tree.len())
        .rev()
        .find(|&k| !matches!(tree.form[k].as_str(), "\"" | "'" | "”" | "’"))
        .is_some_and(|k| tree.upos[k] != dyad_core::Upos::PUNCT);
    // A participle: tagged so, or a regular past form the tagger read as a past tense ("went
    // on strike" is no participle).
    let past = match tree.doc.tokens[tree.first + v].xpos.as_str() {
        "VBN" => true,
        "VBD" => tree.form[v].ends_with("ED"),
        _ => false,
    };
    unpunctuated
        && past
        && tree.head[v].is_none()
        && tree.children[v].iter().any(|&c| tree.base(c) == "nsubj")
        && !tree.children[v]
            .iter()
            .any(|&c| matches!(tree.base(c), "aux" | "obj" | "iobj" | "ccomp" | "xcomp" | "cop"))
}

/// "was heavily and unjustly criticized" parsed with "was" as the copula of "heavily" and the
/// verb as its conjunct: a past participle coordinated under a head that "be" governs is passive.
fn conjoined_participle_after_be(tree: &Tree, v: usize) -> bool {
    let Some(h) = tree.head[v] else { return false };
    let participle = tree.doc.tokens[tree.first + v].xpos == "VBN";
    let own_aux = tree.children[v].iter().any(|&c| tree.base(c) == "aux");
    participle
        && !own_aux
        && tree.base(v) == "conj"
        && tree.children[h].iter().any(|&c| matches!(tree.base(c), "cop" | "aux") && tree.lemma[c] == "BE")
}

/// Whether actor token `t` is a force (troops, police) of no known country: after a verb of
/// sending, withdrawing or mobilising, the actor's own.
fn is_force_of_no_country(tree: &Tree, t: usize) -> bool {
    let Some(m) = tree.mention[t] else { return false };
    let mention = &tree.doc.mentions[m as usize];
    mention.kind == dyad_core::MentionKind::Nominal
        && !mention.actors.is_empty()
        && mention.actors.iter().all(|a| {
            a.country == dyad_core::UNRESOLVED_ACTOR_CODE
                && (a.code.ends_with("MIL") || a.code.ends_with("COP"))
        })
}

/// Whether actor token `t` is a possessive pronoun standing for the subject ("provided their
/// donations to the Palestinians").
fn is_own_possessive(tree: &Tree, subj: Option<usize>, t: usize) -> bool {
    let Some(m) = tree.mention[t] else { return false };
    let mention = &tree.doc.mentions[m as usize];
    tree.upos[t] == dyad_core::Upos::PRON
        && tree.rel[t] == "nmod:poss"
        && subj.and_then(|s| tree.mention[s]).is_some_and(|sm| {
            let subject = &tree.doc.mentions[sm as usize];
            mention.actors.iter().any(|a| subject.actors.iter().any(|b| a.country == b.country))
        })
}

/// Whether the actors at tokens `a` and `b` are all of one state.
fn of_one_country(tree: &Tree, a: usize, b: usize) -> bool {
    let countries = |k: usize| -> Vec<&str> {
        tree.mention[k].map_or(Vec::new(), |m| {
            tree.doc.mentions[m as usize].actors.iter().map(|a| a.country.as_str()).collect()
        })
    };
    let (ca, cb) = (countries(a), countries(b));
    !ca.is_empty() && ca.iter().chain(&cb).all(|c| *c == ca[0] && is_state_code(c))
}

/// Whether the actors at tokens `a` and `b` are of the same countries.
fn same_countries(tree: &Tree, a: usize, b: usize) -> bool {
    let actors = |k: usize| -> Vec<&dyad_core::Actor> {
        let Some(m) = tree.mention[k] else { return Vec::new() };
        tree.doc.mentions[m as usize].actors.iter().collect()
    };
    let (aa, ab) = (actors(a), actors(b));
    fn sorted<'a>(v: &[&'a dyad_core::Actor], f: fn(&'a dyad_core::Actor) -> &'a str) -> Vec<&'a str> {
        let mut c: Vec<&str> = v.iter().map(|a| f(a)).collect();
        c.sort_unstable();
        c
    }
    let (ca, cb) = (sorted(&aa, |a| a.country.as_str()), sorted(&ab, |a| a.country.as_str()));
    // Two bodies of one state are two sides ("Israel's attorney general rejected Prime Minister
    // Netanyahu"); the state and its own body are one ("Russia withdrew its troops"), but not
    // its people, opposition or rebels, whom it frees, arrests or fights ("Yemen let free
    // activists").
    let bare = |v: &[&dyad_core::Actor]| v.iter().any(|a| a.code == a.country);
    let society = |v: &[&dyad_core::Actor]| v.iter().any(|a| is_society_code(&a.code));
    !ca.is_empty()
        && ca == cb
        && society(&aa) == society(&ab)
        && (bare(&aa) || bare(&ab) || sorted(&aa, |a| a.code.as_str()) == sorted(&ab, |a| a.code.as_str()))
}

/// Whether an actor code names a part of a country's society rather than of its state:
/// civilians, opposition, rebels, refugees, the press, schools, workers, clergy, NGOs.
fn is_society_code(code: &str) -> bool {
    matches!(code.get(3..6), Some("CVL" | "OPP" | "REB" | "REF" | "MED" | "EDU" | "LAB" | "REL" | "NGO"))
}

/// The actor of a noun phrase, or of the first of its conjuncts that has one ("the lions and
/// Gondor").
fn np_actor(tree: &Tree, n: usize) -> Option<usize> {
    actor_in(tree, n).or_else(|| {
        tree.children[n]
            .iter()
            .filter(|&&c| tree.rel[c] == "conj" && !tree.is_verbal(c))
            .find_map(|&c| actor_in(tree, c))
    })
}

/// The stem of a past or present participle that keeps a doubled last consonant
/// ("BOYCOTTED" -> "BOYCOTT"), where the lemmatiser may have undone the doubling.
pub(crate) fn form_stem(form: &str) -> Option<&str> {
    let stem = form.strip_suffix("ED").or_else(|| form.strip_suffix("ING"))?;
    let b = stem.as_bytes();
    (b.len() >= 4 && b[b.len() - 1] == b[b.len() - 2]).then_some(stem)
}

/// Verbs after which "to" introduces the next act, not a purpose ("went on to accuse", "moved
/// to block", "proceeded to sign").
const GOING_ON_TO: &[&str] = &["GO", "MOVE", "PROCEED", "HASTEN", "RUSH"];

/// Verbs that set an operation going, and the operations they set going ("launched a
/// campaign to arrest", "mounted an operation to free the hostages").
const LAUNCHING: &[&str] = &["LAUNCH", "MOUNT", "BEGIN", "START", "CONDUCT", "STAGE"];
const OPERATIONS: &[&str] = &["OPERATION", "CAMPAIGN", "DRIVE", "CRACKDOWN", "OFFENSIVE", "RAID", "MISSION"];

/// Verbs that send people somewhere, and the people sent to act there ("sent a team of
/// experts to Iran to investigate the crash", "dispatched an envoy to negotiate").
const SENDING: &[&str] = &["SEND", "DISPATCH", "DESPATCH"];
const EMISSARIES: &[&str] = &[
    "TEAM",
    "EXPERT",
    "INVESTIGATOR",
    "INSPECTOR",
    "OBSERVER",
    "DELEGATION",
    "ENVOY",
    "EMISSARY",
    "MEDIATOR",
    "NEGOTIATOR",
    "SPECIALIST",
    "OPERATIVE",
];

/// Whether verb `h` sets an act going through its object: launches an operation or sends
/// people to do it. What that object is sent or launched to do is then under way, by `h`'s
/// subject.
fn launches_an_operation(tree: &Tree, h: usize) -> bool {
    let object_in = |verbs: &[&str], objects: &[&str]| {
        verbs.contains(&tree.lemma[h].as_str())
            && tree.children[h]
                .iter()
                .any(|&o| tree.base(o) == "obj" && objects.contains(&tree.lemma[o].as_str()))
    };
    object_in(LAUNCHING, OPERATIONS) || object_in(SENDING, EMISSARIES)
}

/// Verbs of addressing someone: a participle clause hung on one ("wrote to Mr McConnell asking
/// for clarification", "turned to the UN appealing for help") is said to that someone.
const ADDRESSING: &[&str] = &["WRITE", "SPEAK", "TURN", "APPEAL", "TALK", "TELEPHONE", "PHONE"];

/// Verbs of calling someone up, whose object is the one addressed ("called Erdogan").
const CALLING: &[&str] = &["CALL", "TELEPHONE", "PHONE", "RING"];

/// Acts done in words, which a call or a letter is made to do ("called Erdogan to apologize").
const SPEECH_ACTS: &[&str] = &[
    "APOLOGIZE",
    "APOLOGISE",
    "CONGRATULATE",
    "THANK",
    "EXPRESS",
    "CONVEY",
    "OFFER",
    "EXTEND",
    "ASSURE",
    "REASSURE",
    "DISCUSS",
    "INVITE",
    "URGE",
    "ASK",
    "PRAISE",
    "WELCOME",
    "PROTEST",
    "COMPLAIN",
    "WARN",
    "BRIEF",
    "INFORM",
];

/// Whether to-infinitive `c` says what its governor `h`, a call or a letter, was for: a speech
/// act, done in it.
pub(crate) fn is_said_in_the_call(tree: &Tree, c: usize, h: usize) -> bool {
    let governor = tree.lemma[h].as_str();
    has_to_mark(tree, c)
        && (CALLING.contains(&governor) || ADDRESSING.contains(&governor))
        && SPEECH_ACTS.contains(&tree.lemma[c].as_str())
}

/// For a bare participle clause of a verb of addressing, the actor addressed ("to" the actor);
/// for a speech act a call was made for, the one called ("called Erdogan to apologize").
fn addressee_of_governor(tree: &Tree, v: usize) -> Option<usize> {
    let h = tree.head[v]?;
    if tree.rel[v] == "advcl" && is_said_in_the_call(tree, v, h) && CALLING.contains(&tree.lemma[h].as_str())
    {
        // The parse sometimes reads "called Erdogan" as naming ("called him a liar").
        let object = tree.children[h]
            .iter()
            .copied()
            .find(|&c| tree.base(c) == "obj" || (tree.base(c) == "xcomp" && !tree.is_verbal(c)))?;
        return np_actor(tree, object);
    }
    // "sent experts to Saudi Arabia to investigate the attacks": whom people were sent to is
    // the other side of what they were sent to do.
    if tree.rel[v] == "advcl" && has_to_mark(tree, v) && SENDING.contains(&tree.lemma[h].as_str()) {
        let sent = tree.children[h].iter().copied().find(|&o| tree.base(o) == "obj");
        return [Some(h), sent]
            .into_iter()
            .flatten()
            .flat_map(|n| tree.children[n].iter().copied())
            .find(|&c| {
                matches!(tree.base(c), "obl" | "nmod")
                    && matches!(tree.preposition(c).as_deref(), Some("TO" | "INTO"))
            })
            .and_then(|c| np_actor(tree, c));
    }
    let participle = tree.rel[v] == "advcl"
        && tree.form[v].ends_with("ING")
        && !tree.children[v].iter().any(|&m| tree.base(m) == "mark");
    if !participle || !ADDRESSING.contains(&tree.lemma[h].as_str()) {
        return None;
    }
    tree.children[h]
        .iter()
        .copied()
        .find(|&c| tree.base(c) == "obl" && tree.preposition(c).as_deref() == Some("TO"))
        .and_then(|c| np_actor(tree, c))
}

/// Whether token `k` heads a phrase of people no dictionary names ("at least 19 Christians",
/// "a former presidential candidate"; `argument_types.tsv`, type person), not an actor itself.
pub(crate) fn names_unnamed_people(tree: &Tree, k: usize) -> bool {
    tree.mention[k].is_none()
        && matches!(tree.upos[k], dyad_core::Upos::NOUN | dyad_core::Upos::PROPN)
        && [tree.lemma[k].to_lowercase(), tree.form[k].to_lowercase()]
            .iter()
            .any(|w| dyad_core::lexicon::argument_type(w) == Some(dyad_core::lexicon::ArgumentType::Person))
}

/// The object of `v` where it names people no dictionary knows and holds no actor: the act's
/// target, of unknown code ("Ethiopia let free some 74 political leaders").
fn unnamed_people_object(tree: &Tree, v: usize) -> Option<usize> {
    let object = tree.children[v].iter().copied().find(|&c| tree.base(c) == "obj")?;
    (np_actor(tree, object).is_none() && names_unnamed_people(tree, object)).then_some(object)
}

/// The actor token of the subject of verb `v` ([`subject_of`]), if it names one.
pub(crate) fn subject_actor(tree: &Tree, v: usize) -> Option<usize> {
    subject_of(tree, v).and_then(|s| actor_in(tree, s))
}

/// Verbs whose object is made to act by their subject ("asked Russia to withdraw"): in the
/// passive, their subject is that object, not someone who acts.
const OBJECT_CONTROL: &[&str] = &[
    "ASK",
    "URGE",
    "ORDER",
    "TELL",
    "REQUEST",
    "INVITE",
    "PRESS",
    "PRESSURE",
    "FORCE",
    "COMPEL",
    "ENCOURAGE",
    "PERSUADE",
    "INSTRUCT",
    "ADVISE",
    "CALL",
    "DIRECT",
    "COMMAND",
    "OBLIGE",
    "REQUIRE",
    "PERMIT",
    "ALLOW",
    "AUTHORIZE",
    "AUTHORISE",
    "WARN",
];

/// The subject of `v`: its own, or for a complement or coordinated verb the governor's. A
/// pronoun subject with no actor of a complement clause stands for the governor's subject
/// ("Ethiopia indicated it would act").
fn subject_of(tree: &Tree, v: usize) -> Option<usize> {
    let own = subject_of_clause(tree, v).or_else(|| {
        // "indicated it deplored Libya" with "it" read as the governor's object: a pronoun
        // right before a complement verb that has no subject is its subject.
        (tree.base(v) == "ccomp" && v > 0 && tree.upos[v - 1] == dyad_core::Upos::PRON).then(|| v - 1)
    })?;
    if tree.mention[own].is_none() && tree.upos[own] == dyad_core::Upos::PRON && tree.base(v) == "ccomp" {
        if let Some(g) = tree.head[v].and_then(|h| subject_of_clause(tree, h)) {
            return Some(g);
        }
    }
    Some(own)
}

/// The subject of `v`: its own, or for a complement or coordinated verb the governor's.
fn subject_of_clause(tree: &Tree, v: usize) -> Option<usize> {
    subject_up_the_clauses(tree, v).or_else(|| controller_before_to(tree, v))
}

/// "Arnor is about to restore ties" with "restore" torn from "about" by the parse: the
/// predicate right before the infinitive's "to" controls it, wherever the parse hung it.
fn controller_before_to(tree: &Tree, v: usize) -> Option<usize> {
    use dyad_core::Upos;
    let to = tree.children[v].iter().copied().find(|&m| tree.base(m) == "mark" && tree.form[m] == "TO")?;
    let p = to.checked_sub(1)?;
    if to + 1 != v || !matches!(tree.upos[p], Upos::ADJ | Upos::VERB) {
        return None;
    }
    clause_subjects(tree, p).first().copied()
}

/// "said Labour and the Conservatives were united in …" parsed with the content's subject as
/// the speech verb's object: for a complement clause `c` without a subject of its own, under a
/// reporting verb, the actor object before it.
pub(crate) fn object_read_for_subject(tree: &Tree, c: usize) -> Option<usize> {
    if tree.base(c) != "ccomp" || !clause_subjects(tree, c).is_empty() {
        return None;
    }
    let h = tree.head[c]?;
    if !tree.is_speech_verb(h) {
        return None;
    }
    tree.children[h].iter().copied().find(|&o| tree.base(o) == "obj" && o < c && np_actor(tree, o).is_some())
}

fn subject_up_the_clauses(tree: &Tree, v: usize) -> Option<usize> {
    if let Some(o) = object_read_for_subject(tree, v) {
        return Some(o);
    }
    let mut at = v;
    for _ in 0..MAX_DEPTH {
        let subjects = clause_subjects(tree, at);
        // A parse may give a clause several subjects where the text has one phrase ("Old foe"
        // and "Gondor"): the one that names an actor is the subject.
        if let Some(&s) = subjects.iter().find(|&&s| np_actor(tree, s).is_some()).or(subjects.first()) {
            return Some(s);
        }
        let h = tree.head[at]?;
        match tree.base(at) {
            // "urged Bree to help": the object of the governor is the subject (an object the
            // parse read as indirect too: "urged London mayor Ken Livingstone to apologise").
            "xcomp" => {
                if let Some(o) =
                    tree.children[h].iter().copied().find(|&c| matches!(tree.base(c), "obj" | "iobj"))
                {
                    if o != at {
                        return Some(o);
                    }
                }
            }
            "conj" => {}
            // "went on to accuse Mr Brown", "moved to block the resolution": an infinitive the
            // parse hung as an adverbial of a verb of going on to act is done by its subject
            // (a purpose clause, "worked closely to cut reoffending", is not done yet).
            "advcl" if has_to_mark(tree, at) && GOING_ON_TO.contains(&tree.lemma[h].as_str()) => {}
            // "launched operations to detain 110 more individuals": an operation or campaign
            // launched to do something is that act under way, by the one who launched it.
            "advcl" if has_to_mark(tree, at) && launches_an_operation(tree, h) => {}
            "acl"
                if has_to_mark(tree, at)
                    && tree.base(h) == "obj"
                    && tree.head[h].is_some_and(|g| launches_an_operation(tree, g)) =>
            {
                return tree.head[h].and_then(|g| subject_up_the_clauses(tree, g));
            }
            // "called Erdogan to apologize", "telephoned Morrison to congratulate him": what a
            // call or a letter was for, when it is said in it, is said by the caller.
            "advcl" if is_said_in_the_call(tree, at, h) => {}
            // "stormed the base, killing 17 soldiers": a bare participle clause, without a
            // subject or a subordinator of its own, is an act of the governor's subject, done
            // with it. (A purpose clause, "to investigate", is not yet done; one opened by
            // "after", "before", "while" tells the circumstances, not the news.)
            "advcl"
                if tree.form[at].ends_with("ING")
                    && !tree.children[at].iter().any(|&m| tree.base(m) == "mark")
                    && !is_misread_noun_modifier(tree, at) => {}
            // "are guilty of violating the ceasefire", "responded by expelling diplomats": a
            // gerund after "of", "in" or "for" completing an adjective, or after "by" saying how
            // its governor acted, is done by the governor's subject. (Not after a verb with an
            // object, "accused the government of trying", where the object does it.)
            "advcl" if tree.form[at].ends_with("ING") && gerund_of_governor(tree, at, h) => {}
            // "Arnor is about to restore ties": a to-infinitive the parse read as the clausal
            // subject of its governor takes the governor's subject.
            "csubj" if has_to_mark(tree, at) => {}
            // "Russia, showing support for …": an active participle modifying a noun has that
            // noun for its subject.
            "acl" if tree.form[at].ends_with("ING") && np_actor(tree, h).is_some() => return Some(h),
            // "Iran issued a statement condemning Israel", "signed a decree granting
            // citizenship": what a text issued says or does is its issuer's act.
            "acl" if tree.form[at].ends_with("ING") && is_issued_text(tree, h) => {
                return tree.head[h].and_then(|g| subject_up_the_clauses(tree, g));
            }
            _ => return None,
        }
        at = h;
    }
    None
}

/// Verbs by which a subject issues a text as its own.
const ISSUING: &[&str] = &[
    "ISSUE",
    "RELEASE",
    "PUBLISH",
    "SIGN",
    "PASS",
    "ADOPT",
    "APPROVE",
    "SEND",
    "WRITE",
    "PUT",
    "TABLE",
    "INTRODUCE",
    "PRESENT",
    "DELIVER",
    "DRAFT",
    "UNVEIL",
    "MAKE",
    "CONSIDER",
    "DEBATE",
];

/// Whether noun `n` is a text (a statement, a decree, a resolution: `proposal` in
/// `argument_types.tsv`) that a verb's subject issues as its object ("issued a statement",
/// not "tore up legislation").
fn is_issued_text(tree: &Tree, n: usize) -> bool {
    tree.base(n) == "obj"
        && tree.head[n].is_some_and(|g| tree.is_verbal(g) && ISSUING.contains(&tree.lemma[g].as_str()))
        && dyad_core::lexicon::argument_type(&tree.lemma[n].to_lowercase())
            == Some(dyad_core::lexicon::ArgumentType::Proposal)
}

/// Whether gerund clause `c` completes its governor `h` as its subject's own act: "guilty of
/// violating", "succeeded in forming", "responsible for killing", "responded by expelling".
fn gerund_of_governor(tree: &Tree, c: usize, h: usize) -> bool {
    let mark =
        tree.children[c].iter().copied().find(|&m| tree.base(m) == "mark").map(|m| tree.form[m].as_str());
    match mark {
        Some("OF" | "IN" | "FOR") => tree.upos[h] == dyad_core::Upos::ADJ,
        // Not after a passive ("would be funded by charging …": the subject is what is done to).
        // Nor after a verb whose subject is another's ("help Russia win by sending troops": the
        // parse hangs the means on "win", but the helper sends them): the governor names its
        // own subject.
        Some("BY") => {
            tree.is_verbal(h)
                && tree.children[h].iter().any(|&o| tree.rel[o] == "nsubj")
                && !tree.children[h]
                    .iter()
                    .any(|&o| matches!(tree.rel[o].as_str(), "obj" | "aux:pass" | "nsubj:pass"))
        }
        _ => false,
    }
}

pub(crate) fn has_to_mark(tree: &Tree, c: usize) -> bool {
    tree.children[c].iter().any(|&m| tree.base(m) == "mark" && tree.form[m] == "TO")
}

/// The subject dependents of clause head `v`, in text order.
fn clause_subjects(tree: &Tree, v: usize) -> Vec<usize> {
    tree.children[v]
        .iter()
        .copied()
        .filter(|&c| tree.rel[c].starts_with("nsubj") || tree.rel[c].starts_with("csubj"))
        .collect()
}

/// Subjects besides `first` that the parse failed to coordinate with it: a later subject of the
/// same clause that opens with a conjunction or follows a comma ("Ithilen and the government of
/// Gondor" read as two subjects).
fn misparsed_conjunct_subjects(tree: &Tree, first: usize) -> Vec<usize> {
    let Some(h) = tree.head[first] else { return Vec::new() };
    clause_subjects(tree, h)
        .into_iter()
        .filter(|&s| s != first)
        .filter(|&s| s > first && opens_with_conjunction(tree, first, s))
        .filter_map(|s| np_actor(tree, s))
        .collect()
}

/// Whether the phrase of `s` opens with a conjunction or follows one or a comma ("Mordor, the
/// Shire"; "Evil Mordor, …, and good Gondor" with the "and" attached elsewhere). Words the parse
/// tore off the phrase's front and hung on the earlier subject `first` ("and the evil awful
/// Gondor" with "the evil" read as a conjunct of the first) are passed over: determiners,
/// adjectives and nouns that name no actor, whether hung on `first` or read as subjects of
/// their own.
fn opens_with_conjunction(tree: &Tree, first: usize, s: usize) -> bool {
    use dyad_core::Upos;
    if tree.children[s].iter().any(|&c| tree.base(c) == "cc" && c < s) {
        return true;
    }
    let mut start = tree
        .subtree(s, &|c| tree.base(c) == "conj")
        .into_iter()
        .find(|&t| !matches!(tree.upos[t], Upos::PUNCT | Upos::CCONJ))
        .unwrap_or(s);
    // Torn-off words hang on the first subject, or stand as subjects of their own that name
    // no actor ("evil" in "Arnor and the evil awful Gondor" read as a third subject).
    let mut torn = tree.subtree(first, &|_| false);
    if let Some(h) = tree.head[first] {
        for other in clause_subjects(tree, h) {
            if other != first && other != s && np_actor(tree, other).is_none() {
                torn.extend(tree.subtree(other, &|_| false));
            }
        }
    }
    while start > first + 1
        && tree.mention[start - 1].is_none()
        && matches!(tree.upos[start - 1], Upos::DET | Upos::ADJ | Upos::NOUN)
        && torn.contains(&(start - 1))
    {
        start -= 1;
    }
    start > 0 && (tree.upos[start - 1] == Upos::CCONJ || tree.form[start - 1] == ",")
}

/// A verb the parse left without a subject ("Ethiopia broken down with Libya", with the verb
/// misread) takes the actor right before it, across adverbs, auxiliaries and negation only.
fn adjacent_subject(tree: &Tree, v: usize) -> Option<usize> {
    let mut k = v;
    while k > 0 {
        k -= 1;
        if tree.mention[k].is_some() {
            return Some(k);
        }
        if !matches!(tree.upos[k], dyad_core::Upos::ADV | dyad_core::Upos::AUX | dyad_core::Upos::PART) {
            return None;
        }
    }
    None
}

/// Nouns for those who stand against someone: the phrase "opponents of President Maduro" or
/// "Kremlin critics" names no one of the actor it mentions.
const OPPOSING: &[&str] = &["OPPONENT", "CRITIC", "DETRACTOR", "FOE", "ENEMY"];

/// A token covered by an actor mention within the noun phrase of `n` (the head, its compounds,
/// possessors, appositions, and prepositional modifiers), nearest first.
pub(crate) fn actor_in(tree: &Tree, n: usize) -> Option<usize> {
    if tree.mention[n].is_some() {
        return Some(n);
    }
    if OPPOSING.contains(&tree.lemma[n].as_str()) {
        return None;
    }
    // "the Saudi-led coalition" is Saudi Arabia's, though the tagger makes "Saudi-led" a verb
    // ("Iranian-backed rebels" are not Iran).
    let led_by = |c: usize| tree.form[c].ends_with("-LED") && tree.mention[c].is_some();
    let skip = |c: usize| {
        CLAUSE_BREAKS.contains(&tree.rel[c].as_str())
            || matches!(tree.base(c), "acl" | "conj" | "cc")
            || (tree.is_verbal(c) && !led_by(c))
    };
    tree.subtree(n, &skip).into_iter().find(|&t| tree.mention[t].is_some())
}

/// Actor tokens in the verb's phrase after it (object first, then obliques, then deeper), not
/// counting the agent of a passive.
fn first_actors_after(tree: &Tree, v: usize, agent: Option<usize>) -> (Vec<usize>, Option<usize>) {
    let (mut against, mut others, mut places) = (None, Vec::new(), Vec::new());
    let mut ordered: Vec<usize> = tree.children[v].iter().copied().filter(|&c| Some(c) != agent).collect();
    let rank = |c: usize| match tree.base(c) {
        "obj" | "iobj" => 0,
        "obl" | "nmod" => 1,
        "xcomp" | "ccomp" | "advcl" => 2,
        _ => 3,
    };
    ordered.sort_by_key(|&c| (rank(c), c));
    let skip = |c: usize| {
        (CLAUSE_BREAKS.contains(&tree.rel[c].as_str()) && !is_complement_clause(tree, c))
            || tree.rel[c] == "cc"
            || is_time_adjunct(tree, c)
            || (tree.rel[c] == "conj" && tree.is_verbal(c))
    };
    // A legislature or court the act happened in is where, not whom, it was done to ("promised
    // to raise the issue in Parliament", "filed a lawsuit in a Paris court against …").
    let venue = |n: usize| {
        matches!(tree.base(n), "obl" | "nmod")
            && tree.mention[n].is_some_and(|m| {
                tree.doc.mentions[m as usize]
                    .actors
                    .iter()
                    .any(|a| matches!(a.code.get(3..6), Some("LEG" | "JUD")))
            })
            && matches!(tree.preposition(n).as_deref(), Some("IN" | "BEFORE"))
    };
    for c in ordered {
        if tree.rel[c].starts_with("nsubj")
            || tree.rel[c].starts_with("csubj")
            || skip(c)
            || matches!(tree.base(c), "aux" | "mark" | "cop" | "case" | "det" | "expl" | "conj")
            || (c < v && !matches!(tree.base(c), "obl" | "nmod"))
        {
            continue;
        }
        let first =
            if matches!(tree.base(c), "obj" | "iobj" | "obl" | "nmod") { actor_in(tree, c) } else { None };
        let in_phrase: Vec<usize> =
            tree.subtree(c, &skip).into_iter().filter(|&t| tree.mention[t].is_some()).collect();
        // The phrase's main actor first, then the others in it (one token per mention), so that
        // a caller can pass over an actor of the subject's own country.
        for t in first.into_iter().chain(in_phrase) {
            if on_the_way_up(tree, t, c, venue) {
                continue;
            }
            // "against" on the verb or on its object itself, not deeper ("help the army in its
            // fight against Islamic State").
            let against_phrase = |n: usize| {
                (n == c || (tree.head[n] == Some(c) && tree.base(c) == "obj"))
                    && tree.preposition(n).as_deref() == Some("AGAINST")
            };
            if against.is_none() && on_the_way_up(tree, t, c, against_phrase) {
                against = Some(t);
            }
            if on_the_way_up(tree, t, c, |n| is_place_adjunct(tree, n)) {
                places.push(t);
            } else {
                others.push(t);
            }
        }
    }
    // A place the act happened in comes after every other actor: "held talks in Jerusalem
    // with Netanyahu" is with Netanyahu, "shelled posts in Kashmir" still falls back to it.
    let mut out = Vec::new();
    for t in others.into_iter().chain(places) {
        if !out.iter().any(|&o| o == t || tree.mention[o] == tree.mention[t]) {
            out.push(t);
        }
    }
    (out, against)
}

/// Whether `test` holds for `t` or a word above it, up to `top` (or the root when `top` is not
/// above `t`; the tree has no cycles).
pub(crate) fn on_the_way_up(tree: &Tree, t: usize, top: usize, test: impl Fn(usize) -> bool) -> bool {
    let mut n = t;
    loop {
        if test(n) {
            return true;
        }
        match tree.head[n] {
            Some(h) if n != top => n = h,
            _ => return false,
        }
    }
}

/// Whether actor token `t` is in a phrase introduced by "with" on its way up to verb `v`
/// ("held talks with China", "signed a deal with China").
pub(crate) fn introduced_by_with(tree: &Tree, t: usize, v: usize) -> bool {
    on_the_way_up(tree, t, v, |n| n != v && tree.preposition(n).as_deref() == Some("WITH"))
}

/// Whether a three-letter country code names a state (not `---`, an IGO or a group).
fn is_state_code(c: &str) -> bool {
    c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) && !matches!(c, "IGO" | "NGO" | "MNC" | "IMG")
}

/// Whether the actor at token `t` is a state itself (a country, not one of its bodies).
fn is_state_actor(tree: &Tree, t: usize) -> bool {
    tree.mention[t].is_some_and(|m| {
        tree.doc.mentions[m as usize].actors.iter().any(|a| a.code == a.country && a.country.len() == 3)
    })
}

/// Whether oblique `c` says where the act happened: a place name after "in", "at" or the like.
fn is_place_adjunct(tree: &Tree, c: usize) -> bool {
    is_introduced_as_place(tree, c)
        && tree.mention[c]
            .is_some_and(|m| tree.doc.mentions[m as usize].entity_type == Some(dyad_core::EntityType::LOC))
}

/// Whether phrase `c` is introduced by a preposition of place ("in Kenya", "near the border").
fn is_introduced_as_place(tree: &Tree, c: usize) -> bool {
    const LOCATIVE: &[&str] = &["IN", "AT", "NEAR", "INSIDE", "OUTSIDE", "ACROSS", "THROUGHOUT", "AROUND"];
    tree.preposition(c).is_some_and(|p| LOCATIVE.contains(&p.as_str()))
}

/// Each actor and the actors coordinated with it ("Russia and China").
pub(crate) fn expand_conjuncts(tree: &Tree, actors: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let mut stack: Vec<usize> = actors.to_vec();
    while let Some(a) = stack.pop() {
        if out.len() > 256 {
            break;
        }
        let m = tree.mention[a];
        if out.iter().any(|&o| tree.mention[o] == m) {
            continue;
        }
        out.push(a);
        // Conjuncts of any word of the mention ("ambassadors of Arnor, Osgiliath and Gondor"),
        // and the word it is conjoined to.
        let words: Vec<usize> = match m {
            Some(_) => (0..tree.len()).filter(|&t| tree.mention[t] == m).collect(),
            None => vec![a],
        };
        let countries = |t: usize| -> Vec<&str> {
            tree.mention[t]
                .map(|m| tree.doc.mentions[m as usize].actors.iter().map(|a| a.country.as_str()).collect())
                .unwrap_or_default()
        };
        for &w in &words {
            for &c in &tree.children[w] {
                if tree.rel[c] == "conj" && !tree.is_verbal(c) {
                    stack.extend(actor_in(tree, c));
                }
                // An apposition naming another country is a list the parser misread ("Mordor,
                // the awful Arnor, and Gondor"); one naming the same actor again is not, nor is
                // a name no dictionary knows ("the New People's Army (NPA)").
                if tree.rel[c] == "appos" {
                    if let Some(x) = actor_in(tree, c) {
                        let known = !countries(x).is_empty();
                        if known && countries(x).iter().all(|cx| !countries(a).contains(cx)) {
                            stack.push(x);
                        }
                    }
                }
            }
            if tree.rel[w] == "conj" && !words.contains(&tree.head[w].unwrap_or(w)) {
                if let Some(h) = tree.head[w] {
                    stack.extend(actor_in(tree, h));
                }
            }
        }
    }
    out.sort_unstable();
    out
}

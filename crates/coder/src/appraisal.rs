//! Criticism in speech: a speaker who says something disapproving of another actor criticises
//! it (CAMEO 111), though no verb of the dictionary says so ("Mr Howard said Labour's budget
//! was a fraud"), or who gives it a disapproving name ("called Mr Howard a liar", "branded the
//! plan a dodgy budget"). The words of disapproval are a list in `data/verbs/appraisal.tsv`.
//! Likewise a speaker who says another actor must or should do something demands it of that
//! actor (100) or appeals to it (020) ([`obligations`]), one who says another is responsible
//! (for an attack, say) accuses it (112, [`accusations`]), and one who says there should be an
//! inquiry calls for one (020, [`calls_for_inquiry`]).
//!
//! The speech verb is one of the reporting verbs (`data/lexicon/reporting_verbs.tsv`); its
//! content is its clausal complement, or the clause it is a parenthetical of ("Labour's
//! budget is a fraud, he said"). The criticised actor is the content's subject, or the owner
//! of its subject ("Labour's budget"), else the actor answerable for what is disapproved ("more
//! waste under Labour"); the speaker is the speech verb's subject. A sentence that is all
//! quotation, its speaker named in another, is read the same way with the speaker the
//! quotation layer found ([`quoted_criticisms`]), and so is the "that" clause of a claim,
//! with the claimant as speaker ("claims from Michael Howard that he led a grubby government").

use crate::tree::Tree;
use dyad_core::{Event, Participant};
use std::collections::HashSet;
use std::sync::OnceLock;

const APPRAISAL: &str = include_str!("../../../data/verbs/appraisal.tsv");

/// The CAMEO code a disapproving statement takes.
pub(crate) const CRITICISE: &str = "111";

fn disapproval_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        APPRAISAL.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
    })
}

/// Whether token `k` is a word of disapproval.
fn disapproves(tree: &Tree, k: usize) -> bool {
    let words = disapproval_words();
    words.contains(tree.lemma[k].to_lowercase().as_str())
        || words.contains(tree.form[k].to_lowercase().as_str())
}

/// Makes an event as the coder's own are made: (speech verb, code, rule name, source, target).
pub(crate) type MakeEvent<'a> =
    dyn Fn(usize, &str, &'static str, &Participant, Option<&Participant>) -> Event + 'a;

/// The speech verbs of the tree with their content clause's head.
fn speech_with_content(tree: &Tree) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for v in 0..tree.len() {
        if !tree.is_speech_verb(v) {
            continue;
        }
        // "said (that) the budget was a fraud"
        if let Some(&c) = tree.children[v].iter().find(|&&c| tree.base(c) == "ccomp") {
            out.push((v, c));
            continue;
        }
        // "The budget is a fraud, he said": the speech verb hangs off the content.
        if matches!(tree.base(v), "parataxis") {
            if let Some(h) = tree.head[v] {
                out.push((v, h));
            }
        }
    }
    out
}

/// Verbs that name what their object is ("called the plans disgraceful", "branded it a dodgy
/// budget", "described the move as a betrayal"): with a disapproving name, a criticism of the
/// object's actor; whatever the name, no act of their own ("called" is no phone call here).
const NAMING_VERBS: &[&str] = &["CALL", "BRAND", "DESCRIBE", "LABEL", "DUB", "TERM"];

/// Whether naming verb `v` gives something a name: with an object and a name for it, or with
/// an adjective for a name where the parse swallowed the object into it ("called the new
/// target deeply disappointing" as one complement). A call takes no adjective.
pub(crate) fn names_something(tree: &Tree, v: usize) -> bool {
    NAMING_VERBS.contains(&tree.lemma[v].as_str())
        && (naming(tree, v).is_some()
            || tree.children[v]
                .iter()
                .any(|&c| tree.base(c) == "xcomp" && tree.upos[c] == dyad_core::Upos::ADJ))
}

/// For a naming verb `v` with an object and a name for it, (object, name): the name is an
/// `xcomp` ("called it a fraud") or an "as" phrase ("described it as a fraud").
pub(crate) fn naming(tree: &Tree, v: usize) -> Option<(usize, usize)> {
    if !NAMING_VERBS.contains(&tree.lemma[v].as_str()) {
        return None;
    }
    let nominal_xcomp = |c: usize| tree.base(c) == "xcomp" && !tree.is_verbal(c);
    // The parse may read the object as a first complement ("called the new target \"hugely
    // unambitious\"": two complements).
    let object = tree.children[v].iter().copied().find(|&c| tree.base(c) == "obj").or_else(|| {
        let mut complements = tree.children[v].iter().copied().filter(|&c| nominal_xcomp(c));
        let first = complements.next()?;
        complements.next().map(|_| first)
    })?;
    let name = tree.children[v]
        .iter()
        .copied()
        .find(|&c| {
            (c != object && nominal_xcomp(c))
                || (tree.base(c) == "obl" && tree.preposition(c).as_deref() == Some("AS"))
        })
        // The parse often hangs the name on the object ("branded the plan a dodgy budget").
        .or_else(|| tree.children[object].iter().copied().find(|&c| c > object && tree.base(c) == "appos"))?;
    Some((object, name))
}

/// The actor token a noun phrase at `o` is about: itself, or its owner ("Labour's plans", "the
/// plans of the government").
fn phrase_actor(tree: &Tree, o: usize) -> Option<usize> {
    if tree.mention[o].is_some() {
        return Some(o);
    }
    tree.children[o]
        .iter()
        .copied()
        .find(|&c| (tree.rel[c] == "nmod:poss" || tree.base(c) == "nmod") && tree.mention[c].is_some())
}

/// The actor token a clause headed by `c` is about: that of its subject ("Labour's budget").
fn subject_actor(tree: &Tree, c: usize) -> Option<usize> {
    let subj = tree.children[c]
        .iter()
        .copied()
        .find(|&s| matches!(tree.base(s), "nsubj"))
        .or_else(|| crate::engine::object_read_for_subject(tree, c))?;
    phrase_actor(tree, subj)
}

/// Where the content's subject is no actor ("People would face more waste and higher taxes
/// under Labour", "damage will be caused by government plans"), the actor it holds to
/// account: a named one (no pronoun) that owns something or is named by "under" or "by",
/// other than the speaker, whose own phrase (with what it is coordinated with) holds the
/// disapproval, so that "damage from the tsunami would cut Sri Lanka's growth" blames no one.
fn answerable_actor(tree: &Tree, words: &[usize], is_speaker: &dyn Fn(usize) -> bool) -> Option<usize> {
    let named =
        |k: usize| tree.mention[k].is_some() && !is_speaker(k) && tree.upos[k] != dyad_core::Upos::PRON;
    let accountable = |k: usize| {
        tree.rel[k] == "nmod:poss" || matches!(tree.preposition(k).as_deref(), Some("UNDER" | "BY"))
    };
    // "the failure of the government", "deceit at the heart of government": the disapproving
    // noun the "of" phrase hangs on, or the one that noun hangs on.
    let faulted = |k: usize| {
        let Some(h) = tree.head[k] else { return false };
        tree.preposition(k).as_deref() == Some("OF")
            && (disapproves(tree, h)
                || (matches!(tree.base(h), "nmod" | "obl")
                    && tree.head[h].is_some_and(|g| disapproves(tree, g))))
    };
    // "he led a grubby government": an actor named with a disapproving word.
    let disparaged =
        |k: usize| tree.children[k].iter().any(|&c| tree.base(c) == "amod" && disapproves(tree, c));
    if let Some(k) = words.iter().copied().find(|&k| named(k) && (faulted(k) || disparaged(k))) {
        return Some(k);
    }
    words.iter().copied().filter(|&k| named(k) && accountable(k)).find(|&k| {
        let Some(mut h) = tree.head[k] else { return false };
        if tree.base(h) == "conj" {
            h = tree.head[h].unwrap_or(h);
        }
        tree.subtree(h, &|_| false).iter().any(|&w| words.contains(&w) && disapproves(tree, w))
    })
}

/// The subject actor token of speech verb `v`.
fn speaker(tree: &Tree, v: usize) -> Option<usize> {
    tree.children[v].iter().copied().find(|&s| tree.base(s) == "nsubj" && tree.mention[s].is_some())
}

/// Criticism events of the sentence: speaker → criticised actor, for each speech whose content
/// holds a word of disapproval and is about an actor other than the speaker. `make` turns a
/// (speech verb, source, target) triple into an event, as the coder's own events are made.
pub(crate) fn criticisms(
    tree: &Tree,
    participants: &dyn Fn(usize) -> Vec<Participant>,
    make: &MakeEvent,
) -> Vec<(usize, Event)> {
    let mut out = Vec::new();
    for v in 0..tree.len() {
        let Some((object, name)) = naming(tree, v) else { continue };
        let (Some(s), Some(t)) = (speaker(tree, v), phrase_actor(tree, object)) else { continue };
        if tree.mention[s] == tree.mention[t]
            || !tree.subtree(name, &|_| false).iter().any(|&k| disapproves(tree, k))
        {
            continue;
        }
        each_pair(participants, s, t, &mut |a, b| out.push((v, make(v, CRITICISE, "appraisal", a, Some(b)))));
    }
    let said = speech_with_content(tree)
        .into_iter()
        .filter(|&(v, _)| !DIRECTIVE.contains(&tree.lemma[v].as_str()))
        .filter_map(|(v, content)| Some((v, speaker(tree, v)?, content)));
    for (v, s, content) in said.chain(claims_with_content(tree)) {
        let words = content_words(tree, v, content);
        // "claims from Howard that he led a grubby government": a speaker who is the content's
        // subject faults whoever the content holds to account, if anyone.
        let is_speaker = |k: usize| tree.mention[k] == tree.mention[s] || same_actors(participants, k, s);
        let Some(t) = subject_actor(tree, content)
            .filter(|&t| !is_speaker(t))
            .or_else(|| answerable_actor(tree, &words, &is_speaker))
        else {
            continue;
        };
        // "It's not racist": denied, no criticism; "it's dangerous when …" is about no actor.
        if is_negated(tree, content) || (tree.lemma[t] == "IT" && tree.upos[content] == dyad_core::Upos::ADJ)
        {
            continue;
        }
        if !words.iter().any(|&k| disapproves(tree, k)) {
            continue;
        }
        each_pair(participants, s, t, &mut |a, b| out.push((v, make(v, CRITICISE, "appraisal", a, Some(b)))));
    }
    out
}

/// Nouns of a claim, whose "that" clause is what the claimant says ("claims from Michael Howard
/// that he led a grubby government", "Labour's allegation that the plans were a sham").
const CLAIMS: &[&str] =
    &["CLAIM", "ALLEGATION", "ACCUSATION", "SUGGESTION", "CHARGE", "COMPLAINT", "ASSERTION", "WARNING"];

/// The claim nouns of the tree with their claimant (an actor the claim is "from" or "by", or
/// its owner) and their content clause (opened by "that"): (noun, claimant, content head).
fn claims_with_content(tree: &Tree) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for n in 0..tree.len() {
        if !CLAIMS.contains(&tree.lemma[n].as_str()) || tree.is_verbal(n) {
            continue;
        }
        let claimant = tree.children[n].iter().copied().find(|&c| {
            tree.mention[c].is_some()
                && (tree.rel[c] == "nmod:poss"
                    || (tree.base(c) == "nmod"
                        && matches!(tree.preposition(c).as_deref(), Some("FROM" | "BY"))))
        });
        // The parse may hang the clause on the claimant ("claims from the Tories that …").
        let content = [Some(n), claimant.filter(|&s| s > n)].into_iter().flatten().find_map(|h| {
            tree.children[h].iter().copied().find(|&c| {
                c > h
                    && matches!(tree.base(c), "acl" | "ccomp")
                    && tree.children[c].iter().any(|&m| tree.base(m) == "mark" && tree.form[m] == "THAT")
            })
        });
        if let (Some(s), Some(c)) = (claimant, content) {
            out.push((n, s, c));
        }
    }
    out
}

/// Criticism in a sentence that is all quotation, its speaker named in another ("\"Their only
/// answer is to tax, to spend and to waste.\"" after "Mr Howard said"): the quotation layer
/// knows the speaker (`speaker`, that speaker's actors), the sentence's own clause is the
/// content, read as [`criticisms`] reads a reported one. Sentences with a speech verb of their
/// own are left to it.
pub(crate) fn quoted_criticisms(
    tree: &Tree,
    speaker: &[Participant],
    participants: &dyn Fn(usize) -> Vec<Participant>,
    make: &MakeEvent,
) -> Vec<(usize, Event)> {
    let mut out = Vec::new();
    let Some(root) = (0..tree.len()).find(|&k| tree.head[k].is_none()) else { return out };
    if speaker.is_empty() || !speech_with_content(tree).is_empty() || is_negated(tree, root) {
        return out;
    }
    let is_speaker =
        |k: usize| participants(k).iter().any(|p| speaker.iter().any(|s| s.actor.code == p.actor.code));
    let words = content_words(tree, root, root);
    let Some(t) = subject_actor(tree, root).or_else(|| answerable_actor(tree, &words, &is_speaker)) else {
        return out;
    };
    if is_speaker(t) || !words.iter().any(|&k| disapproves(tree, k)) {
        return out;
    }
    for source in speaker {
        for target in participants(t).iter().filter(|t| t.actor.code != source.actor.code) {
            out.push((root, make(root, CRITICISE, "appraisal", source, Some(target))));
        }
    }
    out
}

/// The words of speech verb `v`'s content clause `content`, not descending into the speech verb
/// itself (a parenthetical "he said") nor into clauses that modify its words or set its scene
/// ("the right to be protected against unfair discrimination", "while everyone …"): they say
/// nothing of the subject. For a sentence that is its own content, `v` is `content`.
fn content_words(tree: &Tree, v: usize, content: usize) -> Vec<usize> {
    tree.subtree(content, &|k| k != content && (k == v || is_modifying_clause(tree, k)))
}

/// Whether token `k` heads a clause that modifies a word or its sentence (an adverbial clause,
/// a clausal modifier of a noun), not a gerund that completes its predicate ("were united in
/// relying on populist scares", "responded by smearing them").
fn is_modifying_clause(tree: &Tree, k: usize) -> bool {
    let completes = tree.base(k) == "advcl"
        && tree.form[k].ends_with("ING")
        && tree.children[k]
            .iter()
            .any(|&m| tree.base(m) == "mark" && matches!(tree.form[m].as_str(), "IN" | "BY"))
        && !tree.children[k].iter().any(|&c| tree.base(c) == "nsubj");
    matches!(tree.base(k), "advcl" | "acl") && !completes
}

/// Verbs that report what a speaker wants done, not what is so: their content ("urged the
/// chancellor to admit he had been responsible") appraises no one.
const DIRECTIVE: &[&str] = &["URGE", "ASK", "PRESS"];

/// Whether tokens `a` and `b` stand for the same actors ("he" for "Michael Howard").
fn same_actors(participants: &dyn Fn(usize) -> Vec<Participant>, a: usize, b: usize) -> bool {
    let codes = |k: usize| participants(k).into_iter().map(|p| p.actor.code).collect::<Vec<_>>();
    let (a, b) = (codes(a), codes(b));
    !a.is_empty() && a == b
}

/// Calls `f` for each pair of an actor of token `s` and a different actor of token `t`.
fn each_pair(
    participants: &dyn Fn(usize) -> Vec<Participant>,
    s: usize,
    t: usize,
    f: &mut dyn FnMut(&Participant, &Participant),
) {
    for source in participants(s) {
        for target in participants(t) {
            if source.actor.code != target.actor.code {
                f(&source, &target);
            }
        }
    }
}

/// What a speaker says another actor must or should do ("Trump said North Korea must do
/// something meaningful"): a demand (CAMEO 100) or an appeal (020) to that actor, the content
/// clause's subject. `make` as for [`criticisms`] (code, rule name, source, target).
pub(crate) fn obligations(
    tree: &Tree,
    participants: &dyn Fn(usize) -> Vec<Participant>,
    make: &MakeEvent,
) -> Vec<(usize, Event)> {
    said_of_subject(tree, participants, make, "obligation", &|content| {
        let modal =
            tree.children[content].iter().find(|&&c| tree.base(c) == "aux").map(|&c| tree.lemma[c].as_str());
        match modal {
            Some("MUST") => Some("100"),
            Some("SHOULD") => Some("020"),
            _ => None,
        }
    })
}

/// Nouns of an inquiry, which a speaker who says there should be one calls for.
const INQUIRIES: &[&str] = &["INQUIRY", "ENQUIRY", "INVESTIGATION", "REVIEW", "PROBE", "INQUEST"];

/// A speaker who says there should (must, needs to) be an inquiry, or that there is a case
/// for one ("Mr Howard said: \"There does need to be another inquiry\"", "said there was a
/// strong case for a judge-led review"), appeals for it (CAMEO 020): to the actor it would
/// look into, where an "into" or "of" phrase names one ("an investigation into the role
/// played by the UK"), else to no one named.
pub(crate) fn calls_for_inquiry(
    tree: &Tree,
    participants: &dyn Fn(usize) -> Vec<Participant>,
    make: &MakeEvent,
) -> Vec<(usize, Event)> {
    let mut out = Vec::new();
    for (v, content) in speech_with_content(tree) {
        let Some(s) = speaker(tree, v) else { continue };
        let words = content_words(tree, v, content);
        if !words.iter().any(|&k| tree.rel[k] == "expl") || is_negated(tree, content) {
            continue;
        }
        let Some(inquiry) = words.iter().copied().find(|&k| INQUIRIES.contains(&tree.lemma[k].as_str()))
        else {
            continue;
        };
        let wanted = words.iter().any(|&k| {
            matches!(tree.lemma[k].as_str(), "SHOULD" | "MUST" | "NEED")
                || (tree.lemma[k] == "CASE" && tree.head[inquiry] == Some(k))
        });
        if !wanted {
            continue;
        }
        let target = tree.children[inquiry]
            .iter()
            .copied()
            .filter(|&c| matches!(tree.preposition(c).as_deref(), Some("INTO" | "OF")))
            .find_map(|c| tree.subtree(c, &|_| false).into_iter().find(|&k| tree.mention[k].is_some()));
        match target {
            Some(t) => each_pair(participants, s, t, &mut |a, b| {
                out.push((v, make(v, "020", "inquiry", a, Some(b))))
            }),
            None => out.extend(participants(s).iter().map(|a| (v, make(v, "020", "inquiry", a, None)))),
        }
    }
    out
}

/// Predicates that lay the blame for something on their subject.
const BLAME_PREDICATES: &[&str] = &["RESPONSIBLE", "CULPABLE", "GUILTY", "ACCOUNTABLE"];

/// What a speaker says another actor is to blame for ("the Afghan government said Taliban
/// militants were responsible"): an accusation (CAMEO 112) of the content's subject.
pub(crate) fn accusations(
    tree: &Tree,
    participants: &dyn Fn(usize) -> Vec<Participant>,
    make: &MakeEvent,
) -> Vec<(usize, Event)> {
    said_of_subject(tree, participants, make, "blame", &|content| {
        let copula = tree.children[content].iter().any(|&c| tree.base(c) == "cop");
        (copula && !is_negated(tree, content) && BLAME_PREDICATES.contains(&tree.lemma[content].as_str()))
            .then_some("112")
    })
}

/// Whether clause head `c` is denied ("is not racist", "were never responsible").
fn is_negated(tree: &Tree, c: usize) -> bool {
    tree.children[c].iter().any(|&k| matches!(tree.lemma[k].as_str(), "NOT" | "NEVER" | "N'T"))
}

/// Events from what speakers say of the subject of their content clause: `code_of` reads the
/// content (by its head) and gives the code, if any; the event goes from speaker to subject.
fn said_of_subject(
    tree: &Tree,
    participants: &dyn Fn(usize) -> Vec<Participant>,
    make: &MakeEvent,
    rule: &'static str,
    code_of: &dyn Fn(usize) -> Option<&'static str>,
) -> Vec<(usize, Event)> {
    let mut out = Vec::new();
    for (v, content) in speech_with_content(tree) {
        if DIRECTIVE.contains(&tree.lemma[v].as_str()) {
            continue;
        }
        let Some(s) = speaker(tree, v) else { continue };
        let Some(code) = code_of(content) else { continue };
        let Some(t) = subject_actor(tree, content) else { continue };
        if tree.mention[s] == tree.mention[t] {
            continue;
        }
        each_pair(participants, s, t, &mut |a, b| out.push((v, make(v, code, rule, a, Some(b)))));
    }
    out
}

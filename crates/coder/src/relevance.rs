//! Political relevance: which coded events are political events at all.
//!
//! Sport, market and culture pages are full of verbs the dictionary codes ("England beat
//! France", "attacked the last 200m", "shares fell"), and even political pages use violent verbs
//! for words ("attacked the budget", "battled cancer"). Two tests, both read from data in
//! `data/lexicon/` (`dyad_core::lexicon`):
//!
//! 1. The document's domain ([`read_domain`]): the weight of its domain cue words
//!    (`domain_cues.tsv`, headline words three times) per 100 words. A document belongs to a
//!    non-political domain when its score there reaches the domain's threshold (`domains.tsv`)
//!    and beats its politics score; too short a document (a lone sentence) is not judged. In such
//!    a document an event is kept only if its source or target is a political actor
//!    (`political_agents.tsv`: governments, armed forces, parties, IGOs…), or a bare country
//!    that stands for the state there — never in sport, where "England" is a team, and only as
//!    the argument itself elsewhere ("China cut tariffs", not "Japan's Nippon Steel agreed").
//! 2. The verb's sense ([`sense_of`]), in every document: for the roots `sense_rules.tsv`
//!    names, the type of the verb's object (or, without one, its first typed oblique of "for",
//!    "against", "with", or for a noun "on") decides — a plan or text attacked is criticism
//!    (111), an illness, a contest place, a market figure or a quantity fought or attacked is no
//!    event (`argument_types.tsv`); where no argument decides, the source may: a party or a
//!    legislature that attacks anything criticises it.
//!
//! Every event dropped or recoded says why ([`Verdict`]), for `dyad code --explain`; a recoded
//! event's rule names the sense rule (`+sense:proposal`).

use crate::tree::Tree;
use dyad_core::lexicon::{self, ArgumentType, Domain, SenseAction, SenseTrigger};
use dyad_core::{Document, Event, MentionKind, Participant, SectionKind};

/// Fewer words than this and a document is not judged: one sentence says too little about what
/// a page is about (and PLV-style single sentences are coded alone).
pub(crate) const MIN_WORDS: usize = 80;

/// Headline words weigh this many times a body word: the headline says what the page is about.
const HEADLINE_WEIGHT: usize = 3;

/// What a document is about, with the numbers that decided it.
#[derive(Debug, Clone)]
pub(crate) struct DomainReading {
    /// The domain the document belongs to (politics when no other reached its threshold).
    pub(crate) domain: Domain,
    /// Score per domain, in [`Domain::ALL`] order: cue weight per 100 (weighted) words.
    pub(crate) scores: [f64; 5],
    /// Words counted (unweighted).
    pub(crate) words: usize,
}

impl DomainReading {
    /// The reading of a document of fewer tokens than [`MIN_WORDS`], which the domain test does
    /// not judge, without reading its words (`--explain` reads them to show the scores).
    pub(crate) fn unjudged(doc: &Document) -> Option<DomainReading> {
        (doc.tokens.len() < MIN_WORDS).then(|| DomainReading::politics(0, [0.0; 5]))
    }

    /// A reading that judges nothing (no document, or too short).
    fn politics(words: usize, scores: [f64; 5]) -> DomainReading {
        DomainReading { domain: Domain::Politics, scores, words }
    }

    fn score(&self, d: Domain) -> f64 {
        self.scores[Domain::ALL.iter().position(|&x| x == d).unwrap_or(0)]
    }

    /// Whether events must pass the political-actor test.
    pub(crate) fn filters(&self) -> bool {
        self.domain != Domain::Politics
    }

    /// One line for `--explain`.
    pub(crate) fn describe(&self) -> String {
        let scores: Vec<String> =
            Domain::ALL.iter().map(|&d| format!("{} {:.2}", d.as_str(), self.score(d))).collect();
        let threshold = lexicon::domain_setting(self.domain)
            .and_then(|s| s.threshold)
            .map(|t| format!(" >= threshold {t:.2}"))
            .unwrap_or_default();
        let why = if self.words < MIN_WORDS {
            format!(" (only {} words: not judged, below {MIN_WORDS})", self.words)
        } else if self.filters() {
            format!(
                " ({} {:.2}{threshold}, above politics {:.2}: events need a political actor)",
                self.domain.as_str(),
                self.score(self.domain),
                self.score(Domain::Politics)
            )
        } else {
            String::new()
        };
        format!("domain {}{why}; scores: {}", self.domain.as_str(), scores.join(", "))
    }
}

/// The domain of a document from its words (headline, lede, body, captions; not boilerplate or
/// byline).
pub(crate) fn read_domain(doc: &Document) -> DomainReading {
    let cues = lexicon::domain_cues();
    let mut sums = [0.0f64; 5];
    let mut weighted = 0usize;
    let mut words = 0usize;
    // Buffers reused over the document: this runs on every word.
    let (mut lower_prev, mut form_lc, mut lemma_lc, mut pair) =
        (String::new(), String::new(), String::new(), String::new());
    for s in &doc.sentences {
        let weight = match doc.section_at(s.span.start).map(|x| x.kind) {
            Some(SectionKind::Boilerplate | SectionKind::Byline) => continue,
            Some(SectionKind::Headline) => HEADLINE_WEIGHT,
            _ => 1,
        };
        lower_prev.clear();
        let (first, end) = s.tokens;
        for t in &doc.tokens[first as usize..end as usize] {
            let form = doc.span_text(t.span);
            if !form.chars().any(char::is_alphabetic) {
                lower_prev.clear();
                continue;
            }
            words += 1;
            weighted += weight;
            lower_into(form, &mut form_lc);
            lower_into(&t.lemma, &mut lemma_lc);
            let pair = (!lower_prev.is_empty()).then(|| {
                pair.clear();
                pair.push_str(&lower_prev);
                pair.push(' ');
                pair.push_str(&form_lc);
                pair.as_str()
            });
            let cue =
                pair.and_then(|p| cues.get(p)).or_else(|| cues.get(&lemma_lc)).or_else(|| cues.get(&form_lc));
            if let Some(c) = cue {
                let k = Domain::ALL.iter().position(|&d| d == c.domain).unwrap_or(0);
                sums[k] += c.weight * weight as f64;
            }
            std::mem::swap(&mut lower_prev, &mut form_lc);
        }
    }
    let scores = sums.map(|s| if weighted == 0 { 0.0 } else { 100.0 * s / weighted as f64 });
    if words < MIN_WORDS {
        return DomainReading::politics(words, scores);
    }
    let politics = scores[0];
    let best = Domain::ALL
        .iter()
        .enumerate()
        .skip(1)
        .filter(|&(k, &d)| {
            let reached =
                lexicon::domain_setting(d).and_then(|s| s.threshold).is_some_and(|t| scores[k] >= t);
            reached && scores[k] > politics
        })
        .max_by(|a, b| scores[a.0].total_cmp(&scores[b.0]));
    match best {
        Some((_, &d)) => DomainReading { domain: d, scores, words },
        None => DomainReading::politics(words, scores),
    }
}

/// `s` in lower case into `out` (as `str::to_lowercase`; ASCII without the general path).
fn lower_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// What the relevance tests do with one event.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Verdict {
    /// Kept as coded.
    Keep,
    /// Kept with another code: the code and the rule's name (`sense:proposal`).
    Recode(&'static str, String),
    /// Not a political event: why.
    Drop(String),
}

/// The verdict on an event of the parsed sentence `tree`, in a document read as `reading`.
pub(crate) fn judge(tree: &Tree, event: &Event, reading: &DomainReading) -> Verdict {
    let sense = sense_of(tree, event);
    if let Some(Verdict::Drop(why)) = &sense {
        return Verdict::Drop(why.clone());
    }
    if reading.filters()
        && !is_political(tree, &event.source, reading.domain)
        && !event.target.as_ref().is_some_and(|t| is_political(tree, t, reading.domain))
    {
        return Verdict::Drop(format!(
            "relevance:domain: a {} document (score {:.2}) and neither side is a political actor",
            reading.domain.as_str(),
            reading.score(reading.domain)
        ));
    }
    sense.unwrap_or(Verdict::Keep)
}

/// The verdict on an event of the shallow fallback (no parse): only the actor codes count.
pub(crate) fn judge_shallow(doc: &Document, event: &Event, reading: &DomainReading) -> bool {
    // As [`judge`] asks of a parsed sentence, as far as the mentions alone can tell.
    let political = |p: &Participant| {
        lexicon::is_political_actor_code(&p.actor.code)
            && p.mention
                .and_then(|m| doc.mentions.get(m as usize))
                .is_none_or(|m| may_be_political(doc, m, reading.domain))
    };
    !reading.filters() || political(&event.source) || event.target.as_ref().is_some_and(political)
}

/// Prepositions that make their phrase the place of an event ("released in the US", "met in a
/// London hotel"): an actor there is where something happened, not who acted.
const LOCATIVE: &[&str] =
    &["IN", "AT", "ACROSS", "THROUGHOUT", "AROUND", "INSIDE", "WITHIN", "NEAR", "OUTSIDE"];

/// Pronouns that stand for a person (the tree's forms are upper case).
const PERSONAL: &[&str] = &["HE", "SHE", "HIM", "HER", "HIS", "HERS"];

/// Whether a participant is a political actor in a document of `domain`.
fn is_political(tree: &Tree, p: &Participant, domain: Domain) -> bool {
    let Some(mi) = p.mention else { return false };
    let Some(mention) = tree.doc.mentions.get(mi as usize) else { return false };
    let toks: Vec<usize> = (0..tree.len()).filter(|&k| tree.mention[k] == Some(mi)).collect();
    // The mention's own head: its token whose governor lies outside it.
    let Some(&head) = toks.iter().find(|&&k| tree.head[k].is_none_or(|h| !toks.contains(&h))) else {
        return false;
    };
    if is_place(tree, head) || !political_by_mention(tree.doc, mention, &p.actor, domain) {
        return false;
    }
    if lexicon::is_political_actor_code(&p.actor.code) {
        return true;
    }
    // A bare country the domain lets stand for the state. "US firm", "Japan's Nippon Steel",
    // "England defender Cole": the country modifies the argument and is not it.
    if is_modifier(tree, head) {
        return false;
    }
    match mention.kind {
        // A name standing for the state, not a demonym ("Australian", "Spaniards").
        MentionKind::Name => tree.upos[head] == dyad_core::Upos::PROPN,
        // "the two countries": a nominal whose noun names a state.
        MentionKind::Nominal => toks.iter().any(|&k| argument_type_of(tree, k) == Some(ArgumentType::State)),
        MentionKind::Pronoun | MentionKind::Unknown => false,
    }
}

/// The part of [`is_political`] the mention and its actor decide without a parse: a political
/// actor code, or a bare country where the domain lets one stand for the state; never an
/// impersonal pronoun, an actor of unknown country or a role whose country came by coreference.
fn political_by_mention(
    doc: &Document,
    mention: &dyad_core::Mention,
    actor: &dyad_core::Actor,
    domain: Domain,
) -> bool {
    // An impersonal pronoun's antecedent may be sentences away, and on a sport or market page
    // it is as often a club or a firm as the state ("it", "they"): it does not make an event
    // political there. A personal one ("he said") stands for a person, whose office counts.
    if mention.kind == MentionKind::Pronoun
        && !PERSONAL.contains(&doc.span_text(mention.span).to_uppercase().as_str())
    {
        return false;
    }
    // An actor of unknown country ("---GOV": a "spokesman" or "chairman" no dictionary
    // places) does not make a sport or market story political.
    if actor.country == dyad_core::UNRESOLVED_ACTOR_CODE {
        return false;
    }
    // A role that takes its country from a mention before it ("the authorities", "officials",
    // "police") is, on a sport or market page, as often a league's, a club's or a firm's.
    // (Campaigners and protesters, the opposition, are no league's or firm's.)
    if mention.kind == MentionKind::Nominal
        && mention.antecedent.is_some()
        && actor.code.len() > actor.country.len()
        && !actor.code.ends_with("OPP")
    {
        return false;
    }
    let state_allowed = lexicon::domain_setting(domain).is_some_and(|s| s.bare_country_is_state);
    lexicon::is_political_actor_code(&actor.code) || (actor.code == actor.country && state_allowed)
}

/// Whether a mention could pass [`is_political`] in a document of `domain`, judged before any
/// parse: every test that needs the parse only narrows it further, so a sentence with no such
/// mention can yield no event the domain test keeps.
pub(crate) fn may_be_political(doc: &Document, mention: &dyad_core::Mention, domain: Domain) -> bool {
    mention.actors.iter().any(|a| political_by_mention(doc, mention, a, domain))
}

fn is_modifier(tree: &Tree, k: usize) -> bool {
    matches!(tree.base(k), "compound" | "amod" | "nmod" | "det") || tree.rel[k] == "nmod:poss"
}

/// Whether token `k` is, or modifies, the noun of a locative phrase ("in the US", "in a London
/// hotel").
fn is_place(tree: &Tree, k: usize) -> bool {
    let mut n = k;
    if matches!(tree.base(n), "compound" | "amod") || tree.rel[n] == "nmod:poss" {
        match tree.head[n] {
            Some(h) => n = h,
            None => return false,
        }
    }
    matches!(tree.base(n), "obl" | "nmod")
        && tree.preposition(n).is_some_and(|p| LOCATIVE.contains(&p.to_uppercase().as_str()))
}

/// The listed type of token `k` (its lemma, else its form), or a quantity for a number with its
/// unit in one word ("200m"; a bare "20" may count people: "killed 20").
fn argument_type_of(tree: &Tree, k: usize) -> Option<ArgumentType> {
    let word = tree.word(k);
    if word.chars().next().is_some_and(|c| c.is_ascii_digit()) && word.chars().any(char::is_alphabetic) {
        return Some(ArgumentType::Quantity);
    }
    lexicon::argument_type(&tree.lemma[k].to_lowercase())
        .or_else(|| lexicon::argument_type(&word.to_lowercase()))
}

/// The sense rule that applies to an event, if any (see the module docs).
fn sense_of(tree: &Tree, event: &Event) -> Option<Verdict> {
    let root = event.cameo.get(..2)?;
    let rules = lexicon::sense_rules();
    if !rules.iter().any(|r| r.roots.contains(&root)) {
        return None;
    }
    let verdict = |action: SenseAction, name: String, why: String| match action {
        SenseAction::Drop => Verdict::Drop(format!("relevance:{name}: {why}")),
        SenseAction::Code(code) => Verdict::Recode(code, name),
    };
    let verb = (0..tree.len()).find(|&k| tree.span(k) == event.trigger)?;
    if let Some((head, kind)) = typed_argument(tree, verb) {
        if let Some(rule) =
            rules.iter().find(|r| r.trigger == SenseTrigger::Argument(kind) && r.roots.contains(&root))
        {
            let why = format!(
                "'{}' is a {} argument, not a political target of root {root}",
                tree.word(head),
                kind.as_str()
            );
            return Some(verdict(rule.action, format!("sense:{}", kind.as_str()), why));
        }
    }
    // One named politician "attacks" with words ("Charles Kennedy attacked Mr Brown for failing
    // to …"): a person coded as a state's official, not as a fighter, who is the subject of
    // the verb itself; an attack noun ("launched air strikes") keeps its sense, a leader
    // standing for the state ("Erdogan commenced air and ground assaults").
    if matches!(root, "18" | "19" | "20") && is_politician_attacking(tree, event) {
        return Some(Verdict::Recode("111", "sense:person".into()));
    }
    // A party or a legislature "attacks" with words, whatever it attacks; a party in opposition
    // (`GBROPP` for the Tories of 2005) is still a party, unlike protesters.
    let named_party = event.source.mention.is_some_and(|m| {
        let rule = &tree.doc.mentions[m as usize].rule;
        rule.starts_with("org") && rule.ends_with("PTY")
    });
    let agent = if named_party { "PTY" } else { event.source.actor.code.get(3..6)? };
    let rule = rules.iter().find(|r| {
        r.roots.contains(&root) && matches!(r.trigger, SenseTrigger::SourceAgent(a) if a == agent)
    })?;
    let why = format!("a {agent} source commits no act of root {root}");
    Some(verdict(rule.action, format!("sense:source-{}", agent.to_lowercase()), why))
}

/// Verbs a single politician does with words when the subject of them.
const VERBAL_WHEN_PERSONAL: &[&str] = &["ATTACK"];

/// Verbs by which a leader has others attack ("ordered massive attacks on the Gaza Strip"):
/// the attack is armed, whoever gives the order.
const COMMANDING: &[&str] = &["ORDER", "AUTHORIZE", "AUTHORISE", "APPROVE", "COMMAND", "DIRECT"];

/// Whether `event` is one named person's, coded as a state's official (not an armed group,
/// soldier, policeman or spy), through a verb of [`VERBAL_WHEN_PERSONAL`].
fn is_politician_attacking(tree: &Tree, event: &Event) -> bool {
    let Some(mi) = event.source.mention else { return false };
    let m = &tree.doc.mentions[mi as usize];
    let code = &event.source.actor.code;
    let official = !matches!(code.get(..3), Some("IMG" | "NGM" | "UIS"))
        && !matches!(code.get(3..6), Some("MIL" | "REB" | "COP" | "SPY"));
    // The verb itself ("attacked Mr Brown"), or a light verb with it as its object ("launched
    // an extraordinary attack on the spy chiefs").
    let personal = |k: usize| VERBAL_WHEN_PERSONAL.contains(&tree.lemma[k].as_str());
    // The noun too, where the politician is its owner ("Mr Howard's attack on Labour", "the
    // Peter Hain 'mongrel' attack").
    let verbal = (0..tree.len()).find(|&k| tree.span(k) == event.trigger).is_some_and(|v| {
        (tree.is_verbal(v)
            && (personal(v)
                || (!COMMANDING.contains(&tree.lemma[v].as_str())
                    && tree.children[v].iter().any(|&c| tree.base(c) == "obj" && personal(c)))))
            || (tree.upos[v] == dyad_core::Upos::NOUN
                && personal(v)
                && tree.children[v].iter().any(|&c| {
                    (tree.rel[c] == "nmod:poss" || tree.base(c) == "compound") && tree.mention[c] == Some(mi)
                }))
    });
    // Named, or one person by office ("The prime minister told the Jewish Chronicle: \"I attack
    // Michael Howard politically\"").
    let one_person = matches!(m.kind, MentionKind::Name | MentionKind::Nominal);
    verbal && official && one_person && m.entity_type == Some(dyad_core::EntityType::PER)
}

/// The argument that decides a verb's sense, with its type: the object (or the subject of a
/// passive) if the verb has one, else its first typed oblique of "for", "against", "with", "at"
/// (or "on" after a noun). An actor there decides for the plain sense ("attacked Iraq").
fn typed_argument(tree: &Tree, verb: usize) -> Option<(usize, ArgumentType)> {
    let children = &tree.children[verb];
    let object =
        children.iter().copied().find(|&c| matches!(tree.base(c), "obj") || tree.rel[c] == "nsubj:pass");
    if let Some(o) = object {
        if tree.mention[o].is_some() {
            return None;
        }
        // "set to announce lifting the threshold": what is announced is the gerund's act, whose
        // object decides.
        if tree.is_verbal(o) && tree.base(o) == "obj" {
            return typed_argument(tree, o);
        }
        let kind = argument_type_of(tree, o)?;
        // "fired rounds of rockets": a count of something untyped is what it counts, not a
        // contest's round or a distance.
        let counts_untyped = matches!(kind, ArgumentType::Competition | ArgumentType::Quantity)
            && tree.children[o].iter().any(|&c| {
                tree.base(c) == "nmod"
                    && tree.preposition(c).as_deref() == Some("OF")
                    && argument_type_of(tree, c).is_none()
            });
        return (!counts_untyped).then_some((o, kind));
    }
    // "pledged to cut taxes": a statement of what one will do has that act's sense.
    if let Some(c) = children.iter().copied().find(|&c| tree.base(c) == "xcomp" && tree.is_verbal(c)) {
        if let Some(found) = typed_argument(tree, c) {
            return Some(found);
        }
    }
    // Only obliques that complete the verb ("fought for the title", "battled against cancer"),
    // not those that say when or where ("attacked during the break").
    // A noun's "on" completes it too ("an attack on the budget").
    let noun = !tree.is_verbal(verb);
    let completes = |c: usize| {
        tree.preposition(c)
            .is_some_and(|p| matches!(p.as_str(), "FOR" | "AGAINST" | "WITH" | "AT") || (noun && p == "ON"))
    };
    for &c in children.iter().filter(|&&c| c > verb && matches!(tree.base(c), "obl" | "nmod") && completes(c))
    {
        if tree.mention[c].is_some() {
            return None;
        }
        if let Some(t) = argument_type_of(tree, c) {
            return Some((c, t));
        }
    }
    None
}

//! Event coding: from a parsed, actor-tagged sentence to events (source, CAMEO code, target)
//! with status, date and the rule that fired.
//!
//! # Design
//!
//! The coder is a pattern engine over the dependency parse (`engine` module). Its knowledge is
//! a verb dictionary in the PETRARCH2 notation (`dictionary` module): verb blocks with a
//! default code and patterns over the verb's phrase (objects, obliques by preposition,
//! complement nouns, synonym sets). dyad ships its own dictionary (`data/verbs/dyad.verbs.txt`,
//! written for dyad and documented there); users may load PETRARCH-format dictionaries instead
//! ([`Coder::from_petrarch`]), which is how the field's validation suites run.
//!
//! For each verb the engine finds the most specific matching pattern and the actors in its
//! arguments: subject (or the `by` agent of a passive) as source, object then obliques then
//! complements as target, each coordinated actor getting its own event. Verb-on-verb
//! constructions are resolved after matching (`transform` module): a governing verb whose
//! complement codes an event yields to it ("was seen to break into" → break), and dyad's own
//! rules turn "said it will attack" into a threat, "vowed to support" into an intent, "refused
//! to meet" into a rejection (`data/verbs/transforms.tsv`).
//!
//! Nouns that name events ("Putin's visit to North Korea", "consultations between A and B")
//! are matched too (`nominal` module, `data/verbs/nouns.tsv`).
//!
//! Each event then gets its status (negation, modality, the attribution and section layers;
//! `status` module), its date (a time expression governing the clause, else the document
//! date) and the name of the rule that fired. [`Coder::explain`] prints the parse and the matches.
//!
//! Events that are not political events are then dropped or recoded (`relevance` module): in a
//! sport, market or culture page only events with a political actor stay, and a verb whose
//! object is a plan, an illness or a contest place ("attacked the budget", "battled cancer",
//! "attacked the last 200m") is read in that sense. `--explain` says which test dropped what.
//!
//! A sentence the parser has not annotated is read shallowly (`shallow` module: dictionary
//! verbs over the words, nearest actors around them), with rules named `shallow:…`.
//!
//! Loading fails with a [`CoderError`] naming the file and line of a bad dictionary or table
//! line. A sentence whose parse is not a tree is skipped with a warning in the document
//! (`coder: sentence N skipped: …`) rather than failing the document.

#![warn(missing_docs)]

mod appraisal;
mod dictionary;
mod discard;
mod engine;
mod error;
mod joint;
mod nominal;
mod ontology;
mod relevance;
mod shallow;
mod status;
mod transform;
pub mod tree;

pub use discard::Discards;
pub use error::{CoderError, DictionaryProblem};

use dictionary::{Code, VerbDictionary};
use dyad_core::{Document, Event, Participant, SectionKind, Stage};
use error::TreeError;
use transform::Transforms;
use tree::Tree;

/// An event the relevance tests dropped, and why (for `--explain`).
type Dropped = (Event, String);

const OWN_VERBS: &str = include_str!("../../../data/verbs/dyad.verbs.txt");
const OWN_TRANSFORMS: &str = include_str!("../../../data/verbs/transforms.tsv");
const OWN_NOUNS: &str = include_str!("../../../data/verbs/nouns.tsv");
/// Phoenix's verb patterns, converted by `tools/gen_phoenix_verbs.py`: the verbs dyad lacks.
const PHOENIX_VERBS: &str = include_str!("../../../data/verbs/phoenix.verbs.txt");

/// The event coder: a verb dictionary with its verb-on-verb rules and event nouns, run as the
/// pipeline's last stage ([`Stage`]) or asked to explain one sentence ([`Coder::explain`]).
pub struct Coder {
    dict: VerbDictionary,
    /// Short name of the dictionary for rule ids ("dyad", "PETR_Validate_verbs_2_02").
    dict_name: String,
    transforms: Transforms,
    /// Nouns that name events (dyad's own coder only).
    nouns: nominal::Nouns,
    /// Events need a target (PETRARCH's `require_dyad`).
    require_target: bool,
    /// A negated verb codes the opposite event where the ontology names one (see [`ontology`]).
    negations: std::collections::HashMap<String, String>,
    /// A user's discard phrases: a sentence (or story) holding one codes nothing.
    discards: Discards,
}

/// What a user's verb-side dictionary file holds, chosen by its name
/// (`docs/dictionaries.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserFileKind {
    /// A verb dictionary in the PETRARCH notation (`*verbs*`, `*verbpatterns*`).
    Verbs,
    /// Verb-on-verb rules in the format of `data/verbs/transforms.tsv`.
    Transforms,
    /// Event nouns in the format of `data/verbs/nouns.tsv`.
    Nouns,
    /// A PETRARCH discard list (`*discards*`).
    Discards,
}

impl Coder {
    /// The coder with dyad's own dictionary and verb-on-verb rules, and the Phoenix verbs
    /// dyad's dictionary lacks (`data/verbs/phoenix.verbs.txt`; a verb dyad has keeps dyad's
    /// patterns; their rules are named `dyad:phoenix/BLOCK#LINE`).
    pub fn load_default() -> Result<Coder, CoderError> {
        Coder::load_layered(&[], true)
    }

    /// dyad's coder with a user's files, `(kind, path shown in errors, contents)`, over the
    /// shipped dictionaries when `with_defaults` is set, or alone. The user's entry wins a
    /// conflict: a verb the user lists (same lemma and particles, or a bare verb sharing a word
    /// form) is coded by the user's block and patterns only; the user's verb-on-verb rules are
    /// tried first; a noun the user lists keeps the user's entry. Among the user's files the
    /// first given wins. User verb blocks are named `STEM/BLOCK` in rule ids (`STEM` the file
    /// name without its extension). Every code must be a CAMEO event code.
    pub fn load_layered(
        files: &[(UserFileKind, String, String)],
        with_defaults: bool,
    ) -> Result<Coder, CoderError> {
        let mut dict = if with_defaults {
            let own = VerbDictionary::parse(OWN_VERBS, "data/verbs/dyad.verbs.txt")?;
            check_cameo_codes(&own)?;
            own
        } else {
            VerbDictionary::default()
        };
        let mut transforms = Transforms::default();
        let mut nouns = nominal::Nouns::default();
        let mut discards = Discards::default();
        let of = |kind: UserFileKind| files.iter().filter(move |f| f.0 == kind);
        // Reversed: each `prefer` lets the file it adds win, so the first file wins last.
        for (_, file, text) in of(UserFileKind::Verbs).rev() {
            let user = VerbDictionary::parse(text, file)?;
            check_cameo_codes(&user)?;
            dict.prefer(user, &rule_prefix(file));
        }
        for (_, file, text) in of(UserFileKind::Transforms) {
            let mut user = Transforms::parse(text, file)?;
            user.after(std::mem::take(&mut transforms));
            // `transforms` (earlier files) first.
            transforms = user;
        }
        for (_, file, text) in of(UserFileKind::Nouns) {
            nouns.add_missing(nominal::Nouns::parse(text, file)?);
        }
        for (_, file, text) in of(UserFileKind::Discards) {
            discards.add(text, file)?;
        }
        if with_defaults {
            let phoenix = VerbDictionary::parse(PHOENIX_VERBS, "data/verbs/phoenix.verbs.txt")?;
            check_cameo_codes(&phoenix)?;
            dict.add_missing_verbs(phoenix, "phoenix");
            let mut shipped = Transforms::parse(OWN_TRANSFORMS, "data/verbs/transforms.tsv")?;
            shipped.after(transforms);
            transforms = shipped;
            nouns.add_missing(nominal::Nouns::parse(OWN_NOUNS, "data/verbs/nouns.tsv")?);
        }
        Ok(Coder {
            dict,
            dict_name: "dyad".into(),
            transforms,
            nouns,
            // CAMEO events may have no target ("North Korea threatened a nuclear response");
            // PETRARCH's validation suites require one, so only dyad's own coder allows it.
            require_target: false,
            negations: Default::default(),
            discards,
        })
    }

    /// Read a PETRARCH-format verb dictionary from a file (what the pipeline builder's
    /// `verb_dictionary` loads).
    pub fn from_petrarch_file(path: &std::path::Path) -> Result<Coder, CoderError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| CoderError::Read { path: path.to_path_buf(), source })?;
        Coder::from_petrarch(&text, &path.display().to_string())
    }

    /// A coder over a PETRARCH-format verb dictionary (codes are taken as written: validation
    /// dictionaries use codes outside CAMEO). No dyad verb-on-verb rules apply beyond yielding
    /// to a coded complement.
    pub fn from_petrarch(text: &str, file: &str) -> Result<Coder, CoderError> {
        let dict = VerbDictionary::parse_as_petrarch(text, file)?;
        let name = std::path::Path::new(file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.to_string());
        Ok(Coder {
            dict,
            dict_name: name,
            transforms: Transforms::default(),
            nouns: nominal::Nouns::default(),
            require_target: true,
            negations: Default::default(),
            discards: Discards::default(),
        })
    }

    /// Read negation pairs from a PETRARCH coding-ontology file, so that a negated verb codes
    /// the opposite event where the ontology names one. `file` names it in errors.
    pub fn with_ontology(mut self, text: &str, file: &str) -> Result<Coder, CoderError> {
        self.negations = ontology::parse_negations(text, file)?;
        Ok(self)
    }

    /// Whether `word` (upper case) is an event noun of the dictionaries ("AIRSTRIKES").
    pub fn has_event_noun(&self, word: &str) -> bool {
        self.nouns.has_word(word)
    }

    /// Whether `form` (upper case) is an irregular form a dictionary lists for a verb of
    /// another lemma ("OVERRAN" of OVERRUN, "STRUCK" of STRIKE).
    pub fn has_irregular_verb_form(&self, form: &str) -> bool {
        self.dict.by_word.get(form).is_some_and(|entries| entries.iter().any(|e| e.lemma != form))
    }

    /// Whether `form` (upper case, a third-person "-s" form such as "ATTACKS") is a verb the
    /// dictionaries list, by the form itself or its stem.
    pub fn has_verb_form(&self, form: &str) -> bool {
        let stems = [form.strip_suffix("ES"), form.strip_suffix('S')];
        stems.into_iter().flatten().any(|stem| !self.dict.lookup(stem, form).is_empty())
    }

    /// For each sentence of `doc`, whether it could yield an event, judged without the parse
    /// (tags and lemmas are read where present). Every event's source is an actor mention in
    /// the sentence, and it starts from a word: a verb of the dictionary by form or lemma, an
    /// event noun or a speech verb (criticism). A verb only an added dictionary has (Phoenix)
    /// codes nothing without a target, and the shallow fallback needs a source and a target,
    /// so those words count only where the sentence's mentions hold two actors or more (one
    /// actor cannot act on itself). Where this is false neither the parse nor the shallow
    /// fallback finds an event in the sentence, so a pipeline may leave it unparsed.
    pub fn may_code(&self, doc: &Document) -> Vec<bool> {
        let sentences = &doc.sentences;
        // Actors in each sentence's mentions, as the coder counts participants.
        let mut actors = vec![0usize; sentences.len()];
        // In a sport, market or culture story only an event with a political side is kept
        // (`relevance::judge`): a sentence with no mention that could be one is not parsed.
        // (A document of fewer tokens than the domain test's words is not judged: no reading.)
        let reading = (doc.tokens.len() >= relevance::MIN_WORDS)
            .then(|| relevance::read_domain(doc))
            .filter(|r| r.filters());
        let mut political = vec![reading.is_none(); sentences.len()];
        for m in doc.mentions.iter().filter(|m| !m.actors.is_empty() || m.is_unresolved_name()) {
            // The last sentence starting at or before the mention (sentences are in text order).
            let at = sentences.partition_point(|s| s.span.start <= m.span.start);
            if let Some(k) = at.checked_sub(1) {
                if sentences[k].span.contains(m.span) {
                    actors[k] = actors[k].saturating_add(m.actors.len().max(1));
                    political[k] = political[k]
                        || reading.as_ref().is_some_and(|r| relevance::may_be_political(doc, m, r.domain));
                }
            }
        }
        let reporting = dyad_core::lexicon::reporting_verbs();
        let dict = &self.dict;
        // A word with an entry of the dictionary's own (not an added one), or an event noun.
        let own = |w: &str| {
            self.nouns.has_word(w)
                || dict
                    .by_word
                    .get(w)
                    .is_some_and(|v| v.iter().any(|e| !dict.is_added_block(&dict.blocks[e.block].name)))
        };
        sentences
            .iter()
            .zip(actors)
            .zip(political)
            .map(|((s, actors), political)| {
                let (first, end) = (s.tokens.0 as usize, s.tokens.1 as usize);
                actors > 0
                    && doc.tokens.get(first..end).unwrap_or(&[]).iter().any(|t| {
                        let text = doc.span_text(t.span);
                        // A speech verb: the quote stage may read its subject, whatever the domain.
                        if reporting.get(text).is_some() {
                            return true;
                        }
                        if !political {
                            return false;
                        }
                        let form = text.to_uppercase();
                        let lemma = (!t.lemma.is_empty()).then(|| t.lemma.to_uppercase());
                        if own(&form)
                            || lemma.as_deref().is_some_and(own)
                            || lemma
                                .as_deref()
                                .and_then(|l| dict.with_silent_e(l, &form))
                                .is_some_and(|w| own(&w))
                        {
                            return true;
                        }
                        // As the engine looks verbs up: stems of the form when the lemma fails.
                        if lemma.as_deref().is_some_and(|l| l != form)
                            && engine::form_stem(&form).is_some_and(own)
                        {
                            return true;
                        }
                        actors > 1
                            && (dict.by_word.contains_key(&form)
                                || lemma.as_deref().is_some_and(|l| dict.by_word.contains_key(l))
                                || lemma
                                    .as_deref()
                                    .and_then(|l| dict.with_silent_e(l, &form))
                                    .is_some_and(|w| dict.by_word.contains_key(&w))
                                || shallow::lemmas(&form).iter().any(|l| dict.by_word.contains_key(l)))
                    })
            })
            .collect()
    }

    /// The events of sentence `i` in a document read as `reading`, or why the sentence cannot
    /// be coded.
    pub(crate) fn code_sentence(
        &self,
        doc: &Document,
        i: usize,
        reading: &relevance::DomainReading,
    ) -> Result<Vec<Event>, TreeError> {
        self.code_sentence_judged(doc, i, reading).map(|(kept, _)| kept)
    }

    /// The events of sentence `i` that the relevance tests keep, and those they drop with why.
    fn code_sentence_judged(
        &self,
        doc: &Document,
        i: usize,
        reading: &relevance::DomainReading,
    ) -> Result<(Vec<Event>, Vec<Dropped>), TreeError> {
        let tree = Tree::new(doc, i)?;
        let mut matches = engine::match_verbs(&tree, &self.dict);
        matches.extend(nominal::match_nouns(&tree, &self.nouns));
        // "called the plans disgraceful" names the plans: no call, whatever the dictionary says.
        matches.retain(|m| !appraisal::names_something(&tree, m.verb));
        drop_ended_nouns(&tree, &mut matches);
        let resolved = transform::resolve(&tree, matches, &self.transforms);
        let mut events = Vec::new();
        for r in &resolved {
            self.events_of(&tree, r, &mut events);
        }
        self.criticisms_of(&tree, &mut events);
        let mut dropped = Vec::new();
        events.retain_mut(|e| match relevance::judge(&tree, e, reading) {
            relevance::Verdict::Keep => true,
            relevance::Verdict::Recode(code, rule) => {
                e.cameo = code.to_string();
                e.rule = format!("{}+{rule}", e.rule);
                true
            }
            relevance::Verdict::Drop(why) => {
                dropped.push((e.clone(), why));
                false
            }
        });
        dedup(&mut events);
        Ok((events, dropped))
    }

    /// Criticism said of another actor (`appraisal`), where no coded verb of the sentence
    /// already has the two actors in a disapproval, accusation or rejection (roots 11, 12); and
    /// what a speaker says another must or should do, where no verb codes a demand or appeal.
    fn criticisms_of(&self, tree: &Tree, out: &mut Vec<Event>) {
        let make = |v: usize, code: &str, rule: &'static str, s: &Participant, t: Option<&Participant>| {
            let (status, attributed_to) = status::status_of(tree, v, &self.transforms);
            let (date, date_precision, date_source) = status::date_of(tree, v);
            Event {
                sentence: tree.sentence as u32,
                source: s.clone(),
                target: t.cloned(),
                cameo: code.to_string(),
                date,
                date_precision,
                date_source,
                status,
                attributed_to,
                rule: format!("{}:{rule}", self.dict_name),
                trigger: tree.span(v),
            }
        };
        // Each kept only where no coded verb already has the two actors in an event of the
        // same kind (its CAMEO roots).
        let mut add_uncovered = |found: Vec<(usize, Event)>, roots: [&str; 2]| {
            for (_, e) in found {
                let covered = out.iter().any(|o| {
                    roots.iter().any(|r| o.cameo.starts_with(r))
                        && o.source.actor.code == e.source.actor.code
                        && o.target.as_ref().map(|t| &t.actor.code)
                            == e.target.as_ref().map(|t| &t.actor.code)
                });
                if !covered {
                    out.push(e);
                }
            }
        };
        add_uncovered(appraisal::criticisms(tree, &|tok| participants(tree, tok), &make), ["11", "12"]);
        // A demand or appeal through "must"/"should".
        add_uncovered(appraisal::obligations(tree, &|tok| participants(tree, tok), &make), ["10", "02"]);
        // An accusation through "X was responsible".
        add_uncovered(appraisal::accusations(tree, &|tok| participants(tree, tok), &make), ["11", "12"]);
        // A call for an inquiry through "there should be an inquiry".
        add_uncovered(
            appraisal::calls_for_inquiry(tree, &|tok| participants(tree, tok), &make),
            ["10", "02"],
        );
        // Criticism in a sentence that is all quotation, by the quotation's speaker.
        let speaker = quotation_speaker(tree);
        add_uncovered(
            appraisal::quoted_criticisms(tree, &speaker, &|tok| participants(tree, tok), &make),
            ["11", "12"],
        );
    }

    fn events_of(&self, tree: &Tree, r: &transform::Resolved, out: &mut Vec<Event>) {
        let m = &r.matched;
        let Code::Event { forward, back } = &r.code else { return };
        let visit = matches!(forward.as_str(), "042" | "043" | "044");
        let (mut status, attributed_to) = status::status_of(tree, m.verb, &self.transforms);
        let mut forward = forward;
        let mut back = back;
        // Only a negation of the verb itself ("did not attack") turns it into its opposite; an act
        // refused or not wanted by a governing verb is the same act, not done.
        let own_negation = status == dyad_core::Status::Negated && status::is_negated(tree, m.verb);
        let opposite = own_negation.then(|| self.negations.get(forward)).flatten();
        // A cooperative act stated for the future is coded as the statement, which happened:
        // refused ("will not end the strike": the rejection, 12x) or announced ("Putin will
        // meet Erdogan in Ankara": the intent, 03x).
        let refused = own_negation && opposite.is_none() && transform::is_future(tree, m.verb);
        let announced = status == dyad_core::Status::Hypothetical
            && r.transform.is_none()
            && status::is_plain_future(tree, m.verb);
        let stated = if refused {
            self.transforms.refusal_of(forward)
        } else if announced {
            self.transforms.intent_of(forward)
        } else {
            None
        };
        if let Some(code) = stated {
            forward = code;
            back = &None;
            status = status::status_of_stated(tree, m.verb, &self.transforms).0;
        }
        if let Some(opposite) = opposite {
            // The negation is consumed by coding the opposite event.
            forward = opposite;
            back = &None;
            status = status::status_of_unnegated(tree, m.verb, &self.transforms).0;
        }
        // Peacekeepers who arrive somewhere or are deployed there provide peacekeeping (074),
        // which is neither a visit nor a mobilisation ("West African peacekeeping troops arrive
        // in Monrovia", "soldiers were deployed as peacekeeping forces").
        let peacekeeping = PROVIDE_PEACEKEEPING.to_string();
        if matches!(forward.as_str(), "042" | "150" | "154") && names_peacekeeping(tree, m.verb) {
            forward = &peacekeeping;
            back = &None;
        }
        // "demonstrated that we can win", "demonstrates the US commitment": to demonstrate
        // something is to show it; only the intransitive verb is a demonstration.
        if forward.starts_with("14")
            && tree.lemma[m.verb] == "DEMONSTRATE"
            && tree.children[m.verb].iter().any(|&c| matches!(tree.base(c), "obj" | "ccomp"))
        {
            return;
        }
        let (date, date_precision, date_source) = status::date_of(tree, m.verb);
        let trigger = tree.span(m.verb);
        let rule = format!(
            "{}:{}#{}{}",
            self.dict_name,
            m.block,
            m.line,
            r.transform.as_ref().map(|t| format!("+{t}")).unwrap_or_default()
        );
        let participants = |tok: usize| participants(tree, tok);
        let mut push = |s: &Participant, t: Option<&Participant>, code: &str| {
            // A description of what an actor owns ("the plans") is spoken of, never acts.
            let owned = |p: &Participant| {
                p.mention.is_some_and(|m| {
                    tree.doc.mentions[m as usize].rule.starts_with(dyad_core::OWNED_DESCRIPTION_RULE)
                })
            };
            // People no dictionary names are only ever done to ("released 19 Christians"); nor
            // is welcoming them a visit hosted ("would welcome genuine economic migrants").
            let unnamed = |p: &Participant| p.mention.is_none();
            if owned(s) || unnamed(s) || (t.is_some_and(unnamed) && matches!(code, "042" | "043" | "044")) {
                return;
            }
            // A party or nationality word modifying a thing is that thing's owner, not a second
            // actor: "Howard unveils Tory asylum plans" is no act of a Tory on the Tories.
            let modifier = |p: &Participant| {
                (0..tree.len()).any(|k| {
                    tree.span(k).start == p.span.start
                        && matches!(tree.base(k), "amod" | "compound")
                        && tree.head[k].is_some_and(|h| tree.mention[h].is_none())
                })
            };
            // An actor does not act on itself; two unresolved names are two actors, and so are
            // two people of one code ("Mr Blair said he still admired Mr Blunkett").
            let two_people = |t: &Participant| {
                matches!((&s.actor.name, &t.actor.name), (Some(a), Some(b)) if a != b) && !modifier(t)
            };
            // "they shoot their quarry": two pronouns standing for the same actors are one side,
            // whichever of those actors each is paired with.
            let pronoun_of = |p: &Participant| {
                p.mention
                    .map(|m| &tree.doc.mentions[m as usize])
                    .filter(|m| m.kind == dyad_core::MentionKind::Pronoun)
                    .map(|m| {
                        m.actors.iter().map(|a| a.code.as_str()).collect::<std::collections::BTreeSet<_>>()
                    })
            };
            if t.is_some_and(|t| {
                t.mention != s.mention && pronoun_of(s).is_some() && pronoun_of(s) == pronoun_of(t)
            }) {
                return;
            }
            let mut t = t;
            if t.is_some_and(|t| {
                t.actor.code == s.actor.code
                    && !two_people(t)
                    && (!t.actor.code.starts_with(dyad_core::UNRESOLVED_ACTOR_CODE) || t.mention == s.mention)
            }) {
                // Some acts are done whoever they are with, the actor's own being no partner in
                // them: an agreement to act and what was agreed ("NATO allies have agreed to
                // extend their mission", "agreed to offer another aid package as part of its
                // programme"), a retreat or concession, stated or refused ("the rebels laid down
                // their weapons", 08; "said the fighters will lay down their arms", 035; "will
                // not reverse its decision", 124), a defence ("the White House defended Mr
                // Trump's decision", 052). They keep no target; any other act on itself is none.
                let agreed = |v: usize| {
                    tree.lemma[v] == "AGREE" || tree.head[v].is_some_and(|h| tree.lemma[h] == "AGREE")
                };
                if !((code.starts_with("03") && agreed(m.verb))
                    || code.starts_with("035")
                    || code.starts_with("08")
                    || code.starts_with("124")
                    || code.starts_with("052"))
                {
                    return;
                }
                t = None;
            }
            // "Russia refused to withdraw its troops": a state's own forces pulled back, or
            // not, are what it yields, not whom it yields to.
            let own_forces = |t: &Participant| {
                t.actor.code.len() == 6
                    && t.actor.code.get(..3) == s.actor.code.get(..3)
                    && matches!(t.actor.code.get(3..), Some("MIL" | "COP"))
                    && s.actor.code.len() == 3
            };
            if (code.starts_with("08") || code.starts_with("124")) && t.is_some_and(own_forces) {
                t = None;
            }
            // A visit is to someone: "visiting constituencies in Somerset" is campaigning, and
            // "he will visit places" no intent to meet anyone.
            if t.is_none() && (matches!(code, "042" | "043" | "044") || visit) {
                return;
            }
            // Recognition is of a state or a government: "recognised the funding pressures",
            // "recognised that controls were essential" acknowledge a fact, of no one.
            if t.is_none() && code == "054" {
                return;
            }
            // Material cooperation is with someone: "continue to invest in the service" (061),
            // "work closely with local forces" without an actor named, are no dyadic act.
            if t.is_none() && code.starts_with("06") {
                return;
            }
            // So is helping: "it would help the fight against terrorism", "ships have helped the
            // relief effort" name no one helped (aid sent or given, or an aid noun, still codes).
            if t.is_none()
                && code.starts_with("07")
                && tree.is_verbal(m.verb)
                && HELPING.contains(&tree.lemma[m.verb].as_str())
            {
                return;
            }
            // A pledge to no one of nothing the dictionary names is a policy promise ("pledged
            // to plough the savings back into public services", "has promised a hunt this
            // weekend"), no intent to cooperate with another actor; a pledge of a named kind
            // ("vowed to cooperate", 031) and an agreement with no partner named still code.
            if t.is_none() && code == "030" && PLEDGING.contains(&tree.lemma[m.verb].as_str()) {
                return;
            }

            out.push(Event {
                sentence: tree.sentence as u32,
                source: s.clone(),
                target: t.cloned(),
                cameo: code.to_string(),
                date: date.clone(),
                date_precision,
                date_source,
                status,
                attributed_to,
                rule: rule.clone(),
                trigger,
            });
        };
        // A denial answers whoever made the charge: the actors of what is denied ("denied that
        // its troops had fired", "denied they had been forced out") are not its target.
        let kept: Vec<usize>;
        let targets: &[usize] = if forward == DENY_RESPONSIBILITY {
            kept = r.targets.iter().copied().filter(|&t| !in_clause_of(tree, t, m.verb)).collect();
            &kept
        } else if r.targets.is_empty() && forward.starts_with("12") {
            // "will not lift the embargo until Cuba undertakes reforms": a refusal held until
            // another acts is a refusal to that other.
            kept = condition_subject(tree, m.verb).filter(|t| !r.sources.contains(t)).into_iter().collect();
            &kept
        } else {
            &r.targets
        };
        // A reciprocal act of a compound subject, or of one word standing for several
        // countries ("they signed"), or one done to "each other": its members act on each
        // other, every ordered pair.
        let members: Vec<Participant> = r.sources.iter().flat_map(|&a| participants(a)).collect();
        // So is a joint act (meeting, agreeing, signing, cooperating) of actors named together
        // ("X and Y"), unless it names a partner outside them ("India and Pakistan held talks with China").
        // ("Both sides", one description standing for the two named before, counts as two;
        // "they" of several does not: its members may be one body, "they could not agree to serve".)
        let pair_description = r.sources.len() == 1
            && tree.mention[r.sources[0]].is_some_and(|k| {
                let rule = &tree.doc.mentions[k as usize].rule;
                rule.starts_with("nominal:") && (rule.contains("sides") || rule.contains("countries"))
            });
        let joint = joint::is_joint(forward)
            && (r.sources.len() > 1 || pair_description)
            && members.len() > 1
            && members.iter().any(|p| p.actor.code != members[0].actor.code)
            && !targets.iter().any(|&t| engine::introduced_by_with(tree, t, m.verb));
        let mutual = targets.is_empty() && (m.reciprocal || joint::acts_on_each_other(tree, m.verb));
        if members.len() > 1 && (mutual || joint) {
            for (i, s) in members.iter().enumerate() {
                for (j, t) in members.iter().enumerate() {
                    if i != j {
                        push(s, Some(t), forward);
                    }
                }
            }
            return;
        }
        if targets.is_empty() {
            // Phoenix's patterns were written for a coder that keeps only events with both
            // actors (PETRARCH's require_dyad): its verbs' bare defaults ("come", "want",
            // "think") are no events without a target.
            if !self.require_target && !self.dict.is_added_block(&m.block) {
                for &a in &r.sources {
                    for s in participants(a) {
                        push(&s, None, forward);
                    }
                }
            }
            return;
        }
        for &a in &r.sources {
            for &b in targets {
                for s in participants(a) {
                    for t in participants(b) {
                        push(&s, Some(&t), forward);
                        if let Some(back) = back {
                            push(&t, Some(&s), back);
                        }
                    }
                }
            }
        }
    }

    /// The parse of sentence `i` and what the engine matched in it, for `dyad code --explain`.
    pub fn explain(&self, doc: &Document, i: usize) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        if i >= doc.sentences.len() {
            return format!("no sentence {i} (the document has {})\n", doc.sentences.len());
        }
        let tree = match Tree::new(doc, i) {
            Ok(t) => t,
            Err(e) => return format!("sentence {i}: not coded: {e}\n"),
        };
        let reading = relevance::read_domain(doc);
        if i == 0 {
            let _ = writeln!(out, "document: {}", reading.describe());
        }
        let _ = writeln!(out, "sentence {i}: {}", doc.span_text(doc.sentences[i].span).trim());
        for k in 0..tree.len() {
            let head = tree.head[k].map(|h| h + 1).unwrap_or(0);
            let actor = tree.mention[k]
                .map(|m| {
                    let codes: Vec<&str> =
                        doc.mentions[m as usize].actors.iter().map(|a| a.code.as_str()).collect();
                    format!("  [{}]", codes.join(","))
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {:>3} {:<16} {:<12} {:<6} {:>3} {:<12}{}",
                k + 1,
                tree.word(k),
                tree.lemma[k].to_lowercase(),
                tree.upos[k].as_str(),
                head,
                tree.rel[k],
                actor
            );
        }
        let mut matches = engine::match_verbs(&tree, &self.dict);
        matches.extend(nominal::match_nouns(&tree, &self.nouns));
        drop_ended_nouns(&tree, &mut matches);
        if matches.is_empty() {
            let _ = writeln!(out, "  no verb in the dictionary");
        }
        let describe = |toks: &[usize]| -> String {
            let v: Vec<String> = toks.iter().map(|&t| tree.word(t).to_string()).collect();
            if v.is_empty() {
                "-".into()
            } else {
                v.join(", ")
            }
        };
        for m in &matches {
            let _ = writeln!(
                out,
                "  verb '{}' ({}#{}): {} -> {}; source {}; target {}{}",
                tree.word(m.verb),
                m.block,
                m.line,
                m.pattern.as_deref().unwrap_or("(block default)"),
                m.code.describe(),
                describe(&m.sources),
                describe(&m.targets),
                if m.passive { " (passive)" } else { "" }
            );
        }
        for r in transform::resolve(&tree, matches, &self.transforms) {
            if let Some(t) = &r.transform {
                let _ = writeln!(
                    out,
                    "  transform {t}: '{}' -> {}",
                    tree.word(r.matched.verb),
                    r.code.describe()
                );
            }
        }
        let event_line = |e: &Event| {
            format!(
                "{} {} {} [{}] {} {}",
                e.source.actor.code,
                e.cameo,
                e.target.as_ref().map(|t| t.actor.code.as_str()).unwrap_or("-"),
                e.status.as_str(),
                e.date.as_deref().unwrap_or("-"),
                e.rule
            )
        };
        match self.code_sentence_judged(doc, i, &reading) {
            Ok((events, dropped)) => {
                for (e, why) in &dropped {
                    let _ = writeln!(out, "  dropped {}: {why}", event_line(e));
                }
                if events.is_empty() {
                    let _ = writeln!(out, "  events: none");
                }
                for e in events {
                    let _ = writeln!(out, "  event {}", event_line(&e));
                }
            }
            Err(e) => {
                let _ = writeln!(out, "  not coded: {e}");
            }
        }
        out
    }
}

impl Stage for Coder {
    fn name(&self) -> &'static str {
        "coder"
    }

    fn requires(&self) -> &'static [dyad_core::Layer] {
        use dyad_core::Layer;
        // Sections: boilerplate is skipped and commentary marks an event's status.
        &[Layer::Text, Layer::Sections, Layer::Sentences, Layer::Parse, Layer::Mentions]
    }

    fn reads_if_present(&self) -> &'static [dyad_core::Layer] {
        use dyad_core::Layer;
        // Quotes and attributions give an event's status (asserted without them), timexes its
        // date (the document's without them), places a mixed-case dateline ("Washington - US
        // President …", whose words are no actors).
        &[Layer::Quotes, Layer::Timexes, Layer::Places]
    }

    fn provides(&self) -> &'static [dyad_core::Layer] {
        use dyad_core::Layer;
        &[Layer::Events]
    }

    fn annotate(&self, doc: &mut Document) {
        let mut events = Vec::new();
        let mut warnings = Vec::new();
        let reading = relevance::DomainReading::unjudged(doc).unwrap_or_else(|| relevance::read_domain(doc));
        for i in 0..doc.sentences.len() {
            let start = doc.sentences[i].span.start;
            if matches!(
                doc.section_at(start).map(|s| s.kind),
                Some(SectionKind::Boilerplate | SectionKind::Byline)
            ) {
                continue;
            }
            let (first, end) = doc.sentences[i].tokens;
            if first == end {
                continue;
            }
            if doc.tokens[first as usize..end as usize].iter().all(|t| t.head.is_none()) {
                // No parser ran: read the dictionary over the words (see [`shallow`]).
                let coded = shallow::code_sentence(doc, i, &self.dict, &self.dict_name);
                events.extend(coded.into_iter().filter(|e| relevance::judge_shallow(doc, e, &reading)));
                continue;
            }
            match self.code_sentence(doc, i, &reading) {
                Ok(e) => events.extend(e),
                Err(e) => {
                    warnings.push(dyad_core::Warning::new("coder", format!("sentence {i} skipped: {e}")))
                }
            }
        }
        if !self.discards.is_empty() {
            self.discard(doc, &mut events);
        }
        doc.events = events;
        doc.warnings.extend(warnings);
    }
}

impl Coder {
    /// Drops the events of sentences holding a discard phrase, or all of them when a story
    /// discard is found anywhere in the document.
    fn discard(&self, doc: &Document, events: &mut Vec<Event>) {
        let mut dropped = std::collections::HashSet::new();
        for (i, s) in doc.sentences.iter().enumerate() {
            let (a, b) = (s.tokens.0 as usize, s.tokens.1 as usize);
            let Some(tokens) = doc.tokens.get(a..b) else { continue };
            let words: Vec<String> =
                tokens.iter().filter_map(|t| doc.text.get(t.span.range())).map(str::to_uppercase).collect();
            match self.discards.find(&words) {
                Some(true) => {
                    events.clear();
                    return;
                }
                Some(false) => {
                    dropped.insert(i as u32);
                }
                None => {}
            }
        }
        events.retain(|e| !dropped.contains(&e.sentence));
    }
}

/// The name of a user's file in rule ids: its file name up to the first `.`.
fn rule_prefix(file: &str) -> String {
    let name = std::path::Path::new(file).file_name().map(|n| n.to_string_lossy().into_owned());
    let name = name.unwrap_or_else(|| file.to_string());
    name.split('.').next().unwrap_or(&name).to_string()
}

/// The actors of the mention covering token `tok`, as event participants; for people no
/// dictionary names (the engine's target of last resort), their phrase, of unknown code.
fn participants(tree: &Tree, tok: usize) -> Vec<Participant> {
    match tree.mention[tok] {
        Some(mi) => mention_participants(tree.doc, mi),
        None if engine::names_unnamed_people(tree, tok) => {
            let words = tree.subtree(tok, &|k| k != tok && matches!(tree.base(k), "acl" | "advcl" | "punct"));
            let (from, to) =
                (words.iter().min().copied().unwrap_or(tok), words.iter().max().copied().unwrap_or(tok));
            let span = dyad_core::Span::new(tree.span(from).start as usize, tree.span(to).end as usize);
            vec![Participant { actor: dyad_core::Actor::unresolved(), span, mention: None }]
        }
        None => Vec::new(),
    }
}

/// The actors of mention `mi` (one unresolved actor for a name no dictionary knows), as event
/// participants.
fn mention_participants(doc: &Document, mi: u32) -> Vec<Participant> {
    let mention = &doc.mentions[mi as usize];
    mention
        .actors_or_unresolved()
        .into_iter()
        .map(|actor| Participant { actor, span: mention.span, mention: Some(mi) })
        .collect()
}

/// The speaker's actors, for a sentence whose words all lie inside one direct quotation the
/// quotation layer attributed to an actor; none otherwise.
fn quotation_speaker(tree: &Tree) -> Vec<Participant> {
    let doc = tree.doc;
    let words: Vec<usize> = (0..tree.len()).filter(|&k| tree.upos[k] != dyad_core::Upos::PUNCT).collect();
    let (Some(&first), Some(&last)) = (words.first(), words.last()) else { return Vec::new() };
    let span = dyad_core::Span::new(tree.span(first).start as usize, tree.span(last).end as usize);
    let Some(m) = doc
        .quotes
        .iter()
        .find(|q| q.kind == dyad_core::QuoteKind::Direct && q.content.contains(span))
        .and_then(|q| q.speaker)
    else {
        return Vec::new();
    };
    if doc.mentions.get(m as usize).is_none_or(|mention| mention.actors.is_empty()) {
        return Vec::new();
    }
    mention_participants(doc, m)
}

/// Verbs of helping, which help someone or no one ("help the fight against terrorism").
const HELPING: &[&str] = &["HELP", "ASSIST", "AID"];

/// Verbs of promising: with no one promised and no kind of cooperation named, a statement of
/// policy, not an intent (030) to cooperate with anyone.
const PLEDGING: &[&str] = &["PLEDGE", "PROMISE", "VOW", "OFFER", "GUARANTEE", "UNDERTAKE"];

/// The CAMEO root of a match's code ("16" for "162"), empty for none.
fn code_root(m: &engine::Match) -> &str {
    match &m.code {
        Code::Event { forward, .. } => forward.get(..2).unwrap_or(""),
        Code::Null => "",
    }
}

/// An event noun that a yielding, rejecting or reducing verb (CAMEO roots 08, 12 and 16:
/// lifting, easing, ending, refusing, cancelling, suspending, cutting) takes as its object (or
/// passive subject) is the act that ends or does not happen, not a new one: "Saudi Arabia
/// lifted its blockade of Yemen" is no blockade (191), only its easing; "Britain cut aid to
/// Kenya" gives no aid; "Russia cancelled Putin's visit" is no visit. The noun's recipient is
/// the verb's target where the verb has none, and a plain reduction of relations (160) of aid
/// is a reduction of aid (162).
fn drop_ended_nouns(tree: &Tree, matches: &mut Vec<engine::Match>) {
    // A rejection ends only a cooperative act proposed (talks, a visit, aid: roots 01-08):
    // "dismissed the latest Tory attack" leaves the attack made.
    let ends = |verb: &engine::Match, noun: &engine::Match| match code_root(verb) {
        "08" | "16" => true,
        "12" => code_root(noun) <= "08",
        _ => false,
    };
    let ended: Vec<(usize, usize)> = matches
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.block.starts_with("noun:") && matches!(tree.rel[m.verb].as_str(), "obj" | "nsubj:pass")
        })
        .filter_map(|(i, m)| {
            let h = tree.head[m.verb]?;
            matches
                .iter()
                .position(|v| v.verb == h && !v.block.starts_with("noun:") && ends(v, m))
                .map(|v| (i, v))
        })
        .collect();
    for &(noun, verb) in &ended {
        let (targets, aid) = {
            let n = &matches[noun];
            (n.targets.clone(), matches!(&n.code, Code::Event { forward, .. } if forward.starts_with("07")))
        };
        let v = &mut matches[verb];
        if v.targets.is_empty() {
            v.targets = targets;
        }
        if let Code::Event { forward, back } = &mut v.code {
            if aid && forward == "160" {
                *forward = "162".to_string();
                *back = None;
            }
        }
    }
    let drop: Vec<usize> = ended.iter().map(|&(n, _)| n).collect();
    let mut i = 0;
    matches.retain(|_| {
        i += 1;
        !drop.contains(&(i - 1))
    });
}

/// CAMEO's "provide military protection or peacekeeping".
const PROVIDE_PEACEKEEPING: &str = "074";

/// Whether the clause of verb `v` (its subject, objects and obliques, not clauses below it)
/// speaks of peacekeeping ("peacekeepers", "a peacekeeping force"); for an event noun the
/// object of a verb, the obliques of that verb too, where the parse often hangs them
/// ("announced the deployment of 230 troops to Liberia on a peacekeeping mission").
fn names_peacekeeping(tree: &Tree, v: usize) -> bool {
    let clause = |c: usize| {
        matches!(tree.base(c), "ccomp" | "advcl" | "parataxis" | "conj" | "xcomp")
            || tree.rel[c] == "acl:relcl"
    };
    let peacekeeping =
        |top: usize| tree.subtree(top, &clause).into_iter().any(|k| tree.form[k].starts_with("PEACEKEEP"));
    let governor_obliques = || {
        let h = tree.head[v].filter(|_| tree.upos[v] == dyad_core::Upos::NOUN && tree.base(v) == "obj");
        h.is_some_and(|h| tree.children[h].iter().any(|&c| tree.base(c) == "obl" && peacekeeping(c)))
    };
    peacekeeping(v) || governor_obliques()
}

/// CAMEO's "deny responsibility".
pub(crate) const DENY_RESPONSIBILITY: &str = "016";

/// Whether token `t` lies in a clause that verb `v` governs (a complement or adverbial clause),
/// not in its own phrase.
fn in_clause_of(tree: &Tree, t: usize, v: usize) -> bool {
    engine::on_the_way_up(tree, t, v, |n| {
        tree.head[n] == Some(v) && matches!(tree.base(n), "ccomp" | "xcomp" | "advcl" | "parataxis")
    })
}

/// The actor subject of an "until" or "unless" clause of verb `v`, or of the verb `v`
/// completes ("said he will not lift the embargo until Cuba undertakes reforms").
fn condition_subject(tree: &Tree, v: usize) -> Option<usize> {
    let mut at = v;
    for _ in 0..4 {
        let condition = tree.children[at].iter().copied().find(|&c| {
            tree.base(c) == "advcl"
                && tree.children[c]
                    .iter()
                    .any(|&k| tree.base(k) == "mark" && matches!(tree.form[k].as_str(), "UNTIL" | "UNLESS"))
        });
        if let Some(c) = condition {
            let subject = tree.children[c].iter().copied().find(|&k| tree.rel[k].starts_with("nsubj"))?;
            return engine::actor_in(tree, subject);
        }
        match (tree.head[at], tree.base(at)) {
            (Some(h), "xcomp" | "conj") => at = h,
            _ => return None,
        }
    }
    None
}

/// One event per actor pair, code and trigger. Actors are told apart by code and, where they
/// have one, name, else by the mention that names them: two parties, two people or two offices
/// of one code ("The Tories and the Lib Dems have called for …", "accused the government and
/// the chancellor") are two events, as the annotation guide and PETRARCH's coordination have it.
fn dedup(events: &mut Vec<Event>) {
    let mut seen = std::collections::HashSet::new();
    let who = |p: &dyad_core::Participant| {
        (p.actor.code.clone(), p.actor.name.clone(), p.actor.name.is_none().then_some(p.mention).flatten())
    };
    events.retain(|e| seen.insert((who(&e.source), e.target.as_ref().map(who), e.cameo.clone(), e.trigger)));
}

/// Every code in dyad's own dictionary must be a CAMEO event code.
fn check_cameo_codes(dict: &VerbDictionary) -> Result<(), CoderError> {
    let codes = dyad_core::EventCodes::get();
    let check = |c: &Code, line: usize| -> Result<(), CoderError> {
        if let Code::Event { forward, back } = c {
            for code in std::iter::once(forward).chain(back.iter()) {
                if codes.lookup(code).is_none() {
                    return Err(CoderError::NotCameoCode {
                        file: dict.file.clone(),
                        line,
                        code: code.clone(),
                    });
                }
            }
        }
        Ok(())
    };
    for b in &dict.blocks {
        check(&b.code, b.line)?;
        for p in &b.patterns {
            check(&p.code, p.line)?;
        }
    }
    for entries in dict.by_word.values() {
        for e in entries {
            if let Some(c) = &e.code {
                check(c, e.line)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;

//! Actors: dictionaries (dyad's own format and TABARI/PETRARCH readers), recognition of actor
//! mentions in text, composition of countries with roles into CAMEO actor codes, and
//! coreference inside a document.
//!
//! # Design
//!
//! The dictionary (`dict`) is a set of TSV files in `data/actors/`, compiled into the binary
//! and documented in `data/actors/README.md`. Every surface form goes into one Aho–Corasick
//! automaton (`matcher`); matches count only on word boundaries and the leftmost-longest
//! wins, so recognition works on raw text and needs no tokens. `recognise` composes
//! neighbouring matches (country + role + name), types capitalised spans the dictionary does
//! not know, and picks each person's code by the document date (for undated text, by the era
//! in which the people it names in full held office together, where two or more did; else by
//! their latest office). `coref` then resolves
//! pronouns and nominals, reading the quotations of the document's `quote_marks` layer (a
//! pronoun inside a quotation is not the narrator's). The stage writes the `mentions` layer;
//! nothing else.
//!
//! Entry point: [`ActorTagger`], a [`dyad_core::Stage`]. [`petrarch`] reads the field's
//! dictionaries (`*.actors.txt`, `*.agents.txt`); as [`PetrarchActors`] they are a source of
//! the actor stage, alone ([`ActorTagger::from_petrarch`]) or beside dyad's own
//! ([`ActorTagger::with_petrarch`]), matched the way PETRARCH matches them. Loading a
//! dictionary is the only thing that fails ([`Error`]); a bad line names its file and line.

#![warn(missing_docs)]

mod coref;
mod dict;
pub mod error;
mod fnv;
mod matcher;
mod owned;
pub mod petrarch;
mod recognise;
mod scan;
mod tsv;

use chrono::NaiveDate;
use dict::Dictionary;
use dyad_core::{Document, EntityType, Mention, MentionKind, Span, Stage, Token};
use recognise::ActorMatch;
use std::path::Path;

pub use error::Error;
pub use petrarch::PetrarchActors;

/// The actor stage: dictionary, automaton and rules, immutable and shared across threads.
pub struct ActorTagger {
    dict: Dictionary,
    matcher: matcher::Matcher,
    /// Whether `dict` finds mentions: false for a tagger of PETRARCH dictionaries alone.
    own: bool,
    /// PETRARCH dictionaries, matched their own way (see [`PetrarchActors`]); their
    /// mentions win over overlapping ones of `dict`.
    petrarch: Option<PetrarchActors>,
}

impl ActorTagger {
    /// Load the dictionaries that ship with dyad (`data/actors/`, compiled in).
    pub fn load_default() -> Result<ActorTagger, Error> {
        ActorTagger::from_dictionary(Dictionary::builtin()?)
    }

    /// Load a directory of dictionary files in dyad's format instead of the built-in ones
    /// (`data/actors/README.md` gives the files and their columns): for users who keep their
    /// own. A bad line stops loading with its file and line.
    pub fn load_dir(dir: &Path) -> Result<ActorTagger, Error> {
        ActorTagger::from_dictionary(Dictionary::load_dir(dir)?)
    }

    /// A user's dictionary files in dyad's format, `(path shown in errors, file name, contents)`
    /// with the file names of `data/actors/README.md`, over the shipped dictionaries when
    /// `with_defaults` is set (the user's entry wins a conflict: same surface form, same
    /// person) or alone. A bad line stops loading with its file and line.
    pub fn load_layered(
        user: &[(String, String, String)],
        with_defaults: bool,
    ) -> Result<ActorTagger, Error> {
        ActorTagger::from_dictionary(Dictionary::layered(user, with_defaults)?)
    }

    /// The file names of dyad's own actor dictionary format (`countries.tsv`, `people.tsv`, …).
    pub fn file_names() -> &'static [&'static str] {
        &dict::FILES
    }

    fn from_dictionary(dict: Dictionary) -> Result<ActorTagger, Error> {
        let matcher = matcher::Matcher::new(&dict)?;
        Ok(ActorTagger { dict, matcher, own: true, petrarch: None })
    }

    /// A tagger of PETRARCH dictionaries alone, without dyad's: what PETRARCH itself would
    /// code, for its validation suites and for users who keep their own dictionaries.
    pub fn from_petrarch(dicts: PetrarchActors) -> ActorTagger {
        let dict = Dictionary::default();
        let matcher = matcher::Matcher::new(&dict).expect("an empty automaton builds");
        ActorTagger { dict, matcher, own: false, petrarch: Some(dicts) }
    }

    /// This tagger with PETRARCH dictionaries added (to any it has): their mentions replace
    /// the ones of dyad's dictionary they overlap.
    pub fn with_petrarch(mut self, dicts: PetrarchActors) -> ActorTagger {
        match &mut self.petrarch {
            Some(p) => p.extend(dicts),
            None => self.petrarch = Some(dicts),
        }
        self
    }

    /// How many surface forms dyad's dictionary matches (written ones and generated case and
    /// apostrophe variants): the size of the automaton, for benchmarks.
    pub fn surface_forms(&self) -> usize {
        self.dict.forms.len()
    }

    /// Duplicates, conflicts and overlapping terms found in the dictionary, as
    /// `file:line: message`: they did not stop loading (the first entry wins) but deserve a look.
    pub fn issues(&self) -> &[String] {
        &self.dict.issues
    }

    /// Where the entry of the person named `name` (as written in `people.tsv`) is on record for
    /// `date`: the source of the office term that gives the person's code on that date (as
    /// [`ActorTagger::mentions`] chooses it), else the person's own source. `None` for an unknown
    /// name or an entry that names no source (the converted Phoenix lists cite theirs in their
    /// README, not per row).
    pub fn source_of(&self, name: &str, date: Option<NaiveDate>) -> Option<&str> {
        let person = self.dict.people.iter().find(|p| p.name == name)?;
        person.term_on(date).and_then(|t| t.source.as_deref()).or(person.source.as_deref())
    }

    /// Recognise and resolve mentions in `text`, with codes for `date`. `sentences` are the
    /// NLP stage's sentence spans; without them (empty) coreference does less: no speaker is
    /// carried from one sentence to the next. Raw text has no quotation layer, so pronouns
    /// inside quotations are resolved as the narrator's; the stage reads the document's.
    pub fn mentions(&self, text: &str, date: Option<NaiveDate>, sentences: &[Span]) -> Vec<Mention> {
        self.mentions_in(text, date, sentences, &[], &[])
    }

    /// As [`ActorTagger::mentions`], using the NLP stage's tokens (may be empty) to tell names
    /// from common words at sentence starts, and the content spans of `quotes` (double
    /// quotation marks, in text order; may be empty) to keep speakers and narrator apart.
    fn mentions_in(
        &self,
        text: &str,
        date: Option<NaiveDate>,
        sentences: &[Span],
        tokens: &[Token],
        quotes: &[Span],
    ) -> Vec<Mention> {
        let hits = self.matcher.hits(text);
        let era = date.is_none().then(|| era_of(&self.dict, text, &hits)).flatten();
        let recogniser = recognise::Recogniser { dict: &self.dict, tokens, era: era.is_some() };
        let date = date.or(era);
        let mut found = recogniser.recognise(text, &hits, date);
        let when = coref::When { date, era: era.is_some() };
        let antecedents = coref::resolve(text, &self.dict, &mut found, sentences, tokens, quotes, when);
        let owned = owned::owned_descriptions(text, tokens, &found);
        let (found, antecedents) = with_owned(found, antecedents, owned);
        found
            .into_iter()
            .zip(antecedents)
            .map(|(f, a)| Mention {
                span: f.span,
                kind: f.kind,
                entity_type: f.entity,
                actors: f.actors,
                antecedent: a,
                rule: f.rule,
            })
            .collect()
    }

    /// Named entities (PER, ORG, LOC) as a named-entity corpus marks them: the name part of
    /// each named mention, and role phrases with a country ("Iraqi security forces").
    pub fn entities(&self, text: &str) -> Vec<(Span, EntityType)> {
        let hits = self.matcher.hits(text);
        let found =
            recognise::Recogniser { dict: &self.dict, tokens: &[], era: false }.recognise(text, &hits, None);
        found
            .into_iter()
            .filter_map(|f| {
                let ty = f.entity.filter(|t| *t != EntityType::MISC)?;
                match f.kind {
                    MentionKind::Name | MentionKind::Unknown => Some((f.name.unwrap_or(f.span), ty)),
                    MentionKind::Nominal if !f.actors.is_empty() => Some((f.span, ty)),
                    _ => None,
                }
            })
            .collect()
    }
}

/// `found` with the descriptions of owned proposals (`owned`, in text order, each with its
/// owner's index in `found`) put in text order, and every antecedent index renumbered to the
/// merged list. A description overlaps no mention of `found`, so both lists keep their order.
fn with_owned(
    found: Vec<ActorMatch>,
    antecedents: Vec<Option<u32>>,
    owned: Vec<(ActorMatch, usize)>,
) -> (Vec<ActorMatch>, Vec<Option<u32>>) {
    // Where mention `i` of `found` lands: after the descriptions that start before it; and how
    // many mentions of `found` come before each description.
    let moved: Vec<u32> = found
        .iter()
        .enumerate()
        .map(|(i, f)| (i + owned.partition_point(|(o, _)| o.span.start < f.span.start)) as u32)
        .collect();
    let found_before: Vec<usize> =
        owned.iter().map(|(o, _)| found.partition_point(|f| f.span.start < o.span.start)).collect();
    let mut out: Vec<(ActorMatch, Option<u32>)> =
        found.into_iter().zip(antecedents).map(|(f, a)| (f, a.map(|a| moved[a as usize]))).collect();
    for (k, (f, owner)) in owned.into_iter().enumerate() {
        out.insert(found_before[k] + k, (f, Some(moved[owner])));
    }
    out.into_iter().unzip()
}

impl Stage for ActorTagger {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn requires(&self) -> &'static [dyad_core::Layer] {
        use dyad_core::Layer;
        &[Layer::Text, Layer::Sentences, Layer::Parse]
    }

    fn provides(&self) -> &'static [dyad_core::Layer] {
        use dyad_core::Layer;
        &[Layer::Mentions]
    }

    fn annotate(&self, doc: &mut Document) {
        let date = doc.meta.date.as_ref().map(|d| d.date);
        let own = if self.own {
            let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
            // Single marks are scare quotes more often than speech.
            let quotes: Vec<Span> = doc.quote_marks.iter().filter(|q| !q.single).map(|q| q.content).collect();
            self.mentions_in(&doc.text, date, &sentences, &doc.tokens, &quotes)
        } else {
            Vec::new()
        };
        doc.mentions = match &self.petrarch {
            Some(p) => overlay(p.mentions(&doc.text, &doc.sentences, &doc.tokens, date), own),
            None => own,
        };
    }
}

/// The most people of one text whose offices date it ([`era_of`]).
const MAX_ERA_PEOPLE: usize = 64;

/// For a text with no date, the day on which most of the people it names in full held an
/// office on record together (the latest such day): the era the text is about, so that its
/// people take their offices of then ("Nicola Sturgeon" in a story of Tony Blair's and Michael
/// Howard's time was no First Minister). None where fewer than two such people overlap: one
/// name alone says nothing of the era, and each person keeps their latest office.
fn era_of(dict: &Dictionary, text: &str, hits: &[matcher::Hit]) -> Option<NaiveDate> {
    let mut people: Vec<u32> = hits
        .iter()
        .filter_map(|h| match h.target {
            // A full name, not a surname alone ("Brown", "Howard" name many).
            dict::Target::Person(p) if text[h.start..h.end].contains(' ') => Some(p),
            _ => None,
        })
        .collect();
    people.sort_unstable();
    people.dedup();
    // A bound on the work for a text that names hundreds of people (quadratic in them).
    people.truncate(MAX_ERA_PEOPLE);
    let terms = |p: u32| dict.people[p as usize].terms.iter();
    let covers = |p: u32, d: NaiveDate| terms(p).any(|t| t.covers(d));
    let candidates = people.iter().flat_map(|&p| terms(p).flat_map(|t| [t.from, t.to]).flatten());
    let (count, day) = candidates.map(|d| (people.iter().filter(|&&p| covers(p, d)).count(), d)).max()?;
    (count >= 2).then_some(day)
}

/// `first` and the mentions of `rest` that overlap none of them, in text order. An antecedent
/// in `rest` follows its mention, or the mention of `first` that replaced it.
fn overlay(first: Vec<Mention>, rest: Vec<Mention>) -> Vec<Mention> {
    if rest.is_empty() {
        return first;
    }
    // Where each mention of `rest` went: Ok(its own) or Err(the one of `first` over it).
    let placed: Vec<Result<usize, usize>> = rest
        .iter()
        .enumerate()
        .map(|(i, m)| first.iter().position(|f| f.span.overlaps(m.span)).map_or(Ok(i), Err))
        .collect();
    let mut all: Vec<(Mention, Option<usize>)> = first.into_iter().map(|m| (m, None)).collect();
    let n_first = all.len();
    for (i, m) in rest.into_iter().enumerate() {
        if placed[i].is_ok() {
            all.push((m, Some(i)));
        }
    }
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&k| (all[k].0.span.start, std::cmp::Reverse(all[k].0.span.end)));
    // New index of each entry of `all`.
    let mut new_index = vec![0u32; all.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new as u32;
    }
    // New index of each mention of `rest`, kept or replaced.
    let rest_index = |i: usize| -> u32 {
        match placed[i] {
            Ok(_) => {
                let k = n_first + placed[..i].iter().filter(|p| p.is_ok()).count();
                new_index[k]
            }
            Err(f) => new_index[f],
        }
    };
    let mut slots: Vec<Option<(Mention, Option<usize>)>> = all.into_iter().map(Some).collect();
    order
        .iter()
        .map(|&k| {
            let (mut m, from_rest) = slots[k].take().expect("each mention once");
            if from_rest.is_some() {
                m.antecedent =
                    m.antecedent.filter(|&a| (a as usize) < placed.len()).map(|a| rest_index(a as usize));
            }
            m
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::Upos;
    use std::sync::OnceLock;

    #[test]
    fn owned_descriptions_are_merged_in_text_order_with_antecedents_renumbered() {
        let m = |start: usize, rule: &str| recognise::ActorMatch {
            span: Span::new(start, start + 2),
            name: None,
            kind: MentionKind::Name,
            entity: None,
            actors: vec![recognise::actor("GBR", None)],
            rule: rule.into(),
            pending: recognise::Pending::None,
        };
        // found: a (0), b (10, antecedent a), c (30, antecedent b); owned: x at 20 (owner a),
        // y at 40 (owner c).
        let found = vec![m(0, "a"), m(10, "b"), m(30, "c")];
        let owned = vec![(m(20, "x"), 0), (m(40, "y"), 2)];
        let (merged, antecedents) = with_owned(found, vec![None, Some(0), Some(1)], owned);
        let rules: Vec<&str> = merged.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["a", "b", "x", "c", "y"]);
        assert_eq!(antecedents, [None, Some(0), Some(0), Some(1), Some(3)]);
    }

    fn mention(start: usize, end: usize, rule: &str, antecedent: Option<u32>) -> Mention {
        Mention {
            span: Span::new(start, end),
            kind: MentionKind::Name,
            entity_type: None,
            actors: Vec::new(),
            antecedent,
            rule: rule.into(),
        }
    }

    /// PETRARCH mentions replace the overlapping ones of dyad's dictionary; a pronoun whose
    /// antecedent was replaced points at the replacement.
    #[test]
    fn petrarch_mentions_overlay_dyads_own() {
        let first = vec![mention(20, 30, "petrarch", None)];
        let rest = vec![mention(0, 5, "a", None), mention(22, 28, "b", None), mention(40, 42, "it", Some(1))];
        let got = overlay(first, rest);
        let rules: Vec<&str> = got.iter().map(|m| m.rule.as_str()).collect();
        assert_eq!(rules, ["a", "petrarch", "it"]);
        assert_eq!(got[2].antecedent, Some(1));
    }

    fn tagger() -> &'static ActorTagger {
        static T: OnceLock<ActorTagger> = OnceLock::new();
        T.get_or_init(|| ActorTagger::load_default().unwrap())
    }

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    /// (text, codes) of each mention with actors.
    fn coded(text: &str, on: Option<NaiveDate>) -> Vec<(String, Vec<String>)> {
        tagger()
            .mentions(text, on, &[])
            .into_iter()
            .filter(|m| !m.actors.is_empty())
            .map(|m| (m.span.text(text).to_string(), m.actors.iter().map(|a| a.code.clone()).collect()))
            .collect()
    }

    fn pair(t: &str, codes: &[&str]) -> (String, Vec<String>) {
        (t.to_string(), codes.iter().map(|c| c.to_string()).collect())
    }

    #[test]
    fn title_case_headlines_use_the_dictionary_only() {
        let text = "Russia And North Korea Blame US For Rising Tension\nThe talks ended.";
        let got: Vec<String> = coded(text, None).into_iter().map(|(t, _)| t).collect();
        assert_eq!(got, ["Russia", "North Korea", "US"]);
    }

    #[test]
    fn case_matters_where_it_should() {
        assert_eq!(coded("The US said no.", None), [pair("US", &["USA"])]);
        assert!(coded("Let us go, said the guide.", None).is_empty());
    }

    #[test]
    fn role_and_country_code_an_unknown_person() {
        let got = coded("North Korean Foreign Minister Ri Kwang-il arrived.", None);
        assert_eq!(got, [pair("North Korean Foreign Minister Ri Kwang-il", &["PRKGOV"])]);
        let m = &tagger().mentions("Iraqi troops entered Mosul.", None, &[])[0];
        assert_eq!((m.kind, m.actors[0].code.as_str()), (MentionKind::Nominal, "IRQMIL"));
    }

    #[test]
    fn an_election_or_a_budget_is_no_actor() {
        assert!(coded("Kennedy campaigned ahead of the next General Election.", None)
            .iter()
            .all(|(t, _)| !t.contains("Election")));
    }

    #[test]
    fn a_title_between_a_role_and_a_name_joins_them() {
        let got = coded("Ethiopian Prime Minister Dr Abiy Ahmed spoke.", date(2020, 1, 1));
        assert_eq!(got, [pair("Ethiopian Prime Minister Dr Abiy Ahmed", &["ETHGOV"])]);
    }

    #[test]
    fn a_leader_s_government_is_the_government_of_the_leader_s_country() {
        let on = date(2019, 3, 1);
        assert_eq!(
            coded("The Trump administration acted.", on),
            [pair("The Trump administration", &["USAGOV"])]
        );
        assert_eq!(coded("Assad regime forces fired.", on)[0], pair("Assad regime", &["SYRGOV"]));
    }

    #[test]
    fn a_lone_surname_after_in_is_a_place() {
        let codes = coded("Refugees went on hunger strike at a centre in Kerry.", None);
        assert!(codes.iter().all(|(t, _)| !t.contains("Kerry")), "{codes:?}");
        assert_eq!(coded("Kerry met Lavrov.", None).len(), 2);
    }

    #[test]
    fn undated_text_takes_a_specific_role_from_the_text_not_the_latest_term() {
        // Tsvangirai's latest term on record is his premiership (ZWEGOV).
        let got = coded("Opposition leader Morgan Tsvangirai spoke.", None);
        assert_eq!(got, [pair("Opposition leader Morgan Tsvangirai", &["ZWEOPP"])]);
        // A government role's words name other posts too: "leader" is no evidence of office.
        let got = coded("Tory leader Michael Howard spoke.", None);
        assert_eq!(got.last(), Some(&pair("leader Michael Howard", &["GBROPP"])));
    }

    #[test]
    fn a_former_office_makes_a_known_person_an_elite() {
        // Estrada's terms on record end in 2001; undated text takes his last one (PHLGOV).
        assert_eq!(coded("Joseph Estrada spoke.", None), [pair("Joseph Estrada", &["PHLGOV"])]);
        for on in [None, date(1999, 1, 1), date(2007, 10, 26)] {
            let got = coded("Arroyo pardoned former president Joseph Estrada.", on);
            assert_eq!(got.last(), Some(&pair("former president Joseph Estrada", &["PHLELI"])), "{on:?}");
        }
    }

    #[test]
    fn undated_text_takes_the_era_of_the_people_it_names() {
        // Blair and Brown in office together: a story of 1997-2007, when Kemi Badenoch held
        // no office (she has led the opposition since 2024).
        let text = "Tony Blair and Gordon Brown met. Kemi Badenoch spoke.";
        let codes = coded(text, None);
        assert!(codes.contains(&pair("Kemi Badenoch", &["GBR"])), "{codes:?}");
        // Named alone, she keeps her latest office; a stated date still wins.
        assert_eq!(coded("Kemi Badenoch spoke.", None), [pair("Kemi Badenoch", &["GBROPP"])]);
        let codes = coded(text, date(2025, 1, 1));
        assert!(codes.contains(&pair("Kemi Badenoch", &["GBROPP"])), "{codes:?}");
        // Nicola Sturgeon in the same story: in opposition (SNP depute leader) in 2005, in
        // government (deputy first minister) from May 2007; the era is the latest day Blair,
        // Brown and she all held an office on record (June 2007).
        let codes = coded("Tony Blair and Gordon Brown met. Nicola Sturgeon spoke.", None);
        assert!(codes.contains(&pair("Nicola Sturgeon", &["GBRGOV"])), "{codes:?}");
        let codes = coded("Tony Blair and Gordon Brown met. Nicola Sturgeon spoke.", date(2005, 3, 1));
        assert!(codes.contains(&pair("Nicola Sturgeon", &["GBROPP"])), "{codes:?}");
    }

    #[test]
    fn a_party_is_opposition_in_the_years_it_was() {
        let text = "The Conservatives met.";
        assert_eq!(coded(text, date(2005, 3, 1)), [pair("Conservatives", &["GBROPP"])]);
        assert_eq!(coded(text, date(2015, 3, 1)), [pair("Conservatives", &["GBRPTY"])]);
        // Undated and with no era: the term still running (in opposition since July 2024).
        assert_eq!(coded(text, None), [pair("Conservatives", &["GBROPP"])]);
        assert_eq!(coded("Labour met.", None), [pair("Labour", &["GBRPTY"])]);
        // Undated, the era of the people named: Blair's and Howard's time.
        let codes = coded("Tony Blair and Michael Howard met. The Conservatives left.", None);
        assert!(codes.contains(&pair("Conservatives", &["GBROPP"])), "{codes:?}");
    }

    #[test]
    fn codes_follow_the_document_date() {
        let text = "Yoon Suk Yeol spoke.";
        assert_eq!(coded(text, date(2023, 1, 1)), [pair("Yoon Suk Yeol", &["KORGOV"])]);
        assert_eq!(coded(text, date(2025, 6, 1)), [pair("Yoon Suk Yeol", &["KOR"])]);
        assert_eq!(coded("Choe Son Hui left.", date(2010, 1, 1)), [pair("Choe Son Hui", &["PRK"])]);
    }

    #[test]
    fn tags_from_the_nlp_stage_decide_sentence_starts() {
        let tok = |s: usize, e: usize, upos: Upos| Token { span: Span::new(s, e), upos, ..Token::default() };
        let text = "Kindly Novak spoke.";
        let tokens = [tok(0, 6, Upos::ADV), tok(7, 12, Upos::PROPN), tok(13, 18, Upos::VERB)];
        let ms = tagger().mentions_in(text, None, &[], &tokens, &[]);
        let spans: Vec<&str> = ms.iter().map(|m| m.span.text(text)).collect();
        assert_eq!(spans, ["Novak"]);
        let tokens = [tok(0, 6, Upos::PROPN), tok(7, 12, Upos::PROPN), tok(13, 18, Upos::VERB)];
        let ms = tagger().mentions_in(text, None, &[], &tokens, &[]);
        assert_eq!(ms[0].span.text(text), "Kindly Novak");
    }

    #[test]
    fn names_in_other_scripts() {
        let on = date(2024, 11, 2);
        assert_eq!(coded("북한 외무상 최선희는 모스크바에 도착했다.", on)[1], pair("최선희", &["PRKGOV"]));
        assert_eq!(coded("Сергей Лавров заявил", on), [pair("Сергей Лавров", &["RUSGOV"])]);
        assert_eq!(coded("习近平会见了", on), [pair("习近平", &["CHNGOV"])]);
        assert_eq!(coded("قال بشار الأسد", date(2020, 1, 1)), [pair("بشار الأسد", &["SYRGOV"])]);
    }

    /// People of the converted Phoenix lists get the role of the document's date.
    #[test]
    fn phoenix_people_follow_the_document_date() {
        let text = "John Howard met Kofi Annan.";
        assert_eq!(
            coded(text, date(2005, 3, 1)),
            [pair("John Howard", &["AUSGOV"]), pair("Kofi Annan", &["IGOUNO"])]
        );
        assert_eq!(coded("John Howard spoke.", date(1990, 1, 1)), [pair("John Howard", &["AUSELI"])]);
    }

    /// dyad's own entries win over Phoenix's; Phoenix's organisations keep their codes.
    #[test]
    fn dyads_own_entries_win_and_phoenix_codes_are_kept() {
        assert_eq!(coded("Sergey Lavrov spoke.", date(2024, 1, 1)), [pair("Sergey Lavrov", &["RUSGOV"])]);
        assert_eq!(
            coded("Amnesty International said", None),
            [pair("Amnesty International", &["NGOHRIAMN"])]
        );
        assert_eq!(
            coded("World Organization Against Torture and BP said", None),
            [pair("World Organization Against Torture", &["NGOHRI"]), pair("BP", &["MNCGBR"])]
        );
        assert!(tagger().dict.overridden > 0);
        assert!(tagger().issues().is_empty(), "{:?}", tagger().issues());
    }

    #[test]
    fn capitals_stand_for_governments_except_as_places() {
        assert_eq!(coded("Pyongyang rejected it.", None)[0], pair("Pyongyang", &["PRKGOV"]));
        assert_eq!(coded("They met in Pyongyang.", None)[0], pair("Pyongyang", &["PRK"]));
    }

    #[test]
    fn organisations_compose_with_their_members() {
        assert_eq!(coded("Hamas fighters fired rockets.", None), [pair("Hamas fighters", &["PSEREBHMS"])]);
        assert_eq!(coded("the NATO troops", None), [pair("the NATO troops", &["IGOWSTNAT"])]);
    }

    #[test]
    fn groups_keep_every_actor() {
        assert_eq!(
            coded("the U.S.-Japan alliance", None),
            [pair("the U.S.-Japan alliance", &["USA", "JPN"])]
        );
        let got = coded("Washington and its allies", None);
        assert_eq!(got[0].0, "Washington and its allies");
    }

    #[test]
    fn he_follows_the_last_speaker() {
        let text = "Sergey Lavrov met Antony Blinken in Geneva. Blinken said the talks were useful. \
                    Lavrov left early. He added that more talks were planned.";
        let mut doc = Document::from_normalised(text.to_string());
        dyad_nlp::text_layer(&mut doc);
        let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
        let ms = tagger().mentions(text, date(2023, 3, 1), &sentences);
        let he = ms.iter().find(|m| m.span.text(text) == "He").unwrap();
        assert_eq!(he.actors[0].name.as_deref(), Some("Antony Blinken"));
        let ante = &ms[he.antecedent.unwrap() as usize];
        assert_eq!(ante.span.text(text), "Blinken");
    }

    #[test]
    fn a_plural_opening_its_sentence_continues_the_last_subject() {
        let text = "Russian troops shelled Ukrainian towns and ignored civilians. \
                    They also say they have met their goals.";
        let mut doc = Document::from_normalised(text.to_string());
        dyad_nlp::text_layer(&mut doc);
        let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
        let ms = tagger().mentions(text, date(2023, 3, 1), &sentences);
        let they = ms.iter().find(|m| m.span.text(text) == "They").unwrap();
        let codes: Vec<&str> = they.actors.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["RUSMIL"]);
    }

    #[test]
    fn a_named_police_force_or_national_court_is_that_body() {
        assert_eq!(
            coded("Strathclyde Police arrested two men.", None),
            [pair("Strathclyde Police", &["---COP"])]
        );
        let got = coded("The US Court of Appeals ruled on Monday.", None);
        assert!(got.contains(&pair("US Court of Appeals", &["USAJUD"])), "{got:?}");
        // A court of no state's is no state's judiciary.
        let got = coded("The Court of Arbitration for Sport ruled.", None);
        assert!(got.iter().all(|(_, codes)| codes.iter().all(|c| !c.ends_with("JUD"))), "{got:?}");
    }

    #[test]
    fn unknown_names_are_typed() {
        let text = "She studied at Moscow State University and met Laura Petrova near Lake Baikal.";
        let ents: Vec<(&str, EntityType)> =
            tagger().entities(text).into_iter().map(|(s, t)| (s.text(text), t)).collect();
        assert!(ents.contains(&("Moscow State University", EntityType::ORG)), "{ents:?}");
        assert!(ents.contains(&("Laura Petrova", EntityType::PER)), "{ents:?}");
        assert!(ents.contains(&("Lake Baikal", EntityType::LOC)), "{ents:?}");
    }

    /// A user's PETRARCH files: a missing one and a bad line are errors naming the file (and
    /// the line), not panics.
    #[test]
    fn a_bad_petrarch_file_names_file_and_line() {
        let dir = std::env::temp_dir().join(format!("dyad-actors-petrarch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (actors, agents) = (dir.join("my.actors.txt"), dir.join("my.agents.txt"));
        std::fs::write(&actors, "GONDOR_ [GON]\n# note\nARNOR_ [ARN\n").unwrap();
        std::fs::write(&agents, "GOVERNMENT [~GOV]\n").unwrap();
        let bad = PetrarchActors::read(&actors, &agents).expect_err("must refuse").to_string();
        let missing = PetrarchActors::read(&dir.join("none.txt"), &agents).expect_err("must refuse");
        std::fs::remove_dir_all(&dir).ok();
        assert!(bad.starts_with(&format!("{}:3: unclosed '['", actors.display())), "{bad}");
        assert!(matches!(&missing, Error::Read { path, .. } if path.ends_with("none.txt")), "{missing}");
    }

    #[test]
    fn a_broken_dictionary_directory_refuses_to_load() {
        let dir = std::env::temp_dir().join(format!("dyad-actors-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in [
            ("countries.tsv", "RUS\tRussia\n"),
            ("organizations.tsv", ""),
            ("agents.tsv", "GOV\tgroup\tgovernment\nMIL\tsquad\n"),
            ("people.tsv", ""),
            ("offices.tsv", ""),
        ] {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let err = ActorTagger::load_dir(&dir).err().expect("must refuse").to_string();
        std::fs::remove_dir_all(&dir).ok();
        assert!(err.contains("agents.tsv:2:"), "{err}");
    }
}

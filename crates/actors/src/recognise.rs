//! Recognition: dictionary hits and unknown capitalised spans, composed into mentions.
//!
//! Composition reads the hits in text order and joins neighbours separated only by spaces:
//! `[country] [role…] [name]` ("North Korean Foreign Minister Choe Son-hui"), `role of [the]
//! country` ("the Government of Iraq"), `country-country alliance` ("the ROK-US alliance"),
//! `country and its allies`. A person's code comes from the office term that covers the
//! document date; an unknown name with a known role and country gets country + role.
//! Capitalised spans that the dictionary does not cover are typed PER/ORG/LOC from cue words,
//! first names, the word before, and what the same document already said about the name.

use crate::dict::{AgentKind, CountryForm, CuePosition, CueType, Dictionary, NominalKind, Org, Target};
use crate::fnv::{FastMap as HashMap, FastSet as HashSet, WordSet};
use crate::matcher::Hit;
use crate::scan::{words, Word};
use chrono::NaiveDate;
use dyad_core::{Actor, EntityType, MentionKind, Span, Token, Upos};

/// What coreference still has to fill in for a mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// A pronoun or nominal from `nominals.tsv`.
    Nominal(u32),
    /// A role without a country ("the government"): needs the country from context.
    Role { code: String },
    /// "X and its allies": resolved already; marks a group.
    None,
}

/// A recognised mention before it becomes a [`dyad_core::Mention`].
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMatch {
    pub span: Span,
    /// The proper-name part, for named-entity scoring ("Sergey Lavrov" in "Russian Foreign
    /// Minister Sergey Lavrov"); `None` for pronouns and role nominals.
    pub name: Option<Span>,
    pub kind: MentionKind,
    pub entity: Option<EntityType>,
    pub actors: Vec<Actor>,
    pub rule: String,
    pub pending: Pending,
}

/// Whether `span` reads as a person's full name: two capitalised words or more, or a known
/// first name.
fn looks_like_full_name(text: &str, span: Span, first_names: &crate::fnv::FastSet<String>) -> bool {
    let words: Vec<&str> = span.text(text).split_whitespace().collect();
    words.len() >= 2 || words.first().is_some_and(|w| first_names.contains(*w))
}

/// A person no dictionary knows, named at `name`, who speaks and acts for `org` (its code on
/// `date`); `rule` says how the text ties them.
fn person_of(org: &Org, text: &str, name: Span, date: Option<NaiveDate>, rule: &str) -> ActorMatch {
    ActorMatch {
        span: name,
        name: Some(name),
        kind: MentionKind::Name,
        entity: Some(EntityType::PER),
        actors: vec![actor(org.code_on(date), Some(name.text(text)))],
        rule: format!("{rule}:{}", org.code),
        pending: Pending::None,
    }
}

pub fn actor(code: &str, name: Option<&str>) -> Actor {
    let country = code.get(..3).unwrap_or(code).to_string();
    Actor { code: code.to_string(), country, name: name.map(String::from) }
}

#[derive(Debug, Clone, Copy)]
enum ItemKind {
    Hit(Target),
    /// An unknown capitalised span; the country it contains, if any.
    Cap {
        country: Option<u32>,
        ty: Option<EntityType>,
        /// The role its head word names, for a named institution ("Court of Appeals for the
        /// District of Columbia", "Strathclyde Police"): an agent code.
        institution: Option<&'static str>,
    },
}

/// Roles whose word, as the head of a capitalised name, makes the name that kind of body: a
/// police force named after its place ("Strathclyde Police") is that country's police; a court
/// or legislature only with its country in the name ("the US Court of Appeals for the
/// District of Columbia"), as "the European Court of Auditors" and "the Court of Arbitration
/// for Sport" are no state's. Not armies ("the Salvation Army") nor ministries and offices,
/// which the dictionaries name in full.
const INSTITUTION_ROLES: &[&str] = &["COP"];
/// Roles that make a capitalised name that body only when the name holds its country.
const NATIONAL_INSTITUTION_ROLES: &[&str] = &["JUD", "LEG"];

#[derive(Debug, Clone, Copy)]
struct Item {
    start: usize,
    end: usize,
    kind: ItemKind,
}

const CONNECTORS: [&str; 19] = [
    "of", "the", "de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "al", "bin", "ibn",
    "la", "le", "&", "for",
];

const LOCATIVE: [&str; 12] =
    ["in", "at", "to", "from", "near", "into", "outside", "inside", "across", "toward", "towards", "around"];

/// Of those, the ones after which a lone name is a place, never a person ("a centre in Kerry";
/// "a letter to Kerry", "a call from Kerry" name the person).
const IN_A_PLACE: [&str; 7] = ["in", "near", "into", "inside", "outside", "across", "around"];

/// Government offices named by what they are in charge of, a noun no list can hold in full
/// ("the justice minister", "the oil ministry"): with "the" before that noun, a bare role.
const MINISTERIAL: &[&str] = &["minister", "ministers", "ministry", "ministries", "secretary"];

/// Government words that, after a common noun, name a set of rules or a body of something
/// else, not a government: "the e-mail regime", "the sanctions regime", "the tax
/// administration", "the party leadership".
const REGIMES_OF_THINGS: &[&str] = &["regime", "regimes", "administration", "leadership"];

/// What a country adjective may be joined to when it names a group's backer, not its country
/// ("Iranian-backed rebels").
const BACKER_SUFFIXES: [&str; 7] =
    ["-backed", "-allied", "-sponsored", "-supported", "-funded", "-armed", "-trained"];

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// The word just before byte `at`, if only spaces separate them.
pub(crate) fn word_before(text: &str, at: usize) -> &str {
    let head = text[..at].trim_end_matches(' ');
    if head.len() == at {
        return "";
    }
    let start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |i| i + head[i..].chars().next().map_or(1, char::len_utf8));
    &head[start..]
}

/// Lines written in Title Case ("Russia And North Korea Blame US"): there capitals say nothing
/// about names, so only the dictionary is used. A line counts when it has at least four words
/// of four or more letters and none of them is lowercase.
fn title_case_lines(text: &str, ws: &[Word]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    let mut k = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let (mut long, mut lower) = (0, 0);
        while k < ws.len() && ws[k].start < line_end {
            let t = ws[k].text(text);
            if t.len() >= 4 && t.chars().all(char::is_alphabetic) {
                long += 1;
                if !is_capitalised(t) {
                    lower += 1;
                }
            }
            k += 1;
        }
        if long >= 4 && lower == 0 {
            out.push((line_start, line_end));
        }
        line_start = line_end;
    }
    out
}

/// "II", "XIV", "2".
fn is_numeral(t: &str) -> bool {
    t.bytes().all(|b| b.is_ascii_digit()) || t.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

/// For each word, whether dictionary hits cover its first and last character ("ROK-US" is two
/// hits); connectors inside a span ("of the") count as covered. Both lists are in text order.
fn cover(text: &str, ws: &[Word], hits: &[Hit]) -> Vec<bool> {
    let mut out = Vec::with_capacity(ws.len());
    let mut k = 0;
    for w in ws {
        while k < hits.len() && hits[k].end <= w.start {
            k += 1;
        }
        let starts = hits.get(k).is_some_and(|h| h.start <= w.start);
        let ends = hits[k..].iter().take_while(|h| h.start < w.end).any(|h| h.end >= w.end);
        out.push(CONNECTORS.contains(&w.text(text)) || (starts && ends));
    }
    out
}

pub struct Recogniser<'d> {
    pub dict: &'d Dictionary,
    /// Tokens from the NLP stage, when it ran: their part-of-speech tags decide whether a
    /// capitalised word at a sentence start is a name. May be empty.
    pub tokens: &'d [Token],
    /// Whether the date given to [`Recogniser::recognise`] is an era inferred from the text
    /// rather than the document's own date (see `Person::code_for`).
    pub era: bool,
}

impl Recogniser<'_> {
    /// Mentions found in `text` from dictionary `hits`, with codes for `date`.
    pub fn recognise(&self, text: &str, hits: &[Hit], date: Option<NaiveDate>) -> Vec<ActorMatch> {
        let items = self.items(text, hits);
        self.compose(text, &items, date)
    }

    /// Dictionary hits merged with unknown capitalised spans.
    fn items(&self, text: &str, hits: &[Hit]) -> Vec<Item> {
        let ws = words(text);
        // Capitalised sentence-initial words that are written lowercase elsewhere in the
        // document are common words, not names ("Previously", "Such").
        let mut initial = WordSet::default();
        for w in ws.iter().filter(|w| w.sentence_start) {
            let t = w.text(text);
            if is_capitalised(t) {
                initial.insert(&t.to_lowercase());
            }
        }
        let mut lowercase_words: HashSet<&str> = HashSet::default();
        if !initial.is_empty() {
            lowercase_words.extend(ws.iter().map(|w| w.text(text)).filter(|w| initial.contains(w)));
        }
        // Surnames: capitalised words after a first name elsewhere ("Michael Howard"). At a
        // sentence start they are names, whatever the tagger read ("Howard attacks 'pay
        // later' Budget", a headline it reads as a noun phrase).
        let surnames: HashSet<&str> = ws
            .windows(2)
            .filter(|p| !p[1].sentence_start && self.dict.first_names.contains(p[0].text(text)))
            .map(|p| p[1].text(text))
            .filter(|t| is_capitalised(t))
            .collect();
        // A word is covered when hits cover its first and last character ("ROK-US" is two hits);
        // connectors inside a span ("of the") need no cover.
        let covered_flags = cover(text, &ws, hits);
        let index = |w: &Word| ws.partition_point(|x| x.start < w.start);
        let covered = |w: &Word| covered_flags[index(w)];
        let mut items: Vec<Item> = Vec::new();
        let mut consumed: Vec<(usize, usize)> = Vec::new(); // hits replaced by a Cap item
        let mut memory: HashMap<String, EntityType> = HashMap::default();

        let headlines = title_case_lines(text, &ws);
        let in_headline = |w: &Word| headlines.iter().any(|(s, e)| *s <= w.start && w.start < *e);

        let mut i = 0;
        while i < ws.len() {
            if !self.starts_name(text, &ws[i], &lowercase_words, &surnames) || in_headline(&ws[i]) {
                i += 1;
                continue;
            }
            // Extend over capitalised words, allowing connectors followed by a capitalised word.
            let mut j = i + 1;
            let mut last = i;
            while j < ws.len() {
                let gap = &text[ws[j - 1].end..ws[j].start];
                if !(gap == " " || gap == "-" || (gap.is_empty())) {
                    break;
                }
                let w = ws[j].text(text);
                let stop = self.dict.cue(CuePosition::First, w) == Some(CueType::None);
                if ws[j].sentence_start || stop {
                    break;
                }
                if is_capitalised(w) {
                    last = j;
                    j += 1;
                } else if CONNECTORS.contains(&w) && j + 1 < ws.len() {
                    j += 1;
                } else {
                    break;
                }
            }
            let span_words = &ws[i..=last];
            i = last + 1;
            // A title between known words ("Prime Minister Dr Abiy Ahmed") joins them.
            let title = |w: &Word| crate::coref::TITLES.contains(&w.text(text));
            if covered(&span_words[0]) && span_words.iter().all(|w| covered(w) || title(w)) {
                continue;
            }
            let (start, end) = (span_words[0].start, span_words[span_words.len() - 1].end);
            let first_hit = hits.partition_point(|h| h.end <= start);
            let inside: Vec<&Hit> = hits[first_hit..].iter().take_while(|h| h.start < end).collect();
            // "North Korean Foreign Minister X": known role, then an unknown name; the words
            // of a department no dictionary lists may come first ("Education Secretary Raul
            // Roco", "Health Minister X").
            // (A shadow minister is the opposition's: "Shadow … Secretary" stays an unknown name.)
            let lead = span_words.iter().position(&covered).unwrap_or(0);
            let first_uncovered =
                span_words.iter().skip(lead).position(|w| !covered(w)).map_or(0, |k| k + lead);
            if first_uncovered > lead
                && span_words[first_uncovered..].iter().all(|w| !covered(w))
                && !(lead > 0
                    && (span_words[0].text(text) == "Shadow"
                        || word_before(text, start).eq_ignore_ascii_case("shadow")))
            {
                let before = inside.iter().rev().find(|h| h.end <= span_words[first_uncovered].start);
                let role = before.is_some_and(|h| matches!(h.target, Target::Agent(a) if self.dict.agents[a as usize].kind == AgentKind::Person));
                let connector = CONNECTORS.contains(&span_words[first_uncovered].text(text));
                // "General Election" is no general named Election.
                let no_name = self.dict.cue(CuePosition::Head, span_words[span_words.len() - 1].text(text))
                    == Some(CueType::None);
                if role && !connector && !no_name {
                    // The department's words belong to the role ("Iraq's Trade Minister" is
                    // the country's minister).
                    // Only where that one role covers the words between (no other item overlaps).
                    if let Some(h) = before.filter(|h| lead > 0 && h.start == span_words[lead].start) {
                        consumed.push((h.start, h.end));
                        items.push(Item { start, end: h.end, kind: ItemKind::Hit(h.target) });
                    }
                    let s = span_words[first_uncovered].start;
                    items.push(Item {
                        start: s,
                        end,
                        kind: ItemKind::Cap { country: None, ty: Some(EntityType::PER), institution: None },
                    });
                    memory.insert(text[s..end].to_string(), EntityType::PER);
                    continue;
                }
            }
            // Otherwise the whole span is one unknown name (it may contain a country: "Bank of Korea").
            if inside.iter().any(|h| h.start < start || h.end > end) {
                // A hit straddles the span edge (a nominal like "the North"): leave it alone.
                continue;
            }
            // A span that ends in a known person's name is that person with titles before
            // ("NATO Secretary General Jens Stoltenberg"), not an unknown name swallowing both.
            // (A surname alone after a title, "Mr Clarke", stays for coreference to resolve.)
            if inside.last().is_some_and(|h| {
                h.end == end && matches!(h.target, Target::Person(_)) && text[h.start..h.end].contains(' ')
            }) {
                continue;
            }
            let country = inside.iter().find_map(|h| match h.target {
                Target::Country(c, CountryForm::Name | CountryForm::Adjective) => Some(c),
                _ => None,
            });
            let before = word_before(text, start);
            let ty = self.type_span(text, span_words, before, &memory);
            if let Some(t) = ty {
                memory.insert(text[start..end].to_string(), t);
                if t == EntityType::PER {
                    if let Some(w) = span_words.last() {
                        memory.entry(w.text(text).to_string()).or_insert(t);
                    }
                }
            }
            // The head word: before "of" ("Court of Appeals"), else the last ("Appeal Court").
            let head = match span_words.iter().position(|w| w.text(text) == "of") {
                Some(k) if k > 0 => &span_words[k - 1],
                _ => &span_words[span_words.len() - 1],
            };
            let institution = inside.iter().find_map(|h| match h.target {
                Target::Agent(a) if h.start == head.start && h.end == head.end => {
                    let agent = &self.dict.agents[a as usize];
                    let roles = if country.is_some() { NATIONAL_INSTITUTION_ROLES } else { &[] };
                    (agent.kind == AgentKind::Group)
                        .then(|| INSTITUTION_ROLES.iter().chain(roles).copied().find(|&r| r == agent.code))
                        .flatten()
                }
                _ => None,
            });
            consumed.extend(inside.iter().map(|h| (h.start, h.end)));
            items.push(Item { start, end, kind: ItemKind::Cap { country, ty, institution } });
        }
        // What the document says later counts too: "Langejans" before "Piet Langejans".
        for it in items.iter_mut() {
            if let ItemKind::Cap { ty: ty @ None, .. } = &mut it.kind {
                let t = &text[it.start..it.end];
                if !t.contains(' ') {
                    *ty = memory.get(t).copied();
                }
            }
        }
        let consumed: HashSet<(usize, usize)> = consumed.into_iter().collect();
        for h in hits {
            if !consumed.contains(&(h.start, h.end)) {
                items.push(Item { start: h.start, end: h.end, kind: ItemKind::Hit(h.target) });
            }
        }
        items.sort_by_key(|it| (it.start, std::cmp::Reverse(it.end)));
        items
    }

    /// The token that ends right before byte `at`, if the tagger read it as a common noun.
    fn noun_before(&self, at: usize) -> Option<&Token> {
        let i = self.tokens.partition_point(|tok| (tok.span.start as usize) < at);
        i.checked_sub(1).and_then(|p| self.tokens.get(p)).filter(|tok| tok.upos == Upos::NOUN)
    }

    /// Whether the word right before byte `at` is a lower-case common noun with "the" before
    /// it ("the justice minister", "the labour ministry").
    fn the_noun_before(&self, text: &str, at: usize) -> bool {
        self.noun_before(at).is_some_and(|noun| {
            let from = noun.span.start as usize;
            text[from..].starts_with(char::is_lowercase)
                && (text[..from].ends_with("the ") || text[..from].ends_with("The "))
        })
    }

    /// Whether the tagger read the word after byte `at` as a common noun: a one-person role
    /// before one is an adjective ("the general election", "the general public"). "Today",
    /// "yesterday", "tomorrow" and "tonight" are days the tagger calls nouns, not heads a role
    /// modifies ("wrote to the president today").
    fn noun_after(&self, at: usize) -> bool {
        const DAYS: &[&str] = &["today", "yesterday", "tomorrow", "tonight"];
        let i = self.tokens.partition_point(|tok| (tok.span.start as usize) < at);
        self.tokens
            .get(i)
            .is_some_and(|tok| tok.upos == Upos::NOUN && !DAYS.contains(&tok.lemma.to_lowercase().as_str()))
    }

    /// Whether word `w` can start a name: capitalised, and at a sentence start only if it is
    /// not a common word (listed, or written lowercase elsewhere in the document).
    fn starts_name(
        &self,
        text: &str,
        w: &Word,
        lowercase_words: &HashSet<&str>,
        surnames: &HashSet<&str>,
    ) -> bool {
        let t = w.text(text);
        if !is_capitalised(t) {
            return false;
        }
        let stop = self.dict.cue(CuePosition::First, t) == Some(CueType::None);
        if stop {
            return false;
        }
        let surname = surnames.contains(t) && !lowercase_words.contains(t.to_lowercase().as_str());
        if w.sentence_start && !surname {
            let i = self.tokens.partition_point(|tok| (tok.span.start as usize) < w.start);
            if let Some(tok) =
                self.tokens.get(i).filter(|tok| tok.span.start as usize == w.start && tok.upos != Upos::X)
            {
                return tok.upos == Upos::PROPN;
            }
            // Sentence adverbs ("Economically, …") are not names.
            if t.len() > 5 && t.ends_with("ly") {
                return false;
            }
            let lower = t.to_lowercase();
            if lowercase_words.contains(lower.as_str()) {
                return false;
            }
        }
        true
    }

    fn type_span(
        &self,
        text: &str,
        ws: &[Word],
        before: &str,
        memory: &HashMap<String, EntityType>,
    ) -> Option<EntityType> {
        let cue = |pos: CuePosition, w: &str| self.dict.cue(pos, w);
        let to_entity = |c: CueType| match c {
            CueType::Per => Some(EntityType::PER),
            CueType::Org => Some(EntityType::ORG),
            CueType::Loc => Some(EntityType::LOC),
            CueType::None => None,
        };
        let first = ws[0].text(text);
        // "World War II": the head is the last word that is not a numeral.
        let last = ws
            .iter()
            .rev()
            .map(|w| w.text(text))
            .find(|t| !is_numeral(t))
            .unwrap_or_else(|| ws[ws.len() - 1].text(text));
        let whole = &text[ws[0].start..ws[ws.len() - 1].end];
        if let Some(t) = memory.get(whole) {
            return Some(*t);
        }
        if let Some(c) = cue(CuePosition::Head, last) {
            // A cue word alone ("Coalition", "Battalion") is a common noun, not a name.
            if ws.len() == 1 {
                return None;
            }
            return to_entity(c);
        }
        if let Some(c) = cue(CuePosition::First, first) {
            return to_entity(c);
        }
        if let Some(c) = cue(CuePosition::Before, before) {
            return to_entity(c);
        }
        // A cue word inside the span ("Major League Baseball", "Park Zandvoort").
        if let Some(c) =
            ws.iter().find_map(|w| cue(CuePosition::Head, w.text(text)).filter(|c| *c != CueType::None))
        {
            return to_entity(c);
        }
        if self.dict.first_names.contains(first) && (ws.len() >= 2 || ws.len() == 1) {
            return Some(EntityType::PER);
        }
        if ws.len() == 1 {
            if let Some(t) = memory.get(first) {
                return Some(*t);
            }
            let caps = first.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
            if caps && first.len() >= 2 {
                return Some(EntityType::ORG);
            }
        }
        if ws.iter().any(|w| w.text(text).contains('.')) {
            return Some(EntityType::PER);
        }
        // A lone unknown word without any cue is as often a title, a word at the start of a
        // heading or a MISC name as a person: better left untyped. Two or three title-case
        // words with no cue are most often a person's name.
        if ws.len() == 1 {
            // Plural proper nouns name teams and bands ("Bruins", "Longhorns").
            let plural = first.len() > 4 && first.ends_with('s') && !first.ends_with("ss");
            return plural.then_some(EntityType::ORG);
        }
        // Without any cue, only the commonest shape is typed: two title-case words, most often
        // "Firstname Surname". Longer spans, codes and numbers are titles of works, events
        // and products as often as names, and are left untyped.
        let plain = |w: &Word| {
            let t = w.text(text);
            !t.bytes().any(|b| b.is_ascii_digit()) && t.chars().any(char::is_lowercase)
        };
        (ws.len() == 2 && ws.iter().all(plain)).then_some(EntityType::PER)
    }

    fn compose(&self, text: &str, items: &[Item], date: Option<NaiveDate>) -> Vec<ActorMatch> {
        let d = self.dict;
        let gap = |a: &Item, b: &Item| &text[a.end..b.start];
        let spaced = |a: &Item, b: &Item| {
            let g = gap(a, b);
            !g.is_empty() && g.bytes().all(|c| c == b' ')
        };
        let country_of = |it: &Item| match it.kind {
            ItemKind::Hit(Target::Country(c, CountryForm::Name | CountryForm::Adjective)) => Some(c),
            _ => None,
        };
        let agent_of = |it: &Item| match it.kind {
            ItemKind::Hit(Target::Agent(a)) => Some(a),
            _ => None,
        };
        let determiner = |start: usize| -> usize {
            for det in ["the ", "The "] {
                if text[..start].ends_with(det) {
                    let s = start - det.len();
                    if text[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric()) {
                        return s;
                    }
                }
            }
            start
        };

        let mut out: Vec<ActorMatch> = Vec::new();
        let mut i = 0;
        while i < items.len() {
            let it = &items[i];
            // Group: "ROK-US alliance", "the U.S.-Japan alliance".
            if let (Some(a), Some(next)) = (country_of(it), items.get(i + 1)) {
                if let Some(b) = country_of(next) {
                    if matches!(gap(it, next), "-" | "–" | "/") && a != b {
                        let mut end = next.end;
                        let mut j = i + 2;
                        // "alliance", "forces": the group's own word joins the mention.
                        if items.get(j).filter(|x| spaced(next, x)).and_then(agent_of).is_some() {
                            end = items[j].end;
                            j += 1;
                        }
                        let start = determiner(it.start);
                        out.push(ActorMatch {
                            span: Span::new(start, end),
                            name: None,
                            kind: MentionKind::Nominal,
                            entity: Some(EntityType::ORG),
                            actors: vec![
                                actor(&d.countries[a as usize].code, None),
                                actor(&d.countries[b as usize].code, None),
                            ],
                            rule: "group:pair".into(),
                            pending: Pending::None,
                        });
                        i = j;
                        continue;
                    }
                }
            }

            // "Mike Hobday, of the League Against Cruel Sports": a person no dictionary knows,
            // said to be of an organisation, speaks and acts for it (the organisation is still
            // a mention of its own).
            if let (ItemKind::Cap { ty: Some(EntityType::PER), .. }, Some(next)) =
                (&it.kind, items.get(i + 1))
            {
                if let ItemKind::Hit(Target::Org(o)) = next.kind {
                    let between = text[it.end..next.start].split_whitespace().collect::<Vec<_>>().join(" ");
                    if matches!(between.as_str(), ", of the" | ", of" | ", from the" | ", from") {
                        let org = &d.orgs[o as usize];
                        out.push(person_of(org, text, Span::new(it.start, it.end), date, "name+of+org"));
                        i += 1;
                        continue;
                    }
                }
            }

            // An organisation and the body of people it names: "Hamas fighters", "NATO troops";
            // or one of its people with no name after ("the Tory leader said").
            if let ItemKind::Hit(Target::Org(o)) = it.kind {
                let mut j = i + 1;
                let mut person = false;
                while let Some(a) = items.get(j).filter(|n| spaced(&items[j - 1], n)).and_then(agent_of) {
                    match d.agents[a as usize].kind {
                        AgentKind::Group => {}
                        AgentKind::Person if j == i + 1 => person = true,
                        _ => break,
                    }
                    j += 1;
                    if person {
                        break;
                    }
                }
                let named_after = person
                    && items.get(j).is_some_and(|n| {
                        spaced(&items[j - 1], n)
                            && matches!(n.kind, ItemKind::Hit(Target::Person(_)) | ItemKind::Cap { .. })
                    });
                // "Refugee Council Chief Executive Maeve Sherlock": a person no dictionary knows,
                // named with an office in an organisation, speaks and acts for it.
                let unknown_named = named_after
                    && items
                        .get(j)
                        .is_some_and(|n| matches!(n.kind, ItemKind::Cap { ty: Some(EntityType::PER), .. }));
                if unknown_named {
                    let org = &d.orgs[o as usize];
                    let name = Span::new(items[j].start, items[j].end);
                    // A party's member of parliament is the legislature's ("Labour MP Karen
                    // Buck": GBRLEG); its leaders and spokesmen speak for the party.
                    let role = agent_of(&items[j - 1]).map(|a| d.agents[a as usize].code.as_str());
                    let code = match role {
                        Some("LEG") if org.kind == "party" && org.code.len() >= 3 => {
                            format!("{}LEG", &org.code[..3])
                        }
                        _ => org.code_on(date).to_string(),
                    };
                    out.push(ActorMatch {
                        span: Span::new(determiner(it.start), items[j].end),
                        name: Some(name),
                        kind: MentionKind::Name,
                        entity: Some(EntityType::PER),
                        actors: vec![actor(&code, Some(name.text(text)))],
                        rule: format!("org+role+name:{}", org.code),
                        pending: Pending::None,
                    });
                    i = j + 1;
                    continue;
                }
                if j > i + 1 && !named_after {
                    let org = &d.orgs[o as usize];
                    out.push(ActorMatch {
                        span: Span::new(determiner(it.start), items[j - 1].end),
                        name: None,
                        kind: MentionKind::Nominal,
                        entity: Some(if person { EntityType::PER } else { EntityType::ORG }),
                        actors: vec![actor(org.code_on(date), Some(&org.name))],
                        rule: format!("org+role:{}", org.code),
                        pending: Pending::None,
                    });
                    // "Scottish Conservative leader, David McLetchie, said": the person no
                    // dictionary knows, named in apposition to the office, holds it.
                    let named_apart = person
                        && items.get(j).is_some_and(|n| {
                            text.get(items[j - 1].end..n.start) == Some(", ")
                                && matches!(n.kind, ItemKind::Cap { ty: Some(EntityType::PER), .. })
                        });
                    if named_apart {
                        let name = Span::new(items[j].start, items[j].end);
                        out.push(person_of(org, text, name, date, "org+role, name"));
                        i = j + 1;
                        continue;
                    }
                    i = j;
                    continue;
                }
            }

            // A leader's government: "the Assad regime", "the Trump administration" are the
            // government (the role) of the leader's country.
            if let ItemKind::Hit(Target::Person(p)) = it.kind {
                if let Some(a) = items.get(i + 1).filter(|n| spaced(it, n)).and_then(agent_of) {
                    let agent = &d.agents[a as usize];
                    let code = d.people[p as usize].code_for(date, self.era);
                    if agent.kind == AgentKind::Group && !agent.code.is_empty() && code.len() >= 3 {
                        let country = &code[..3];
                        if is_state_code(country) {
                            out.push(ActorMatch {
                                span: Span::new(determiner(it.start), items[i + 1].end),
                                name: None,
                                kind: MentionKind::Nominal,
                                entity: Some(EntityType::ORG),
                                actors: vec![actor(&format!("{country}{}", agent.code), None)],
                                rule: "person+role".into(),
                                pending: Pending::None,
                            });
                            i += 2;
                            continue;
                        }
                    }
                }
            }

            // [country] [role…] [name]
            let mut j = i;
            let mut country = None;
            if let Some(c) = country_of(it) {
                // "Russian troops", and the possessive "Romania's president".
                let joined = |n: &Item| {
                    spaced(it, n)
                        || (matches!(it.kind, ItemKind::Hit(Target::Country(_, CountryForm::Name)))
                            && matches!(gap(it, n), "'s " | "\u{2019}s "))
                };
                // "British tobacco companies", "Syrian rebel fighters": a body of people named
                // with one or two words of what they do between the country and the role.
                // Also after a possessive name: "Australia's securities watchdog".
                let described = |n: &Item| {
                    let (form, g) = match it.kind {
                        ItemKind::Hit(Target::Country(_, form)) => (form, gap(it, n)),
                        _ => return false,
                    };
                    let g = match form {
                        CountryForm::Adjective => g,
                        CountryForm::Name => {
                            match g.strip_prefix("'s").or_else(|| g.strip_prefix("\u{2019}s")) {
                                Some(rest) => rest,
                                None => return false,
                            }
                        }
                        _ => return false,
                    };
                    let words: Vec<&str> = g.split(' ').filter(|w| !w.is_empty()).collect();
                    g.starts_with(' ')
                        && g.ends_with(' ')
                        && (1..=2).contains(&words.len())
                        && words.iter().all(|w| describes(w))
                        && agent_of(n).is_some_and(|a| d.agents[a as usize].kind != AgentKind::Person)
                };
                if items.get(i + 1).is_some_and(|n| joined(n) || described(n))
                    && items.get(i + 1).and_then(agent_of).is_some()
                {
                    country = Some(c);
                    j += 1;
                }
            }
            let mut agents: Vec<u32> = Vec::new();
            while let Some(a) = items.get(j).and_then(agent_of) {
                // The country and the first role were joined above.
                if j > i + usize::from(country.is_some()) && !spaced(&items[j - 1], &items[j]) {
                    break;
                }
                agents.push(a);
                j += 1;
            }
            if !agents.is_empty() {
                let role_person = agents.iter().any(|&a| d.agents[a as usize].kind == AgentKind::Person);
                let last_item = items[j - 1];
                let mut name: Option<(Span, Option<u32>)> = None;
                let titled = |n: &Item| {
                    let g = gap(&last_item, n);
                    crate::coref::TITLES
                        .iter()
                        .any(|t| g.strip_prefix(' ').and_then(|g| g.strip_prefix(t)) == Some(" "))
                };
                if let Some(n) = items.get(j).filter(|n| spaced(&last_item, n) || titled(n)) {
                    match n.kind {
                        ItemKind::Hit(Target::Person(p)) => name = Some((Span::new(n.start, n.end), Some(p))),
                        ItemKind::Cap { ty: Some(EntityType::PER), .. } if role_person => {
                            name = Some((Span::new(n.start, n.end), None))
                        }
                        _ => {}
                    }
                    if name.is_some() {
                        j += 1;
                    }
                }
                // "the Foreign Minister of the Democratic People's Republic of Korea"
                if country.is_none() && name.is_none() {
                    if let Some(n) = items.get(j) {
                        if matches!(gap(&items[j - 1], n), " of " | " of the ") {
                            if let ItemKind::Hit(Target::Country(c, CountryForm::Name)) = n.kind {
                                country = Some(c);
                                j += 1;
                            }
                        }
                    }
                }
                let code = agents
                    .iter()
                    .map(|&a| d.agents[a as usize].code.as_str())
                    .find(|c| !c.is_empty())
                    .unwrap_or("");
                let code_of_role = code;
                let start = if name.is_some() && country.is_none() { it.start } else { determiner(it.start) };
                let span = Span::new(start, items[j - 1].end);
                let found = match name {
                    Some((nspan, Some(p))) => {
                        let person = &d.people[p as usize];
                        let mut code = person.code_for(date, self.era);
                        // "former president Joseph Estrada": out of office, whatever the
                        // terms on record give for the date (often none, for undated text).
                        // The role the text gives, for undated text, over the guess that the
                        // latest office term is ("Opposition leader Morgan Tsvangirai" was
                        // ZWEGOV, his 2009 premiership); not the government roles, whose words
                        // ("leader", "chairman", "spokesman") also name party and other posts.
                        let own_role = code_of_role == "ELI"
                            || ((date.is_none() || self.era)
                                && !code_of_role.is_empty()
                                && code_of_role != "GOV");
                        if own_role
                            && code.len() >= 3
                            && code.is_char_boundary(3)
                            && is_state_code(&code[..3])
                        {
                            code = format!("{}{code_of_role}", &code[..3]);
                        }
                        Some(ActorMatch {
                            span,
                            name: Some(nspan),
                            kind: MentionKind::Name,
                            entity: Some(EntityType::PER),
                            actors: vec![actor(&code, Some(&person.name))],
                            rule: format!("person:{}", person.name),
                            pending: Pending::None,
                        })
                    }
                    // Without a country, only a full personal name ("Prime Minister Andrej
                    // Babis", not "General Election") makes the role an actor.
                    Some((nspan, None))
                        if country.is_none() && !looks_like_full_name(text, nspan, &d.first_names) =>
                    {
                        None
                    }
                    Some((nspan, None)) => Some(ActorMatch {
                        span,
                        name: Some(nspan),
                        kind: MentionKind::Name,
                        entity: Some(EntityType::PER),
                        // Without a country the role still says what the person is
                        // ("Prime Minister Andrej Babis": `---GOV`, as PETRARCH writes it).
                        actors: vec![actor(
                            &format!(
                                "{}{code}",
                                country
                                    .map(|c| d.countries[c as usize].code.as_str())
                                    .unwrap_or(dyad_core::UNRESOLVED_ACTOR_CODE)
                            ),
                            Some(nspan.text(text)),
                        )],
                        rule: "role+name".into(),
                        pending: Pending::None,
                    }),
                    None => {
                        let kind_last = d.agents[agents[agents.len() - 1] as usize].kind;
                        let entity =
                            if kind_last == AgentKind::Person { EntityType::PER } else { EntityType::ORG };
                        match country {
                            Some(c) => Some(ActorMatch {
                                span,
                                name: None,
                                kind: MentionKind::Nominal,
                                entity: Some(entity),
                                actors: vec![actor(&format!("{}{code}", d.countries[c as usize].code), None)],
                                rule: "country+role".into(),
                                pending: Pending::None,
                            }),
                            // A bare role counts with a determiner ("the government"), or
                            // as a political body without one ("Police arrested", "Rebel
                            // fighters said"); its country comes from coreference, else it
                            // stays unknown (`---COP`).
                            None if kind_last != AgentKind::Side
                                && (start < it.start
                                    || (MINISTERIAL
                                        .contains(&text[it.start..it.end].to_lowercase().as_str())
                                        && self.the_noun_before(text, it.start))
                                    || (kind_last == AgentKind::Group
                                        && (counts_bare(code)
                                            || d.agents[agents[agents.len() - 1] as usize].bare))
                                    || (armed(code) && after_indefinite(text, it.start)))
                                && !(kind_last == AgentKind::Person
                                    && self.noun_after(span.end as usize))
                                && !(REGIMES_OF_THINGS
                                    .contains(&text[it.start..it.end].to_lowercase().as_str())
                                    && self.noun_before(it.start).is_some()) =>
                            {
                                Some(ActorMatch {
                                    span,
                                    name: None,
                                    kind: MentionKind::Nominal,
                                    entity: Some(entity),
                                    actors: Vec::new(),
                                    rule: "role".into(),
                                    pending: Pending::Role { code: code.to_string() },
                                })
                            }
                            None => None,
                        }
                    }
                };
                if let Some(f) = found {
                    out.push(f);
                    i = j;
                    continue;
                }
                i += 1;
                continue;
            }

            // A single item.
            let span = Span::new(it.start, it.end);
            // "Iranian-backed rebels" are not Iran's: a country that backs, arms or funds a
            // group is no mention there (it would give the group its country).
            let backer = matches!(it.kind, ItemKind::Hit(Target::Country(..)))
                && BACKER_SUFFIXES.iter().any(|s| text[it.end..].starts_with(s));
            let single = match it.kind {
                _ if backer => None,
                ItemKind::Hit(Target::Country(c, form)) => {
                    let code = &d.countries[c as usize].code;
                    let (code, entity) = match form {
                        CountryForm::Name => (code.clone(), Some(EntityType::LOC)),
                        CountryForm::Adjective => (code.clone(), Some(EntityType::MISC)),
                        CountryForm::Capital => {
                            // "in London", and "the London market": the city, not its government
                            // (which "London said" is).
                            let locative = LOCATIVE
                                .contains(&word_before(text, it.start).to_lowercase().as_str())
                                || self.noun_after(it.end);
                            (
                                if locative { code.clone() } else { format!("{code}GOV") },
                                Some(EntityType::LOC),
                            )
                        }
                        CountryForm::Seat => (format!("{code}GOV"), Some(EntityType::ORG)),
                    };
                    Some(ActorMatch {
                        span,
                        name: Some(span),
                        kind: MentionKind::Name,
                        entity,
                        actors: vec![actor(&code, None)],
                        rule: format!("country:{}", d.countries[c as usize].code),
                        pending: Pending::None,
                    })
                }
                ItemKind::Hit(Target::Org(o)) => {
                    let org = &d.orgs[o as usize];
                    Some(ActorMatch {
                        span,
                        name: Some(span),
                        kind: MentionKind::Name,
                        entity: Some(EntityType::ORG),
                        actors: vec![actor(org.code_on(date), Some(&org.name))],
                        rule: format!("org:{}", org.code),
                        pending: Pending::None,
                    })
                }
                // A lone surname right after "in" is a place ("a refugee centre in Kerry").
                ItemKind::Hit(Target::Person(_))
                    if !span.text(text).contains(' ')
                        && IN_A_PLACE.contains(&word_before(text, span.start as usize)) =>
                {
                    None
                }
                ItemKind::Hit(Target::Person(p)) => {
                    let person = &d.people[p as usize];
                    Some(ActorMatch {
                        span,
                        name: Some(span),
                        kind: MentionKind::Name,
                        entity: Some(EntityType::PER),
                        actors: vec![actor(&person.code_for(date, self.era), Some(&person.name))],
                        rule: format!("person:{}", person.name),
                        pending: Pending::None,
                    })
                }
                ItemKind::Hit(Target::Place(p)) => Some(ActorMatch {
                    span,
                    name: Some(span),
                    kind: MentionKind::Name,
                    entity: Some(EntityType::LOC),
                    actors: Vec::new(),
                    rule: format!("place:{}", d.places[p as usize].name),
                    pending: Pending::None,
                }),
                ItemKind::Hit(Target::Nominal(n)) => {
                    let nom = &d.nominals[n as usize];
                    if nom.kind == NominalKind::Allies {
                        // Joins the actor before it: "the U.S. and its allies".
                        if let Some(prev) = out
                            .last_mut()
                            .filter(|p| p.span.end as usize + 1 >= it.start && p.actors.len() == 1)
                        {
                            prev.span = Span::new(prev.span.start as usize, it.end);
                            prev.kind = MentionKind::Nominal;
                            prev.entity = Some(EntityType::ORG);
                            prev.name = None;
                            prev.rule = format!("group:{}+allies", prev.actors[0].code);
                        }
                        i += 1;
                        continue;
                    }
                    let pronoun =
                        matches!(nom.kind, NominalKind::Person | NominalKind::Plural | NominalKind::Thing);
                    Some(ActorMatch {
                        span,
                        name: None,
                        kind: if pronoun { MentionKind::Pronoun } else { MentionKind::Nominal },
                        entity: None,
                        actors: Vec::new(),
                        rule: format!("nominal:{}", nom.form),
                        pending: Pending::Nominal(n),
                    })
                }
                ItemKind::Hit(Target::Agent(_)) => None,
                // A named court, police force or legislature: that body of the country it
                // names, else of the country coreference finds for it ("---JUD" failing that).
                ItemKind::Cap { country, institution: Some(code), .. } => Some(ActorMatch {
                    span,
                    name: Some(span),
                    kind: MentionKind::Name,
                    entity: Some(EntityType::ORG),
                    actors: country
                        .map(|c| vec![actor(&format!("{}{code}", d.countries[c as usize].code), None)])
                        .unwrap_or_default(),
                    rule: format!("institution:{code}"),
                    pending: if country.is_some() {
                        Pending::None
                    } else {
                        Pending::Role { code: code.to_string() }
                    },
                }),
                ItemKind::Cap { country, ty, institution: None } => Some(ActorMatch {
                    span,
                    name: Some(span),
                    kind: MentionKind::Unknown,
                    entity: ty,
                    actors: country
                        .map(|c| vec![actor(&d.countries[c as usize].code, None)])
                        .unwrap_or_default(),
                    rule: "capitalised".into(),
                    pending: Pending::None,
                }),
            };
            if let Some(f) = single {
                out.push(f);
            }
            i += 1;
        }
        out
    }
}

/// Words that end a description between a nationality or an article and a role ("British and
/// American troops", "Iraqi who were troops" are no description of the troops).
const DESCRIPTION_STOPWORDS: &[&str] = &[
    "and", "the", "for", "with", "from", "who", "which", "that", "have", "has", "had", "are", "was", "were",
    "will", "would", "not", "than", "but", "nor", "its", "their", "his", "her", "into", "over", "after",
    "before", "said", "says", "say", "told",
];

/// Whether `word` describes the role after it ("tobacco", "senior", "rebel-held"): a
/// lower-case word of three letters or more that is no [`DESCRIPTION_STOPWORDS`] word.
fn describes(word: &str) -> bool {
    word.len() > 2
        && word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && !DESCRIPTION_STOPWORDS.contains(&word)
}

/// Whether agent code `code` is of an armed or coercive body: such a role is an actor after
/// "a"/"an" too ("A rebel commander surrendered", "a soldier was killed"), where an indefinite
/// official or spokesman is no one to code ("a spokesman for UKIP").
fn armed(code: &str) -> bool {
    matches!(code, "MIL" | "REB" | "COP")
}

/// Whether the word right before byte `at` is the indefinite article, past up to two words
/// that describe what follows ("a senior rebel commander", "a female rebel commander").
fn after_indefinite(text: &str, at: usize) -> bool {
    let mut at = at;
    for _ in 0..3 {
        let word = word_before(text, at);
        if matches!(word, "a" | "an" | "A" | "An") {
            return true;
        }
        if !describes(word) {
            return false;
        }
        // `word` is a slice of `text` ending where the spaces before `at` begin.
        at = word.as_ptr() as usize - text.as_ptr() as usize;
    }
    false
}

/// Whether a group role of agent code `code` is an actor without a determiner: a political body
/// ("Police arrested"), workers, teachers and students, who strike and protest ("Teachers
/// went on strike"), or refugees, whom states take in or turn away ("opened its borders to
/// refugees"); not "people", which names no one in particular.
fn counts_bare(code: &str) -> bool {
    matches!(code, "LAB" | "EDU" | "REF")
        || dyad_core::lexicon::is_political_actor_code(&format!("{}{code}", dyad_core::UNRESOLVED_ACTOR_CODE))
}

/// Whether the first three letters of an actor code name a state: a country code
/// ([`crate::coref::is_state`]), not the unknown country `---`.
fn is_state_code(country: &str) -> bool {
    country.bytes().all(|b| b.is_ascii_uppercase()) && crate::coref::is_state(country)
}

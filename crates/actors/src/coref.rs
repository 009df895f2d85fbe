//! Coreference inside one document: pronouns and nominals get the actors of an earlier mention.
//!
//! Salience is kept simple and explainable. A person pronoun binds to an earlier person in the
//! same sentence (and the same quotation), never one the text gives the other sex ("him" is
//! not "Ms Sturgeon" nor an earlier "she"), else to the last speaker (the subject of the last
//! reporting clause, so "He continued" follows whoever spoke), and when the last speaker was an
//! organisation ("the statement said"), to the person of that organisation's country mentioned
//! most often. A sentence with no speech verb whose subject is a person ("Michael Howard has
//! dismissed Gordon Brown's Budget. He went on to …") makes that person the one "he" follows,
//! as a reader takes the subject of the last sentence for its topic. A plural after a
//! collective subject of its own sentence stands for it ("Iraqi forces have begun their
//! assault"), with the actors coordinated with it; one that opens its sentence continues the
//! collective subject that opened the sentence before ("The tobacco companies deny … They also
//! say …"); otherwise plurals take the people or
//! countries just mentioned (one body of people will do, one person will not); "the two
//! countries" the last two countries; "the statement" the organisation that last announced
//! something.

use crate::dict::{Dictionary, NominalKind};
use crate::recognise::{actor, ActorMatch, Pending};
use dyad_core::{Actor, EntityType, Span, Token, Upos};

/// Per-mention facts coreference needs.
struct Location {
    sentence: usize,
    /// Index of the quotation region holding the mention, if any.
    quote: Option<usize>,
    /// Whether the mention opens its sentence (after "The" at most): the subject, mostly.
    opens_sentence: bool,
    /// Whether only "and" or a comma separates it from the mention before ("Russia and China").
    joined_to_previous: bool,
    /// A state named right after the mention as where it is ("a suicide bomber in Mogadishu").
    located_in: Option<usize>,
    /// For an object pronoun ("him", "them"), the subject of its own clause, which it cannot
    /// stand for: "Kiir pardoned him" is not Kiir pardoning himself.
    clause_subject: Option<usize>,
    /// What the text says of the person's sex: a pronoun's own ("she"), a title's ("Ms
    /// Sturgeon"); "him" never stands for Ms Sturgeon.
    gender: Option<Gender>,
    /// For a possessive "their", the subject of its own clause ("police had acknowledged their
    /// duty"): what a reader takes it for first, inside a quotation or out.
    possessor_subject: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// The sex the words of mention `f` or the title before it give, if any.
fn gender_of(text: &str, f: &ActorMatch) -> Option<Gender> {
    let words = &text[f.span.start as usize..f.span.end as usize];
    let first = words.split_whitespace().next().unwrap_or("");
    let title = |w: &str| match w.trim_end_matches('.') {
        "Mr" | "Sir" | "Lord" | "King" | "Prince" => Some(Gender::Male),
        "Mrs" | "Ms" | "Miss" | "Lady" | "Dame" | "Baroness" | "Queen" | "Princess" => Some(Gender::Female),
        _ => None,
    };
    match first.to_lowercase().as_str() {
        "he" | "him" | "his" | "himself" => return Some(Gender::Male),
        "she" | "her" | "hers" | "herself" => return Some(Gender::Female),
        _ => {}
    }
    title(first).or_else(|| title(crate::recognise::word_before(text, f.span.start as usize)))
}

/// Person (actor code and name) -> (how many mentions, the last one's index).
type PersonCounts = std::collections::HashMap<String, (usize, usize)>;

/// What the mentions before the current one hold, kept up to date as resolution walks the
/// document, so that "the last mention such that …" is one lookup and not a scan back over
/// every earlier mention: resolution stays linear in the number of mentions.
#[derive(Default)]
struct Seen {
    /// The last collective mention (a country, a group, an organisation).
    collective: Option<usize>,
    /// The last collective mention whose first actor is a state.
    state: Option<usize>,
    /// The last resolved person outside quotations, and anywhere.
    person_unquoted: Option<usize>,
    person: Option<usize>,
    /// The last mention with two or more actors.
    several: Option<usize>,
    /// The last mention with two or more actors or an alliance's code.
    group: Option<usize>,
    /// Country code -> the last mention with an actor of that country.
    by_country: std::collections::HashMap<String, usize>,
    /// State country -> (last collective mention naming it, not a side like "the U.S. and its
    /// allies"; the country's first place among that mention's actors).
    pair: std::collections::HashMap<String, (usize, usize)>,
    /// Country -> person (code and name) -> (mentions, last index), and the most salient
    /// person of the country so far (most mentioned, then latest): its last index.
    persons: std::collections::HashMap<String, (PersonCounts, (usize, usize))>,
    /// The state the document is about, where one dominates its named actors: the country of
    /// a role no state nearby explains ("the government" in a story of Blair, Brown and Howard).
    home: Option<String>,
}

impl Seen {
    /// Take mention `j` (resolved for good) into account.
    fn add(&mut self, dict: &Dictionary, found: &[ActorMatch], locations: &[Location], j: usize) {
        let f = &found[j];
        if is_collective(f) {
            self.collective = Some(j);
            if is_state(&f.actors[0].country) {
                self.state = Some(j);
            }
            if !f.rule.starts_with("group:") {
                for (pos, a) in f.actors.iter().enumerate() {
                    if !is_state(&a.country) {
                        continue;
                    }
                    match self.pair.get_mut(&a.country) {
                        Some(at) if at.0 == j => {}
                        Some(at) => *at = (j, pos),
                        None => {
                            self.pair.insert(a.country.clone(), (j, pos));
                        }
                    }
                }
            }
        }
        if is_person(f) && !f.actors.is_empty() {
            self.person = Some(j);
            if locations[j].quote.is_none() {
                self.person_unquoted = Some(j);
            }
            let a = &f.actors[0];
            let key = format!("{}|{}", a.code, a.name.as_deref().unwrap_or(""));
            let (counts, best) = self.persons.entry(a.country.clone()).or_default();
            let c = counts.entry(key).or_insert((0, j));
            *c = (c.0 + 1, j);
            // Counts and last indices only grow, so the best so far is beaten only by the one
            // just counted.
            if *c > *best {
                *best = *c;
            }
        }
        if f.actors.len() >= 2 {
            self.several = Some(j);
        }
        if f.actors.len() >= 2 || f.actors.first().is_some_and(|a| dict.alliances.contains(&a.code)) {
            self.group = Some(j);
        }
        for a in &f.actors {
            self.by_country.insert(a.country.clone(), j);
        }
    }

    /// Most salient person of country `country` so far: the most mentioned, then the latest.
    fn salient_person_of(&self, country: &str) -> Option<usize> {
        self.persons.get(country).map(|(_, best)| best.1)
    }

    /// The last two distinct states named (as a scan back from here finds them), earlier
    /// first, with the mention that named the earlier one.
    fn last_two_states(&self) -> Option<(usize, Vec<Actor>)> {
        let mut latest: Vec<(&String, (usize, usize))> = self.pair.iter().map(|(c, &at)| (c, at)).collect();
        // Latest mention first; inside one mention, its actors in order.
        latest.sort_by_key(|&(_, (j, pos))| (std::cmp::Reverse(j), pos));
        let [(second, _), (first, (j, _))] = latest.get(..2)? else { return None };
        Some((*j, vec![actor(first, None), actor(second, None)]))
    }
}

/// Titles that may stand before a surname ("Mr Howard", "Dr Fox").
pub(crate) const TITLES: &[&str] =
    &["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Sir", "Lord", "Lady", "Dame"];

/// News names a person in full once, then by surname ("Michael Howard … Mr Howard said"):
/// an unknown name of a title and one word, or of one word, that is the surname of a person
/// named earlier in the document takes that person's actors. A headline names by surname
/// first ("Blair hails deal" before "Tony Blair said"): a surname no earlier full name
/// explains takes the actors of the one person the document later names in full with it.
fn resolve_surnames(
    text: &str,
    dict: &Dictionary,
    date: Option<chrono::NaiveDate>,
    era: bool,
    found: &mut [ActorMatch],
    antecedent: &mut [Option<u32>],
) {
    use dyad_core::MentionKind;
    // The states the document's mentions name, and how often: whose office holders "Mr X" means.
    let mut states: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for a in found.iter().flat_map(|f| f.actors.iter()) {
        if is_state(&a.country) && a.country.len() == 3 && a.country != dyad_core::UNRESOLVED_ACTOR_CODE {
            *states.entry(a.country.as_str()).or_default() += 1;
        }
    }
    // Most named first.
    let mut states: Vec<(&str, usize)> = states.into_iter().collect();
    states.sort_by_key(|&(c, n)| (std::cmp::Reverse(n), c));
    let states: Vec<String> = states.into_iter().map(|(c, _)| c.to_string()).collect();
    let states: Vec<&str> = states.iter().map(String::as_str).collect();
    // Surname -> the one known person the document names in full with it (None: several).
    let mut in_document: std::collections::HashMap<&str, Option<usize>> = std::collections::HashMap::new();
    for (i, f) in found.iter().enumerate() {
        let words: Vec<&str> = f.name.unwrap_or(f.span).text(text).split_whitespace().collect();
        if is_person(f) && !f.actors.is_empty() && words.len() >= 2 {
            if let Some(last) = words.last() {
                let first = *in_document.entry(last).or_insert(Some(i));
                if first.is_some_and(|j| found[j].actors != f.actors) {
                    in_document.insert(last, None);
                }
            }
        }
    }
    // People the document names in full whom no dictionary knows ("Scott Sullivan"): "Mr
    // Sullivan" is that person, not an office holder of that name (unless the two first names
    // start alike, as "Jim" and "James" Callaghan do). Surname -> the initials of those first
    // names.
    let mut unknown_in_full: std::collections::HashMap<&str, std::collections::HashSet<char>> =
        std::collections::HashMap::new();
    for f in found.iter() {
        if f.kind != MentionKind::Unknown || !f.actors.is_empty() || f.entity != Some(EntityType::PER) {
            continue;
        }
        let words: Vec<&str> = f.name.unwrap_or(f.span).text(text).split_whitespace().collect();
        if let [first, .., last] = words.as_slice() {
            if let (false, Some(initial)) = (TITLES.contains(first), first.chars().next()) {
                unknown_in_full.entry(last).or_default().insert(initial);
            }
        }
    }
    let someone_else = |surname: &str, holder: &str| {
        unknown_in_full
            .get(surname)
            .is_some_and(|initials| holder.chars().next().is_none_or(|h| !initials.contains(&h)))
    };
    // Surname -> the latest full mention of a known person with it.
    let mut by_surname: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for i in 0..found.len() {
        let f = &found[i];
        let name = f.name.unwrap_or(f.span).text(text);
        let words: Vec<&str> = name.split_whitespace().collect();
        if is_person(f) && !f.actors.is_empty() && words.len() >= 2 {
            if let Some(last) = words.last() {
                by_surname.insert(last, i);
            }
            continue;
        }
        if f.kind != MentionKind::Unknown
            || !f.actors.is_empty()
            || f.entity.is_some_and(|e| e != EntityType::PER)
        {
            continue;
        }
        let after_title = || {
            let before = text[..f.name.unwrap_or(f.span).start as usize].trim_end();
            TITLES.iter().any(|t| {
                before.strip_suffix(t).is_some_and(|rest| rest.is_empty() || rest.ends_with([' ', '\n', '"']))
            })
        };
        let (surname, titled) = match words.as_slice() {
            [one] => (*one, after_title()),
            [title, one] if TITLES.contains(title) => (*one, true),
            _ => continue,
        };
        // Named in full before: that person, the antecedent. Named in full only later: the
        // person's actors, but no antecedent (antecedents come first).
        let before = by_surname.get(surname).copied();
        let Some(j) = before.or_else(|| in_document.get(surname).copied().flatten()) else {
            // Never named in full: "Mr Blair" in a 2005 story is the one Blair in office then.
            // In an era inferred from the text, someone of an earlier or later era ("Lord
            // Callaghan" in a story of 2005) is still the one who ever held an office.
            let holder = titled
                .then(|| office_holder(dict, surname, date, &states))
                .flatten()
                .or_else(|| (titled && era).then(|| office_holder(dict, surname, None, &states)).flatten());
            if let Some(p) = holder.filter(|&p| !someone_else(surname, &dict.people[p as usize].name)) {
                let person = &dict.people[p as usize];
                found[i].actors = vec![actor(&person.code_for(date, era), Some(&person.name))];
                found[i].entity = Some(EntityType::PER);
                found[i].kind = MentionKind::Name;
                found[i].rule = format!("surname:{surname}:{}", person.name);
            }
            continue;
        };
        found[i].actors = found[j].actors.clone();
        found[i].entity = Some(EntityType::PER);
        found[i].kind = MentionKind::Name;
        found[i].rule = format!("surname:{surname}");
        antecedent[i] = before.map(|j| j as u32);
    }
}

/// The person of the dictionary with `surname` holding an office of a state the document names
/// (`states`, most named first) on `date`, if exactly one does, else exactly one of the most
/// named state; for undated text, the one who ever held an office of the most named state.
/// Phoenix's "elite" spans (ELI: decades of public life) are no office.
fn office_holder(
    dict: &Dictionary,
    surname: &str,
    date: Option<chrono::NaiveDate>,
    states: &[&str],
) -> Option<u32> {
    let home = *states.first()?;
    let holds = |t: &crate::dict::Term| !t.code.ends_with("ELI") && date.is_none_or(|d| t.covers(d));
    let holders_in = |countries: &[&str]| -> Vec<u32> {
        dict.office_holders_by_surname
            .get(surname)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&p| {
                dict.people[p as usize]
                    .terms
                    .iter()
                    .any(|t| holds(t) && countries.iter().any(|c| t.code.starts_with(c)))
            })
            .collect()
    };
    let only = |v: Vec<u32>| (v.len() == 1).then(|| v[0]);
    date.and_then(|_| only(holders_in(states))).or_else(|| only(holders_in(&[home])))
}

fn locate(spans: &[Span], at: u32) -> Option<usize> {
    let i = spans.partition_point(|s| s.end <= at);
    (i < spans.len() && spans[i].start <= at).then_some(i)
}

fn is_person(f: &ActorMatch) -> bool {
    f.entity == Some(EntityType::PER)
}

/// A country-level actor: a country, its government or an organisation, not a person.
/// Whether an actor's first three letters name a state, not an international organisation,
/// an NGO, a company or an armed group without a country (IGOUNO, NGOHRI, MNCUSA, IMGMUSALQ):
/// only states are "the country", "the government" or one of "both sides".
pub(crate) fn is_state(country: &str) -> bool {
    !matches!(country, "IGO" | "NGO" | "MNC" | "IMG" | "UIS" | "NGM")
}

fn is_collective(f: &ActorMatch) -> bool {
    !is_person(f) && !f.actors.is_empty()
}

/// The date codes are chosen for.
#[derive(Debug, Clone, Copy)]
pub struct When {
    /// The document's date, or the era inferred from its text.
    pub date: Option<chrono::NaiveDate>,
    /// Whether `date` is an era inferred from undated text, not the document's own.
    pub era: bool,
}

/// Resolve pronouns and nominals in `found` (text order); returns each mention's antecedent.
pub fn resolve(
    text: &str,
    dict: &Dictionary,
    found: &mut [ActorMatch],
    sentences: &[Span],
    tokens: &[Token],
    quotes: &[Span],
    when: When,
) -> Vec<Option<u32>> {
    let When { date, era } = when;
    let locations: Vec<Location> = found
        .iter()
        .enumerate()
        .map(|(k, f)| {
            let sentence = locate(sentences, f.span.start);
            let located_in = found.get(k + 1).and_then(|n| {
                let between = text.get(f.span.end as usize..n.span.start as usize)?;
                let state = is_collective(n) && n.actors.len() == 1 && is_state(&n.actors[0].country);
                (state && matches!(between, " in " | " in the ")).then_some(k + 1)
            });
            let before = sentence.map(|k| text[sentences[k].start as usize..f.span.start as usize].trim());
            Location {
                sentence: sentence.unwrap_or(usize::MAX),
                quote: locate(quotes, f.span.start),
                opens_sentence: matches!(before, Some("" | "The" | "the")),
                joined_to_previous: k.checked_sub(1).is_some_and(|p| {
                    let (end, start) = (found[p].span.end as usize, f.span.start as usize);
                    end <= start
                        && matches!(text[end..start].trim(), "and" | "," | ", and" | "and the" | ", and the")
                }),
                clause_subject: clause_subject(text, found, tokens, k),
                possessor_subject: possessor_subject(text, found, tokens, k),
                gender: gender_of(text, f),
                located_in,
            }
        })
        .collect();
    let mut antecedent: Vec<Option<u32>> = vec![None; found.len()];
    resolve_surnames(text, dict, date, era, found, &mut antecedent);
    let mut last_speaker: Option<usize> = None;
    // The person subject of the last sentence without a speech verb, if later than the speaker.
    let mut last_subject: Option<usize> = None;
    let mut last_statement: Option<usize> = None;
    let mut seen = Seen { home: home_state(found), ..Seen::default() };
    let mut i = 0;
    while i < found.len() {
        let sentence = locations[i].sentence;
        let first_in_sentence = i;
        while i < found.len() && locations[i].sentence == sentence {
            let resolved =
                resolve_one(dict, found, &locations, &seen, i, (last_speaker, last_subject), last_statement);
            if let Some((ante, actors)) = resolved.and_then(|r| not_own_subject(found, &locations, i, r)) {
                antecedent[i] = Some(ante as u32);
                // An antecedent of unknown country ("Prime Minister Andrej Babis", `---GOV`) is
                // still the one meant, but a pronoun standing for it is too weak a mention to
                // carry a guessed actor into events: it stays unresolved.
                if !actors.iter().all(|a| a.country == dyad_core::UNRESOLVED_ACTOR_CODE) {
                    found[i].actors = actors;
                }
                if found[i].entity.is_none() {
                    // "they" for people is a group of them, never one person ("he" must not
                    // take it for its antecedent).
                    let plural = matches!(found[i].pending,
                        Pending::Nominal(n) if dict.nominals[n as usize].kind == NominalKind::Plural);
                    found[i].entity = found[ante]
                        .entity
                        .filter(|e| *e != EntityType::MISC && !(plural && *e == EntityType::PER))
                        .or(Some(EntityType::ORG));
                }
            }
            // A role no state before it gives a country to ("the police", "rebels") is
            // still that kind of actor, of unknown country (`---COP`, as PETRARCH writes it).
            if let Pending::Role { code } = &found[i].pending {
                if found[i].actors.is_empty() && !code.is_empty() {
                    found[i].actors =
                        vec![actor(&format!("{}{code}", dyad_core::UNRESOLVED_ACTOR_CODE), None)];
                }
            }
            if let Pending::Nominal(n) = found[i].pending {
                if dict.nominals[n as usize].kind == NominalKind::Statement && !found[i].actors.is_empty() {
                    last_statement = Some(i);
                }
            }
            if let Some(j) = named_holder(text, found, i) {
                antecedent[i] = Some(j as u32);
                found[i].actors = found[j].actors.clone();
            }
            seen.add(dict, found, &locations, i);
            i += 1;
        }
        if sentence == usize::MAX {
            continue;
        }
        if let Some(s) =
            speaker(text, found, &locations, first_in_sentence..i, sentences[sentence], tokens, quotes)
        {
            last_speaker = Some(s);
            last_subject = None;
        } else if let Some(s) =
            person_subject(text, found, &locations, first_in_sentence..i, sentences[sentence], tokens)
        {
            last_subject = Some(s);
        }
    }
    antecedent
}

/// The state most of the document's named actors belong to, where it has at least three
/// mentions and twice as many as any other state: a story of Blair, Brown and Howard is
/// British, and its bare "the government" is Britain's.
fn home_state(found: &[ActorMatch]) -> Option<String> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for f in found.iter().filter(|f| matches!(f.pending, Pending::None)) {
        if let Some(a) = f.actors.first().filter(|a| is_state(&a.country)) {
            *counts.entry(a.country.as_str()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let (top, n) = *ranked.first()?;
    let second = ranked.get(1).map_or(0, |r| r.1);
    (n >= 3 && n >= 2 * second).then(|| top.to_string())
}

/// "the Tory leader" after "Tory leader Michael Howard": an organisation's person named by
/// role alone is the person named earlier with that role, not the organisation.
fn named_holder(text: &str, found: &[ActorMatch], i: usize) -> Option<usize> {
    let f = &found[i];
    if !f.rule.starts_with("org+role:") || !is_person(f) {
        return None;
    }
    let role = text[f.span.start as usize..f.span.end as usize]
        .trim_start_matches("the ")
        .trim_start_matches("The ");
    (0..i).rev().find(|&j| {
        let g = &found[j];
        // "Tory leader Michael Howard" may be two mentions, the party's and the person's.
        let start = match j.checked_sub(1).map(|p| &found[p]) {
            Some(p) if text.get(p.span.end as usize..g.span.start as usize) == Some(" ") => p.span.start,
            _ => g.span.start,
        };
        is_person(g)
            && !g.actors.is_empty()
            && g.name.is_some()
            && text[start as usize..g.span.end as usize].contains(role)
    })
}

/// An object pronoun's antecedent is never the subject of its own clause (a reader takes
/// "Kiir pardoned him" for someone else, who would otherwise be "himself"): such an answer
/// gives way to the person named before it in the sentence, and where that person is one no
/// dictionary knows ("Peter Ajak was freed after Kiir pardoned him"), to no actor.
fn not_own_subject(
    found: &[ActorMatch],
    locations: &[Location],
    i: usize,
    (ante, actors): (usize, Vec<Actor>),
) -> Option<(usize, Vec<Actor>)> {
    let Some(subject) = locations[i].clause_subject else { return Some((ante, actors)) };
    let same = |a: &[Actor]| {
        !a.is_empty() && a.iter().all(|x| found[subject].actors.iter().any(|y| y.code == x.code))
    };
    if ante != subject && !same(&actors) {
        return Some((ante, actors));
    }
    let other =
        (0..subject).rev().take_while(|&j| locations[j].sentence == locations[i].sentence).find(|&j| {
            is_person(&found[j]) && locations[j].quote == locations[i].quote && !same(&found[j].actors)
        })?;
    (!found[other].actors.is_empty()).then(|| (other, found[other].actors.clone()))
}

/// For an object pronoun ("him", "her", "them"), the mention right before its verb when only
/// that verb group stands between them ("Kiir pardoned him", "Kiir has since pardoned him",
/// "Kiir wanted to pardon him"): the subject of the pronoun's own clause. Needs tags.
fn clause_subject(text: &str, found: &[ActorMatch], tokens: &[Token], k: usize) -> Option<usize> {
    let words = &text[found[k].span.start as usize..found[k].span.end as usize];
    if !matches!(words, "him" | "her" | "them") {
        return None;
    }
    mention_before_verb_group(text, found, tokens, k, "PRP", false)
}

/// For a possessive "their", the mention right before its verb when only that verb group (and
/// the quotation mark a quotation opens with) stands between them ("police had \"acknowledged
/// their duty", "the rebels have laid down their arms"): the subject of the pronoun's clause.
/// Needs tags.
fn possessor_subject(text: &str, found: &[ActorMatch], tokens: &[Token], k: usize) -> Option<usize> {
    if !text[found[k].span.start as usize..found[k].span.end as usize].eq_ignore_ascii_case("their") {
        return None;
    }
    mention_before_verb_group(text, found, tokens, k, "PRP$", true)
}

/// The first mention of the sentence right before that of mention `i`, if that sentence has
/// one. Walks back from `i` over two sentences' mentions at most, so that resolution stays
/// linear in the number of mentions.
fn opener_of_sentence_before(locations: &[Location], i: usize) -> Option<usize> {
    let here = locations[i].sentence;
    if here == usize::MAX || here == 0 {
        return None;
    }
    let last = (0..i).rev().find(|&j| locations[j].sentence != usize::MAX && locations[j].sentence < here)?;
    if locations[last].sentence != here - 1 {
        return None;
    }
    (0..=last).rev().take_while(|&j| locations[j].sentence == here - 1).last()
}

/// For the pronoun mention `k` (a nominal to resolve, tagged `tag`), the mention right before
/// it when only a verb group (verbs, auxiliaries, adverbs, particles; with `quote_mark`, also a
/// quotation mark) with a verb in it stands between them.
fn mention_before_verb_group(
    text: &str,
    found: &[ActorMatch],
    tokens: &[Token],
    k: usize,
    tag: &str,
    quote_mark: bool,
) -> Option<usize> {
    let f = &found[k];
    if !matches!(f.pending, Pending::Nominal(_)) {
        return None;
    }
    let at = tokens.partition_point(|t| t.span.start < f.span.start);
    if tokens.get(at).is_none_or(|t| t.xpos != tag) {
        return None;
    }
    let p = k.checked_sub(1)?;
    let from = tokens.partition_point(|t| t.span.start < found[p].span.end);
    let between = tokens.get(from..at)?;
    let verb_group = between.iter().all(|t| {
        matches!(t.upos, Upos::VERB | Upos::AUX | Upos::ADV | Upos::PART)
            || (quote_mark && matches!(&text[t.span.start as usize..t.span.end as usize], "\"" | "“" | "'"))
    });
    (verb_group && between.iter().any(|t| t.upos == Upos::VERB)).then_some(p)
}

/// The subject of the sentence's reporting clause: the mention outside quotes between the last
/// comma or quotation mark and the first speech verb, or right after the verb ("…, the Tory
/// leader said"; "…, said Mr Howard"), else the first before the verb, past an opening clause
/// ("According to …,", "Speaking after …,"). A person no dictionary knows counts.
fn speaker(
    text: &str,
    found: &[ActorMatch],
    locations: &[Location],
    range: std::ops::Range<usize>,
    sentence: Span,
    tokens: &[Token],
    quotes: &[Span],
) -> Option<usize> {
    let s = sentence.start as usize;
    let body = &text[s..sentence.end as usize];
    let mut verb_at = None;
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_lowercase() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        let whole = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        if whole
            && dyad_core::lexicon::reporting_verbs().names_speaker(&body[start..i])
            && locate(quotes, (s + start) as u32).is_none()
        {
            verb_at = Some(s + start);
            break;
        }
    }
    let verb_at = verb_at?;
    // An opening clause ("According to …,", "Speaking after Mr Brown had spoken,", "In a
    // letter to Mr Blair,") names someone other than the speaker.
    let first = tokens.get(tokens.partition_point(|t| t.span.start < sentence.start));
    let opens_clause = body.starts_with("According to")
        || first.is_some_and(|t| {
            t.span.end <= sentence.end
                && (matches!(t.upos, Upos::ADP | Upos::SCONJ) || matches!(t.xpos.as_str(), "VBG" | "VBN"))
        });
    let skip_until = match body.find(',') {
        Some(c) if opens_clause && s + c < verb_at => s + c,
        _ => s,
    };
    // A person no dictionary knows ("Lord Rennard said") is still the speaker: "he" after
    // it is that person, whom no actor code stands for.
    let can_speak = |m: usize| {
        let f = &found[m];
        locations[m].quote.is_none() && (!f.actors.is_empty() || is_unknown_person(f))
    };
    // Speech reported before its speaker ("Mr Brown's Budget was a con, the Tory leader said";
    // "…, said Mr Howard"): the speaker stands between the last comma or quotation mark
    // before the verb and the verb, or right after the verb.
    let clause_start = body[..verb_at - s].rfind([',', '"', '\u{201d}']).map(|c| s + c);
    if let Some(c) = clause_start.filter(|&c| c > skip_until) {
        let between = range.clone().find(|&m| {
            let at = found[m].span.start as usize;
            at > c && at < verb_at && can_speak(m)
        });
        let after = || {
            let verb_end = verb_at + body[verb_at - s..].find(|ch: char| !ch.is_alphabetic()).unwrap_or(0);
            range.clone().find(|&m| {
                let at = found[m].span.start as usize;
                at > verb_at && text[verb_end..at].trim().is_empty() && can_speak(m)
            })
        };
        if let Some(m) = between.or_else(after) {
            return Some(m);
        }
    }
    let before_verb = |m: usize| {
        let at = found[m].span.start as usize;
        at >= skip_until && at < verb_at && can_speak(m)
    };
    let first = range.clone().find(|&m| before_verb(m))?;
    // "BBC correspondent Sarah Mukherjee said", "Labour's John Prescott said": the body names
    // the person who speaks; "she" after it is that person, not one of the body's.
    let person_named = range.clone().find(|&m| m > first && before_verb(m)).filter(|&m| {
        let between = &text[found[first].span.end as usize..found[m].span.start as usize];
        let words: Vec<&str> = between.split_whitespace().collect();
        is_person(&found[m])
            && !is_person(&found[first])
            && words.len() <= 3
            && words.iter().all(|&w| {
                matches!(w, "'s" | "\u{2019}s")
                    || (w.chars().all(char::is_alphabetic) && !matches!(w, "and" | "or"))
            })
    });
    Some(person_named.unwrap_or(first))
}

/// A name taken for a person's that no dictionary resolved.
fn is_unknown_person(f: &ActorMatch) -> bool {
    is_person(f) && f.actors.is_empty() && f.kind == dyad_core::MentionKind::Unknown
}

/// The subject of a sentence without a speech verb, where it is a person: the first person
/// mentioned outside quotes (known or not: "he" after it is that person), with no verb before
/// it in the sentence ("Speaking after Mr Brown had …, Mr Kennedy …" has none), not a
/// possessor ("Gordon Brown's Budget"), and followed by a finite verb. Needs the tagger's
/// tokens; without them, none.
fn person_subject(
    text: &str,
    found: &[ActorMatch],
    locations: &[Location],
    range: std::ops::Range<usize>,
    sentence: Span,
    tokens: &[Token],
) -> Option<usize> {
    let m = range.into_iter().find(|&m| locations[m].quote.is_none() && is_person(&found[m]))?;
    let f = &found[m];
    let rest = &text[f.span.end as usize..];
    if (f.actors.is_empty() && !is_unknown_person(f))
        || rest.starts_with("'s")
        || rest.starts_with("\u{2019}s")
    {
        return None;
    }
    let is_verb = |t: &&Token| matches!(t.upos, Upos::VERB | Upos::AUX);
    let start = tokens.partition_point(|t| t.span.start < sentence.start);
    let at = tokens.partition_point(|t| t.span.start < f.span.start);
    let after = tokens.partition_point(|t| t.span.start < f.span.end);
    if tokens.get(start..at)?.iter().any(|t| is_verb(&t)) {
        return None;
    }
    let verb = tokens.get(after..)?.iter().take_while(|t| t.span.end <= sentence.end).find(is_verb)?;
    matches!(verb.xpos.as_str(), "VBD" | "VBZ" | "VBP" | "MD").then_some(m)
}

fn resolve_one(
    dict: &Dictionary,
    found: &[ActorMatch],
    locations: &[Location],
    seen: &Seen,
    i: usize,
    (last_speaker, last_subject): (Option<usize>, Option<usize>),
    last_statement: Option<usize>,
) -> Option<(usize, Vec<Actor>)> {
    let copy = |j: usize| Some((j, found[j].actors.clone()));
    let here = &locations[i];
    let same_sentence_before = || (0..i).rev().take_while(|&j| locations[j].sentence == here.sentence);
    let recent = |j: usize| {
        here.sentence != usize::MAX
            && locations[j].sentence != usize::MAX
            && locations[j].sentence + 3 >= here.sentence
    };
    match &found[i].pending {
        Pending::None => None,
        Pending::Role { code } => {
            // The last state named before it in its sentence, else where the text says the body
            // is ("a suicide bomber in Mogadishu"), else the last state named shortly before.
            let state = |j: &usize| {
                is_collective(&found[*j])
                    && found[*j].actors.len() == 1
                    && is_state(&found[*j].actors[0].country)
            };
            // An office one person holds ("the prime minister") is first that of the last
            // person holding that kind of office named in the sentences shortly before ("Mr
            // Blair warned … The prime minister also urged Europe and the US"), not whichever
            // state came last. (One named in its own sentence holds another office: "Iceland's
            // president refused a request from the prime minister".)
            let holder = || {
                is_person(&found[i])
                    .then(|| {
                        (0..i).rev().take_while(|&j| recent(j)).find(|&j| {
                            locations[j].sentence < here.sentence
                                && is_person(&found[j])
                                && found[j].actors.len() == 1
                                && is_state(&found[j].actors[0].country)
                                && found[j].actors[0].country != dyad_core::UNRESOLVED_ACTOR_CODE
                                && found[j].actors[0].code.get(3..) == Some(code.as_str())
                        })
                    })
                    .flatten()
            };
            // Failing those, the document's own state, if it named that state before.
            let j = holder()
                .or_else(|| same_sentence_before().find(state))
                .or(here.located_in)
                .or_else(|| (0..i).rev().take_while(|&j| recent(j)).find(state));
            let (j, country) = match j {
                Some(j) => (j, found[j].actors[0].country.clone()),
                None => {
                    let home = seen.home.as_ref()?;
                    (*seen.by_country.get(home)?, home.clone())
                }
            };
            Some((j, vec![actor(&format!("{country}{code}"), None)]))
        }
        Pending::Nominal(n) => {
            let nom = &dict.nominals[*n as usize];
            match nom.kind {
                NominalKind::Person => {
                    // Never a person the text gives the other sex ("I have also asked him"
                    // after Ms Sturgeon spoke).
                    let agrees = |j: usize| match (here.gender, locations[j].gender) {
                        (Some(a), Some(b)) => a == b,
                        _ => true,
                    };
                    // The nearest person of the sentence, known, or unknown and opening it:
                    // "Ferguson … whom he met" is Ferguson, whom no actor code stands for ("with
                    // Maria Hutchings marching up to him" is not her).
                    if let Some(j) = same_sentence_before().find(|&j| {
                        is_person(&found[j])
                            && (!found[j].actors.is_empty()
                                || (is_unknown_person(&found[j])
                                    && locations[j].opens_sentence
                                    && Some(j) != here.clause_subject))
                            && locations[j].quote == here.quote
                            && agrees(j)
                    }) {
                        return (!found[j].actors.is_empty()).then(|| (j, found[j].actors.clone()));
                    }
                    if here.quote.is_none() {
                        if let Some(s) = last_subject.filter(|&s| agrees(s)) {
                            return copy(s);
                        }
                        if let Some(s) = last_speaker.filter(|&s| agrees(s)) {
                            if is_person(&found[s]) {
                                return copy(s);
                            }
                            if let Some(c) = found[s].actors.first().map(|a| a.country.clone()) {
                                if let Some(j) = seen.salient_person_of(&c).filter(|&j| agrees(j)) {
                                    return copy(j);
                                }
                            }
                        }
                    }
                    // Outside quotations the narrative's last person; inside one the last
                    // person anyone named, the quotation's own included ("I have written to the
                    // first minister … I have also asked him").
                    let order = match here.quote {
                        None => [seen.person_unquoted, seen.person],
                        Some(_) => [seen.person, seen.person_unquoted],
                    };
                    copy(order.into_iter().flatten().find(|&j| agrees(j))?)
                }
                NominalKind::Plural => {
                    // "police had acknowledged their duty": the subject of its own clause, with
                    // those coordinated with it ("Germany, Norway and Denmark have provided their
                    // donations").
                    if let Some(j) = here.possessor_subject.filter(|&j| is_collective(&found[j])) {
                        let mut from = j;
                        while from > 0
                            && locations[from].joined_to_previous
                            && is_collective(&found[from - 1])
                        {
                            from -= 1;
                        }
                        let actors = found[from..=j].iter().flat_map(|f| f.actors.iter().cloned()).collect();
                        return Some((from, actors));
                    }
                    // A collective subject earlier in the sentence binds the pronoun ("Iraqi
                    // forces have begun their assault"), with the actors named beside it
                    // ("Russia and China said they …").
                    if let Some(j) = same_sentence_before().last().filter(|&j| {
                        locations[j].opens_sentence
                            && locations[j].quote == here.quote
                            && is_collective(&found[j])
                    }) {
                        let mut actors = found[j].actors.clone();
                        let mut k = j + 1;
                        while k < i && locations[k].joined_to_previous {
                            actors.extend(found[k].actors.iter().cloned());
                            k += 1;
                        }
                        return Some((j, actors));
                    }
                    // "The tobacco companies deny … the public. They also say …": a plural that
                    // opens its sentence continues the subject that opened the one before.
                    if here.opens_sentence {
                        if let Some(j) = opener_of_sentence_before(locations, i) {
                            if locations[j].opens_sentence
                                && is_collective(&found[j])
                                && !found[j].actors.is_empty()
                                && locations[j].quote == here.quote
                            {
                                let mut actors = found[j].actors.clone();
                                let mut k = j + 1;
                                while locations.get(k).is_some_and(|l| l.joined_to_previous) {
                                    actors.extend(found[k].actors.iter().cloned());
                                    k += 1;
                                }
                                return Some((j, actors));
                            }
                        }
                    }
                    // The people, else the countries, just mentioned (this sentence, then the last).
                    let window: Vec<usize> = (0..i)
                        .rev()
                        .take_while(|&j| {
                            locations[j].sentence != usize::MAX && locations[j].sentence + 1 >= here.sentence
                        })
                        .filter(|&j| {
                            locations[j].quote == here.quote || locations[j].sentence != here.sentence
                        })
                        .filter(|&j| !found[j].actors.is_empty())
                        .collect();
                    // Else the body just mentioned, with those coordinated with it ("the League
                    // and the RSPCA … they"): one group, not every group in sight; the one that
                    // opened its sentence (its subject) before a later one.
                    let collective = |j: usize| {
                        !is_person(&found[j]) && !found[j].actors.iter().any(|a| a.country == "IGO")
                    };
                    if !window.iter().any(|&j| is_person(&found[j]))
                        || window.first().is_some_and(|&j| collective(j))
                    {
                        // The subject that opened its sentence first, else the latest.
                        let subject = window.iter().find(|&&j| collective(j) && locations[j].opens_sentence);
                        if let Some(&last) = subject.or_else(|| window.iter().find(|&&j| collective(j))) {
                            let mut from = last;
                            while from > 0 && locations[from].joined_to_previous && collective(from - 1) {
                                from -= 1;
                            }
                            let mut actors: Vec<Actor> = Vec::new();
                            for f in &found[from..=last] {
                                for a in &f.actors {
                                    if !actors.iter().any(|b| b.code == a.code && b.name == a.name) {
                                        actors.push(a.clone());
                                    }
                                }
                            }
                            if !actors.is_empty() {
                                return Some((from, actors));
                            }
                        }
                    }
                    for want_person in [true, false] {
                        let mut actors: Vec<Actor> = Vec::new();
                        let mut first = None;
                        for &j in window.iter().rev() {
                            if is_person(&found[j]) != want_person
                                || found[j].actors.iter().any(|a| a.country == "IGO") && !want_person
                            {
                                continue;
                            }
                            for a in &found[j].actors {
                                if !actors.iter().any(|b| b.code == a.code && b.name == a.name) {
                                    actors.push(a.clone());
                                    first.get_or_insert(j);
                                }
                            }
                        }
                        // One body of people ("the Tories … their demands") is a "they"; one person is not.
                        if actors.len() >= 2 || (!want_person && !actors.is_empty()) {
                            return Some((first?, actors));
                        }
                    }
                    copy(seen.several?)
                }
                NominalKind::Thing => {
                    if let Some(j) = same_sentence_before()
                        .find(|&j| is_collective(&found[j]) && locations[j].quote == here.quote)
                    {
                        return copy(j);
                    }
                    // "In 1989 the Court of Appeal quashed …, and in 1991 it overturned …": a body
                    // no dictionary knows, named first in the sentence, is what "it" stands for,
                    // no actor.
                    let unknown_body = same_sentence_before().any(|j| {
                        (j == 0 || locations[j - 1].sentence != here.sentence)
                            && !is_person(&found[j])
                            && found[j].actors.is_empty()
                            && found[j].kind == dyad_core::MentionKind::Unknown
                    });
                    if unknown_body {
                        return None;
                    }
                    // "Yukos is suing four companies - Gazprom, Rosneft … It has also threatened
                    // to sue the Russian government": an "it" that opens its sentence continues
                    // the body that opened the one before, known or not, over the last named.
                    if here.opens_sentence {
                        if let Some(j) = opener_of_sentence_before(locations, i)
                            .filter(|&j| locations[j].opens_sentence && !is_person(&found[j]))
                        {
                            if is_collective(&found[j]) {
                                return copy(j);
                            }
                            if found[j].actors.is_empty() && found[j].kind == dyad_core::MentionKind::Unknown
                            {
                                return None;
                            }
                        }
                    }
                    copy(seen.collective?)
                }
                NominalKind::Pair => {
                    // "Israel and Hamas fought … Both sides agreed": the sides are the two bodies
                    // last named together, whatever they are (an armed group, an alliance, the
                    // EU), before any two states named apart ("met in Brussels").
                    let sides = nom.form.ends_with("sides");
                    let named_together = (1..i).rev().take_while(|&k| recent(k)).find(|&k| {
                        locations[k].joined_to_previous
                            && locations[k].sentence == locations[k - 1].sentence
                            && is_collective(&found[k])
                            && is_collective(&found[k - 1])
                    });
                    match named_together.filter(|_| sides) {
                        Some(k) => {
                            let actors: Vec<Actor> =
                                found[k - 1].actors.iter().chain(&found[k].actors).cloned().collect();
                            Some((k, actors))
                        }
                        None => seen.last_two_states(),
                    }
                }
                NominalKind::Group => copy(seen.group?),
                NominalKind::Country => {
                    let j = seen.state?;
                    let c = found[j].actors[0].country.clone();
                    Some((j, vec![actor(&format!("{c}{}", nom.code), None)]))
                }
                NominalKind::Statement => {
                    if let Some(j) = last_statement {
                        return copy(j);
                    }
                    let j = last_speaker.filter(|&s| !is_person(&found[s])).or(seen.collective)?;
                    copy(j)
                }
                NominalKind::Context => {
                    let j = nom.context.iter().filter_map(|c| seen.by_country.get(c).copied()).max()?;
                    Some((j, vec![actor(&nom.code, None)]))
                }
                NominalKind::Allies => None,
            }
        }
    }
}

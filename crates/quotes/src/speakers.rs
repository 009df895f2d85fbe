//! Who a speaker phrase stands for: pronouns to the last speaker or subject, "the president" to
//! the nearest person with that title, a surname to the full name, an acronym to the name it
//! abbreviates, a document to its issuer, and joint speakers split into their parts.
//!
//! This works on raw text alone; the actors layer, when present, is used afterwards to link
//! the result to a mention (see `lib.rs`).

use crate::lexicon::{Lexicon, TitleRole};
use crate::speech::SpeechScan;
use crate::words::{self, Word};
use dyad_core::Span;

/// What kind of thing speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerKind {
    /// One person: named, titled ("the minister"), or a pronoun resolved to one.
    Person,
    /// A state, ministry, agency or other body.
    Organisation,
    /// A statement, bulletin or transcript; its `names` are the issuer's when known.
    Document,
    /// Several speakers at once ("Russia and China said").
    Joint,
    /// A pronoun or description that could not be resolved.
    Unresolved,
}

/// A name a speaker resolves to: where it is written, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// Where the name is written in the document (for a pronoun, the antecedent's place).
    pub span: Span,
    /// The name as written, without a leading article or possessive; or the canonical name
    /// of an agency written as an acronym.
    pub text: String,
}

/// A resolved speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The speaker as written ("He", "the minister", "Russia and China"); `None` for a
    /// quotation without a cue that continues the last speaker.
    pub written: Option<Span>,
    /// Who it stands for, one name per joint speaker; the issuer of a document.
    pub names: Vec<Name>,
    /// What kind of thing speaks, which decides how `names` are read (a document's issuer,
    /// joint parts).
    pub kind: SpeakerKind,
}

/// A person written with a title ("Foreign Minister Zhao Lin", "the minister, Avi Katzir,").
#[derive(Debug, Clone)]
struct Person {
    /// Where the title (or name) starts.
    at: usize,
    name: Span,
    /// Title heads, lower case ("president", "minister").
    heads: Vec<String>,
    /// Whether the person is the subject of its sentence (a candidate for "he").
    subject: bool,
}

/// Registries built once per document, then the resolution history.
pub(crate) struct Resolver<'a, 't> {
    scan: &'a SpeechScan<'t>,
    lex: &'t Lexicon,
    persons: Vec<Person>,
    /// Capitalised runs (start, end, initials) for acronyms.
    runs: Vec<(usize, usize, String)>,
    /// Documents with a known issuer: (position, issuer names).
    documents: Vec<(usize, Vec<Name>)>,
    /// Speakers resolved so far, in text order: (position, speaker).
    history: Vec<(usize, Speaker)>,
}

/// How many earlier persons, runs or documents a phrase may reach back to: a window keeps
/// resolution linear on long inputs, and a referent further back is rarely meant.
const LOOK_BACK: usize = 200;

const PRONOUNS_PERSONAL: &[&str] = &["he", "she", "him", "her"];
const PRONOUNS_PLURAL: &[&str] = &["they", "them", "we"];
const ARTICLES: &[&str] = &["the", "a", "an"];
/// Sentence-initial words that are capitalised only by position.
const DETERMINERS_CAPITALISED: &[&str] = &[
    "The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "In", "On", "At",
    "But", "And",
];

fn is_connector(w: &Word) -> bool {
    ["of", "de", "al", "bin", "von", "van", "der", "la", "and"].contains(&w.text)
}

impl<'a, 't> Resolver<'a, 't> {
    pub(crate) fn new(scan: &'a SpeechScan<'t>) -> Resolver<'a, 't> {
        let mut r = Resolver {
            scan,
            lex: scan.lex,
            persons: Vec::new(),
            runs: Vec::new(),
            documents: Vec::new(),
            history: Vec::new(),
        };
        r.scan_names();
        for (at, (s, e)) in scan.issued_documents() {
            let issuer = r.plain_names(s, e);
            r.documents.push((at, issuer));
        }
        r
    }

    fn text(&self) -> &'t str {
        self.scan.text
    }

    fn in_quote(&self, at: usize) -> bool {
        let q = &self.scan.quoted;
        let i = q.partition_point(|q| q.close_end <= at);
        i < q.len() && q[i].open <= at
    }

    /// Persons written before `at`, nearest first, within the look-back window.
    fn persons_before(&self, at: usize) -> impl Iterator<Item = &Person> {
        let n = self.persons.partition_point(|p| p.at < at);
        self.persons[..n].iter().rev().take(LOOK_BACK)
    }

    /// Find titled persons and capitalised runs in every sentence.
    fn scan_names(&mut self) {
        let text = self.text();
        for si in 0..self.scan.sentences.len() {
            let (ss, se) = self.scan.sentences[si];
            let ws = words::words(text, ss, se);
            let main = ws.get(self.scan.main_start(&self.outside(&ws))).map(|w| w.start);
            let mut i = 0;
            while i < ws.len() {
                // A run of title words, then a run of capitalised name words.
                let run_start = i;
                let mut heads = Vec::new();
                let mut j = i;
                while j < ws.len()
                    && self.lex.title(ws[j].text).is_some()
                    && (j == i || !self.gap_breaks(&ws[j - 1], &ws[j]))
                {
                    if self.lex.title(ws[j].text) == Some(TitleRole::Head) {
                        heads.push(ws[j].lower().trim_end_matches('.').to_string());
                    }
                    j += 1;
                }
                // An apposition: "the minister, Avi Katzir,".
                let apposition = j > i
                    && !heads.is_empty()
                    && j < ws.len()
                    && text[ws[j - 1].end..ws[j].start].trim() == ","
                    && run_start > 0
                    && ws[run_start - 1].is("the");
                let name_start = j;
                while j < ws.len()
                    && ws[j].is_capitalised()
                    && self.lex.title(ws[j].text).is_none()
                    && (j == name_start && (apposition || j == i || !self.gap_breaks(&ws[j - 1], &ws[j]))
                        || j > name_start && !self.gap_breaks(&ws[j - 1], &ws[j]))
                {
                    if self.lex.is_organisation_word(ws[j].text) {
                        j = name_start; // an organisation or place, not a person
                        break;
                    }
                    let possessive = ws[j].stem_possessive().len() < ws[j].text.len();
                    j += 1;
                    if possessive {
                        break;
                    }
                }
                if !heads.is_empty() && j > name_start {
                    let last = &ws[j - 1];
                    let name = Span::new(ws[name_start].start, last.start + last.stem_possessive().len());
                    let at = ws[run_start].start;
                    let subject = main == Some(at) && !self.in_quote(at);
                    self.persons.push(Person { at, name, heads, subject });
                }
                i = j.max(i + 1);
            }
            // A plain name opening the sentence ("Ada Vance met the envoy."): a person subject,
            // a candidate for a later "she", unless a title already registered it.
            if let Some(m) = main.and_then(|m| ws.iter().position(|w| w.start == m)) {
                let n = ws[m..].iter().take_while(|w| w.is_capitalised() && !w.is_acronym()).count();
                let plain = (2..=4).contains(&n)
                    && ws.get(m + n).is_some_and(|w| !w.is_capitalised())
                    && ws[m..m + n].iter().all(|w| {
                        self.lex.title(w.text).is_none()
                            && !self.lex.is_organisation_word(w.text)
                            && !DETERMINERS_CAPITALISED.contains(&w.text)
                    })
                    && (m + 1..m + n).all(|k| !self.gap_breaks(&ws[k - 1], &ws[k]));
                let at = ws[m].start;
                if plain && !self.persons.iter().rev().take(4).any(|p| p.at == at) && !self.in_quote(at) {
                    let last = &ws[m + n - 1];
                    let name = Span::new(at, last.start + last.stem_possessive().len());
                    self.persons.push(Person { at, name, heads: Vec::new(), subject: true });
                }
            }
            // Capitalised runs with their initials, for acronyms ("Joint Chiefs of Staff" → JCS).
            let mut k = 0;
            while k < ws.len() {
                if !ws[k].is_capitalised() {
                    k += 1;
                    continue;
                }
                let mut end = k + 1;
                while end < ws.len()
                    && (ws[end].is_capitalised() || (is_connector(&ws[end]) && !ws[end].is("and")))
                    && !self.gap_breaks(&ws[end - 1], &ws[end])
                {
                    end += 1;
                }
                while end > k + 1 && is_connector(&ws[end - 1]) {
                    end -= 1;
                }
                let initials: String = ws[k..end]
                    .iter()
                    .filter(|w| w.is_capitalised())
                    .filter_map(|w| w.text.chars().next())
                    .collect();
                if end - k >= 2 {
                    self.runs.push((ws[k].start, ws[end - 1].end, initials));
                }
                k = end;
            }
        }
    }

    /// Words of `ws` outside quotations (for finding a sentence's main clause).
    fn outside<'w>(&self, ws: &[Word<'w>]) -> Vec<Word<'w>> {
        ws.iter().filter(|w| !self.in_quote(w.start)).copied().collect()
    }

    fn gap_breaks(&self, a: &Word, b: &Word) -> bool {
        words::gap_has(self.text(), a, b, &[',', ';', ':', '(', ')', '“', '”', '"', '.', '—'])
    }

    /// Record a resolved speaker for continuity.
    pub(crate) fn remember(&mut self, at: usize, speaker: &Speaker) {
        if !speaker.names.is_empty() && speaker.kind != SpeakerKind::Unresolved {
            self.history.push((at, speaker.clone()));
        }
    }

    /// The last speaker before `at`, for a quotation without a cue.
    pub(crate) fn last_speaker(&self, at: usize) -> Option<Speaker> {
        self.history
            .iter()
            .rev()
            .take(LOOK_BACK)
            .find(|(p, _)| *p <= at)
            .map(|(_, s)| Speaker { written: None, ..s.clone() })
    }

    /// Resolve the speaker phrase `[s, e)` written at `s`.
    pub(crate) fn resolve(&mut self, s: usize, e: usize) -> Speaker {
        let written = Some(Span::new(s, e));
        let text = self.text();
        let ws = words::words(text, s, e);
        let unresolved = |names: Vec<Name>| Speaker { written, names, kind: SpeakerKind::Unresolved };
        let Some(first) = ws.first() else { return unresolved(Vec::new()) };

        // Pronouns: the most recent speaker or sentence-subject person before them.
        if ws.len() == 1
            && (PRONOUNS_PERSONAL.iter().chain(PRONOUNS_PLURAL).any(|p| first.is(p)) || first.is("it"))
        {
            let plural = PRONOUNS_PLURAL.iter().any(|p| first.is(p));
            let from_history = self
                .history
                .iter()
                .rev()
                .take(LOOK_BACK)
                .find(|(p, _)| *p < s)
                .map(|(p, sp)| (*p, sp.clone()));
            let from_subject = if plural || first.is("it") {
                None
            } else {
                self.persons_before(s).find(|p| p.subject).map(|p| (p.at, self.person_speaker(p)))
            };
            let best = match (from_history, from_subject) {
                (Some(h), Some(p)) => Some(if p.0 > h.0 { p.1 } else { h.1 }),
                (Some(h), None) => Some(h.1),
                (None, Some(p)) => Some(p.1),
                (None, None) => None,
            };
            return match best {
                Some(sp) => Speaker { written, ..sp },
                None => unresolved(vec![self.name(s, e)]),
            };
        }

        // Joint speakers: "Russia and China", "the Tass News Agency and the Korean Central News Agency".
        if let Some(parts) = self.joint_parts(&ws) {
            let mut names = Vec::new();
            for (ps, pe) in parts {
                names.extend(self.resolve(ps, pe).names);
            }
            return Speaker { written, names, kind: SpeakerKind::Joint };
        }

        let lower: Vec<String> = ws.iter().map(|w| w.lower()).collect();
        // Documents speak for their issuer.
        let doc_at = ws.iter().position(|w| self.lex.is_document_noun(w.text));
        if let Some(d) = doc_at {
            let by = lower[d + 1..].iter().position(|w| w == "by" || w == "from").map(|b| b + d + 1);
            if self.lex.ends_with_document_noun(&lower) || by.is_some() {
                let issuer = if let Some(b) = by {
                    ws.get(b + 1).map(|n| self.plain_names(n.start, e)).unwrap_or_default()
                } else if d > 0 && ws[d - 1].stem_possessive().len() < ws[d - 1].text.len() {
                    let from =
                        ws[..d].iter().rposition(|w| ARTICLES.iter().any(|a| w.is(a))).map_or(0, |i| i + 1);
                    self.plain_names(ws[from].start, ws[d - 1].start + ws[d - 1].stem_possessive().len())
                } else {
                    self.documents
                        .iter()
                        .rev()
                        .find(|(p, _)| *p < s)
                        .map(|(_, n)| n.clone())
                        .unwrap_or_default()
                };
                if !issuer.is_empty() {
                    self.documents.push((s, issuer.clone()));
                }
                let names = if issuer.is_empty() { vec![self.name(s, e)] } else { issuer };
                return Speaker { written, names, kind: SpeakerKind::Document };
            }
        }

        // A title alone: "the minister", "the president".
        let content: Vec<&Word> = ws.iter().filter(|w| !ARTICLES.iter().any(|a| w.is(a))).collect();
        let head = content.last().map(|w| w.lower()).filter(|h| self.lex.title(h) == Some(TitleRole::Head));
        if let Some(head) = head {
            if content.iter().all(|w| !w.is_capitalised() || self.lex.title(w.text).is_some()) {
                let earlier = self.persons_before(s).find(|p| p.heads.contains(&head));
                let paragraph_end = text[e..].find("\n\n").map_or(text.len(), |p| e + p);
                let later = || {
                    let from = self.persons.partition_point(|p| p.at <= e);
                    self.persons[from..]
                        .iter()
                        .take_while(|p| p.at < paragraph_end)
                        .take(LOOK_BACK)
                        .find(|p| p.heads.contains(&head))
                };
                if let Some(p) = earlier.or_else(later) {
                    return self.person_speaker(p).with_written(written);
                }
                return unresolved(vec![self.name(s, e)]);
            }
        }

        // A titled name: strip the title; a lone surname takes the earlier full name.
        let title_end = ws.iter().rposition(|w| self.lex.title(w.text).is_some() && !w.is_acronym());
        let has_head = ws.iter().any(|w| self.lex.title(w.text) == Some(TitleRole::Head));
        let name_words: &[Word] = match title_end {
            // "the president of Cyprus" is a role of a country, not a person named Cyprus.
            Some(t)
                if has_head
                    && !ws[t].is("of")
                    && t + 1 < ws.len()
                    && ws[t + 1..].iter().all(|w| w.is_capitalised()) =>
            {
                &ws[t + 1..]
            }
            _ => &ws[..],
        };
        let name_words: Vec<&Word> =
            name_words.iter().filter(|w| !ARTICLES.iter().any(|a| w.is(a))).collect();
        if name_words.len() == 1 && name_words[0].is_capitalised() {
            let w = name_words[0];
            let key = w.stem_possessive();
            if let Some(p) = self.persons_before(s).find(|p| {
                let n = p.name.text(text);
                n != key && n.split([' ', '-']).any(|part| part == key)
            }) {
                return self.person_speaker(p).with_written(written);
            }
            if w.is_acronym() {
                if let Some(agency) = self.lex.agency(w.text) {
                    return Speaker {
                        written,
                        names: vec![Name { span: Span::new(w.start, w.end), text: agency.to_string() }],
                        kind: SpeakerKind::Organisation,
                    };
                }
                if let Some(run) = self.runs[..self.runs.partition_point(|r| r.0 < s)]
                    .iter()
                    .rev()
                    .take(LOOK_BACK)
                    .find(|r| r.2 == w.text)
                {
                    let from = run.0;
                    return Speaker {
                        written,
                        names: vec![self.name(from, run.1)],
                        kind: SpeakerKind::Organisation,
                    };
                }
            }
        }
        if has_head && !name_words.is_empty() && name_words.len() < ws.len() {
            let (ns, ne) = (name_words[0].start, name_words[name_words.len() - 1].end);
            return Speaker { written, names: vec![self.name(ns, ne)], kind: SpeakerKind::Person };
        }
        let name = self.name(s, e);
        // A person: known with a title, or two to four capitalised words none of which names
        // an organisation or is an agency ("Raymond Roth", not "State Department").
        let plain_name = (2..=4).contains(&ws.len())
            && ws
                .iter()
                .all(|w| w.is_capitalised() && !self.lex.is_organisation_word(w.text) && !w.is_acronym())
            && self.lex.agency(&name.text).is_none();
        let kind = if plain_name || self.persons_before(e).any(|p| p.name.text(text) == name.text) {
            SpeakerKind::Person
        } else {
            SpeakerKind::Organisation
        };
        Speaker { written, names: vec![name], kind }
    }

    fn person_speaker(&self, p: &Person) -> Speaker {
        Speaker {
            written: None,
            names: vec![Name { span: p.name, text: p.name.text(self.text()).to_string() }],
            kind: SpeakerKind::Person,
        }
    }

    /// A name for `[s, e)`: without a leading article; an agency by its canonical name.
    fn name(&self, s: usize, e: usize) -> Name {
        let t = &self.text()[s..e];
        let stripped = ARTICLES
            .iter()
            .find_map(|a| {
                let head = t.get(..a.len() + 1)?;
                (head.get(..a.len()).is_some_and(|h| h.eq_ignore_ascii_case(a)) && head.ends_with(' '))
                    .then(|| &t[a.len() + 1..])
            })
            .unwrap_or(t);
        let text = self.lex.agency(stripped).map_or_else(|| stripped.to_string(), str::to_string);
        Name { span: Span::new(s + (t.len() - stripped.len()), e), text }
    }

    /// Names in a phrase without resolving pronouns: joint parts or the phrase itself.
    fn plain_names(&self, s: usize, e: usize) -> Vec<Name> {
        let ws = words::words(self.text(), s, e);
        match self.joint_parts(&ws) {
            Some(parts) => parts.into_iter().map(|(ps, pe)| self.name(ps, pe)).collect(),
            None if s < e => vec![self.name(s, e)],
            None => Vec::new(),
        }
    }

    /// Split "A and B" / "A, B and C" into parts when each part is a name or a noun phrase of
    /// its own, not "Ministry of Trade and Industry".
    fn joint_parts(&self, ws: &[Word]) -> Option<Vec<(usize, usize)>> {
        let ands: Vec<usize> = (1..ws.len().saturating_sub(1)).filter(|&i| ws[i].is("and")).collect();
        let &a = ands.first()?;
        if ands.len() > 1 {
            return None;
        }
        let left = &ws[..a];
        let right = &ws[a + 1..];
        let right_opens = ARTICLES.iter().any(|x| right[0].is(x)) || right[0].is_capitalised();
        let left_has_of = left.iter().any(|w| w.is("of"));
        if !right_opens || (left_has_of && !right[0].is("the")) || !left.iter().any(|w| w.is_capitalised()) {
            return None;
        }
        // Commas inside the left part list further speakers ("Russia, China and Iran").
        let mut parts = Vec::new();
        let mut start = 0;
        for i in 1..left.len() {
            if words::gap_has(self.text(), &left[i - 1], &left[i], &[',']) {
                parts.push((left[start].start, left[i - 1].end));
                start = i;
            }
        }
        parts.push((left[start].start, left[left.len() - 1].end));
        parts.push((right[0].start, right[right.len() - 1].end));
        Some(parts)
    }
}

impl Speaker {
    fn with_written(self, written: Option<Span>) -> Speaker {
        Speaker { written, ..self }
    }
}

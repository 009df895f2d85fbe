//! [`Document`]: one normalised text and its stand-off annotation layers.

use crate::span::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One article: its normalised text and every layer the pipeline has added.
///
/// Invariants: `text` never changes after [`Document::new`]; every span in every layer is a
/// valid range of `text` on character boundaries; indices between layers (a sentence's tokens,
/// a mention's antecedent) point into the layers of the same document.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Document {
    /// Content hash of `text` (see [`crate::text::content_hash`]).
    pub id: String,
    pub text: String,
    pub meta: Meta,
    /// Ordered, non-overlapping parts of the text (headline, body, caption, …).
    pub sections: Vec<Section>,
    /// Paragraphs in text order: blocks of text separated by a blank line or a section
    /// boundary. Made by the NLP stage with the sentences.
    #[serde(default)]
    pub paragraphs: Vec<Span>,
    /// Quotation marks paired into quoted stretches, in text order. Made by the NLP stage;
    /// the quotes stage decides which of them are speech.
    #[serde(default)]
    pub quote_marks: Vec<QuoteMarks>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// All tokens of the document in text order; a sentence owns a contiguous run.
    pub tokens: Vec<Token>,
    pub mentions: Vec<Mention>,
    pub timexes: Vec<Timex>,
    pub quotes: Vec<Quote>,
    /// Spans of text whose epistemic status is not the article's own assertion.
    pub attributions: Vec<Attribution>,
    pub events: Vec<Event>,
    /// Who the story's information passed through, original source first: the official body
    /// quoted, the agencies cited, the wire credits, the outlet that published this copy.
    #[serde(default)]
    pub provenance: Vec<ProvenanceLink>,
    /// Problems a user should know about that did not stop processing (e.g. invalid UTF-8
    /// replaced while decoding).
    pub warnings: Vec<String>,
}

impl Document {
    /// A document over `raw` text, normalised (see [`crate::text::normalise`]), with its id set
    /// to the content hash of the normalised text and one `Body` section covering it all.
    pub fn new(raw: &str) -> Document {
        Document::from_normalised(crate::text::normalise(raw))
    }

    /// A document over text that is already normalised.
    pub fn from_normalised(text: String) -> Document {
        let id = crate::text::content_hash(text.as_bytes());
        let sections = if text.is_empty() {
            Vec::new()
        } else {
            vec![Section { kind: SectionKind::Body, span: Span::new(0, text.len()) }]
        };
        Document { id, text, sections, ..Document::default() }
    }

    pub fn span_text(&self, span: Span) -> &str {
        span.text(&self.text)
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        let s = &self.sentences[i];
        &self.tokens[s.tokens.0 as usize..s.tokens.1 as usize]
    }

    /// The section that contains byte offset `at`, if any.
    pub fn section_at(&self, at: u32) -> Option<&Section> {
        self.sections.iter().find(|s| s.span.start <= at && at < s.span.end.max(s.span.start + 1))
    }

    /// The index of the sentence that contains byte offset `at`.
    pub fn sentence_at(&self, at: u32) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        (i < self.sentences.len() && self.sentences[i].span.start <= at).then_some(i)
    }

    /// The innermost attribution covering `span`, if any: the status of text inside it.
    pub fn attribution_of(&self, span: Span) -> Option<&Attribution> {
        self.attributions.iter().filter(|a| a.span.contains(span)).min_by_key(|a| a.span.len())
    }
}

/// One link of a document's provenance chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvenanceLink {
    pub name: String,
    /// "official", "agency", "wire" or "outlet".
    pub role: String,
}

/// Document-level metadata, from the page, the feed record, or the text itself.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub date: Option<DocDate>,
    /// Site name or domain that published this copy.
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// ISO 639-1 code where known.
    pub language: Option<String>,
    /// Wire and agency credits, as canonical agency names ("Newsis" for "[Seoul=Newsis]" or
    /// "[서울=뉴시스]", "AP" for "(AP)"), first credited first.
    pub credits: Vec<String>,
    /// Blocks of page furniture (navigation, share buttons, "You may also like") that
    /// extraction dropped from the text: counted, not kept.
    #[serde(default)]
    pub boilerplate_dropped: u32,
    /// Where the document came from: a path, `path:line` for JSONL, or `-` for stdin.
    pub origin: String,
    /// The id given by the input (JSONL `id`), if any.
    pub external_id: Option<String>,
}

/// The publication date of a document and how it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDate {
    pub date: NaiveDate,
    /// Time of day with offset as written, e.g. "09:30+09:00", where given.
    pub time: Option<String>,
    /// Where it came from: "cli", "input", "meta", "json-ld", "url", "text", …
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Headline,
    Byline,
    Lede,
    Body,
    Caption,
    /// Material appended to the story that is not the story (interview transcripts, framing).
    Commentary,
    /// Navigation, share buttons, "You may also like": kept in the text only when it could not
    /// be removed before normalisation; never coded.
    Boilerplate,
}

impl SectionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Headline => "headline",
            SectionKind::Byline => "byline",
            SectionKind::Lede => "lede",
            SectionKind::Body => "body",
            SectionKind::Caption => "caption",
            SectionKind::Commentary => "commentary",
            SectionKind::Boilerplate => "boilerplate",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub kind: SectionKind,
    pub span: Span,
}

/// One quoted stretch of text between paired quotation marks (or up to its paragraph's end
/// when the closing mark is missing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteMarks {
    /// From the opening mark to the end of the closing mark (or of the content, if unclosed).
    pub outer: Span,
    /// The content without the marks.
    pub content: Span,
    /// Whether a closing mark was found.
    pub closed: bool,
    /// Single marks (‘…’), which are scare quotes or inner quotes more often than speech.
    pub single: bool,
    /// Index into [`Document::quote_marks`] of the stretch this one continues (a quotation
    /// over several paragraphs, each opening with a mark).
    pub continues: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    /// `[first, end)` indices into [`Document::tokens`].
    pub tokens: (u32, u32),
}

/// Universal POS tags (UD v2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Upos {
    ADJ,
    ADP,
    ADV,
    AUX,
    CCONJ,
    DET,
    INTJ,
    NOUN,
    NUM,
    PART,
    PRON,
    PROPN,
    PUNCT,
    SCONJ,
    SYM,
    VERB,
    #[default]
    X,
}

impl Upos {
    pub const ALL: [Upos; 17] = [
        Upos::ADJ,
        Upos::ADP,
        Upos::ADV,
        Upos::AUX,
        Upos::CCONJ,
        Upos::DET,
        Upos::INTJ,
        Upos::NOUN,
        Upos::NUM,
        Upos::PART,
        Upos::PRON,
        Upos::PROPN,
        Upos::PUNCT,
        Upos::SCONJ,
        Upos::SYM,
        Upos::VERB,
        Upos::X,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Upos::ADJ => "ADJ",
            Upos::ADP => "ADP",
            Upos::ADV => "ADV",
            Upos::AUX => "AUX",
            Upos::CCONJ => "CCONJ",
            Upos::DET => "DET",
            Upos::INTJ => "INTJ",
            Upos::NOUN => "NOUN",
            Upos::NUM => "NUM",
            Upos::PART => "PART",
            Upos::PRON => "PRON",
            Upos::PROPN => "PROPN",
            Upos::PUNCT => "PUNCT",
            Upos::SCONJ => "SCONJ",
            Upos::SYM => "SYM",
            Upos::VERB => "VERB",
            Upos::X => "X",
        }
    }

    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.into_iter().find(|u| u.as_str() == s)
    }
}

/// One token. Before the tagger and parser run, only `span` is set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub upos: Upos,
    /// Penn Treebank tag, where the tagger gives one.
    pub xpos: String,
    pub lemma: String,
    /// 1-based index of the head within the sentence, 0 for the root (CoNLL-U convention);
    /// `None` before parsing.
    pub head: Option<u32>,
    /// UD relation, with subtype (`nsubj:pass`, `obl:agent`); empty before parsing.
    pub deprel: String,
}

/// The type of a named mention, as NER corpora use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityType {
    PER,
    ORG,
    LOC,
    MISC,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A name in the dictionary ("Sergey Lavrov", "Russia", "Pyongyang").
    Name,
    /// A role or description composed with a country ("the Russian side", "North Korean troops").
    Nominal,
    Pronoun,
    /// A capitalised span not in any dictionary, typed by heuristics.
    Unknown,
}

/// An actor as coded: the full CAMEO actor code and its country (or IGO…) part.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// Full code, e.g. "RUSGOV", "PRKMIL", "USA", "IGOUNO".
    pub code: String,
    /// The three-letter country or bloc part, e.g. "RUS", "IGO".
    pub country: String,
    /// Canonical name of the actor, e.g. "Sergey Lavrov", where the dictionary has one.
    pub name: Option<String>,
}

/// A mention of an actor (or of a named entity that may become one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
    pub entity_type: Option<EntityType>,
    /// Resolved actors: empty when unresolved, several for a group ("the ROK-US alliance").
    pub actors: Vec<Actor>,
    /// Index into [`Document::mentions`] of the antecedent, for pronouns and nominals.
    pub antecedent: Option<u32>,
    /// Which dictionary entry or rule produced it, for explanations.
    pub rule: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// Granularity of a date, as the output contract names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Season,
    Year,
    Decade,
    Century,
    Unknown,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Minute => "minute",
            Precision::Hour => "hour",
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::Season => "season",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
            Precision::Unknown => "unknown",
        }
    }
}

/// What a relative time expression was resolved against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Anchor {
    /// The document's publication date.
    DocumentDate,
    /// The last date mentioned before it (index into [`Document::timexes`]).
    Narrative(u32),
    /// The date of the speech it is quoted from (index into [`Document::quotes`]).
    Speech(u32),
    /// An absolute expression needs no anchor.
    Absolute,
    /// No anchor was available; the value may be empty.
    None,
}

/// A time expression, normalised TIMEX3-style.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    pub span: Span,
    pub kind: TimexType,
    /// TIMEX3 value ("2024-11-02", "2024-06", "2024-W44", "P2W", "PRESENT_REF"); empty when the
    /// expression could not be normalised.
    pub value: String,
    pub precision: Precision,
    pub anchor: Anchor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    Direct,
    Indirect,
}

/// Speech: a direct quotation or reported (indirect) speech, with its cue and speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub kind: QuoteKind,
    /// The quoted or reported content, without the quote marks.
    pub content: Span,
    /// The reporting cue ("said", "according to", "the statement said").
    pub cue: Option<Span>,
    /// Index into [`Document::mentions`] of the speaker, when resolved to a mention.
    pub speaker: Option<u32>,
    /// The speaker as written where the quote names one (may be a pronoun).
    pub speaker_span: Option<Span>,
}

/// Epistemic status of a clause, and so of the events coded from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The article's own voice.
    Asserted,
    /// Inside speech attributed to a speaker.
    Reported,
    /// The article's or analysts' interpretation ("this is interpreted as").
    Interpreted,
    /// Modal, conditional, predicted.
    Hypothetical,
    Negated,
    /// From a section that is not the story (appended interview, opinion).
    Commentary,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Asserted => "asserted",
            Status::Reported => "reported",
            Status::Interpreted => "interpreted",
            Status::Hypothetical => "hypothetical",
            Status::Negated => "negated",
            Status::Commentary => "commentary",
        }
    }
}

/// A span of text whose status is not plain assertion, with who it is attributed to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub span: Span,
    pub status: Status,
    /// Index into [`Document::quotes`] when the status comes from speech.
    pub quote: Option<u32>,
    /// Index into [`Document::mentions`] of whoever it is attributed to.
    pub speaker: Option<u32>,
}

/// One side of an event: the actor and the text that names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub actor: Actor,
    /// Byte span of the words that named it in this sentence (may be a pronoun).
    pub span: Span,
    /// Index into [`Document::mentions`].
    pub mention: Option<u32>,
}

/// A coded event, before it is serialised as an [`crate::EventRecord`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub sentence: u32,
    pub source: Participant,
    pub target: Option<Participant>,
    /// CAMEO event code ("057").
    pub cameo: String,
    /// ISO date ("2024-06-19", "2024-06") of the event, where known.
    pub date: Option<String>,
    pub date_precision: Precision,
    pub status: Status,
    /// Who the claim is attributed to (mention index), for reported speech.
    pub attributed_to: Option<u32>,
    /// The rule or pattern that produced it ("verb:SIGN/agreement#2").
    pub rule: String,
    /// Span of the word(s) that triggered the rule.
    pub trigger: Span,
}

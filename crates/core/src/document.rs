//! [`Document`]: one normalised text and its stand-off annotation layers.

use crate::span::{Span, SpanIndex};
use crate::text::CharIndex;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};

/// One article: its normalised text and every layer the pipeline has added.
///
/// Invariants: `text` never changes after [`Document::new`]; every span in every layer is a
/// valid range of `text` on character boundaries; indices between layers (a sentence's tokens,
/// a mention's antecedent) point into the layers of the same document.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Document {
    /// Content hash of `text` (see [`crate::text::content_hash`]).
    pub id: String,
    /// The normalised text every layer points into.
    pub text: String,
    /// Title, date, outlet and origin of the article.
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
    /// Stretches of text the NLP stage found as one sentence but cut into pieces, each piece a
    /// sentence of its own, because it was longer than the work one sentence may cost (a table
    /// dump, a list of hundreds of names); in text order. An event found in a piece is marked
    /// (`EventRecord::truncated`): what lay across a cut was not seen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cut_sentences: Vec<Span>,
    /// All tokens of the document in text order; a sentence owns a contiguous run.
    pub tokens: Vec<Token>,
    /// Actor and entity mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Time expressions, in text order.
    pub timexes: Vec<Timex>,
    /// Direct and reported speech.
    pub quotes: Vec<Quote>,
    /// Spans of text whose epistemic status is not the article's own assertion.
    pub attributions: Vec<Attribution>,
    /// Coded events, in sentence order.
    pub events: Vec<Event>,
    /// Places the text names (cities, regions, countries), resolved against GeoNames, in text
    /// order; the dateline's place among them.
    #[serde(default)]
    pub places: Vec<PlaceMention>,
    /// Who the story's information passed through, original source first: the official body
    /// quoted, the agencies cited, the wire credits, the outlet that published this copy.
    #[serde(default)]
    pub provenance: Vec<ProvenanceLink>,
    /// Problems a user should know about that did not stop processing (e.g. invalid UTF-8
    /// replaced while decoding).
    pub warnings: Vec<Warning>,
    /// Indexes over the layers, built when first asked for.
    #[serde(skip)]
    indexes: LayerIndexes,
}

/// An index over one layer, with the layer length it was built for: a stage only adds to a
/// layer, so a longer layer means the index is stale and is built again.
type Cached<T> = Mutex<Option<(usize, Arc<T>)>>;

/// Indexes over a document's layers, so that stages asking once per sentence, mention or
/// event what lies in a span do not scan the whole layer each time. Never serialised; a
/// clone starts empty.
#[derive(Default)]
struct LayerIndexes {
    mentions: Cached<SpanIndex>,
    timexes: Cached<SpanIndex>,
    attributions: Cached<SpanIndex>,
    places: Cached<SpanIndex>,
    dateline_place: Cached<Option<usize>>,
    chars: Cached<CharIndex>,
}

impl Clone for LayerIndexes {
    fn clone(&self) -> Self {
        LayerIndexes::default()
    }
}

impl std::fmt::Debug for LayerIndexes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LayerIndexes")
    }
}

/// The index in `cache` if it was built for a layer of `len` items, else one built by `build`.
fn cached<T>(cache: &Cached<T>, len: usize, build: impl FnOnce() -> T) -> Arc<T> {
    let mut slot = cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    match &*slot {
        Some((n, index)) if *n == len => index.clone(),
        _ => {
            let index = Arc::new(build());
            *slot = Some((len, index.clone()));
            index
        }
    }
}

/// A problem a user should know about that did not stop processing, with the stage that met
/// it, so that code can tell warnings apart by their origin rather than by their wording.
///
/// Displays as "stage: message", the form the CLI prints and the store's `warnings` column
/// keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StoredWarning")]
pub struct Warning {
    /// The stage (its [`crate::Stage::name`]) or reader ("ingest") that met the problem.
    pub stage: String,
    /// What happened, for people.
    pub message: String,
}

impl Warning {
    /// A warning of `stage` saying `message`.
    pub fn new(stage: impl Into<String>, message: impl Into<String>) -> Warning {
        Warning { stage: stage.into(), message: message.into() }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.stage.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.stage, self.message)
        }
    }
}

/// A warning as stored: documents stored before warnings were typed hold plain strings, kept
/// whole as the message of an unknown stage.
#[derive(Deserialize)]
#[serde(untagged)]
enum StoredWarning {
    Typed { stage: String, message: String },
    Text(String),
}

impl From<StoredWarning> for Warning {
    fn from(w: StoredWarning) -> Warning {
        match w {
            StoredWarning::Typed { stage, message } => Warning { stage, message },
            StoredWarning::Text(message) => Warning { stage: String::new(), message },
        }
    }
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

    /// The text a span of this document covers.
    pub fn span_text(&self, span: Span) -> &str {
        span.text(&self.text)
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        let s = &self.sentences[i];
        &self.tokens[s.tokens.0 as usize..s.tokens.1 as usize]
    }

    /// Whether the sentence at `span` is a piece of a sentence the NLP stage cut
    /// ([`Document::cut_sentences`]).
    pub fn sentence_was_cut(&self, span: Span) -> bool {
        let i = self.cut_sentences.partition_point(|c| c.end <= span.start);
        self.cut_sentences.get(i).is_some_and(|c| c.start <= span.start && span.end <= c.end)
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

    /// The innermost attribution covering `span`, if any: the status of text inside it (of
    /// equally long ones, the first).
    pub fn attribution_of(&self, span: Span) -> Option<&Attribution> {
        let index = cached(&self.indexes.attributions, self.attributions.len(), || {
            SpanIndex::new(self.attributions.iter().map(|a| a.span))
        });
        index.containing(span).into_iter().map(|i| &self.attributions[i]).min_by_key(|a| a.span.len())
    }

    /// Indices of the mentions that lie wholly inside `span`, in layer order.
    pub fn mentions_within(&self, span: Span) -> Vec<usize> {
        self.mention_index().within(span)
    }

    /// Indices of the mentions that share a byte with `span`, in layer order.
    pub fn mentions_overlapping(&self, span: Span) -> Vec<usize> {
        self.mention_index().overlapping(span)
    }

    fn mention_index(&self) -> Arc<SpanIndex> {
        cached(&self.indexes.mentions, self.mentions.len(), || {
            SpanIndex::new(self.mentions.iter().map(|m| m.span))
        })
    }

    /// Indices of the time expressions that lie wholly inside `span`, in layer order.
    pub fn timexes_within(&self, span: Span) -> Vec<usize> {
        cached(&self.indexes.timexes, self.timexes.len(), || {
            SpanIndex::new(self.timexes.iter().map(|t| t.span))
        })
        .within(span)
    }

    /// Indices of the places that lie wholly inside `span`, in layer order.
    pub fn places_within(&self, span: Span) -> Vec<usize> {
        cached(&self.indexes.places, self.places.len(), || SpanIndex::new(self.places.iter().map(|p| p.span)))
            .within(span)
    }

    /// The first place of the layer named in the story's dateline, if any.
    pub fn dateline_place(&self) -> Option<&PlaceMention> {
        let first = *cached(&self.indexes.dateline_place, self.places.len(), || {
            self.places.iter().position(|p| p.dateline)
        });
        first.and_then(|i| self.places.get(i))
    }

    /// The character offset of byte offset `byte` of the text (the output contract counts
    /// Unicode characters), in time independent of the text's length.
    pub fn char_offset(&self, byte: usize) -> usize {
        cached(&self.indexes.chars, self.text.len(), || CharIndex::new(&self.text))
            .char_offset(&self.text, byte)
    }
}

/// A place as event records give it (`action_geo`): a GeoNames entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Geo {
    /// The place's GeoNames name ("Moscow").
    pub name: String,
    /// Its country, ISO 3166-1 alpha-3 like the actor codes ("RUS").
    pub country: String,
    /// Latitude in degrees (for a country or region: a population-weighted centre).
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// The GeoNames id.
    pub geonames_id: u64,
}

/// How a text names a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// A country.
    Country,
    /// A first-level region (a US state).
    Region,
    /// A city or town.
    City,
}

/// One place named in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceMention {
    /// The words that name it.
    pub span: Span,
    /// What it is.
    pub kind: PlaceKind,
    /// The GeoNames entry it resolved to.
    pub geo: Geo,
    /// After a locative word ("in Moscow", "at Yaroslavsky Station in Moscow").
    pub locative: bool,
    /// The story's dateline ("MOSCOW, Nov. 1 (Yonhap) --"): where the story was filed.
    pub dateline: bool,
    /// The words are also (part of) an actor mention ("Moscow said", "Russia supports").
    pub actor: bool,
}

/// One link of a document's provenance chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvenanceLink {
    /// The body or agency named ("Xinhua", "Ministry of Foreign Affairs").
    pub name: String,
    /// "official", "agency", "wire" or "outlet".
    pub role: String,
}

/// Document-level metadata, from the page, the feed record, or the text itself.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Meta {
    /// Headline, from the page or feed, or the text's first line.
    pub title: Option<String>,
    /// Author line as written ("By Jane Doe").
    pub byline: Option<String>,
    /// When the article was published, and where that date was found.
    pub date: Option<DocDate>,
    /// Site name or domain that published this copy.
    pub outlet: Option<String>,
    /// Address of the page, where the input gave one.
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
    /// The charset the input's bytes were decoded from ("UTF-8", "windows-1252", "EUC-KR"),
    /// as the Encoding Standard names it; JSONL records are UTF-8.
    #[serde(default)]
    pub encoding: Option<String>,
    /// The key of the bytes this document was read from (`dyad_ingest::input_key`), where a
    /// reader set one: a store remembers it, so that reading the same bytes again can be
    /// skipped before extraction. Not serialised.
    #[serde(skip)]
    pub input_key: Option<String>,
}

/// The publication date of a document and how it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDate {
    /// The calendar date.
    pub date: NaiveDate,
    /// Time of day with offset as written, e.g. "09:30+09:00", where given.
    pub time: Option<String>,
    /// Where it came from: "cli", "input", "json-ld", "meta", "time", "byline", "url",
    /// "modified" (only a last-modified date), "text" (a dateline), …
    pub source: String,
}

/// What a part of an article's text is, which decides whether its events count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// The article's title.
    Headline,
    /// The author line.
    Byline,
    /// The first paragraph(s) of the story, often a dateline and summary.
    Lede,
    /// The rest of the story.
    Body,
    /// A photo caption.
    Caption,
    /// Material appended to the story that is not the story (interview transcripts, framing).
    Commentary,
    /// Navigation, share buttons, "You may also like": kept in the text only when it could not
    /// be removed before normalisation; never coded.
    Boilerplate,
}

impl SectionKind {
    /// The name used in output and storage (`"body"`).
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

/// One part of an article's text and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// What this part is.
    pub kind: SectionKind,
    /// Where it is in the text.
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

/// One sentence: its text and its run of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// From the first token's start to the last token's end.
    pub span: Span,
    /// `[first, end)` indices into [`Document::tokens`].
    pub tokens: (u32, u32),
}

/// Universal POS tags (UD v2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Upos {
    /// Adjective.
    ADJ,
    /// Adposition (preposition or postposition).
    ADP,
    /// Adverb.
    ADV,
    /// Auxiliary verb.
    AUX,
    /// Coordinating conjunction.
    CCONJ,
    /// Determiner.
    DET,
    /// Interjection.
    INTJ,
    /// Common noun.
    NOUN,
    /// Numeral.
    NUM,
    /// Particle (`not`, possessive `'s`, infinitive `to`).
    PART,
    /// Pronoun.
    PRON,
    /// Proper noun.
    PROPN,
    /// Punctuation.
    PUNCT,
    /// Subordinating conjunction.
    SCONJ,
    /// Symbol.
    SYM,
    /// Verb (not auxiliary).
    VERB,
    /// Other, and the tag of untagged tokens.
    #[default]
    X,
}

impl Upos {
    /// Every tag, in the order UD lists them.
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

    /// The tag as UD writes it (`"PROPN"`).
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

    /// The tag written `s` (as [`Upos::as_str`] gives it), if it is one.
    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.into_iter().find(|u| u.as_str() == s)
    }
}

/// One token. Before the tagger and parser run, only `span` is set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Token {
    /// Where the token is in the text.
    pub span: Span,
    /// Universal part-of-speech tag (`X` before tagging).
    pub upos: Upos,
    /// Penn Treebank tag, where the tagger gives one.
    pub xpos: String,
    /// Dictionary form ("say" for "said"); empty before tagging.
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
    /// A person.
    PER,
    /// An organisation.
    ORG,
    /// A place.
    LOC,
    /// Any other name (events, nationalities, works).
    MISC,
}

/// How a mention names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A name in the dictionary ("Sergey Lavrov", "Russia", "Pyongyang").
    Name,
    /// A role or description composed with a country ("the Russian side", "North Korean troops").
    Nominal,
    /// A personal pronoun resolved (or not) by coreference.
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

impl Actor {
    /// An actor no dictionary codes ([`UNRESOLVED_ACTOR_CODE`]): a name, or people, the text
    /// gives and nothing resolves.
    pub fn unresolved() -> Actor {
        Actor { code: UNRESOLVED_ACTOR_CODE.into(), country: UNRESOLVED_ACTOR_CODE.into(), name: None }
    }
}

/// A mention of an actor (or of a named entity that may become one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The words of the mention.
    pub span: Span,
    /// How it names its actor.
    pub kind: MentionKind,
    /// Named-entity type, where recognition or the dictionary gives one.
    pub entity_type: Option<EntityType>,
    /// Resolved actors: empty when unresolved, several for a group ("the ROK-US alliance").
    pub actors: Vec<Actor>,
    /// Index into [`Document::mentions`] of the antecedent, for pronouns and nominals.
    pub antecedent: Option<u32>,
    /// Which dictionary entry or rule produced it, for explanations.
    pub rule: String,
}

/// The start of [`Mention::rule`] for a description of something an actor owns ("the plans"
/// after "Tory asylum plans"): it stands for its owner as what is spoken of, never as who acts.
pub const OWNED_DESCRIPTION_RULE: &str = "owned:";

/// The actor code of a person or organisation the text names but no dictionary knows
/// ("Adil Abdul Mahdi agreed to resign"): PETRARCH's sign for "no code". The record's `text`
/// says who it is; relations and actor filters, which match codes, leave it out.
pub const UNRESOLVED_ACTOR_CODE: &str = "---";

impl Mention {
    /// Whether this is a person or organisation named in the text (a capitalised name typed
    /// PER or ORG) that no dictionary resolved: such a name can still be an event's actor,
    /// under [`UNRESOLVED_ACTOR_CODE`].
    pub fn is_unresolved_name(&self) -> bool {
        self.actors.is_empty()
            && self.kind == MentionKind::Unknown
            && matches!(self.entity_type, Some(EntityType::PER | EntityType::ORG))
    }

    /// The mention's actors, or for an unresolved name ([`Mention::is_unresolved_name`]) one
    /// actor coded [`UNRESOLVED_ACTOR_CODE`].
    pub fn actors_or_unresolved(&self) -> Vec<Actor> {
        if self.is_unresolved_name() {
            vec![Actor::unresolved()]
        } else {
            self.actors.clone()
        }
    }
}

/// The TIMEX3 type of a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimexType {
    /// A calendar date or a coarser period ("Tuesday", "June 2024", "last year").
    Date,
    /// A time of day ("at 9:30").
    Time,
    /// A length of time ("two weeks").
    Duration,
    /// A recurring time ("every Monday").
    Set,
}

/// Where an event's date comes from, as the output contract names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A time expression of the event's own clause ("in 1950", "on Monday"), or one that the
    /// clause refers back to ("At that time, …").
    Clause,
    /// The document's date: the clause has no time expression of its own.
    Document,
}

impl DateSource {
    /// The name the output contract uses.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Clause => "clause",
            DateSource::Document => "document",
        }
    }
}

/// Granularity of a date, as the output contract names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// To the minute.
    Minute,
    /// To the hour.
    Hour,
    /// To the day.
    Day,
    /// An ISO week.
    Week,
    /// A month.
    Month,
    /// A quarter year.
    Quarter,
    /// A season ("last summer").
    Season,
    /// A year.
    Year,
    /// A decade.
    Decade,
    /// A century.
    Century,
    /// Not known.
    Unknown,
}

impl Precision {
    /// The name used in output (`"day"`).
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
    /// The words of the expression.
    pub span: Span,
    /// Date, time, duration or set.
    pub kind: TimexType,
    /// TIMEX3 value ("2024-11-02", "2024-06", "2024-W44", "P2W", "PRESENT_REF"); empty when the
    /// expression could not be normalised.
    pub value: String,
    /// How fine `value` is.
    pub precision: Precision,
    /// What a relative expression was resolved against.
    pub anchor: Anchor,
}

/// Whether speech is quoted word for word or reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Quoted in quotation marks.
    Direct,
    /// Reported without marks ("said that …").
    Indirect,
}

/// Speech: a direct quotation or reported (indirect) speech, with its cue and speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Direct or reported.
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
    /// Denied by the text ("did not sign").
    Negated,
    /// From a section that is not the story (appended interview, opinion).
    Commentary,
}

impl Status {
    /// Every status, in the order of the definition.
    pub const ALL: [Status; 6] = [
        Status::Asserted,
        Status::Reported,
        Status::Interpreted,
        Status::Hypothetical,
        Status::Negated,
        Status::Commentary,
    ];

    /// The name used in output (`"reported"`).
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
    /// The text with this status.
    pub span: Span,
    /// Its status.
    pub status: Status,
    /// Index into [`Document::quotes`] when the status comes from speech.
    pub quote: Option<u32>,
    /// Index into [`Document::mentions`] of whoever it is attributed to.
    pub speaker: Option<u32>,
}

/// One side of an event: the actor and the text that names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    /// The actor as coded.
    pub actor: Actor,
    /// Byte span of the words that named it in this sentence (may be a pronoun).
    pub span: Span,
    /// Index into [`Document::mentions`].
    pub mention: Option<u32>,
}

/// A coded event, before it is serialised as an [`crate::EventRecord`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Index into [`Document::sentences`] of the evidence sentence.
    pub sentence: u32,
    /// Who acted.
    pub source: Participant,
    /// Who was acted on, where the pattern has a target.
    pub target: Option<Participant>,
    /// CAMEO event code ("057").
    pub cameo: String,
    /// ISO date ("2024-06-19", "2024-06") of the event, where known.
    pub date: Option<String>,
    /// How precise `date` is.
    pub date_precision: Precision,
    /// Where `date` came from; `None` when the event is undated.
    #[serde(default)]
    pub date_source: Option<DateSource>,
    /// Whether the event is asserted, reported, negated, …
    pub status: Status,
    /// Who the claim is attributed to (mention index), for reported speech.
    pub attributed_to: Option<u32>,
    /// The rule or pattern that produced it ("verb:SIGN/agreement#2").
    pub rule: String,
    /// Span of the word(s) that triggered the rule.
    pub trigger: Span,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A warning keeps its stage through the store's JSON, and documents stored before
    /// warnings were typed still load.
    #[test]
    fn warnings_round_trip_and_old_ones_load() {
        let w = Warning::new("coder", "sentence 2 skipped");
        assert_eq!(w.to_string(), "coder: sentence 2 skipped");
        let json = serde_json::to_string(&w).unwrap();
        assert_eq!(serde_json::from_str::<Warning>(&json).unwrap(), w);
        let old: Warning = serde_json::from_str("\"invalid UTF-8 bytes replaced\"").unwrap();
        assert_eq!(old, Warning::new("", "invalid UTF-8 bytes replaced"));
        assert_eq!(old.to_string(), "invalid UTF-8 bytes replaced");
    }
}

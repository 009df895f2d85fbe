//! dyad's own NLP core: sentence and token segmentation, POS tagging, lemmatisation and
//! dependency parsing (UD relations), with models trained here from UD treebanks.
//!
//! Entry point: [`Nlp`], a [`dyad_core::Stage`] that fills the text layer (`sentences`,
//! `tokens`, `paragraphs`, `quote_marks`) and tags and parses the tokens. [`text_layer`] alone
//! fills the text layer without tagging or parsing: sentences are split here and nowhere else.
//!
//! Design: segmentation is rules ([`segment`]); tagging (`tagger`) is a greedy averaged
//! perceptron over hashed sparse features (`perceptron`); parsing is a linear-time
//! arc-hybrid transition system scored by a small two-layer bidirectional-LSTM network (`lstm`), with
//! dense kernels of our own (`vecmath`: run-time AVX2 / AVX-512 dispatch, 8- and 16-bit weights) so that
//! parsing is never the pipeline's bottleneck. The sparse perceptron parser (`parser`) is
//! kept as a quicker-to-train, less accurate alternative (`dyad train parser --arch perceptron`); it
//! also holds the transition system and dynamic oracle both parsers share. The trained model
//! ([`model`]) is one versioned, checksummed file in `data/models/`, embedded in the binary
//! and decoded once.

#![warn(missing_docs)]

mod binio;
pub mod conllu;
pub mod error;
mod lemma;
mod lstm;
pub mod model;
mod parser;
mod perceptron;
pub mod quote_marks;
pub mod score;
pub mod segment;
mod tagger;
pub mod train;
mod vecmath;
mod words;

pub use error::{Error, FormatError, ModelError, TreebankError};

use dyad_core::{Document, Sentence, Span, Stage, Token, Upos, Warning};
use model::{Analysis, Model};
use std::sync::{Arc, OnceLock};

/// The model that ships with dyad (see `data/models/README.md`).
pub static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../data/models/en_ud.dyadnlp");

/// The loaded NLP models. Load once, share across threads.
#[derive(Clone)]
pub struct Nlp {
    model: Arc<Model>,
}

impl Nlp {
    /// Load the models that ship with dyad (decoded on first use, then shared).
    pub fn load() -> Result<Nlp, ModelError> {
        static CACHE: OnceLock<Result<Arc<Model>, ModelError>> = OnceLock::new();
        let model = CACHE.get_or_init(|| Model::from_bytes(EMBEDDED_MODEL, "embedded model").map(Arc::new));
        model.clone().map(|model| Nlp { model })
    }

    /// Decode a model from bytes (no caching); `what` names the source in errors.
    pub fn from_bytes(bytes: &[u8], what: &str) -> Result<Nlp, ModelError> {
        Ok(Nlp { model: Arc::new(Model::from_bytes(bytes, what)?) })
    }

    /// Load a model file.
    pub fn from_path(path: &std::path::Path) -> Result<Nlp, Error> {
        let bytes =
            std::fs::read(path).map_err(|source| Error::ReadModel { path: path.to_path_buf(), source })?;
        Ok(Nlp::from_bytes(&bytes, &path.display().to_string())?)
    }

    /// The model file at `path`, or the embedded model where there is none (what a
    /// `--model` option means).
    pub fn from_path_or_embedded(path: Option<&std::path::Path>) -> Result<Nlp, Error> {
        match path {
            Some(p) => Nlp::from_path(p),
            None => Ok(Nlp::load()?),
        }
    }

    /// Tag, lemmatise and parse one sentence of words (gold tokenization).
    pub fn analyse(&self, words: &[&str]) -> Analysis {
        self.model.analyse(words)
    }
}

impl Stage for Nlp {
    fn name(&self) -> &'static str {
        "nlp"
    }

    fn requires(&self) -> &'static [dyad_core::Layer] {
        use dyad_core::Layer;
        &[Layer::Text, Layer::Sections]
    }

    fn provides(&self) -> &'static [dyad_core::Layer] {
        use dyad_core::Layer;
        &[Layer::Sentences, Layer::Parse]
    }

    fn annotate(&self, doc: &mut Document) {
        let tagged = self.tag(doc);
        self.parse_sentences(doc, &tagged, |_, _| true);
    }
}

/// Participles that name an office holder's standing when they come before a title or name
/// ("visiting French President Emmanuel Macron", "outgoing Prime Minister").
const STANDING_PARTICIPLES: &[&str] = &["visiting", "outgoing", "incoming", "acting", "departing", "serving"];

/// Words after which a participle is a gerund ("after visiting China") or a progressive verb
/// ("is visiting Chinese President Xi"), not an adjective.
const GERUND_BEFORE: &[&str] = &[
    "by", "after", "before", "while", "when", "since", "without", "upon", "on", "of", "from", "about", "for",
    "is", "are", "was", "were", "be", "been", "am",
];

/// Token `k`'s word, if it is all lower-case ASCII letters: the only words the retags below
/// second-guess (a name or a number keeps its tag).
fn lowercase_word(doc: &Document, k: usize) -> Option<&str> {
    let w = &doc.text[doc.tokens[k].span.range()];
    w.chars().all(|c| c.is_ascii_lowercase()).then_some(w)
}

/// The tagger's classes of a document's words, kept from [`Nlp::tag`] for
/// [`Nlp::parse_sentences`] (the parser reads them).
pub struct Tagged {
    /// Per sentence, each word's class and features.
    sentences: Vec<(Vec<u16>, Vec<words::WordFeats>)>,
}

impl Nlp {
    /// Fill the text layer and tag and lemmatise every token, without parsing: the first half
    /// of [`Stage::annotate`], for a pipeline that parses only the sentences a later stage
    /// needs parsed ([`Nlp::parse_sentences`]).
    pub fn tag(&self, doc: &mut Document) -> Tagged {
        text_layer(doc);
        let mut sentences = Vec::with_capacity(doc.sentences.len());
        for si in 0..doc.sentences.len() {
            let (a, b) = doc.sentences[si].tokens;
            let (a, b) = (a as usize, b as usize);
            let (tagged, analysed) = {
                let words: Vec<&str> = doc.tokens[a..b].iter().map(|t| &doc.text[t.span.range()]).collect();
                let mut tagged = self.model.tag(&words);
                let mut analysed = self.model.tags_and_lemmas(&words, &tagged.0);
                if let Some(given) = self.tag_repairs(&words, &analysed) {
                    tagged.0 = self.model.retag(&tagged.1, &given);
                    analysed = self.model.tags_and_lemmas(&words, &tagged.0);
                }
                (tagged, analysed)
            };
            for (t, (upos, xpos, lemma)) in doc.tokens[a..b].iter_mut().zip(analysed) {
                t.upos = upos;
                t.xpos = xpos;
                t.lemma = lemma;
            }
            sentences.push(tagged);
        }
        Tagged { sentences }
    }

    /// Tags the tagger is known to get wrong on news, for a constrained retag of the sentence
    /// ([`Model::retag`]): a hyphenated participle before a noun ("Iranian-backed rebels", "a
    /// Saudi-led strike", "UN-brokered ceasefire") is an adjective, as the Penn Treebank tags
    /// it (JJ), where the tagger, which never saw the word, took it for a verb by its ending
    /// and the parse made it the sentence's predicate; "around" or "about" before a number
    /// ("Around 2,000 workers went on strike") is an adverb (RB), where a preposition made its
    /// noun an oblique and left the verb without a subject; a participle that names an office
    /// holder's standing ("visiting", "outgoing", "acting") before a capitalised title or
    /// name ("met visiting US Secretary of State Mike Pompeo", "a lawsuit against visiting
    /// Saudi Crown Prince Mohammed bin Salman") is an adjective, where the tagger made it the
    /// verb of a clause with the name as its object (not after a word that makes it a gerund:
    /// "after visiting China"). None where nothing is to fix.
    fn tag_repairs(&self, words: &[&str], analysed: &[(Upos, String, String)]) -> Option<Vec<Option<u16>>> {
        let participle = |w: &str| {
            let Some((first, last)) = w.rsplit_once('-') else { return false };
            first.chars().next().is_some_and(char::is_alphabetic)
                && last.len() > 2
                && last.chars().all(|c| c.is_ascii_lowercase())
                && (last.ends_with("ed")
                    || matches!(last, "run" | "born" | "made" | "built" | "held" | "won"))
        };
        let next_is = |k: usize, tags: &[Upos]| analysed.get(k + 1).is_some_and(|(u, _, _)| tags.contains(u));
        let capitalised =
            |k: usize| words.get(k).is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        let standing = |k: usize| {
            STANDING_PARTICIPLES.contains(&words[k].to_ascii_lowercase().as_str())
                && capitalised(k + 1)
                && (capitalised(k + 2) || analysed.get(k + 2).is_some_and(|(u, _, _)| *u == Upos::NOUN))
                && (k == 0 || !GERUND_BEFORE.contains(&words[k - 1].to_ascii_lowercase().as_str()))
        };
        let mut given: Vec<Option<u16>> = vec![None; words.len()];
        for k in 0..words.len() {
            let hyphenated = participle(words[k]) && next_is(k, &[Upos::NOUN, Upos::PROPN, Upos::ADJ]);
            if analysed[k].0 == Upos::VERB && (hyphenated || standing(k)) {
                given[k] = Some(self.model.class_of(Upos::ADJ, "JJ")?);
            } else if analysed[k].0 == Upos::ADP
                && (words[k].eq_ignore_ascii_case("around") || words[k].eq_ignore_ascii_case("about"))
                && next_is(k, &[Upos::NUM])
            {
                given[k] = Some(self.model.class_of(Upos::ADV, "RB")?);
            }
        }
        given.iter().any(Option::is_some).then_some(given)
    }

    /// Tag again the sentences holding a token `proper(token index)` says is part of a name a
    /// dictionary knows but which the tagger took for a verb, an auxiliary, a conjunction or
    /// a preposition ("United States", "Xi Jinping meets …"): that token is a proper noun
    /// (NNP), and the words after it are tagged knowing so. For a pipeline that finds names
    /// after tagging and parses after that ([`Nlp::parse_sentences`]).
    pub fn retag_names(&self, doc: &mut Document, tagged: &mut Tagged, proper: impl Fn(usize) -> bool) {
        let Some(nnp) = self.model.class_of(Upos::PROPN, "NNP") else { return };
        self.retag_where(doc, tagged, nnp, |doc, _, k| {
            matches!(doc.tokens[k].upos, Upos::VERB | Upos::AUX | Upos::SCONJ | Upos::ADP) && proper(k)
        });
    }

    /// Write the tags `tags` (classes of the tagger) and their lemmas on the tokens `range`.
    fn set_tags(&self, doc: &mut Document, range: std::ops::Range<usize>, tags: &[u16]) {
        let analysed = {
            let words: Vec<&str> =
                doc.tokens[range.clone()].iter().map(|t| &doc.text[t.span.range()]).collect();
            self.model.tags_and_lemmas(&words, tags)
        };
        for (t, (upos, xpos, lemma)) in doc.tokens[range].iter_mut().zip(analysed) {
            t.upos = upos;
            t.xpos = xpos;
            t.lemma = lemma;
        }
    }

    /// Tag again the sentences with no verb in which a known name is followed by a lower-case
    /// word in "-s" that `is_verb` (given the word upper case) says is a verb: headlinese,
    /// where the tagger reads "Howard attacks 'pay later' Budget" or "Labour plans maternity
    /// pay rise" as noun phrases. That word is a present-tense verb (VBZ). `in_name` as for
    /// [`Nlp::retag_names`].
    pub fn retag_headline_verbs(
        &self,
        doc: &mut Document,
        tagged: &mut Tagged,
        in_name: impl Fn(usize) -> bool,
        is_verb: impl Fn(&str) -> bool,
    ) {
        let Some(vbz) = self.model.class_of(Upos::VERB, "VBZ") else { return };
        let verb_after_name = |doc: &Document, k: usize| {
            in_name(k - 1)
                && !in_name(k)
                && lowercase_word(doc, k).is_some_and(|w| {
                    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && is_verb(&w.to_ascii_uppercase())
                })
        };
        // The first such word of a sentence with no verb.
        self.retag_where(doc, tagged, vbz, |doc, sentence, k| {
            k > sentence.start
                && verb_after_name(doc, k)
                && !(sentence.start + 1..k).any(|j| verb_after_name(doc, j))
                && !doc.tokens[sentence].iter().any(|t| matches!(t.upos, Upos::VERB | Upos::AUX))
        });
    }

    /// Tag again the sentences in which a word the tagger made a preposition is no
    /// preposition of English but a verb form `is_verb_form` (given the word upper case) knows
    /// ("Taliban fighters overran an army base": the tagger, which never saw "overran", made it
    /// "over"-like, so the sentence had no verb and "fighters" took its place). Prepositions
    /// are a closed class: any other word tagged one is a tagging slip. That word is a past
    /// tense verb (VBD).
    pub fn retag_misread_verbs(
        &self,
        doc: &mut Document,
        tagged: &mut Tagged,
        is_verb_form: impl Fn(&str) -> bool,
    ) {
        let Some(vbd) = self.model.class_of(Upos::VERB, "VBD") else { return };
        self.retag_where(doc, tagged, vbd, |doc, _, k| {
            doc.tokens[k].upos == Upos::ADP
                && lowercase_word(doc, k).is_some_and(|w| {
                    w.len() > 3 && !PREPOSITIONS.contains(&w) && is_verb_form(&w.to_ascii_uppercase())
                })
        });
    }

    /// Tag again the sentences in which a plural event noun `is_event_noun` knows (given the
    /// word upper case) was tagged a present-tense verb after a modifier, while a finite verb
    /// follows ("U.S. military airstrikes this month have killed dozens"): the noun is the
    /// subject (NNS), the later verb the predicate. After a name ("Russia attacks Ukraine") the
    /// verb reading stands.
    pub fn retag_misread_nouns(
        &self,
        doc: &mut Document,
        tagged: &mut Tagged,
        is_event_noun: impl Fn(&str) -> bool,
    ) {
        let Some(nns) = self.model.class_of(Upos::NOUN, "NNS") else { return };
        self.retag_where(doc, tagged, nns, |doc, sentence, k| {
            let finite = |j: usize| matches!(doc.tokens[j].xpos.as_str(), "VBD" | "VBZ" | "VBP" | "MD");
            k > sentence.start
                && doc.tokens[k].xpos == "VBZ"
                && lowercase_word(doc, k)
                    .is_some_and(|w| w.ends_with('s') && is_event_noun(&w.to_ascii_uppercase()))
                && matches!(doc.tokens[k - 1].upos, Upos::ADJ | Upos::NOUN)
                && (k + 1..sentence.end).any(finite)
        });
    }

    /// Tag again each sentence holding a token `misread(doc, sentence's tokens, token)` picks,
    /// those tokens given the tagger's class `class`, the words after them tagged knowing so.
    fn retag_where(
        &self,
        doc: &mut Document,
        tagged: &mut Tagged,
        class: u16,
        misread: impl Fn(&Document, std::ops::Range<usize>, usize) -> bool,
    ) {
        for (si, (tags, feats)) in tagged.sentences.iter_mut().enumerate().take(doc.sentences.len()) {
            let (a, b) = doc.sentences[si].tokens;
            let (a, b) = (a as usize, b as usize);
            if !(a..b).any(|k| misread(doc, a..b, k)) {
                continue;
            }
            let given: Vec<Option<u16>> = (a..b).map(|k| misread(doc, a..b, k).then_some(class)).collect();
            *tags = self.model.retag(feats, &given);
            self.set_tags(doc, a..b, tags);
        }
    }

    /// Parse the sentences of a document [`Nlp::tag`] tagged for which `want(doc, sentence)`
    /// is true; the others keep no heads. Each parse is the one [`Stage::annotate`] gives.
    pub fn parse_sentences(
        &self,
        doc: &mut Document,
        tagged: &Tagged,
        want: impl Fn(&Document, usize) -> bool,
    ) {
        for (si, (tags, feats)) in tagged.sentences.iter().enumerate().take(doc.sentences.len()) {
            if !want(doc, si) {
                continue;
            }
            let (a, b) = doc.sentences[si].tokens;
            let (a, b) = (a as usize, b as usize);
            let (heads, labels) = self.model.parse_tagged(feats, tags);
            for (t, (head, label)) in doc.tokens[a..b].iter_mut().zip(heads.into_iter().zip(labels)) {
                t.head = Some(head);
                t.deprel = label;
            }
        }
    }
}

/// The words of English longer than three letters the tagger rightly tags ADP: prepositions
/// and the subordinators it tags the same way ("whether", "because"), both closed classes
/// (shorter ones are never misread verbs). A word tagged ADP that is none of these is a
/// tagging slip.
const PREPOSITIONS: &[&str] = &[
    "aboard",
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "alongside",
    "amid",
    "amidst",
    "among",
    "amongst",
    "around",
    "atop",
    "barring",
    "because",
    "before",
    "behind",
    "below",
    "beneath",
    "beside",
    "besides",
    "between",
    "beyond",
    "concerning",
    "considering",
    "despite",
    "down",
    "during",
    "except",
    "excluding",
    "following",
    "from",
    "given",
    "including",
    "inside",
    "instead",
    "into",
    "like",
    "minus",
    "near",
    "nearer",
    "next",
    "onto",
    "opposite",
    "outside",
    "over",
    "past",
    "pending",
    "plus",
    "regarding",
    "round",
    "save",
    "since",
    "than",
    "that",
    "through",
    "throughout",
    "till",
    "toward",
    "towards",
    "under",
    "underneath",
    "unlike",
    "until",
    "unto",
    "upon",
    "versus",
    "with",
    "within",
    "without",
    "whether",
    "while",
    "once",
    "unless",
    "though",
    "although",
    "where",
    "when",
];

/// Fill the text layer of `doc`: `sentences`, `tokens` (spans only: no tags, no parse),
/// `paragraphs` and `quote_marks`, replacing what was there. Cheap (rules only); for stages
/// and scorers that need sentences but not the parse.
pub fn text_layer(doc: &mut Document) {
    let regions: Vec<Span> = doc.sections.iter().map(|s| s.span).collect();
    let seg = segment::segment(&doc.text, &regions);
    doc.tokens = seg.tokens.iter().map(|t| Token { span: t.span, ..Token::default() }).collect();
    doc.sentences = seg
        .sentences
        .iter()
        .map(|&(a, b)| Sentence {
            span: Span { start: seg.tokens[a].span.start, end: seg.tokens[b - 1].span.end },
            tokens: (a as u32, b as u32),
        })
        .collect();
    doc.paragraphs = seg.paragraphs;
    doc.quote_marks = seg.quote_marks;
    doc.cut_sentences = seg
        .cut
        .iter()
        .map(|&(a, b)| Span { start: seg.tokens[a].span.start, end: seg.tokens[b - 1].span.end })
        .collect();
    if let Some(warning) = cut_warning(doc, &seg.cut) {
        doc.warnings.push(warning);
    }
}

/// The warning that says which sentences were too long to tag and parse whole and were cut
/// into pieces: an event whose words fall on both sides of a cut is not found.
fn cut_warning(doc: &Document, cut: &[(usize, usize)]) -> Option<Warning> {
    let &(a, b) = cut.iter().max_by_key(|&&(a, b)| b - a)?;
    // Pieces are sentences of their own: name them as event records do (`sentence_index`).
    let pieces = |(a, b): (usize, usize)| {
        let first = doc.sentences.partition_point(|s| (s.tokens.0 as usize) < a);
        let end = doc.sentences.partition_point(|s| (s.tokens.0 as usize) < b);
        format!("sentences {first}-{}", end.saturating_sub(1))
    };
    let listed: Vec<String> = cut.iter().take(5).map(|&c| pieces(c)).collect();
    let more = if cut.len() > listed.len() {
        format!(" and {} more", cut.len() - listed.len())
    } else {
        String::new()
    };
    Some(Warning::new(
        "nlp",
        format!(
            "{} sentence(s) longer than {} tokens cut into pieces tagged and parsed apart ({}{more}; the longest, {} tokens, from character {}): events across a cut are not found",
            cut.len(),
            segment::MAX_SENTENCE_TOKENS,
            listed.join(", "),
            b - a,
            doc.char_offset(doc.tokens[a].span.start as usize),
        ),
    ))
}

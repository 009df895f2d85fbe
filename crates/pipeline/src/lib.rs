//! The pipeline: dyad's stages over a [`Document`], assembled by [`PipelineBuilder`], the one
//! place that knows their order (nlp → actors → quotes → time → places → coder; see ARCHITECTURE.md
//! for why). [`PipelineBuilder::build`] checks the order against what each stage declares it
//! reads and fills ([`Stage::requires`], [`Stage::provides`]), so a replaced or added stage
//! cannot silently run before the layers it needs; what it refuses, and stages that fail to
//! load, are a [`PipelineError`].

#![warn(missing_docs)]

mod dictionaries;
mod error;
mod link;

pub use dictionaries::{DictionaryError, UserDictionaries};
pub use error::PipelineError;

use dyad_actors::petrarch::PetrarchActors;
use dyad_actors::ActorTagger;
use dyad_coder::Coder;
use dyad_core::{Document, EntityType, EventRecord, Layer, Stage};

/// One stage of a pipeline. The coder is kept typed so that `--explain` can ask it why.
pub enum PipelineStage {
    /// The coder.
    Coder(Box<Coder>),
    /// Any other stage.
    Other(Box<dyn Stage>),
}

impl PipelineStage {
    fn stage(&self) -> &dyn Stage {
        match self {
            PipelineStage::Coder(c) => c.as_ref(),
            PipelineStage::Other(s) => s.as_ref(),
        }
    }
}

impl From<Coder> for PipelineStage {
    fn from(c: Coder) -> Self {
        PipelineStage::Coder(Box::new(c))
    }
}

impl From<Box<dyn Stage>> for PipelineStage {
    fn from(s: Box<dyn Stage>) -> Self {
        PipelineStage::Other(s)
    }
}

/// Where [`PipelineBuilder::until`] stops: after the stage of this name, or after the first
/// stage that provides this layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Until {
    /// Stop after the stage of this name (its [`Stage::name`]).
    Stage(String),
    /// Stop after the first stage that provides this layer.
    Layer(Layer),
}

impl From<Layer> for Until {
    fn from(l: Layer) -> Self {
        Until::Layer(l)
    }
}

impl From<&str> for Until {
    fn from(name: &str) -> Self {
        Until::Stage(name.to_string())
    }
}

/// Assembles a [`Pipeline`]: dyad's stages with the resources that ship with it, unless told
/// otherwise.
#[derive(Default)]
pub struct PipelineBuilder {
    /// Stages given one by one; `None`: the default set.
    stages: Option<Vec<PipelineStage>>,
    nlp: Option<Box<dyn Stage>>,
    actors: Option<ActorTagger>,
    petrarch_actors: Vec<PetrarchActors>,
    coder: Option<Coder>,
    /// A user's dictionaries, loaded into the default actor stage and coder.
    user: Option<UserDictionaries>,
    /// Whether the shipped dictionaries are used (unless told otherwise, they are).
    no_defaults: bool,
    without: Vec<String>,
    until: Option<Until>,
    /// Parse every sentence, even those no later stage reads the parse of.
    parse_all: bool,
}

impl PipelineBuilder {
    /// Add a stage. Once one is added the default set is not used: the pipeline is the added
    /// stages, in the order added.
    pub fn stage(mut self, stage: impl Into<PipelineStage>) -> Self {
        self.stages.get_or_insert_with(Vec::new).push(stage.into());
        self
    }

    /// Replace the default set's nlp stage, e.g. by one that puts given parses on documents.
    pub fn nlp(mut self, stage: Box<dyn Stage>) -> Self {
        self.nlp = Some(stage);
        self
    }

    /// Replace the default set's actor stage.
    pub fn actors(mut self, tagger: ActorTagger) -> Self {
        self.actors = Some(tagger);
        self
    }

    /// Give the default set's actor stage PETRARCH dictionaries besides its own
    /// ([`ActorTagger::with_petrarch`]).
    pub fn petrarch_actors(mut self, dicts: PetrarchActors) -> Self {
        self.petrarch_actors.push(dicts);
        self
    }

    /// Replace the default set's coder, e.g. by one with another verb dictionary
    /// ([`Coder::from_petrarch`]).
    pub fn coder(mut self, coder: Coder) -> Self {
        self.coder = Some(coder);
        self
    }

    /// Load a user's dictionaries into the default set's actor stage and coder, over the
    /// shipped ones (the user's entry wins a conflict); see [`UserDictionaries`]. A stage given
    /// by [`PipelineBuilder::actors`] or [`PipelineBuilder::coder`] is kept as given.
    pub fn dictionaries(mut self, dicts: UserDictionaries) -> Self {
        self.user = Some(dicts);
        self
    }

    /// Leave the shipped actor and verb dictionaries out: the default set's actor stage and
    /// coder use only the user's dictionaries ([`PipelineBuilder::dictionaries`]). The model,
    /// the shared word lists and the CAMEO table are still dyad's.
    pub fn without_default_dictionaries(mut self) -> Self {
        self.no_defaults = true;
        self
    }

    /// Code with the PETRARCH verb dictionary at `path` instead of dyad's own.
    pub fn verb_dictionary(self, path: &std::path::Path) -> Result<Self, PipelineError> {
        let coder = Coder::from_petrarch_file(path).map_err(load("the verb dictionary"))?;
        Ok(self.coder(coder))
    }

    /// Leave the named stage out of the default set. The check still applies: what the others
    /// require must still be filled.
    pub fn without(mut self, stage: &str) -> Self {
        self.without.push(stage.to_string());
        self
    }

    /// Parse every sentence (for `--explain`, which shows each parse), not only those the
    /// coder or the quote stage may read the parse of; the events are the same.
    pub fn parse_every_sentence(mut self) -> Self {
        self.parse_all = true;
        self
    }

    /// Stop after the named stage, or after the first stage that provides a layer.
    pub fn until(mut self, stop: impl Into<Until>) -> Self {
        self.until = Some(stop.into());
        self
    }

    /// The stages, loaded, their order checked: every layer a stage requires is filled by the
    /// reader or an earlier stage, and none it reads if present is filled only after it.
    pub fn build(self) -> Result<Pipeline, PipelineError> {
        // Parsing only the sentences that need it is safe when the stages before the parse's
        // readers are dyad's own: its nlp (which can tag without parsing) and its actor
        // dictionaries, which read tags only (PETRARCH's read the parse).
        let may_defer = self.stages.is_none()
            && self.nlp.is_none()
            && self.actors.is_none()
            && self.petrarch_actors.is_empty();
        let mut stages = match self.stages {
            Some(s) => s,
            None => {
                let (mut actors, mut coder) = (self.actors, self.coder);
                if self.user.is_some() || self.no_defaults {
                    let mut user = self.user.unwrap_or_default();
                    let defaults = !self.no_defaults;
                    if actors.is_none() {
                        actors = Some(user.actor_tagger(defaults)?);
                    }
                    if coder.is_none() {
                        coder = Some(user.coder(defaults)?);
                    }
                }
                let mut stages = default_stages(self.nlp, actors, self.petrarch_actors, coder)?;
                for name in &self.without {
                    let at = stages.iter().position(|s| s.stage().name() == name);
                    let at = at.ok_or_else(|| PipelineError::NoSuchStage(name.clone()))?;
                    stages.remove(at);
                }
                stages
            }
        };
        if let Some(stop) = &self.until {
            let at = stages.iter().position(|s| {
                let s = s.stage();
                match stop {
                    Until::Stage(name) => s.name() == name,
                    Until::Layer(l) => s.provides().contains(l),
                }
            });
            let Some(at) = at else {
                return Err(PipelineError::NoSuchStop(match stop {
                    Until::Stage(name) => format!("stage {name:?}"),
                    Until::Layer(l) => format!("the {l:?} layer"),
                }));
            };
            stages.truncate(at + 1);
        }
        check_order(stages.iter().map(PipelineStage::stage))?;
        let deferred = if may_defer { Deferred::plan(&stages, self.parse_all)? } else { None };
        Ok(Pipeline { stages, deferred })
    }
}

/// A `map_err` adapter: any error while loading `what` becomes [`PipelineError::Load`].
fn load<E: Into<Box<dyn std::error::Error + Send + Sync>>>(
    what: &'static str,
) -> impl FnOnce(E) -> PipelineError {
    move |e| PipelineError::Load { what, source: e.into() }
}

/// dyad's stages in order, each as given or loaded with the resources that ship with dyad.
/// The resources are decoded on threads of their own, side by side: loading is a fixed cost
/// of every run, before any document can start.
fn default_stages(
    nlp: Option<Box<dyn Stage>>,
    actors: Option<ActorTagger>,
    petrarch_actors: Vec<PetrarchActors>,
    coder: Option<Coder>,
) -> Result<Vec<PipelineStage>, PipelineError> {
    let (nlp, actors, coder, places) = std::thread::scope(|scope| {
        let nlp = scope.spawn(move || -> Result<Box<dyn Stage>, PipelineError> {
            match nlp {
                Some(n) => Ok(n),
                None => Ok(Box::new(dyad_nlp::Nlp::load().map_err(load("the NLP models"))?)),
            }
        });
        let coder = scope.spawn(move || match coder {
            Some(c) => Ok(c),
            None => Coder::load_default().map_err(load("the verb dictionary")),
        });
        let places = scope.spawn(|| dyad_places::PlaceTagger::load_default().map_err(load("the gazetteer")));
        let actors = match actors {
            Some(a) => Ok(a),
            None => ActorTagger::load_default().map_err(load("the actor dictionaries")),
        };
        (joined(nlp), actors, joined(coder), joined(places))
    });
    let (nlp, mut actors, coder, places) = (nlp?, actors?, coder?, places?);
    for dicts in petrarch_actors {
        actors = actors.with_petrarch(dicts);
    }
    Ok(vec![
        PipelineStage::Other(nlp),
        PipelineStage::Other(Box::new(actors)),
        PipelineStage::Other(Box::new(dyad_quotes::QuoteTagger::new())),
        PipelineStage::Other(Box::new(dyad_time::TimeTagger::new())),
        PipelineStage::Other(Box::new(places)),
        PipelineStage::Coder(Box::new(coder)),
    ])
}

/// A loading thread's result (its panic, if it panicked, goes on in the caller).
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
}

/// Every layer a stage requires must be filled by the reader ([`Layer::FROM_READER`]) or by a
/// stage before it; a layer it reads if present must not be filled by a stage after it.
fn check_order<'a>(stages: impl IntoIterator<Item = &'a dyn Stage>) -> Result<(), PipelineError> {
    let stages: Vec<&dyn Stage> = stages.into_iter().collect();
    let mut provided: Vec<Layer> = Layer::FROM_READER.to_vec();
    for (i, stage) in stages.iter().enumerate() {
        if let Some(&layer) = stage.requires().iter().find(|l| !provided.contains(l)) {
            return Err(PipelineError::MissingLayer { stage: stage.name(), layer });
        }
        for &layer in stage.reads_if_present().iter().filter(|l| !provided.contains(l)) {
            if let Some(later) = stages[i + 1..].iter().find(|s| s.provides().contains(&layer)) {
                return Err(PipelineError::LayerTooLate {
                    stage: stage.name(),
                    layer,
                    provider: later.name(),
                });
            }
        }
        provided.extend_from_slice(stage.provides());
    }
    Ok(())
}

/// Stages in a checked order, loaded once; `Sync`, so one pipeline serves every thread.
pub struct Pipeline {
    stages: Vec<PipelineStage>,
    /// Where the default set parses only the sentences that need it.
    deferred: Option<Deferred>,
}

/// Parsing less: the parser is most of the cost of a document, and most sentences of news
/// can yield no event (no actor, or no word the coder starts from). In the default set the
/// nlp stage tags and lemmatises every sentence; after the actor stage (which reads tags
/// only) the sentences the coder may code ([`Coder::may_code`]) or the quote stage may read
/// the parse of ([`dyad_quotes::may_read_parse`]) are parsed; the others keep no heads.
/// Events, quotes and every other layer are what parsing every sentence gives.
struct Deferred {
    nlp: dyad_nlp::Nlp,
    /// Index of the nlp stage (replaced by tagging) and of the stage after which to parse.
    nlp_at: usize,
    parse_after: usize,
    /// Index of the coder, whose test says which sentences to parse.
    coder_at: usize,
    /// Parse every sentence all the same (`--explain` shows each parse).
    parse_all: bool,
}

impl Deferred {
    /// Whether and where `stages` (the default set, maybe shortened) can parse late: the nlp,
    /// actor and coder stages are all there, in that order, and no stage between the nlp and
    /// the actors reads the parse.
    fn plan(stages: &[PipelineStage], parse_all: bool) -> Result<Option<Deferred>, PipelineError> {
        let at = |name: &str| stages.iter().position(|s| s.stage().name() == name);
        let coder_at = stages.iter().position(|s| matches!(s, PipelineStage::Coder(_)));
        let (Some(nlp_at), Some(actors_at), Some(coder_at)) = (at("nlp"), at("actors"), coder_at) else {
            return Ok(None);
        };
        if !(nlp_at < actors_at && actors_at < coder_at) || actors_at != nlp_at + 1 {
            return Ok(None);
        }
        let nlp = dyad_nlp::Nlp::load().map_err(load("the NLP models"))?;
        Ok(Some(Deferred { nlp, nlp_at, parse_after: actors_at, coder_at, parse_all }))
    }
}

impl Pipeline {
    /// A builder of the default set of stages, to adjust.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// Every stage with the resources that ship with dyad.
    pub fn load() -> Result<Pipeline, PipelineError> {
        Pipeline::builder().build()
    }

    /// Run every stage over `doc`.
    pub fn annotate(&self, doc: &mut Document) {
        let Some(d) = &self.deferred else {
            for stage in &self.stages {
                stage.stage().annotate(doc);
            }
            return;
        };
        let mut tagged = None;
        for (i, stage) in self.stages.iter().enumerate() {
            if i == d.nlp_at {
                tagged = Some(d.nlp.tag(doc));
            } else {
                stage.stage().annotate(doc);
            }
            if i == d.parse_after {
                if let Some(t) = &mut tagged {
                    let in_names = tokens_in_names(doc);
                    d.nlp.retag_names(doc, t, |k| in_names[k]);
                    if let PipelineStage::Coder(coder) = &self.stages[d.coder_at] {
                        d.nlp.retag_headline_verbs(doc, t, |k| in_names[k], |w| coder.has_verb_form(w));
                        d.nlp.retag_misread_verbs(doc, t, |w| coder.has_irregular_verb_form(w));
                        d.nlp.retag_misread_nouns(doc, t, |w| coder.has_event_noun(w));
                    }
                    let mut want = match &self.stages[d.coder_at] {
                        PipelineStage::Coder(coder) if !d.parse_all => coder.may_code(doc),
                        _ => vec![true; doc.sentences.len()],
                    };
                    for (w, q) in want.iter_mut().zip(dyad_quotes::may_read_parse(doc)) {
                        *w |= q;
                    }
                    d.nlp.parse_sentences(doc, t, |_, si| want.get(si).copied().unwrap_or(true));
                }
            }
        }
    }

    /// The stage names in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.stage().name()).collect()
    }

    /// The coder, if the pipeline has one.
    pub fn coder(&self) -> Option<&Coder> {
        self.stages.iter().find_map(|s| match s {
            PipelineStage::Coder(c) => Some(c.as_ref()),
            PipelineStage::Other(_) => None,
        })
    }

    /// For an annotated document: the parse of every sentence and what the coder matched in it.
    pub fn explain(&self, doc: &Document) -> String {
        match self.coder() {
            Some(coder) => (0..doc.sentences.len()).map(|i| coder.explain(doc, i)).collect(),
            None => "this pipeline has no coder to explain\n".to_string(),
        }
    }
}

/// Per token, whether it lies inside a name the actor dictionaries know (a person, an
/// organisation or a place, named: not a role or a pronoun) and starts with a capital.
fn tokens_in_names(doc: &Document) -> Vec<bool> {
    let mut out = vec![false; doc.tokens.len()];
    for m in &doc.mentions {
        let named = m.kind == dyad_core::MentionKind::Name
            && matches!(m.entity_type, Some(EntityType::PER | EntityType::ORG | EntityType::LOC));
        if !named {
            continue;
        }
        let first = doc.tokens.partition_point(|t| t.span.start < m.span.start);
        for (k, t) in doc.tokens.iter().enumerate().skip(first) {
            if t.span.end > m.span.end {
                break;
            }
            out[k] = doc.text[t.span.range()].starts_with(|c: char| c.is_uppercase());
        }
    }
    out
}

/// The output records of an annotated document: one per happening, with every sentence that
/// reports it as a mention (`Document::events` keeps one event per sentence that codes it).
pub fn records(doc: &Document) -> Vec<EventRecord> {
    link::link(doc.events.iter().filter_map(|e| EventRecord::from_event(doc, e)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stage that declares layers and does nothing.
    struct Declared(&'static str, &'static [Layer], &'static [Layer]);

    impl Stage for Declared {
        fn name(&self) -> &'static str {
            self.0
        }
        fn requires(&self) -> &'static [Layer] {
            self.1
        }
        fn provides(&self) -> &'static [Layer] {
            self.2
        }
        fn annotate(&self, _: &mut Document) {}
    }

    fn boxed(name: &'static str, requires: &'static [Layer], provides: &'static [Layer]) -> Box<dyn Stage> {
        Box::new(Declared(name, requires, provides))
    }

    fn parser() -> Box<dyn Stage> {
        boxed("parser", &[Layer::Text], &[Layer::Sentences, Layer::Parse])
    }

    fn tagger() -> Box<dyn Stage> {
        boxed("tagger", &[Layer::Sentences, Layer::Parse], &[Layer::Mentions])
    }

    #[test]
    fn a_stage_after_what_it_reads_builds() {
        let p = Pipeline::builder().stage(parser()).stage(tagger()).build().unwrap();
        assert_eq!(p.stage_names(), ["parser", "tagger"]);
        assert!(p.coder().is_none());
    }

    #[test]
    fn a_stage_before_what_it_reads_is_refused_by_name_and_layer() {
        let err = Pipeline::builder().stage(tagger()).stage(parser()).build().err().unwrap();
        assert!(matches!(err, PipelineError::MissingLayer { stage: "tagger", layer: Layer::Sentences }));
        assert_eq!(
            err.to_string(),
            "stage \"tagger\" needs the Sentences layer, which neither the reader nor an earlier stage provides"
        );
    }

    #[test]
    fn until_stops_after_a_stage_or_a_layer() {
        let names = |until: Until| {
            let p = Pipeline::builder().stage(parser()).stage(tagger()).until(until).build().unwrap();
            p.stage_names()
        };
        assert_eq!(names("parser".into()), ["parser"]);
        assert_eq!(names(Layer::Mentions.into()), ["parser", "tagger"]);
        let err = Pipeline::builder().stage(parser()).until(Layer::Events).build().err().unwrap();
        assert!(matches!(err, PipelineError::NoSuchStop(_)));
    }

    /// The shipped stages, as each declares them, are in an order the check accepts; quotes
    /// before the nlp stage, or time before quotes, are refused.
    #[test]
    fn the_default_set_is_in_a_valid_order() {
        let p = Pipeline::load().unwrap();
        assert_eq!(p.stage_names(), ["nlp", "actors", "quotes", "time", "places", "coder"]);
        assert!(p.coder().is_some());
        let nlp: Box<dyn Stage> = Box::new(dyad_nlp::Nlp::load().unwrap());
        let time: Box<dyn Stage> = Box::new(dyad_time::TimeTagger::new());
        let quotes: Box<dyn Stage> = Box::new(dyad_quotes::QuoteTagger::new());
        let err = check_order([quotes.as_ref(), nlp.as_ref()]).unwrap_err();
        assert!(matches!(err, PipelineError::MissingLayer { stage: "quotes", layer: Layer::Sentences }));
        let err = check_order([nlp.as_ref(), time.as_ref(), quotes.as_ref()]).unwrap_err();
        assert!(
            matches!(
                err,
                PipelineError::LayerTooLate { stage: "time", layer: Layer::Quotes, provider: "quotes" }
            ),
            "{err}"
        );
        let p = Pipeline::builder().until("actors").build().unwrap();
        assert_eq!(p.stage_names(), ["nlp", "actors"]);
        let p = Pipeline::builder().without("quotes").without("time").build().unwrap();
        assert_eq!(p.stage_names(), ["nlp", "actors", "places", "coder"]);
        let err = Pipeline::builder().without("actors").build().err().unwrap();
        assert!(matches!(err, PipelineError::MissingLayer { stage: "quotes", layer: Layer::Mentions }));
        assert!(matches!(Pipeline::builder().without("x").build(), Err(PipelineError::NoSuchStage(_))));
    }

    /// Extra PETRARCH dictionaries reach the default actor stage and code through the coder.
    #[test]
    fn extra_petrarch_dictionaries_code_their_actors() {
        let dicts =
            PetrarchActors::parse("a.txt", "GONDOR_ [GON]\n", "g.txt", "GOVERNMENT [~GOV]\n").unwrap();
        let p = Pipeline::builder().petrarch_actors(dicts).build().unwrap();
        let mut doc = Document::new("The Gondor government condemned Russia.");
        p.annotate(&mut doc);
        let sources: Vec<String> = records(&doc).into_iter().map(|r| r.source.code).collect();
        assert!(sources.contains(&"GONGOV".to_string()), "{}", p.explain(&doc));
    }

    #[test]
    fn the_default_pipeline_codes_an_event() {
        let p = Pipeline::load().unwrap();
        let mut doc = Document::new("Russia condemned Ukraine on Monday.");
        p.annotate(&mut doc);
        assert!(!records(&doc).is_empty(), "{}", p.explain(&doc));
    }
}

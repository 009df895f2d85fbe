//! The default pipeline parses only the sentences the coder or the quote stage may read the
//! parse of; everything it outputs must be what parsing every sentence gives.

use dyad_core::Document;
use dyad_pipeline::Pipeline;

fn annotate(pipeline: &Pipeline, text: &str) -> Document {
    let mut doc = dyad_ingest::document_from_text(text, "test.txt");
    pipeline.annotate(&mut doc);
    doc
}

/// Everything a later reader sees of a document, except the parse itself.
fn outputs(doc: &Document) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        dyad_pipeline::records(doc),
        doc.mentions,
        doc.quotes,
        doc.attributions,
        doc.timexes,
        doc.places,
        doc.warnings,
    )
}

/// `text` annotated by the default pipeline, which parses less, and by one that parses every
/// sentence.
fn parsed_less_and_every(text: &str) -> (Document, Document) {
    let less = Pipeline::builder().build().unwrap();
    let every = Pipeline::builder().parse_every_sentence().build().unwrap();
    (annotate(&less, text), annotate(&every, text))
}

fn parsed(doc: &Document, sentence: usize) -> bool {
    doc.sentence_tokens(sentence).iter().all(|t| t.head.is_some())
}

const TEXT: &str = "Russia condemned Ukraine on Monday.\n\n\
    The weather was fine and the sea was calm.\n\n\
    \"We will not give up,\" the minister said.\n\n\
    It rained all week.";

#[test]
fn sentences_that_cannot_yield_an_event_stay_unparsed_and_change_nothing() {
    let (a, b) = parsed_less_and_every(TEXT);
    assert_eq!(a.sentences.len(), 4, "{:?}", a.sentences);
    // An actor and a verb of the dictionary: parsed and coded.
    assert!(parsed(&a, 0));
    assert!(!dyad_pipeline::records(&a).is_empty());
    // No actor, no speech: left unparsed, but tagged and lemmatised as before.
    assert!(!parsed(&a, 1) && !parsed(&a, 3));
    assert!(a.sentence_tokens(1).iter().all(|t| t.upos != dyad_core::Upos::X && !t.lemma.is_empty()));
    // A speech verb: parsed, since the quote stage may read its subject.
    assert!(parsed(&a, 2));
    assert!((0..4).all(|i| parsed(&b, i)));
    for (x, y) in a.tokens.iter().zip(&b.tokens) {
        assert_eq!((x.span, x.upos, &x.xpos, &x.lemma), (y.span, y.upos, &y.xpos, &y.lemma));
        if x.head.is_some() {
            assert_eq!((x.head, &x.deprel), (y.head, &y.deprel));
        }
    }
    assert_eq!(outputs(&a), outputs(&b));
}

/// Real news: the same records, quotes, attributions, mentions and places for the first
/// articles of each section of the BBC sample, while some sentences go unparsed.
#[test]
fn bbc_articles_give_the_same_outputs_parsing_less() {
    let Some(dir) = dyad_core::testdata::shared_path("reference/news/bbc") else { return };
    let less = Pipeline::builder().build().unwrap();
    let every = Pipeline::builder().parse_every_sentence().build().unwrap();
    let (mut sentences, mut unparsed, mut records) = (0, 0, 0);
    for section in ["politics", "business", "sport", "tech", "entertainment"] {
        let mut files: Vec<_> = std::fs::read_dir(dir.join(section))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for path in files.iter().take(8) {
            let text = std::fs::read_to_string(path).unwrap();
            let a = annotate(&less, &text);
            let b = annotate(&every, &text);
            assert_eq!(outputs(&a), outputs(&b), "{}", path.display());
            sentences += a.sentences.len();
            unparsed += (0..a.sentences.len()).filter(|&i| !parsed(&a, i)).count();
            records += dyad_pipeline::records(&a).len();
        }
    }
    eprintln!("{sentences} sentences, {unparsed} unparsed, {records} records");
    assert!(records > 0);
    assert!(unparsed > 0 && unparsed < sentences);
}

/// A sport story: only an event with a political side would be kept, so a sentence whose
/// actors cannot be one is not parsed, and nothing changes.
const SPORT: &str = "England beat Wales in the Six Nations rugby match at Twickenham on Saturday.\n\n\
    England attacked from the first whistle and Wales defended well in the second half of the game.\n\n\
    The coach praised his players after the match, and the captain said the team would keep improving.\n\n\
    The fly-half kicked three penalties and a conversion, and the wingers scored two tries in the first half.\n\n\
    The league table now has England second, two points behind Ireland, with two rounds of the championship left to play.\n\n\
    The fans sang throughout the game and the stadium was full for the match.";

#[test]
fn in_a_sport_story_sentences_with_no_possible_political_side_stay_unparsed() {
    let (a, b) = parsed_less_and_every(SPORT);
    // "England attacked …": a country and a verb of the dictionary, but in sport a bare country
    // is a team, not the state.
    assert!(!parsed(&a, 1), "{:?}", a.sentence_tokens(1).iter().map(|t| t.head).collect::<Vec<_>>());
    // A speech verb ("the captain said") is parsed whatever the domain: quotes may read it.
    assert!(parsed(&a, 2));
    assert_eq!(outputs(&a), outputs(&b));
}

#[test]
fn a_name_the_dictionaries_know_is_a_proper_noun_to_the_parser() {
    // The tagger alone makes "Xi" a conjunction and "Jinping" a verb, and the sentence no event.
    let pipeline = Pipeline::load().unwrap();
    let doc =
        annotate(&pipeline, "Chinese President Xi Jinping meets German Chancellor Angela Merkel in Beijing.");
    let jinping = doc.tokens.iter().find(|t| doc.span_text(t.span) == "Jinping").unwrap();
    assert_eq!(jinping.upos, dyad_core::Upos::PROPN);
    let coded: Vec<(String, String)> =
        dyad_pipeline::records(&doc).iter().map(|r| (r.source.code.clone(), r.cameo.clone())).collect();
    assert!(coded.contains(&("CHNGOV".to_string(), "040".to_string())), "{coded:?}");
}

#[test]
fn a_verb_whose_lemma_lost_its_silent_e_still_gets_its_sentence_parsed() {
    // The lemmatiser makes "fined" FIN; the coder looks up FINE, and so must the test of which
    // sentences to parse (one actor only: no second actor lets it through).
    let (a, b) = parsed_less_and_every("Japan's financial watchdog has fined the bank.");
    assert!(parsed(&a, 0));
    assert!(!dyad_pipeline::records(&a).is_empty());
    assert_eq!(outputs(&a), outputs(&b));
}

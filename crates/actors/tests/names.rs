//! Names no dictionary resolves, and surnames after a full name.

use dyad_actors::ActorTagger;

fn codes_of(tagger: &ActorTagger, text: &str, words: &str) -> Vec<String> {
    let at = text.find(words).expect("the words are in the text");
    tagger
        .mentions(text, None, &[])
        .into_iter()
        .filter(|m| m.span.start as usize <= at && at < m.span.end as usize)
        .flat_map(|m| m.actors.into_iter().map(|a| a.code))
        .collect()
}

#[test]
fn a_surname_after_a_full_name_takes_the_persons_actor() {
    let tagger = ActorTagger::load_default().unwrap();
    let text = "Tory leader Michael Howard spoke in London. Later Mr Howard said the plan had failed.";
    let first = codes_of(&tagger, text, "Michael Howard");
    assert!(!first.is_empty(), "the full name is known");
    assert_eq!(codes_of(&tagger, text, "Mr Howard"), first);
}

#[test]
fn an_office_holder_of_unknown_country_is_coded_by_role_only_with_a_full_name() {
    let tagger = ActorTagger::load_default().unwrap();
    // A name in no dictionary (invented).
    let text = "On Monday, Prime Minister Tomas Kolarik agreed to resign.";
    assert_eq!(codes_of(&tagger, text, "Tomas Kolarik"), vec!["---GOV".to_string()]);
    let text = "The vote came before the General Election began.";
    assert!(codes_of(&tagger, text, "Election").is_empty());
}

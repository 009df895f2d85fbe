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

#[test]
fn a_bare_political_role_is_an_actor_of_the_state_before_it_or_of_unknown_country() {
    let tagger = ActorTagger::load_default().unwrap();
    // No state before it: the role alone, of unknown country.
    let text = "Police arrested three protesters on Sunday.";
    assert_eq!(codes_of(&tagger, text, "Police"), vec!["---COP".to_string()]);
    // A state just mentioned gives the role its country.
    let text = "Protests spread across Iraq. Police arrested three protesters on Sunday.";
    let sentences = [dyad_core::Span::new(0, 28), dyad_core::Span::new(29, text.len())];
    let police = tagger
        .mentions(text, None, &sentences)
        .into_iter()
        .find(|m| m.span.text(text) == "Police")
        .expect("the role is a mention");
    assert_eq!(police.actors[0].code, "IRQCOP");
    // A word that is no political body ("people", "business") is no actor without a country.
    let text = "People gathered outside the court.";
    assert!(codes_of(&tagger, text, "People").is_empty());
    // Workers and teachers, who strike, are actors without a determiner too.
    let text = "Teachers went on strike for better pay.";
    assert_eq!(codes_of(&tagger, text, "Teachers"), vec!["---EDU".to_string()]);
    let text = "Thousands of textile workers stopped work.";
    assert_eq!(codes_of(&tagger, text, "workers"), vec!["---LAB".to_string()]);
}

/// Sentence spans of a text whose sentences end in ". ".
fn sentence_spans(text: &str) -> Vec<dyad_core::Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '.' {
            spans.push(dyad_core::Span::new(start, i + 1));
            start = i + 2;
        }
    }
    spans
}

#[test]
fn a_bare_role_far_from_any_state_takes_the_state_the_story_is_about() {
    let tagger = ActorTagger::load_default().unwrap();
    let government = |text: &str| {
        tagger
            .mentions(text, None, &sentence_spans(text))
            .into_iter()
            .find(|m| m.span.text(text) == "the government")
            .map(|m| m.actors.iter().map(|a| a.code.clone()).collect::<Vec<_>>())
    };
    // Britain was named five sentences back (too far for "the state just mentioned"), but
    // the story's named actors are British.
    let text = "Britain's budget was announced in London. Tony Blair and Gordon Brown defended it. \
                Michael Howard said it would raise taxes. Mr Kennedy agreed with him. Voters were \
                unconvinced by the figures. He accused the government of waste.";
    assert_eq!(government(text), Some(vec!["GBRGOV".to_string()]));
    // Two states as often named: no home state, the role keeps an unknown country.
    let text = "France and Germany met. Paris and Berlin talked. The talks went on. \
                Rain fell. Rain fell. He accused the government of waste.";
    assert_eq!(government(text), Some(vec!["---GOV".to_string()]));
}

#[test]
fn titles_before_a_known_full_name_do_not_hide_it() {
    let tagger = ActorTagger::load_default().unwrap();
    // "Secretary" is no role dyad knows before "General": the capitalised run is titles and a
    // known name, not one unknown name swallowing NATO and Stoltenberg.
    let text = "NATO Secretary General Jens Stoltenberg called Erdogan.";
    assert_eq!(codes_of(&tagger, text, "NATO"), vec!["IGOWSTNAT".to_string()]);
    let person = codes_of(&tagger, text, "Stoltenberg");
    assert!(person.len() == 1 && person[0].starts_with("NOR"), "{person:?}");
    // An unknown name with a known word inside stays one name ("Bank of Korea").
    let text = "The Bank of Korea raised rates.";
    assert_eq!(codes_of(&tagger, text, "Bank"), vec!["KOR".to_string()]);
}

#[test]
fn hyphenated_and_religious_titles_name_a_person() {
    let tagger = ActorTagger::load_default().unwrap();
    // Invented names, in no dictionary.
    let text = "Vice-President Tomas Kolarik defended the plan.";
    assert_eq!(codes_of(&tagger, text, "Kolarik"), vec!["---GOV".to_string()]);
    let text = "Ex-President Tomas Kolarik defended the plan.";
    assert_eq!(codes_of(&tagger, text, "Kolarik"), vec!["---ELI".to_string()]);
    // A department no list names belongs to the role after it; a shadow minister is the
    // opposition's.
    let text = "Iraq's Trade Minister Tomas Kolarik welcomed the move.";
    assert_eq!(codes_of(&tagger, text, "Kolarik"), vec!["IRQGOV".to_string()]);
    let text = "Shadow home secretary Tomas Kolarik attacked the plan.";
    assert_eq!(codes_of(&tagger, text, "Kolarik"), vec!["---OPP".to_string()]);
    // Known words between the department and the role stay theirs (this overlapped once).
    let text = "Deputy High Court Judge Tomas Kolarik ruled on the case.";
    assert_eq!(codes_of(&tagger, text, "Kolarik"), vec!["---JUD".to_string()]);
    let text = "Imam Tomas Kolarik demanded an apology.";
    assert_eq!(codes_of(&tagger, text, "Kolarik"), vec!["---REL".to_string()]);
}

#[test]
fn an_armed_role_after_an_indefinite_article_is_an_actor_an_official_is_not() {
    let tagger = ActorTagger::load_default().unwrap();
    let text = "A rebel commander has surrendered to the army.";
    assert_eq!(codes_of(&tagger, text, "commander"), vec!["---REB".to_string()]);
    let text = "An official said the talks had failed.";
    assert!(codes_of(&tagger, text, "official").is_empty());
    // Prisoners and civilians are actors without a determiner; "people" is no one in particular.
    let text = "Militants freed 37 prisoners and killed civilians.";
    assert_eq!(codes_of(&tagger, text, "prisoners"), vec!["---CVL".to_string()]);
    assert_eq!(codes_of(&tagger, text, "civilians"), vec!["---CVL".to_string()]);
    let text = "Militants freed 37 people.";
    assert!(codes_of(&tagger, text, "people").is_empty());
    let text = "The Heads of State condemned the attack.";
    assert_eq!(codes_of(&tagger, text, "Heads"), vec!["---GOV".to_string()]);
}

#[test]
fn a_surname_in_the_headline_takes_the_person_named_in_full_below() {
    let tagger = ActorTagger::load_default().unwrap();
    let text = "Howard attacks the budget\n\nTory leader Michael Howard spoke in London on Monday.";
    let full = codes_of(&tagger, text, "Michael Howard");
    assert!(!full.is_empty(), "the full name is known");
    assert_eq!(codes_of(&tagger, text, "Howard attacks"), full);
}

#[test]
fn british_members_of_parliament_and_campaigners_are_roles() {
    let tagger = ActorTagger::load_default().unwrap();
    // MPs are the legislature, written as the British write it ("MPs", not "mps").
    let text = "British MPs criticised the plan.";
    assert_eq!(codes_of(&tagger, text, "MPs"), vec!["GBRLEG".to_string()]);
    let text = "Campaigners welcomed the news.";
    assert_eq!(codes_of(&tagger, text, "Campaigners"), vec!["---OPP".to_string()]);
}

#[test]
fn refugees_without_a_determiner_are_a_group() {
    let tagger = ActorTagger::load_default().unwrap();
    let text = "Lithuania opened its borders to refugees in 1997.";
    let codes = codes_of(&tagger, text, "refugees");
    assert!(codes.iter().all(|c| c.ends_with("REF")) && !codes.is_empty(), "{codes:?}");
    // "people" names no one in particular.
    assert!(codes_of(&tagger, "Lithuania helped people in 1997.", "people").is_empty());
}

//! Whom "he" stands for, end to end on text written for these tests: the person a reader takes
//! for the topic (the last speaker, or the person subject of the last sentence), and nobody
//! known when that person is not in the dictionary; and whose country a role takes.

use dyad_core::Document;

fn annotated(text: &str) -> Document {
    // The texts hold no straight quotation marks or backslashes (curly quotation marks need
    // none): only line breaks need escaping.
    let feed = format!("{{\"date\": \"2005-03-17\", \"text\": \"{}\"}}\n", text.replace('\n', "\\n"));
    let mut docs = dyad_ingest::read_stream(Box::new(std::io::Cursor::new(feed.into_bytes())), "-");
    let mut doc = docs.next().expect("one document").expect("it reads");
    dyad_pipeline::Pipeline::load().unwrap().annotate(&mut doc);
    doc
}

/// The words of the antecedent of the first "He" in the sentence opening with `sentence`,
/// and whether the pronoun took an actor.
fn he_in(doc: &Document, sentence: &str) -> (String, bool) {
    let he = mention_after(doc, sentence, "He");
    (antecedent_words(doc, he), !he.actors.is_empty())
}

/// The first mention spelt `word` at or after the text `from`.
fn mention_after<'d>(doc: &'d Document, from: &str, word: &str) -> &'d dyad_core::Mention {
    let at = doc.text.find(from).expect("the text is there");
    doc.mentions
        .iter()
        .find(|m| m.span.start as usize >= at && doc.span_text(m.span) == word)
        .unwrap_or_else(|| panic!("no mention {word:?} at or after {from:?}: {:#?}", doc.mentions))
}

/// The words of mention `m`'s antecedent, empty if it has none.
fn antecedent_words(doc: &Document, m: &dyad_core::Mention) -> String {
    m.antecedent.map(|a| doc.span_text(doc.mentions[a as usize].span).to_string()).unwrap_or_default()
}

#[test]
fn he_is_the_subject_of_the_last_sentence_not_the_last_name() {
    let doc = annotated(
        "Tory leader Michael Howard has dismissed Gordon Brown's Budget as a con.\n\n\
         He accused the chancellor of hiding tax rises.",
    );
    let (ante, resolved) = he_in(&doc, "He accused");
    assert!(ante.ends_with("Michael Howard"), "antecedent {ante:?}");
    assert!(resolved);
}

#[test]
fn an_opening_clause_names_someone_other_than_the_speaker() {
    let doc = annotated(
        "Speaking after Gordon Brown had delivered the Budget, Michael Howard said it was a con.\n\n\
         He accused the chancellor of hiding tax rises.",
    );
    let (ante, _) = he_in(&doc, "He accused");
    assert!(ante.ends_with("Michael Howard"), "antecedent {ante:?}");
}

#[test]
fn after_a_speaker_no_dictionary_knows_he_takes_no_actor() {
    let doc = annotated(
        "Gordon Brown presented his Budget on Wednesday.\n\n\
         Lord Rennard said the plans were unfair.\n\n\
         He urged voters to back the Liberal Democrats.",
    );
    let (ante, resolved) = he_in(&doc, "He urged");
    assert!(ante.ends_with("Rennard"), "antecedent {ante:?}");
    assert!(!resolved, "'He' took an actor: {:#?}", doc.mentions);
}

/// The actors the first mention `pronoun` in the sentence opening with `sentence` took.
fn codes_of(doc: &Document, sentence: &str, pronoun: &str) -> Vec<String> {
    mention_after(doc, sentence, pronoun).actors.iter().map(|a| a.code.clone()).collect()
}

#[test]
fn their_is_the_body_of_people_just_named_not_everyone_in_sight() {
    let doc = annotated(
        "French police cleared a camp in Calais on Sunday.\n\n\
         Iraqi forces have begun their assault on Mosul.",
    );
    assert_eq!(codes_of(&doc, "Iraqi forces", "their"), ["IRQMIL"]);
    let doc = annotated(
        "Tory leader Michael Howard spoke in London.\n\n\
         The Tories have called for a change in the law.\n\n\
         Their demands were backed by judges.",
    );
    // Dated 2005: the Tories were in opposition.
    assert_eq!(codes_of(&doc, "Their demands", "Their"), ["GBROPP"]);
    // Two bodies just named, not coordinated: "they" is the last of them, not both.
    let doc = annotated(
        "The Countryside Alliance lost its case against the government.

         After the ruling, they said they would appeal.",
    );
    assert_eq!(codes_of(&doc, "After the ruling", "they"), ["GBRNGO"]);
}

#[test]
fn a_speaker_named_after_the_speech_is_the_one_he_follows() {
    let doc = annotated(
        "Tory leader Michael Howard spoke in London.\n\n\
         Gordon Brown's Budget was a con, the Tory leader said.\n\n\
         He accused the chancellor of hiding tax rises.",
    );
    let (ante, resolved) = he_in(&doc, "He accused");
    assert_eq!(ante, "the Tory leader");
    assert!(resolved);
    // "The general election" names no general.
    let doc = annotated("The general election would be a three-party struggle, Michael Howard said.");
    assert!(doc.mentions.iter().all(|m| !doc.span_text(m.span).contains("general")), "{:#?}", doc.mentions);
}

/// The codes of the first mention whose text is `words`.
fn codes_named(doc: &Document, words: &str) -> Vec<String> {
    let m = doc
        .mentions
        .iter()
        .find(|m| doc.span_text(m.span) == words)
        .unwrap_or_else(|| panic!("no mention {words:?}: {:#?}", doc.mentions));
    m.actors.iter().map(|a| a.code.clone()).collect()
}

#[test]
fn a_title_and_a_surname_never_named_in_full_are_the_office_holder_of_the_story_s_country() {
    let doc = annotated(
        "British voters go to the polls in May.\n\n\
         Mr Blair said Mr Howard was wrong, and Mr Hilton agreed.",
    );
    // Tony Blair was prime minister on the document's date; Michael Howard led the opposition
    // (John Howard, Australia's prime minister, is of no country the story names).
    assert_eq!(codes_named(&doc, "Mr Blair"), ["GBRGOV"]);
    assert_eq!(codes_named(&doc, "Mr Howard"), ["GBROPP"]);
    // No Hilton held a British office then: unknown, not some Hilton of the dictionary.
    assert!(codes_named(&doc, "Mr Hilton").is_empty());
}

#[test]
fn a_country_that_backs_a_group_does_not_give_it_its_country() {
    let doc = annotated("Iranian-backed rebels attacked the city.");
    assert_eq!(codes_named(&doc, "rebels"), ["---REB"]);
}

#[test]
fn an_object_pronoun_is_not_the_subject_of_its_own_clause() {
    // "him" is the freed man no dictionary knows, not Kiir pardoning himself.
    let doc = annotated("Peter Biar Ajak was released after President Salva Kiir pardoned him.");
    assert!(codes_of(&doc, "Peter Biar Ajak", "him").is_empty(), "{:#?}", doc.mentions);
    // With a known person before the subject, "him" is that person.
    let doc = annotated("Tony Blair said Michael Howard had attacked him.");
    assert_eq!(codes_of(&doc, "Tony Blair", "him"), ["GBRGOV"]);
}

#[test]
fn a_country_s_possessive_gives_a_role_its_country() {
    let doc = annotated("Romania's president refused a request from Hungary.");
    assert_eq!(codes_named(&doc, "Romania's president"), ["ROUGOV"]);
    // A lowercase modifier before a title-case office: an ex-office holder is an elite.
    let doc = annotated("Arroyo pardoned former President Joseph Estrada.");
    assert_eq!(codes_named(&doc, "former President Joseph Estrada"), ["PHLELI"]);
}

#[test]
fn a_role_is_of_the_state_named_in_its_sentence_before_one_named_earlier() {
    let doc = annotated(
        "Ethiopia released prisoners on Monday.\n\n\
         A suicide bomber in Mogadishu killed six people.\n\n\
         Colombia said the police had arrested two men.",
    );
    assert_eq!(codes_named(&doc, "suicide bomber"), ["SOMREB"]);
    assert_eq!(codes_named(&doc, "the police"), ["COLCOP"]);
}

#[test]
fn an_election_is_no_actor() {
    let doc = annotated(
        "Mr Kennedy's tour comes as he, Labour leader Tony Blair and Conservative leader Michael Howard \
         all step up campaigning ahead of the next General Election, widely expected to be held in May.",
    );
    let election = doc.mentions.iter().find(|m| doc.span_text(m.span).contains("Election"));
    assert!(election.is_none_or(|m| m.actors.is_empty() && m.entity_type.is_none()), "{election:#?}");
}

#[test]
fn an_organisation_s_person_named_by_role_is_the_one_named_earlier_with_it() {
    let doc = annotated(
        "Tory leader Michael Howard spoke in London.\n\n\
         The Budget was a con, the Tory leader said.\n\n\
         He accused the chancellor of hiding tax rises.",
    );
    assert_eq!(codes_named(&doc, "the Tory leader"), ["GBROPP"]);
    let (ante, resolved) = he_in(&doc, "He accused");
    assert_eq!(ante, "the Tory leader");
    assert!(resolved);
    assert_eq!(codes_of(&doc, "He accused", "He"), ["GBROPP"]);
}

#[test]
fn a_pronoun_never_stands_for_a_person_the_text_gives_the_other_sex() {
    let doc = annotated(
        "First Minister Jack McConnell ordered a report.\n\n\
         Ms Sturgeon said she had written to him.",
    );
    assert_eq!(codes_of(&doc, "Ms Sturgeon said", "she"), ["GBROPP"]);
    assert_eq!(codes_of(&doc, "Ms Sturgeon said", "him"), ["GBRGOV"]);
}

#[test]
fn a_body_naming_its_correspondent_is_not_the_speaker_she_stands_for() {
    // "BBC correspondent Sarah Jones said": she speaks, not the BBC; "she" after it is Sarah
    // Jones (no actor), not the last person of an actor named before.
    let doc = annotated(
        "Mike Hobson, of the Refugee Council, urged ministers to act.\n\n\
         BBC correspondent Sarah Jones said the mood in the camp was tense.\n\n\
         She said many people did not share the council's hopes.",
    );
    let codes = codes_of(&doc, "She said many", "She");
    assert!(codes.is_empty(), "'She' took {codes:?}");
}

#[test]
fn a_role_said_with_the_day_is_still_a_role() {
    // "today" after a role is a time, not a noun the role modifies.
    let doc = annotated("Russia wrote to the president today.");
    assert_eq!(codes_named(&doc, "the president"), ["RUSGOV"]);
}

#[test]
fn him_in_a_quotation_is_the_person_the_quotation_just_named() {
    // Sturgeon speaks; "him" is the first minister her quotation named, not a man outside it.
    let doc = annotated(
        "Tory leader Michael Howard backed the inquiry.\n\n\
         Ms Sturgeon said: \u{201c}I have written to the first minister today asking for answers. \
         I have also asked him to confirm which minister took the decision.\u{201d}",
    );
    let codes = codes_of(&doc, "I have also asked", "him");
    assert!(codes.iter().all(|c| c.ends_with("GOV")) && !codes.is_empty(), "'him' took {codes:?}");
}

#[test]
fn he_in_a_sentence_opened_by_a_person_no_dictionary_knows_is_that_person() {
    let doc = annotated(
        "First Minister Jack McConnell has ordered a report on the escape.\n\n\
         Brian Ferguson, who attacked a man in 1994, had been out to see his fiancee, whom he met in hospital.",
    );
    let codes = codes_of(&doc, "Brian Ferguson, who", "he");
    assert!(codes.is_empty(), "'he' took {codes:?}");
}

#[test]
fn he_never_takes_a_they_that_stands_for_several() {
    let doc = annotated(
        "Tony Blair and Michael Howard clashed in the Commons.\n\n\
         They said the debate had been fierce.\n\n\
         He said voters would decide.",
    );
    let codes = codes_of(&doc, "He said voters", "He");
    assert!(codes.len() <= 1, "'He' took {codes:?}");
}

#[test]
fn a_person_named_in_apposition_to_a_party_office_holds_it() {
    // The Conservatives were in opposition in 2005; the name is in no dictionary.
    let doc = annotated("Scottish Conservative leader, Donald McTavish, said the escape was a disgrace.");
    assert_eq!(codes_named(&doc, "Donald McTavish"), ["GBROPP"]);
    let doc = annotated("Liberal Democrat spokesman Angus Pollock criticised the plans.");
    assert_eq!(codes_named(&doc, "Liberal Democrat spokesman Angus Pollock"), ["GBROPP"]);
}

#[test]
fn british_cabinet_offices_are_government_roles() {
    let doc = annotated(
        "Tony Blair, Gordon Brown and John Prescott met union leaders in London.\n\n\
         The home secretary said he will consult the police.",
    );
    assert_eq!(codes_named(&doc, "The home secretary"), ["GBRGOV"]);
}

#[test]
fn it_after_a_body_no_dictionary_knows_is_that_body() {
    let doc = annotated(
        "Irish campaigners protested outside the embassy.\n\n\
         In October 1989 the Court of Appeal quashed the sentences, and in June 1991 it overturned another ruling.",
    );
    let codes = codes_of(&doc, "In October 1989", "it");
    assert!(codes.is_empty(), "'it' took {codes:?}");
}

#[test]
fn their_is_the_subject_of_its_own_clause_first() {
    let doc = annotated(
        "The government published the new rules on Monday.\n\n\
         He said police had “acknowledged their duty to investigate allegations”.",
    );
    assert_eq!(antecedent_words(&doc, mention_after(&doc, "He said", "their")), "police");
    // With what is coordinated with that subject.
    let doc = annotated(
        "The Palestinian Authority thanked its donors.\n\n\
         Germany, Norway and Denmark have already provided their annual donations.",
    );
    let codes = codes_of(&doc, "their annual", "their");
    assert!(["DEU", "NOR", "DNK"].iter().all(|c| codes.iter().any(|k| k == c)), "{codes:?}");
}

#[test]
fn it_opening_a_sentence_continues_the_body_that_opened_the_one_before() {
    // A body no dictionary knows: "it" is that body, no actor, not the last country named.
    let doc = annotated(
        "Yukos is currently suing four Russian companies over the sale. \
         It has also threatened to sue the Russian government.",
    );
    let at = doc.text.find("It has").unwrap();
    let it = doc.mentions.iter().find(|m| m.span.start as usize == at);
    assert!(it.is_none_or(|m| m.actors.is_empty()), "{:?}", it);
    // A known one: "it" takes its actors.
    let doc = annotated(
        "The National Audit Office said the European Union had no common definition of fraud. \
         It also expressed concern about the accounts.",
    );
    assert_eq!(codes_of(&doc, "It also", "It"), ["GBRGOV"]);
}

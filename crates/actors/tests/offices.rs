//! Office holders of the 2010s and 2020s: the code is the role held on the document's date.

use chrono::NaiveDate;
use dyad_actors::ActorTagger;

fn tagger() -> &'static ActorTagger {
    static T: std::sync::OnceLock<ActorTagger> = std::sync::OnceLock::new();
    T.get_or_init(|| ActorTagger::load_default().unwrap())
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The codes of the mention that covers `words` in `text` on `date`.
fn codes(text: &str, words: &str, date: Option<NaiveDate>) -> Vec<String> {
    let at = text.find(words).expect("the words are in the text");
    tagger()
        .mentions(text, date, &[])
        .into_iter()
        .filter(|m| m.span.start as usize <= at && at < m.span.end as usize)
        .flat_map(|m| m.actors.into_iter().map(|a| a.code))
        .collect()
}

#[test]
fn an_army_commander_turned_president_is_coded_by_the_date() {
    let text = "Joseph Aoun met the envoy in Beirut.";
    assert_eq!(codes(text, "Joseph Aoun", day(2020, 6, 1)), ["LBNMIL"]);
    assert_eq!(codes(text, "Joseph Aoun", day(2025, 3, 1)), ["LBNGOV"]);
}

#[test]
fn a_prime_minister_between_terms_at_an_igo_is_coded_by_the_date() {
    let text = "Donald Tusk criticised the plan.";
    assert_eq!(codes(text, "Donald Tusk", day(2012, 5, 1)), ["POLGOV"]);
    assert_eq!(codes(text, "Donald Tusk", day(2016, 5, 1)), ["IGOEUREEC"]);
    assert_eq!(codes(text, "Donald Tusk", day(2021, 5, 1)), ["POL"], "between offices: the country");
    assert_eq!(codes(text, "Donald Tusk", day(2024, 5, 1)), ["POLGOV"]);
}

#[test]
fn short_forms_take_the_persons_dated_role() {
    // A prime minister, then leader of the opposition.
    let text = "Babis rejected the proposal.";
    assert_eq!(codes(text, "Babis", day(2019, 4, 1)), ["CZEGOV"]);
    assert_eq!(codes(text, "Babis", day(2023, 4, 1)), ["CZEOPP"]);
    // A paramilitary commander, then a member of the ruling council, then a rebel leader.
    let text = "Hemedti accused the army of the attack.";
    assert_eq!(codes(text, "Hemedti", day(2018, 1, 1)), ["SDNMIL"]);
    assert_eq!(codes(text, "Hemedti", day(2021, 1, 1)), ["SDNGOV"]);
    assert_eq!(codes(text, "Hemedti", day(2024, 1, 1)), ["SDNREB"]);
}

#[test]
fn an_office_holder_before_the_converted_lists_end_and_after_is_known() {
    // Phoenix's roles end around 2015; dyad's own list carries the role on.
    let text = "Salva Kiir met Riek Machar in Juba.";
    assert_eq!(codes(text, "Salva Kiir", day(2023, 1, 1)), ["SSDGOV"]);
    assert_eq!(codes(text, "Riek Machar", day(2015, 1, 1)), ["SSDREB"]);
    assert_eq!(codes(text, "Riek Machar", day(2021, 1, 1)), ["SSDGOV"]);
}

#[test]
fn each_term_says_where_it_is_on_record() {
    let t = tagger();
    let igo = t.source_of("Donald Tusk", day(2016, 5, 1)).unwrap();
    let gov = t.source_of("Donald Tusk", day(2024, 5, 1)).unwrap();
    assert!(igo.contains("European Council"), "{igo}");
    assert!(gov.contains("Poland"), "{gov}");
    assert_eq!(t.source_of("Nobody Atall", None), None);
}

//! The places stage over real annotation layers (the nlp and actor stages before it).

use dyad_core::{Document, PlaceKind, Stage};

fn places(text: &str) -> Document {
    let mut doc = Document::new(text);
    dyad_nlp::Nlp::load().unwrap().annotate(&mut doc);
    dyad_actors::ActorTagger::load_default().unwrap().annotate(&mut doc);
    dyad_places::PlaceTagger::load_default().unwrap().annotate(&mut doc);
    doc
}

#[test]
fn the_dateline_a_locative_city_and_an_actor_country_are_told_apart() {
    let doc = places(
        "SEOUL, Nov. 1 (Yonhap) -- Russia criticised Japan on Friday. \
         Police said the foreign ministers met in Geneva.",
    );
    let found: Vec<(&str, &str, bool, bool, bool)> = doc
        .places
        .iter()
        .map(|p| (doc.span_text(p.span), p.geo.country.as_str(), p.dateline, p.locative, p.actor))
        .collect();
    assert!(found.contains(&("SEOUL", "KOR", true, false, false)), "{found:?}");
    assert!(found.contains(&("Geneva", "CHE", false, true, false)), "{found:?}");
    assert!(found.iter().any(|f| f.0 == "Russia" && f.4), "a country that acts is an actor: {found:?}");
    // "Police" is a town in Poland, but here a common noun.
    assert!(!found.iter().any(|f| f.0 == "Police"), "{found:?}");
    let geneva = doc.places.iter().find(|p| doc.span_text(p.span) == "Geneva").unwrap();
    assert_eq!(geneva.kind, PlaceKind::City);
    // The second sentence's event is placed in Geneva, the first's at the dateline.
    let trigger = doc.text.find("met").unwrap() as u32;
    assert_eq!(dyad_core::action_geo(&doc, 1, trigger).unwrap().name, "Geneva");
    let first = doc.text.find("criticised").unwrap() as u32;
    assert_eq!(dyad_core::action_geo(&doc, 0, first).unwrap().name, "Seoul");
}

//! One record per happening in a document: the headline and the lead (or two paragraphs) often
//! report the same act, and the coder, which reads one sentence at a time, codes it once in
//! each. Records of one document that agree on who did what to whom and when are one event,
//! with every sentence that reports it as a mention.

use dyad_core::cameo::related_codes;
use dyad_core::EventRecord;

/// Link the records of one document (in text order) into one record per happening. Each keeps
/// the best mention's fields and id (so ids stay those of a coded event) and lists every
/// mention in text order.
pub(crate) fn link(records: Vec<EventRecord>) -> Vec<EventRecord> {
    let mut groups: Vec<Vec<EventRecord>> = Vec::new();
    'records: for r in records {
        for g in groups.iter_mut() {
            // Every member, not only the first: "0571" and "0572" are each "057"'s, not one act.
            if g.iter().all(|m| same_happening(m, &r)) {
                g.push(r);
                continue 'records;
            }
        }
        groups.push(vec![r]);
    }
    let mut linked: Vec<EventRecord> = groups.into_iter().filter_map(merge).collect();
    linked.sort_by_key(|r| r.sentence_index);
    linked
}

/// The same actors, the same date, codes of one family, and not one denied where the other is
/// reported (a negated act is the opposite happening).
fn same_happening(a: &EventRecord, b: &EventRecord) -> bool {
    // In one sentence, two actors of one code named apart are two actors ("the Tories and the
    // Lib Dems called for"); across sentences names vary ("Blair", "Tony Blair") and codes link.
    let apart = a.sentence_index == b.sentence_index
        && (a.source.name != b.source.name
            || a.target.as_ref().map(|t| &t.name) != b.target.as_ref().map(|t| &t.name));
    !apart
        && a.source.code == b.source.code
        && a.target.as_ref().map(|t| &t.code) == b.target.as_ref().map(|t| &t.code)
        && (a.date == b.date || undated_headline(a) || undated_headline(b))
        && related_codes(&a.cameo, &b.cameo)
        && (a.status == "negated") == (b.status == "negated")
}

/// A headline rarely says when ("Britain and France sign pact"); it has the document's date
/// only for want of its own, and takes the date of the act the story tells.
fn undated_headline(r: &EventRecord) -> bool {
    r.section == "headline" && r.date_source.as_deref() != Some("clause")
}

/// How specific a code is: a root's unspecified code, a three-digit code, a four-digit one.
fn specificity(code: &str) -> u8 {
    match code.len() {
        4.. => 3,
        3 if !code.ends_with('0') => 2,
        _ => 1,
    }
}

/// The article's own telling over its headline, a caption or appended commentary.
fn section_rank(section: &str) -> u8 {
    match section {
        "headline" => 0,
        "caption" | "commentary" => 1,
        _ => 2,
    }
}

/// One record for a group: the best mention (body over headline, then the most specific code,
/// then the first), with every mention of the group.
fn merge(group: Vec<EventRecord>) -> Option<EventRecord> {
    let mut mentions: Vec<_> = group.iter().flat_map(|r| r.mentions.iter().cloned()).collect();
    mentions.sort_by_key(|m| m.sentence_index);
    mentions.dedup_by_key(|m| m.sentence_index);
    let (_, mut best) = group.into_iter().enumerate().max_by_key(|(i, r)| {
        (section_rank(&r.section), specificity(&r.cameo), std::cmp::Reverse((r.sentence_index, *i)))
    })?;
    best.num_mentions = mentions.len() as u32;
    best.mentions = mentions;
    Some(best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::{ActorRef, EventMention};

    fn record(
        sentence: u32,
        section: &str,
        source: &str,
        target: &str,
        cameo: &str,
        date: &str,
    ) -> EventRecord {
        let actor = |code: &str| ActorRef {
            code: code.into(),
            country: code[..3].into(),
            text: code.into(),
            name: code.into(),
        };
        let evidence = format!("sentence {sentence}");
        let char_span = [sentence as usize * 100, sentence as usize * 100 + 10];
        EventRecord {
            doc_id: "d".into(),
            input_id: None,
            event_id: format!("e{sentence}{cameo}"),
            date: Some(date.into()),
            date_precision: "day".into(),
            date_source: Some("document".into()),
            source: actor(source),
            target: Some(actor(target)),
            cameo: cameo.into(),
            root: cameo[..2].into(),
            plover: None,
            quad_class: 1,
            goldstein: 0.0,
            status: "asserted".into(),
            attributed_to: None,
            section: section.into(),
            sentence_index: sentence,
            char_span,
            evidence: evidence.clone(),
            action_geo: None,
            num_mentions: 1,
            num_sources: 1,
            num_articles: 1,
            mentions: vec![EventMention {
                doc_id: "d".into(),
                section: section.into(),
                sentence_index: sentence,
                char_span,
                evidence,
            }],
            rule: "test".into(),
            truncated: false,
        }
    }

    #[test]
    fn the_headline_and_the_lead_of_one_act_are_one_event() {
        let linked = link(vec![
            record(0, "headline", "GBR", "FRA", "057", "2005-03-12"),
            record(1, "lede", "GBR", "FRA", "0571", "2005-03-12"),
            record(4, "body", "GBR", "FRA", "057", "2005-03-12"),
        ]);
        assert_eq!(linked.len(), 1, "{linked:#?}");
        let e = &linked[0];
        // The body's telling with the most specific code; its own id kept.
        assert_eq!((e.sentence_index, e.cameo.as_str(), e.event_id.as_str()), (1, "0571", "e10571"));
        let at: Vec<(u32, &str)> =
            e.mentions.iter().map(|m| (m.sentence_index, m.section.as_str())).collect();
        assert_eq!(at, [(0, "headline"), (1, "lede"), (4, "body")]);
    }

    #[test]
    fn two_actors_of_one_code_named_apart_in_one_sentence_are_two_events() {
        let named = |sentence: u32, name: &str| {
            let mut r = record(sentence, "body", "GBRPTY", "GBRGOV", "020", "2005-03-12");
            r.source.name = name.into();
            r
        };
        // "The Tories and the Lib Dems called for …": two events; the first is shown first.
        let linked = link(vec![named(2, "Tories"), named(2, "Lib Dems")]);
        let names: Vec<&str> = linked.iter().map(|r| r.source.name.as_str()).collect();
        assert_eq!(names, ["Tories", "Lib Dems"]);
        // Across sentences names vary ("Tory", "Conservatives") and the codes link.
        let linked = link(vec![named(2, "Tories"), named(5, "Conservatives")]);
        assert_eq!(linked.len(), 1);
        assert_eq!(linked[0].source.name, "Tories");
    }

    #[test]
    fn other_actors_dates_codes_or_a_denial_are_other_events() {
        let mut negated = record(3, "body", "GBR", "FRA", "057", "2005-03-12");
        negated.status = "negated".into();
        let linked = link(vec![
            record(0, "headline", "GBR", "FRA", "057", "2005-03-12"),
            record(1, "body", "FRA", "GBR", "057", "2005-03-12"),
            record(2, "body", "GBR", "FRA", "057", "1950"),
            record(3, "body", "GBR", "FRA", "0571", "2005-03-12"),
            record(4, "body", "GBR", "FRA", "0572", "2005-03-12"),
            record(5, "body", "GBR", "FRA", "061", "2005-03-12"),
            negated,
        ]);
        let kept: Vec<(u32, usize)> = linked.iter().map(|r| (r.sentence_index, r.mentions.len())).collect();
        // The headline (dated by the document) joins the first body act of its family and
        // actors, whatever its date; 0571 and 0572 are each 057's, not one act.
        assert_eq!(kept, [(1, 1), (2, 2), (3, 1), (3, 1), (4, 1), (5, 1)], "{linked:#?}");
    }

    #[test]
    fn a_headline_without_its_own_date_heads_the_dated_lead() {
        let mut lead = record(1, "lede", "GBR", "FRA", "057", "2005-03-07");
        lead.date_source = Some("clause".into());
        let mut later = record(2, "body", "GBR", "FRA", "057", "2005-03-12");
        later.date_source = Some("clause".into());
        let linked = link(vec![record(0, "headline", "GBR", "FRA", "057", "2005-03-12"), lead, later]);
        let kept: Vec<(u32, Option<&str>, usize)> =
            linked.iter().map(|r| (r.sentence_index, r.date.as_deref(), r.mentions.len())).collect();
        // Two acts on two days: the body's dates keep them apart.
        assert_eq!(kept, [(1, Some("2005-03-07"), 2), (2, Some("2005-03-12"), 1)]);
    }

    #[test]
    fn codes_of_one_family() {
        assert!(related_codes("057", "057"));
        assert!(related_codes("057", "0571"));
        assert!(related_codes("040", "042"));
        assert!(!related_codes("042", "043"));
        assert!(!related_codes("057", "051"));
        assert!(!related_codes("110", "057"));
    }
}

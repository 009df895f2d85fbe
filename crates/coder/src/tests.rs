//! Tests of the engine with dyad's own dictionary, over hand-written parses: one test per
//! construction the issue names, and the dictionary readers.

use super::*;
use dyad_core::{
    Actor, Anchor, Attribution, Mention, MentionKind, Precision, Section, Sentence, Span, Status, Timex,
    TimexType, Token, Upos,
};

/// A one-sentence document from rows "form lemma UPOS head deprel [ACTOR]" separated by ';'.
/// Tokens are joined by spaces; a token with an actor code gets a one-token mention.
fn doc(rows: &str) -> Document {
    let rows: Vec<Vec<&str>> = rows
        .split(';')
        .map(|r| r.split_whitespace().collect())
        .filter(|r: &Vec<&str>| !r.is_empty())
        .collect();
    let mut text = String::new();
    let mut spans = Vec::new();
    for r in &rows {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(&r[0].replace('_', " "));
        spans.push(Span::new(start, text.len()));
    }
    let mut d = Document::from_normalised(text);
    for (r, span) in rows.iter().zip(&spans) {
        d.tokens.push(Token {
            span: *span,
            upos: Upos::parse(r[2]).expect("valid UPOS in test row"),
            xpos: String::new(),
            lemma: r[1].to_string(),
            head: Some(r[3].parse().expect("head")),
            deprel: r[4].to_string(),
        });
        if let Some(code) = r.get(5) {
            d.mentions.push(Mention {
                span: *span,
                kind: MentionKind::Name,
                entity_type: None,
                actors: vec![Actor { code: code.to_string(), country: code[..3].to_string(), name: None }],
                antecedent: None,
                rule: "test".into(),
            });
        }
    }
    d.sentences.push(Sentence { span: Span::new(0, d.text.len()), tokens: (0, d.tokens.len() as u32) });
    d
}

/// The default coder (dyad's dictionary with the Phoenix verbs it lacks), loaded once.
fn default_coder() -> &'static Coder {
    static CODER: std::sync::OnceLock<Coder> = std::sync::OnceLock::new();
    CODER.get_or_init(|| Coder::load_default().expect("default dictionaries load"))
}

/// [`Coder::explain`] with dyad's own dictionary.
fn explain(doc: &Document, sentence_index: usize) -> String {
    default_coder().explain(doc, sentence_index)
}

fn coded(d: &mut Document) -> Vec<(String, String, String)> {
    default_coder().annotate(d);
    let mut v: Vec<_> = d
        .events
        .iter()
        .map(|e| {
            (
                e.source.actor.code.clone(),
                e.target.as_ref().map(|t| t.actor.code.clone()).unwrap_or_default(),
                e.cameo.clone(),
            )
        })
        .collect();
    v.sort();
    v
}

/// A time expression at `span` that means June 2024.
fn june_2024(span: Span) -> Timex {
    Timex {
        span,
        kind: TimexType::Date,
        value: "2024-06".into(),
        precision: Precision::Month,
        anchor: Anchor::DocumentDate,
    }
}

fn triple(s: &str, t: &str, c: &str) -> (String, String, String) {
    (s.into(), t.into(), c.into())
}

#[test]
fn own_dictionary_loads_and_covers_all_twenty_roots() {
    let coder = Coder::load_default().unwrap();
    let codes = dyad_core::EventCodes::get();
    let mut roots = std::collections::BTreeSet::new();
    for b in coder.dict.blocks.iter().take(coder.dict.own_blocks) {
        for c in std::iter::once(&b.code).chain(b.patterns.iter().map(|p| &p.code)) {
            if let Code::Event { forward, .. } = c {
                roots.insert(codes.lookup(forward).unwrap().root.clone());
            }
        }
    }
    let all: std::collections::BTreeSet<String> = (1..=20).map(|r| format!("{r:02}")).collect();
    assert_eq!(roots, all, "roots missing: {:?}", all.difference(&roots).collect::<Vec<_>>());
}

#[test]
fn subject_verb_object() {
    // Russia supports North Korea.
    let mut d = doc("Russia Russia PROPN 2 nsubj RUS; supports support VERB 0 root; North_Korea North_Korea PROPN 2 obj PRK");
    assert_eq!(coded(&mut d), vec![triple("RUS", "PRK", "051")]);
    assert_eq!(d.events[0].status, Status::Asserted);
    assert!(d.events[0].rule.starts_with("dyad:SUPPORT#"), "{}", d.events[0].rule);
    assert_eq!(d.span_text(d.events[0].trigger), "supports");
}

#[test]
fn complement_noun_selects_the_code() {
    // Russia signed a treaty with North Korea. / Russia signed a law.
    let mut d = doc(
        "Russia Russia PROPN 2 nsubj RUS; signed sign VERB 0 root; a a DET 4 det; treaty treaty NOUN 2 obj; \
         with with ADP 6 case; North_Korea North_Korea PROPN 2 obl PRK",
    );
    assert_eq!(coded(&mut d), vec![triple("RUS", "PRK", "057")]);
    let mut d =
        doc("Russia Russia PROPN 2 nsubj RUS; signed sign VERB 0 root; a a DET 4 det; law law NOUN 2 obj; \
         with with ADP 6 case; North_Korea North_Korea PROPN 2 obl PRK");
    assert!(coded(&mut d).is_empty(), "signing a law is not an agreement between the two");
}

#[test]
fn oblique_by_preposition() {
    // The United States imposed sanctions on Iran.
    let mut d = doc(
        "United_States United_States PROPN 2 nsubj USA; imposed impose VERB 0 root; sanctions sanction NOUN 2 obj; \
         on on ADP 5 case; Iran Iran PROPN 2 obl IRN",
    );
    assert_eq!(coded(&mut d), vec![triple("USA", "IRN", "163")]);
}

#[test]
fn passive_takes_the_agent_as_source() {
    // Ukraine was attacked by Russia.
    let mut d =
        doc("Ukraine Ukraine PROPN 3 nsubj:pass UKR; was be AUX 3 aux:pass; attacked attack VERB 0 root; \
         by by ADP 5 case; Russia Russia PROPN 3 obl:agent RUS");
    assert_eq!(coded(&mut d), vec![triple("RUS", "UKR", "190")]);
}

#[test]
fn coordination_gives_each_actor_its_event() {
    // Russia and China condemned the United States.
    let mut d = doc("Russia Russia PROPN 4 nsubj RUS; and and CCONJ 3 cc; China China PROPN 1 conj CHN; \
         condemned condemn VERB 0 root; the the DET 6 det; United_States United_States PROPN 4 obj USA");
    assert_eq!(coded(&mut d), vec![triple("CHN", "USA", "111"), triple("RUS", "USA", "111")]);
}

#[test]
fn reciprocal_meeting() {
    // Russia and North Korea met.
    let mut d = doc("Russia Russia PROPN 4 nsubj RUS; and and CCONJ 3 cc; North_Korea North_Korea PROPN 1 conj PRK; met meet VERB 0 root");
    assert_eq!(coded(&mut d), vec![triple("PRK", "RUS", "040"), triple("RUS", "PRK", "040")]);
}

#[test]
fn phrasal_verb_with_particle() {
    // Russia cordoned off Ukraine.
    let mut d = doc("Russia Russia PROPN 2 nsubj RUS; cordoned cordon VERB 0 root; off off ADP 2 compound:prt; Ukraine Ukraine PROPN 2 obj UKR");
    assert_eq!(coded(&mut d), vec![triple("RUS", "UKR", "191")]);
}

#[test]
fn saying_one_will_attack_is_a_threat() {
    // Russia said it will attack Ukraine.
    let mut d = doc(
        "Russia Russia PROPN 2 nsubj RUS; said say VERB 0 root; it it PRON 5 nsubj; will will AUX 5 aux; \
         attack attack VERB 2 ccomp; Ukraine Ukraine PROPN 5 obj UKR",
    );
    assert_eq!(coded(&mut d), vec![triple("RUS", "UKR", "138")]);
    assert!(d.events[0].rule.contains("+threaten-force#"), "{}", d.events[0].rule);
    // Without "will" the report of an attack stays an attack.
    let mut d = doc(
        "Russia Russia PROPN 2 nsubj RUS; said say VERB 0 root; it it PRON 4 nsubj; attacked attack VERB 2 ccomp; \
         Ukraine Ukraine PROPN 4 obj UKR",
    );
    assert_eq!(coded(&mut d), vec![triple("RUS", "UKR", "190")]);
}

#[test]
fn vowing_to_support_is_an_intent() {
    // Russia vowed to support North Korea.
    let mut d = doc(
        "Russia Russia PROPN 2 nsubj RUS; vowed vow VERB 0 root; to to PART 4 mark; support support VERB 2 xcomp; \
         North_Korea North_Korea PROPN 4 obj PRK",
    );
    assert_eq!(coded(&mut d), vec![triple("RUS", "PRK", "032")]);
}

#[test]
fn refusing_to_meet_is_a_rejection() {
    // Ukraine refused to meet Russia.
    let mut d = doc(
        "Ukraine Ukraine PROPN 2 nsubj UKR; refused refuse VERB 0 root; to to PART 4 mark; meet meet VERB 2 xcomp; \
         Russia Russia PROPN 4 obj RUS",
    );
    assert_eq!(coded(&mut d), vec![triple("UKR", "RUS", "125")]);
}

#[test]
fn negation_marks_the_event_negated() {
    // Russia did not attack Ukraine.
    let mut d = doc(
        "Russia Russia PROPN 4 nsubj RUS; did do AUX 4 aux; not not PART 4 advmod; attack attack VERB 0 root; \
         Ukraine Ukraine PROPN 4 obj UKR",
    );
    assert_eq!(coded(&mut d), vec![triple("RUS", "UKR", "190")]);
    assert_eq!(d.events[0].status, Status::Negated);
}

#[test]
fn modals_and_expectations_are_hypothetical() {
    // Russia may attack Ukraine.
    let mut d = doc("Russia Russia PROPN 3 nsubj RUS; may may AUX 3 aux; attack attack VERB 0 root; Ukraine Ukraine PROPN 3 obj UKR");
    coded(&mut d);
    assert_eq!(d.events[0].status, Status::Hypothetical);
    // Putin is expected to visit China.
    let mut d = doc(
        "Putin Putin PROPN 3 nsubj:pass RUSGOV; is be AUX 3 aux:pass; expected expect VERB 0 root; to to PART 5 mark; \
         visit visit VERB 3 xcomp; China China PROPN 5 obj CHN",
    );
    assert_eq!(coded(&mut d), vec![triple("CHN", "RUSGOV", "043"), triple("RUSGOV", "CHN", "042")]);
    assert!(d.events.iter().all(|e| e.status == Status::Hypothetical));
}

#[test]
fn status_and_speaker_come_from_the_attribution_and_section_layers() {
    let rows = "Russia Russia PROPN 2 nsubj RUS; supports support VERB 0 root; North_Korea North_Korea PROPN 2 obj PRK";
    let mut d = doc(rows);
    let all = Span::new(0, d.text.len());
    d.attributions.push(Attribution { span: all, status: Status::Reported, quote: None, speaker: Some(1) });
    coded(&mut d);
    assert_eq!((d.events[0].status, d.events[0].attributed_to), (Status::Reported, Some(1)));
    let mut d = doc(rows);
    d.sections = vec![Section { kind: dyad_core::SectionKind::Commentary, span: Span::new(0, d.text.len()) }];
    coded(&mut d);
    assert_eq!(d.events[0].status, Status::Commentary);
}

#[test]
fn date_from_a_governing_time_expression_else_the_document() {
    // Putin visited North Korea in June.
    let mut d = doc(
        "Putin Putin PROPN 2 nsubj RUSGOV; visited visit VERB 0 root; North_Korea North_Korea PROPN 2 obj PRK; \
         in in ADP 5 case; June June PROPN 2 obl",
    );
    let june = d.tokens[4].span;
    d.timexes.push(june_2024(june));
    coded(&mut d);
    let e = d.events.iter().find(|e| e.cameo == "042").unwrap();
    assert_eq!((e.date.as_deref(), e.date_precision), (Some("2024-06"), Precision::Month));
    // A time expression in another clause does not date the event; the document date does.
    let mut d = doc(
        "Putin Putin PROPN 2 nsubj RUSGOV; visited visit VERB 0 root; North_Korea North_Korea PROPN 2 obj PRK; \
         after after SCONJ 5 mark; talks talk NOUN 2 obl; in in ADP 8 case; the the DET 8 det; June June PROPN 9 obl; \
         ended end VERB 5 acl",
    );
    let june = d.tokens[7].span;
    d.timexes.push(june_2024(june));
    d.meta.date = Some(dyad_core::DocDate {
        date: chrono::NaiveDate::from_ymd_opt(2024, 11, 2).unwrap(),
        time: None,
        source: "test".into(),
    });
    coded(&mut d);
    let e = d.events.iter().find(|e| e.cameo == "042").unwrap();
    assert_eq!((e.date.as_deref(), e.date_precision), (Some("2024-11-02"), Precision::Day));
}

#[test]
fn a_broken_parse_is_skipped_with_a_warning() {
    let mut d = doc("Russia Russia PROPN 2 nsubj RUS; supports support VERB 3 root; North_Korea North_Korea PROPN 2 obj PRK");
    coded(&mut d);
    assert!(d.events.is_empty());
    assert!(
        d.warnings.iter().any(|w| w.stage == "coder"
            && w.message.starts_with("sentence 0 skipped: the parse has a cycle through token")),
        "{:?}",
        d.warnings
    );
}

#[test]
fn thousands_of_conjuncts_stay_bounded() {
    // A1 and A2 and … A3000 condemned the United States.
    let n = 3000;
    let mut rows = vec!["A0 A0 PROPN 0 nsubj AAA".to_string()];
    for i in 1..n {
        rows.push(format!("A{i} A{i} PROPN 1 conj AAA"));
    }
    let verb = n + 1;
    rows[0] = format!("A0 A0 PROPN {verb} nsubj AAA");
    rows.push("condemned condemn VERB 0 root".into());
    rows.push(format!("USA USA PROPN {verb} obj USA"));
    let mut d = doc(&rows.join(";"));
    let events = coded(&mut d);
    assert!(!events.is_empty() && events.len() <= n, "{} events", events.len());
}

#[test]
fn dictionary_errors_name_file_and_line() {
    let bad = "--- SIGN [057] ---\nSIGN\n- * (WITH [057]\n";
    let err = VerbDictionary::parse(bad, "mine.txt").unwrap_err();
    assert!(err.to_string().starts_with("mine.txt:3:"), "{err}");
    let err = VerbDictionary::parse("--- SIGN [057] ---\nSIGN\n- * TREATY\n", "mine.txt").unwrap_err();
    assert!(
        matches!(
            &err,
            CoderError::Dictionary { file, line: 3, problem: DictionaryProblem::PatternWithoutCode } if file == "mine.txt"
        ),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("mine.txt:3:") && err.to_string().contains("[CODE]"), "{err}");
    let err = Transforms::parse("x\tsay\tsoon\t19\t138\n", "t.tsv").unwrap_err();
    assert!(err.to_string().starts_with("t.tsv:1:"), "{err}");
    let err = Coder::from_petrarch("--- SIGN [057] ---\nSIGN [057\n", "user.verbs").err().expect("an error");
    assert!(matches!(err, CoderError::Dictionary { line: 2, .. }), "{err:?}");
}

/// Accepting what the other side asked for is yielding; accepting or letting in refugees is
/// granting asylum; "let free" is releasing. Accepting anything else codes nothing.
#[test]
fn accepting_demands_or_refugees_and_letting_free_are_yields() {
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;accepted accept VERB 0 root;the the DET 5 det;rebels' rebel NOUN 5 nmod:poss REB;demands demand NOUN 2 obj");
    assert_eq!(coded(&mut d), [triple("GON", "REB", "080")]);
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;opened open VERB 0 root;its its PRON 4 nmod:poss;borders border NOUN 2 obj;to to ADP 7 case;Rohan Rohan ADJ 7 amod ROH;refugees refugee NOUN 2 obl ROH");
    assert_eq!(coded(&mut d), [triple("GON", "ROH", "075")]);
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;let let VERB 0 root;free free ADJ 2 xcomp;Rohan Rohan ADJ 5 amod ROH;prisoners prisoner NOUN 2 obj ROH");
    assert_eq!(coded(&mut d), [triple("GON", "ROH", "0841")]);
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;accepted accept VERB 0 root;the the DET 5 det;Rohan Rohan PROPN 5 compound ROH;award award NOUN 2 obj");
    assert_eq!(coded(&mut d), []);
    // The tagger's adjective with an auxiliary and an object is the verb: Gondor will free prisoners.
    let mut d = doc("Gondor Gondor PROPN 3 nsubj GON;will will AUX 3 aux;free free ADJ 0 root;Rohan Rohan ADJ 5 amod ROH;prisoners prisoner NOUN 3 obj ROH");
    assert_eq!(coded(&mut d).len(), 1);
    // Without an object it is an adjective: Gondor will be free.
    let mut d =
        doc("Gondor Gondor PROPN 4 nsubj GON;will will AUX 4 aux;be be AUX 4 cop;free free ADJ 0 root");
    assert_eq!(coded(&mut d), []);
}

#[test]
fn failing_to_agree_together_is_a_rejection_each_way_and_a_cancelled_visit_a_refusal_to_meet() {
    let mut d = doc("Gondor Gondor PROPN 4 nsubj GON;and and CCONJ 3 cc;Rohan Rohan PROPN 1 conj ROH;failed fail VERB 0 root;to to PART 6 mark;reach reach VERB 4 xcomp;agreement agreement NOUN 6 obj");
    assert_eq!(coded(&mut d), [triple("GON", "ROH", "127"), triple("ROH", "GON", "127")]);
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;cancelled cancel VERB 0 root;a a DET 4 det;visit visit NOUN 2 obj;to to ADP 6 case;Rohan Rohan PROPN 4 nmod ROH");
    assert_eq!(coded(&mut d), [triple("GON", "ROH", "125")]);
}

#[test]
fn a_warning_threatens_its_addressee_not_whoever_the_warning_names() {
    // Gondor warned that Mordor's debts could hurt growth: no threat to anyone.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;warned warn VERB 0 root;that that SCONJ 7 mark;Mordor Mordor PROPN 5 nmod:poss MOR;debts debt NOUN 7 nsubj;could could AUX 7 aux;hurt hurt VERB 2 ccomp;growth growth NOUN 7 obj");
    assert_eq!(coded(&mut d), []);
    // Gondor warned Mordor that it would respond.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;warned warn VERB 0 root;Mordor Mordor PROPN 2 obj MOR;that that SCONJ 7 mark;it it PRON 7 nsubj GON;would would AUX 7 aux;respond respond VERB 2 ccomp");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "130")]);
}

#[test]
fn a_coalition_led_by_a_country_is_that_country_s() {
    // The Gondor-led coalition attacked Mordor ("Gondor-led" tagged a verb, as taggers do).
    let mut d = doc("The the DET 3 det;Gondor-led Gondor-led VERB 3 amod GON;coalition coalition NOUN 4 nsubj;attacked attack VERB 0 root;Mordor Mordor PROPN 4 obj MOR");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "190")]);
}

#[test]
fn finding_someone_guilty_convicts_them() {
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GONJUD;found find VERB 0 root;Mordor Mordor PROPN 2 obj MOR;guilty guilty ADJ 2 xcomp");
    assert_eq!(coded(&mut d), [triple("GONJUD", "MOR", "1121")]);
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GONJUD;found find VERB 0 root;Mordor Mordor PROPN 2 obj MOR;not not PART 5 advmod;guilty guilty ADJ 2 xcomp");
    assert_eq!(coded(&mut d), []);
}

#[test]
fn seeking_asks_only_for_what_it_names() {
    // Gondor's budget seeks cutbacks: asks no one.
    let mut d = doc("Gondor Gondor PROPN 2 compound GON;budget budget NOUN 3 nsubj;seeks seek VERB 0 root;cutbacks cutback NOUN 3 obj");
    assert_eq!(coded(&mut d), []);
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;sought seek VERB 0 root;refuge refuge NOUN 2 obj;in in ADP 5 case;Rohan Rohan PROPN 2 obl ROH");
    assert_eq!(coded(&mut d), [triple("GON", "ROH", "020")]);
}

#[test]
fn stepping_down_is_acceding_to_a_change_of_leader() {
    let mut d = doc("Gondor Gondor PROPN 3 nsubj GONGOV;has have AUX 3 aux;resigned resign VERB 0 root");
    assert_eq!(coded(&mut d), [triple("GONGOV", "", "0831")]);
    let mut d =
        doc("Gondor Gondor PROPN 2 nsubj GONGOV;stepped step VERB 0 root;down down ADP 2 compound:prt");
    assert_eq!(coded(&mut d), [triple("GONGOV", "", "0831")]);
}

#[test]
fn saying_another_must_act_is_a_demand_of_it() {
    // Gondor said Mordor must rethink (a verb of no dictionary).
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;said say VERB 0 root;Mordor Mordor PROPN 5 nsubj MOR;must must AUX 5 aux;rethink rethink VERB 2 ccomp");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "100")]);
    assert!(d.events[0].rule.ends_with(":obligation"), "{}", d.events[0].rule);
    // Gondor said Mordor will rethink: a forecast, no demand.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;said say VERB 0 root;Mordor Mordor PROPN 5 nsubj MOR;will will AUX 5 aux;rethink rethink VERB 2 ccomp");
    assert_eq!(coded(&mut d), []);
}

#[test]
fn helping_to_act_insisting_and_asking_about_are_no_aid_demand_or_appeal() {
    // Gondor helped Rohan hold elections: the help is Rohan's act, no aid.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;helped help VERB 0 root;Rohan Rohan PROPN 4 nsubj ROH;hold hold VERB 2 ccomp;elections election NOUN 4 obj");
    assert!(coded(&mut d).iter().all(|e| e.2 != "070"), "{:?}", d.events);
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;helped help VERB 0 root;Rohan Rohan PROPN 2 obj ROH");
    assert_eq!(coded(&mut d), [triple("GON", "ROH", "070")]);
    // Gondor insisted that Rohan was ready: an assertion; insisting on talks with Rohan demands them.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;insisted insist VERB 0 root;that that SCONJ 6 mark;Rohan Rohan PROPN 6 nsubj ROH;was be AUX 6 cop;ready ready ADJ 2 ccomp");
    assert_eq!(coded(&mut d), []);
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;insisted insist VERB 0 root;on on ADP 4 case;talks talk NOUN 2 obl;with with ADP 6 case;Rohan Rohan PROPN 4 nmod ROH");
    assert_eq!(coded(&mut d).first().map(|e| e.2.as_str()), Some("100"));
    // Gondor asked about Rohan: a question, no appeal.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;asked ask VERB 0 root;about about ADP 4 case;Rohan Rohan PROPN 2 obl ROH");
    assert_eq!(coded(&mut d), []);
}

#[test]
fn one_asked_to_act_asks_no_one() {
    // The police were asked to judge: no agent, so no one asked; the police asked nothing.
    let mut d = doc("The the DET 2 det;police police NOUN 4 nsubj:pass GBRCOP;were be AUX 4 aux:pass;asked ask VERB 0 root;to to PART 6 mark;judge judge VERB 4 xcomp");
    assert!(coded(&mut d).is_empty(), "{:?}", d.events);
    // Gondor was asked by Rohan to leave: Rohan asks Gondor.
    let mut d = doc("Gondor Gondor PROPN 3 nsubj:pass GON;was be AUX 3 aux:pass;asked ask VERB 0 root;by by ADP 5 case;Rohan Rohan PROPN 3 obl:agent ROH;to to PART 7 mark;leave leave VERB 3 xcomp");
    assert!(coded(&mut d).iter().any(|e| e.0 == "ROH" && e.1 == "GON"), "{:?}", d.events);
}

#[test]
fn saying_another_is_responsible_accuses_it_and_denying_a_fault_criticises_nobody() {
    // Gondor said Mordor was responsible.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;said say VERB 0 root;Mordor Mordor PROPN 5 nsubj MOR;was be AUX 5 cop;responsible responsible ADJ 2 ccomp");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "112")]);
    // Gondor said Mordor was not responsible: no accusation.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;said say VERB 0 root;Mordor Mordor PROPN 6 nsubj MOR;was be AUX 6 cop;not not PART 6 advmod;responsible responsible ADJ 2 ccomp");
    assert_eq!(coded(&mut d), []);
    // Gondor said Mordor was not corrupt: no criticism either.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;said say VERB 0 root;Mordor Mordor PROPN 6 nsubj MOR;was be AUX 6 cop;not not PART 6 advmod;corrupt corrupt ADJ 2 ccomp");
    assert_eq!(coded(&mut d), []);
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;said say VERB 0 root;Mordor Mordor PROPN 5 nsubj MOR;was be AUX 5 cop;corrupt corrupt ADJ 2 ccomp");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "111")]);
}

#[test]
fn a_wish_or_a_modifying_clause_appraises_no_one() {
    // Gondor urged Mordor to admit it was responsible: what Gondor wants said, not an accusation.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;urged urge VERB 0 root;Mordor Mordor PROPN 2 iobj MOR;to to PART 5 mark;admit admit VERB 2 xcomp;it it PRON 8 nsubj MOR;was be AUX 8 cop;responsible responsible ADJ 2 ccomp");
    assert!(coded(&mut d).iter().all(|e| e.2 != "112"), "{:?}", d.events);
    // Gondor said Mordor had the right to be protected against unfair rules: nothing said of Mordor.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;said say VERB 0 root;Mordor Mordor PROPN 4 nsubj MOR;had have VERB 2 ccomp;the the DET 6 det;right right NOUN 4 obj;to to PART 9 mark;be be AUX 9 aux:pass;protected protect VERB 6 acl;against against ADP 12 case;unfair unfair ADJ 12 amod;rules rule NOUN 9 obl");
    assert_eq!(coded(&mut d), []);
    // Gondor said Mordor had unfair rules: a criticism.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;said say VERB 0 root;Mordor Mordor PROPN 4 nsubj MOR;had have VERB 2 ccomp;unfair unfair ADJ 6 amod;rules rule NOUN 4 obj");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "111")]);
}

#[test]
fn disapproval_of_what_an_actor_is_answerable_for_criticises_it() {
    // Gondor said people faced waste under Mordor: the subject is no actor, Mordor answers.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;said say VERB 0 root;people people NOUN 4 nsubj;faced face VERB 2 ccomp;waste waste NOUN 4 obj;under under ADP 7 case;Mordor Mordor PROPN 5 nmod MOR");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "111")]);
    // Gondor said the storm's damage cut Mordor's growth: the damage is not Mordor's doing.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;said say VERB 0 root;the the DET 4 det;storm storm NOUN 6 nmod:poss;'s 's PART 4 case;damage damage NOUN 7 nsubj;cut cut VERB 2 ccomp;Mordor Mordor PROPN 10 nmod:poss MOR;'s 's PART 8 case;growth growth NOUN 7 obj");
    assert_eq!(coded(&mut d), []);
    // Gondor said there was deceit at the heart of Mordor.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;said say VERB 0 root;there there PRON 4 expl;was be VERB 2 ccomp;deceit deceit NOUN 4 nsubj;at at ADP 8 case;the the DET 8 det;heart heart NOUN 5 nmod;of of ADP 10 case;Mordor Mordor PROPN 8 nmod MOR");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "111")]);
}

#[test]
fn saying_there_should_be_an_inquiry_calls_for_one() {
    // Gondor said there should be an inquiry into Mordor.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;said say VERB 0 root;there there PRON 5 expl;should should AUX 5 aux;be be VERB 2 ccomp;an a DET 7 det;inquiry inquiry NOUN 5 nsubj;into into ADP 9 case;Mordor Mordor PROPN 7 nmod MOR");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "020")]);
    // Gondor said there was an inquiry: news of one, no call for it.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;said say VERB 0 root;there there PRON 4 expl;was be VERB 2 ccomp;an a DET 6 det;inquiry inquiry NOUN 4 nsubj");
    assert_eq!(coded(&mut d), []);
}

#[test]
fn criticism_in_a_sentence_that_is_all_quotation_is_its_speakers() {
    // "Mordor is corrupt." — a quotation the quotation layer gave to Gondor, named elsewhere.
    let quoted = |speaker: Option<u32>| {
        let mut d = doc("Mordor Mordor PROPN 3 nsubj MOR;is be AUX 3 cop;corrupt corrupt ADJ 0 root");
        d.mentions.push(Mention {
            span: Span::new(0, 0),
            kind: MentionKind::Name,
            entity_type: None,
            actors: vec![Actor { code: "GON".into(), country: "GON".into(), name: None }],
            antecedent: None,
            rule: "test".into(),
        });
        d.quotes.push(dyad_core::Quote {
            kind: dyad_core::QuoteKind::Direct,
            content: Span::new(0, d.text.len()),
            cue: None,
            speaker,
            speaker_span: None,
        });
        d
    };
    let mut d = quoted(Some(1));
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "111")]);
    // No speaker known: no one criticises.
    let mut d = quoted(None);
    assert_eq!(coded(&mut d), []);
}

#[test]
fn a_request_in_a_letter_is_made_of_whom_it_is_written_to() {
    // Gondor wrote to Rohan asking for help.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;wrote write VERB 0 root;to to ADP 4 case;Rohan Rohan PROPN 2 obl ROH;asking ask VERB 2 advcl;for for ADP 7 case;help help NOUN 5 obl");
    assert!(
        coded(&mut d).iter().any(|e| (e.0.as_str(), e.1.as_str()) == ("GON", "ROH") && e.2.starts_with("02")),
        "{:?}",
        d.events
    );
    // Gondor met Rohan, asking for help: a meeting is no letter, the request names no one.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;met meet VERB 0 root;Rohan Rohan PROPN 2 obj ROH;asking ask VERB 2 advcl;for for ADP 6 case;help help NOUN 4 obl");
    assert!(!coded(&mut d).iter().any(|e| e.1 == "ROH" && e.2.starts_with("02")), "{:?}", d.events);
}

#[test]
fn demonstrating_something_shows_it() {
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;demonstrated demonstrate VERB 0 root;against against ADP 4 case;Rohan Rohan PROPN 2 obl ROH");
    assert!(coded(&mut d).iter().any(|e| e.1 == "ROH" && e.2.starts_with("14")), "{:?}", d.events);
    // Gondor demonstrated that Rohan could win: shown, no protest.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;demonstrated demonstrate VERB 0 root;that that SCONJ 6 mark;Rohan Rohan PROPN 6 nsubj ROH;could could AUX 6 aux;win win VERB 2 ccomp");
    assert!(coded(&mut d).iter().all(|e| !e.2.starts_with("14")), "{:?}", d.events);
}

#[test]
fn a_gerund_completing_its_governor_is_the_subjects_act() {
    // Gondor responded by attacking Rohan.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;responded respond VERB 0 root;by by SCONJ 4 mark;attacking attack VERB 2 advcl;Rohan Rohan PROPN 4 obj ROH");
    assert!(
        coded(&mut d).iter().any(|e| (e.0.as_str(), e.1.as_str()) == ("GON", "ROH") && e.2.starts_with("19")),
        "{:?}",
        d.events
    );
    // Gondor is guilty of attacking Rohan.
    let mut d = doc("Gondor Gondor PROPN 3 nsubj GON;is be AUX 3 cop;guilty guilty ADJ 0 root;of of SCONJ 5 mark;attacking attack VERB 3 advcl;Rohan Rohan PROPN 5 obj ROH");
    assert!(
        coded(&mut d).iter().any(|e| (e.0.as_str(), e.1.as_str()) == ("GON", "ROH") && e.2.starts_with("19")),
        "{:?}",
        d.events
    );
    // Gondor was repaid by attacking Rohan: a passive's subject does not do the "by" act.
    let mut d = doc("Gondor Gondor PROPN 3 nsubj:pass GON;was be AUX 3 aux:pass;repaid repay VERB 0 root;by by SCONJ 5 mark;attacking attack VERB 3 advcl;Rohan Rohan PROPN 5 obj ROH");
    assert!(coded(&mut d).iter().all(|e| e.0 != "GON" || !e.2.starts_with("19")), "{:?}", d.events);
}

#[test]
fn what_a_call_was_made_to_say_is_said_by_the_caller_to_the_one_called() {
    // Gondor called Rohan to apologize.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;called call VERB 0 root;Rohan Rohan PROPN 2 obj ROH;to to PART 5 mark;apologize apologize VERB 2 advcl");
    assert!(coded(&mut d).contains(&triple("GON", "ROH", "055")), "{:?}", d.events);
    // Gondor called Rohan to discuss Mordor's trade: Rohan is the partner, Mordor the topic.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;called call VERB 0 root;Rohan Rohan PROPN 2 obj ROH;to to PART 5 mark;discuss discuss VERB 2 advcl;Mordor Mordor PROPN 8 nmod:poss MOR;'s 's PART 6 case;trade trade NOUN 5 obj");
    let events = coded(&mut d);
    assert!(
        events.iter().any(|e| (e.0.as_str(), e.1.as_str()) == ("GON", "ROH") && e.2.starts_with("04")),
        "{events:?}"
    );
    assert!(events.iter().all(|e| e.1 != "MOR"), "{events:?}");
}

#[test]
fn people_no_dictionary_names_are_the_target_of_last_resort() {
    // Gondor freed 19 Christians: the act has a target, of unknown code.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;freed free VERB 0 root;19 19 NUM 4 nummod;Christians Christian PROPN 2 obj");
    let events = coded(&mut d);
    assert_eq!(events, [triple("GON", "---", "0841")], "{:?}", d.events);
    assert_eq!(d.events[0].target.as_ref().map(|t| d.span_text(t.span)), Some("19 Christians"));
    // An actor in the phrase still wins: Gondor freed Rohan's leaders.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;freed free VERB 0 root;Rohan Rohan PROPN 5 nmod:poss ROH;'s 's PART 3 case;leaders leader NOUN 2 obj");
    assert_eq!(coded(&mut d), [triple("GON", "ROH", "0841")]);
}

#[test]
fn recognition_is_of_someone() {
    let mut d =
        doc("Gondor Gondor PROPN 2 nsubj GON;recognised recognise VERB 0 root;Rohan Rohan PROPN 2 obj ROH");
    assert_eq!(coded(&mut d), [triple("GON", "ROH", "054")]);
    // Gondor recognised the pressures: a fact acknowledged, no recognition.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;recognised recognise VERB 0 root;the the DET 4 det;pressures pressure NOUN 2 obj");
    assert_eq!(coded(&mut d), []);
}

#[test]
fn aid_with_no_recipient_named_goes_to_the_state_it_is_given_in() {
    // Gondor's aid in Mordor.
    let mut d = doc("Gondor Gondor PROPN 3 nmod:poss GON;'s 's PART 1 case;aid aid NOUN 0 root;in in ADP 5 case;Mordor Mordor PROPN 3 nmod MOR");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "070")]);
}

#[test]
fn mobilising_ones_own_forces_acts_on_no_one() {
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;mobilized mobilize VERB 0 root;the the DET 4 det;army army NOUN 2 obj GONMIL");
    let events = coded(&mut d);
    assert!(!events.is_empty() && events.iter().all(|e| e.0 == "GON" && e.1.is_empty()), "{events:?}");
}

#[test]
fn a_visit_is_to_someone() {
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;visited visit VERB 0 root;Rohan Rohan PROPN 2 obj ROH");
    assert!(coded(&mut d).contains(&triple("GON", "ROH", "042")));
    // Gondor visited constituencies: no one visited, no event; nor is "will visit places" an intent.
    let mut d = doc(
        "Gondor Gondor PROPN 2 nsubj GON;visited visit VERB 0 root;constituencies constituency NOUN 2 obj",
    );
    assert_eq!(coded(&mut d), []);
    let mut d = doc(
        "Gondor Gondor PROPN 3 nsubj GON;will will AUX 3 aux;visit visit VERB 0 root;places place NOUN 3 obj",
    );
    assert_eq!(coded(&mut d), []);
}

#[test]
fn dismissing_something_as_what_it_is_said_to_be_criticises() {
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;dismissed dismiss VERB 0 root;Rohan Rohan PROPN 5 nmod:poss ROH;'s 's PART 3 case;budget budget NOUN 2 obj;as as ADP 8 case;a a DET 8 det;fraud fraud NOUN 2 obl");
    assert_eq!(coded(&mut d), [triple("GON", "ROH", "111")]);
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;dismissed dismiss VERB 0 root;Rohan Rohan PROPN 5 nmod:poss ROH;'s 's PART 3 case;proposal proposal NOUN 2 obj;as as ADP 8 case;a a DET 8 det;fraud fraud NOUN 2 obl");
    assert_eq!(coded(&mut d), [triple("GON", "ROH", "125")]);
}

#[test]
fn handing_over_aid_gives_it_and_handing_over_arms_demobilises() {
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;handed hand VERB 0 root;over over ADP 2 compound:prt;medicines medicine NOUN 2 obj;to to ADP 6 case;Rohan Rohan PROPN 2 obl ROH");
    assert_eq!(coded(&mut d), [triple("GON", "ROH", "073")]);
    let mut d = doc("Rebels rebel NOUN 2 nsubj GONREB;handed hand VERB 0 root;over over ADP 2 compound:prt;their their PRON 5 nmod:poss;arms arm NOUN 2 obj;to to ADP 7 case;Gondor Gondor PROPN 2 obl GON");
    assert_eq!(coded(&mut d), [triple("GONREB", "GON", "0873")]);
}

#[test]
fn a_verb_the_lemmatiser_got_wrong_is_found_by_its_form() {
    // The tagger's lemma of "boycotted" is "boycot": no word of the dictionary.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;boycotted boycot VERB 0 root;Mordor Mordor PROPN 4 compound MOR;talks talk NOUN 2 obj");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "143")]);
    assert!(default_coder().may_code(&d)[0]);
}

#[test]
fn going_on_to_act_is_acting_and_a_purpose_is_not() {
    // Gondor went on to accuse Mordor.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;went go VERB 0 root;on on ADV 2 advmod;to to PART 5 mark;accuse accuse VERB 2 advcl;Mordor Mordor PROPN 5 obj MOR");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "112")]);
    // Gondor worked hard to accuse Mordor: a purpose, nobody accused yet.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;worked work VERB 0 root;hard hard ADV 2 advmod;to to PART 5 mark;accuse accuse VERB 2 advcl;Mordor Mordor PROPN 5 obj MOR");
    assert_eq!(coded(&mut d), []);
}

#[test]
fn calling_someone_a_liar_is_criticism_and_no_call() {
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;called call VERB 0 root;Mordor Mordor PROPN 2 obj MOR;a a DET 5 det;liar liar NOUN 2 xcomp");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "111")]);
    // The parse may hang the name on the object.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;branded brand VERB 0 root;Mordor Mordor PROPN 5 nmod:poss MOR;'s 's PART 3 case;plan plan NOUN 2 obj;a a DET 8 det;dodgy dodgy ADJ 8 amod;budget budget NOUN 5 appos");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "111")]);
    // A name that is no disapproval is no event, and no phone call either.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;called call VERB 0 root;Mordor Mordor PROPN 2 obj MOR;a a DET 5 det;partner partner NOUN 2 xcomp");
    assert_eq!(coded(&mut d), []);
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;called call VERB 0 root;Mordor Mordor PROPN 2 obj MOR");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "041")]);
}

#[test]
fn calling_for_sanctions_against_someone_denounces_it() {
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;called call VERB 0 root;for for ADP 4 case;sanctions sanction NOUN 2 obl;against against ADP 6 case;Mordor Mordor PROPN 4 nmod MOR");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "111")]);
    // Calling for talks with someone is still an appeal.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;called call VERB 0 root;for for ADP 4 case;talks talk NOUN 2 obl;with with ADP 6 case;Mordor Mordor PROPN 4 nmod MOR");
    assert_eq!(coded(&mut d), [triple("GON", "MOR", "026")]);
}

#[test]
fn a_pattern_naming_an_undefined_set_is_an_error_except_as_petrarch_reads_it() {
    let text = "&ARMS\n+WEAPONS\n\n--- SEND [---] ---\nSEND\n- * &ARMZ [072]\n";
    let err = VerbDictionary::parse(text, "mine.txt").unwrap_err();
    assert!(
        matches!(&err, CoderError::Dictionary { line: 6, problem: DictionaryProblem::UnknownSynonymSet(s), .. } if s == "&ARMZ"),
        "{err:?}"
    );
    // The field's validation dictionary names a set it never defines; PETRARCH reads on.
    assert!(Coder::from_petrarch(text, "validate.verbs").is_ok());
}

/// PETRARCH names sets with a trailing underscore and joins them to the next word
/// ("&MILITARY_AID": the set `&MILITARY_`, then AID); dyad's sets are plain names ("&ARMAMENTS").
#[test]
fn sets_joined_to_words_as_petrarch_writes_them_match() {
    let text = "&MILITARY_\n+TROOPS\n\n--- SEND [---] ---\nSEND\n- * &MILITARY_AID [072]\n";
    let coder = Coder::from_petrarch(text, "p.verbs").unwrap();
    let mut d = doc("Arnor Arnor PROPN 2 nsubj ARN;sent send VERB 0 root;troops troops NOUN 4 compound;aid aid NOUN 2 obj;to to ADP 6 case;Gondor Gondor PROPN 2 obl GON");
    coder.annotate(&mut d);
    let codes: Vec<&str> = d.events.iter().map(|e| e.cameo.as_str()).collect();
    assert_eq!(codes, ["072"]);
    // dyad's own: arms sent are military aid.
    let mut d = doc("Arnor Arnor PROPN 2 nsubj ARN;sent send VERB 0 root;weapons weapon NOUN 2 obj;to to ADP 5 case;Gondor Gondor PROPN 2 obl GON");
    assert_eq!(coded(&mut d), [triple("ARN", "GON", "072")]);
}

/// Lines a hand-edited dictionary may hold by mistake: each either loads or is an error naming
/// its line, never a panic.
#[test]
fn malformed_dictionary_lines_never_panic() {
    let lines = [
        "&",
        "+",
        "&SET\n+",
        "&SET\n+&",
        "&SET\n+&SET",
        "---",
        "--- [",
        "--- ] ---",
        "--- X [ ---",
        "[",
        "]",
        "{",
        "}",
        "}{",
        "[]",
        "+_",
        "_",
        "- *",
        "- [",
        "- ]",
        "- * [",
        "- * ]",
        "- ( * [010]",
        "- ) * [010]",
        "- { * } [010]",
        "- * &UNKNOWN [010]",
        "- * (&UNKNOWN) [010]",
        "- * () [010]",
        "- * ( ) $ [010]",
        "- * {} [010]",
        "- ^ ^ * + [010]",
        "- * [:]",
        "- * [010:]",
        "~",
        "ä[ö]",
        "- ä * ö [01ä]",
        "#",
        "<!--",
        "-->",
        "%",
        "- % [010]",
    ];
    for l in lines {
        let text = format!("--- SIGN [057] ---\nSIGN {{SIGNS SIGNED}}\n{l}\n");
        match Coder::from_petrarch(&text, "bad.verbs") {
            Ok(coder) => {
                let mut d = doc("Russia Russia PROPN 2 nsubj RUS; signed sign VERB 0 root; a a DET 4 det; \
                                 treaty treaty NOUN 2 obj; with with ADP 6 case; Ukraine Ukraine PROPN 4 nmod UKR");
                coder.annotate(&mut d);
                let _ = coder.explain(&d, 0);
            }
            Err(e) => assert!(e.to_string().starts_with("bad.verbs:"), "{l:?}: {e}"),
        }
    }
}

#[test]
fn petrarch_format_reader() {
    let text = "&TIES\n+TIES\n+RELATIONS\n\n&ALL\n+&TIES\n+LINKS\n\n####### VERB PATTERNS #######\n\
                --- RESTORE [050] ---\nRESTORE {RESTORED}\n+BREAK_OFF {+BROKE_OFF} [161]\n\
                - % * {DIPLOMATIC &ALL} [050:050]  # comment\n- * (WITH) $ [---]\n\n~ a (a b ATTACK) SAY = a b 015\n";
    let d = VerbDictionary::parse(text, "x.txt").unwrap();
    assert_eq!(
        d.synsets["ALL"],
        vec![vec!["TIES".to_string()], vec!["RELATIONS".into()], vec!["LINKS".into()]]
    );
    assert_eq!(d.blocks.len(), 1);
    let p = &d.blocks[0].patterns[0];
    assert!(p.compound);
    assert_eq!(p.code, Code::Event { forward: "050".into(), back: Some("050".into()) });
    assert_eq!(d.blocks[0].patterns[1].code, Code::Null);
    let broke = d.lookup("BREAK", "BROKE");
    assert_eq!(broke[0].particles, vec!["OFF".to_string()]);
    assert_eq!(broke[0].code, Some(Code::Event { forward: "161".into(), back: None }));
    assert_eq!(d.lookup("RESTORE", "RESTORED").len(), 1);
    // A stem the lemmatiser cut too short ("EXTRADITED" → EXTRADIT) finds its verb by the
    // silent "e"; a stem that is a verb itself keeps its own entry.
    assert_eq!(d.lookup("RESTOR", "RESTORED").len(), 1);
    assert!(d.lookup("RESTOR", "RESTORS").is_empty());
    assert_eq!(d.transformations, 1);
}

#[test]
fn ontology_negations() {
    let n = ontology::parse_negations("050:0x0080#Coop\n110:0x1007f#0xFFFF+0x0080\n120:-0xFFFF\n", "o.txt")
        .unwrap();
    assert_eq!(n.get("110").map(String::as_str), Some("050"));
    assert_eq!(n.get("050").map(String::as_str), Some("110"));
    assert!(!n.contains_key("120"));
    let err = ontology::parse_negations("050:0xZZ\n", "o.txt").unwrap_err();
    assert!(matches!(err, CoderError::OntologyValue { line: 1, .. }), "{err:?}");
    assert!(err.to_string().starts_with("o.txt:1:"), "{err}");
}

#[test]
fn explain_shows_parse_match_and_event() {
    let d = doc("Russia Russia PROPN 2 nsubj RUS; supports support VERB 0 root; North_Korea North_Korea PROPN 2 obj PRK");
    let out = explain(&d, 0);
    assert!(out.contains("nsubj") && out.contains("[RUS]"), "{out}");
    assert!(out.contains("verb 'supports' (SUPPORT#"), "{out}");
    assert!(out.contains("event RUS 051 PRK"), "{out}");
    assert!(explain(&d, 5).contains("no sentence 5"));
}

#[test]
fn a_threat_needs_no_target() {
    // North Korea threatened to respond with a nuclear response.
    let mut d = doc(
        "North_Korea North_Korea PROPN 2 nsubj PRK; threatened threaten VERB 0 root; to to PART 4 mark; \
         respond respond VERB 2 xcomp; with with ADP 8 case; a a DET 8 det; nuclear nuclear ADJ 8 amod; \
         response response NOUN 4 obl",
    );
    assert_eq!(coded(&mut d), vec![triple("PRK", "", "1385")]);
}

#[test]
fn saying_something_is_provocation_by_another_is_an_accusation() {
    // Russia says the tension is provocation by the U.S.
    let mut d = doc(
        "Russia Russia PROPN 2 nsubj RUS; says say VERB 0 root; tension tension NOUN 5 nsubj; is be AUX 5 cop; \
         provocation provocation NOUN 2 ccomp; by by ADP 7 case; U.S. U.S. PROPN 5 nmod USA",
    );
    assert_eq!(coded(&mut d), vec![triple("RUS", "USA", "112")]);
    // Saying alone codes nothing.
    let mut d = doc(
        "Russia Russia PROPN 2 nsubj RUS; said say VERB 0 root; it it PRON 4 nsubj; rained rain VERB 2 ccomp",
    );
    assert!(coded(&mut d).is_empty());
}

#[test]
fn nouns_that_name_events() {
    // Putin's state visit to North Korea last June.
    let mut d = doc(
        "Putin Putin PROPN 4 nmod:poss RUSGOV; 's 's PART 1 case; state state NOUN 4 compound; visit visit NOUN 0 root; \
         to to ADP 6 case; North_Korea North_Korea PROPN 4 nmod PRK; last last ADJ 8 amod; June June PROPN 4 obl:tmod",
    );
    let june = Span::new(d.tokens[6].span.start as usize, d.tokens[7].span.end as usize);
    d.timexes.push(june_2024(june));
    assert_eq!(coded(&mut d), vec![triple("PRK", "RUSGOV", "043"), triple("RUSGOV", "PRK", "042")]);
    assert!(d
        .events
        .iter()
        .all(|e| e.date.as_deref() == Some("2024-06") && e.rule.starts_with("dyad:noun:visit#")));
    // Consultations between Lavrov and Choe.
    let mut d = doc(
        "consultations consultation NOUN 0 root; between between ADP 3 case; Lavrov Lavrov PROPN 1 nmod RUSGOV; \
         and and CCONJ 5 cc; Choe Choe PROPN 3 conj PRKGOV",
    );
    assert_eq!(coded(&mut d), vec![triple("PRKGOV", "RUSGOV", "040"), triple("RUSGOV", "PRKGOV", "040")]);
}

#[test]
fn an_act_announced_or_ordered_is_the_announcer_s() {
    // Gondor announced the release of Mordor prisoners.
    let mut d = doc(
        "Gondor Gondor PROPN 2 nsubj GON; announced announce VERB 0 root; the the DET 4 det; release release NOUN 2 obj; \
         of of ADP 7 case; Mordor Mordor ADJ 7 amod MOR; prisoners prisoner NOUN 4 nmod MOR",
    );
    assert_eq!(coded(&mut d), vec![triple("GON", "MOR", "0841")]);
    // Gondor reported the release of Mordor prisoners: a report, no act of Gondor's.
    let mut d = doc(
        "Gondor Gondor PROPN 2 nsubj GON; reported report VERB 0 root; the the DET 4 det; release release NOUN 2 obj; \
         of of ADP 7 case; Mordor Mordor ADJ 7 amod MOR; prisoners prisoner NOUN 4 nmod MOR",
    );
    assert_eq!(coded(&mut d), vec![]);
}

#[test]
fn a_blockade_lifted_is_eased_not_imposed() {
    // Gondor lifted its blockade of Mordor.
    let mut d = doc(
        "Gondor Gondor PROPN 2 nsubj GON; lifted lift VERB 0 root; its its PRON 4 nmod:poss GON; blockade blockade NOUN 2 obj; \
         of of ADP 6 case; Mordor Mordor PROPN 4 nmod MOR",
    );
    assert_eq!(coded(&mut d), vec![triple("GON", "MOR", "0872")]);
    // Gondor expelled the inspectors of Mordor.
    let mut d = doc(
        "Gondor Gondor PROPN 2 nsubj GON; expelled expel VERB 0 root; the the DET 4 det; inspectors inspector NOUN 2 obj; \
         of of ADP 6 case; Mordor Mordor PROPN 4 nmod MOR",
    );
    assert_eq!(coded(&mut d), vec![triple("GON", "MOR", "1662")]);
}

#[test]
fn aid_cut_or_suspended_is_reduced_not_given() {
    // Gondor cut its aid to Mordor: a reduction of aid to Mordor, no aid.
    let mut d = doc(
        "Gondor Gondor PROPN 2 nsubj GON; cut cut VERB 0 root; its its PRON 4 nmod:poss GON; aid aid NOUN 2 obj; \
         to to ADP 6 case; Mordor Mordor PROPN 4 nmod MOR",
    );
    assert_eq!(coded(&mut d), vec![triple("GON", "MOR", "162")]);
    // Gondor suspended military aid to Mordor: "military" is the kind of aid, not its target
    // nor its giver.
    let mut d = doc(
        "Gondor Gondor PROPN 2 nsubj GON; suspended suspend VERB 0 root; military military ADJ 4 amod GONMIL; \
         aid aid NOUN 2 obj; to to ADP 6 case; Mordor Mordor PROPN 4 nmod MOR",
    );
    let events = coded(&mut d);
    assert!(events.iter().all(|(s, t, c)| s == "GON" && t == "MOR" && c.starts_with("162")), "{events:?}");
    assert_eq!(events.len(), 1, "{events:?}");
}

#[test]
fn a_pledge_to_no_one_is_policy_an_agreement_is_still_one() {
    // Gondor pledged to boost pensions: no intent to cooperate with anyone.
    let mut d = doc(
        "Gondor Gondor PROPN 2 nsubj GON; pledged pledge VERB 0 root; to to PART 4 mark; boost boost VERB 2 xcomp; \
         pensions pension NOUN 4 obj",
    );
    assert_eq!(coded(&mut d), vec![]);
    // Gondor pledged support to Mordor: an act towards Mordor (endorsement).
    let mut d = doc(
        "Gondor Gondor PROPN 2 nsubj GON; pledged pledge VERB 0 root; support support NOUN 2 obj; to to ADP 5 case; \
         Mordor Mordor PROPN 2 obl MOR",
    );
    let events = coded(&mut d);
    assert_eq!(events, vec![triple("GON", "MOR", "051")]);
    // Gondor agreed to resign: an agreement with no partner named still codes.
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON; agreed agree VERB 0 root; to to PART 4 mark; resign resign VERB 2 xcomp");
    let events = coded(&mut d);
    assert!(events.iter().any(|(s, t, c)| s == "GON" && t.is_empty() && c.starts_with("03")), "{events:?}");
}

#[test]
fn actors_that_accuse_each_other_accuse_both_ways() {
    // Gondor and Mordor accused each other.
    let mut d = doc(
        "Gondor Gondor PROPN 4 nsubj GON; and and CCONJ 3 cc; Mordor Mordor PROPN 1 conj MOR; accused accuse VERB 0 root; \
         each each DET 4 obj; other other ADJ 5 fixed",
    );
    assert_eq!(coded(&mut d), vec![triple("GON", "MOR", "112"), triple("MOR", "GON", "112")]);
}

#[test]
fn questioning_a_decision_criticises_questioning_a_person_does_not() {
    // Gondor questioned Mordor's decision.
    let mut d = doc(
        "Gondor Gondor PROPN 2 nsubj GON; questioned question VERB 0 root; Mordor Mordor PROPN 5 nmod:poss MOR; \
         's 's PART 3 case; decision decision NOUN 2 obj",
    );
    assert_eq!(coded(&mut d), vec![triple("GON", "MOR", "111")]);
    // Gondor's police questioned Mordor's envoy: an interrogation.
    let mut d = doc(
        "police police NOUN 2 nsubj GONCOP; questioned question VERB 0 root; envoy envoy NOUN 2 obj MORGOV",
    );
    assert_eq!(coded(&mut d), vec![]);
}

#[test]
fn two_people_of_one_code_are_two_actors() {
    // Blair admired Blunkett, both of Gondor's government: one person acts on another.
    let rows =
        "Blair Blair PROPN 2 nsubj GONGOV; admired admire VERB 0 root; Blunkett Blunkett PROPN 2 obj GONGOV";
    let mut d = doc(rows);
    d.mentions[0].actors[0].name = Some("Tony Blair".into());
    d.mentions[1].actors[0].name = Some("David Blunkett".into());
    assert_eq!(coded(&mut d), vec![triple("GONGOV", "GONGOV", "051")]);
    // The government admired the government: no one acts on themselves.
    let mut d = doc(rows);
    assert_eq!(coded(&mut d), vec![]);
}

#[test]
fn support_conveyed_in_a_call_is_for_the_one_called() {
    // Gondor called Rohan to convey Gondor's support.
    let mut d = doc(
        "Gondor Gondor PROPN 2 nsubj GONGOV; called call VERB 0 root; Rohan Rohan PROPN 2 obj ROHGOV; to to PART 5 mark; \
         convey convey VERB 2 advcl; Gondor Gondor PROPN 8 nmod:poss GON; 's 's PART 6 case; support support NOUN 5 obj",
    );
    let events = coded(&mut d);
    assert!(events.contains(&triple("GON", "ROHGOV", "051")), "{events:?}");
}

#[test]
fn an_attack_by_someone_is_theirs_and_a_cancelled_visit_no_visit() {
    // An attack by Mordor on Gondor.
    let mut d =
        doc("An a DET 2 det; attack attack NOUN 0 root; by by ADP 4 case; Mordor Mordor PROPN 2 nmod MOR; \
         on on ADP 6 case; Gondor Gondor PROPN 2 nmod GON");
    assert_eq!(coded(&mut d), vec![triple("MOR", "GON", "190")]);
    // Gondor cancelled Mordor's visit to Rohan: a rejection, no visit.
    let mut d = doc(
        "Gondor Gondor PROPN 2 nsubj GON; cancelled cancel VERB 0 root; Mordor Mordor PROPN 5 nmod:poss MOR; \
         's 's PART 3 case; visit visit NOUN 2 obj; to to ADP 7 case; Rohan Rohan PROPN 5 nmod ROH",
    );
    let events = coded(&mut d);
    assert!(events.iter().all(|e| e.2.starts_with("12")), "{events:?}");
    assert!(!events.is_empty());
    // Gondor dismissed Mordor's attack: the attack was made all the same.
    let mut d = doc(
        "Gondor Gondor PROPN 2 nsubj GON; dismissed dismiss VERB 0 root; Mordor Mordor PROPN 5 nmod:poss MOR; \
         's 's PART 3 case; attack attack NOUN 2 obj; on on ADP 7 case; Rohan Rohan PROPN 5 nmod ROH",
    );
    assert!(coded(&mut d).contains(&triple("MOR", "ROH", "190")), "{:?}", d.events);
}

#[test]
fn a_decision_to_act_is_the_act_a_promise_an_intent() {
    // Gondor decided to lift sanctions on Mordor: an easing (085), not an intent (035).
    let rows = "Gondor Gondor PROPN 2 nsubj GON; decided decide VERB 0 root; to to PART 4 mark; lift lift VERB 2 xcomp; \
                sanctions sanction NOUN 4 obj; on on ADP 7 case; Mordor Mordor PROPN 5 nmod MOR";
    let mut d = doc(rows);
    assert_eq!(coded(&mut d), vec![triple("GON", "MOR", "085")]);
    let mut d = doc(&rows.replace("decided decide", "promised promise"));
    assert_eq!(coded(&mut d), vec![triple("GON", "MOR", "035")]);
}

#[test]
fn criticism_or_condolences_offered_are_expressed() {
    // Gondor offered scathing criticism of Mordor.
    let mut d =
        doc("Gondor Gondor PROPN 2 nsubj GON; offered offer VERB 0 root; scathing scathing ADJ 4 amod; \
         criticism criticism NOUN 2 obj; of of ADP 6 case; Mordor Mordor PROPN 4 nmod MOR");
    assert_eq!(coded(&mut d), vec![triple("GON", "MOR", "111")]);
}

#[test]
fn cutting_taxes_or_costs_acts_on_no_one() {
    // Gondor cut the cost of the card for Mordor: its own fiscal business.
    let mut d = doc(
        "Gondor Gondor PROPN 2 nsubj GON; cut cut VERB 0 root; the the DET 4 det; cost cost NOUN 2 obj; \
         of of ADP 7 case; the the DET 7 det; card card NOUN 4 nmod; for for ADP 9 case; Mordor Mordor PROPN 2 obl MOR",
    );
    assert_eq!(coded(&mut d), vec![]);
    assert!(explain(&d, 0).contains("relevance:sense:fiscal"), "{}", explain(&d, 0));
}

#[test]
fn random_parses_never_panic() {
    // Deterministic pseudo-random trees (some with cycles or heads out of range), relations and
    // actors over the dictionary's own words: the coder must skip or code, never panic.
    let words = [
        "attack", "support", "said", "will", "not", "to", "with", "by", "and", "treaty", "visit", "Russia",
        "Ukraine",
    ];
    let rels = [
        "nsubj",
        "obj",
        "obl",
        "nmod",
        "conj",
        "xcomp",
        "ccomp",
        "advcl",
        "case",
        "aux",
        "advmod",
        "root",
        "appos",
        "compound:prt",
    ];
    let upos = ["VERB", "NOUN", "PROPN", "ADP", "AUX", "PART", "CCONJ", "PRON"];
    let mut seed: u64 = 42;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    for _ in 0..300 {
        let len = 1 + next(30);
        let rows: Vec<String> = (0..len)
            .map(|_| {
                let w = words[next(words.len())];
                let actor = if w.starts_with(char::is_uppercase) { " RUS" } else { "" };
                format!(
                    "{w} {w} {} {} {}{actor}",
                    upos[next(upos.len())],
                    next(len + 2),
                    rels[next(rels.len())]
                )
            })
            .collect();
        let mut d = doc(&rows.join(";"));
        let _ = coded(&mut d);
        let _ = explain(&d, 0);
    }
}

#[test]
fn unparsed_sentences_are_read_shallowly() {
    // Russia accused Ukraine (tokens only, no parse).
    let mut d = doc(
        "Russia Russia X 0 x RUS; accused accused X 0 x; Ukraine Ukraine X 0 x UKR; Station Station X 0 x",
    );
    for t in d.tokens.iter_mut() {
        t.head = None;
    }
    assert_eq!(coded(&mut d), vec![triple("RUS", "UKR", "112")]);
    assert!(d.events[0].rule.starts_with("shallow:dyad:ACCUSE#"), "{}", d.events[0].rule);
}

/// Every block of dyad's dictionary, and every pattern of the form `* WORD` or `* (PREP)`, on a
/// sentence built for it: "RUS <verb> UKR", "RUS <verb> <word> to UKR", "RUS <verb> <prep> UKR".
/// The block default, or the pattern's code, must come out (the first pattern in the file
/// that the sentence fits, as the engine's tie rule says).
#[test]
fn every_block_and_simple_pattern_of_the_own_dictionary_codes() {
    use crate::dictionary::Elem;
    let dict = &default_coder().dict;
    let mut checked = 0;
    for (bi, block) in dict.blocks.iter().enumerate().take(dict.own_blocks) {
        // The verbs this block owns (the engine takes a verb's first block).
        let mut verbs: Vec<&crate::dictionary::VerbEntry> = dict
            .by_word
            .iter()
            .filter(|(k, v)| v[0].block == bi && v[0].particles.is_empty() && **k == v[0].lemma)
            .map(|(_, v)| &v[0])
            .collect();
        verbs.sort_by_key(|e| e.line);
        let Some(verb) = verbs.first() else { continue };
        let lemma = verb.lemma.to_lowercase();
        let run = |rows: String| -> Vec<(String, String, String)> {
            let mut d = doc(&rows);
            coded(&mut d)
        };
        if let Code::Event { forward, .. } = verb.code.as_ref().unwrap_or(&block.code) {
            let got = run(format!("Russia Russia PROPN 2 nsubj RUS; {lemma} {lemma} VERB 0 root; Ukraine Ukraine PROPN 2 obj UKR"));
            let wanted = block.patterns.iter().find(|p| p.pre.is_empty() && p.post.is_empty() && !p.compound);
            let code = match wanted.map(|p| &p.code) {
                Some(Code::Event { forward, .. }) => Some(forward.clone()),
                Some(Code::Null) => None,
                None => Some(forward.clone()),
            };
            if let Some(code) = code {
                assert!(
                    got.contains(&triple("RUS", "UKR", &code)),
                    "block {} ({lemma}): {got:?}",
                    block.name
                );
                checked += 1;
            }
        }
        for p in block.patterns.iter().filter(|p| p.pre.is_empty() && !p.compound && p.post.len() == 1) {
            let rows = match &p.post[0] {
                Elem::Word(w) if w.alternatives[0].len() == 1 => {
                    let word = w.alternatives[0][0].to_lowercase();
                    format!(
                        "Russia Russia PROPN 2 nsubj RUS; {lemma} {lemma} VERB 0 root; {word} {word} NOUN 2 obj; \
                         to to ADP 5 case; Ukraine Ukraine PROPN 2 obl UKR"
                    )
                }
                Elem::Prep(prep, inner) if inner.is_empty() && prep.alternatives[0].len() == 1 => {
                    let prep = prep.alternatives[0][0].to_lowercase();
                    format!("Russia Russia PROPN 2 nsubj RUS; {lemma} {lemma} VERB 0 root; {prep} {prep} ADP 4 case; Ukraine Ukraine PROPN 2 obl UKR")
                }
                _ => continue,
            };
            let got = run(rows);
            // The first single-element pattern of the block that this sentence fits.
            let first = block
                .patterns
                .iter()
                .find(|q| q.pre.is_empty() && !q.compound && q.post.len() == 1 && q.post == p.post)
                .unwrap();
            match &first.code {
                Code::Event { forward, .. } => {
                    assert!(
                        got.contains(&triple("RUS", "UKR", forward)),
                        "{} line {}: {got:?}",
                        block.name,
                        p.line
                    );
                }
                Code::Null => assert!(got.is_empty(), "{} line {}: {got:?}", block.name, p.line),
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} patterns checked");
}

#[test]
fn a_range_dates_the_event_at_its_start_and_at_that_time_looks_back() {
    // "June 18-19." then "At that time Putin visited North Korea" (heads relative to each sentence).
    let mut d = doc(
        "June_18-19 June PROPN 0 root; At at ADP 3 case; that that DET 3 det; time time NOUN 5 obl; \
         Putin Putin PROPN 5 nsubj RUSGOV; visited visit VERB 0 root; North_Korea North_Korea PROPN 5 obj PRK",
    );
    let first = d.tokens[0].span;
    let rest = Span::new(d.tokens[1].span.start as usize, d.text.len());
    d.sentences = vec![Sentence { span: first, tokens: (0, 1) }, Sentence { span: rest, tokens: (1, 7) }];
    d.timexes.push(Timex {
        span: first,
        kind: TimexType::Date,
        value: "2024-06-18/2024-06-19".into(),
        precision: Precision::Day,
        anchor: Anchor::DocumentDate,
    });
    d.meta.date = Some(dyad_core::DocDate {
        date: chrono::NaiveDate::from_ymd_opt(2024, 11, 2).unwrap(),
        time: None,
        source: "test".into(),
    });
    coded(&mut d);
    let e = d.events.iter().find(|e| e.cameo == "042").expect("the visit is coded");
    assert_eq!((e.date.as_deref(), e.date_precision), (Some("2024-06-18"), Precision::Day));
}

#[test]
fn a_target_of_the_sources_own_country_gives_way_to_the_next_actor() {
    // Choe started the meeting at the ministry in Moscow (the ministry resolved to her own).
    let mut d = doc(
        "Choe Choe PROPN 2 nsubj PRKGOV; started start VERB 0 root; the the DET 4 det; meeting meeting NOUN 2 obj; \
         at at ADP 7 case; the the DET 7 det; ministry ministry NOUN 4 nmod PRKGOV; in in ADP 9 case; \
         Moscow Moscow PROPN 7 nmod RUS",
    );
    let events = coded(&mut d);
    assert!(events.contains(&triple("PRKGOV", "RUS", "040")), "{events:?}");
}

#[test]
fn two_bodies_of_one_state_are_two_sides_but_a_state_and_its_body_are_one() {
    // The attorney general rejected the prime minister (ISRJUD, ISRGOV), not the court after.
    let mut d = doc(
        "general general NOUN 2 nsubj ISRJUD; rejected reject VERB 0 root; Netanyahu Netanyahu PROPN 2 obj ISRGOV; \
         at at ADP 6 case; the the DET 6 det; court court NOUN 2 obl ---JUD",
    );
    let events = coded(&mut d);
    assert!(events.contains(&triple("ISRJUD", "ISRGOV", "120")), "{events:?}");
    // Russia withdrew its troops from Syria: the troops are Russia's own, Syria is the target.
    let mut d = doc(
        "Russia Russia PROPN 2 nsubj RUS; attacked attack VERB 0 root; troops troops NOUN 2 obj RUSMIL; \
         in in ADP 5 case; Syria Syria PROPN 2 obl SYR",
    );
    let events = coded(&mut d);
    assert!(events.contains(&triple("RUS", "SYR", "190")), "{events:?}");
    // Yemen freed activists in the face of Tunisian protesters: its own opposition is another
    // side (society, not the state), and the first actor after the verb.
    let mut d =
        doc("Yemen Yemen PROPN 2 nsubj YEM; freed free VERB 0 root; activists activist NOUN 2 obj YEMOPP; \
         in in ADP 5 case; face face NOUN 2 obl; of of ADP 7 case; protesters protester NOUN 5 nmod TUNOPP");
    let events = coded(&mut d);
    assert_eq!(events, vec![triple("YEM", "YEMOPP", "0841")]);
}

#[test]
fn two_parties_of_one_code_are_two_sources() {
    // The Tories and the Lib Dems accused Blair: one event each, though both are GBRPTY.
    let mut d =
        doc("Tories Tories PROPN 4 nsubj GBRPTY; and and CCONJ 3 cc; Dems Dems PROPN 1 conj GBRPTY; \
         accused accuse VERB 0 root; Blair Blair PROPN 4 obj GBRGOV");
    for (m, name) in d.mentions.iter_mut().zip(["Conservative Party", "Liberal Democrats", "Tony Blair"]) {
        m.actors[0].name = Some(name.into());
    }
    let events = coded(&mut d);
    assert_eq!(events, vec![triple("GBRPTY", "GBRGOV", "112"), triple("GBRPTY", "GBRGOV", "112")]);
}

#[test]
fn a_bare_preposition_pattern_needs_the_verbs_own_phrase() {
    // "Stoltenberg called Erdogan to apologize for the case": no "called for" (020), a call.
    let mut d = doc(
        "Stoltenberg Stoltenberg PROPN 2 nsubj IGOWSTNAT; called call VERB 0 root; Erdogan Erdogan PROPN 2 obj TURGOV; \
         to to PART 5 mark; apologize apologize VERB 2 xcomp; for for ADP 7 case; case case NOUN 5 obl",
    );
    let events = coded(&mut d);
    assert!(events.contains(&triple("IGOWSTNAT", "TURGOV", "041")), "{events:?}");
    assert!(!events.iter().any(|e| e.2 == "020"), "{events:?}");
    // "Britain called for talks with Iran": the verb's own oblique.
    let mut d = doc(
        "Britain Britain PROPN 2 nsubj GBR; called call VERB 0 root; for for ADP 4 case; talks talks NOUN 2 obl; \
         with with ADP 6 case; Iran Iran PROPN 4 nmod IRN",
    );
    let events = coded(&mut d);
    assert!(events.iter().any(|e| e.2.starts_with("02")), "{events:?}");
    // After a pattern word the phrase is that word's, inside the content clause too: "Russia
    // said it supports measures against provocations by America" (SAY's "PROVOCATIONS (BY)").
    let mut d = doc("Russia Russia PROPN 2 nsubj RUS; said say VERB 0 root; it it PRON 4 nsubj RUS; \
         supports support VERB 2 ccomp; measures measure NOUN 4 obj; against against ADP 7 case; \
         provocations provocation NOUN 5 nmod; by by ADP 9 case; America America PROPN 7 nmod USA");
    let events = coded(&mut d);
    assert!(events.contains(&triple("RUS", "USA", "112")), "{events:?}");
}

#[test]
fn a_description_of_what_an_actor_owns_never_acts() {
    // "the ruling could threaten Denmark", "the ruling" standing for the EU that made it.
    let mut d = doc("ruling ruling NOUN 2 nsubj IGOEUREEC; threatened threaten VERB 0 root; Denmark Denmark PROPN 2 obj DNK");
    assert_eq!(coded(&mut d), vec![triple("IGOEUREEC", "DNK", "130")]);
    d.mentions[0].rule = format!("{}ruling", dyad_core::OWNED_DESCRIPTION_RULE);
    d.events.clear();
    assert!(coded(&mut d).is_empty());
}

#[test]
fn peacekeepers_arriving_provide_peacekeeping() {
    let mut d =
        doc("peacekeepers peacekeeper NOUN 2 nsubj NGAMIL; arrived arrive VERB 0 root; in in ADP 4 case; \
         Monrovia Monrovia PROPN 2 obl LBR");
    assert_eq!(coded(&mut d), vec![triple("NGAMIL", "LBR", "074")]);
    // Troops arriving are a visit, as before.
    let mut d = doc("troops troop NOUN 2 nsubj NGAMIL; arrived arrive VERB 0 root; in in ADP 4 case; \
         Monrovia Monrovia PROPN 2 obl LBR");
    assert!(coded(&mut d).iter().any(|e| e.2 == "042"));
}

#[test]
fn a_time_adjunct_holds_no_pattern_word() {
    // "France began evacuating them after days of demonstrations": no demonstration begun.
    let mut d =
        doc("France France PROPN 2 nsubj FRA; began begin VERB 0 root; evacuating evacuate VERB 2 xcomp; \
         them they PRON 3 obj FRACVL; after after ADP 6 case; days day NOUN 3 obl; of of ADP 8 case; \
         demonstrations demonstration NOUN 6 nmod");
    let events = coded(&mut d);
    assert!(events.iter().all(|e| !e.2.starts_with("14")), "{events:?}");
}

/// A parse that gives a clause two subjects for one phrase ("Old foe" and "Gondor"): the one
/// naming an actor is the subject.
#[test]
fn of_several_subjects_the_one_with_an_actor_is_the_source() {
    let mut d = doc("Old old ADJ 2 amod;foe foe NOUN 4 nsubj;Gondor Gondor PROPN 4 nsubj GON;\
        accused accuse VERB 0 root;Arnor Arnor PROPN 4 obj ARN");
    assert_eq!(coded(&mut d), vec![triple("GON", "ARN", "112")]);
}

/// "Ithilen and the government of Gondor" parsed as two subjects, the second opening with the
/// conjunction: both are sources.
#[test]
fn a_second_subject_opening_with_a_conjunction_is_a_conjunct() {
    let mut d = doc("Ithilen Ithilen PROPN 5 nsubj ITH;and and CCONJ 4 cc;the the DET 4 det;\
        government government NOUN 5 nsubj GONGOV;accused accuse VERB 0 root;Arnor Arnor PROPN 5 obj ARN");
    assert_eq!(coded(&mut d), vec![triple("GONGOV", "ARN", "112"), triple("ITH", "ARN", "112")]);
    // Without the conjunction the second subject is not a source of its own.
    let mut d = doc("Ithilen Ithilen PROPN 4 nsubj ITH;the the DET 3 det;\
        government government NOUN 4 nsubj GONGOV;accused accuse VERB 0 root;Arnor Arnor PROPN 4 obj ARN");
    assert_eq!(coded(&mut d), vec![triple("ITH", "ARN", "112")]);
}

/// "Ithilen and the evil Gondor" with "the evil" torn off the second subject and hung on the
/// first as its conjunct: the conjunction before the torn words still makes a list.
#[test]
fn a_second_subject_whose_front_words_hang_on_the_first_is_a_conjunct() {
    let mut d = doc("Ithilen Ithilen PROPN 7 nsubj ITH;and and CCONJ 4 cc;the the DET 4 det;\
        evil evil NOUN 1 conj;awful awful ADJ 6 amod;Gondor Gondor PROPN 7 nsubj GON;\
        accused accuse VERB 0 root;Arnor Arnor PROPN 7 obj ARN");
    assert_eq!(coded(&mut d), vec![triple("GON", "ARN", "112"), triple("ITH", "ARN", "112")]);
    // Without the conjunction the torn words make no list.
    let mut d = doc("Ithilen Ithilen PROPN 6 nsubj ITH;the the DET 3 det;\
        evil evil NOUN 1 appos;awful awful ADJ 5 amod;Gondor Gondor PROPN 6 nsubj GON;\
        accused accuse VERB 0 root;Arnor Arnor PROPN 6 obj ARN");
    assert_eq!(coded(&mut d), vec![triple("ITH", "ARN", "112")]);
}

/// "Gondor accused the bandit raiding parties of Arnor" with "raiding" read as an adverbial
/// clause of the verb: the phrase continues the object, and its actor is the target. A comma
/// before the "-ing" clause keeps it a clause of its own.
#[test]
fn an_ing_word_right_after_the_object_continues_it() {
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;accused accuse VERB 0 root;the the DET 4 det;\
        bandit bandit NOUN 2 obj;raiding raid VERB 2 advcl;parties party NOUN 5 obj;\
        of of ADP 8 case;Arnor Arnor PROPN 6 nmod ARN");
    assert_eq!(coded(&mut d), vec![triple("GON", "ARN", "112")]);
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;accused accuse VERB 0 root;the the DET 4 det;\
        bandit bandit NOUN 2 obj;, , PUNCT 6 punct;raiding raid VERB 2 advcl;parties party NOUN 6 obj;\
        of of ADP 9 case;Arnor Arnor PROPN 7 nmod ARN");
    // The clause of its own is Gondor's act (a participle clause takes the governor's subject).
    assert_eq!(coded(&mut d), vec![triple("GON", "", "112"), triple("GON", "ARN", "190")]);
}

/// A verb the parse left without a subject takes the actor right before it, across adverbs and
/// auxiliaries; not across other words.
#[test]
fn a_verb_without_a_subject_takes_the_actor_right_before_it() {
    let mut d = doc("Gondor Gondor PROPN 4 dep GON;has have AUX 4 aux;again again ADV 4 advmod;\
        accused accuse VERB 0 root;Arnor Arnor PROPN 4 obj ARN");
    assert_eq!(coded(&mut d), vec![triple("GON", "ARN", "112")]);
    let mut d = doc("Gondor Gondor PROPN 3 dep GON;crowds crowd NOUN 3 obl;\
        accused accuse VERB 0 root;Arnor Arnor PROPN 3 obj ARN");
    assert!(coded(&mut d).is_empty());
}

/// Several subjects of one clause after a comma ("Mordor, the Shire") are a list the parse did
/// not coordinate: each is a source.
#[test]
fn subjects_after_a_comma_are_a_list() {
    let mut d = doc("Mordor Mordor PROPN 5 nsubj MOR;, , PUNCT 4 punct;the the DET 4 det;\
        Shire Shire PROPN 5 nsubj SHI;accused accuse VERB 0 root;Arnor Arnor PROPN 5 obj ARN");
    assert_eq!(coded(&mut d), vec![triple("MOR", "ARN", "112"), triple("SHI", "ARN", "112")]);
}

/// "Gondor said it deplored Arnor" with "it" read as the object of "said": the pronoun right
/// before the complement verb is its subject, and stands for Gondor.
#[test]
fn a_pronoun_before_a_subjectless_complement_is_its_subject() {
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;said say VERB 0 root;it it PRON 2 obj;\
        deplored deplore VERB 2 ccomp;Arnor Arnor PROPN 4 obj ARN");
    assert_eq!(coded(&mut d), vec![triple("GON", "ARN", "111")]);
}

/// An actor inside a phrase of duration ("five years after Arnor crowds burned …") is not the
/// target; one the phrase introduces with "with" (a misparse of "with Arnor") still is.
#[test]
fn actors_in_a_phrase_of_duration_are_not_targets() {
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;accused accuse VERB 0 root;five five NUM 4 nummod;\
        years year NOUN 2 obl;after after ADP 7 case;Arnor Arnor PROPN 7 compound ARN;crowds crowd NOUN 4 nmod");
    // dyad's own coder keeps events without a target.
    assert_eq!(coded(&mut d), vec![triple("GON", "", "112")]);
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;accused accuse VERB 0 root;with with ADP 5 case;\
        Arnor Arnor PROPN 5 nmod:poss ARN;years year NOUN 2 obl");
    assert_eq!(coded(&mut d), vec![triple("GON", "ARN", "112")]);
}

/// An indirect question the parse attached as an adverbial clause completes the verb: the
/// pattern "(TO QUESTION)" of "begun" sees its target inside it.
#[test]
fn an_indirect_question_read_as_adverbial_is_a_complement() {
    let coder = Coder::from_petrarch("--- BEGIN [---] ---\nBEGIN {BEGUN}\n* (TO QUESTION) [110]\n", "v.txt")
        .expect("dictionary");
    let mut d = doc("Sam Sam PROPN 2 nsubj HOB;begun begin VERB 0 root;to to PART 4 mark;\
        question question VERB 2 xcomp;whether whether SCONJ 7 mark;he he PRON 7 nsubj;\
        has have VERB 4 advcl;ties tie NOUN 7 obj;with with ADP 10 case;Orcs orc PROPN 8 nmod ORC");
    coder.annotate(&mut d);
    let got: Vec<_> =
        d.events.iter().map(|e| (e.cameo.clone(), e.target.as_ref().map(|t| t.actor.code.clone()))).collect();
    assert_eq!(got, vec![("110".to_string(), Some("ORC".to_string()))]);
}

/// "Gondor urged Arnor to criticize Rohan": the infinitive's subject is the governor's object,
/// so the event is the governor's (an appeal to Arnor), not the criticism.
#[test]
fn an_object_controlled_infinitive_leaves_the_governors_event() {
    let mut d = doc("Gondor Gondor PROPN 2 nsubj GON;urged urge VERB 0 root;Arnor Arnor PROPN 2 obj ARN;\
        to to PART 5 mark;criticize criticize VERB 2 xcomp;Rohan Rohan PROPN 5 obj ROH");
    let got = coded(&mut d);
    assert!(got.iter().all(|(s, t, _)| (s.as_str(), t.as_str()) == ("GON", "ARN")), "{got:?}");
    assert!(!got.is_empty());
}

/// "Gondor was heavily and unjustly criticized over its dispute with Arnor", with "was" read as
/// the copula of "heavily" and the participle as its conjunct: still a passive, so Gondor is
/// the target and the "by" actor after the verb the source.
#[test]
fn a_participle_coordinated_under_be_is_passive() {
    let rows = "Gondor Gondor PROPN 3 nsubj GON;was be AUX 3 cop;heavily heavily ADV 0 root;\
        and and CCONJ 6 cc;unjustly unjustly ADV 6 advmod;criticized criticize VERB 3 conj;\
        by by ADP 8 case;Arnor Arnor PROPN 6 obl ARN";
    let mut d = doc(rows);
    d.tokens[5].xpos = "VBN".into();
    assert_eq!(coded(&mut d), vec![triple("ARN", "GON", "111")]);
    // A past tense ("VBD") is not.
    let mut d = doc(rows);
    d.tokens[5].xpos = "VBD".into();
    assert_eq!(coded(&mut d), vec![triple("GON", "ARN", "111")]);
}

#[test]
fn an_infinitive_torn_from_its_controller_takes_its_subject() {
    // Russia is about to support North Korea, with "support" misread as a parataxis of "about"
    // and, second, hung on another clause altogether: "about" still controls it.
    let mut d =
        doc("Russia Russia PROPN 3 nsubj RUS; is be AUX 3 cop; about about ADJ 0 root; to to PART 5 mark; \
         support support VERB 3 parataxis; North_Korea North_Korea PROPN 5 obj PRK");
    assert_eq!(coded(&mut d), vec![triple("RUS", "PRK", "051")]);
    let mut d = doc("Russia Russia PROPN 3 nsubj RUS; is be AUX 3 cop; about about ADJ 9 ccomp; to to PART 5 mark; \
         support support VERB 9 ccomp; North_Korea North_Korea PROPN 5 obj PRK; officials official NOUN 9 nsubj; \
         have have AUX 9 aux; said say VERB 0 root");
    assert_eq!(coded(&mut d), vec![triple("RUS", "PRK", "051")]);
    // Without the adjacent "to", nothing is borrowed.
    let mut d = doc("Russia Russia PROPN 3 nsubj RUS; is be AUX 3 cop; about about ADJ 0 root; \
         supporting support VERB 3 parataxis; North_Korea North_Korea PROPN 4 obj PRK");
    assert!(coded(&mut d).iter().all(|e| e.0 != "RUS"), "{:?}", coded(&mut d));
}

#[test]
fn a_perfect_participle_read_as_an_adjective_is_the_verb() {
    // Russia has criticized Ukraine, parsed as "has" + "criticized Ukraine" (amod).
    let mut d =
        doc("Russia Russia PROPN 2 nsubj RUS; has have AUX 0 root; criticized criticize VERB 4 amod; \
         Ukraine Ukraine PROPN 2 obj UKR");
    assert_eq!(coded(&mut d), vec![triple("RUS", "UKR", "111")]);
    // A real adjective stays one: "Russia has armed rebels" with "armed" an ADJ codes nothing
    // from "armed".
    let mut d = doc("Russia Russia PROPN 2 nsubj RUS; has have AUX 0 root; armed armed ADJ 4 amod; \
         rebels rebel NOUN 2 obj");
    assert!(coded(&mut d).is_empty(), "{:?}", coded(&mut d));
}

#[test]
fn words_torn_off_a_conjunct_subject_do_not_hide_it() {
    // "Russia and the evil China support Iran", with "evil" read as a subject of its own and
    // "and" hung on the verb: China is still a conjunct of Russia.
    let mut d = doc(
        "Russia Russia PROPN 6 nsubj RUS; and and CCONJ 6 cc; the the DET 4 det; evil evil NOUN 6 nsubj; \
         China China PROPN 6 nsubj CHN; support support VERB 0 root; Iran Iran PROPN 6 obj IRN",
    );
    assert_eq!(coded(&mut d), vec![triple("CHN", "IRN", "051"), triple("RUS", "IRN", "051")]);
}

/// The heads (1-based, 0 for the root) and relations of sentence 0 as the coder reads them.
fn repaired(d: &Document) -> Vec<(usize, String)> {
    let t = tree::Tree::new(d, 0).expect("a tree");
    t.head.iter().zip(&t.rel).map(|(h, r)| (h.map_or(0, |h| h + 1), r.clone())).collect()
}

#[test]
fn a_participle_read_as_a_complement_is_the_nouns_adjective() {
    // "Arnor will abandon improved relations with Gondor": "improved" read as abandon's xcomp
    // with "relations" its object, and "years" hung on the participle.
    let rows = "Arnor Arnor PROPN 3 nsubj ARN; will will AUX 3 aux; abandon abandon VERB 0 root; \
         improved improve VERB 3 xcomp; relations relation NOUN 4 obj; with with ADP 7 case; \
         Gondor Gondor PROPN 5 nmod GON; years year NOUN 4 nmod:unmarked; ago ago ADV 3 advmod";
    let mut d = doc(rows);
    d.tokens[3].xpos = "VBN".into();
    let got = repaired(&d);
    assert_eq!(got[3], (5, "amod".to_string()));
    assert_eq!(got[4], (3, "obj".to_string()));
    assert_eq!(got[7], (5, "nmod:unmarked".to_string()), "nominal dependents follow the noun");
    // A word the tagger calls a base form ("help improve relations") stays a complement.
    let mut d = doc(rows);
    d.tokens[3].xpos = "VB".into();
    assert_eq!(repaired(&d)[3], (3, "xcomp".to_string()));
}

#[test]
fn a_sentence_without_a_predicate_gets_its_verb_back() {
    // "The mayor left yesterday for Gondor." parsed as a noun phrase with a reduced relative.
    let rows = "The the DET 2 det; mayor mayor NOUN 0 root; left leave VERB 2 acl; \
         yesterday yesterday NOUN 3 obl:unmarked; for for ADP 6 case; Gondor Gondor PROPN 3 obl GON; \
         . . PUNCT 2 punct";
    let got = repaired(&doc(rows));
    assert_eq!(got[2], (0, "root".to_string()));
    assert_eq!(got[1], (3, "nsubj".to_string()));
    assert_eq!(got[6], (3, "punct".to_string()));
    // With a predicate elsewhere the relative clause is real: "The mayor elected in May
    // resigned."
    let rows = "The the DET 2 det; mayor mayor NOUN 6 nsubj; elected elect VERB 2 acl; in in ADP 5 case; \
         May May PROPN 3 obl; resigned resign VERB 0 root; . . PUNCT 6 punct";
    assert_eq!(repaired(&doc(rows))[2], (2, "acl".to_string()));
    // Nor when the noun is the root but another verb stands outside the clause.
    let rows = "The the DET 2 det; mayor mayor NOUN 0 root; elected elect VERB 2 acl; \
         and and CCONJ 5 cc; resigned resign VERB 2 conj";
    assert_eq!(repaired(&doc(rows))[2], (2, "acl".to_string()));
}

/// "Gondor is believed linked to the Orcs": a passive that raises its subject from a verbal
/// complement, with no agent: Gondor is still the one linked, so it stays the source. A plain
/// passive ("Gondor was linked to the Orcs") still swaps.
#[test]
fn a_raising_passive_keeps_its_subject_as_source() {
    let coder = Coder::from_petrarch("--- BELIEVE [---] ---\nBELIEVE\n- * LINKED [111]\n", "v.txt")
        .expect("dictionary");
    let mut d =
        doc("Gondor Gondor PROPN 3 nsubj:pass GON;is be AUX 3 aux:pass;believed believe VERB 0 root;\
        linked link VERB 3 xcomp;to to ADP 7 case;the the DET 7 det;Orcs orc PROPN 4 obl ORC");
    coder.annotate(&mut d);
    let got: Vec<_> = d.events.iter().map(|e| (e.source.actor.code.clone(), e.cameo.clone())).collect();
    assert_eq!(got, vec![("GON".to_string(), "111".to_string())]);
    let coder = Coder::from_petrarch("--- LINK [111] ---\nLINK\n", "v.txt").expect("dictionary");
    let mut d = doc("Gondor Gondor PROPN 3 nsubj:pass GON;was be AUX 3 aux:pass;linked link VERB 0 root;\
        to to ADP 5 case;Orcs orc PROPN 3 obl ORC");
    coder.annotate(&mut d);
    let got: Vec<_> = d.events.iter().map(|e| (e.source.actor.code.clone(), e.cameo.clone())).collect();
    assert_eq!(got, vec![("ORC".to_string(), "111".to_string())]);
}

/// A one-sentence document (rows as for [`doc`]) followed by a second sentence of `context`
/// words, parsed flat, so that the document reads as the domain those words mark.
fn doc_in_context(rows: &str, context: &str) -> Document {
    let d = doc(rows);
    let mut text = d.text.clone();
    let first_end = text.len();
    let mut tokens = d.tokens.clone();
    let first_count = tokens.len() as u32;
    for (k, word) in context.split_whitespace().enumerate() {
        text.push(' ');
        let start = text.len();
        text.push_str(word);
        tokens.push(Token {
            span: Span::new(start, text.len()),
            upos: Upos::NOUN,
            xpos: String::new(),
            lemma: word.to_string(),
            head: Some(if k == 0 { 0 } else { 1 }),
            deprel: if k == 0 { "root".into() } else { "dep".into() },
        });
    }
    let mut full = Document::from_normalised(text);
    full.tokens = tokens;
    full.mentions = d.mentions.clone();
    full.sentences.push(Sentence { span: Span::new(0, first_end), tokens: (0, first_count) });
    full.sentences.push(Sentence {
        span: Span::new(first_end + 1, full.text.len()),
        tokens: (first_count, full.tokens.len() as u32),
    });
    full
}

/// Words of a match report (no verb of the dictionary among them), long enough to be judged.
fn sport_words() -> String {
    "match goal striker season league coach tournament title squad referee penalty victory fans stadium "
        .repeat(7)
}

/// Words of a markets report.
fn market_words() -> String {
    "shares profits revenue quarter investors stock market analysts firm prices growth sales earnings dividend "
        .repeat(7)
}

#[test]
fn country_teams_on_a_sport_page_are_no_states() {
    // England attacked France (a match report: "attacked France's defence" in all but words).
    let rows =
        "England England PROPN 2 nsubj GBR; attacked attack VERB 0 root; France France PROPN 2 obj FRA";
    let mut d = doc_in_context(rows, &sport_words());
    assert!(coded(&mut d).is_empty(), "teams: {:?}", d.events);
    let why = explain(&d, 0);
    assert!(why.contains("document: domain sport"), "{why}");
    assert!(why.contains("dropped GBR 190 FRA") && why.contains("relevance:domain"), "{why}");
    // The same sentence alone is not judged: a lone sentence says too little about its page.
    let mut d = doc(rows);
    assert_eq!(coded(&mut d), vec![triple("GBR", "FRA", "190")]);
}

#[test]
fn a_government_acting_on_a_sport_page_still_codes() {
    // The French government criticised England.
    let rows = "The the DET 3 det; French French ADJ 3 amod; government government NOUN 4 nsubj FRAGOV; \
                criticised criticise VERB 0 root; England England PROPN 4 obj GBR";
    let mut d = doc_in_context(rows, &sport_words());
    assert_eq!(coded(&mut d), vec![triple("FRAGOV", "GBR", "111")]);
}

#[test]
fn sanctions_in_a_markets_story_still_code() {
    // The EU imposed sanctions on Iran.
    let rows = "The the DET 2 det; EU EU PROPN 3 nsubj IGOEUREEC; imposed impose VERB 0 root; \
                sanctions sanction NOUN 3 obj; on on ADP 6 case; Iran Iran PROPN 3 obl IRN";
    let mut d = doc_in_context(rows, &market_words());
    assert_eq!(coded(&mut d), vec![triple("IGOEUREEC", "IRN", "163")]);
    // China imposed sanctions on Japan: a bare country that is the argument stands for the state
    // on a markets page.
    let rows = "China China PROPN 2 nsubj CHN; imposed impose VERB 0 root; sanctions sanction NOUN 2 obj; \
                on on ADP 5 case; Japan Japan PROPN 2 obl JPN";
    let mut d = doc_in_context(rows, &market_words());
    assert_eq!(coded(&mut d), vec![triple("CHN", "JPN", "163")]);
}

#[test]
fn a_country_modifying_a_firm_is_not_the_state() {
    // The US firm attacked Japan's Nippon (a takeover fight on a markets page).
    let rows = "The the DET 3 det; US US PROPN 3 compound USA; firm firm NOUN 4 nsubj; attacked attack VERB 0 root; \
                Japan Japan PROPN 7 nmod:poss JPN; 's 's PART 5 case; Nippon Nippon PROPN 4 obj";
    let mut d = doc_in_context(rows, &market_words());
    assert!(coded(&mut d).is_empty(), "{:?}", d.events);
}

#[test]
fn attacking_a_plan_is_criticism() {
    // Labour attacked the government's budget.
    let rows = "Labour Labour PROPN 2 nsubj GBRPTY; attacked attack VERB 0 root; the the DET 4 det; \
                government government NOUN 6 nmod:poss GBRGOV; 's 's PART 4 case; budget budget NOUN 2 obj";
    let mut d = doc(rows);
    assert_eq!(coded(&mut d), vec![triple("GBRPTY", "GBRGOV", "111")]);
    assert!(d.events[0].rule.ends_with("+sense:proposal"), "{}", d.events[0].rule);
    // Rebels attacked the government: an actor as object keeps the plain sense.
    let rows = "Rebels rebel NOUN 2 nsubj GBRREB; attacked attack VERB 0 root; the the DET 4 det; \
                government government NOUN 2 obj GBRGOV";
    let mut d = doc(rows);
    assert_eq!(coded(&mut d), vec![triple("GBRREB", "GBRGOV", "190")]);
    // Labour attacked the government: a party attacks with words, whatever it attacks.
    let rows = "Labour Labour PROPN 2 nsubj GBRPTY; attacked attack VERB 0 root; the the DET 4 det; \
                government government NOUN 2 obj GBRGOV";
    let mut d = doc(rows);
    assert_eq!(coded(&mut d), vec![triple("GBRPTY", "GBRGOV", "111")]);
    assert!(d.events[0].rule.ends_with("+sense:source-pty"), "{}", d.events[0].rule);
}

#[test]
fn a_politician_who_attacks_attacks_with_words() {
    // Kennedy attacked Mordor: one named politician, criticism.
    let rows =
        "Kennedy Kennedy PROPN 2 nsubj GBROPP; attacked attack VERB 0 root; Mordor Mordor PROPN 2 obj MOR";
    let mut d = doc(rows);
    d.mentions[0].entity_type = Some(dyad_core::EntityType::PER);
    assert_eq!(coded(&mut d), vec![triple("GBROPP", "MOR", "111")]);
    assert!(d.events[0].rule.ends_with("+sense:person"), "{}", d.events[0].rule);
    // Kennedy launched an attack on Mordor: the same, through a light verb.
    let rows = "Kennedy Kennedy PROPN 2 nsubj GBROPP; launched launch VERB 0 root; an a DET 4 det; attack attack NOUN 2 obj; \
                on on ADP 6 case; Mordor Mordor PROPN 4 nmod MOR";
    let mut d = doc(rows);
    d.mentions[0].entity_type = Some(dyad_core::EntityType::PER);
    assert_eq!(coded(&mut d), vec![triple("GBROPP", "MOR", "111")]);
    // A general is a fighter; a state attacks with force.
    let mut d =
        doc("Smith Smith PROPN 2 nsubj GBRMIL; attacked attack VERB 0 root; Mordor Mordor PROPN 2 obj MOR");
    d.mentions[0].entity_type = Some(dyad_core::EntityType::PER);
    assert_eq!(coded(&mut d), vec![triple("GBRMIL", "MOR", "190")]);
    let mut d =
        doc("Gondor Gondor PROPN 2 nsubj GON; attacked attack VERB 0 root; Mordor Mordor PROPN 2 obj MOR");
    assert_eq!(coded(&mut d), vec![triple("GON", "MOR", "190")]);
}

#[test]
fn fighting_an_illness_or_a_distance_is_no_event() {
    // The minister battled cancer.
    let rows = "The the DET 2 det; minister minister NOUN 3 nsubj GBRGOV; battled battle VERB 0 root; \
                cancer cancer NOUN 3 obj";
    let mut d = doc(rows);
    assert!(coded(&mut d).is_empty(), "{:?}", d.events);
    assert!(explain(&d, 0).contains("relevance:sense:adversity"), "{}", explain(&d, 0));
    // Gondor struck at Rohan's claims: words, not force.
    let rows = "Gondor Gondor PROPN 2 nsubj GON; struck strike VERB 0 root; at at ADP 6 case; Rohan Rohan PROPN 6 nmod:poss ROH; \
                's 's PART 4 case; claims claim NOUN 2 obl";
    let mut d = doc(rows);
    assert_eq!(coded(&mut d), vec![triple("GON", "ROH", "111")]);
    // The police will fight crime: no one is attacked.
    let rows = "The the DET 2 det; police police NOUN 4 nsubj GBRCOP; will will AUX 4 aux; fight fight VERB 0 root; \
                crime crime NOUN 4 obj";
    let mut d = doc(rows);
    assert!(coded(&mut d).is_empty(), "{:?}", d.events);
    // Kenya attacked the last 200m.
    let rows = "Kenya Kenya PROPN 2 nsubj KEN; attacked attack VERB 0 root; the the DET 5 det; \
                last last ADJ 5 amod; 200m 200m NOUN 2 obj";
    let mut d = doc(rows);
    assert!(coded(&mut d).is_empty(), "{:?}", d.events);
    // Troops attacked 20 villages; Russia fought Georgia: violence keeps its code.
    let rows = "Troops troops NOUN 2 nsubj RUSMIL; attacked attack VERB 0 root; 20 20 NUM 4 nummod; \
                villages village NOUN 2 obj";
    let mut d = doc(rows);
    assert_eq!(coded(&mut d), vec![triple("RUSMIL", "", "190")]);
    let rows = "Russia Russia PROPN 2 nsubj RUS; fought fight VERB 0 root; Georgia Georgia PROPN 2 obj GEO";
    let mut d = doc(rows);
    assert_eq!(coded(&mut d), vec![triple("RUS", "GEO", "190")]);
}

#[test]
fn a_person_as_object_keeps_the_plain_sense() {
    // Police arrested his rival (a person, though "rival" names a contest too).
    let rows = "Police police NOUN 2 nsubj CIVCOP; arrested arrest VERB 0 root; his his PRON 4 nmod:poss; \
                rival rival NOUN 2 obj";
    let mut d = doc(rows);
    assert_eq!(coded(&mut d), vec![triple("CIVCOP", "", "173")]);
    // The army fought during the break: an oblique of time does not choose the sense.
    let rows = "The the DET 2 det; army army NOUN 3 nsubj CIVMIL; fought fight VERB 0 root; \
                during during ADP 6 case; the the DET 6 det; break break NOUN 3 obl";
    let mut d = doc(rows);
    assert_eq!(coded(&mut d), vec![triple("CIVMIL", "", "190")]);
}

#[test]
fn an_attack_on_a_plan_is_criticism() {
    // Labour's attack on the budget.
    let rows = "Labour Labour PROPN 3 nmod:poss GBRPTY; 's 's PART 1 case; attack attack NOUN 0 root; \
                on on ADP 6 case; the the DET 6 det; budget budget NOUN 3 nmod";
    let mut d = doc(rows);
    let found = coded(&mut d);
    assert!(found.iter().all(|(_, _, c)| !c.starts_with("19")), "{found:?}");
}

/// Light verbs and event nouns of news, each with its source and target: dyad's own patterns
/// and the Phoenix verbs dyad lacks together.
#[test]
fn light_verb_and_nominal_events_of_news_are_coded() {
    type Triples = &'static [(&'static str, &'static str, &'static str)];
    let cases: &[(&str, Triples)] = &[
        (
            "Russia Russia PROPN 2 nsubj RUS; held hold VERB 0 root; talks talk NOUN 2 obj; \
             with with ADP 5 case; China China PROPN 2 obl CHN",
            &[("RUS", "CHN", "040"), ("CHN", "RUS", "040")],
        ),
        (
            "Washington Washington PROPN 2 nsubj USA; imposed impose VERB 0 root; sanctions sanction NOUN 2 obj; \
             on on ADP 5 case; Iran Iran PROPN 2 obl IRN",
            &[("USA", "IRN", "163")],
        ),
        (
            "Israel Israel PROPN 2 nsubj ISR; launched launch VERB 0 root; an a DET 4 det; attack attack NOUN 2 obj; \
             on on ADP 6 case; Hamas Hamas PROPN 4 nmod PSEHMS",
            &[("ISR", "PSEHMS", "190")],
        ),
        (
            "Russia Russia PROPN 2 nsubj RUS; reached reach VERB 0 root; a a DET 4 det; deal deal NOUN 2 obj; \
             with with ADP 6 case; Ukraine Ukraine PROPN 2 obl UKR",
            &[("RUS", "UKR", "057")],
        ),
        (
            // "struck a deal" is an agreement, not a strike.
            "Pakistan Pakistan PROPN 2 nsubj PAK; struck strike VERB 0 root; a a DET 4 det; deal deal NOUN 2 obj; \
             with with ADP 6 case; India India PROPN 2 obl IND",
            &[("PAK", "IND", "057")],
        ),
        (
            "Germany Germany PROPN 2 nsubj DEU; signed sign VERB 0 root; an a DET 4 det; agreement agreement NOUN 2 obj; \
             with with ADP 6 case; France France PROPN 2 obl FRA",
            &[("DEU", "FRA", "057")],
        ),
        (
            "Egypt Egypt PROPN 2 nsubj EGY; sent send VERB 0 root; a a DET 4 det; delegation delegation NOUN 2 obj; \
             to to ADP 6 case; Israel Israel PROPN 2 obl ISR",
            &[("EGY", "ISR", "042"), ("ISR", "EGY", "043")],
        ),
        (
            "India India PROPN 2 nsubj IND; opened open VERB 0 root; fire fire NOUN 2 obj; \
             on on ADP 5 case; Pakistan Pakistan PROPN 2 obl PAK",
            &[("IND", "PAK", "190")],
        ),
        (
            // The parser's lemma of "shelled" is "shel": the listed form still finds the verb.
            "Syria Syria PROPN 2 nsubj SYR; shelled shel VERB 0 root; Aleppo Aleppo PROPN 2 obj SYRREB",
            &[("SYR", "SYRREB", "190")],
        ),
        (
            // Phoenix: "file a complaint against".
            "Ukraine Ukraine PROPN 2 nsubj UKR; filed file VERB 0 root; a a DET 4 det; complaint complaint NOUN 2 obj; \
             against against ADP 6 case; Russia Russia PROPN 4 nmod RUS",
            &[("UKR", "RUS", "114")],
        ),
        (
            // Phoenix: "resume talks with".
            "Serbia Serbia PROPN 2 nsubj SRB; resumed resume VERB 0 root; talks talk NOUN 2 obj; \
             with with ADP 5 case; Kosovo Kosovo PROPN 2 obl KSV",
            &[("SRB", "KSV", "046"), ("KSV", "SRB", "046")],
        ),
        (
            "Germany Germany PROPN 2 nsubj DEU; expressed express VERB 0 root; concern concern NOUN 2 obj; \
             over over ADP 5 case; Iran Iran PROPN 3 nmod IRN",
            &[("DEU", "IRN", "012")],
        ),
        (
            "Japan Japan PROPN 2 nsubj JPN; paid pay VERB 0 root; tribute tribute NOUN 2 obj; \
             to to ADP 5 case; China China PROPN 2 obl CHN",
            &[("JPN", "CHN", "051")],
        ),
        (
            "Russia Russia PROPN 2 nsubj RUS; took take VERB 0 root; part part NOUN 2 obj; in in ADP 5 case; \
             talks talk NOUN 2 obl; with with ADP 7 case; Georgia Georgia PROPN 5 nmod GEO",
            &[("RUS", "GEO", "040"), ("GEO", "RUS", "040")],
        ),
    ];
    for (rows, wanted) in cases {
        let mut d = doc(rows);
        let got = coded(&mut d);
        let mut wanted: Vec<_> = wanted.iter().map(|(s, t, c)| triple(s, t, c)).collect();
        wanted.sort();
        assert_eq!(got, wanted, "{}", d.text);
    }
}

/// Phoenix adds the verbs dyad lacks, through their phrases only, with a target; a verb dyad has
/// keeps dyad's patterns.
#[test]
fn phoenix_verbs_fill_gaps_without_overriding_dyad() {
    let rule_of = |rows: &str| -> Vec<(String, String)> {
        let mut d = doc(rows);
        default_coder().annotate(&mut d);
        d.events.iter().map(|e| (e.cameo.clone(), e.rule.clone())).collect()
    };
    // dyad has "attack": its block, not Phoenix's.
    let got = rule_of(
        "Russia Russia PROPN 2 nsubj RUS; attacked attack VERB 0 root; Ukraine Ukraine PROPN 2 obj UKR",
    );
    assert_eq!(got.len(), 1);
    assert!(got[0].1.starts_with("dyad:ATTACK#"), "{got:?}");
    // dyad lacks "ambush": Phoenix's phrase "ambush a convoy", with its target.
    let got = rule_of(
        "Rebels Rebels PROPN 2 nsubj SYRREB; ambushed ambush VERB 0 root; a a DET 5 det; \
         Turkish Turkish ADJ 5 amod TUR; convoy convoy NOUN 2 obj",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].1.starts_with("dyad:phoenix/AMBUSH"), "{got:?}");
    assert_eq!(got[0].0, "180", "{got:?}");
    // Phoenix's verbs code nothing bare, with an actor after them or not: force (sport's
    // "England hammered Wales"), frequent verbs ("want" 100 in Phoenix), rare ones ("persuade").
    for rows in [
        "Rebels Rebels PROPN 2 nsubj SYRREB; ambushed ambush VERB 0 root; Turkey Turkey PROPN 2 obj TUR",
        "England England PROPN 2 nsubj GBR; hammered hammer VERB 0 root; Wales Wales PROPN 2 obj GBR",
        "Russia Russia PROPN 2 nsubj RUS; wants want VERB 0 root; Ukraine Ukraine PROPN 2 obj UKR",
        "Britain Britain PROPN 2 nsubj GBR; persuaded persuade VERB 0 root; Iran Iran PROPN 2 obj IRN",
    ] {
        assert!(rule_of(rows).is_empty(), "{rows}: {:?}", rule_of(rows));
    }
    // A phrase without a target codes nothing either (PETRARCH's events have both actors).
    assert!(rule_of(
        "Rebels Rebels PROPN 2 nsubj SYRREB; ambushed ambush VERB 0 root; a a DET 4 det; convoy convoy NOUN 2 obj"
    )
    .is_empty());
    // Every Phoenix block is after dyad's own and named as Phoenix's.
    let dict = &default_coder().dict;
    assert!(dict.own_blocks > 50 && dict.own_blocks < dict.blocks.len());
    assert!(dict.blocks[dict.own_blocks..].iter().all(|b| b.name.starts_with("phoenix/")));
}

/// The plain-text statuses the quotes stage gives a whole sentence or clause.
fn with_attribution(mut d: Document, status: Status, quote: Option<u32>, speaker: Option<u32>) -> Document {
    let all = Span::new(0, d.text.len());
    d.attributions.push(Attribution { span: all, status, quote, speaker });
    d
}

fn statuses(d: &Document) -> Vec<(String, Status)> {
    let mut v: Vec<_> = d.events.iter().map(|e| (e.cameo.clone(), e.status)).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn a_refusal_is_an_event_not_its_own_negation() {
    // Ukraine rejected the proposal from Russia (the quotes stage reads "rejected" as a negation).
    let rows = "Ukraine Ukraine PROPN 2 nsubj UKR; rejected reject VERB 0 root; the the DET 4 det; \
                proposal proposal NOUN 2 obj; from from ADP 6 case; Russia Russia PROPN 4 nmod RUS";
    let mut d = with_attribution(doc(rows), Status::Negated, None, None);
    assert_eq!(coded(&mut d), vec![triple("UKR", "RUS", "125")]);
    assert_eq!(statuses(&d), vec![("125".into(), Status::Asserted)]);
    // Ukraine did not reject the proposal from Russia.
    let rows = "Ukraine Ukraine PROPN 4 nsubj UKR; did do AUX 4 aux; not not PART 4 advmod; \
                reject reject VERB 0 root; the the DET 6 det; proposal proposal NOUN 4 obj; \
                from from ADP 8 case; Russia Russia PROPN 6 nmod RUS";
    let mut d = with_attribution(doc(rows), Status::Negated, None, None);
    assert_eq!(coded(&mut d), vec![triple("UKR", "RUS", "125")]);
    assert_eq!(statuses(&d), vec![("125".into(), Status::Negated)]);
    // Ukraine refused to meet Russia: a rejection (125) that happened.
    let rows = "Ukraine Ukraine PROPN 2 nsubj UKR; refused refuse VERB 0 root; to to PART 4 mark; \
                meet meet VERB 2 xcomp; Russia Russia PROPN 4 obj RUS";
    let mut d = with_attribution(doc(rows), Status::Negated, None, None);
    assert_eq!(coded(&mut d), vec![triple("UKR", "RUS", "125")]);
    assert_eq!(statuses(&d), vec![("125".into(), Status::Asserted)]);
}

#[test]
fn what_a_refusal_governs_does_not_happen() {
    // Russia denied that Ukraine attacked Poland: the attack is denied, and the denial (016, of
    // no one: the attack's actors are what is denied) is Russia's act.
    let denied = "Russia Russia PROPN 2 nsubj RUS; denied deny VERB 0 root; that that SCONJ 5 mark; \
                  Ukraine Ukraine PROPN 5 nsubj UKR; attacked attack VERB 2 ccomp; Poland Poland PROPN 5 obj POL";
    let mut d = doc(denied);
    assert_eq!(coded(&mut d), vec![triple("RUS", "", "016"), triple("UKR", "POL", "190")]);
    assert!(statuses(&d).contains(&("190".into(), Status::Negated)));
    // Russia said that Ukraine attacked Poland: not negated, but Russia's report.
    let mut d = doc(&denied.replace("denied deny", "said say"));
    assert_eq!(coded(&mut d), vec![triple("UKR", "POL", "190")]);
    assert_eq!(statuses(&d), vec![("190".into(), Status::Reported)]);
}

#[test]
fn a_modal_inside_a_threat_or_demand_leaves_the_act_real() {
    // North Korea warned it would attack South Korea: a threat that was made.
    let warned = "North_Korea North_Korea PROPN 2 nsubj PRK; warned warn VERB 0 root; it it PRON 5 nsubj; \
                  would would AUX 5 aux; attack attack VERB 2 ccomp; South_Korea South_Korea PROPN 5 obj KOR";
    let mut d = with_attribution(doc(warned), Status::Hypothetical, None, None);
    assert_eq!(coded(&mut d), vec![triple("PRK", "KOR", "138")]);
    assert_eq!(statuses(&d), vec![("138".into(), Status::Asserted)]);
    // North Korea may warn that it would attack South Korea: the warning itself is supposed.
    let may = "North_Korea North_Korea PROPN 3 nsubj PRK; may may AUX 3 aux; warn warn VERB 0 root; \
               it it PRON 6 nsubj; would would AUX 6 aux; attack attack VERB 3 ccomp; \
               South_Korea South_Korea PROPN 6 obj KOR";
    let mut d = with_attribution(doc(may), Status::Hypothetical, None, None);
    assert_eq!(coded(&mut d), vec![triple("PRK", "KOR", "138")]);
    assert_eq!(statuses(&d), vec![("138".into(), Status::Hypothetical)]);
    // Egypt demanded that Israel should release Jordan (10x): the demand happened, the release did not.
    let demanded = "Egypt Egypt PROPN 2 nsubj EGY; demanded demand VERB 0 root; that that SCONJ 6 mark; \
                    Israel Israel PROPN 6 nsubj ISR; should should AUX 6 aux; release release VERB 2 ccomp; \
                    Jordan Jordan PROPN 6 obj JOR";
    let mut d = with_attribution(doc(demanded), Status::Hypothetical, None, None);
    coded(&mut d);
    let demand: Vec<_> = statuses(&d).into_iter().filter(|(c, _)| c.starts_with("10")).collect();
    assert_eq!(demand.len(), 1);
    assert_eq!(demand[0].1, Status::Asserted);
    assert!(d.events.iter().filter(|e| e.cameo.starts_with("08")).all(|e| e.status == Status::Hypothetical));
}

#[test]
fn a_condition_or_hedge_on_the_event_verb_makes_it_hypothetical() {
    // Russia attacks Ukraine if Poland joins.
    let rows =
        "Russia Russia PROPN 2 nsubj RUS; attacks attack VERB 0 root; Ukraine Ukraine PROPN 2 obj UKR; \
                if if SCONJ 6 mark; Poland Poland PROPN 6 nsubj POL; joins join VERB 2 advcl";
    let mut d = doc(rows);
    coded(&mut d);
    assert_eq!(statuses(&d), vec![("190".into(), Status::Hypothetical)]);
    // Russia attacked Ukraine because Poland joined: a cause, not a condition.
    let mut d = doc(&rows.replace("if if", "because because"));
    coded(&mut d);
    assert_eq!(statuses(&d), vec![("190".into(), Status::Asserted)]);
    // Russia perhaps attacked Ukraine.
    let mut d =
        doc("Russia Russia PROPN 3 nsubj RUS; perhaps perhaps ADV 3 advmod; attacked attack VERB 0 root; \
         Ukraine Ukraine PROPN 3 obj UKR");
    coded(&mut d);
    assert_eq!(statuses(&d), vec![("190".into(), Status::Hypothetical)]);
}

#[test]
fn a_promise_of_hostility_is_a_threat_even_without_a_target() {
    // Hamas vowed to fight: a threat (138), not an intent to cooperate (030) beside a fight.
    let mut d = doc(
        "Hamas Hamas PROPN 2 nsubj PSEREBHMS; vowed vow VERB 0 root; to to PART 4 mark; fight fight VERB 2 xcomp",
    );
    assert_eq!(coded(&mut d), vec![triple("PSEREBHMS", "", "138")]);
    // Russia vowed to cooperate: an intent to cooperate (031).
    let mut d = doc(
        "Russia Russia PROPN 2 nsubj RUS; vowed vow VERB 0 root; to to PART 4 mark; cooperate cooperate VERB 2 xcomp",
    );
    assert_eq!(coded(&mut d), vec![triple("RUS", "", "031")]);
}

#[test]
fn speech_gives_reported_and_the_speaker_to_negated_and_supposed_events_in_it() {
    let rows = "Russia Russia PROPN 2 nsubj RUS; supports support VERB 0 root; North_Korea North_Korea PROPN 2 obj PRK";
    // A plain-text negation cue in a quotation ("refused" elsewhere in it) is not the verb's.
    let mut d = with_attribution(doc(rows), Status::Reported, Some(0), Some(1));
    d.attributions.push(Attribution {
        span: Span::new(0, d.text.len()),
        status: Status::Negated,
        quote: Some(0),
        speaker: Some(1),
    });
    coded(&mut d);
    assert_eq!((d.events[0].status, d.events[0].attributed_to), (Status::Reported, Some(1)));
    // Russia does not support North Korea, inside the same quotation.
    let rows = "Russia Russia PROPN 4 nsubj RUS; does do AUX 4 aux; not not PART 4 advmod; \
                support support VERB 0 root; North_Korea North_Korea PROPN 4 obj PRK";
    let mut d = with_attribution(doc(rows), Status::Negated, Some(0), Some(1));
    coded(&mut d);
    assert_eq!((d.events[0].status, d.events[0].attributed_to), (Status::Negated, Some(1)));
}

#[test]
fn a_refused_plan_or_an_unwanted_act_does_not_happen() {
    // Voters rejected plans for the islands to be discussed by Spain with Britain.
    let rejected = "Voters voter NOUN 2 nsubj; rejected reject VERB 0 root; plans plan NOUN 2 obj; \
                    for for ADP 5 case; islands island NOUN 3 nmod; to to PART 8 mark; be be AUX 8 aux:pass; \
                    discussed discuss VERB 5 acl; by by ADP 10 case; Spain Spain PROPN 8 obl:agent ESP; \
                    with with ADP 12 case; Britain Britain PROPN 8 obl GBR";
    let mut d = doc(rejected);
    coded(&mut d);
    assert!(!d.events.is_empty() && d.events.iter().all(|e| e.status == Status::Negated));
    // The islands are no actor: the partner "with" names is the other side of the talks.
    assert!(d.events.iter().any(|e| e.cameo == "040"
        && e.source.actor.code == "ESP"
        && e.target.as_ref().is_some_and(|t| t.actor.code == "GBR")));
    // Voters welcomed plans for the islands to be discussed by Spain with Britain: no negation.
    let mut d = doc(&rejected.replace("rejected reject", "welcomed welcome"));
    coded(&mut d);
    assert!(d.events.iter().filter(|e| e.cameo == "040").all(|e| e.status == Status::Asserted));
    // China does not want Russia to release Iran / China really wants Russia to release Iran.
    let want = "China China PROPN 4 nsubj CHN; does do AUX 4 aux; not not PART 4 advmod; want want VERB 0 root; \
                Russia Russia PROPN 4 obj RUS; to to PART 7 mark; release release VERB 4 xcomp; Iran Iran PROPN 7 obj IRN";
    let mut d = doc(want);
    coded(&mut d);
    // The release itself (08) or, with the Phoenix phrase "want … release", the demand for it
    // (0253): either way what is not wanted does not happen.
    let release = |c: &str| c.starts_with("08") || c == "0253";
    assert!(d.events.iter().any(|e| release(&e.cameo) && e.status == Status::Negated), "{:?}", d.events);
    let mut d = doc(&want.replace("not not PART 4 advmod", "really really ADV 4 advmod"));
    coded(&mut d);
    assert!(d.events.iter().any(|e| release(&e.cameo) && e.status == Status::Asserted), "{:?}", d.events);
}

#[test]
fn a_condition_on_coordinated_verbs_holds_for_each() {
    // Britain will fly to Iraq and attack Syria if called upon.
    let rows = "Britain Britain PROPN 2 nsubj GBR; flies fly VERB 0 root; to to ADP 4 case; Iraq Iraq PROPN 2 obl IRQ; \
                and and CCONJ 6 cc; attacks attack VERB 2 conj; Syria Syria PROPN 6 obj SYR; \
                if if SCONJ 9 mark; called call VERB 6 advcl";
    let mut d = doc(rows);
    coded(&mut d);
    assert!(d.events.iter().any(|e| e.cameo.starts_with("04")));
    assert!(d.events.iter().all(|e| e.status == Status::Hypothetical));
    // ... when called upon: no condition.
    let mut d = doc(&rows.replace("if if", "when when"));
    coded(&mut d);
    assert!(d.events.iter().all(|e| e.status == Status::Asserted));
}

#[test]
fn a_hypothetical_phrase_the_parse_misses_still_counts_before_the_verb() {
    // Britain is on standby in case it needs to help Ivory Coast (parsed as an aside).
    let rows = "Britain Britain PROPN 4 nsubj GBR; is be AUX 4 cop; on on ADP 4 case; standby standby NOUN 0 root; \
                in in ADP 6 case; case case NOUN 4 nmod; it it PRON 8 nsubj GBR; needs need VERB 4 parataxis; \
                to to PART 10 mark; help help VERB 8 xcomp; Ivory_Coast Ivory_Coast PROPN 10 obj CIV";
    let mut d = with_attribution(doc(rows), Status::Hypothetical, None, None);
    coded(&mut d);
    assert_eq!(statuses(&d), vec![("070".into(), Status::Hypothetical)]);
    // A clause made hypothetical in plain text by a modal elsewhere is not (the parse decides).
    let mut d = with_attribution(
        doc(&rows.replace("in in ADP 6 case; case case", "at at ADP 6 case; time time")),
        Status::Hypothetical,
        None,
        None,
    );
    coded(&mut d);
    assert_eq!(statuses(&d), vec![("070".into(), Status::Asserted)]);
}

#[test]
fn indirect_speech_is_the_speakers_report_and_the_speech_act_the_articles() {
    // Russia confirmed Ukraine attacked Poland (no "that", which the plain-text layer needs).
    let rows =
        "Russia Russia PROPN 2 nsubj RUS; confirmed confirm VERB 0 root; Ukraine Ukraine PROPN 4 nsubj UKR; \
                attacked attack VERB 2 ccomp; Poland Poland PROPN 4 obj POL";
    let mut d = doc(rows);
    assert_eq!(coded(&mut d), vec![triple("UKR", "POL", "190")]);
    assert_eq!((d.events[0].status, d.events[0].attributed_to), (Status::Reported, Some(0)));
    // The same with the complement misread as an "xcomp" that has its own subject.
    let mut d = doc(&rows.replace("VERB 2 ccomp", "VERB 2 xcomp"));
    coded(&mut d);
    assert_eq!((d.events[0].status, d.events[0].attributed_to), (Status::Reported, Some(0)));
    // Russia knew Ukraine attacked Poland: not a verb of speech.
    let mut d = doc(&rows.replace("confirmed confirm", "knew know"));
    coded(&mut d);
    assert_eq!((d.events[0].status, d.events[0].attributed_to), (Status::Asserted, None));
    // Russia accused Ukraine of attacking Poland: the accusation (112) is asserted.
    let mut d =
        doc("Russia Russia PROPN 2 nsubj RUS; accused accuse VERB 0 root; Ukraine Ukraine PROPN 2 obj UKR; \
         of of SCONJ 5 mark; attacking attack VERB 2 advcl; Poland Poland PROPN 5 obj POL");
    coded(&mut d);
    let accusation: Vec<_> = d.events.iter().filter(|e| e.cameo.starts_with("11")).collect();
    assert!(!accusation.is_empty() && accusation.iter().all(|e| e.status == Status::Asserted));
}

/// "They signed the treaty" after "Russia and North Korea …": a pronoun standing for two
/// countries is a subject whose members sign with each other, both directions; a pronoun for
/// one country, or a name that holds two actors, does not become a dyad.
#[test]
fn a_pronoun_for_two_countries_acts_reciprocally() {
    let rows = "They they PRON 2 nsubj RUSGOV; signed sign VERB 0 root; the the DET 4 det; \
                treaty treaty NOUN 2 obj";
    let with_pair = |rows: &str| {
        let mut d = doc(rows);
        d.mentions[0].kind = MentionKind::Pronoun;
        d.mentions[0].actors.push(Actor { code: "PRKGOV".into(), country: "PRK".into(), name: None });
        d
    };
    let mut d = with_pair(rows);
    assert_eq!(coded(&mut d), vec![triple("PRKGOV", "RUSGOV", "057"), triple("RUSGOV", "PRKGOV", "057")]);
    // The same pronoun for one country: an agreement without a known partner.
    let mut d = doc(rows);
    d.mentions[0].kind = MentionKind::Pronoun;
    assert_eq!(coded(&mut d), vec![triple("RUSGOV", "", "057")]);
    // A name that holds two actors ("the ROK-US alliance") is not a pronoun for a coordination.
    let mut d = with_pair(rows);
    d.mentions[0].kind = MentionKind::Name;
    assert!(coded(&mut d).iter().all(|(_, t, _)| t.is_empty()));
}

#[test]
fn stated_refusal_of_a_cooperative_act_is_a_rejection() {
    // Russia will not release the prisoners. (a refusal: 124, asserted)
    let mut d = doc(
        "Russia Russia PROPN 4 nsubj RUS; will will AUX 4 aux; not not PART 4 advmod; release release VERB 0 root; \
         Ukraine's Ukraine PROPN 6 nmod:poss UKR; prisoners prisoner NOUN 4 obj",
    );
    assert_eq!(coded(&mut d), vec![triple("RUS", "UKR", "124")]);
    assert_eq!(d.events[0].status, Status::Asserted);
    // Russia did not release them: a past act not done stays negated, not a refusal.
    let mut d = doc(
        "Russia Russia PROPN 4 nsubj RUS; did do AUX 4 aux; not not PART 4 advmod; release release VERB 0 root; \
         Ukraine's Ukraine PROPN 6 nmod:poss UKR; prisoners prisoner NOUN 4 obj",
    );
    assert_eq!(coded(&mut d), vec![triple("RUS", "UKR", "0841")]);
    assert_eq!(d.events[0].status, Status::Negated);
    // Russia will not attack Ukraine: refusing force is no rejection.
    let mut d = doc(
        "Russia Russia PROPN 4 nsubj RUS; will will AUX 4 aux; not not PART 4 advmod; attack attack VERB 0 root; \
         Ukraine Ukraine PROPN 4 obj UKR",
    );
    assert_eq!(coded(&mut d), vec![triple("RUS", "UKR", "190")]);
    assert_eq!(d.events[0].status, Status::Negated);
}

#[test]
fn announced_cooperative_act_is_an_intent() {
    // Putin will meet Erdogan. (the intent to meet, 036, asserted)
    let mut d = doc("Putin Putin PROPN 3 nsubj RUSGOV; will will AUX 3 aux; meet meet VERB 0 root; Erdogan Erdogan PROPN 3 obj TURGOV");
    assert_eq!(coded(&mut d), vec![triple("RUSGOV", "TURGOV", "036")]);
    assert_eq!(d.events[0].status, Status::Asserted);
    // Putin may meet Erdogan: not announced, hypothetical.
    let mut d = doc("Putin Putin PROPN 3 nsubj RUSGOV; may may AUX 3 aux; meet meet VERB 0 root; Erdogan Erdogan PROPN 3 obj TURGOV");
    let codes = coded(&mut d);
    assert!(codes.iter().all(|c| c.2 == "040"), "{codes:?}");
    assert!(d.events.iter().all(|e| e.status == Status::Hypothetical));
    // Russia said it would release the prisoners: the intent to yield (035).
    let mut d = doc(
        "Russia Russia PROPN 2 nsubj RUS; said say VERB 0 root; it it PRON 5 nsubj RUS; would would AUX 5 aux; \
         release release VERB 2 ccomp; Ukrainian Ukrainian ADJ 7 amod UKR; prisoners prisoner NOUN 5 obj",
    );
    assert_eq!(coded(&mut d), vec![triple("RUS", "UKR", "035")]);
}

#[test]
fn agreeing_to_act_is_an_intent_to_cooperate() {
    // France agreed to open its borders to Germany.
    let mut d = doc(
        "France France PROPN 2 nsubj FRA; agreed agree VERB 0 root; to to PART 4 mark; open open VERB 2 xcomp; \
         its its PRON 6 nmod:poss; borders border NOUN 4 obj; to to ADP 8 case; Germany Germany PROPN 4 obl DEU",
    );
    assert_eq!(coded(&mut d), vec![triple("FRA", "DEU", "030")]);
    // France agreed with Germany: accord (019).
    let mut d = doc("France France PROPN 2 nsubj FRA; agreed agree VERB 0 root; with with ADP 4 case; Germany Germany PROPN 2 obl DEU");
    assert_eq!(coded(&mut d), vec![triple("FRA", "DEU", "019")]);
}

#[test]
fn welcoming_a_decision_is_approval_not_hosting() {
    // Russia welcomed the decision of Turkey. / Russia welcomed the Turkish delegation.
    let mut d = doc(
        "Russia Russia PROPN 2 nsubj RUS; welcomed welcome VERB 0 root; the the DET 4 det; decision decision NOUN 2 obj; \
         of of ADP 6 case; Turkey Turkey PROPN 4 nmod TUR",
    );
    assert_eq!(coded(&mut d), vec![triple("RUS", "TUR", "051")]);
    let mut d = doc(
        "Russia Russia PROPN 2 nsubj RUS; welcomed welcome VERB 0 root; the the DET 5 det; Turkish Turkish ADJ 5 amod TUR; \
         delegation delegation NOUN 2 obj",
    );
    assert_eq!(coded(&mut d), vec![triple("RUS", "TUR", "043"), triple("TUR", "RUS", "042")]);
}

#[test]
fn acts_named_by_their_object() {
    // The Taliban declared a ceasefire. / Germany launched an investigation into Russia.
    let mut d = doc(
        "Taliban Taliban PROPN 2 nsubj AFGREBTAL; declared declare VERB 0 root; a a DET 4 det; ceasefire ceasefire NOUN 2 obj",
    );
    assert_eq!(coded(&mut d), vec![triple("AFGREBTAL", "", "0871")]);
    let mut d = doc(
        "Germany Germany PROPN 2 nsubj DEU; launched launch VERB 0 root; an a DET 4 det; investigation investigation NOUN 2 obj; \
         into into ADP 6 case; Russia Russia PROPN 4 nmod RUS",
    );
    assert_eq!(coded(&mut d), vec![triple("DEU", "RUS", "090")]);
    // Germany commissioned an inquiry into Russia; Germany ordered a review of Russia's case.
    let mut d = doc(
        "Germany Germany PROPN 2 nsubj DEU; commissioned commission VERB 0 root; an a DET 4 det; inquiry inquiry NOUN 2 obj; \
         into into ADP 6 case; Russia Russia PROPN 4 nmod RUS",
    );
    assert_eq!(coded(&mut d), vec![triple("DEU", "RUS", "090")]);
    let mut d = doc(
        "Germany Germany PROPN 2 nsubj DEU; ordered order VERB 0 root; a a DET 4 det; review review NOUN 2 obj; \
         of of ADP 8 case; Russia Russia PROPN 8 nmod:poss RUS; 's 's PART 6 case; case case NOUN 4 nmod",
    );
    assert_eq!(coded(&mut d), vec![triple("DEU", "RUS", "090")]);
    // The United States returned the artifacts to Iraq; the minister returned to Kyiv (no event).
    let mut d = doc(
        "United_States United_States PROPN 2 nsubj USA; returned return VERB 0 root; the the DET 4 det; artifacts artifact NOUN 2 obj; \
         to to ADP 6 case; Iraq Iraq PROPN 2 obl IRQ",
    );
    assert_eq!(coded(&mut d), vec![triple("USA", "IRQ", "0842")]);
    let mut d = doc(
        "Lavrov Lavrov PROPN 2 nsubj RUSGOV; returned return VERB 0 root; to to ADP 4 case; Kyiv Kyiv PROPN 2 obl UKR",
    );
    assert!(coded(&mut d).is_empty());
}

#[test]
fn readiness_to_act_is_an_intent_and_a_negated_complement_no_threat() {
    // Russia is willing to withdraw its troops: the intent to yield (035).
    let mut d = doc(
        "Russia Russia PROPN 3 nsubj RUS; is be AUX 3 cop; willing willing ADJ 0 root; to to PART 5 mark; \
         withdraw withdraw VERB 3 xcomp; its its PRON 7 nmod:poss; troops troop NOUN 5 obj; from from ADP 9 case; \
         Poland Poland PROPN 5 obl POL",
    );
    assert_eq!(coded(&mut d), vec![triple("RUS", "POL", "035")]);
    // Russia said it will not attack Ukraine: no threat; the attack stands, negated.
    let mut d = doc(
        "Russia Russia PROPN 2 nsubj RUS; said say VERB 0 root; it it PRON 6 nsubj RUS; will will AUX 6 aux; \
         not not PART 6 advmod; attack attack VERB 2 ccomp; Ukraine Ukraine PROPN 6 obj UKR",
    );
    assert_eq!(coded(&mut d), vec![triple("RUS", "UKR", "190")]);
    assert_eq!(d.events[0].status, Status::Negated);
}

/// A user's verb replaces the shipped entry of that verb whole; other verbs keep theirs; alone,
/// only the user's verbs are there; a code outside CAMEO names the user's file and line.
#[test]
fn a_users_verbs_win_whole() {
    let file = |text: &str| [(UserFileKind::Verbs, "mine/my.verbs.txt".to_string(), text.to_string())];
    let coder = Coder::load_layered(&file("--- MY_CONDEMN [051] ---\nCONDEMN\n"), true).unwrap();
    let blocks = |c: &Coder, lemma: &str, form: &str| -> Vec<String> {
        c.dict.lookup(lemma, form).iter().map(|e| c.dict.blocks[e.block].name.clone()).collect()
    };
    assert_eq!(blocks(&coder, "CONDEMN", "CONDEMNED"), ["my/MY_CONDEMN"]);
    assert!(!blocks(default_coder(), "CONDEMN", "CONDEMNED").is_empty());
    assert!(!blocks(default_coder(), "CONDEMN", "CONDEMNED").iter().any(|b| b.starts_with("my/")));
    let attack = blocks(&coder, "ATTACK", "ATTACKED");
    assert!(!attack.is_empty() && attack == blocks(default_coder(), "ATTACK", "ATTACKED"), "{attack:?}");
    let alone = Coder::load_layered(&file("--- MY_CONDEMN [051] ---\nCONDEMN\n"), false).unwrap();
    assert!(blocks(&alone, "ATTACK", "ATTACKED").is_empty());
    let err = Coder::load_layered(&file("--- X [051] ---\nX\n- * Y [999]\n"), true).err().unwrap();
    assert!(err.to_string().starts_with("mine/my.verbs.txt:3: 999 is not a CAMEO event code"), "{err}");
}

/// "Japan on Friday lifted sanctions on Iran" with "lifted" hung on "sanctions" as an
/// adjective and the noun as the root: the verb is the root again, and codes.
#[test]
fn a_past_verb_read_as_the_adjective_of_the_root_noun_is_the_verb() {
    let mut d = doc(
        "Japan Japan PROPN 5 nsubj JPN; on on ADP 3 case; Friday Friday PROPN 4 compound; lifted lift VERB 5 amod; \
         sanctions sanction NOUN 0 root; on on ADP 7 case; Iran Iran PROPN 5 nmod IRN",
    );
    d.tokens[3].xpos = "VBD".into();
    assert_eq!(coded(&mut d), vec![triple("JPN", "IRN", "085")]);
    // "the lifted sanctions" (a participle, VBN) stays an adjective: no event.
    let mut d = doc(
        "the the DET 3 det; lifted lift VERB 3 amod; sanctions sanction NOUN 0 root; on on ADP 5 case; Iran Iran PROPN 3 nmod IRN",
    );
    d.tokens[1].xpos = "VBN".into();
    assert!(coded(&mut d).is_empty());
}

/// "A Gondorian court on Tuesday freed Mordor's envoy" with the subject as the root and
/// "freed" hung on "envoy" as an adjective: the verb is the root, the root noun its subject.
#[test]
fn a_past_verb_read_as_the_adjective_of_its_object_under_the_subject_is_the_verb() {
    let mut d = doc(
        "court court NOUN 0 root GONJUD; on on ADP 6 case; Tuesday Tuesday PROPN 6 compound; freed free VERB 6 amod; \
         envoy envoy NOUN 6 compound; Frodo Frodo PROPN 1 nmod MORGOV",
    );
    d.tokens[3].xpos = "VBD".into();
    assert_eq!(coded(&mut d), vec![triple("GONJUD", "MORGOV", "0841")]);
}

/// "Rohan hails Gondor-Mordor talks": the hyphenated pair of names in one token, which no one
/// mention covers, stands for the first of them.
#[test]
fn a_hyphenated_pair_of_names_stands_for_the_first() {
    let mut d = doc("Rohan Rohan PROPN 2 nsubj ROH; hails hail VERB 0 root; Gondor-Mordor Gondor-Mordor PROPN 4 compound; talks talk NOUN 2 obj");
    let start = d.text.find("Gondor").unwrap();
    for (name, code) in [("Gondor", "GON"), ("Mordor", "MOR")] {
        let at = start + d.text[start..].find(name).unwrap();
        d.mentions.push(Mention {
            span: Span::new(at, at + name.len()),
            kind: MentionKind::Name,
            entity_type: None,
            actors: vec![Actor { code: code.into(), country: code.into(), name: None }],
            antecedent: None,
            rule: "test".into(),
        });
    }
    d.mentions.sort_by_key(|m| m.span.start);
    assert_eq!(coded(&mut d), vec![triple("ROH", "GON", "051")]);
}

#[test]
fn saying_another_must_act_is_a_demand_on_it() {
    // Russia said Ukraine must withdraw its troops: Russia demands of Ukraine (100).
    let mut d = doc(
        "Russia Russia PROPN 2 nsubj RUS; said say VERB 0 root; Ukraine Ukraine PROPN 5 nsubj UKR; must must AUX 5 aux; \
         withdraw withdraw VERB 2 ccomp; its its PRON 7 nmod:poss; troops troop NOUN 5 obj",
    );
    assert_eq!(coded(&mut d), vec![triple("RUS", "UKR", "100")]);
    // Russia said Ukraine withdrew its troops: reported, no demand.
    let mut d =
        doc("Russia Russia PROPN 2 nsubj RUS; said say VERB 0 root; Ukraine Ukraine PROPN 4 nsubj UKR; \
         withdrew withdraw VERB 2 ccomp; its its PRON 6 nmod:poss; troops troop NOUN 4 obj");
    assert!(coded(&mut d).iter().all(|c| c.2 != "100"));
}

#[test]
fn actors_named_together_meet_each_other_not_their_topic() {
    // Jordan and Britain held talks on Iraq.
    let mut d =
        doc("Jordan Jordan PROPN 4 nsubj JOR; and and CCONJ 3 cc; Britain Britain PROPN 1 conj GBR; \
         held hold VERB 0 root; talks talk NOUN 4 obj; on on ADP 7 case; Iraq Iraq PROPN 5 nmod IRQ");
    assert_eq!(coded(&mut d), vec![triple("GBR", "JOR", "040"), triple("JOR", "GBR", "040")]);
    // A partner named with "with" stays the partner.
    let mut d =
        doc("Jordan Jordan PROPN 4 nsubj JOR; and and CCONJ 3 cc; Britain Britain PROPN 1 conj GBR; \
         held hold VERB 0 root; talks talk NOUN 4 obj; with with ADP 7 case; Iraq Iraq PROPN 5 nmod IRQ");
    let got = coded(&mut d);
    assert!(
        got.contains(&triple("JOR", "IRQ", "040")) && got.contains(&triple("GBR", "IRQ", "040")),
        "{got:?}"
    );
    assert!(!got.contains(&triple("JOR", "GBR", "040")), "{got:?}");
}

#[test]
fn the_place_of_a_meeting_is_not_the_partner() {
    // Russia held talks in Bishkek with India.
    let mut d = doc("Russia Russia PROPN 2 nsubj RUS; held hold VERB 0 root; talks talk NOUN 2 obj; \
         in in ADP 5 case; Bishkek Bishkek PROPN 3 nmod KGZ; with with ADP 7 case; India India PROPN 3 nmod IND");
    d.mentions[1].entity_type = Some(dyad_core::EntityType::LOC);
    assert_eq!(coded(&mut d), vec![triple("IND", "RUS", "040"), triple("RUS", "IND", "040")]);
    // With no other actor, the place is still the target.
    let mut d = doc("Russia Russia PROPN 2 nsubj RUS; held hold VERB 0 root; talks talk NOUN 2 obj; \
         in in ADP 5 case; Bishkek Bishkek PROPN 3 nmod KGZ");
    d.mentions[1].entity_type = Some(dyad_core::EntityType::LOC);
    assert_eq!(coded(&mut d), vec![triple("KGZ", "RUS", "040"), triple("RUS", "KGZ", "040")]);
}

#[test]
fn a_hostile_act_is_against_the_actor_after_against() {
    // France filed a lawsuit in Russia against Ukraine (a court's place read as an actor).
    let mut d = doc("France France PROPN 2 nsubj FRA; filed file VERB 0 root; a a DET 4 det; lawsuit lawsuit NOUN 2 obj; \
         in in ADP 6 case; Russia Russia PROPN 4 nmod RUS; against against ADP 8 case; Ukraine Ukraine PROPN 4 nmod UKR");
    let got = coded(&mut d);
    assert!(got.iter().all(|(_, t, _)| t == "UKR"), "{got:?}");
    assert!(!got.is_empty());
}

#[test]
fn forces_of_no_country_are_the_senders_own() {
    // Russia offered troops to Syria: the troops (no country) are Russia's; Syria is the target.
    let mut d =
        doc("Russia Russia PROPN 2 nsubj RUS; offered offer VERB 0 root; troops troops NOUN 2 obj ---MIL; \
         to to ADP 5 case; Syria Syria PROPN 2 obl SYR");
    d.mentions[1].kind = MentionKind::Nominal;
    let got = coded(&mut d);
    assert!(!got.is_empty() && got.iter().all(|(_, t, _)| t == "SYR"), "{got:?}");
    // Attacked, such forces are the other side.
    let mut d = doc(
        "Russia Russia PROPN 2 nsubj RUS; attacked attack VERB 0 root; troops troops NOUN 2 obj ---MIL; \
         in in ADP 5 case; Syria Syria PROPN 3 nmod SYR",
    );
    d.mentions[1].kind = MentionKind::Nominal;
    d.mentions[2].entity_type = Some(dyad_core::EntityType::LOC);
    assert_eq!(coded(&mut d), vec![triple("RUS", "---MIL", "190")]);
}

#[test]
fn calling_someone_is_a_phone_call_calling_off_a_strike_ends_dissent() {
    // Russia called Ukraine.
    let mut d =
        doc("Russia Russia PROPN 2 nsubj RUS; called call VERB 0 root; Ukraine Ukraine PROPN 2 obj UKR");
    assert_eq!(coded(&mut d), vec![triple("RUS", "UKR", "041")]);
    // Russia called for talks with Ukraine.
    let mut d = doc("Russia Russia PROPN 2 nsubj RUS; called call VERB 0 root; for for ADP 4 case; talks talk NOUN 2 obl; \
         with with ADP 6 case; Ukraine Ukraine PROPN 4 nmod UKR");
    assert_eq!(coded(&mut d), vec![triple("RUS", "UKR", "026")]);
    // Unions called off the strike against the government of Russia.
    let mut d = doc("unions union NOUN 2 nsubj UKRLAB; called call VERB 0 root; off off ADP 2 compound:prt; the the DET 5 det; \
         strike strike NOUN 2 obj; against against ADP 8 case; the the DET 8 det; government government NOUN 5 nmod RUSGOV");
    assert_eq!(coded(&mut d), vec![triple("UKRLAB", "RUSGOV", "082")]);
}

#[test]
fn an_act_named_by_a_noun_during_which_another_happened_shares_its_date() {
    // Russia signed the deal during Putin's visit to North Korea in June.
    let mut d = doc("Russia Russia PROPN 2 nsubj RUS; signed sign VERB 0 root; the the DET 4 det; deal deal NOUN 2 obj; \
         during during ADP 7 case; Putin's Putin PROPN 7 nmod:poss RUSGOV; visit visit NOUN 2 obl; to to ADP 9 case; \
         North_Korea North_Korea PROPN 7 nmod PRK; in in ADP 11 case; June June PROPN 2 obl");
    let june = d.tokens[10].span;
    d.timexes.push(june_2024(june));
    coded(&mut d);
    let visit = d.events.iter().find(|e| e.cameo == "042").expect("the visit is an event");
    assert_eq!(visit.date.as_deref(), Some("2024-06"), "{visit:?}");
}

#[test]
fn an_active_participle_modifying_an_actor_is_its_act() {
    // Russia showing support for Ukraine (a caption or a clause "interpreted as …").
    let mut d = doc("Russia Russia PROPN 0 root RUS; showing show VERB 1 acl; support support NOUN 2 obj; \
         for for ADP 5 case; Ukraine Ukraine PROPN 3 nmod UKR");
    assert_eq!(coded(&mut d), vec![triple("RUS", "UKR", "051")]);
}

#[test]
fn a_that_clause_read_as_a_relative_on_the_one_told_is_what_was_said() {
    // Gondor warned Eriador that Mordor would attack Eriador, with "attack" hung on "Eriador" as
    // a relative clause although "that" marks it and it has a subject of its own: the content.
    let rows = "Gondor Gondor PROPN 2 nsubj GON; warned warn VERB 0 root; Eriador Eriador PROPN 2 obj ERI; \
                that that SCONJ 7 mark; Mordor Mordor PROPN 7 nsubj MOR; would would AUX 7 aux; \
                attack attack VERB 3 acl:relcl; Eriador Eriador PROPN 7 obj ERI";
    let mut d = doc(rows);
    let found = coded(&mut d);
    assert!(found.iter().any(|(s, _, c)| s == "GON" && c.starts_with("13")), "{found:?}");
}

use super::*;
use dyad_core::{Precision, TimexType};

/// Tags `text` over its NLP text layer (sentences, quote marks), as the pipeline does.
fn tag(text: &str, anchor: Option<NaiveDate>, mode: Mode) -> Vec<Timex> {
    let mut doc = Document::from_normalised(text.to_string());
    dyad_nlp::text_layer(&mut doc);
    tag_document(&doc, anchor, mode)
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// (text of each expression, value) for `text` anchored at `anchor`.
fn values(text: &str, anchor: &str) -> Vec<(String, String)> {
    tag(text, Some(date(anchor)), Mode::News)
        .into_iter()
        .map(|t| (t.span.text(text).to_string(), t.value))
        .collect()
}

fn value_of(text: &str, anchor: &str, expr: &str) -> String {
    let all = values(text, anchor);
    all.iter().find(|(s, _)| s == expr).unwrap_or_else(|| panic!("{expr:?} not found in {all:?}")).1.clone()
}

#[test]
fn absolute_dates_in_written_forms() {
    let a = "2013-03-22";
    assert_eq!(value_of("Signed on March 5, 2011 in Paris.", a, "March 5, 2011"), "2011-03-05");
    assert_eq!(value_of("Signed 5 March 2011.", a, "5 March 2011"), "2011-03-05");
    assert_eq!(value_of("Photo 2012.07.09 Seoul = Yonhap", a, "2012.07.09"), "2012-07-09");
    assert_eq!(value_of("Filed 7/8/07 by the clerk.", a, "7/8/07"), "2007-07-08");
    assert_eq!(value_of("Filed 25/12/2010 by the clerk.", a, "25/12/2010"), "2010-12-25");
    assert_eq!(value_of("It ended in November 1939.", a, "November 1939"), "1939-11");
    assert_eq!(value_of("Rome fell in 146 BC after a siege.", a, "146 BC"), "BC0146");
    assert_eq!(value_of("Music of the 1990s was loud.", a, "the 1990s"), "199");
    assert_eq!(value_of("Wars of the 20th century.", a, "the 20th century"), "19");
    assert_eq!(value_of("The expedition of 1957-58 succeeded.", a, "58"), "1958");
}

#[test]
fn deictic_expressions_count_from_the_document_date() {
    let a = "2013-03-22"; // a Friday
    assert_eq!(value_of("He arrived yesterday.", a, "yesterday"), "2013-03-21");
    assert_eq!(value_of("Sales fell last month.", a, "last month"), "2013-02");
    assert_eq!(value_of("Prices rose this week.", a, "this week"), "2013-W12");
    assert_eq!(value_of("Prices rose last week.", a, "last week"), "2013-W11");
    assert_eq!(value_of("It happened three days ago.", a, "three days ago"), "2013-03-19");
    assert_eq!(value_of("Elections are due next year.", a, "next year"), "2014");
    assert_eq!(value_of("They met last summer.", a, "last summer"), "2012-SU");
    assert_eq!(value_of("Profit rose in the fourth quarter.", a, "the fourth quarter"), "2012-Q4");
    assert_eq!(value_of("He spoke this morning.", a, "this morning"), "2013-03-22TMO");
    assert_eq!(value_of("Markets are calm now.", a, "now"), "PRESENT_REF");
}

#[test]
fn tense_decides_bare_weekdays_and_months() {
    let a = "2013-03-20"; // a Wednesday
    assert_eq!(value_of("The minister resigned on Monday.", a, "Monday"), "2013-03-18");
    assert_eq!(value_of("The minister will resign on Monday.", a, "Monday"), "2013-03-25");
    assert_eq!(value_of("Talks were held in August.", a, "August"), "2012-08");
    assert_eq!(value_of("Talks will be held in August.", a, "August"), "2013-08");
    // No tense at all: the nearest such day.
    assert_eq!(value_of("Launch event: April 2.", a, "April 2"), "2013-04-02");
}

#[test]
fn narrative_expressions_count_from_the_last_mentioned_date() {
    let text = "The treaty was signed on May 10, 1940. The next day, troops crossed the river. \
                Two weeks later the city fell. In June, the government left.";
    let got: Vec<String> =
        tag(text, Some(date("2009-12-19")), Mode::Narrative).into_iter().map(|t| t.value).collect();
    assert_eq!(got, ["1940-05-10", "1940-05-11", "1940-05-25", "1940-06"]);
    let t = tag(text, Some(date("2009-12-19")), Mode::Narrative);
    assert_eq!(t[1].anchor, Anchor::Narrative(0));
}

#[test]
fn durations_and_sets_are_typed() {
    let t = tag("The war lasted for two weeks and elections are held every year.", None, Mode::News);
    assert_eq!(t.len(), 2);
    assert_eq!((t[0].kind, t[0].value.as_str()), (TimexType::Duration, "P2W"));
    assert_eq!((t[1].kind, t[1].value.as_str()), (TimexType::Set, "P1Y"));
    assert_eq!(value_of("a 12-year civil war", "2013-03-22", "12-year"), "P12Y");
    assert_eq!(value_of("over the past several months", "2013-03-22", "the past several months"), "PXM");
    assert_eq!(value_of("Flights take 24 hours.", "2013-03-22", "24 hours"), "PT24H");
    assert_eq!(
        values("It could take between 12 and 18 months.", "2013-03-22"),
        [("12".to_string(), "P12M".to_string()), ("18 months".to_string(), "P18M".to_string())]
    );
    assert_eq!(value_of("He will die eight years from now.", "2013-03-22", "eight years"), "P8Y");
    assert_eq!(value_of("He will die eight years from now.", "2013-03-22", "now"), "PRESENT_REF");
}

#[test]
fn ages_and_counts_are_not_times() {
    let text = "His 22-year-old son and 2000 troops ran a five-year-old car 10 years old. Children 6 months and older.";
    let spans: Vec<String> =
        tag(text, None, Mode::News).iter().map(|x| x.span.text(text).to_string()).collect();
    assert!(spans.is_empty(), "{spans:?}");
}

#[test]
fn speech_date_anchors_relative_expressions_inside_quotes() {
    let text = "On Tuesday, the minister said: “Yesterday we delivered the first batch.”";
    let t = tag(text, Some(date("2024-11-02")), Mode::News);
    let y = t.iter().find(|x| x.span.text(text) == "Yesterday").unwrap();
    assert_eq!(y.value, "2024-10-28");
    assert_eq!(y.anchor, Anchor::Speech(0));
    // Without a stated speech day the document date serves.
    let text = "The minister said: “Yesterday we delivered the first batch.”";
    assert_eq!(value_of(text, "2024-11-02", "Yesterday"), "2024-11-01");
}

#[test]
fn seed_article_gets_its_date_from_the_caption() {
    let Some(path) = dyad_core::testdata::shared_path("examples/seed/article.txt") else { return };
    let raw = std::fs::read_to_string(path).unwrap();
    let mut doc = Document::new(&raw);
    dyad_nlp::text_layer(&mut doc);
    TimeTagger::new().annotate(&mut doc);
    let d = doc.meta.date.clone().expect("date from the caption");
    assert_eq!((d.date, d.source.as_str()), (date("2024-11-02"), "text"));
    let find = |s: &str| doc.timexes.iter().find(|t| doc.span_text(t.span) == s).map(|t| t.value.clone());
    assert_eq!(find("the 1st").as_deref(), Some("2024-11-01"));
    assert_eq!(find("the 2nd").as_deref(), Some("2024-11-02"));
    assert_eq!(find("the 31st of last month").as_deref(), Some("2024-10-31"));
    assert_eq!(find("last June").as_deref(), Some("2024-06"));
    assert_eq!(find("June 18-19").as_deref(), Some("2024-06-18/2024-06-19"));
}

#[test]
fn a_past_date_in_the_lead_sentence_is_not_the_document_date() {
    let stated = |text: &str| {
        let mut doc = Document::new(text);
        dyad_nlp::text_layer(&mut doc);
        TimeTagger::new().annotate(&mut doc);
        doc.meta.date.map(|d| d.date)
    };
    let lead = "Detainees freed\n\nThe men held without trial since the attacks of 11 September 2001 are to be freed, ministers said.";
    assert_eq!(stated(lead), None);
    let later = "Detainees freed\n\nThe men are to be freed.\n\nThe laws were passed after the attacks on 11 September 2001 - just months later.";
    assert_eq!(stated(later), None);
    assert_eq!(
        stated("Detainees freed\n\n12 March 2005\n\nThe men are to be freed."),
        Some(date("2005-03-12"))
    );
    assert_eq!(
        stated("LONDON, 12 March 2005 - The men are to be freed, ministers said."),
        Some(date("2005-03-12"))
    );
}

#[test]
fn a_stated_date_never_overrides_a_given_one() {
    let mut doc = Document::new("2024.11.02 Moscow = AP/Newsis. Officials met yesterday.");
    doc.meta.date = Some(DocDate { date: date("2024-05-01"), time: None, source: "cli".into() });
    TimeTagger::new().annotate(&mut doc);
    assert_eq!(doc.meta.date.unwrap().source, "cli");
    assert_eq!(doc.timexes.last().unwrap().value, "2024-04-30");
}

#[test]
fn impossible_dates_keep_their_span_with_an_empty_value() {
    let text = "It was signed on February 30, 2023 and on 2023.13.45 too.";
    let t = tag(text, Some(date("2024-01-01")), Mode::News);
    let spans: Vec<(&str, &str)> = t.iter().map(|x| (x.span.text(text), x.value.as_str())).collect();
    assert_eq!(spans, [("February 30, 2023", ""), ("2023.13.45", "")]);
    assert_eq!(t[0].precision, Precision::Unknown);
}

#[test]
fn bad_input_does_not_panic() {
    let numbers: String = (0..10_000).map(|i| format!("{} ", i * 7919 % 100_000)).collect();
    let dates: String = (0..2_000).map(|i| format!("{}/{}/{} ", i % 40, i % 35, i)).collect();
    let texts = [
        numbers.as_str(),
        dates.as_str(),
        "In the year 99999 and 99999999999999999999 BC, 4000000000 years ago.",
        "From June 19-18 to December 99, 0000-00-00, 9999.99.99, 31st of last month.",
        "The 0th century, the 99th day, 2147483648 days later, 3:99 p.m., 25:00 UTC.",
        "“unclosed quote Yesterday \" and “ Friday ” ”” “",
        "é Noël 2024年11月2日 Yesterday — Friday…",
        "",
        ",5 years",
        ".2024",
        "'",
        "the",
        "2024.11.",
        "June 18-",
        "at 5:",
        "12 p.",
    ];
    for text in texts {
        for mode in [Mode::News, Mode::Narrative] {
            for anchor in [
                None,
                Some(date("2024-11-02")),
                NaiveDate::from_ymd_opt(-262_000, 1, 1),
                NaiveDate::from_ymd_opt(262_000, 12, 31),
            ] {
                // With the text layer and without it.
                for t in tag(text, anchor, mode).into_iter().chain(super::tag(text, anchor, mode)) {
                    assert!(
                        text.is_char_boundary(t.span.start as usize)
                            && text.is_char_boundary(t.span.end as usize)
                    );
                    assert!(t.span.start < t.span.end);
                }
            }
        }
    }
}

#[test]
fn narrative_details() {
    let run = |text: &str| -> Vec<(String, String)> {
        tag(text, Some(date("2009-12-19")), Mode::Narrative)
            .into_iter()
            .map(|t| (t.span.text(text).to_string(), t.value))
            .collect()
    };
    // A far-off year in an aside does not move the story.
    let got =
        run("On June 2, 1920 the army advanced, the largest battle since 1813. On 6 September it fell.");
    assert_eq!(got.last().unwrap().1, "1920-09-06");
    // Two dates of a range share the year written after the second.
    let got = run("Between January 12 and January 16, 1936, the Italians advanced.");
    assert_eq!(got[0].1, "1936-01-12");
    // A day after a year-only reference is a day of that year, unknown which.
    let got = run("The war began in 1915. Four days later the Bulgarians joined.");
    assert_eq!(got[1].1, "1915-XX-XX");
    // Events in narrative: counted from the last date told.
    let got = run("The siege began on April 19, 1775. Three weeks after the siege began, militia moved.");
    assert_eq!(got[1], ("Three weeks after".to_string(), "1775-05-10".to_string()));
    // Parts of a dated day, BC years, two-digit years.
    let got =
        run("In August 480 BC the fleet met. On the night of April 18, 1775, Gage moved. The spirit of '76.");
    assert_eq!(got[0].1, "BC0480-08");
    assert_eq!(got[1].1, "1775-04-18TNI");
    assert_eq!(got[2].1, "1776");
}

#[test]
fn event_offsets_in_news_are_durations() {
    let text = "Troops left two days after the vote.";
    let t = tag(text, Some(date("2013-03-22")), Mode::News);
    assert_eq!(t.len(), 1);
    assert_eq!(
        (t[0].span.text(text), t[0].value.as_str(), t[0].kind),
        ("two days", "P2D", TimexType::Duration)
    );
}

#[test]
fn weeks_of_a_month_are_the_weeks_mostly_in_it() {
    let a = "2009-04-04";
    assert_eq!(value_of("Sales rose in the last week of March.", a, "the last week of March"), "2009-W13");
    assert_eq!(
        value_of("Sales rose in the first week of October 2009.", a, "the first week of October 2009"),
        "2009-W40"
    );
}

#[test]
fn random_token_soup_does_not_panic() {
    // Deterministic soup of the grammar's own words, numbers and marks.
    let vocab = [
        "the",
        "The",
        "last",
        "next",
        "of",
        "June",
        "May",
        "Nov",
        ".",
        ",",
        "-",
        "'",
        "’",
        "“",
        "”",
        "\"",
        "2024",
        "1",
        "31",
        "2nd",
        "st",
        "99999",
        "0",
        "12",
        ":",
        "30",
        "p",
        "m",
        "BC",
        "B",
        "C",
        "day",
        "days",
        "week",
        "years",
        "ago",
        "later",
        "before",
        "after",
        "Friday",
        "Fri",
        "night",
        "summer",
        "fall",
        "quarter",
        "half",
        "first",
        "century",
        "every",
        "per",
        "on",
        "mid",
        "early",
        "\n",
        "é",
        "UTC",
        "s",
        "07",
        "/",
        "1957",
        "58",
        "Christmas",
        "New",
        "Year",
        "said",
        "will",
        "yesterday",
        "now",
        "two",
        "and",
        "to",
        "than",
        "old",
        "since",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..3000 {
        let mut s = String::new();
        for _ in 0..next() % 40 {
            s.push_str(vocab[(next() % vocab.len() as u64) as usize]);
            if next() % 3 != 0 {
                s.push(' ');
            }
        }
        let anchor = [None, Some(date("2024-11-02")), NaiveDate::from_ymd_opt(-300, 1, 1)][round % 3];
        for mode in [Mode::News, Mode::Narrative] {
            for t in tag(&s, anchor, mode).into_iter().chain(super::tag(&s, anchor, mode)) {
                assert!(t.span.start < t.span.end && (t.span.end as usize) <= s.len(), "{s:?}");
            }
        }
    }
}

#[test]
fn meanwhile_returns_to_the_report_date() {
    let text = "The treaty was signed on June 19. Meanwhile, the minister arrived in Moscow the day before.";
    assert_eq!(value_of(text, "2024-11-02", "the day before"), "2024-11-01");
    let text = "The treaty was signed on June 19. The minister had arrived the day before.";
    assert_eq!(value_of(text, "2024-11-02", "the day before"), "2024-06-18");
}

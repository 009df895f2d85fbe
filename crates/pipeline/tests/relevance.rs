//! Political relevance end to end, on articles written for this test: a match report codes no
//! fights between country teams, a markets story keeps the sanctions a state imposed.

mod common;

use common::{listed, records};

const MATCH_REPORT: &str = r#"England beat France in Six Nations thriller

England beat France 24-18 at Twickenham on Saturday to keep their Six Nations title hopes alive. The home side attacked from the first whistle and the fly-half kicked two early penalties. France fought back before half-time with a try from their winger, and their coach praised the squad's fitness. Wales battled injuries all season, but the striker attacked the last 200m of the relay in the other race of the weekend. The captain said the team had scored the goals it needed. The referee awarded a late penalty, and the fans in the stadium celebrated a victory that lifts England to second place in the league table before the final match of the tournament against Scotland next month."#;

const MARKETS_STORY: &str = r#"Oil prices climb as Iran sanctions bite

Oil prices rose sharply on Monday and shares in energy firms climbed after the European Union widened its trade restrictions. The EU imposed sanctions on Iran, and analysts said investors expected crude to stay above $60 a barrel for the rest of the quarter. Shares in BP rose 3% while the FTSE 100 index gained 0.8%. The US firm Exxon attacked the market's forecast and said its profits and revenue would rise. Traders said the stock market had priced in higher costs, and the dollar fell against the euro. Economists expect growth to slow, and retail sales figures due next week could show weaker demand from consumers as prices at the pump go up."#;

#[test]
fn a_match_report_codes_no_political_events() {
    let found = records(MATCH_REPORT);
    assert!(found.is_empty(), "teams, tries and relays are no political events: {:#?}", listed(&found));
}

#[test]
fn sanctions_in_a_markets_story_still_code() {
    let found = records(MARKETS_STORY);
    let list = listed(&found);
    assert!(
        found.iter().any(|r| r.source.code == "IGOEUREEC"
            && r.cameo == "163"
            && r.target.as_ref().is_some_and(|t| t.code == "IRN")),
        "the EU's sanctions on Iran: {list:#?}"
    );
    assert!(
        found.iter().all(|r| !r.cameo.starts_with("19")),
        "a firm attacking a forecast is no fight: {list:#?}"
    );
}

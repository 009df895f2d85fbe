#!/usr/bin/env python3
"""Write data/demo/articles.jsonl: the demo corpus compiled into `dyad demo`.

The articles are invented for dyad: real kinds of events between real countries, in our own
wording, dated across 2024. They are not reports of actual events and must not be cited as such.
"""
import json

ARTICLES = [
    ("demo-01", "2024-01-15", "Moscow and Pyongyang pledge closer ties",
     "MOSCOW, Jan. 15 - Russia praised North Korea on Monday for what officials called steadfast friendship. "
     "Russian Foreign Minister Sergey Lavrov met North Korean Foreign Minister Choe Son-hui in Moscow. "
     "The two ministers discussed trade and transport links. "
     "North Korea backed Russia on several international issues, according to a statement."),
    ("demo-02", "2024-02-20", "Washington criticises Beijing over maritime incident",
     "WASHINGTON, Feb. 20 - The United States criticized China after a collision near a disputed reef. "
     "A State Department spokesman said the United States urged China to respect navigation rights. "
     "China rejected the criticism and accused the United States of stirring tension in the region."),
    ("demo-03", "2024-03-05", "Israel and Iran trade warnings",
     "JERUSALEM, March 5 - Israel warned Iran that it would respond to any attack on its territory. "
     "Iran threatened Israel with a strong response. "
     "Analysts said neither side wanted a wider war."),
    ("demo-04", "2024-03-22", "Ukraine reports drone strikes",
     "KYIV, March 22 - Russia attacked Ukraine with drones overnight, Ukrainian officials said. "
     "Ukraine accused Russia of targeting power stations. "
     "Ukraine appealed to Germany for more air defence systems."),
    ("demo-05", "2024-04-10", "India and Pakistan hold border talks",
     "NEW DELHI, April 10 - India met Pakistan for talks on the disputed border on Wednesday. "
     "Officials from both sides described the meeting as constructive. "
     "Pakistan praised India for agreeing to reopen a crossing for pilgrims."),
    ("demo-06", "2024-05-02", "Seoul protests balloon launches",
     "SEOUL, May 2 - South Korea protested to North Korea over balloons carrying rubbish that landed in border towns. "
     "South Korea condemned North Korea for what it called a dangerous provocation. "
     "North Korea accused South Korea of sending propaganda leaflets first."),
    ("demo-07", "2024-06-19", "Putin visits Pyongyang, signs partnership treaty",
     "PYONGYANG, June 19 - Russia signed a strategic partnership treaty with North Korea during a state visit. "
     "Russian President Vladimir Putin visited North Korea for the first time in 24 years. "
     "Kim Jong-un hosted Putin at a banquet and praised Russia for its support. "
     "South Korea criticized Russia over the new military cooperation."),
    ("demo-08", "2024-06-28", "US and China resume military talks",
     "BEIJING, June 28 - The United States met China for the first military talks in a year. "
     "China urged the United States to stop arms sales to Taiwan. "
     "The United States praised China for keeping communication channels open."),
    ("demo-09", "2024-07-14", "Iran accuses Israel after strike",
     "TEHRAN, July 14 - Iran accused Israel of a strike on a weapons depot near the capital. "
     "Israel did not comment on the report. "
     "Iran threatened Israel with retaliation."),
    ("demo-10", "2024-08-06", "Russia and Ukraine exchange prisoners",
     "MOSCOW, Aug. 6 - Russia and Ukraine completed an exchange of prisoners mediated by the United Arab Emirates. "
     "Ukraine thanked the United Arab Emirates for its mediation. "
     "Russia accused Ukraine of shelling a border village the same day."),
    ("demo-11", "2024-09-12", "India and Pakistan trade accusations after clash",
     "ISLAMABAD, Sept. 12 - Pakistan accused India of firing across the line of control. "
     "India rejected the claim and blamed Pakistan for the clash. "
     "China urged India and Pakistan to show restraint."),
    ("demo-12", "2024-10-08", "North Korea warns Seoul over drones",
     "PYONGYANG, Oct. 8 - North Korea warned South Korea over drones it said had flown over the capital. "
     "South Korea rejected the accusation. "
     "The United States urged North Korea to avoid escalation."),
    ("demo-13", "2024-10-30", "US and China agree to expand climate cooperation",
     "WASHINGTON, Oct. 30 - The United States signed a climate agreement with China at a meeting in Washington. "
     "China praised the United States for what it called a practical approach."),
    ("demo-14", "2024-11-01", "Foreign ministers of Russia and North Korea meet in Moscow",
     "MOSCOW, Nov. 1 - Russia hosted North Korea for strategic consultations in Moscow. "
     "Russian Foreign Minister Sergey Lavrov met North Korean Foreign Minister Choe Son-hui. "
     "Russia supported North Korea in its dispute with the United States, the ministry said. "
     "North Korea accused the United States of provocations on the Korean Peninsula."),
    ("demo-15", "2024-11-20", "Israel and Iran exchange threats at the UN",
     "NEW YORK, Nov. 20 - Iran accused Israel at the United Nations of violating its airspace. "
     "Israel warned Iran against further attacks. "
     "Germany urged Israel and Iran to avoid escalation."),
    ("demo-16", "2024-12-10", "Ukraine and Poland sign defence agreement",
     "WARSAW, Dec. 10 - Ukraine signed a defence agreement with Poland on Tuesday. "
     "Poland praised Ukraine for its resilience. "
     "Russia condemned Poland over the agreement."),
]


def main() -> None:
    with open("data/demo/articles.jsonl", "w", encoding="utf-8") as out:
        for ident, date, title, text in ARTICLES:
            record = {"id": ident, "url": f"https://demo.dyad.invalid/{ident}", "title": title, "date": date, "text": text}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

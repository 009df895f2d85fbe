//! What a recognised time expression means, before it is anchored.

use crate::lexicon::Unit;

/// Which way an underspecified expression points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// "last June": the most recent one strictly before the anchor's month/day.
    Last,
    /// "next Friday": the first one strictly after.
    Next,
    /// "this Friday": in the anchor's week/year.
    This,
    /// Bare "Friday", "June": decided by the tense of the sentence.
    Tense,
}

/// What an underspecified year is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSpec {
    /// Written out in full ("2024").
    Abs(i32),
    /// Relative to the anchor's year ("this year" 0, "last year" -1).
    Rel(i32),
    /// Relative to the last mentioned date ("that year" 0, "the following year" +1).
    Narrative(i32),
    /// Not written: from the anchor, by tense.
    Implicit(Dir),
}

/// A count in a duration: exact, or unspecified ("several days").
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Count {
    /// A written number ("three", "2.5").
    Exact(f64),
    /// No number: "several", "a few"; the TIMEX3 value writes X.
    Vague,
}

/// The meaning of one expression as written: calendar fields, shifts and counts still relative
/// to an anchor the normaliser picks.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// Calendar fields as written ("November 2", "2 November 2024", "2024.11.02", "May 2010").
    Cal { y: YearSpec, m: u32, d: Option<u32> },
    /// A day of a month given relative to the anchor ("on the 2nd", "the 31st of last month").
    DayOfMonth { d: u32, month_shift: i32 },
    /// A range of days in one month ("June 18-19").
    DayRange { y: YearSpec, m: u32, d1: u32, d2: u32 },
    /// A day of the week (`wd` ISO, Monday = 1), with its direction and an optional part of day.
    Weekday { wd: u32, dir: Dir, part: Option<&'static str> },
    /// A month without a year ("June", "last June").
    Month { m: u32, dir: Dir },
    /// A year on its own ("2024", "last year", "that year").
    Year(YearSpec),
    /// A year written with two digits ("'82"): in the century that puts it nearest the anchor.
    ShortYear(u32),
    /// A day relative to the anchor ("yesterday" -1), with an optional part of day.
    Deictic { days: i64, part: Option<&'static str> },
    /// The period containing the anchor, shifted by `n` units ("last week", "this month",
    /// "the following year"); `narrative` anchors it to the last mentioned date.
    Shift { unit: Unit, n: i64, narrative: bool },
    /// A point `n` units before (negative) or after the anchor ("three days ago", "two years
    /// later").
    Offset { unit: Unit, n: Count, sign: i64, narrative: bool },
    /// `n` units before or after an event named in the text ("three weeks after the siege
    /// began"): in narrative, counted from the last mentioned date (usually the event's);
    /// in news, where the event's date is rarely the last one told, only the duration.
    EventOffset { unit: Unit, n: Count, sign: i64 },
    /// A season of a year ("last summer").
    Season { s: &'static str, y: YearSpec },
    /// A quarter of a year ("the third quarter").
    Quarter { q: u32, y: YearSpec },
    /// The `nth` week of a month (-1 = the last): the ISO week holding most of its days there.
    WeekOfMonth { nth: i32, y: YearSpec, m: u32 },
    /// First or second half of a year.
    Half { h: u32, y: YearSpec },
    /// A day with a part of it ("the night of April 18, 1775").
    WithPart(Box<Expr>, &'static str),
    /// First three digits of the years ("the 1990s" 199).
    Decade(i32),
    /// First two digits ("the 20th century" 19).
    Century(i32),
    /// A clock time on a day given by `day` (None = the anchor day).
    Time { h: u32, m: Option<u32>, utc: bool, day: Option<Box<Expr>> },
    /// A length of time not placed on the calendar ("three weeks").
    Duration { n: Count, unit: Unit },
    /// An already formatted value ("P1W" for "weekly", "XXXX-XX-XXTMO").
    Set(String),
    /// A value formatted by the grammar itself ("PT3H7M35S").
    Lit(String, dyad_core::TimexType),
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
    /// Recognised but impossible to normalise (February 30): the span stays, the value is empty.
    Invalid,
}

//! Word classes of the time grammar: months, weekdays, number words, units, parts of day.
//!
//! Small closed classes, so they are `match` tables: no hashing on the hot path.

/// Calendar or duration unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The letter of a TIMEX3 duration, and whether it belongs after the `T`.
    pub fn duration_code(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Weekend => ("WE", false),
            Unit::Week => ("W", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("DE", false),
            Unit::Century => ("CE", false),
        }
    }
}

/// Month number of a month name or abbreviation (lower case).
pub fn month(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// A month name that is also a common word or a bare abbreviation: it needs support from the
/// context (a day, a year, a preposition) to be read as a month.
pub fn month_is_weak(w: &str) -> bool {
    w.len() <= 4 || w == "march"
}

/// ISO weekday number (Monday = 1) of a weekday name or abbreviation.
pub fn weekday(w: &str) -> Option<u32> {
    Some(match w {
        "monday" | "mon" => 1,
        "tuesday" | "tue" | "tues" => 2,
        "wednesday" | "wed" => 3,
        "thursday" | "thu" | "thur" | "thurs" => 4,
        "friday" | "fri" => 5,
        "saturday" | "sat" => 6,
        "sunday" | "sun" => 7,
        _ => return None,
    })
}

pub fn weekday_is_weak(w: &str) -> bool {
    w.len() <= 5 && !w.ends_with("day")
}

/// Unit named by a word, singular or plural.
pub fn unit(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" => (Unit::Minute, false),
        "minutes" => (Unit::Minute, true),
        "hour" => (Unit::Hour, false),
        "hours" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// Cardinal number words up to nineteen, and the tens.
pub fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "one" | "a" | "an" | "single" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        "dozen" => 12,
        _ => return None,
    })
}

/// Ordinal words ("first" … "thirty-first" in parts), as numbers.
pub fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => return None,
    })
}

/// Words that stand for an unspecified number ("several days" = PXD).
pub fn vague_quantity(w: &str) -> bool {
    matches!(w, "several" | "few" | "many" | "some" | "numerous" | "multiple" | "recent")
}

/// TIMEX3 part-of-day code.
pub fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" => "NI",
        "overnight" => "NI",
        _ => return None,
    })
}

/// Season code.
pub fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" | "fall" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// Prepositions and modifiers that make a following weak month name or number a date.
pub fn temporal_lead(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "since"
            | "by"
            | "until"
            | "till"
            | "from"
            | "to"
            | "through"
            | "of"
            | "before"
            | "after"
            | "during"
            | "early"
            | "late"
            | "mid"
            | "last"
            | "next"
            | "this"
            | "past"
            | "between"
            | "and"
            | "around"
            | "circa"
            | "throughout"
            | "into"
            | "as"
    )
}

/// Nouns that a count can precede: "2000 troops" is a number, not a year.
pub fn counted_noun(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "men"
            | "women"
            | "troops"
            | "soldiers"
            | "km"
            | "kilometers"
            | "kilometres"
            | "miles"
            | "meters"
            | "metres"
            | "feet"
            | "tons"
            | "tonnes"
            | "dollars"
            | "euros"
            | "pounds"
            | "votes"
            | "cars"
            | "homes"
            | "jobs"
            | "children"
            | "cases"
            | "deaths"
            | "points"
            | "members"
            | "employees"
            | "workers"
            | "residents"
            | "prisoners"
            | "casualties"
            | "killed"
            | "dead"
            | "wounded"
            | "aircraft"
            | "planes"
            | "tanks"
            | "guns"
            | "ships"
            | "students"
            | "percent"
            | "barrels"
            | "units"
            | "shares"
            | "hp"
            | "kg"
            | "m"
            | "ft"
    )
}

//! The date a document states about itself: a wire caption ("2024.11.02 Moscow = AP/Newsis"),
//! a dateline at the start ("MOSCOW, Nov. 2, 2024 (AP) --"), or a date line under the headline.

use crate::expr::{Expr, YearSpec};
use crate::recognise::TimeMatch;
use crate::tokens::Tokens;
use chrono::NaiveDate;

/// How far into its line a header date may start: a dateline's place name ("WASHINGTON, ")
/// comes before it.
const DATELINE_PLACE: usize = 40;

/// The first fully written date that sits in a dateline or caption position.
pub fn stated_date(t: &Tokens, found: &[TimeMatch]) -> Option<NaiveDate> {
    for f in found {
        let Expr::Cal { y: YearSpec::Abs(y), m, d: Some(d) } = f.expr else { continue };
        let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else { continue };
        let start = t.toks[f.start].start as usize;
        // A date line or dateline opens its line ("MOSCOW, Nov. 2, 2024 (AP) --"): a date
        // inside a sentence ("the attacks on 11 September 2001", "on 17 March 2003 - just
        // before …") is what the story is about, not when it was written. A wire caption's
        // "= AP" credit may end a caption line.
        let line_start = t.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let opens_line = start - line_start <= DATELINE_PLACE;
        // A date near the top of the text (the header lines).
        let header = opens_line && start < 300 && t.text[..start].matches('\n').count() <= 3;
        // A caption or dateline credit: "= AP", "(AP)", "--" within a few tokens after.
        let credit = (f.end..(f.end + 6).min(t.len())).any(|i| {
            t.low(i) == "="
                || opens_line
                    && (matches!(t.low(i), "--" | "—")
                        || t.low(i) == "(" && t.cap(i + 1) && t.raw(i + 1).len() <= 8 && t.low(i + 2) == ")")
        });
        if header || credit {
            return Some(date);
        }
    }
    None
}

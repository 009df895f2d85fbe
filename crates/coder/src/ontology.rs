//! Negation from a PETRARCH internal coding ontology file (UD-PETRARCH's "PICO",
//! `CODE:VALUE#comment` lines): a value that adds or subtracts `0xFFFF` declares the code the
//! negation of another ("110:0x1007f" = not 050), so a negated verb codes the opposite event.

use crate::error::CoderError;
use std::collections::HashMap;

fn eval(expr: &str) -> Option<i64> {
    let mut total = 0i64;
    let mut sign = 1i64;
    let mut cur = String::new();
    let mut any = false;
    let flush = |cur: &mut String, total: &mut i64, sign: i64| -> Option<bool> {
        let t = cur.trim();
        if t.is_empty() {
            return Some(false);
        }
        let v = i64::from_str_radix(t.trim_start_matches("0x").trim_start_matches("0X"), 16).ok()?;
        *total += sign * v;
        cur.clear();
        Some(true)
    };
    for c in expr.chars() {
        match c {
            '+' | '-' => {
                any |= flush(&mut cur, &mut total, sign)?;
                sign = if c == '-' { -1 } else { 1 };
            }
            c => cur.push(c),
        }
    }
    any |= flush(&mut cur, &mut total, sign)?;
    any.then_some(total)
}

/// Code → the code its negation stands for, both ways. Errors name the file and line.
pub(crate) fn parse_negations(text: &str, file: &str) -> Result<HashMap<String, String>, CoderError> {
    let mut values: Vec<(String, i64)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with("<!--") {
            continue;
        }
        let Some((code, rest)) = t.split_once(':') else { continue };
        let expr = rest.split('#').next().unwrap_or("").trim();
        if code.trim() == "---" {
            continue;
        }
        let v = eval(expr).ok_or_else(|| CoderError::OntologyValue {
            file: file.to_string(),
            line: n + 1,
            value: expr.to_string(),
        })?;
        values.push((code.trim().to_string(), v));
    }
    let mut by_value: HashMap<i64, &str> = HashMap::new();
    for (c, v) in &values {
        if (0..=0xFFFF).contains(v) {
            by_value.entry(*v).or_insert(c);
        }
    }
    let mut out = HashMap::new();
    for (c, v) in &values {
        let base = if *v > 0xFFFF {
            v - 0xFFFF
        } else if *v < 0 {
            v + 0xFFFF
        } else {
            continue;
        };
        if base == 0 {
            continue;
        }
        if let Some(opposite) = by_value.get(&base) {
            out.insert(c.clone(), opposite.to_string());
            out.entry(opposite.to_string()).or_insert_with(|| c.clone());
        }
    }
    Ok(out)
}

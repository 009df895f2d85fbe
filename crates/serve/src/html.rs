//! Writing HTML: escaping and the frame every page shares.

/// `s` escaped for HTML text and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `s` percent-encoded for a query string value.
pub(crate) fn url_value(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A query string of `pairs` (empty values left out), starting with `?`.
pub(crate) fn query(pairs: &[(&str, &str)]) -> String {
    let parts: Vec<String> =
        pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", url_value(v))).collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// A whole page: `title`, the navigation with `current` marked, and `body`.
pub(crate) fn page(title: &str, current: &str, body: &str) -> String {
    let nav: String =
        [("/", "Relations"), ("/network", "Network"), ("/events", "Events"), ("/failures", "Failures")]
            .iter()
            .map(|(href, name)| {
                let mark = if *href == current { " aria-current=\"page\"" } else { "" };
                format!("<a href=\"{href}\"{mark}>{name}</a>")
            })
            .collect();
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · dyad</title><link rel=\"stylesheet\" href=\"/assets/style.css\"></head>\
         <body><header><span class=\"brand\">dyad</span><nav>{nav}</nav></header><main>{body}</main>\
         <script src=\"/assets/app.js\"></script></body></html>\n",
        esc(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assert_eq!(query(&[("dyad", "RUS,PRK"), ("actor", "")]), "?dyad=RUS%2CPRK");
    }
}

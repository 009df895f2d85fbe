//! Bytes to text: byte-order marks (stripped), `<meta charset>` and HTTP-style declarations,
//! legacy encodings through `encoding_rs`. Bytes that declare nothing and are not UTF-8 are
//! read as Windows-1252 (the superset of Latin-1 that most such news text is written in), with
//! a warning; the charset used is recorded ([`Decoded::encoding`], kept as `Meta::encoding`).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decoded text and what a user should know about how it was decoded.
pub struct Decoded {
    /// The text, as UTF-8.
    pub text: String,
    /// The charset the bytes were decoded from, as the Encoding Standard names it ("UTF-8",
    /// "windows-1252", "EUC-KR").
    pub encoding: &'static str,
    /// What the user should know (e.g. invalid bytes replaced); become document warnings.
    pub warnings: Vec<dyad_core::Warning>,
}

/// How many bytes the `<meta charset>` prescan looks at (browsers use 1024; pages often put
/// long scripts first, so we look further).
const PRESCAN: usize = 8192;

/// Reject binary files: a NUL byte or many control bytes near the start. UTF-16 (with a BOM)
/// is text and is checked by the caller first.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    controls * 20 > head.len().max(1)
}

/// Decode a plain-text file: BOM if any, else a charset declared in an HTTP-style header line
/// at the top (`Content-Type: text/plain; charset=…`), else UTF-8 if the bytes are UTF-8, else
/// Windows-1252.
pub(crate) fn decode_text(bytes: &[u8]) -> Decoded {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return decode_with(enc, &bytes[bom..]);
    }
    if let Some(enc) = header_charset(bytes) {
        if enc.is_ascii_compatible() && !is_utf8_non_ascii(bytes) {
            return decode_with(enc, bytes);
        }
    }
    undeclared(bytes)
}

/// Bytes with no BOM and no usable declaration: UTF-8 when they are UTF-8, else
/// Windows-1252 (every byte decodes; a warning says the charset was a guess).
fn undeclared(bytes: &[u8]) -> Decoded {
    if std::str::from_utf8(bytes).is_ok() {
        return decode_with(UTF_8, bytes);
    }
    let mut d = decode_with(WINDOWS_1252, bytes);
    d.warnings.push(dyad_core::Warning::new(
        "ingest",
        "not UTF-8 and no charset declared: read as windows-1252; declare the charset if that is wrong",
    ));
    d
}

/// A charset named by a `Content-Type:` header line among the first lines of a text file
/// (mail and HTTP dumps, some crawler outputs).
fn header_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    for line in head.split(|&b| b == b'\n').take(8) {
        let lower = line.to_ascii_lowercase();
        if lower.starts_with(b"content-type:") {
            return declared_charset(&lower);
        }
    }
    None
}

/// Decode an HTML page: BOM, then a declared charset, then UTF-8. A page declared as a legacy
/// encoding whose bytes are valid (non-ASCII) UTF-8 is mislabelled, and read as UTF-8.
pub fn decode_html(bytes: &[u8]) -> Decoded {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return decode_with(enc, &bytes[bom..]);
    }
    let declared = declared_charset(&bytes[..bytes.len().min(PRESCAN)]);
    match declared {
        // A page that declares UTF-16 without a BOM is almost always mislabelled.
        Some(enc) if !enc.is_ascii_compatible() => undeclared(bytes),
        Some(enc) if enc != UTF_8 && !is_utf8_non_ascii(bytes) => decode_with(enc, bytes),
        // Declared UTF-8: believed, invalid bytes replaced with a warning.
        Some(_) => decode_with(UTF_8, bytes),
        None => undeclared(bytes),
    }
}

fn is_utf8_non_ascii(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let mut warnings = Vec::new();
    if had_errors {
        warnings.push(dyad_core::Warning::new(
            "ingest",
            format!("invalid {} bytes replaced with U+FFFD", enc.name()),
        ));
    }
    Decoded { text: text.into_owned(), encoding: enc.name(), warnings }
}

/// The encoding named by `<meta charset=…>` or `<meta http-equiv content="…; charset=…">` (or
/// an XML declaration) in the first bytes of a page.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut at = from + i + b"charset".len();
        from = at;
        while at < lower.len() && matches!(lower[at], b' ' | b'\t' | b'\n' | b'\r') {
            at += 1;
        }
        if lower.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while at < lower.len() && matches!(lower[at], b' ' | b'"' | b'\'' | b'\t') {
            at += 1;
        }
        let start = at;
        while at < lower.len() && (lower[at].is_ascii_alphanumeric() || b"-_:.".contains(&lower[at])) {
            at += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[start..at]) {
            // `x-user-defined` and friends: the standard maps a declared UTF-16 to UTF-8.
            return Some(enc.output_encoding());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_declared_legacy_encodings() {
        let (bytes, _, _) = encoding_rs::EUC_KR.encode("<meta charset=\"euc-kr\"><p>서울=뉴시스</p>");
        assert!(decode_html(&bytes).text.contains("서울=뉴시스"));
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">Москва");
        assert!(decode_html(&bytes).text.contains("Москва"));
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("<meta charset=shift_jis>東京");
        assert!(decode_html(&bytes).text.contains("東京"));
        let (bytes, _, _) = encoding_rs::GB18030.encode("<meta charset=gb2312>北京");
        assert!(decode_html(&bytes).text.contains("北京"));
    }

    #[test]
    fn mislabelled_utf8_is_read_as_utf8() {
        let page = "<meta charset=iso-8859-1><p>Café “quoted”</p>";
        let d = decode_html(page.as_bytes());
        assert!(d.text.contains("Café “quoted”"));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn bom_wins_and_undeclared_non_utf8_is_windows_1252() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("abc".as_bytes());
        let d = decode_text(&bytes);
        assert_eq!((d.text.as_str(), d.encoding), ("abc", "UTF-8"));
        let d = decode_text(b"Caf\xe9 \x93talks\x94");
        assert_eq!((d.text.as_str(), d.encoding), ("Café “talks”", "windows-1252"));
        assert_eq!(d.warnings.len(), 1, "the guess is said");
        let d = decode_text("Café".as_bytes());
        assert_eq!((d.text.as_str(), d.encoding), ("Café", "UTF-8"));
        assert!(d.warnings.is_empty());
        let d = decode_html(b"<p>Caf\xe9</p>");
        assert_eq!((d.text.as_str(), d.encoding), ("<p>Café</p>", "windows-1252"));
        let d = decode_html(b"<meta charset=utf-8><p>Caf\xe9</p>");
        assert_eq!((d.text.as_str(), d.encoding), ("<meta charset=utf-8><p>Caf\u{fffd}</p>", "UTF-8"));
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn a_content_type_header_names_the_charset_of_text() {
        let d = decode_text(b"Content-Type: text/plain; charset=iso-8859-2\n\nKrak\xf3w \xb3");
        assert_eq!(d.encoding, "ISO-8859-2");
        assert!(d.text.ends_with("Kraków ł"), "{}", d.text);
    }

    #[test]
    fn detects_binary() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!looks_binary("plain text\n".as_bytes()));
    }
}

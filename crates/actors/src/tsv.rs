//! The line format shared by every file in `data/actors/`: tab-separated columns, `#` comments,
//! blank lines ignored, lists inside a column separated by `;`.

use crate::error::Error;

/// The most columns a file of `data/actors/` has.
const MAX_COLUMNS: usize = 8;

/// One data row: its 1-based line number and its columns (trimmed), padded with empty ones.
/// The columns are held inline, not in a vector per row: tens of thousands of short-lived
/// allocations would be left as holes among the dictionary's own data while it loads.
#[derive(Debug)]
pub(crate) struct Row<'a> {
    pub line: usize,
    pub cols: [&'a str; MAX_COLUMNS],
}

impl<'a> Row<'a> {
    /// Column `i` split on `;` into trimmed, non-empty items.
    pub(crate) fn list(&self, i: usize) -> Vec<&'a str> {
        self.cols[i].split(';').map(str::trim).filter(|s| !s.is_empty()).collect()
    }
}

/// Parse `text` (named `file` in errors) into rows of between `min` and `max` columns.
/// Trailing empty columns may be left out.
pub(crate) fn rows<'a>(file: &str, text: &'a str, min: usize, max: usize) -> Result<Vec<Row<'a>>, Error> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let content = raw.trim_end_matches('\r');
        if content.trim().is_empty() || content.trim_start().starts_with('#') {
            continue;
        }
        debug_assert!(max <= MAX_COLUMNS);
        let mut cols = [""; MAX_COLUMNS];
        let mut n = 0;
        for c in content.split('\t').map(str::trim) {
            if n < MAX_COLUMNS {
                cols[n] = c;
            }
            n += 1;
        }
        while n > min && n <= MAX_COLUMNS && cols[n - 1].is_empty() {
            n -= 1;
        }
        if n < min || n > max {
            let want = if min == max { format!("{min}") } else { format!("{min} to {max}") };
            return Err(Error::bad_line(
                file,
                line,
                format!("expected {want} tab-separated columns, found {} in {:?}", n, truncate(content)),
            ));
        }
        if cols[0].is_empty() {
            return Err(Error::bad_line(file, line, "the first column is empty"));
        }
        out.push(Row { line, cols });
    }
    Ok(out)
}

fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_blank_lines_and_padding() {
        let rows = rows("t.tsv", "# c\n\nA\tb;c\nD\n", 1, 3).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 3);
        assert_eq!(rows[0].list(1), vec!["b", "c"]);
        assert_eq!(rows[1].cols[..3], ["D", "", ""]);
    }

    #[test]
    fn too_many_columns_names_file_and_line() {
        let err = rows("x.tsv", "A\tB\n\nC\tD\tE\tF\n", 2, 3).unwrap_err();
        assert!(matches!(&err, Error::BadLine { file, line: 3, .. } if file == "x.tsv"), "{err:?}");
        assert!(err.to_string().starts_with("x.tsv:3: expected 2 to 3"));
    }
}

//! CSV tables for spreadsheets, written by the `csv` crate: RFC 4180 (CRLF line ends, a field with
//! `,`, `"`, CR or LF quoted, `"` doubled), optionally after a UTF-8 byte order mark (which Excel
//! needs to read UTF-8), and safe to open: a cell a spreadsheet would run as a formula (it starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so opening runs nothing.
//!
//! ```
//! use quotemark_core::table::csv_table;
//! let csv = csv_table(&["a", "b"], [["=1+1", "x, y"]], false);
//! assert_eq!(csv, "a,b\r\n'=1+1,\"x, y\"\r\n");
//! assert!(csv_table(&["a"], [["é"]], true).starts_with('\u{feff}'));
//! ```

/// The byte order mark that tells a spreadsheet the file is UTF-8.
pub const BOM: char = '\u{feff}';

/// Whether a spreadsheet would run `cell` as a formula.
pub fn looks_like_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// `header` and `rows` as a CSV table (see the module docs).
pub fn csv_table<R, C>(header: &[&str], rows: impl IntoIterator<Item = R>, bom: bool) -> String
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing to memory cannot fail; a field the csv crate refused would only be lost, never run.
    let _ = w.write_record(header);
    let mut guarded = Vec::new();
    for row in rows {
        guarded.clear();
        guarded.extend(row.into_iter().map(|c| {
            let c = c.as_ref();
            if looks_like_formula(c) {
                format!("'{c}")
            } else {
                c.to_string()
            }
        }));
        let _ = w.write_record(&guarded);
    }
    let bytes = w.into_inner().unwrap_or_default();
    let body = String::from_utf8(bytes).unwrap_or_default();
    if bom {
        format!("{BOM}{body}")
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a table back with the csv crate's reader: the cells as written (formula guard aside).
    fn read_back(csv: &str) -> Vec<Vec<String>> {
        let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(csv.as_bytes());
        r.records().map(|row| row.unwrap().iter().map(str::to_string).collect()).collect()
    }

    #[test]
    fn every_cell_reads_back_as_written() {
        let cells = ["plain", "a, b", "say \"hi\"", "two\r\nlines", "", "ünïcödé “quotes”", "=SUM(A1)", "-5", "+1", "@x", "\tx"];
        let long = "x\"".repeat(3000);
        let mut row: Vec<&str> = cells.to_vec();
        row.push(&long);
        let csv = csv_table(&["h"; 12], [row.clone()], false);
        let back = read_back(&csv);
        assert_eq!(back.len(), 2);
        let expected: Vec<String> =
            row.iter().map(|c| if looks_like_formula(c) { format!("'{c}") } else { c.to_string() }).collect();
        assert_eq!(back[1], expected);
        assert!(csv.ends_with("\r\n"));
    }
}

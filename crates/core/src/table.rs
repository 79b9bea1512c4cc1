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

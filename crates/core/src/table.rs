//! CSV tables for spreadsheets, written by `csv-core` (the engine of the `csv` crate, without its
//! `std::io` writer and error types: the `csv` crate itself cost 16.8 KB gzipped in the app,
//! csv-core about 1 KB): RFC 4180 (CRLF line ends, a field with
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
    let mut w = csv_core::WriterBuilder::new().terminator(csv_core::Terminator::CRLF).build();
    let mut out: Vec<u8> = Vec::new();
    let mut buf = [0u8; 1024];
    // Runs one csv-core step until all of `input` is written, growing `out` a buffer at a time.
    let mut field = |w: &mut csv_core::Writer, out: &mut Vec<u8>, mut input: &[u8]| loop {
        let (result, read, wrote) = w.field(input, &mut buf);
        out.extend_from_slice(&buf[..wrote]);
        input = &input[read..];
        if result == csv_core::WriteResult::InputEmpty {
            break;
        }
    };
    let step = |out: &mut Vec<u8>, f: &mut dyn FnMut(&mut [u8]) -> (csv_core::WriteResult, usize)| loop {
        let mut small = [0u8; 8];
        let (result, wrote) = f(&mut small);
        out.extend_from_slice(&small[..wrote]);
        if result == csv_core::WriteResult::InputEmpty {
            break;
        }
    };
    let mut record = |w: &mut csv_core::Writer, out: &mut Vec<u8>, cells: &mut dyn Iterator<Item = &str>| {
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                step(out, &mut |b| w.delimiter(b));
            }
            let guarded;
            let cell = if looks_like_formula(cell) {
                guarded = format!("'{cell}");
                guarded.as_str()
            } else {
                cell
            };
            field(w, out, cell.as_bytes());
        }
        // Also closes the quotes of the last field.
        step(out, &mut |b| w.terminator(b));
    };
    record(&mut w, &mut out, &mut header.iter().copied());
    for row in rows {
        let cells: Vec<C> = row.into_iter().collect();
        record(&mut w, &mut out, &mut cells.iter().map(|c| c.as_ref()));
    }
    step(&mut out, &mut |b| w.finish(b));
    // csv-core writes only what it was given, which is UTF-8.
    let body = String::from_utf8(out).unwrap_or_default();
    if bom {
        format!("{BOM}{body}")
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a table back with csv-core's reader: the cells as written (formula guard aside).
    fn read_back(csv: &str) -> Vec<Vec<String>> {
        let mut r = csv_core::Reader::new();
        let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), Vec::new());
        let mut input = csv.as_bytes();
        let mut buf = [0u8; 64];
        loop {
            let (result, read, wrote) = r.read_field(input, &mut buf);
            input = &input[read..];
            cell.extend_from_slice(&buf[..wrote]);
            match result {
                csv_core::ReadFieldResult::Field { record_end } => {
                    row.push(String::from_utf8(std::mem::take(&mut cell)).unwrap());
                    if record_end {
                        rows.push(std::mem::take(&mut row));
                    }
                }
                csv_core::ReadFieldResult::End => return rows,
                _ => {}
            }
        }
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

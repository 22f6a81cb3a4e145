//! Where a CSV record's quoted cells open and close, read byte for byte the way the csv
//! crate reads them, so that a note spanning a few lines can be told from a quote that
//! swallows the rest of the file. The csv crate itself ends a quoted cell that is still
//! open at the end of the input without a word. Positions only: the cells are `csv`'s.

/// A quoted cell that holds a line break, or that the input ends inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Spanning {
    /// The cell's column, from 0.
    pub column: usize,
    /// The byte offset of the opening quote.
    pub open: usize,
    /// The byte offset of the closing quote; None when the input ends first.
    pub close: Option<usize>,
    /// How many LFs come before the opening and the closing quote, from `start`: counted
    /// on the way, as a record of many cells over lines must not be counted again per cell.
    pub open_lf: usize,
    pub close_lf: usize,
    /// Whether text follows the closing quote before the next separator (`"a"b`), which a
    /// well-formed file never has.
    pub text_follows: bool,
}

/// The quoted cells of the record that starts at byte `start` of `text` and span lines,
/// in column order. Like the csv crate's defaults: a quote opens a cell only as its first
/// byte, `""` inside is one quote, CR and LF end a record, and empty lines are skipped.
pub(super) fn spanning(text: &[u8], start: usize, delimiter: u8) -> Vec<Spanning> {
    let mut out = Vec::new();
    let mut i = start;
    let mut lf = 0;
    while let Some(&b @ (b'\r' | b'\n')) = text.get(i) {
        lf += usize::from(b == b'\n');
        i += 1;
    }
    let mut column = 0;
    loop {
        // At the start of a cell.
        if text.get(i) == Some(&b'"') {
            let (open, open_lf) = (i, lf);
            let mut close = None;
            let mut breaks = false;
            i += 1;
            while let Some(&b) = text.get(i) {
                match b {
                    b'"' if text.get(i + 1) == Some(&b'"') => i += 2,
                    b'"' => {
                        close = Some(i);
                        i += 1;
                        break;
                    }
                    b'\n' | b'\r' => {
                        breaks = true;
                        lf += usize::from(b == b'\n');
                        i += 1;
                    }
                    _ => i += 1,
                }
            }
            let text_follows = close.is_some()
                && text
                    .get(i)
                    .is_some_and(|&b| !matches!(b, b'\r' | b'\n') && b != delimiter);
            if breaks || close.is_none() {
                out.push(Spanning {
                    column,
                    open,
                    close,
                    open_lf,
                    close_lf: lf,
                    text_follows,
                });
            }
            if close.is_none() {
                return out;
            }
        }
        // The rest of the cell is read as it stands, quotes included.
        loop {
            match text.get(i) {
                None | Some(b'\r' | b'\n') => return out,
                Some(&b) if b == delimiter => {
                    i += 1;
                    column += 1;
                    break;
                }
                Some(_) => i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<Spanning> {
        spanning(text.as_bytes(), 0, b',')
    }

    #[test]
    fn single_line_cells_and_unquoted_quotes_are_not_reported() {
        assert_eq!(cells("a,\"b, c\",d\"e\nnext,\"x\n"), []);
        assert_eq!(cells("\"a\"\"b\",c"), []);
    }

    #[test]
    fn a_cell_over_lines_is_reported_with_where_it_opens_and_closes() {
        let text = "a,b,\"two\r\nlines\"\r\nnext";
        assert_eq!(
            cells(text),
            [Spanning {
                column: 2,
                open: 4,
                close: Some(15),
                open_lf: 0,
                close_lf: 1,
                text_follows: false
            }]
        );
        // A record position at the LF of a CRLF, as the csv crate gives it.
        assert!(spanning(b"x\r\n\"a\nb\"c", 2, b',')[0].text_follows);
    }

    #[test]
    fn a_cell_the_input_ends_in_is_reported() {
        let found = cells("a,\"open \"\" still\nb,c\n");
        assert_eq!((found[0].column, found[0].close), (1, None));
        let found = spanning(b"\n\na,\"x\n\",\"y\n\nz", 0, b',');
        let lines: Vec<_> = found.iter().map(|c| (c.open_lf, c.close_lf)).collect();
        assert_eq!(lines, [(2, 3), (3, 5)]);
        assert_eq!(cells("\"")[0].close, None);
    }
}

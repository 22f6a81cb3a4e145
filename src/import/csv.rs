//! CSV as people really have it: `,`, `;` or tab separated (detected from the header
//! line; Dutch and German Excel write `;`), an optional `sep=` line, CRLF, quoted fields
//! with delimiters, line breaks and doubled quotes inside. Text in, records out: no file,
//! no store.

use super::fields::{Draft, oversize, unguard};
use super::headers::{ColumnMap, Field, detail_label, normalise, recognise};
use super::{Location, Parsed, quotes};
use crate::clock::Now;
use crate::domain::limits::{FIELD_CHARS, IMPORT_COLUMNS, IMPORT_RECORDS, too_long};

pub fn read(text: &str, maps: &[ColumnMap], now: Now) -> anyhow::Result<Parsed> {
    read_at_most(text, maps, now, IMPORT_RECORDS)
}

fn read_at_most(text: &str, maps: &[ColumnMap], now: Now, max_rows: usize) -> anyhow::Result<Parsed> {
    // Excel honours a first line `sep=;` and so do we; the data then starts a line later.
    let (text, skipped_lines, forced) = match text.split_once('\n') {
        Some((first, rest)) if first.trim().to_ascii_lowercase().starts_with("sep=") => {
            let sep = match first.trim()[4..].chars().next() {
                None => None,
                Some(c) if c.is_ascii() && !c.is_ascii_alphanumeric() && c != '"' => Some(c as u8),
                Some(c) => anyhow::bail!(
                    "line 1: 'sep={c}' names a separator that cannot split a CSV file — use sep=, or sep=; (or leave the line out)"
                ),
            };
            (rest, 1, sep)
        }
        _ => (text, 0, None),
    };
    let delimiter = forced.unwrap_or_else(|| detect_delimiter(text));
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();

    let header = header_record(&mut records, skipped_lines)?;
    let (start, line) = header
        .position()
        .map_or((0, 1), |p| (p.byte() as usize, p.line()));
    let line = line + skipped_lines;
    // Before each header becomes a String of its own: a line of commas is a million of them.
    if header.len() > IMPORT_COLUMNS {
        anyhow::bail!(
            "line {line}: the header has {} columns, more than the {IMPORT_COLUMNS} a file may have — is the '{}' right?",
            header.len(),
            char::from(delimiter)
        );
    }
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    // Named by number: the header's own names are what a stray quote there swallowed.
    check_quotes(text, start, line, delimiter, &[], Location::Line(line as usize))?;
    for (i, h) in headers.iter().enumerate() {
        if let Some(problem) = too_long(&format!("header of column {}", i + 1), h, FIELD_CHARS) {
            anyhow::bail!("line {line}: {problem}");
        }
    }
    let mut columns = resolve_columns(&headers, maps)?;
    // Beside a Person column (our own export), Email and Phone are the account's, that is
    // its main person's: each person's own are in Emails and Phones.
    if columns.contains(&Field::Person) {
        for f in &mut columns {
            if matches!(f, Field::Email | Field::Phone) {
                *f = Field::Ignore;
            }
        }
    }
    let labels: Vec<(&str, String)> = headers.iter().map(|h| (h.as_str(), detail_label(h))).collect();

    let mut parsed = Parsed {
        columns: headers.iter().cloned().zip(columns.iter().copied()).collect(),
        ..Parsed::default()
    };
    let mut row = 0;
    // csv's line numbers skip the line breaks inside quoted cells; count them here.
    let (mut seen_byte, mut seen_line) = (0usize, 1u64);
    for record in records {
        let record = record.map_err(|e| csv_error(&e, skipped_lines))?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        row += 1;
        let mut byte = record.position().map_or(seen_byte, |p| p.byte() as usize);
        // After a CRLF, csv places the record at its LF.
        if text.as_bytes().get(byte) == Some(&b'\n') {
            byte += 1;
        }
        seen_line += text.get(seen_byte..byte).map_or(0, |s| s.matches('\n').count()) as u64;
        seen_byte = byte;
        let line = seen_line + skipped_lines;
        let at = Location::Row { row, line };
        if row > max_rows {
            return Err(super::too_many(at, max_rows, "rows"));
        }
        if let Some(problem) = check_quotes(text, byte, line, delimiter, &headers, at)? {
            parsed.invalid.push(super::Invalid { at, problem });
            continue;
        }
        let extra = record.iter().skip(headers.len()).any(|c| !c.trim().is_empty());
        if record.len() < headers.len() || extra {
            parsed.invalid.push(super::Invalid {
                at,
                problem: format!(
                    "{} fields, but the header has {} columns — is a '{}' or a quote missing or extra?",
                    record.len(),
                    headers.len(),
                    char::from(delimiter)
                ),
            });
            continue;
        }
        let mut draft = Draft::default();
        for ((cell, field), (header, label)) in record.iter().zip(&columns).zip(&labels) {
            fill(&mut draft, *field, header, label, unguard(cell));
        }
        if draft.is_blank() {
            continue;
        }
        parsed.push(at, draft.finish(at, now));
    }
    Ok(parsed)
}

/// How far a record's quoted cells may run over lines. A cell the file ends inside is
/// always an error for the whole file, even with --skip-invalid: everything after its
/// quote was read as that one cell, so no row after it can be trusted. A cell that spans
/// lines and is closed is a note as Outlook, Google and Excel write them (every cell
/// quoted, line breaks kept inside), however many lines it has: the note limit bounds its
/// size. It makes the row invalid only when it shows the marks of a missing quote that a
/// later stray one closed: text right after its closing quote (`"a"b`, never written by a
/// spreadsheet), or at least `ROW_LIKE` of its lines that split into exactly the header's
/// number of cells, in a file of at least three columns (prose rarely has exactly that
/// many separators on a line, three lines of it more rarely still).
fn check_quotes(
    text: &str,
    start: usize,
    line: u64,
    delimiter: u8,
    headers: &[String],
    at: Location,
) -> anyhow::Result<Option<String>> {
    const ROW_LIKE: usize = 3;
    for cell in quotes::spanning(text.as_bytes(), start, delimiter) {
        let column = headers.get(cell.column).map_or_else(
            || format!("cell in column {}", cell.column + 1),
            |h| format!("'{h}' cell"),
        );
        let opens = line + cell.open_lf as u64;
        let on = if opens == line {
            String::new()
        } else {
            format!(" on line {opens}")
        };
        let Some(close) = cell.close else {
            let after = text
                .get(cell.open..)
                .map_or(0, |s| s.lines().count().saturating_sub(1));
            anyhow::bail!(
                "{at}: the quote that opens the {column}{on} is never closed, so the {after} lines after it would all become that one cell — close the quote, or remove it"
            );
        };
        let closes = line + cell.close_lf as u64;
        if cell.text_follows {
            return Ok(Some(format!(
                "the quote that opens the {column}{on} closes only on line {closes}, where text follows it — is a closing quote missing on line {opens}?"
            )));
        }
        let inner = text.get(cell.open + 1..close).unwrap_or("");
        let sep = char::from(delimiter);
        let mut row_like = inner
            .split('\n')
            .enumerate()
            .skip(1)
            .filter(|(_, l)| headers.len() >= 3 && l.split(sep).count() == headers.len());
        if let Some((first, example)) = row_like.next()
            && row_like.count() + 1 >= ROW_LIKE
        {
            let example: String = example.trim_end_matches('\r').chars().take(60).collect();
            return Ok(Some(format!(
                "the {column} runs from line {opens} to line {closes} and holds lines that look like rows of their own (line {}: '{example}') — is a closing quote missing on line {opens}?",
                opens + first as u64
            )));
        }
    }
    Ok(None)
}

/// The header: the first record with anything in it. LinkedIn's Connections.csv starts
/// with a "Notes:" line and a quoted paragraph before it: one-cell lines after a first
/// "Notes:" are skipped.
fn header_record(
    records: &mut ::csv::StringRecordsIter<'_, &[u8]>,
    skipped_lines: u64,
) -> anyhow::Result<::csv::StringRecord> {
    let mut preamble = false;
    loop {
        match records.next() {
            None => anyhow::bail!("the file is empty — it needs a header line and a row per customer"),
            Some(r) => {
                let r = r.map_err(|e| csv_error(&e, skipped_lines))?;
                let filled: Vec<&str> = r.iter().map(str::trim).filter(|c| !c.is_empty()).collect();
                if filled.len() == 1 && (preamble || filled[0].eq_ignore_ascii_case("notes:")) {
                    preamble = true;
                    continue;
                }
                if !filled.is_empty() {
                    return Ok(r);
                }
            }
        }
    }
}

fn csv_error(e: &::csv::Error, skipped_lines: u64) -> anyhow::Error {
    match e.position() {
        Some(p) => anyhow::anyhow!("line {}: {e}", p.line() + skipped_lines),
        None => anyhow::anyhow!("{e}"),
    }
}

fn fill(d: &mut Draft, field: Field, header: &str, label: &str, cell: &str) {
    // A cell over its limit is not copied: the row is refused anyway.
    if let Some(problem) = oversize(field, cell) {
        d.oversize.get_or_insert(problem);
        return;
    }
    match field {
        Field::Name => Draft::offer(&mut d.name, cell),
        Field::FirstName => Draft::offer(&mut d.first, cell),
        Field::MiddleName => Draft::offer(&mut d.middle, cell),
        Field::LastName => Draft::offer(&mut d.last, cell),
        Field::Company => Draft::offer(&mut d.company, cell),
        Field::Email => d.add_email(label, cell),
        Field::Phone => d.add_phone(label, cell),
        Field::Tags => d.labels.push(cell.to_string()),
        Field::Notes => d.add_note(cell),
        Field::LastContact => Draft::offer(&mut d.last_contact, cell),
        Field::Cadence => Draft::offer(&mut d.cadence, cell),
        Field::Person => Draft::offer(&mut d.person, cell),
        Field::Role => Draft::offer(&mut d.role, cell),
        Field::Emails | Field::Phones => d.add_list(field, cell),
        Field::PersonNotes => d.add_person_note(cell),
        Field::LeftOn => Draft::offer(&mut d.left_on, cell),
        Field::LeftTo => Draft::offer(&mut d.left_to, cell),
        // Outlook writes 0/0/00 for a date it does not have.
        Field::Extra if !cell.trim().is_empty() && cell.trim() != "0/0/00" => {
            d.add_person_note(&format!("{header}: {}", cell.trim()));
        }
        Field::Main | Field::Extra | Field::Ignore => {}
    }
}

/// The delimiter that splits the header line into the most columns, counting only
/// outside quotes; a comma when nothing splits it.
fn detect_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in first.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in &mut counts {
                if b == *d {
                    *n += 1;
                }
            }
        }
    }
    // Ties go to the earlier entry: the comma.
    let (mut best, mut most) = counts[0];
    for &(d, n) in &counts[1..] {
        if n > most {
            (best, most) = (d, n);
        }
    }
    best
}

/// Each column's field: `--map` first, then the recognised header names.
fn resolve_columns(headers: &[String], maps: &[ColumnMap]) -> anyhow::Result<Vec<Field>> {
    let mut fields: Vec<Field> = headers.iter().map(|h| recognise(h)).collect();
    for m in maps {
        let wanted = normalise(&m.column);
        let i = headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(&m.column))
            .or_else(|| headers.iter().position(|h| normalise(h) == wanted))
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "--map '{}={}': there is no column '{}' — the columns are: {}",
                    m.column,
                    m.field,
                    m.column,
                    quoted_list(headers)
                )
            })?;
        fields[i] = m.field;
    }
    if !fields.iter().any(|f| f.names()) {
        anyhow::bail!(
            "no column holds a name, company or e-mail address — the columns are: {}; name one with --map, like --map '{}=name'",
            quoted_list(headers),
            headers.first().map_or("Klantnaam", String::as_str)
        );
    }
    Ok(fields)
}

/// The first few items, quoted; a hostile header may have a million columns.
fn quoted_list(items: &[String]) -> String {
    const SHOWN: usize = 30;
    let mut list: Vec<String> = items.iter().take(SHOWN).map(|h| format!("'{h}'")).collect();
    if items.len() > SHOWN {
        list.push(format!("… and {} more", items.len() - SHOWN));
    }
    list.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Now {
        Now::parse("2026-11-23T09:00:00Z").unwrap()
    }

    #[test]
    fn the_delimiter_is_the_one_that_splits_the_header() {
        assert_eq!(detect_delimiter("Naam;Bedrijf;E-mail\r\n"), b';');
        assert_eq!(detect_delimiter("Name,Company\n"), b',');
        assert_eq!(detect_delimiter("\"Name;x\",Company,Email\n"), b',');
        assert_eq!(detect_delimiter("Name\tCompany\n"), b'\t');
        assert_eq!(detect_delimiter("Name\n"), b',');
    }

    #[test]
    fn quoted_fields_keep_delimiters_quotes_and_line_breaks() {
        let text = "Name;Company;Notes\r\n\"Jansen; Jan\";\"Acme \"\"Best\"\" BV\";\"two\r\nlines\"\r\nPiet;Beta;\r\n";
        let p = read(text, &[], now()).unwrap();
        assert!(p.invalid.is_empty(), "{:?}", p.invalid);
        let r = &p.records[0];
        assert_eq!(
            (r.name.as_str(), r.company.as_str()),
            ("Jansen; Jan", "Acme \"Best\" BV")
        );
        assert_eq!(r.notes, "two\nlines");
        assert_eq!(p.records[1].at, Location::Row { row: 2, line: 4 });
    }

    #[test]
    fn a_sep_line_sets_the_delimiter_and_counts_as_a_line() {
        let p = read("sep=;\nName;Company\nJan;Acme, Inc\n", &[], now()).unwrap();
        assert_eq!(p.records[0].company, "Acme, Inc");
        assert_eq!(p.records[0].at, Location::Row { row: 1, line: 3 });
    }

    #[test]
    fn a_quote_left_open_is_an_error_for_the_whole_file() {
        let err = read("Name,\"Company\nJan,Acme\n", &[], now())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("line 1: the quote that opens the cell in column 2 is never closed"),
            "{err}"
        );
        let err = read("Name,Notes\nJan,\"one\ntwo\nPiet,x\n", &[], now())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("row 1 (line 2): the quote that opens the 'Notes' cell is never closed, so the 2 lines after it"),
            "{err}"
        );
    }

    #[test]
    fn notes_over_lines_stay_valid_unless_they_look_like_swallowed_rows() {
        // Two lines with the header's number of cells: prose can do that.
        let text = "Name,Company,Notes\nJan,Acme,\"Visited Mon, Tue\nCalled Jan, Piet\nSent a, b\"\n";
        let p = read(text, &[], now()).unwrap();
        assert!(p.invalid.is_empty(), "{:?}", p.invalid);
        // Three, and it reads as rows that a stray quote swallowed.
        let text = "Name,Company,Notes\nJan,Acme,\"open\nA,B,c\nD,E,f\nG,H,closed\"\nPiet,Beta,\n";
        let p = read(text, &[], now()).unwrap();
        assert_eq!(p.records.len(), 1);
        let msg = p.invalid[0].to_string();
        assert!(msg.starts_with("row 1 (line 2): the 'Notes' cell runs from line 2 to line 5 and holds lines that look like rows of their own (line 3: 'A,B,c')"), "{msg}");
        // With two columns one separator means nothing.
        let p = read("Name,Notes\nJan,\"a,b\nc,d\ne,f\ng,h\"\n", &[], now()).unwrap();
        assert!(p.invalid.is_empty(), "{:?}", p.invalid);
    }

    #[test]
    fn a_file_may_hold_so_many_rows_and_headers_so_long() {
        let text = "Name\nA\n\nB\nC\n";
        assert_eq!(read_at_most(text, &[], now(), 3).unwrap().records.len(), 3);
        let err = read_at_most(text, &[], now(), 2).unwrap_err().to_string();
        assert_eq!(
            err,
            "row 3 (line 5): the file holds more than 2 rows — split it into files of at most 2"
        );
        let err = read(&"x,".repeat(999), &[], now()).unwrap_err().to_string();
        assert!(err.contains("'x', … and 970 more"), "{err}");
        let err = read(&format!("Name{}", ",".repeat(1000)), &[], now())
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "line 1: the header has 1001 columns, more than the 1000 a file may have — is the ',' right?"
        );
        let err = read(&format!("Name,{}\n", "h".repeat(501)), &[], now())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("line 1: the header of column 2 is longer than 500 characters"),
            "{err}"
        );
    }

    #[test]
    fn a_sep_line_names_one_ascii_separator() {
        for bad in ["sep=ñ\nName\n", "sep=\"\nName\n", "sep=a\nName\n"] {
            let err = read(bad, &[], now()).unwrap_err().to_string();
            assert!(err.starts_with("line 1: 'sep="), "{err}");
        }
        let p = read("sep=|\nName|Company\nJan|Acme\n", &[], now()).unwrap();
        assert_eq!(p.records[0].company, "Acme");
    }

    #[test]
    fn a_ragged_row_is_invalid_and_blank_rows_are_skipped() {
        let p = read(
            "Name,Email\nJan,jan@a.nl\n,\nPiet\nKees,k@a.nl,extra\nAnn,a@a.nl,,\n",
            &[],
            now(),
        )
        .unwrap();
        let names: Vec<_> = p.records.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Jan", "Ann"]);
        assert_eq!(p.invalid.len(), 2);
        assert!(
            p.invalid[0].to_string().starts_with("row 2 (line 4): 1 fields"),
            "{}",
            p.invalid[0]
        );
    }

    #[test]
    fn maps_override_and_name_the_missing_column() {
        let text = "Klant;Plaats\nAcme;Delft\n";
        let maps = ["Plaats=notes".parse().unwrap()];
        let p = read(text, &maps, now()).unwrap();
        assert_eq!(
            (p.records[0].name.as_str(), p.records[0].notes.as_str()),
            ("Acme", "Delft")
        );
        let err = read("Klantcode;Plaats\n1;Delft\n", &[], now())
            .unwrap_err()
            .to_string();
        assert!(err.contains("'Klantcode', 'Plaats'"), "{err}");
        let maps = ["Stad=notes".parse().unwrap()];
        let err = read(text, &maps, now()).unwrap_err().to_string();
        assert!(err.contains("no column 'Stad'"), "{err}");
    }
}

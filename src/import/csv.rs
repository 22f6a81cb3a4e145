//! CSV as people really have it: `,`, `;` or tab separated (detected from the header
//! line; Dutch and German Excel write `;`), an optional `sep=` line, CRLF, quoted fields
//! with delimiters, line breaks and doubled quotes inside.

use chrono::{DateTime, Utc};

use super::fields::{Draft, unguard};
use super::headers::{ColumnMap, Field, normalise, recognise};
use super::{Location, Parsed};

pub fn read(text: &str, maps: &[ColumnMap], now: DateTime<Utc>) -> anyhow::Result<Parsed> {
    // Excel honours a first line `sep=;` and so do we; the data then starts a line later.
    let (text, skipped_lines, forced) = match text.split_once('\n') {
        Some((first, rest)) if first.trim().to_ascii_lowercase().starts_with("sep=") => {
            let sep = first.trim()[4..].bytes().next();
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

    let header = loop {
        match records.next() {
            None => anyhow::bail!("the file is empty — it needs a header line and a row per customer"),
            Some(r) => {
                let r = r.map_err(|e| csv_error(&e, skipped_lines))?;
                if r.iter().any(|c| !c.trim().is_empty()) {
                    break r;
                }
            }
        }
    };
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let columns = resolve_columns(&headers, maps)?;

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
        for (cell, field) in record.iter().zip(&columns) {
            fill(&mut draft, *field, unguard(cell));
        }
        if draft.is_blank() {
            continue;
        }
        parsed.push(at, draft.finish(at, now));
    }
    Ok(parsed)
}

fn csv_error(e: &::csv::Error, skipped_lines: u64) -> anyhow::Error {
    match e.position() {
        Some(p) => anyhow::anyhow!("line {}: {e}", p.line() + skipped_lines),
        None => anyhow::anyhow!("{e}"),
    }
}

fn fill(d: &mut Draft, field: Field, cell: &str) {
    match field {
        Field::Name => Draft::offer(&mut d.name, cell),
        Field::FirstName => Draft::offer(&mut d.first, cell),
        Field::MiddleName => Draft::offer(&mut d.middle, cell),
        Field::LastName => Draft::offer(&mut d.last, cell),
        Field::Company => Draft::offer(&mut d.company, cell),
        Field::Email => Draft::offer(&mut d.email, cell),
        Field::Phone => Draft::offer(&mut d.phone, cell),
        Field::Tags => d.labels.push(cell.to_string()),
        Field::Notes => d.add_note(cell),
        Field::LastContact => Draft::offer(&mut d.last_contact, cell),
        Field::Cadence => Draft::offer(&mut d.cadence, cell),
        Field::Ignore => {}
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

fn quoted_list(items: &[String]) -> String {
    items
        .iter()
        .map(|h| format!("'{h}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-11-23T09:00:00Z".parse().unwrap()
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

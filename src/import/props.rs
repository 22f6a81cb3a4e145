//! Properties over arbitrary and hostile input: no reader panics, whatever the bytes, and
//! every record it accepts keeps within the limits. The case count is bounded so that
//! `cargo test` stays fast; the fuzz targets search far longer.

use proptest::prelude::*;

use super::fields::Draft;
use super::{BookFormat, ImportedCustomer, Location, Options, Parsed, csv, decode, json, read_text, vcard};
use crate::clock::Now;
use crate::domain::limits::{FIELD_CHARS, NAME_CHARS, NOTE_CHARS};

/// Reads and checks every record of a file's content, as `import::read` does once it has
/// the bytes: decoded as spreadsheets and phones write text, in `opts.format` or else the
/// format the content looks like.
fn parse(bytes: &[u8], opts: &Options) -> anyhow::Result<Parsed> {
    read_text(&decode::text(bytes), opts.format, opts, "the file")
}

fn now() -> Now {
    Now::parse("2026-11-23T09:00:00Z").expect("a fixed instant")
}

fn within_limits(r: &ImportedCustomer) -> bool {
    let chars = |s: &str| s.chars().count();
    chars(&r.name) <= NAME_CHARS
        && chars(&r.company) <= NAME_CHARS
        && chars(&r.email) <= FIELD_CHARS
        && chars(&r.phone) <= FIELD_CHARS
        && chars(&r.notes) <= NOTE_CHARS
        && chars(&r.tags.to_stored()) <= FIELD_CHARS
}

/// What a reader's answer must be for any input: an error, or records within the limits
/// and reasons short enough to read (a reason quotes at most one field's worth of value).
fn check(parsed: anyhow::Result<Parsed>) -> Result<(), TestCaseError> {
    if let Ok(p) = parsed {
        for r in &p.records {
            prop_assert!(within_limits(r), "{r:?}");
        }
        for i in &p.invalid {
            let chars = i.problem.chars().count();
            prop_assert!(chars <= 2 * FIELD_CHARS, "{chars} characters: {}", i.problem);
        }
    }
    Ok(())
}

/// Text made of what breaks parsers: quotes, separators, line breaks, escapes, colons,
/// non-ASCII letters, a combining mark, control characters and arbitrary characters.
fn hostile(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(vec![
            "\"", "\"\"", ",", ";", "\t", "\n", "\r\n", "\r", ":", "\\", "\\n", "\\;", "=", "=0D=0A",
            "=C3", "@", "<", ">", "mailto:", "tel:", "9:30", "é", "ñ", "рф", "山", "e\u{301}", "\u{1b}[2J",
            "\u{202e}", "\u{0}", "\u{feff}", " ", "BEGIN:VCARD", "END:VCARD", "2026-11-20", "14:30", "2w",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        2 => "[a-zA-Z0-9 .+-]{1,8}",
        // Around each limit: one under, at, one over.
        1 => prop::sample::select(vec![199, 200, 201, 499, 500, 501, 19_999, 20_000, 20_001])
            .prop_map(|n| "é".repeat(n)),
    ];
    prop::collection::vec(piece, 0..max).prop_map(|p| p.concat())
}

/// A CSV file: a header of known and unknown names, then rows of hostile cells.
fn csv_file() -> impl Strategy<Value = String> {
    let header = prop::collection::vec(
        prop::sample::select(vec![
            "Name",
            "First Name",
            "Last Name",
            "Company",
            "E-mail Address",
            "Phone",
            "Labels",
            "Notes",
            "Last Contact",
            "Cadence",
            "Klant",
            "\"Notes\"",
            "Compañía",
            "",
        ]),
        1..6,
    );
    let sep = prop::sample::select(vec![",", ";", "\t"]);
    let prefix = prop::sample::select(vec!["", "sep=;\n", "sep=\n", "\u{feff}"]);
    (
        prefix,
        header,
        sep,
        prop::collection::vec(prop::collection::vec(hostile(6), 0..7), 0..8),
    )
        .prop_map(|(prefix, header, sep, rows)| {
            let mut text = format!("{prefix}{}\n", header.join(sep));
            for row in rows {
                text.push_str(&row.join(sep));
                text.push_str("\r\n");
            }
            text
        })
}

/// vCards of the properties we read (and some we do not), with 2.1 and 3.0 parameters and
/// hostile values; sometimes folded, sometimes unfinished.
fn vcard_file() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec![
        "FN",
        "N",
        "ORG",
        "EMAIL",
        "TEL",
        "NOTE",
        "CATEGORIES",
        "X-TOUCHBASE-CADENCE",
        "X-TOUCHBASE-LAST-CONTACT",
        "item1.EMAIL",
        "PHOTO",
        "VERSION",
        "BEGIN",
        "tel",
    ]);
    let params = prop::sample::select(vec![
        "",
        ";WORK;VOICE",
        ";TYPE=\"voice,work\"",
        ";VALUE=uri",
        ";VALUE=text",
        ";PREF=1",
        ";ENCODING=QUOTED-PRINTABLE",
        ";CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE",
        ";CHARSET=KOI8-R;QUOTED-PRINTABLE",
        ";ENCODING=BASE64",
        ";TYPE=a:b",
    ]);
    let line = (name, params, hostile(8), any::<bool>()).prop_map(|(n, p, v, fold)| {
        if fold && v.len() > 2 {
            let cut = v.char_indices().nth(v.chars().count() / 2).map_or(0, |(i, _)| i);
            format!("{n}{p}:{}\r\n {}", &v[..cut], &v[cut..])
        } else {
            format!("{n}{p}:{v}")
        }
    });
    let card = (
        prop::sample::select(vec!["2.1", "3.0", "4.0"]),
        prop::collection::vec(line, 0..8),
        any::<bool>(),
    )
        .prop_map(|(version, lines, end)| {
            let mut c = format!("BEGIN:VCARD\r\nVERSION:{version}\r\n");
            for l in lines {
                c.push_str(&l);
                c.push_str("\r\n");
            }
            if end {
                c.push_str("END:VCARD\r\n");
            }
            c
        });
    prop::collection::vec(card, 1..4).prop_map(|cards| cards.concat())
}

/// A JSON array of customers whose fields hold any JSON at all.
fn json_file() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        hostile(6).prop_map(serde_json::Value::from),
    ];
    let value = leaf.prop_recursive(2, 8, 3, |inner| {
        prop::collection::vec(inner, 0..3).prop_map(serde_json::Value::from)
    });
    let key = prop::sample::select(vec![
        "name",
        "company",
        "email",
        "phone",
        "tags",
        "cadence_days",
        "notes",
        "last_contact",
        "id",
    ]);
    let entry = prop::collection::btree_map(key, value, 0..6)
        .prop_map(|m| serde_json::Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect()));
    prop::collection::vec(entry, 0..5).prop_map(|e| serde_json::Value::from(e).to_string())
}

fn options(format: Option<BookFormat>) -> Options {
    Options {
        format,
        maps: Vec::new(),
        now: now(),
    }
}

/// A sheet of plain cells in which one cell opens a quote that nothing closes.
fn unclosed_quote() -> impl Strategy<Value = (String, usize)> {
    let cell = "[a-zA-Z0-9 é,;\n]{0,12}";
    (
        2..6usize,
        prop::collection::vec(prop::collection::vec(cell, 6), 1..20),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(columns, rows, at)| {
            let bad = at.index(rows.len());
            let mut text = "Name,Company,Notes,Email,Phone,Tags"
                .split(',')
                .take(columns)
                .collect::<Vec<_>>()
                .join(",");
            text.push('\n');
            for (i, row) in rows.iter().enumerate() {
                // Line breaks and separators inside cells only where a quote protects them.
                let cells: Vec<String> = row[..columns]
                    .iter()
                    .map(|c| c.replace(['\n', ','], " "))
                    .collect();
                // Every row names someone, so none is skipped as blank.
                let mut line = format!("n{i}{}", cells.join(","));
                if i == bad {
                    line.push_str(",\"");
                    line.push_str(&row[5]);
                }
                text.push_str(&line);
                text.push('\n');
            }
            (text, bad + 1)
        })
}

/// A value that is valid for its field whatever its length: `unit` repeated about `n`
/// times, and `n` near the limits.
fn sized(unit: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        prop::sample::select(vec![1, 199, 200, 201, 499, 500, 501, 19_999, 20_000, 20_001])
            .prop_map(move |n| unit.repeat(n)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn csv_never_panics(text in any::<String>()) {
        check(csv::read(&text, &[], now()))?;
    }

    #[test]
    fn csv_with_hostile_quotes_and_separators_never_panics(text in csv_file()) {
        check(csv::read(&text, &[], now()))?;
        let maps = ["Notes=name".parse().expect("a map")];
        check(csv::read(&text, &maps, now()))?;
    }

    /// Finding: an unclosed quote once swallowed the rest of the file without a word.
    #[test]
    fn a_quote_nothing_closes_is_always_an_error((text, row) in unclosed_quote()) {
        let err = csv::read(&text, &[], now()).map(|p| p.records.len());
        let msg = format!("{:?}", err.as_ref().map_err(ToString::to_string));
        let expected = format!("row {row} (line {})", row + 1);
        prop_assert!(err.is_err_and(|e| e.to_string().starts_with(&expected)), "{msg}\n{text}");
    }

    /// A record is accepted exactly when every field fits its limit.
    #[test]
    fn drafts_are_refused_exactly_past_the_limits(
        name in sized("é"), first in sized("j"), company in sized("c"), local in sized("e"),
        phone in sized("1"), notes in sized("n"), label in sized("t"),
    ) {
        let email = if local.is_empty() { local } else { format!("{local}@x.nl") };
        let draft = Draft {
            name: name.clone(), first: first.clone(), company: company.clone(), email: email.clone(),
            phone: phone.clone(), notes: notes.clone(), labels: vec![label.clone()],
            ..Draft::default()
        };
        let fits = |s: &str, max: usize| s.chars().count() <= max;
        // The name falls back to the first name, the company, the address.
        let shown_name = [&name, &first, &company, &email].into_iter().find(|s| !s.is_empty());
        let expected = shown_name.is_some_and(|n| fits(n, NAME_CHARS))
            && fits(&name, NAME_CHARS) && fits(&first, NAME_CHARS) && fits(&company, NAME_CHARS)
            && fits(&email, FIELD_CHARS) && fits(&phone, FIELD_CHARS)
            && fits(&notes, NOTE_CHARS) && fits(&label, FIELD_CHARS);
        let got = draft.finish(Location::Entry { index: 1 }, now());
        prop_assert_eq!(got.is_ok(), expected, "{:?}", got.map(|_| ()));
    }

    #[test]
    fn vcard_never_panics(text in any::<String>()) {
        check(vcard::read(&text, now()))?;
    }

    #[test]
    fn vcards_with_hostile_properties_never_panic(text in vcard_file()) {
        check(vcard::read(&text, now()))?;
    }

    #[test]
    fn json_never_panics(text in any::<String>()) {
        check(json::read(&text, now()))?;
    }

    #[test]
    fn json_customers_of_any_shape_never_panic(text in json_file()) {
        check(json::read(&text, now()))?;
    }

    /// Decoding and sniffing: any bytes, with or without a byte order mark.
    #[test]
    fn any_bytes_in_any_format_never_panic(
        bom in prop::sample::select(vec![&b""[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"]),
        body in prop::collection::vec(any::<u8>(), 0..200),
        format in prop::sample::select(vec![None, Some(BookFormat::Csv), Some(BookFormat::Vcard), Some(BookFormat::Json)]),
    ) {
        let bytes = [bom, &body].concat();
        check(parse(&bytes, &options(format)))?;
    }

    #[test]
    fn structured_files_read_as_bytes_never_panic(
        text in prop_oneof![csv_file(), vcard_file(), json_file()],
        latin1 in any::<bool>(),
    ) {
        // Some files are Windows-1252: non-ASCII letters as single bytes.
        let bytes: Vec<u8> = if latin1 {
            text.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect()
        } else {
            text.into_bytes()
        };
        check(parse(&bytes, &options(None)))?;
    }
}

/// The case proptest shrank `structured_files_read_as_bytes_never_panic` to: a notes cell
/// of 20,000 characters after a space was read as a note one character over the limit.
#[test]
fn a_notes_cell_over_the_limit_only_by_its_spaces_is_refused() {
    let text = format!("sep=\n\"Notes\",Name,Name\n {},,:\r\n", "é".repeat(NOTE_CHARS));
    let parsed = parse(text.as_bytes(), &options(None)).expect("a CSV file");
    assert!(
        parsed.records.is_empty(),
        "{:?}",
        parsed.records.first().map(|r| r.notes.len())
    );
    assert_eq!(parsed.invalid.len(), 1);
    let problem = &parsed.invalid[0].problem;
    assert!(
        problem.starts_with("the note is longer than 20000 characters"),
        "{problem}"
    );
    check(Ok(parsed)).expect("within the limits");
}

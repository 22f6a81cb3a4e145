//! Rewriting one vCard property line as vcard4 reads it: unfolded, with vCard 2.1's bare
//! parameters made a `TYPE=` list, quoted-printable values decoded in their CHARSET, and
//! what vcard4 would refuse or mangle (control characters, escaped semicolons) hidden
//! from it and put back afterwards. Properties we do not use are left out entirely, so a
//! PHOTO or LABEL it cannot read never spoils a card.

use std::borrow::Cow;

use super::{ACCOUNT, CADENCE, LAST_CONTACT, LEFT_ON, LEFT_TO, PERSON_NOTE, short};
use crate::import::decode;
use crate::import::fields::{limit, oversize};
use crate::import::headers::Field;

/// The properties a customer is built from.
const USED: [&str; 15] = [
    "FN",
    "N",
    "ORG",
    "EMAIL",
    "TEL",
    "NOTE",
    "CATEGORIES",
    "TITLE",
    "ROLE",
    CADENCE,
    LAST_CONTACT,
    ACCOUNT,
    PERSON_NOTE,
    LEFT_ON,
    LEFT_TO,
];

/// Unfolded lines with the number of the line each starts on. A line starting with a
/// space or tab continues the previous one; so does the line after a quoted-printable
/// value ending in `=` (vCard 2.1's soft line break).
pub(super) fn logical_lines(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut soft_break = false;
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match out.last_mut() {
            Some((_, current)) if soft_break => current.push_str(raw),
            Some((_, current)) if raw.starts_with([' ', '\t']) => current.push_str(&raw[1..]),
            _ => out.push((i + 1, raw.to_string())),
        }
        soft_break = false;
        if let Some((_, current)) = out.last_mut()
            && is_quoted_printable(current)
            && current.ends_with('=')
        {
            current.pop();
            soft_break = true;
        }
    }
    out
}

fn is_quoted_printable(line: &str) -> bool {
    let head = line.split(':').next().unwrap_or("");
    head.to_ascii_uppercase().contains("QUOTED-PRINTABLE")
}

/// One property line rewritten as vcard4 reads it, or None for a property we do not use.
/// Parameters become a single `TYPE=` list (2.1's bare `WORK;VOICE` included);
/// quoted-printable values are decoded in their CHARSET; control characters are hidden
/// from vcard4, which refuses them, and put back by `restore`.
pub(super) fn normalise(line: &str) -> Result<Option<String>, String> {
    let Some(colon) = unquoted_find(line, b':') else {
        if line.trim().is_empty() {
            return Ok(None);
        }
        return Err(format!("'{}' is not a NAME:value line", short(line.trim())));
    };
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut segments = unquoted_split(head, b';').into_iter();
    let full_name = segments.next().unwrap_or("").trim();
    let (group, name) = match full_name.rsplit_once('.') {
        Some((g, n)) => (Some(g), n),
        None => (None, full_name),
    };
    let name = name.to_ascii_uppercase();
    if !USED.contains(&name.as_str()) {
        return Ok(None);
    }
    let mut types: Vec<String> = Vec::new();
    let (mut quoted_printable, mut charset) = (false, None);
    for param in segments {
        let (key, val) = match param.split_once('=') {
            Some((k, v)) => (k.trim().to_ascii_uppercase(), v.trim().trim_matches('"')),
            None => (String::new(), param.trim()),
        };
        match key.as_str() {
            "ENCODING" | "" if val.eq_ignore_ascii_case("QUOTED-PRINTABLE") => quoted_printable = true,
            // Binary data (BASE64, B) is never a field we use.
            "ENCODING" if !matches!(val.to_ascii_uppercase().as_str(), "8BIT" | "7BIT") => {
                return Ok(None);
            }
            "CHARSET" => charset = Some(val.to_string()),
            "TYPE" | "" => types.extend(
                val.split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
                    .map(str::to_ascii_uppercase),
            ),
            _ => {} // PREF, VALUE, LANGUAGE, PID, X-…: nothing we need
        }
    }
    let value = if quoted_printable {
        // Robust: a stray `=` that starts no escape is kept as it is, as phones write it.
        let bytes = quoted_printable::decode(value, quoted_printable::ParseMode::Robust)
            .unwrap_or_else(|_| value.as_bytes().to_vec());
        let text = match charset.as_deref() {
            None => decode::utf8_or_1252(&bytes),
            Some(label) => decode::in_charset(label, &bytes).ok_or_else(|| {
                format!(
                    "{name} uses charset '{}', which is not one we know — save the file as UTF-8",
                    short(label)
                )
            })?,
        };
        Cow::Owned(text.replace("\r\n", "\n").replace('\n', "\\n"))
    } else {
        Cow::Borrowed(value)
    };
    check_size(&name, &value)?;
    // vcard4 tells a URI from text by how the value starts: ` tel:+31…` is a URI too.
    let value = if name == "TEL" {
        check_phone(value.trim())?;
        value.trim()
    } else {
        &value
    };
    let mut out = String::with_capacity(line.len());
    if let Some(g) =
        group.filter(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    {
        out.push_str(g);
        out.push('.');
    }
    out.push_str(&name);
    if !types.is_empty() && name != "N" && !name.starts_with("X-") {
        out.push_str(";TYPE=");
        out.push_str(&types.join(","));
    }
    out.push(':');
    hide(&mut out, value);
    Ok(Some(out))
}

/// The field a used property fills.
fn field_of(name: &str) -> Field {
    match name {
        "FN" | "N" => Field::Name,
        "ORG" => Field::Company,
        "EMAIL" => Field::Email,
        "TEL" => Field::Phone,
        "NOTE" => Field::Notes,
        "CATEGORIES" => Field::Tags,
        CADENCE => Field::Cadence,
        LAST_CONTACT => Field::LastContact,
        "TITLE" | "ROLE" => Field::Role,
        ACCOUNT => Field::Name,
        PERSON_NOTE => Field::PersonNotes,
        LEFT_ON => Field::LeftOn,
        LEFT_TO => Field::LeftTo,
        _ => Field::Ignore,
    }
}

/// A value longer than its field may hold is refused here, before vcard4 copies it a few
/// times over; `Draft::finish` checks the field exactly. An escape counts as the one
/// character it stands for and N and ORG count by their parts, so nothing `finish` would
/// accept is refused here (bar an ORG unit past the company limit after the company).
fn check_size(name: &str, value: &str) -> Result<(), String> {
    let field = field_of(name);
    let Some((_, max)) = limit(field) else {
        return Ok(());
    };
    if value.chars().nth(max).is_none() {
        return Ok(());
    }
    let parts: Vec<&str> = if matches!(name, "N" | "ORG") {
        value.split(';').collect()
    } else {
        vec![value]
    };
    // The message gives the size as written, escapes and all.
    match parts.into_iter().find(|p| unescaped_longer(p.trim(), max)) {
        Some(part) => Err(oversize(field, part).unwrap_or_default()),
        None => Ok(()),
    }
}

/// Whether `s` stands for more than `max` characters, counting stopped there.
fn unescaped_longer(s: &str, max: usize) -> bool {
    let mut chars = s.chars();
    let mut n = 0;
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
        }
        n += 1;
        if n > max {
            return true;
        }
    }
    false
}

/// A TEL value vcard4 can take. It reads a value holding a `:` as a URI, and its URI
/// parser panics when what comes before the `:` cannot be a scheme (`9:30`,
/// `1-800-FLOWERS:`); such a value is not a phone number either, so the card is refused.
fn check_phone(value: &str) -> Result<(), String> {
    let Some((scheme, _)) = value.split_once(':') else {
        return Ok(());
    };
    let mut chars = scheme.chars();
    let is_scheme = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if is_scheme {
        Ok(())
    } else {
        Err(format!(
            "phone '{}' is not a phone number — a phone holds no ':' unless it is a URI like tel:+31-20-555-0100",
            short(value)
        ))
    }
}

/// Appends `value` with what vcard4 would mangle hidden: control characters, which it
/// refuses, and escaped semicolons, which it unescapes before splitting ORG and N.
fn hide(out: &mut String, value: &str) {
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(';') => out.push(SEMICOLON),
                Some(next) => {
                    out.push('\\');
                    out.push(hide_control(next));
                }
                None => out.push('\\'),
            },
            c => out.push(hide_control(c)),
        }
    }
}

/// Control characters move into a private-use block while vcard4 reads the card.
const HIDDEN: u32 = 0xF780;
/// An escaped semicolon, in the same block.
const SEMICOLON: char = '\u{F7FE}';

fn hide_control(c: char) -> char {
    match c {
        '\t' => c,
        '\u{7F}' => char::from_u32(HIDDEN + 0x7F).unwrap_or(c),
        c if (c as u32) < 0x20 => char::from_u32(HIDDEN + c as u32).unwrap_or(c),
        c => c,
    }
}

pub(super) fn restore(s: &str) -> String {
    s.chars()
        .map(|c| match (c as u32).checked_sub(HIDDEN) {
            _ if c == SEMICOLON => ';',
            Some(n @ (0..0x20 | 0x7F)) => char::from_u32(n).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The byte offset of the first `needle` outside double quotes.
fn unquoted_find(s: &str, needle: u8) -> Option<usize> {
    let mut quoted = false;
    s.bytes().position(|b| {
        if b == b'"' {
            quoted = !quoted;
        }
        !quoted && b == needle
    })
}

fn unquoted_split(s: &str, sep: u8) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s;
    while let Some(i) = unquoted_find(rest, sep) {
        parts.push(&rest[..i]);
        rest = &rest[i + 1..];
    }
    parts.push(rest);
    parts
}

//! How large a value may be. No real export or typed line comes near these; they exist so
//! a hostile or broken file cannot fill the book with megabytes that are then printed back
//! whole. Every front end and importer checks against these numbers, and the README
//! documents them.

/// A customer's name, a company, a person's name: characters.
pub const NAME_CHARS: usize = 200;
/// A note (a contact's, a customer's, a moment's field, a trigger's): characters.
pub const NOTE_CHARS: usize = 20_000;
/// Any other single field (an e-mail address, a phone number, a tag, a cadence): characters.
pub const FIELD_CHARS: usize = 500;
/// Records in one imported file.
pub const IMPORT_RECORDS: usize = 1_000_000;
/// Columns in one imported CSV file (Outlook writes 92, Google about 90).
pub const IMPORT_COLUMNS: usize = 1_000;

/// The first limit `value` breaks, said so a person can act on it: `None` when it fits.
pub fn too_long(what: &str, value: &str, max_chars: usize) -> Option<String> {
    // Counting stops at the limit, so a 50 MB value costs no more than a short one.
    let over = value.chars().nth(max_chars).is_some();
    over.then(|| {
        format!(
            "the {what} is longer than {max_chars} characters ({} bytes) — shorten it",
            value.len()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        let name = "é".repeat(NAME_CHARS);
        assert_eq!(too_long("name", &name, NAME_CHARS), None);
        let longer = format!("{name}x");
        let msg = too_long("name", &longer, NAME_CHARS).expect("too long");
        assert!(msg.contains("longer than 200 characters"), "{msg}");
    }
}

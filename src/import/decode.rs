//! Turning a file's bytes into text the way spreadsheets and phones actually write it:
//! UTF-8 with or without a BOM, UTF-16 with a BOM ("Unicode text" from Excel), and
//! Windows-1252 (Excel's "CSV" on Windows, old Outlook vCards) when it is not UTF-8.

/// The text of `bytes`, without a byte order mark.
pub fn text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8_or_1252(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    utf8_or_1252(bytes)
}

/// Like [`text`], without copying a UTF-8 file: an import holds the file once, however
/// large the file is.
pub fn owned(mut bytes: Vec<u8>) -> String {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return text(&bytes);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).unwrap_or_else(|e| windows_1252(e.as_bytes()))
}

/// UTF-8 when it is valid, else Windows-1252: a file that is not UTF-8 is almost always
/// from Windows, and 1252 maps every byte to something readable.
pub fn utf8_or_1252(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => windows_1252(bytes),
    }
}

/// Windows-1252, a superset of the printable ISO-8859-1.
pub fn windows_1252(bytes: &[u8]) -> String {
    // 0x80..=0x9F, where 1252 differs from Latin-1; undefined bytes map to U+FFFD.
    const HIGH: [char; 32] = [
        '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž', '\u{FFFD}',
        '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{FFFD}', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bom_is_dropped() {
        assert_eq!(text(b"\xEF\xBB\xBFNaam;Bedrijf"), "Naam;Bedrijf");
    }

    #[test]
    fn windows_1252_is_the_fallback() {
        assert_eq!(text(b"Caf\xE9 \x80 5"), "Café € 5");
        assert_eq!(text("Café".as_bytes()), "Café");
    }

    #[test]
    fn owned_bytes_read_as_borrowed_ones() {
        for bytes in [
            &b"\xEF\xBB\xBFNaam"[..],
            b"Caf\xE9",
            "Café".as_bytes(),
            b"\xFF\xFEN\0",
            b"",
        ] {
            assert_eq!(owned(bytes.to_vec()), text(bytes), "{bytes:?}");
        }
    }

    #[test]
    fn utf16_with_a_bom_is_read() {
        let le: Vec<u8> = "\u{FEFF}Naam".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(text(&le), "Naam");
    }
}

//! Turning a file's bytes into text the way spreadsheets and phones actually write it:
//! UTF-8 with or without a BOM, UTF-16 with a BOM ("Unicode text" from Excel), and
//! Windows-1252 (Excel's "CSV" on Windows, old Outlook vCards) when it is not UTF-8.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// The text of `bytes`, without a byte order mark.
pub fn text(bytes: &[u8]) -> String {
    match Encoding::for_bom(bytes) {
        Some((encoding, bom)) if encoding != UTF_8 => in_encoding(encoding, &bytes[bom..]),
        Some((_, bom)) => utf8_or_1252(&bytes[bom..]),
        None => utf8_or_1252(bytes),
    }
}

/// Like [`text`], without copying a UTF-8 file: an import holds the file once, however
/// large the file is.
pub fn owned(mut bytes: Vec<u8>) -> String {
    match Encoding::for_bom(&bytes) {
        Some((encoding, _)) if encoding != UTF_8 => text(&bytes),
        Some((_, bom)) => {
            bytes.drain(..bom);
            String::from_utf8(bytes).unwrap_or_else(|e| windows_1252(e.as_bytes()))
        }
        None => String::from_utf8(bytes).unwrap_or_else(|e| windows_1252(e.as_bytes())),
    }
}

/// UTF-8 when it is valid, else Windows-1252: a file that is not UTF-8 is almost always
/// from Windows, and 1252 maps every byte to something readable.
pub fn utf8_or_1252(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => windows_1252(bytes),
    }
}

/// Windows-1252, a superset of the printable ISO-8859-1 (which is how browsers read
/// "ISO-8859-1" too).
pub fn windows_1252(bytes: &[u8]) -> String {
    in_encoding(WINDOWS_1252, bytes)
}

/// The text of `bytes` in the character set `label` names ("ISO-8859-1", "KOI8-R",
/// "Shift_JIS", as the WHATWG Encoding Standard knows them), or None for a name it does
/// not know. UTF-8 that is not falls back to Windows-1252, as a whole file does.
pub fn in_charset(label: &str, bytes: &[u8]) -> Option<String> {
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    Some(if encoding == UTF_8 {
        utf8_or_1252(bytes)
    } else {
        in_encoding(encoding, bytes)
    })
}

/// Bytes that cannot be read in `encoding` become U+FFFD.
fn in_encoding(encoding: &'static Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
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
    fn a_charset_is_read_by_any_of_its_names() {
        assert_eq!(in_charset("ISO-8859-1", b"M\xFCller").as_deref(), Some("Müller"));
        assert_eq!(in_charset("koi8-r", b"\xF0\xC5\xD4\xD2").as_deref(), Some("Петр"));
        assert_eq!(
            in_charset("UTF-8", b"Caf\xE9").as_deref(),
            Some("Café"),
            "not UTF-8 after all"
        );
        assert_eq!(in_charset("x-klingon", b"Qapla'"), None);
    }

    #[test]
    fn utf16_with_a_bom_is_read() {
        let le: Vec<u8> = "\u{FEFF}Naam".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(text(&le), "Naam");
    }
}

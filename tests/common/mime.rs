//! A received e-mail read back as a mail program reads it: a header's value (unfolded,
//! with RFC 2047 encoded words decoded), and the parts of a multipart message with their
//! bodies decoded from quoted-printable or base64. Knows MIME, not where the message came
//! from.

/// The value of the header `name` in `data`'s head (unfolded), as written on the wire.
pub fn header(data: &str, name: &str) -> Option<String> {
    let head = data.split("\r\n\r\n").next()?;
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    unfolded.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim().to_string())
    })
}

/// [`header`] with its encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`) decoded, as a
/// mail program shows it.
pub fn header_text(data: &str, name: &str) -> Option<String> {
    let value = header(data, name)?;
    let mut out = String::new();
    let mut rest = value.as_str();
    let mut after_word = false;
    while let Some(start) = rest.find("=?") {
        let between = &rest[..start];
        // White space between two encoded words is not part of the text (RFC 2047 §6.2).
        if !(after_word && between.trim().is_empty()) {
            out.push_str(between);
        }
        let word = &rest[start + 2..];
        let mut fields = word.splitn(3, '?');
        let (Some(charset), Some(encoding), Some(tail)) = (fields.next(), fields.next(), fields.next())
        else {
            break;
        };
        let end = tail.find("?=").expect("an encoded word ends with ?=");
        assert!(charset.eq_ignore_ascii_case("utf-8"), "charset {charset}");
        let bytes = match encoding {
            "b" | "B" => base64(&tail[..end]),
            "q" | "Q" => {
                quoted_printable::decode(tail[..end].replace('_', " "), quoted_printable::ParseMode::Robust)
                    .expect("Q encoding")
            }
            other => panic!("encoding {other}"),
        };
        out.push_str(&String::from_utf8(bytes).expect("UTF-8"));
        rest = &tail[end + 2..];
        after_word = true;
    }
    out.push_str(rest);
    Some(out)
}

/// The parts of a multipart message: each part's head and its decoded body, line ends
/// as `\n`.
pub fn parts(data: &str) -> Vec<(String, String)> {
    let content_type = header(data, "Content-Type").expect("a Content-Type");
    let boundary = content_type
        .split("boundary=")
        .nth(1)
        .expect("a boundary")
        .trim_matches('"')
        .to_string();
    data.split(&format!("--{boundary}"))
        .skip(1)
        .filter(|part| !part.starts_with("--"))
        .map(|part| {
            let part = part.trim_start_matches("\r\n");
            let (head, body) = part.split_once("\r\n\r\n").expect("a part's head and body");
            let head = format!("{head}\r\n\r\n");
            let bytes = match header(&head, "Content-Transfer-Encoding").as_deref() {
                Some("quoted-printable") => {
                    quoted_printable::decode(body.trim_end(), quoted_printable::ParseMode::Robust)
                        .expect("quoted-printable")
                }
                Some("base64") => base64(&body.replace("\r\n", "")),
                Some("7bit" | "8bit") | None => body.trim_end().as_bytes().to_vec(),
                Some(other) => panic!("a part in {other}, which this test does not decode"),
            };
            let body = String::from_utf8(bytes).expect("UTF-8").replace("\r\n", "\n");
            (head, body)
        })
        .collect()
}

/// Base64 (RFC 4648, with padding) decoded.
fn base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0_u32, 0);
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=') {
        let value = ALPHABET
            .iter()
            .position(|&a| a == c)
            .unwrap_or_else(|| panic!("{:?} is not base64", char::from(c)));
        acc = (acc << 6) | u32::try_from(value).expect("below 64");
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((acc >> bits) & 0xff).expect("a byte"));
        }
    }
    out
}

//! The one-line contact log: `[kind [person] [when]:] note [>> follow-up text] [@when]
//! [=satisfaction] [#tag ...] [!done | !ID ...]`, read into plain parts. The `when` before the colon is the
//! contact's own time (looking back: `visit yesterday:`, `call mon 14:30:`); `@when` is the
//! follow-up's date (looking ahead). The `person` before it names whom the contact was with
//! (`call anna yesterday:`, `visit jan de boer:`): the words between the kind and the time,
//! the time being the shortest run of last words that reads as one. Which person they name
//! is the use case's to find among the account's people; this module only hands the words
//! on ([`read_on`]). Knows neither the store nor the screen; an error carries the byte span
//! of the offending part so the TUI can underline it.

use std::ops::Range;

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::customer::Tags;
use crate::domain::kind::{Kind, UnknownKind};
use crate::domain::limits::{NOTE_CHARS, too_long};
use crate::domain::when::{BadWhen, Facing, parse_moment, parse_when, parse_workday};
use crate::domain::workdays::Workdays;

/// Words a contact's time, and the person before it, may take together between the kind
/// and the colon (`3 days ago 14:30`, `anna de boer yesterday`). Five or more words before
/// a colon are the note, as they always were.
const MOST_WHEN_WORDS: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct QuickLog {
    pub kind: Kind,
    /// When the contact happened on the user's wall clock, as the line says; `None` when it
    /// says nothing, and the contact happened now. Never after the `now` it was read at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<NaiveDateTime>,
    pub note: String,
    pub follow_up: Option<FollowUpPlan>,
    pub satisfaction: Option<u8>,
    pub tags: Tags,
    /// The customer's open follow-ups the contact settles (`!done`, `!114`).
    #[serde(default, skip_serializing_if = "Closes::is_nothing")]
    pub closes: Closes,
    /// The words naming whom the contact was with (`call anna yesterday:`), as typed;
    /// `None` when the line names no one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with: Option<Named>,
    /// The person the contact was with, found by the use case from `with`; `None` is the
    /// customer's main contact. The parser never sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_id: Option<i64>,
}

/// The words before the contact's time that name a person, and where they stand in the
/// line (a byte range on char boundaries), so a name that fits no one can be marked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Named {
    pub words: String,
    pub span: Range<usize>,
}

/// Which of the customer's open follow-ups a logged line marks done, so that "sent the
/// proposal !114" does not leave "send proposal" overdue: `!done` every one open before
/// the line (not the one it plans), `!114` follow-up 114. A `!` before a digit or `done`
/// starts no word of prose, so neither can be meant as text; any other `!word` is text.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Closes {
    #[default]
    Nothing,
    Every,
    /// These ids, each once, in the order written.
    These(Vec<i64>),
}

impl Closes {
    pub fn is_nothing(&self) -> bool {
        *self == Closes::Nothing
    }
}

/// A follow-up to create along with the logged contact.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FollowUpPlan {
    pub text: String,
    pub due: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct QuickLogError {
    pub message: String,
    /// Byte range in the parsed line, always on char boundaries.
    pub span: Range<usize>,
}

impl QuickLogError {
    fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        QuickLogError {
            message: message.into(),
            span,
        }
    }
}

/// Reads one quick-log line. Without a `kind:` prefix the contact is a call, the commonest
/// thing a salesperson logs, and it happened now. `now` (the user's local date and time)
/// decides what `@fri` and `call mon:` mean, and what is in the past or the future. Every
/// day counts as a workday here; the user's line is read by [`parse_on`].
pub fn parse(line: &str, now: NaiveDateTime) -> Result<QuickLog, QuickLogError> {
    parse_on(line, now, Workdays::ALL)
}

/// [`parse`] on the user's calendar: a follow-up's day worked out from today (`@+3d`, none
/// given: tomorrow) moves on to the next of `workdays`; a day named (`@fri`) is kept.
/// Knowing no people, it reads the words between a kind and its colon as the contact's
/// time only: `call anna yesterday:` is refused as no time, as every line that names
/// someone. Logging reads the line with [`read_on`].
pub fn parse_on(line: &str, now: NaiveDateTime, workdays: Workdays) -> Result<QuickLog, QuickLogError> {
    read(line, now, workdays, false)
}

/// [`parse_on`] for an account with people: words between the kind and the contact's time
/// (or the colon) that are no time come back in `with`, for the use case to find among
/// the account's people (and to refuse, listing them, when they name no one). Every line
/// [`parse_on`] reads, it reads the same.
pub fn read_on(line: &str, now: NaiveDateTime, workdays: Workdays) -> Result<QuickLog, QuickLogError> {
    read(line, now, workdays, true)
}

/// The line; with `people`, words before the contact's time that are no time name a person.
fn read(line: &str, now: NaiveDateTime, workdays: Workdays, people: bool) -> Result<QuickLog, QuickLogError> {
    // The whole line within a note's limit bounds the note, the follow-up and every word
    // an error may quote, for the CLI and the TUI alike.
    if let Some(message) = too_long("line", line, NOTE_CHARS) {
        return Err(QuickLogError::new(message, 0..line.len()));
    }
    let today = now.date();
    let tokens = tokens(line);
    if tokens.is_empty() {
        return Err(nothing_to_log(line));
    }
    let (kind, at, with, kind_token, rest) = match prefix(&tokens, now, people)? {
        Some(Prefix {
            kind,
            at,
            with,
            words,
        }) => (kind, at, with, Some(tokens[0]), &tokens[words..]),
        None => (Kind::Call, None, None, None, tokens.as_slice()),
    };

    let mut note = Vec::new();
    let mut follow_up = Vec::new();
    let mut arrow: Option<Token> = None;
    let mut when: Option<NaiveDate> = None;
    let mut satisfaction: Option<u8> = None;
    let mut tags = Tags::default();
    let mut closes = Closes::Nothing;
    let mut i = 0;
    while let Some(&token) = rest.get(i) {
        i += 1;
        let text = token.text;
        if text == ">>" {
            if arrow.is_some() {
                return Err(QuickLogError::new("only one '>>' per line", token.span()));
            }
            arrow = Some(token);
        } else if text.starts_with('@') {
            if when.is_some() {
                return Err(QuickLogError::new("only one '@when' per line", token.span()));
            }
            let (date, used) = read_when(token, &rest[i..], today, workdays)?;
            when = Some(date);
            i += used - 1;
        } else if let Some(digits) = text.strip_prefix('=') {
            if satisfaction.is_some() {
                return Err(QuickLogError::new(
                    "only one '=satisfaction' per line",
                    token.span(),
                ));
            }
            satisfaction = Some(read_satisfaction(digits).ok_or_else(|| {
                QuickLogError::new(
                    format!("satisfaction '{text}' must be between =1 and =5"),
                    token.span(),
                )
            })?);
        } else if let Some(marker) = close_marker(token) {
            closes = add_close(closes, marker?, token)?;
        } else if is_tag(text) {
            let tag = Tags::new([text]).map_err(|e| QuickLogError::new(e.to_string(), token.span()))?;
            tags = tags.union(&tag);
        } else if arrow.is_some() {
            follow_up.push(text);
        } else {
            note.push(text);
        }
    }

    let note = note.join(" ");
    let follow_up = plan(arrow, &follow_up, when, &note, today, workdays)?;
    if note.is_empty() && follow_up.is_none() && satisfaction.is_none() && closes.is_nothing() {
        return Err(match kind_token {
            Some(token) => {
                QuickLogError::new(format!("'{}' needs a note after it", token.text), token.span())
            }
            None => nothing_to_log(line),
        });
    }
    Ok(QuickLog {
        kind,
        at,
        note,
        follow_up,
        satisfaction,
        tags,
        closes,
        with,
        person_id: None,
    })
}

/// The follow-up the line plans: its `>>` text (due on `when`, else the next workday), or
/// "follow up: NOTE" on a `when` without `>>`; `None` with neither.
fn plan(
    arrow: Option<Token>,
    text: &[&str],
    when: Option<NaiveDate>,
    note: &str,
    today: NaiveDate,
    workdays: Workdays,
) -> Result<Option<FollowUpPlan>, QuickLogError> {
    Ok(match (arrow, when) {
        (Some(arrow), _) if text.is_empty() => {
            return Err(QuickLogError::new(
                "'>>' needs the follow-up text after it, e.g. '>> send proposal @fri'",
                arrow.span(),
            ));
        }
        (Some(_), due) => Some(FollowUpPlan {
            text: text.join(" "),
            // Only the last day of the calendar has no tomorrow; keep it rather than fail.
            due: due.unwrap_or_else(|| workdays.on_or_after(today.succ_opt().unwrap_or(today))),
        }),
        (None, Some(due)) => Some(FollowUpPlan {
            text: if note.is_empty() {
                "follow up".to_string()
            } else {
                format!("follow up: {note}")
            },
            due,
        }),
        (None, None) => None,
    })
}

/// What a `!` marker says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Every,
    Id(i64),
}

/// `!done` or `!114` (a marker, or a bad one); `None` for any other word.
fn close_marker(token: Token) -> Option<Result<Marker, QuickLogError>> {
    let rest = token.text.strip_prefix('!')?;
    if rest.eq_ignore_ascii_case("done") {
        return Some(Ok(Marker::Every));
    }
    // `!f114`: the follow-up's item code, as `touchbase remind` prints it.
    let rest = rest.strip_prefix(['f', 'F']).unwrap_or(rest);
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(rest.parse().map(Marker::Id).map_err(|_| {
        QuickLogError::new(
            format!(
                "'{}' is no follow-up id — use one `touchbase show` lists",
                token.text
            ),
            token.span(),
        )
    }))
}

fn add_close(closes: Closes, marker: Marker, token: Token) -> Result<Closes, QuickLogError> {
    let refuse = |message: String| Err(QuickLogError::new(message, token.span()));
    match (closes, marker) {
        (Closes::Nothing, Marker::Every) => Ok(Closes::Every),
        (Closes::Nothing, Marker::Id(id)) => Ok(Closes::These(vec![id])),
        (Closes::These(mut ids), Marker::Id(id)) => {
            if !ids.contains(&id) {
                ids.push(id);
            }
            Ok(Closes::These(ids))
        }
        (Closes::Every, Marker::Every) => refuse("only one '!done' per line".to_string()),
        (Closes::Every, Marker::Id(_)) => refuse(format!(
            "'!done' already closes every open follow-up — drop '{}', or '!done' to close only the ids",
            token.text
        )),
        (Closes::These(_), Marker::Every) => {
            refuse("'!done' closes every open follow-up — drop it, or the ids before it".to_string())
        }
    }
}

/// Where `line` says `!done` (`id` None) or `!id`: what to mark when the book refuses to
/// close it.
pub fn close_span(line: &str, id: Option<i64>) -> Option<Range<usize>> {
    let wanted = id.map_or(Marker::Every, Marker::Id);
    tokens(line)
        .into_iter()
        .find(|t| close_marker(*t).is_some_and(|m| m == Ok(wanted)))
        .map(Token::span)
}

/// A whitespace-separated piece of the line and the byte offset where it starts.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    start: usize,
}

impl Token<'_> {
    fn span(self) -> Range<usize> {
        self.start..self.start + self.text.len()
    }
}

/// Splits on whitespace; a leading `>>` becomes a token of its own, so `>>send` works.
fn tokens(line: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut word_start = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), word_start) {
            (true, Some(start)) => {
                push_word(&mut out, &line[start..i], start);
                word_start = None;
            }
            (false, None) => word_start = Some(i),
            _ => {}
        }
    }
    if let Some(start) = word_start {
        push_word(&mut out, &line[start..], start);
    }
    out
}

fn push_word<'a>(out: &mut Vec<Token<'a>>, mut text: &'a str, mut start: usize) {
    while let Some(rest) = text.strip_prefix(">>") {
        out.push(Token { text: ">>", start });
        text = rest;
        start += 2;
    }
    if !text.is_empty() {
        out.push(Token { text, start });
    }
}

/// What the words before the line's colon said.
struct Prefix {
    kind: Kind,
    at: Option<NaiveDateTime>,
    /// The words before the time that read as no time, when a person may be named.
    with: Option<Named>,
    /// How many tokens it took.
    words: usize,
}

/// `call:`, or a kind and the contact's time then a colon (`visit yesterday:`, `call mon
/// 14:30:`). The words between a kind and a colon are always its time, so a line never
/// silently lands on the wrong day: `call 3 times: no answer` is refused, and says to
/// write `call: 3 times: no answer`. Where they are no time, the first of them may name a
/// person and the rest be the time (`call anna yesterday:`), or all of them a person
/// (`call anna:`), when `people` may be named: the shortest name before a time wins.
/// Without a kind first, a time before a colon is a
/// mistyped kind (`vist yesterday:`); other words before a colon are the note.
fn prefix(tokens: &[Token], now: NaiveDateTime, people: bool) -> Result<Option<Prefix>, QuickLogError> {
    let first = tokens[0];
    if let Some(kind) = kind_prefix(first) {
        let kind = kind.map_err(|unknown| {
            // `yesterday:` is a time without its kind.
            let word = &first.text[..first.text.len() - 1];
            match parse_moment(&[word], now, Facing::Back) {
                Ok(_) => QuickLogError::new(
                    format!("'{word}' is no kind — the contact's time goes after its kind: 'call {word}: …'"),
                    unknown.span,
                ),
                Err(_) => unknown,
            }
        })?;
        return Ok(Some(Prefix {
            kind,
            at: None,
            with: None,
            words: 1,
        }));
    }
    let Some(colon) = tokens
        .iter()
        .enumerate()
        .skip(1)
        .take(MOST_WHEN_WORDS)
        .take_while(|(_, t)| !is_special(t.text))
        .find_map(|(i, t)| t.text.ends_with(':').then_some(i))
    else {
        return Ok(None);
    };
    // The time's words, the colon taken off the last; a colon standing alone is no word.
    let mut when: Vec<Token> = tokens[1..=colon].to_vec();
    if let Some(last) = when.last_mut() {
        last.text = &last.text[..last.text.len() - 1];
    }
    when.retain(|t| !t.text.is_empty());
    let Some(span) = when.first().zip(when.last()).map(|(a, b)| a.start..b.span().end) else {
        return Ok(None);
    };
    let texts: Vec<&str> = when.iter().map(|t| t.text).collect();
    let kind = kind_word(first);
    let at = parse_moment(&texts, now, Facing::Back);
    match (kind, at) {
        (Some(Ok(kind)), Ok(at)) => {
            let typed = &texts.join(" ");
            if at > now {
                return Err(QuickLogError::new(in_the_future(typed, now.date()), span));
            }
            Ok(Some(Prefix {
                kind,
                at: Some(at),
                with: None,
                words: colon + 1,
            }))
        }
        (Some(Ok(kind)), Err(bad)) => {
            let bad_words = &when[bad.0];
            let bad_span = bad_words
                .first()
                .zip(bad_words.last())
                .map_or(span.clone(), |(a, b)| a.start..b.span().end);
            let bad_words: Vec<&str> = bad_words.iter().map(|t| t.text).collect();
            let refused = QuickLogError::new(
                format!(
                    "{}, or write '{kind}: {}: …' to keep the words in the note",
                    not_a_time(&bad_words.join(" ")),
                    texts.join(" ")
                ),
                bad_span,
            );
            if !people {
                return Err(refused);
            }
            // The person first, the time after: the shortest name before words that read
            // as a time, else every word a name.
            let (name_words, at) = (1..texts.len())
                .find_map(|k| {
                    parse_moment(&texts[k..], now, Facing::Back)
                        .ok()
                        .map(|at| (k, Some(at)))
                })
                .unwrap_or((texts.len(), None));
            if at.is_some_and(|at| at > now) {
                let typed = texts[name_words..].join(" ");
                let span = when[name_words].start..span.end;
                return Err(QuickLogError::new(in_the_future(&typed, now.date()), span));
            }
            let named = Named {
                words: texts[..name_words].join(" "),
                span: when[0].start..when[name_words - 1].span().end,
            };
            Ok(Some(Prefix {
                kind,
                at,
                with: Some(named),
                words: colon + 1,
            }))
        }
        (Some(Err(unknown)), Ok(_)) => Err(unknown),
        _ => Ok(None),
    }
}

/// "'someday' is not a time", in the words every reader of a contact's time refuses with
/// (the line's `call someday:`, an edit's `--at someday`).
pub fn not_a_time(typed: &str) -> String {
    format!("'{typed}' is not a time — say when it happened (yesterday, mon, 3 days ago, 2026-11-30, 14:30)")
}

/// "the contact's time 'tomorrow' is in the future", in the words every reader of a
/// contact's time refuses with.
pub fn contact_ahead(typed: &str) -> String {
    format!("the contact's time '{typed}' is in the future — a contact is logged when it happened")
}

/// [`contact_ahead`], and how to say what was probably meant when it reads as a
/// follow-up's day.
fn in_the_future(typed: &str, today: NaiveDate) -> String {
    let message = contact_ahead(typed);
    if parse_when(typed, today).is_ok_and(|day| day >= today) {
        format!("{message}; use @{typed} to set a follow-up")
    } else {
        message
    }
}

/// `call:` as the first token: ASCII letters, a colon, then whitespace. Anything else
/// (`https://x`, `10:30`) is part of the note.
fn kind_prefix(token: Token) -> Option<Result<Kind, QuickLogError>> {
    let word = token.text.strip_suffix(':')?;
    kind_word(Token { text: word, ..token })
}

/// A word of ASCII letters read as a kind: the kind, or an error marking the word. `None`
/// for any other word.
fn kind_word(token: Token) -> Option<Result<Kind, QuickLogError>> {
    let word = token.text;
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    Some(
        word.parse()
            .map_err(|e: UnknownKind| QuickLogError::new(e.to_string(), token.span())),
    )
}

/// Reads the `@when` in `first`; `@next …` and `@in …` may run over the `following` one
/// or two words, the longest reading that parses wins. Returns how many words it took.
fn read_when(
    first: Token,
    following: &[Token],
    today: NaiveDate,
    workdays: Workdays,
) -> Result<(NaiveDate, usize), QuickLogError> {
    let most = match first.text[1..].to_ascii_lowercase().as_str() {
        "in" => 2,
        "next" => 1,
        _ => 0,
    };
    let available = following
        .iter()
        .take(most)
        .take_while(|t| !is_special(t.text))
        .count();
    let words = |extra: usize| {
        let used = &following[..extra];
        let text: Vec<&str> = std::iter::once(first.text)
            .chain(used.iter().map(|t| t.text))
            .collect();
        let end = used.last().map_or(first, |t| *t).span().end;
        (text.join(" "), first.start..end)
    };
    for extra in (0..=available).rev() {
        let (text, span) = words(extra);
        if let Ok(date) = parse_workday(&text, today, workdays) {
            if date < today {
                return Err(QuickLogError::new(
                    format!(
                        "'{text}' is in the past — a follow-up needs a date from today on; for when the contact happened, put it before the colon: 'visit yesterday: …'"
                    ),
                    span,
                ));
            }
            return Ok((date, 1 + extra));
        }
    }
    let (text, span) = words(available);
    Err(QuickLogError::new(BadWhen(text).to_string(), span))
}

fn read_satisfaction(digits: &str) -> Option<u8> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| (1..=5).contains(n))
}

/// `#vip` is a tag; `#1` or a lone `#` is ordinary text.
fn is_tag(text: &str) -> bool {
    text.strip_prefix('#')
        .and_then(|t| t.chars().next())
        .is_some_and(char::is_alphabetic)
}

fn is_special(text: &str) -> bool {
    text.starts_with(['@', '=']) || text.starts_with(">>") || is_tag(text) || is_marker(text)
}

fn is_marker(text: &str) -> bool {
    close_marker(Token { text, start: 0 }).is_some()
}

fn nothing_to_log(line: &str) -> QuickLogError {
    QuickLogError::new(
        "nothing to log — type a note, e.g. 'call: discussed renewal >> send proposal @fri'",
        0..line.len(),
    )
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use proptest::prelude::*;

    use super::*;

    /// A Monday.
    fn today() -> NaiveDate {
        date(2026, 11, 23)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Monday 23 November 2026, 10:00 on the user's wall clock.
    fn now() -> NaiveDateTime {
        today().and_hms_opt(10, 0, 0).unwrap()
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        date(y, m, d).and_hms_opt(h, min, 0).unwrap()
    }

    fn log(line: &str) -> QuickLog {
        parse(line, now()).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    /// The message and the part of the line it underlines.
    fn error(line: &str) -> (String, &str) {
        let err = parse(line, now()).expect_err(line);
        (err.message, &line[err.span])
    }

    fn plan(text: &str, due: NaiveDate) -> FollowUpPlan {
        FollowUpPlan {
            text: text.to_string(),
            due,
        }
    }

    #[test]
    fn a_call_with_a_follow_up_on_friday() {
        let log = log("call: discussed renewal >> send proposal @fri");
        assert_eq!(log.kind, Kind::Call);
        assert_eq!(log.note, "discussed renewal");
        assert_eq!(log.follow_up, Some(plan("send proposal", date(2026, 11, 27))));
        assert_eq!(log.satisfaction, None);
        assert!(log.tags.is_empty());
    }

    #[test]
    fn an_email_with_a_when_but_no_arrow_follows_up_on_the_note() {
        let log = log("email: sent price list @+3d");
        assert_eq!(log.kind, Kind::Email);
        assert_eq!(log.note, "sent price list");
        assert_eq!(
            log.follow_up,
            Some(plan("follow up: sent price list", date(2026, 11, 26)))
        );
    }

    #[test]
    fn a_happy_visit() {
        let log = log("visit: site tour, very happy =5");
        assert_eq!(log.kind, Kind::Visit);
        assert_eq!(log.note, "site tour, very happy");
        assert_eq!(log.satisfaction, Some(5));
        assert_eq!(log.follow_up, None);
    }

    #[test]
    fn a_gift_and_a_complaint() {
        let gift = log("gift: christmas hamper");
        assert_eq!((gift.kind, gift.note.as_str()), (Kind::Gift, "christmas hamper"));
        let complaint = log("complaint: late delivery");
        assert_eq!(
            (complaint.kind, complaint.note.as_str()),
            (Kind::Complaint, "late delivery")
        );
    }

    #[test]
    fn without_a_kind_it_is_a_call() {
        let log = log("  talked about   the renewal ");
        assert_eq!(log.kind, Kind::Call);
        assert_eq!(log.note, "talked about the renewal");
    }

    #[test]
    fn the_kind_is_case_insensitive_and_needs_a_space_after_the_colon() {
        assert_eq!(log("EMAIL: quote").kind, Kind::Email);
        assert_eq!(log("Meeting:\tboard").kind, Kind::Meeting);
        let url = log("https://acme.nl/pricing shared");
        assert_eq!(
            (url.kind, url.note.as_str()),
            (Kind::Call, "https://acme.nl/pricing shared")
        );
        assert_eq!(log("call:back later").note, "call:back later");
        assert_eq!(log("10:30 meeting moved").note, "10:30 meeting moved");
    }

    #[test]
    fn an_unknown_kind_lists_the_kinds_and_marks_the_word() {
        let (message, marked) = error("re: pricing");
        assert_eq!(
            message,
            "unknown kind 're' — use one of: call, email, meeting, visit, message, note, gift, complaint"
        );
        assert_eq!(marked, "re");
        assert_eq!(error("  Bogus:").1, "Bogus");
    }

    #[test]
    fn without_a_time_the_contact_happened_now() {
        assert_eq!(log("call: hi").at, None);
        assert_eq!(log("hi").at, None);
        assert_eq!(log("note: 14:30 meeting moved").at, None);
        assert_eq!(log("note: 14:30 meeting moved").note, "14:30 meeting moved");
        assert_eq!(log("call: 3 times: no answer").note, "3 times: no answer");
    }

    #[test]
    fn the_contacts_own_time_goes_between_the_kind_and_the_colon() {
        let keeps_the_time = |d: NaiveDate| Some(d.and_time(now().time()));
        let visit = log("visit yesterday: site tour =5");
        assert_eq!(visit.kind, Kind::Visit);
        assert_eq!(visit.at, keeps_the_time(date(2026, 11, 22)));
        assert_eq!(visit.note, "site tour");
        assert_eq!(visit.satisfaction, Some(5));
        let cases = [
            ("call mon 14:30: discussed terms", at(2026, 11, 16, 14, 30)),
            ("email 2026-11-20: sent the quote", at(2026, 11, 20, 10, 0)),
            ("meeting 2026-11-20 09:15: board", at(2026, 11, 20, 9, 15)),
            ("call 9:30: early", at(2026, 11, 23, 9, 30)),
            ("call today 8:00: early", at(2026, 11, 23, 8, 0)),
            ("call today: now", at(2026, 11, 23, 10, 0)),
            ("call 10:00: this very minute", at(2026, 11, 23, 10, 0)),
            ("Visit FRI: tour", at(2026, 11, 20, 10, 0)),
            ("call last fri: x", at(2026, 11, 20, 10, 0)),
            ("call 3 days ago: x", at(2026, 11, 20, 10, 0)),
            ("call 3 days ago 16:45: x", at(2026, 11, 20, 16, 45)),
            ("call -3d: x", at(2026, 11, 20, 10, 0)),
            ("call 20-11-2026: x", at(2026, 11, 20, 10, 0)),
            ("gift 2025-12-24: hamper", at(2025, 12, 24, 10, 0)),
            ("call\u{3000}yesterday:\tx", at(2026, 11, 22, 10, 0)),
            ("call yesterday : x", at(2026, 11, 22, 10, 0)),
        ];
        for (line, expected) in cases {
            assert_eq!(log(line).at, Some(expected), "{line}");
        }
        assert_eq!(log("email 2026-11-20: sent the quote").note, "sent the quote");
    }

    #[test]
    fn a_backdated_line_plans_its_follow_up_from_today() {
        let log = log("visit fri: tour >> send the offer @fri #vip");
        assert_eq!(log.at, Some(at(2026, 11, 20, 10, 0)));
        assert_eq!(log.follow_up, Some(plan("send the offer", date(2026, 11, 27))));
        assert_eq!(log.tags.as_slice(), ["vip"]);
        let tomorrow = super::parse("call last mon: x >> y", now()).unwrap();
        assert_eq!(tomorrow.follow_up, Some(plan("y", date(2026, 11, 24))));
    }

    #[test]
    fn a_contact_in_the_future_is_refused_naming_its_time() {
        // A bare weekday looks back, so it never is: "fri" is the last Friday.
        assert!(parse("call fri: discuss terms", now()).is_ok());
        let (message, marked) = error("call tomorrow: x");
        assert_eq!(
            message,
            "the contact's time 'tomorrow' is in the future — a contact is logged when it happened; use @tomorrow to set a follow-up"
        );
        assert_eq!(marked, "tomorrow");
        let (message, marked) = error("call next fri: x");
        assert_eq!(
            message,
            "the contact's time 'next fri' is in the future — a contact is logged when it happened; use @next fri to set a follow-up"
        );
        assert_eq!(marked, "next fri");
        let (message, marked) = error("meeting 10:01: later today");
        assert_eq!(
            message,
            "the contact's time '10:01' is in the future — a contact is logged when it happened"
        );
        assert_eq!(marked, "10:01");
        assert_eq!(error("call today 23:59: x").1, "today 23:59");
        assert_eq!(error("call 2026-11-24 00:00: x").1, "2026-11-24 00:00");
        assert_eq!(error("call +3d: x").1, "+3d");
    }

    #[test]
    fn the_future_means_after_now_not_after_today() {
        // Late in the evening, the day's contacts are all in the past; a minute on is not.
        let evening = at(2026, 11, 23, 23, 58);
        assert_eq!(parse("call 23:58: x", evening).unwrap().at, Some(evening));
        assert!(parse("call 23:59: x", evening).is_err());
        // The parse reads a contact's "fri" from the wall clock's own day.
        let friday_night = at(2026, 11, 27, 23, 0);
        assert_eq!(
            parse("call fri: x", friday_night).unwrap().at,
            Some(at(2026, 11, 20, 23, 0)),
            "on a Friday, fri is a week ago"
        );
    }

    #[test]
    fn words_before_the_colon_that_are_no_time_are_refused_naming_them() {
        let (message, marked) = error("call 3 times: no answer");
        assert_eq!(
            message,
            "'3 times' is not a time — say when it happened (yesterday, mon, 3 days ago, 2026-11-30, 14:30), or write 'call: 3 times: …' to keep the words in the note"
        );
        assert_eq!(marked, "3 times");
        // Not even a foreign word for a day is silently taken for the note, nor the time.
        let (message, marked) = error("visit gestern: Werksführung");
        assert!(message.starts_with("'gestern' is not a time"), "{message}");
        assert!(message.contains("'visit: gestern: …'"), "{message}");
        assert_eq!(marked, "gestern");
        assert_eq!(error("note to self: check pricing").1, "to self");
        assert_eq!(error("call mon 25:00: x").1, "25:00", "the bad word, not the day");
        assert_eq!(error("call someday 14:30: x").1, "someday");
        assert_eq!(error("visit yesterdy: tour").1, "yesterdy");
        assert_eq!(error("visit ☕ café: tour").1, "☕ café");
    }

    #[test]
    fn a_time_after_a_word_that_is_no_kind_is_a_mistyped_kind() {
        let (message, marked) = error("vist yesterday: site tour");
        assert!(
            message.starts_with("unknown kind 'vist' — use one of: call,"),
            "{message}"
        );
        assert_eq!(marked, "vist");
        assert_eq!(error("Lunch mon 12:30: budget").1, "Lunch");
    }

    #[test]
    fn a_time_in_place_of_the_kind_says_where_the_time_goes() {
        assert_eq!(
            error("yesterday: site tour"),
            (
                "'yesterday' is no kind — the contact's time goes after its kind: 'call yesterday: …'"
                    .to_string(),
                "yesterday"
            )
        );
        assert_eq!(error("Mon: x").1, "Mon");
        assert!(error("re: x").0.starts_with("unknown kind 're'"));
    }

    #[test]
    fn other_words_before_a_colon_are_the_note_of_a_call() {
        for line in [
            "Discussed pricing with Jan: agreed",
            "10:30 14:30: both slots taken",
            "called back: no answer",
            "call with the whole team about it: fine",
            "café 14:30: bonjour",
            "call >> send it: now",
        ] {
            let log = log(line);
            assert_eq!((log.kind, log.at), (Kind::Call, None), "{line}");
        }
        assert_eq!(
            log("Discussed pricing with Jan: agreed").note,
            "Discussed pricing with Jan: agreed"
        );
        assert_eq!(log("call : x").note, "call : x");
    }

    #[test]
    fn an_arrow_without_a_when_is_due_tomorrow() {
        let log = log("call: asked for references >>send two references");
        assert_eq!(log.note, "asked for references");
        assert_eq!(
            log.follow_up,
            Some(plan("send two references", date(2026, 11, 24)))
        );
    }

    #[test]
    fn special_tokens_may_come_anywhere() {
        let log = log("meeting: =4 #VIP budget ok >> #Renewal send @next week contract #vip");
        assert_eq!(log.kind, Kind::Meeting);
        assert_eq!(log.note, "budget ok");
        assert_eq!(log.satisfaction, Some(4));
        assert_eq!(log.follow_up, Some(plan("send contract", date(2026, 11, 30))));
        assert_eq!(log.tags.as_slice(), ["renewal", "vip"]);
    }

    #[test]
    fn when_may_be_several_words_after_next_or_in() {
        assert_eq!(
            log("x @in 3 days").follow_up,
            Some(plan("follow up: x", date(2026, 11, 26)))
        );
        assert_eq!(
            log("x @in 2 weeks").follow_up,
            Some(plan("follow up: x", date(2026, 12, 7)))
        );
        assert_eq!(
            log("x @next fri").follow_up,
            Some(plan("follow up: x", date(2026, 11, 27)))
        );
        let longer = log("x @in 2w then lunch");
        assert_eq!(longer.note, "x then lunch");
        assert_eq!(
            longer.follow_up,
            Some(plan("follow up: x then lunch", date(2026, 12, 7)))
        );
        assert_eq!(log("x @today").follow_up, Some(plan("follow up: x", today())));
    }

    #[test]
    fn at_and_hash_inside_a_word_or_before_a_digit_are_text() {
        let log = log("email: wrote jan@acme.nl about ticket #1 and #");
        assert_eq!(log.note, "wrote jan@acme.nl about ticket #1 and #");
        assert!(log.tags.is_empty());
        assert_eq!(log.follow_up, None);
    }

    #[test]
    fn a_kind_with_only_a_satisfaction_or_follow_up_needs_no_note() {
        assert_eq!(log("visit: =3").satisfaction, Some(3));
        let log = log("call: >> send proposal @fri");
        assert_eq!(log.note, "");
        assert_eq!(log.follow_up, Some(plan("send proposal", date(2026, 11, 27))));
    }

    #[test]
    fn a_bad_satisfaction_is_marked() {
        for bad in ["=7", "=0", "=abc", "=", "=+5", "=99999999999999999999"] {
            let line = format!("call: fine {bad} #vip");
            let (message, marked) = error(&line);
            assert_eq!(message, format!("satisfaction '{bad}' must be between =1 and =5"));
            assert_eq!(marked, bad);
        }
    }

    #[test]
    fn a_bad_tag_is_named() {
        let (message, marked) = error("call: fine #vip;gold");
        assert_eq!(
            message,
            "tag '#vip;gold' may hold only letters, digits, '-', '_' and '/'"
        );
        assert_eq!(marked, "#vip;gold");
    }

    #[test]
    fn a_when_that_is_not_a_date_is_marked() {
        let (message, marked) = error("call: fine @ fri");
        assert_eq!(
            message,
            "'@' is not a date I understand — use today, tomorrow, a weekday (fri), +3d, +2w, +1m, next week or 2026-12-01"
        );
        assert_eq!(marked, "@");
        assert_eq!(error("call: fine @someday").1, "@someday");
        assert_eq!(error("call: fine @next weekend ok").1, "@next weekend");
        assert_eq!(error("call: fine @in three days ok").1, "@in three days");
        assert_eq!(error("call: fine @next >> send").1, "@next");
    }

    #[test]
    fn a_when_in_the_past_is_refused() {
        let (message, marked) = error("call: fine >> send @2020-01-01");
        assert_eq!(
            message,
            "'@2020-01-01' is in the past — a follow-up needs a date from today on; for when the contact happened, put it before the colon: 'visit yesterday: …'"
        );
        assert_eq!(error("call: fine @yesterday").1, "@yesterday");
        assert_eq!(marked, "@2020-01-01");
    }

    #[test]
    fn the_second_of_a_kind_is_marked() {
        assert_eq!(
            error("call: x @fri @mon"),
            ("only one '@when' per line".to_string(), "@mon")
        );
        assert_eq!(
            error("call: x =4 =5"),
            ("only one '=satisfaction' per line".to_string(), "=5")
        );
        let line = "call: x >> a >>b";
        let err = parse(line, now()).unwrap_err();
        assert_eq!(err.message, "only one '>>' per line");
        assert_eq!(err.span, 13..15);
    }

    #[test]
    fn an_arrow_needs_text_after_it() {
        for line in ["call: x >>", "call: x >> @fri =3", "call: x >>#vip"] {
            let (message, marked) = error(line);
            assert_eq!(
                message,
                "'>>' needs the follow-up text after it, e.g. '>> send proposal @fri'"
            );
            assert_eq!(marked, ">>");
        }
    }

    #[test]
    fn an_empty_line_has_nothing_to_log() {
        for line in ["", "   \t ", "#vip"] {
            let err = parse(line, now()).unwrap_err();
            assert!(err.message.starts_with("nothing to log — type a note"), "{line}");
            assert_eq!(err.span, 0..line.len());
        }
    }

    #[test]
    fn a_kind_alone_needs_a_note() {
        assert_eq!(
            error("  gift:  "),
            ("'gift:' needs a note after it".to_string(), "gift:")
        );
        assert_eq!(error("call: #vip").1, "call:");
    }

    #[test]
    fn a_line_longer_than_a_note_may_be_is_refused_whole() {
        let note = "é".repeat(NOTE_CHARS - 6);
        assert_eq!(log(&format!("call: {note}")).note, note);
        let line = format!("call: {note}x");
        let err = parse(&line, now()).unwrap_err();
        assert_eq!(
            err.message,
            "the line is longer than 20000 characters (39995 bytes) — shorten it"
        );
        assert_eq!(err.span, 0..line.len());
        let huge = "x".repeat(50_000_000);
        assert!(parse(&huge, now()).is_err(), "50 MB costs no more than the limit");
    }

    #[test]
    fn spans_count_bytes_not_characters() {
        assert_eq!(error("visit: café → crème =9").1, "=9");
        assert_eq!(error("visit: ☕\u{3000}@zondag").1, "@zondag");
    }

    #[test]
    fn done_closes_every_open_follow_up_and_an_id_that_one() {
        let every = log("email: sent the proposal !done");
        assert_eq!(every.note, "sent the proposal");
        assert_eq!(every.closes, Closes::Every);
        assert_eq!(log("call: ok !DONE >> call back @fri").closes, Closes::Every);
        let two = log("call: sent the quote !114 and the contract !7 !114 #vip");
        assert_eq!(two.note, "sent the quote and the contract");
        assert_eq!(two.closes, Closes::These(vec![114, 7]));
        assert_eq!(log("call: hi").closes, Closes::Nothing);
    }

    #[test]
    fn a_follow_ups_item_code_closes_it_too() {
        assert_eq!(log("call: sent it !f114 !F7").closes, Closes::These(vec![114, 7]));
        assert_eq!(log("call: sent it !f114 !114").closes, Closes::These(vec![114]));
        assert_eq!(log("call: !f !fun").closes, Closes::Nothing);
        let line = "call: sent !f114";
        assert_eq!(close_span(line, Some(114)).map(|s| &line[s]), Some("!f114"));
    }

    #[test]
    fn a_marker_alone_is_enough_to_log() {
        let log = log("email: !114");
        assert_eq!((log.kind, log.note.as_str()), (Kind::Email, ""));
        assert_eq!(log.closes, Closes::These(vec![114]));
    }

    #[test]
    fn an_exclamation_mark_in_prose_is_text() {
        for line in [
            "great news! they signed",
            "call: !!! urgent",
            "call: !important call back",
            "call: they said yes!",
            "call: done!",
            "call: ! 114",
            "call: !1a !done. !-3",
        ] {
            let log = log(line);
            assert_eq!(log.closes, Closes::Nothing, "{line}");
        }
    }

    #[test]
    fn a_marker_ends_a_when_of_several_words() {
        let log = log("x @in 2w !3");
        assert_eq!(log.closes, Closes::These(vec![3]));
        assert_eq!(log.follow_up, Some(plan("follow up: x", date(2026, 12, 7))));
    }

    #[test]
    fn every_and_ids_together_are_refused_marking_the_second() {
        let (message, marked) = error("call: sent !done !114");
        assert_eq!(
            message,
            "'!done' already closes every open follow-up — drop '!114', or '!done' to close only the ids"
        );
        assert_eq!(marked, "!114");
        assert_eq!(error("call: sent !114 !done").1, "!done");
        assert_eq!(
            error("call: sent !done !Done"),
            ("only one '!done' per line".to_string(), "!Done")
        );
        let (message, marked) = error("call: x !99999999999999999999");
        assert_eq!(
            message,
            "'!99999999999999999999' is no follow-up id — use one `touchbase show` lists"
        );
        assert_eq!(marked, "!99999999999999999999");
    }

    #[test]
    fn the_marker_the_book_refused_is_found_in_the_line() {
        let line = "café: sent it !7 and !114 !done";
        assert_eq!(close_span(line, Some(114)).map(|s| &line[s]), Some("!114"));
        assert_eq!(close_span(line, None).map(|s| &line[s]), Some("!done"));
        assert_eq!(close_span(line, Some(8)), None);
    }

    fn read(line: &str) -> QuickLog {
        read_on(line, now(), Workdays::ALL).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    /// The person words `read_on` hands on, and the part of the line they stand in.
    fn named(line: &str) -> Option<(String, &str)> {
        read(line).with.map(|n| (n.words, &line[n.span]))
    }

    #[test]
    fn a_person_goes_between_the_kind_and_the_time() {
        let call = read("call anna yesterday: discussed terms");
        assert_eq!(call.kind, Kind::Call);
        assert_eq!(call.at, Some(at(2026, 11, 22, 10, 0)));
        assert_eq!(call.note, "discussed terms");
        assert_eq!(
            named("call anna yesterday: discussed terms"),
            Some(("anna".into(), "anna"))
        );
        assert_eq!(
            named("visit Jan de Boer: tour"),
            Some(("Jan de Boer".into(), "Jan de Boer"))
        );
        assert_eq!(read("visit Jan de Boer: tour").at, None);
        assert_eq!(named("call  Zoë\tmon 14:30: x"), Some(("Zoë".into(), "Zoë")));
        assert_eq!(read("call zoë mon 14:30: x").at, Some(at(2026, 11, 16, 14, 30)));
        assert_eq!(
            named("call jan de 3 days ago: x"),
            None,
            "five words are the note"
        );
        let (who, marked) = named("email jan de boer:  sent it").unwrap();
        assert_eq!((who.as_str(), marked), ("jan de boer", "jan de boer"));
        assert_eq!(read("call anna -3d: x").at, Some(at(2026, 11, 20, 10, 0)));
        assert_eq!(read("call anna: x").person_id, None, "the parser finds no one");
    }

    #[test]
    fn a_time_before_the_colon_is_never_a_person() {
        for line in [
            "call yesterday: x",
            "call mon 14:30: x",
            "call 3 days ago: x",
            "call: anna yesterday: x",
        ] {
            assert_eq!(read(line).with, None, "{line}");
            assert_eq!(read(line), log(line), "{line}");
        }
        // A time that would be a person's name is the time: name them in full instead.
        assert_eq!(named("call mon: x"), None);
        assert_eq!(named("call mon ami: x"), Some(("mon ami".into(), "mon ami")));
    }

    #[test]
    fn a_persons_contact_in_the_future_is_refused_naming_its_time() {
        let err = read_on("call anna tomorrow: x", now(), Workdays::ALL).unwrap_err();
        assert!(
            err.message
                .starts_with("the contact's time 'tomorrow' is in the future"),
            "{}",
            err.message
        );
        assert_eq!(&"call anna tomorrow: x"[err.span], "tomorrow");
    }

    #[test]
    fn without_people_a_name_is_no_time_as_before() {
        let (message, marked) = error("call anna yesterday: x");
        assert!(message.starts_with("'anna yesterday' is not a time"), "{message}");
        assert_eq!(marked, "anna yesterday");
    }

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "call:",
                "visit",
                "yesterday:",
                "mon",
                "14:30:",
                "25:99:",
                "ago:",
                ":",
                "re:",
                "gift:",
                "anna",
                "jan:",
                ">>",
                ">>x",
                "@",
                "@fri",
                "@next",
                "@in",
                "week",
                "3",
                "days",
                "@2020-01-01",
                "@+3d",
                "=",
                "=5",
                "=9",
                "#vip",
                "#1",
                "#a;b",
                "!done",
                "!7",
                "!",
                "é",
                " ",
                "\u{3000}",
                "\t",
            ])
            .prop_map(str::to_string),
            "\\PC{0,6}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn never_panics_and_spans_are_inside_the_line(
            line in prop_oneof![
                "\\PC{0,40}",
                prop::collection::vec(piece(), 0..10).prop_map(|p| p.join(" ")),
            ],
        ) {
            for now in [now(), NaiveDateTime::MIN, NaiveDateTime::MAX] {
                match parse(&line, now) {
                    Err(err) => {
                        prop_assert!(err.span.start <= err.span.end);
                        prop_assert!(err.span.end <= line.len());
                        prop_assert!(line.is_char_boundary(err.span.start));
                        prop_assert!(line.is_char_boundary(err.span.end));
                    }
                    Ok(log) => prop_assert!(log.at.is_none_or(|at| at <= now), "never in the future"),
                }
            }
        }

        #[test]
        fn a_line_that_parses_reads_the_same_with_people(
            line in prop_oneof![
                "\\PC{0,40}",
                prop::collection::vec(piece(), 0..10).prop_map(|p| p.join(" ")),
            ],
        ) {
            if let Ok(parsed) = parse(&line, now()) {
                prop_assert_eq!(read_on(&line, now(), Workdays::ALL), Ok(parsed));
            }
            if let Ok(QuickLog { with: Some(named), .. }) = read_on(&line, now(), Workdays::ALL) {
                prop_assert!(line.is_char_boundary(named.span.start) && named.span.end <= line.len());
                prop_assert!(!named.words.is_empty());
                prop_assert!(parse(&line, now()).is_err(), "a name is never read without people");
            }
        }

        #[test]
        fn the_parts_of_a_line_come_back_as_written(
            kind in prop::sample::select(Kind::ALL.to_vec()),
            days_back in prop::option::of(1u32..=3650),
            // A word of prose: a '!' inside or after it, never before a digit or "done" (a marker).
            note in prop::collection::vec("[a-zA-Zé0-9,.?'][a-zA-Zé0-9,.!?']{0,7}", 1..6),
            follow_up in prop::collection::vec("[a-z]{1,8}", 0..4),
            days in 1u32..=3650,
            satisfaction in prop::option::of(1u8..=5),
            tags in prop::collection::vec("[a-z][a-z0-9_/-]{0,6}", 0..3),
        ) {
            let mut line = match days_back {
                Some(n) => format!("{kind} {n} days ago: {}", note.join(" ")),
                None => format!("{kind}: {}", note.join(" ")),
            };
            if !follow_up.is_empty() {
                let _ = write!(line, " >> {} @+{days}d", follow_up.join(" "));
            }
            if let Some(s) = satisfaction {
                let _ = write!(line, " ={s}");
            }
            for t in &tags {
                let _ = write!(line, " #{t}");
            }
            let log = parse(&line, now()).unwrap_or_else(|e| panic!("{line}: {e}"));
            prop_assert_eq!(log.kind, kind);
            let at = days_back.map(|n| now() - chrono::Duration::days(i64::from(n)));
            prop_assert_eq!(log.at, at);
            prop_assert_eq!(&log.note, &note.join(" "));
            prop_assert_eq!(log.satisfaction, satisfaction);
            prop_assert_eq!(log.tags, Tags::new(&tags).unwrap());
            if follow_up.is_empty() {
                prop_assert_eq!(log.follow_up, None);
            } else {
                let due = today() + chrono::Duration::days(i64::from(days));
                prop_assert_eq!(log.follow_up, Some(plan(&follow_up.join(" "), due)));
            }
        }
    }
}

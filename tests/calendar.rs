//! `touchbase calendar` as a user runs it: the feed read back by the `icalendar` crate's
//! parser (an alarm on every item, never an attendee, UIDs that survive runs and edits,
//! overdue follow-ups on today, the window `[calendar] days` long, notes only when asked
//! for), written to a file whole, and served over HTTP to a real client (`ureq`): the
//! token path answers, nothing else does, another process's writes show up, a rotated token
//! retires the old address, and a port in use is refused.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod refusals;
}

use std::fs;
use std::io::{BufRead as _, BufReader, Read as _};
use std::net::TcpListener;
use std::process::{Child, ChildStdout, Command, Stdio};

use common::book::Book;
use icalendar::{Calendar, CalendarComponent, Component as _, DatePerhapsTime, Event};

/// Monday 30 November 2026, a week after the book was written (at `NOW`).
const FEED_NOW: &str = "2026-11-30T10:00:00Z";

impl Book {
    /// Acme (phone, e-mail, notes) with follow-ups due Wed 25 Nov (overdue by the feed's
    /// today), Mon 30 Nov (today), Thu 10 Dec (in the window), Sun 20 Dec (past it), and
    /// decision moments on Wed 2 Dec and Fri 15 Jan; Beta, archived, with one due Tue 1 Dec.
    fn with_acme() -> Book {
        let book = Book::empty();
        book.ok(&[
            "add",
            "Acme",
            "--phone",
            "+31 20 555 0101",
            "--email",
            "anna@acme.example",
            "--notes",
            "likes golf",
        ]);
        book.ok(&["add", "Beta", "--email", "bob@beta.example"]);
        for (line, customer) in [
            ("call: renewal >> call about the renewal @2026-11-25", "Acme"),
            ("call: quote >> send proposal @2026-11-30", "Acme"),
            ("email: price list >> visit the warehouse @2026-12-10", "Acme"),
            ("call: later >> call again @2026-12-20", "Acme"),
            ("call: hi >> call beta @2026-12-01", "Beta"),
        ] {
            book.ok(&["log", customer, line]);
        }
        book.ok(&[
            "moment",
            "add",
            "Acme",
            "Board decision",
            "@2026-12-02",
            "--concerns",
            "price too high",
        ]);
        book.ok(&["moment", "add", "Acme", "Contract renewal", "@2027-01-15"]);
        book.ok(&["archive", "Beta"]);
        book
    }

    /// `calendar ARGS` at `FEED_NOW`, on stdout.
    fn feed(&self, args: &[&str]) -> String {
        let mut all = vec!["calendar"];
        all.extend_from_slice(args);
        self.ok_at(FEED_NOW, &all)
    }
}

/// The events of `ics`, parsed by the `icalendar` crate.
fn events(ics: &str) -> Vec<Event> {
    let cal: Calendar = ics.parse().unwrap();
    cal.components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

fn day(s: &str) -> DatePerhapsTime {
    DatePerhapsTime::Date(s.parse().unwrap())
}

fn summaries(events: &[Event]) -> Vec<&str> {
    events.iter().map(|e| e.get_summary().unwrap()).collect()
}

#[test]
fn the_feed_holds_the_window_with_an_alarm_on_every_item_and_no_attendee() {
    let book = Book::with_acme();
    let ics = book.feed(&[]);
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    for never in ["ATTENDEE", "ORGANIZER", "mailto:"] {
        assert!(!ics.contains(never), "{never} in the feed:\n{ics}");
    }
    let events = events(&ics);
    assert_eq!(
        summaries(&events),
        [
            "Call Acme — call about the renewal (overdue since Wed 25 Nov)",
            "Email Acme — send proposal",
            "Acme — decision moment: Board decision",
            "Visit Acme — visit the warehouse",
        ]
    );
    // Overdue sits on today, where its alarm can still go off; the rest on their days.
    let starts: Vec<_> = events.iter().map(|e| e.get_start().unwrap()).collect();
    assert_eq!(
        starts,
        [
            day("2026-11-30"),
            day("2026-11-30"),
            day("2026-12-02"),
            day("2026-12-10")
        ]
    );
    for e in &events {
        let uid = e.get_uid().unwrap();
        assert!(uid.starts_with("feed-") && uid.ends_with("@touchbase"), "{uid}");
        assert_eq!(
            e.get_timestamp().unwrap().to_rfc3339(),
            "2026-11-30T10:00:00+00:00"
        );
        assert_eq!(e.property_value("TRANSP"), Some("TRANSPARENT"));
        let alarms: Vec<_> = e
            .components()
            .iter()
            .filter(|c| c.component_kind() == "VALARM")
            .collect();
        assert_eq!(alarms.len(), 1, "{uid}");
        assert_eq!(alarms[0].property_value("ACTION"), Some("DISPLAY"));
        assert_eq!(alarms[0].property_value("TRIGGER"), Some("PT9H"));
        assert_eq!(alarms[0].property_value("DESCRIPTION"), e.get_summary());
        // RFC 5545 gives an alarm no DTSTAMP; the crate writes one unless it is taken out.
        assert_eq!(alarms[0].property_value("DTSTAMP"), None);
        // All day: DTEND is the day after (it is not inclusive).
        let (DatePerhapsTime::Date(start), Some(DatePerhapsTime::Date(end))) =
            (e.get_start().unwrap(), e.get_end())
        else {
            panic!("{uid} is not all day");
        };
        assert_eq!(end, start.succ_opt().unwrap());
        let description = e.get_description().unwrap();
        assert!(description.contains("Phone: +31 20 555 0101"), "{description}");
        assert!(description.contains("Email: anna@acme.example"), "{description}");
        assert!(!description.contains("golf") && !description.contains("price too high"));
    }
    let overdue = events[0].get_description().unwrap();
    assert!(overdue.starts_with("Overdue since Wed 25 Nov."), "{overdue}");
    assert!(overdue.contains("touchbase done f1"), "{overdue}");
}

#[test]
fn notes_are_in_the_feed_only_with_notes_asked_for() {
    let book = Book::with_acme();
    let ics = book.feed(&["--with-notes"]);
    let events = events(&ics);
    let moment = events
        .iter()
        .find(|e| e.get_summary().unwrap().contains("Board decision"))
        .unwrap();
    let description = moment.get_description().unwrap();
    assert!(
        description.contains("Their concerns: price too high"),
        "{description}"
    );
    assert!(description.contains("Notes: likes golf"), "{description}");
    assert!(!book.feed(&[]).contains("golf"));
}

#[test]
fn uids_stay_across_runs_and_edits() {
    let book = Book::with_acme();
    let first = book.feed(&[]);
    assert_eq!(
        book.feed(&[]),
        first,
        "the same book at the same time gives the same bytes"
    );
    let uid_of = |ics: &str, words: &str| {
        events(ics)
            .iter()
            .find(|e| e.get_summary().unwrap().contains(words))
            .map(|e| e.get_uid().unwrap().to_string())
            .unwrap()
    };
    let before = uid_of(&first, "send proposal");
    book.ok(&[
        "edit",
        "follow-up",
        "2",
        "--text",
        "send the revised proposal",
        "--due",
        "2026-12-04",
    ]);
    let after = book.feed(&[]);
    assert_eq!(uid_of(&after, "send the revised proposal"), before);
    assert!(!after.contains("Email Acme — send proposal\r\n"));
    assert_eq!(
        events(&after).len(),
        events(&first).len(),
        "updated, not added again"
    );
}

#[test]
fn the_window_and_the_alarm_follow_the_config() {
    let book = Book::with_acme();
    fs::write(
        book.path("config.toml"),
        "[calendar]\ndays = 2\nalarm = \"07:30\"\n",
    )
    .unwrap();
    let ics = book.feed(&[]);
    let events = events(&ics);
    // Today and two days on: through Wed 2 Dec.
    assert_eq!(events.len(), 3, "{:?}", summaries(&events));
    assert!(summaries(&events).iter().all(|s| !s.contains("warehouse")));
    assert!(ics.contains("TRIGGER;RELATED=START:PT7H30M\r\n"));
}

#[test]
fn a_file_is_written_whole_and_dash_is_stdout() {
    let book = Book::with_acme();
    let said = book.ok_at(FEED_NOW, &["calendar", "-o", "follow-ups.ics"]);
    assert!(
        said.contains("Wrote 4 items") && said.contains("'follow-ups.ics'"),
        "{said}"
    );
    let file = fs::read_to_string(book.path("follow-ups.ics")).unwrap();
    assert_eq!(file, book.feed(&[]));
    assert_eq!(book.feed(&["-o", "-"]), file);
    let names: Vec<_> = fs::read_dir(book.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("touchbase.db"))
        .collect();
    assert_eq!(names, ["follow-ups.ics"], "no temporary file is left");
    book.refuses(
        &["calendar", "-o", "no/such/folder/f.ics"],
        "'no/such/folder' does not exist",
    );
}

/// `calendar --serve ADDR` running, and the address it printed.
struct Served {
    child: Child,
    out: BufReader<ChildStdout>,
    url: String,
}

impl Served {
    fn start(book: &Book, addr: &str) -> Served {
        let mut child = Command::new(common::binary::bin());
        common::binary::hermetic(&mut child);
        let mut child = child
            .env("TOUCHBASE_NOW", FEED_NOW)
            .env("TOUCHBASE_CONFIG", book.path("config.toml"))
            .arg("--db")
            .arg(&book.db)
            .args(["calendar", "--serve", addr])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let first = line(&mut out);
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .to_string();
        Served { child, out, url }
    }

    /// The server's own address, without the path.
    fn base(&self) -> &str {
        &self.url[..self.url.find("/calendar/").unwrap()]
    }

    /// Ctrl-C, and what it printed since and its exit.
    fn stop(mut self) -> (String, bool) {
        let pid = self.child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-INT", &pid])
                .status()
                .unwrap()
                .success()
        );
        let status = self.child.wait().unwrap();
        let mut rest = String::new();
        self.out.read_to_string(&mut rest).unwrap();
        (rest, status.success())
    }
}

fn line(out: &mut BufReader<ChildStdout>) -> String {
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    line
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// GET `url`: the status, the Content-Type and the body.
fn get(url: &str) -> (u16, String, String) {
    let mut response = client().get(url).call().unwrap();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = response.body_mut().read_to_string().unwrap();
    (response.status().as_u16(), kind, body)
}

#[test]
fn the_served_feed_answers_only_at_its_token_and_is_read_fresh() {
    let book = Book::with_acme();
    let served = Served::start(&book, "127.0.0.1:0");
    assert!(
        served.url.starts_with("http://127.0.0.1:") && !served.url.contains(":0/"),
        "{}",
        served.url
    );
    let (status, kind, body) = get(&served.url);
    assert_eq!((status, kind.as_str()), (200, "text/calendar; charset=utf-8"));
    assert_eq!(body, book.feed(&[]), "the same feed as -o");
    assert_eq!(events(&body).len(), 4);

    let base = served.base().to_string();
    let wrong = format!("{base}/calendar/{}.ics", "0".repeat(32));
    for path in [wrong.as_str(), &format!("{base}/"), &format!("{base}/calendar/")] {
        let (status, _, body) = get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("token"), "no hint: {body}");
    }
    let posted = client().post(&served.url).send("x").unwrap();
    assert_eq!(posted.status().as_u16(), 405);
    let head = client().head(&served.url).call().unwrap();
    assert_eq!(head.status().as_u16(), 200);

    // Another process writes; the next request has it.
    book.ok_at(
        FEED_NOW,
        &["log", "Acme", "call: chat >> send the contract @2026-12-03"],
    );
    let (_, _, body) = get(&served.url);
    assert!(
        summaries(&events(&body)).contains(&"Email Acme — send the contract"),
        "{body}"
    );

    // Another process rotates the token: the old address is gone at once.
    let rotated = book.ok(&["calendar", "--rotate-token"]);
    let token = rotated
        .split("/calendar/")
        .nth(1)
        .unwrap()
        .split(".ics")
        .next()
        .unwrap();
    assert_eq!(get(&served.url).0, 404);
    assert_eq!(get(&format!("{base}/calendar/{token}.ics")).0, 200);

    let (said, ok) = served.stop();
    assert!(ok && said.contains("Stopped."), "{said}");
}

#[test]
fn a_second_serve_keeps_the_token_and_does_not_print_it() {
    let book = Book::with_acme();
    let first = Served::start(&book, "127.0.0.1:0");
    let token = first.url.rsplit('/').next().unwrap().to_string();
    drop(first);
    let mut again = Served::start(&book, "127.0.0.1:0");
    let said = line(&mut again.out);
    assert!(!again.url.contains(&token), "{}", again.url);
    assert!(said.contains("--show-url"), "{said}");
    assert!(book.ok(&["calendar", "--show-url"]).contains(&token));
}

#[test]
fn a_port_in_use_is_refused_and_makes_no_token() {
    let book = Book::with_acme();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let err = book.refused(&["calendar", "--serve", &addr]);
    assert!(err.contains(&addr) && err.contains("in use"), "{err}");
    book.refuses(&["calendar", "--show-url"], "no address yet");
    book.refuses(
        &["calendar", "--serve", "localhost:8765"],
        "'localhost:8765' is not an address",
    );
}

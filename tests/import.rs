//! `touchbase import` and `touchbase export customers` as a user runs them: the files
//! people really have (Google Contacts, HubSpot, Dutch Excel, old phones, iPhones), broken
//! files that import nothing, re-imports that duplicate nothing, dry runs that change
//! nothing, and the book going out and coming back whole.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod json;
    pub mod refusals;
}

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use common::book::Book;
use common::clock::NOW;
use predicates::prelude::*;
use serde_json::{Value, json};

impl Book {
    /// Imports `file` and returns what it printed.
    fn import(&self, file: &Path, extra: &[&str]) -> String {
        let mut args = vec!["import", file.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = self.run(&args).assert().success().get_output().clone();
        assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// Every customer, by name, as `list --json` shows them.
    fn customers(&self) -> Vec<Value> {
        let mut list = self.json(&["list", "--sort", "name"]).as_array().unwrap().clone();
        for c in &mut list {
            c.as_object_mut().unwrap().remove("next_follow_up");
        }
        list
    }

    /// The account named `name`, or the one whose main contact `name` is (an account is
    /// named after its company).
    fn customer(&self, name: &str) -> Value {
        let list = self.customers();
        if let Some(c) = list.iter().find(|c| c["name"] == name) {
            return c.clone();
        }
        list.into_iter()
            .find(|c| self.main_contact(&c["id"]) == name)
            .unwrap_or_else(|| panic!("no customer {name}"))
    }

    /// The name of the main contact of the account `id`.
    fn main_contact(&self, id: &Value) -> String {
        let shown = self.show(id);
        let people = shown["people"].as_array().unwrap();
        let main = people.iter().find(|p| p["main"] == true).unwrap();
        main["name"].as_str().unwrap().to_string()
    }

    fn show(&self, id: &Value) -> Value {
        self.json(&["show", &id.to_string()])
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// The accounts' main contacts, sorted: who was imported, whatever the accounts are called.
fn names(book: &Book) -> Vec<String> {
    let mut names: Vec<String> = book
        .customers()
        .iter()
        .map(|c| book.main_contact(&c["id"]))
        .collect();
    names.sort();
    names
}

/// The accounts' names, as `list --sort name` gives them.
fn accounts(book: &Book) -> Vec<String> {
    book.customers()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn google_contacts_export_is_read_with_labels_as_tags() {
    let book = Book::empty();
    let out = book.import(&fixture("google_contacts.csv"), &[]);
    assert!(out.contains("4 added"), "{out}");
    let jan = book.customer("Jan Jansen");
    assert_eq!(jan["company"], "Acme BV");
    assert_eq!(jan["email"], "jan@acme.example");
    assert_eq!(jan["phone"], "+31 6 1234 5678");
    assert_eq!(jan["tags"], json!(["key-accounts"]));
    let anna = book.customer("Anna van Dijk");
    assert_eq!(anna["phone"], "020 555 0199", "the first of 'a ::: b'");
    assert_eq!(anna["tags"], json!(["key-accounts", "vip"]));
    assert_eq!(
        book.show(&anna["id"])["notes"],
        "Met at the fair.\nWants a quote for Q1, \"urgent\"."
    );
    // Without a person's name, the company or the address names the customer.
    assert_eq!(book.customer("Gamma Tools")["email"], "info@gamma.example");
    assert_eq!(book.customer("contact@delta.example")["tags"], json!(["starred"]));
}

#[test]
fn hubspot_last_activity_becomes_the_last_contact() {
    let book = Book::empty();
    let out = book.import(&fixture("hubspot.csv"), &[]);
    assert!(
        out.contains("3 added") && out.contains("2 last contacts recorded"),
        "{out}"
    );
    let ruud = book.customer("Ruud Bakker");
    assert_eq!(ruud["company"], "Epsilon Shipping");
    assert_eq!(ruud["last_contact"], "2026-11-02T14:35:00Z");
    let timeline = &book.show(&ruud["id"])["interactions"];
    assert_eq!(timeline.as_array().unwrap().len(), 1);
    assert_eq!(timeline[0]["kind"], "call");
    assert_eq!(timeline[0]["note"], "last contact, imported from hubspot.csv");
    assert_eq!(book.customer("Sofie Claes")["phone"], "+32 470 12 34 56");
    // The book is sorted by last contact from the first start: never, then oldest.
    let order: Vec<Value> = book
        .json(&["list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].clone())
        .collect();
    assert_eq!(
        order,
        [
            json!("Eta Installaties"),
            json!("Zeta NV"),
            json!("Epsilon Shipping")
        ]
    );
}

#[test]
fn dutch_excel_semicolons_bom_crlf_and_day_month_dates() {
    let bytes = fs::read(fixture("dutch_excel.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFNaam;") && bytes.windows(2).any(|w| w == b"\r\n"));
    let book = Book::empty();
    let out = book.import(&fixture("dutch_excel.csv"), &[]);
    assert!(out.contains("3 added"), "{out}");
    let willem = book.customer("Willem de Wit");
    assert_eq!(willem["company"], "Rho B.V.");
    assert_eq!(willem["last_contact"], "2026-11-05T12:00:00Z");
    assert_eq!(book.show(&willem["id"])["notes"], "Bel na 14:00; niet op vrijdag");
    let fleur = book.customer("Fleur Müller");
    assert_eq!(fleur["company"], "Sigma & Zn");
    assert_eq!(fleur["tags"], json!(["export", "vip"]));
    assert_eq!(fleur["last_contact"], "2026-10-17T12:00:00Z");
    assert_eq!(book.show(&fleur["id"])["notes"], "Twee\nregels");
    assert_eq!(book.customer("Jansen; Piet")["company"], "Tau");
}

#[test]
fn a_simple_sheet_is_read() {
    let book = Book::empty();
    book.import(&fixture("simple.csv"), &[]);
    assert_eq!(names(&book), ["Karin de Boer", "Lars Olsen", "Mila Novak"]);
    assert_eq!(book.customer("Karin de Boer")["tags"], json!(["bouw", "vip"]));
    assert_eq!(book.customer("Lars Olsen")["tags"], json!(["export", "nordics"]));
    let mila = book.customer("Mila Novak");
    assert_eq!(mila["phone"], "+386 1 234 5678");
    assert_eq!(
        book.show(&mila["id"])["notes"],
        "Notes with a comma, and a \"quote\""
    );
}

#[test]
fn map_names_columns_nobody_recognises() {
    let book = Book::empty();
    let file = fixture("odd_headers.csv");
    book.ok(&[
        "import",
        file.to_str().unwrap(),
        "--map",
        "Relatie=company",
        "--map",
        "Plaats=notes",
    ]);
    let rik = book.customer("Rik Visser");
    assert_eq!(rik["company"], "Omicron BV");
    assert_eq!(book.show(&rik["id"])["notes"], "Utrecht");

    book.run(&["import", file.to_str().unwrap(), "--map", "Stad=notes"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no column 'Stad'").and(predicate::str::contains("'Plaats'")));
    book.refuses(
        &["import", file.to_str().unwrap(), "--map", "Plaats=city"],
        "field 'city' is not known",
    );
}

#[test]
fn vcard_2_1_from_an_old_phone() {
    let book = Book::empty();
    let out = book.import(&fixture("old_phone_2_1.vcf"), &[]);
    assert!(out.contains("2 added"), "{out}");
    let jorg = book.customer("Jörg Müller");
    assert_eq!(jorg["company"], "Bäckerei Grün GmbH");
    assert_eq!(jorg["phone"], "+49 30 1234567");
    assert_eq!(jorg["email"], "joerg@baeckerei.example");
    assert_eq!(
        book.show(&jorg["id"])["notes"],
        "Liefert jeden Montag.\nMag keine Anrufe vor 9 Uhr, bitte per E-Mail."
    );
    // N alone names a card.
    assert_eq!(book.customer("Els Peeters")["phone"], "+32 3 555 12 12");
}

#[test]
fn vcard_3_0_from_an_iphone() {
    let book = Book::empty();
    book.import(&fixture("apple_3_0.vcf"), &[]);
    let anna = book.customer("Anna de Vries");
    assert_eq!(anna["company"], "Upsilon BV");
    assert_eq!(anna["email"], "anna@upsilon.example");
    assert_eq!(anna["phone"], "+31 6 2222 3333");
    assert_eq!(anna["tags"], json!(["key-accounts", "klant"]));
    assert_eq!(
        book.show(&anna["id"])["notes"],
        "Besluit over het nieuwe contract valt in december. Stuur vooraf een voorstel met twee opties, en bel daarna.\nTweede regel."
    );
    assert_eq!(book.customer("Phi Consultancy")["email"], "office@phi.example");
}

#[test]
fn vcard_4_0_with_tel_uris() {
    let book = Book::empty();
    book.import(&fixture("modern_4_0.vcf"), &[]);
    let chris = book.customer("Chris Dekker");
    assert_eq!(chris["phone"], "+31-20-555-0123 ext. 42");
    assert_eq!(chris["email"], "chris@chi.example");
    assert_eq!(chris["company"], "Chi Software");
}

#[test]
fn a_broken_file_imports_nothing_and_says_where() {
    let book = Book::empty();
    book.run(&["import", fixture("broken.csv").to_str().unwrap()])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("'broken.csv' has 2 invalid rows, so nothing was imported")
                .and(predicate::str::contains(
                    "row 2 (line 3): e-mail 'olaf at lambda'",
                ))
                .and(predicate::str::contains(
                    "row 3 (line 4): last contact '32-13-2026'",
                ))
                .and(predicate::str::contains("--skip-invalid")),
        );
    assert!(
        !book.db.exists(),
        "a file that imports nothing leaves no new database"
    );
    book.refuses(&["import", "missing.csv", "--dry-run"], "missing.csv");
    assert!(!book.db.exists(), "a missing file leaves no new database");
    assert!(book.customers().is_empty());

    let cards = book.path("broken.vcf");
    fs::write(
        &cards,
        "BEGIN:VCARD\nVERSION:3.0\nFN:Fine\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Unfinished\n",
    )
    .unwrap();
    book.refuses(
        &["import", cards.to_str().unwrap()],
        "card 2 (line 5): the file ends before its END:VCARD",
    );
    assert!(book.customers().is_empty());
}

#[test]
fn skip_invalid_imports_the_rest_and_lists_what_it_skipped() {
    let book = Book::empty();
    let out = book.import(&fixture("broken.csv"), &["--skip-invalid"]);
    assert!(out.contains("2 added"), "{out}");
    assert!(
        out.contains("Skipped 2 invalid rows:\n  row 2 (line 3): e-mail"),
        "{out}"
    );
    assert_eq!(names(&book), ["Nina Vos", "Quinten Bos"]);
}

#[test]
fn importing_again_duplicates_nothing() {
    let book = Book::empty();
    for file in [
        "google_contacts.csv",
        "hubspot.csv",
        "dutch_excel.csv",
        "apple_3_0.vcf",
    ] {
        book.import(&fixture(file), &[]);
    }
    let before = book.customers();
    for file in [
        "google_contacts.csv",
        "hubspot.csv",
        "dutch_excel.csv",
        "apple_3_0.vcf",
    ] {
        let out = book.import(&fixture(file), &[]);
        assert!(out.contains(": 0 added, 0 updated"), "{file}: {out}");
    }
    assert_eq!(book.customers(), before);
    let ruud = book.customer("Ruud Bakker");
    assert_eq!(
        book.show(&ruud["id"])["interactions"].as_array().unwrap().len(),
        1
    );
}

#[test]
fn a_match_fills_empty_fields_and_keeps_the_rest() {
    let book = Book::empty();
    book.ok(&[
        "add",
        "Ruud Bakker",
        "--company",
        "Epsilon Shipping",
        "--phone",
        "010 999",
        "--tag",
        "own",
    ]);
    let out = book.import(&fixture("hubspot.csv"), &[]);
    assert!(out.contains("2 added, 1 updated"), "{out}");
    assert!(
        out.contains(
            "Ruud Bakker at Epsilon Shipping: last contact, person notes, e-mail addresses, phone numbers"
        ),
        "{out}"
    );
    let ruud = book.customer("Ruud Bakker");
    assert_eq!(ruud["phone"], "010 999", "a filled field is never overwritten");
    assert_eq!(ruud["email"], "ruud@epsilon.example");
    assert_eq!(ruud["tags"], json!(["own"]));
    assert_eq!(ruud["last_contact"], "2026-11-02T14:35:00Z");
    // From now on the address matches, whatever the name says.
    let renamed = book.path("renamed.csv");
    fs::write(
        &renamed,
        "Name,Email,Tags\nR. Bakker,RUUD@epsilon.example,shipping\n",
    )
    .unwrap();
    let out = book.import(&renamed, &[]);
    assert!(out.contains("0 added, 1 updated"), "{out}");
    assert_eq!(book.customer("Ruud Bakker")["tags"], json!(["own", "shipping"]));
}

#[test]
fn a_dry_run_reports_and_changes_nothing() {
    let book = Book::empty();
    book.ok(&["add", "Ruud Bakker", "--company", "Epsilon Shipping"]);
    let before = book.customers();
    let out = book.import(&fixture("hubspot.csv"), &["--dry-run"]);
    assert!(
        out.contains("Dry run, nothing was changed: importing 'hubspot.csv' would add 2, update 1 and leave 0 unchanged; 2 last contacts would be recorded."),
        "{out}"
    );
    assert!(
        out.contains("Last Activity Date → last-contact")
            && out.contains("Record ID (kept in the person's notes)"),
        "{out}"
    );
    assert_eq!(book.customers(), before);

    let out = book.import(&fixture("broken.csv"), &["--dry-run", "--skip-invalid"]);
    assert!(
        out.contains("would add 2") && out.contains("Would skip 2 invalid rows"),
        "{out}"
    );
    assert_eq!(book.customers(), before);
}

/// A book with everything that tends to break a format: separators, quotes, line breaks,
/// non-ASCII, leading `+` and `=`, long notes, tags, cadences and a last contact.
fn tricky_book() -> Book {
    let book = Book::empty();
    let long_note = "Long note ".repeat(20);
    let adds: [&[&str]; 4] = [
        &[
            "add",
            "Jansen, Jan; \"JJ\"",
            "--company",
            "Acme; Sons, Ltd.",
            "--email",
            "jan@acme.example",
            "--phone",
            "+31 6 1234 5678",
            "--tag",
            "vip",
            "--tag",
            "key-accounts",
            "--cadence",
            "2w",
            "--notes",
            "=SUM(A1)\nsecond line, with; separators\\ and a backslash",
        ],
        &[
            "add",
            "Zoë Ångström",
            "--company",
            "Øresund ApS",
            "--notes",
            &long_note,
            "--cadence",
            "90d",
        ],
        &[
            "add",
            "--phone",
            "+31 (0)6-12.34/56",
            "--tag",
            "r/d",
            "--",
            "-dash",
        ],
        &["add", "Plain  Person\u{a0}Two"],
    ];
    for args in adds {
        book.ok(args);
    }
    book.ok(&["log", "Zoë", "visit: went well"]);
    book
}

/// What must survive a round trip: every field, and the last contact.
fn portable(book: &Book) -> Vec<Value> {
    book.customers()
        .into_iter()
        .map(|c| {
            let notes = book.show(&c["id"])["notes"].clone();
            json!({
                "name": c["name"], "company": c["company"], "email": c["email"], "phone": c["phone"],
                "tags": c["tags"], "cadence_days": c["cadence_days"], "notes": notes,
                "last_contact": c["last_contact"],
            })
        })
        .collect()
}

#[test]
fn the_book_goes_out_and_comes_back_whole_in_every_format() {
    let book = tricky_book();
    let want = portable(&book);
    for (format, ext) in [("csv", "csv"), ("vcard", "vcf"), ("json", "json")] {
        let file = book.path(&format!("book.{ext}"));
        book.run(&["export", "customers", "-o", file.to_str().unwrap()])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("Wrote 4 customers ({format})")));
        let fresh = Book::empty();
        let out = fresh.import(&file, &[]);
        assert!(out.contains("4 added"), "{format}: {out}");
        assert_eq!(portable(&fresh), want, "{format}");
        // And into the book it came from: nothing new.
        let out = book.import(&file, &[]);
        assert!(out.contains("0 added, 0 updated, 4 unchanged"), "{format}: {out}");
    }
}

#[test]
fn export_goes_to_stdout_in_the_format_asked() {
    let book = tricky_book();
    let csv = book.ok(&["export", "customers"]);
    assert!(
        csv.starts_with("Name,Company,Email,Phone,Tags,Cadence,Notes,Last Contact,Person,Role,Emails,Phones,Main,Left On,Left To,Person Notes\r\n"),
        "{csv}"
    );
    // Cells a spreadsheet would run as formulas are guarded.
    assert!(
        csv.contains(",'+31 6 1234 5678,") && csv.contains("\"'=SUM(A1)"),
        "{csv}"
    );
    let vcf = book.ok(&["export", "customers", "--format", "vcard"]);
    assert!(
        vcf.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jansen\\, Jan\\; \"JJ\"\r\n"),
        "{vcf}"
    );
    assert!(vcf.lines().all(|l| l.len() <= 75), "folded at 75 octets");
    let json: Value = serde_json::from_str(&book.ok(&["export", "customers", "--format", "json"])).unwrap();
    assert_eq!(json[1]["last_contact"], NOW);
    book.refuses(
        &["export", "customers", "--format", "xml"],
        "format 'xml' is not known",
    );
}

#[test]
fn a_large_import_is_quiet_when_nobody_watches() {
    let book = Book::empty();
    let mut csv = String::from("Name,Company,Email,Last Contact\n");
    for i in 0..6000 {
        writeln!(
            csv,
            "Person {i},Company {},p{i}@example.com,2026-0{}-1{}",
            i % 300,
            1 + i % 9,
            i % 10
        )
        .unwrap();
    }
    let file = book.path("big.csv");
    fs::write(&file, csv).unwrap();
    let out = book.import(&file, &[]);
    // 300 companies: an account each, with 20 people; a later last contact is recorded.
    assert!(
        out.contains("300 added, 0 updated, 0 unchanged; 5700 people joined an account already there; 603 last contacts recorded."),
        "{out}"
    );
    let out = book.import(&file, &[]);
    assert!(out.contains("0 added, 0 updated, 6000 unchanged"), "{out}");
}

impl Book {
    /// Runs `import FILE extra…`, which must fail the way a user sees a refusal: exit 1, a
    /// message and no backtrace. Returns the message.
    fn import_refused(&self, file: &Path, extra: &[&str]) -> String {
        let mut args = vec!["import", file.to_str().unwrap()];
        args.extend_from_slice(extra);
        self.refused(&args)
    }
}

/// Internationalised addresses (RFC 6531) are real addresses; the display-name form is
/// unwrapped as for ASCII ones.
#[test]
fn international_addresses_import_from_every_format() {
    let want = ["иван@пример.рф", "山田太郎@example.jp", "jose@x.es"];
    let files = [
        (
            "intl.csv",
            "Name,Email\nИван Петров,иван@пример.рф\n山田太郎,山田太郎@example.jp\nJosé Ñúñez,José Ñúñez <jose@x.es>\n".to_string(),
        ),
        (
            "intl.vcf",
            "BEGIN:VCARD\nVERSION:3.0\nFN:Иван Петров\nEMAIL:иван@пример.рф\nEND:VCARD\n\
             BEGIN:VCARD\nVERSION:4.0\nFN:山田太郎\nEMAIL:mailto:山田太郎@example.jp\nEND:VCARD\n\
             BEGIN:VCARD\nVERSION:3.0\nFN:José Ñúñez\nEMAIL:José Ñúñez <jose@x.es>\nEND:VCARD\n"
                .to_string(),
        ),
        (
            "intl.json",
            json!([
                {"name": "Иван Петров", "email": "иван@пример.рф"},
                {"name": "山田太郎", "email": "山田太郎@example.jp"},
                {"name": "José Ñúñez", "email": "José Ñúñez <jose@x.es>"},
            ])
            .to_string(),
        ),
    ];
    for (name, text) in files {
        let book = Book::empty();
        let file = book.path(name);
        fs::write(&file, text).unwrap();
        let out = book.import(&file, &["--dry-run"]);
        assert!(out.contains("would add 3"), "{name}: {out}");
        let out = book.import(&file, &[]);
        assert!(out.contains("3 added"), "{name}: {out}");
        let mut emails: Vec<String> = book
            .customers()
            .iter()
            .map(|c| c["email"].as_str().unwrap().to_string())
            .collect();
        emails.sort();
        let mut sorted = want.map(str::to_string).to_vec();
        sorted.sort();
        assert_eq!(emails, sorted, "{name}");
        // Matching ignores case in any script.
        let again = book.path("again.csv");
        fs::write(&again, "Name,Email\nI. Petrov,ИВАН@ПРИМЕР.РФ\n").unwrap();
        let out = book.import(&again, &[]);
        assert!(out.contains("0 added, 0 updated, 1 unchanged"), "{name}: {out}");
    }
}

#[test]
fn a_file_without_an_extension_is_sniffed_whatever_its_first_letters() {
    let book = Book::empty();
    for (name, text) in [
        ("contacten", "Name,Compañía\nJan,Acme\n"),
        ("kaartjes", "BEGIN:VCARDé\n"),
        ("ñ", "ñ"),
        ("kort", "BEGIN:VCA"),
    ] {
        let file = book.path(name);
        fs::write(&file, text).unwrap();
        let out = book
            .run(&["import", file.to_str().unwrap(), "--dry-run"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(matches!(out.status.code(), Some(0 | 1)), "{name}: {err}");
    }
    let out = book.import(&book.path("contacten"), &[]);
    assert!(out.contains("1 added"), "{out}");
    assert_eq!(names(&book), ["Jan"]);
}

/// vcard4 reads a TEL value with a `:` as a URI, and its URI parser panics on one that
/// starts with a digit.
#[test]
fn a_vcard_phone_with_a_colon_is_a_named_invalid_card_not_a_crash() {
    let book = Book::empty();
    let cards = book.path("phones.vcf");
    fs::write(
        &cards,
        "BEGIN:VCARD\nVERSION:3.0\nFN:Fine\nTEL:+31 20 555 0100\nEND:VCARD\n\
         BEGIN:VCARD\nVERSION:3.0\nFN:Opening hours\nTEL:9:30\nEND:VCARD\n\
         BEGIN:VCARD\nVERSION:4.0\nFN:Flowers\nTEL;TYPE=work:1-800-FLOWERS:\nEND:VCARD\n\
         BEGIN:VCARD\nVERSION:4.0\nFN:Uri\nTEL;VALUE=uri:tel:+31-20-555-0101\nEND:VCARD\n",
    )
    .unwrap();
    for extra in [&[][..], &["--dry-run"]] {
        let err = book.import_refused(&cards, extra);
        assert!(
            err.contains("'phones.vcf' has 2 invalid cards, so nothing was imported")
                && err.contains("card 2 (line 6): phone '9:30'")
                && err.contains("card 3 (line 11): phone '1-800-FLOWERS:'"),
            "{extra:?}: {err}"
        );
        assert!(!book.db.exists(), "{extra:?}: no new database is left behind");
    }
    let out = book.import(&cards, &["--dry-run", "--skip-invalid"]);
    assert!(
        out.contains("would add 2") && out.contains("Would skip 2 invalid cards"),
        "{out}"
    );
    let out = book.import(&cards, &["--skip-invalid"]);
    assert!(
        out.contains("2 added") && out.contains("Skipped 2 invalid cards:\n  card 2 (line 6): phone '9:30'"),
        "{out}"
    );
    assert_eq!(book.customer("Uri")["phone"], "+31-20-555-0101");
}

/// 50 good rows, then `bad`, then 50 more, as a `Name,Company,Notes` sheet.
fn sheet_around(bad: &str, more: impl Fn(usize) -> String) -> String {
    let mut csv = String::from("Name,Company,Notes\n");
    for i in 1..=50 {
        writeln!(csv, "Before {i},Co {i},note {i}").unwrap();
    }
    writeln!(csv, "{bad}").unwrap();
    for i in 1..=50 {
        writeln!(csv, "{}", more(i)).unwrap();
    }
    csv
}

#[test]
fn an_unclosed_quote_is_an_error_naming_the_row_where_it_opened() {
    let book = Book::empty();
    let file = book.path("unclosed.csv");
    fs::write(
        &file,
        sheet_around("Bad Row,Co,\"unclosed note", |i| format!("After {i},Co,note")),
    )
    .unwrap();
    for extra in [
        &[][..],
        &["--dry-run"],
        &["--skip-invalid"],
        &["--dry-run", "--skip-invalid"],
    ] {
        let err = book.import_refused(&file, extra);
        assert!(
            err.contains("row 51 (line 52): the quote that opens the 'Notes' cell is never closed")
                && err.contains("50 lines after it"),
            "{extra:?}: {err}"
        );
        assert!(!book.db.exists(), "{extra:?}");
    }
    // In a book that exists, nothing changes either.
    book.ok(&["add", "Kept"]);
    book.import_refused(&file, &["--skip-invalid"]);
    assert_eq!(names(&book), ["Kept"]);
}

#[test]
fn a_quote_closed_rows_later_by_another_is_an_invalid_row() {
    let book = Book::empty();
    // The stray quote is closed by the opening quote of row 61's note.
    let file = book.path("stray.csv");
    fs::write(
        &file,
        sheet_around("Bad Row,Co,\"unclosed note", |i| {
            if i == 10 {
                "Quoted,Co,\"a note, quoted\"".to_string()
            } else {
                format!("After {i},Co,note")
            }
        }),
    )
    .unwrap();
    let err = book.import_refused(&file, &[]);
    assert!(
        err.contains("row 51 (line 52): the quote that opens the 'Notes' cell closes only on line 62"),
        "{err}"
    );
    let out = book.import(&file, &["--skip-invalid"]);
    assert!(
        out.contains("51 added, 0 updated, 0 unchanged; 39 people joined")
            && out.contains("Skipped 1 invalid row:\n  row 51 (line 52)"),
        "{out}"
    );

    // Two stray quotes that pair up: the lines between them look like rows.
    let book = Book::empty();
    let file = book.path("paired.csv");
    fs::write(
        &file,
        sheet_around("Bad Row,Co,\"unclosed note", |i| {
            if i == 10 {
                "Other Bad,Co,closed here\"".to_string()
            } else {
                format!("After {i},Co,note")
            }
        }),
    )
    .unwrap();
    let err = book.import_refused(&file, &[]);
    assert!(
        err.contains("row 51 (line 52): the 'Notes' cell runs from line 52 to line 62")
            && err.contains("line 53: 'After 1,Co,note'"),
        "{err}"
    );
}

#[test]
fn outlook_notes_over_several_lines_stay_one_cell() {
    let bytes = fs::read(fixture("outlook.csv")).unwrap();
    assert!(bytes.starts_with(b"\"Title\",\"First Name\"") && bytes.windows(2).any(|w| w == b"\r\n"));
    let book = Book::empty();
    let out = book.import(&fixture("outlook.csv"), &[]);
    assert!(out.contains("3 added"), "{out}");
    let jan = book.customer("Jan Jansen");
    assert_eq!(jan["company"], "Acme BV");
    assert_eq!(jan["email"], "jan@acme.example");
    assert_eq!(jan["tags"], json!(["key-accounts", "vip"]));
    assert_eq!(
        book.show(&jan["id"])["notes"],
        "Meeting 12 Nov, at their office:\n- wants 40 units, delivery in March\n- \"urgent\": call back after the fair\n\nQuote sent 3 Nov; Café lunch next time."
    );
    let greta = book.customer("Greta Holm");
    let notes = book.show(&greta["id"])["notes"].as_str().unwrap().to_string();
    assert_eq!(notes.lines().count(), 12, "{notes}");
    assert_eq!(book.customer("Pieter de Graaf")["phone"], "010 555 0123");
}

/// A ~1 MB name stands for the 50 MB one: refused by row, and never printed back.
#[test]
fn values_past_the_limits_are_refused_by_row_and_never_printed_back() {
    let big = "A".repeat(1 << 20);
    let at_limit = "é".repeat(200);
    let long_note = "n".repeat(20_001);
    let long_email = format!("{}@example.com", "e".repeat(490));
    let files = [
        (
            "sizes.csv",
            format!(
                "Name,Company,Email,Notes\n{at_limit},Co,,\n{big},Co,,\nShort,Co,{long_email},\nNoted,Co,,\"{long_note}\"\n"
            ),
            [
                "row 2 (line 3): the name is longer than 200 characters (1048576 bytes)",
                "row 3 (line 4): the e-mail address is longer than 500 characters",
                "row 4 (line 5): the note is longer than 20000 characters",
            ],
        ),
        (
            "sizes.vcf",
            format!(
                "BEGIN:VCARD\nVERSION:3.0\nFN:{at_limit}\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:{big}\nEND:VCARD\n\
                 BEGIN:VCARD\nVERSION:3.0\nFN:Short\nEMAIL:{long_email}\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Noted\nNOTE:{long_note}\nEND:VCARD\n"
            ),
            [
                "card 2 (line 5): the name is longer than 200 characters (1048576 bytes)",
                "card 3 (line 9): the e-mail address is longer than 500 characters",
                "card 4 (line 14): the note is longer than 20000 characters",
            ],
        ),
        (
            "sizes.json",
            json!([
                {"name": at_limit},
                {"name": big},
                {"name": "Short", "email": long_email},
                {"name": "Noted", "notes": long_note},
            ])
            .to_string(),
            [
                "customer 2: the name is longer than 200 characters (1048576 bytes)",
                "customer 3: the e-mail address is longer than 500 characters",
                "customer 4: the note is longer than 20000 characters",
            ],
        ),
    ];
    for (name, text, problems) in files {
        let book = Book::empty();
        let file = book.path(name);
        fs::write(&file, text).unwrap();
        let err = book.import_refused(&file, &[]);
        assert!(err.len() < 2000, "{name}: {} bytes of error", err.len());
        for p in problems {
            assert!(err.contains(p), "{name}: {p}\n{err}");
        }
        assert!(!book.db.exists(), "{name}");
        let out = book.import(&file, &["--skip-invalid"]);
        assert!(out.len() < 2000, "{name}: {} bytes of output", out.len());
        assert!(
            out.contains("1 added") && out.contains("Skipped 3 invalid"),
            "{name}: {out}"
        );
        assert_eq!(names(&book), [at_limit.as_str()], "{name}");
    }
}

/// "Nothing was changed" holds for the disk too: a dry run, or an import that skipped
/// every row, on a path without a book leaves no empty book there.
#[test]
fn an_import_that_adds_nobody_leaves_no_new_database() {
    let book = Book::empty();
    let out = book.import(&fixture("simple.csv"), &["--dry-run"]);
    assert!(out.contains("would add 3"), "{out}");
    assert!(!book.db.exists(), "a dry run creates no book");
    let cards = book.path("bad.vcf");
    fs::write(
        &cards,
        "BEGIN:VCARD\nVERSION:3.0\nFN:Clock\nTEL:9:30\nEND:VCARD\n",
    )
    .unwrap();
    let out = book.import(&cards, &["--skip-invalid"]);
    assert!(
        out.contains("0 added") && out.contains("Skipped 1 invalid card"),
        "{out}"
    );
    assert!(!book.db.exists(), "nothing imported, no book");
    // A book that was there stays, empty or not.
    book.ok(&["list"]);
    assert!(book.db.exists());
    book.import(&fixture("simple.csv"), &["--dry-run"]);
    assert!(book.db.exists(), "an existing book is never removed");
}

#[test]
fn a_dry_run_lists_likely_duplicates_of_the_book_and_of_earlier_rows() {
    let book = Book::empty();
    book.ok(&[
        "add",
        "Thomas Kühne",
        "--company",
        "Kühne Bau",
        "--email",
        "t@kuehne.example",
    ]);
    let file = book.path("people.csv");
    fs::write(
        &file,
        "Name,Company,Email\n\
         Thomas Kuhne,Kuhne Bau,thomas@kuehne.example\n\
         Anna Smit,,ANNA@smit.example\n\
         Anna S.,,anna@smit.example\n\
         Piet Jansen,Jansen BV,\n\
         Jörg Müller,,jörg@müller.example\n\
         J. Muller,,jorg@muller.example\n",
    )
    .unwrap();
    let out = book.import(&file, &["--dry-run"]);
    // The same name at the same company, ignoring accents: the person already there.
    assert!(
        out.contains(
            "Updated (empty fields filled, tags added, later contacts):\n  Thomas Kühne at Kühne Bau: e-mail addresses\n"
        ),
        "{out}"
    );
    assert!(
        !out.contains("Anna S."),
        "matched by the import's own rule, not added: {out}"
    );
    assert!(!out.contains("Piet"), "{out}");
    assert!(
        out.contains("Likely duplicates (they would be added beside someone like them; `touchbase merge KEEP OTHER` makes two one):\n  \
             row 6 (line 7) J. Muller: the same e-mail address as Jörg Müller (row 5 (line 6))\n"),
        "{out}"
    );
    let report = book.json(&["import", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["added"], 4);
    assert_eq!(report["updated"], 1);
    assert_eq!(
        report["likely_duplicates"][0],
        json!({
            "at": "row 6 (line 7)",
            "name": "J. Muller",
            "like": "Jörg Müller (row 5 (line 6))",
            "why": "the same e-mail address"
        })
    );
    assert_eq!(
        book.json(&["list"]).as_array().unwrap().len(),
        1,
        "a dry run changes nothing"
    );
}

/// Everyone at customer `who`, as `person list --json` shows them.
fn people(book: &Book, who: &str) -> Vec<Value> {
    book.json(&["person", "list", who]).as_array().unwrap().clone()
}

#[test]
fn outlook_com_contacts_become_people_of_one_account_per_company() {
    let book = Book::empty();
    let out = book.import(&fixture("outlook_com.csv"), &[]);
    // "Kühne Bau GmbH" and "KÜHNE BAU GmbH" are one account.
    assert!(
        out.contains("Imported 'outlook_com.csv': 2 added, 0 updated, 0 unchanged; 1 person joined an account already there.\n\
             Joined an account already there (same company, ignoring case, punctuation and BV/GmbH/Ltd/Inc):\n  \
             row 2 (line 4) Thomas Kühne → Kühne Bau GmbH (row 1 (line 2))\n"),
        "{out}"
    );
    assert_eq!(names(&book), ["Anna de Boer", "Jan Smit"]);
    // Each account is named after its company.
    assert_eq!(accounts(&book), ["Kühne Bau GmbH", "Smit Logistiek B.V."]);
    let kuehne = people(&book, "kühne");
    let anna = &kuehne[0];
    assert_eq!(
        (anna["name"].as_str(), anna["main"].as_bool()),
        (Some("Anna de Boer"), Some(true))
    );
    assert_eq!(anna["role"], "Einkaufsleiterin", "Job Title is the role");
    assert_eq!(
        anna["emails"],
        json!([
            {"label": "", "value": "anna.deboer@kuehne-bau.example"},
            {"label": "", "value": "anna@deboer.example"}
        ])
    );
    assert_eq!(
        anna["phones"],
        json!([
            {"label": "work", "value": "+49 30 1234 5670"},
            {"label": "mobile", "value": "+49 170 123 4567"}
        ])
    );
    // Columns that are no field of ours are kept in the person's notes; Outlook's notes
    // are the account's.
    assert_eq!(
        anna["notes"],
        "Department: Einkauf\nBusiness City: Berlin\nBirthday: 3/14/1980"
    );
    let account = book.customer("Anna de Boer");
    assert_eq!(account["company"], "Kühne Bau GmbH");
    assert_eq!(
        book.show(&account["id"])["notes"],
        "Decides with the CFO.\nPrefers calls before 10."
    );
    let thomas = &kuehne[1];
    assert_eq!(thomas["role"], "Geschäftsführer");
    assert_eq!(thomas["main"], false);
    // In Outlook's column order: Home Phone comes before Business Phone.
    assert_eq!(
        thomas["phones"][0],
        json!({"label": "home", "value": "+49 30 9876 543"})
    );
    assert_eq!(
        thomas["phones"][1],
        json!({"label": "work", "value": "+49 30 1234 5600"})
    );
    assert_eq!(thomas["notes"], "Title: Dr.\nAssistant's Name: Greta");
    // Again: nothing changes.
    let out = book.import(&fixture("outlook_com.csv"), &[]);
    assert!(out.contains(": 0 added, 0 updated, 3 unchanged."), "{out}");
}

#[test]
fn linkedin_connections_join_the_accounts_already_there() {
    let book = Book::empty();
    book.import(&fixture("outlook_com.csv"), &[]);
    let before = book.customers();
    // The preamble before the header is skipped; a dry run says who would join where.
    let out = book.import(&fixture("linkedin_connections.csv"), &["--dry-run"]);
    assert!(
        out.starts_with("Dry run, nothing was changed: importing 'linkedin_connections.csv' would add 1, update 1 and leave 0 unchanged; 1 person would join an account already there.\n\
             Columns: First Name → first-name, Last Name → last-name, URL (kept in the person's notes), Email Address → email, Company → company, Position → role, Connected On (kept in the person's notes)\n\
             Would join an account already there (same company, ignoring case, punctuation and BV/GmbH/Ltd/Inc):\n  \
             row 2 (line 6) Fleur Visser → Smit Logistiek B.V. (id 2)\n"),
        "{out}"
    );
    assert_eq!(book.customers(), before, "a dry run changes nothing");
    assert_eq!(people(&book, "smit").len(), 1);
    let file = fixture("linkedin_connections.csv");
    let report = book.json(&["import", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(
        (report["added"].as_u64(), report["people_added"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        report["joined"],
        json!([{"at": "row 2 (line 6)", "person": "Fleur Visser", "account": "Smit Logistiek B.V. (id 2)"}])
    );

    let out = book.import(&fixture("linkedin_connections.csv"), &[]);
    assert!(
        out.contains("1 added, 1 updated, 0 unchanged; 1 person joined"),
        "{out}"
    );
    let smit = people(&book, "smit");
    assert_eq!(smit.len(), 2, "{smit:?}");
    // Jan was there (same e-mail): his role stays, his empty notes are filled.
    assert_eq!(smit[0]["role"], "Inkoper");
    assert_eq!(
        smit[0]["notes"],
        "URL: https://www.linkedin.com/in/jan-smit-example\nConnected On: 04 Nov 2026"
    );
    assert_eq!(smit[1]["name"], "Fleur Visser");
    assert_eq!(smit[1]["role"], "Head of Operations, Benelux");
    assert_eq!(book.customer("Lars Berg")["company"], "Nordvik AS");
}

#[test]
fn vcards_become_people_grouped_by_org() {
    let book = Book::empty();
    let file = book.path("cards.vcf");
    fs::write(
        &file,
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna de Boer\r\nORG:Acme B.V.;Inkoop\r\nTITLE:Inkoper\r\n\
         EMAIL;TYPE=INTERNET,WORK:anna@acme.example\r\nTEL;TYPE=CELL:06 1234 5678\r\nTEL;TYPE=WORK,VOICE:020 123 4567\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jan Smit\r\nORG:ACME BV\r\nROLE:CFO\r\nEMAIL:jan@acme.example\r\nEMAIL;TYPE=HOME:jan@smit.example\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Piet Privé\r\nTEL;TYPE=HOME:010 765 4321\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let out = book.import(&file, &[]);
    assert!(
        out.contains("2 added, 0 updated, 0 unchanged; 1 person joined"),
        "{out}"
    );
    assert!(
        out.contains("card 2 (line 10) Jan Smit → Acme B.V. (card 1 (line 1))"),
        "{out}"
    );
    let acme = people(&book, "acme");
    assert_eq!(acme[0]["role"], "Inkoper");
    assert_eq!(
        acme[0]["emails"],
        json!([{"label": "work", "value": "anna@acme.example"}])
    );
    assert_eq!(
        acme[0]["phones"],
        json!([{"label": "mobile", "value": "06 1234 5678"}, {"label": "work", "value": "020 123 4567"}])
    );
    assert_eq!(acme[1]["role"], "CFO", "ROLE when there is no TITLE");
    assert_eq!(
        acme[1]["emails"][1],
        json!({"label": "home", "value": "jan@smit.example"})
    );
    // A card without ORG is an account of its own, named after the person.
    let piet = book.customer("Piet Privé");
    assert_eq!(piet["company"], "");
    assert_eq!(people(&book, "piet")[0]["phones"][0]["label"], "home");
}

/// A book with people: an account with three (one who left), a household without a
/// company with two, an account whose main contact is not who it is named after, a
/// second account at the first one's company, and customers alone.
fn book_with_people() -> Book {
    let book = tricky_book();
    book.ok(&[
        "add",
        "Anna de Boer",
        "--company",
        "Kühne Bau GmbH",
        "--email",
        "anna@kuehne.example",
    ]);
    for args in [
        &[
            "person",
            "add",
            "kühne",
            "Thomas Kühne",
            "--role",
            "Geschäftsführer",
            "--email",
            "thomas@kuehne.example",
            "--phone",
            "+49 30 1234",
            "--phone-label",
            "work",
            "--phone",
            "+49 170 999",
        ][..],
        &[
            "person",
            "add",
            "kühne",
            "Greta Lang",
            "--role",
            "CFO",
            "--notes",
            "signs, line one\nline two",
        ][..],
        &[
            "person",
            "add",
            "plain",
            "Partner of Plain",
            "--email",
            "partner@plain.example",
        ][..],
        &[
            "add",
            "Globex BV",
            "--company",
            "Globex",
            "--email",
            "info@globex.example",
        ][..],
        // An account named otherwise than its main contact.
        &[
            "person",
            "add",
            "globex",
            "Hans Gruber",
            "--email",
            "hans@globex.example",
            "--main",
        ][..],
    ] {
        book.ok(args);
    }
    let greta = people(&book, "kühne")
        .into_iter()
        .find(|p| p["name"] == "Greta Lang")
        .unwrap();
    book.ok(&[
        "person",
        "left",
        &greta["id"].to_string(),
        "--on",
        "2026-10-01",
        "--to",
        "Globex; Inc",
    ]);
    // A second account at the same company: it stays a second one.
    // (`add --company` would refuse it: the company is in the book already.)
    book.ok(&["add", "Kurt Baumann"]);
    book.ok(&["edit", "customer", "kurt", "--company", "KÜHNE BAU GMBH"]);
    book
}

#[test]
fn exported_people_come_back_the_same_book_in_every_format() {
    let book = book_with_people();
    for format in ["csv", "vcard", "json"] {
        let first = book.ok(&["export", "customers", "--format", format]);
        let copy = Book::empty();
        let file = copy.path(&format!("book.{format}"));
        fs::write(&file, &first).unwrap();
        let out = copy.import(&file, &[]);
        assert!(
            out.contains("7 added, 0 updated, 0 unchanged; 4 people joined an account already there; 1 last contact recorded."),
            "{format}: {out}"
        );
        let again = copy.ok(&["export", "customers", "--format", format]);
        assert_eq!(
            again, first,
            "{format}: export → import → export is the same book"
        );
        let out = copy.import(&file, &[]);
        assert!(out.contains("0 added, 0 updated"), "{format}: {out}");
    }
    // The CSV keeps the columns of before first; a row per person.
    let csv = book.ok(&["export", "customers"]);
    let rows: Vec<&str> = csv.lines().filter(|l| l.contains("Kühne Bau GmbH")).collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(
        rows[0].starts_with("Kühne Bau GmbH,Kühne Bau GmbH,anna@kuehne.example,,,30d,,,Anna de Boer,,anna@kuehne.example,,yes,,,"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].contains(
            ",Thomas Kühne,Geschäftsführer,thomas@kuehne.example,work: +49 30 1234; +49 170 999,,,,"
        ),
        "{}",
        rows[1]
    );
    let json: Value = serde_json::from_str(&book.ok(&["export", "customers", "--format", "json"])).unwrap();
    let kuehne = json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["company"] == "Kühne Bau GmbH")
        .unwrap();
    assert_eq!(kuehne["name"], "Kühne Bau GmbH", "the fields of before stay");
    assert_eq!(kuehne["people"][2]["left_on"], "2026-10-01");
    assert_eq!(kuehne["people"][2]["left_to"], "Globex; Inc");
    let vcf = book.ok(&["export", "customers", "--format", "vcard"]);
    assert!(vcf.contains("FN:Thomas Kühne\r\nN:Kühne;Thomas;;;\r\nORG:Kühne Bau GmbH\r\nX-TOUCHBASE-ACCOUNT:Kühne Bau GmbH\r\nTITLE:Geschäftsführer\r\n"), "{vcf}");
    assert!(
        vcf.contains("TEL;TYPE=WORK:+49 30 1234\r\nTEL:+49 170 999\r\n"),
        "{vcf}"
    );
    assert!(
        vcf.contains("FN:Partner of Plain\r\n") && vcf.contains("\r\nX-TOUCHBASE-ACCOUNT:Plain"),
        "{vcf}"
    );
    assert!(
        vcf.contains("FN:Hans Gruber\r\nN:Gruber;Hans;;;\r\nORG:Globex\r\nX-TOUCHBASE-ACCOUNT:Globex BV\r\n"),
        "{vcf}"
    );
}

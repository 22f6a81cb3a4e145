//! Which CSV column holds which field: header names in English, Dutch and German, the
//! layouts of Google Contacts, Outlook, HubSpot and Pipedrive exports, our own export, and
//! `--map COLUMN=field` for anything else. Headers only: reading the cells is `csv`'s.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    FirstName,
    MiddleName,
    LastName,
    Company,
    Email,
    Phone,
    Tags,
    Notes,
    LastContact,
    Cadence,
    /// The person's name when `Name` is the account's (our own export).
    Person,
    /// Job title, position.
    Role,
    /// A list of addresses: `work: a@x.nl; b@y.nl` (our own export).
    Emails,
    /// A list of numbers: `mobile: 06 1234 5678; work: 020 123 4567` (our own export).
    Phones,
    PersonNotes,
    /// Whether the person is the main contact: read, and left to the import's rule.
    Main,
    LeftOn,
    LeftTo,
    /// A column that is no field: kept in the person's notes as "Header: value".
    Extra,
    Ignore,
}

impl Field {
    const ALL: [Field; 21] = [
        Field::Name,
        Field::FirstName,
        Field::MiddleName,
        Field::LastName,
        Field::Company,
        Field::Email,
        Field::Phone,
        Field::Tags,
        Field::Notes,
        Field::LastContact,
        Field::Cadence,
        Field::Person,
        Field::Role,
        Field::Emails,
        Field::Phones,
        Field::PersonNotes,
        Field::Main,
        Field::LeftOn,
        Field::LeftTo,
        Field::Extra,
        Field::Ignore,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::FirstName => "first-name",
            Field::MiddleName => "middle-name",
            Field::LastName => "last-name",
            Field::Company => "company",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Tags => "tags",
            Field::Notes => "notes",
            Field::LastContact => "last-contact",
            Field::Cadence => "cadence",
            Field::Person => "person",
            Field::Role => "role",
            Field::Emails => "emails",
            Field::Phones => "phones",
            Field::PersonNotes => "person-notes",
            Field::Main => "main",
            Field::LeftOn => "left-on",
            Field::LeftTo => "left-to",
            Field::Extra => "extra",
            Field::Ignore => "ignore",
        }
    }

    /// Whether the field can name a customer on its own.
    pub fn names(self) -> bool {
        matches!(
            self,
            Field::Name
                | Field::FirstName
                | Field::LastName
                | Field::Company
                | Field::Email
                | Field::Person
                | Field::Emails
        )
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadMap {
    #[error("--map '{0}' is not COLUMN=FIELD — like --map 'Klantnaam=name'")]
    Shape(String),
    #[error("--map '{0}': field '{1}' is not known — use one of: {fields}", fields = field_list())]
    Field(String, String),
}

fn field_list() -> String {
    Field::ALL.map(Field::as_str).join(", ")
}

impl FromStr for Field {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = normalise(s).replace(' ', "");
        let field = match key.as_str() {
            "skip" | "" => Field::Ignore,
            "firstname" | "givenname" => Field::FirstName,
            "middlename" => Field::MiddleName,
            "lastname" | "familyname" | "surname" => Field::LastName,
            "lastcontact" => Field::LastContact,
            other => Field::ALL
                .into_iter()
                .find(|f| f.as_str().replace('-', "") == other)
                .ok_or_else(|| s.to_string())?,
        };
        Ok(field)
    }
}

/// One `--map COLUMN=FIELD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    pub column: String,
    pub field: Field,
}

impl FromStr for ColumnMap {
    type Err = BadMap;

    /// The last `=` separates, so a column name may hold one.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (column, field) = s.rsplit_once('=').ok_or_else(|| BadMap::Shape(s.to_string()))?;
        if column.trim().is_empty() {
            return Err(BadMap::Shape(s.to_string()));
        }
        let field = field
            .parse()
            .map_err(|f: String| BadMap::Field(s.to_string(), f))?;
        Ok(ColumnMap {
            column: column.trim().to_string(),
            field,
        })
    }
}

/// Lowercase words: every run of anything but letters and digits is one space, so
/// `E-mail 1 - Value`, `e_mail_1_value` and `E-Mail 1 Value` read alike.
pub fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for c in header.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// The field a header names; `Extra` for one that names none (kept in the person's
/// notes), `Ignore` for what only describes another column (`E-mail Type`).
pub fn recognise(header: &str) -> Field {
    let h = normalise(header);
    if let Some(f) = known(&h) {
        return f;
    }
    if NOISE.contains(&h.as_str()) || h.is_empty() {
        return Field::Ignore;
    }
    // Pipedrive and some CRMs put the record type first: "Person - Name".
    for prefix in ["person ", "contact ", "persoon "] {
        if let Some(f) = h.strip_prefix(prefix).and_then(known) {
            return f;
        }
    }
    numbered(&h).unwrap_or(Field::Extra)
}

/// Columns that only describe another one, or hold what Outlook writes for nothing
/// ("Unspecified", "Normal", "False"): not worth a line in anyone's notes.
const NOISE: [&str; 11] = [
    "e mail type",
    "e mail 2 type",
    "e mail 3 type",
    "e mail display name",
    "e mail 2 display name",
    "e mail 3 display name",
    "gender",
    "priority",
    "sensitivity",
    "private",
    "initials",
];

/// The label a phone or e-mail column gives its values: "Mobile Phone" → mobile,
/// "Business Phone 2" → work, "E-mail 2 Address" → none.
pub fn detail_label(header: &str) -> String {
    let h = normalise(header);
    let has = |words: &[&str]| h.split(' ').any(|w| words.contains(&w));
    let label = if has(&[
        "mobile",
        "cell",
        "mobiel",
        "mobil",
        "mobiltelefon",
        "handy",
        "mobiele",
    ]) {
        "mobile"
    } else if has(&["fax"]) {
        "fax"
    } else if has(&["pager"]) {
        "pager"
    } else if has(&["assistant"]) {
        "assistant"
    } else if has(&["car"]) {
        "car"
    } else if has(&["business", "work", "werk", "office", "geschäftlich", "company"]) {
        "work"
    } else if has(&["home", "thuis", "privat", "privé"]) {
        "home"
    } else if has(&["other"]) {
        "other"
    } else {
        ""
    };
    label.to_string()
}

/// Header names, normalised, by field: English, Dutch, German, and the exports of Google
/// Contacts, Outlook, HubSpot and Pipedrive.
#[rustfmt::skip] // a paragraph of names per field, not one name per line
const KNOWN: [(Field, &[&str]); 19] = [
    (Field::Name, &[
        "name", "full name", "fullname", "display name", "naam", "volledige naam", "klant",
        "klantnaam", "customer", "customer name", "contactpersoon", "contact person",
    ]),
    (Field::FirstName, &["first name", "firstname", "given name", "voornaam", "roepnaam", "vorname"]),
    (Field::MiddleName, &[
        "middle name", "additional name", "middelste naam", "tussenvoegsel", "tussenvoegsels",
    ]),
    (Field::LastName, &["last name", "lastname", "family name", "surname", "achternaam", "nachname"]),
    (Field::Company, &[
        "company", "company name", "organization", "organisation", "organization name",
        "organisation name", "org", "associated company", "account name", "account", "bedrijf",
        "bedrijfsnaam", "organisatie", "firma", "firmenname", "unternehmen",
    ]),
    (Field::Email, &[
        "email", "e mail", "email address", "e mail address", "emailaddress", "mail",
        "primary email", "work email", "business email", "home email", "email work", "email home",
        "email other", "email adres", "e mail adres", "emailadres", "e mailadres", "mailadres",
        "e mail adresse", "e mail 1", "e mail 2 address", "e mail 3 address", "email 2", "email 3",
        "secondary email", "other email",
    ]),
    (Field::Phone, &[
        "phone", "phone number", "telephone", "telephone number", "tel", "mobile", "mobile phone",
        "mobile phone number", "mobile number", "cell", "cell phone", "business phone", "work phone",
        "primary phone", "home phone", "phone work", "phone mobile", "phone home", "phone other",
        "telefoon", "telefoonnummer", "telefoon nummer", "telefoon op werk", "telefoon werk",
        "mobiel", "mobiel nummer", "mobielnummer", "mobiele telefoon", "telefoon thuis",
        "telefon", "telefonnummer", "mobil", "telefon geschäftlich", "mobiltelefon",
        // Outlook's other numbers
        "business phone 2", "assistant s phone", "business fax", "callback", "car phone",
        "company main phone", "home fax", "home phone 2", "isdn", "other fax", "other phone",
        "pager", "radio phone", "tty tdd phone", "telex",
    ]),
    (Field::Tags, &[
        "tags", "tag", "labels", "label", "categories", "category", "group membership", "groups",
        "groepen", "categorieën", "categorieen", "kategorien",
    ]),
    (Field::Notes, &[
        "notes", "note", "comments", "comment", "description", "memo", "notities", "notitie",
        "opmerkingen", "opmerking", "notizen", "notiz", "bemerkungen",
    ]),
    (Field::LastContact, &[
        "last contact", "last contacted", "last contact date", "last contacted date",
        "last activity", "last activity date", "last engagement date", "last interaction",
        "last contact at", "laatste contact", "laatst contact", "laatste contactdatum",
        "laatste contact datum", "laatst gesproken", "laatste activiteit", "letzter kontakt",
    ]),
    (Field::Cadence, &[
        "cadence", "cadence days", "cadans", "contact frequency", "contactfrequentie",
        "keep in touch", "frequency",
    ]),
    (Field::Person, &["person"]),
    (Field::Role, &[
        "role", "job title", "jobtitle", "position", "function", "functie", "rol", "functietitel",
        "position title", "berufsbezeichnung", "funktion",
    ]),
    (Field::Emails, &["emails", "e mails", "email addresses"]),
    (Field::Phones, &["phones", "phone numbers"]),
    (Field::PersonNotes, &["person notes"]),
    (Field::Main, &["main", "main contact"]),
    (Field::LeftOn, &["left on"]),
    (Field::LeftTo, &["left to"]),
];

fn known(h: &str) -> Option<Field> {
    KNOWN
        .iter()
        .find(|(_, names)| names.contains(&h))
        .map(|(field, _)| *field)
}

/// Google's numbered columns: `E-mail 1 - Value`, `Phone 2 - Value`,
/// `Organization 1 - Name`; their `- Label`/`- Type` siblings are ignored.
fn numbered(h: &str) -> Option<Field> {
    let words: Vec<&str> = h.split(' ').collect();
    let (kind, rest) = match words.as_slice() {
        ["e", "mail", n, rest @ ..] | ["email", n, rest @ ..] if is_number(n) => (Field::Email, rest),
        ["phone", n, rest @ ..] if is_number(n) => (Field::Phone, rest),
        ["organization" | "organisation", n, rest @ ..] if is_number(n) => (Field::Company, rest),
        _ => return None,
    };
    match (kind, rest) {
        (Field::Email | Field::Phone, ["value"]) | (Field::Company, ["name"]) => Some(kind),
        (Field::Company, ["title" | "job title"]) => Some(Field::Role),
        (Field::Email | Field::Phone, ["label" | "type"]) => Some(Field::Ignore),
        _ => None,
    }
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_layouts_are_recognised() {
        let cases = [
            ("First Name", Field::FirstName),
            ("Organization Name", Field::Company),
            ("E-mail 1 - Value", Field::Email),
            ("E-mail 1 - Label", Field::Ignore),
            ("Phone 2 - Value", Field::Phone),
            ("Organization 1 - Name", Field::Company),
            ("Labels", Field::Tags),
            ("Company Name", Field::Company),
            ("Phone Number", Field::Phone),
            ("Last Activity Date", Field::LastContact),
            ("Email Domain", Field::Extra),
            ("Naam", Field::Name),
            ("E-mailadres", Field::Email),
            ("Telefoon", Field::Phone),
            ("Notities", Field::Notes),
            ("Laatste contact", Field::LastContact),
            ("Person - Name", Field::Name),
            ("Email - Work", Field::Email),
            ("Record ID", Field::Extra),
            (" Bedrijf ", Field::Company),
        ];
        for (header, want) in cases {
            assert_eq!(recognise(header), want, "{header}");
        }
    }

    #[test]
    fn outlook_and_linkedin_columns_are_read_with_their_labels() {
        let outlook = [
            ("Job Title", Field::Role, ""),
            ("Department", Field::Extra, ""),
            ("Title", Field::Extra, ""),
            ("Business Phone", Field::Phone, "work"),
            ("Business Phone 2", Field::Phone, "work"),
            ("Mobile Phone", Field::Phone, "mobile"),
            ("Home Phone", Field::Phone, "home"),
            ("Business Fax", Field::Phone, "fax"),
            ("Assistant's Phone", Field::Phone, "assistant"),
            ("Other Phone", Field::Phone, "other"),
            ("Primary Phone", Field::Phone, ""),
            ("E-mail Address", Field::Email, ""),
            ("E-mail 2 Address", Field::Email, ""),
            ("E-mail 3 Address", Field::Email, ""),
            ("E-mail Type", Field::Ignore, ""),
            ("E-mail 2 Display Name", Field::Ignore, ""),
            ("Gender", Field::Ignore, ""),
            ("Birthday", Field::Extra, ""),
            ("Notes", Field::Notes, ""),
            ("Company", Field::Company, "work"),
        ];
        for (header, field, label) in outlook {
            assert_eq!(recognise(header), field, "{header}");
            if matches!(field, Field::Phone | Field::Email) {
                assert_eq!(detail_label(header), label, "{header}");
            }
        }
        let linkedin = [
            ("First Name", Field::FirstName),
            ("Last Name", Field::LastName),
            ("URL", Field::Extra),
            ("Email Address", Field::Email),
            ("Company", Field::Company),
            ("Position", Field::Role),
            ("Connected On", Field::Extra),
        ];
        for (header, field) in linkedin {
            assert_eq!(recognise(header), field, "{header}");
        }
        // Our own export's person columns; "Person - Name" stays Pipedrive's name.
        for (header, field) in [
            ("Person", Field::Person),
            ("Emails", Field::Emails),
            ("Phones", Field::Phones),
            ("Person Notes", Field::PersonNotes),
            ("Left On", Field::LeftOn),
            ("Left To", Field::LeftTo),
            ("Main", Field::Main),
            ("Person - Name", Field::Name),
            ("Organization 1 - Title", Field::Role),
        ] {
            assert_eq!(recognise(header), field, "{header}");
        }
    }

    #[test]
    fn maps_read_column_and_field() {
        let m: ColumnMap = "Klant naam=name".parse().unwrap();
        assert_eq!((m.column.as_str(), m.field), ("Klant naam", Field::Name));
        assert_eq!(
            "X=last contact".parse::<ColumnMap>().unwrap().field,
            Field::LastContact
        );
        assert_eq!(
            "X=First_Name".parse::<ColumnMap>().unwrap().field,
            Field::FirstName
        );
        assert_eq!("X=ignore".parse::<ColumnMap>().unwrap().field, Field::Ignore);
        assert!(matches!("Klantnaam".parse::<ColumnMap>(), Err(BadMap::Shape(_))));
        let err = "X=birthday".parse::<ColumnMap>().unwrap_err().to_string();
        assert!(
            err.contains("'birthday'") && err.contains("last-contact"),
            "{err}"
        );
    }
}

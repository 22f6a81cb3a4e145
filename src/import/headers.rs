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
    Ignore,
}

impl Field {
    const ALL: [Field; 12] = [
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
            Field::Ignore => "ignore",
        }
    }

    /// Whether the field can name a customer on its own.
    pub fn names(self) -> bool {
        matches!(
            self,
            Field::Name | Field::FirstName | Field::LastName | Field::Company | Field::Email
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

/// The field a header names, or `Ignore`.
pub fn recognise(header: &str) -> Field {
    let h = normalise(header);
    if let Some(f) = known(&h) {
        return f;
    }
    // Pipedrive and some CRMs put the record type first: "Person - Name".
    for prefix in ["person ", "contact ", "persoon "] {
        if let Some(f) = h.strip_prefix(prefix).and_then(known) {
            return f;
        }
    }
    numbered(&h).unwrap_or(Field::Ignore)
}

/// Header names, normalised, by field: English, Dutch, German, and the exports of Google
/// Contacts, Outlook, HubSpot and Pipedrive.
#[rustfmt::skip] // a paragraph of names per field, not one name per line
const KNOWN: [(Field, &[&str]); 11] = [
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
        "e mail adresse", "e mail 1",
    ]),
    (Field::Phone, &[
        "phone", "phone number", "telephone", "telephone number", "tel", "mobile", "mobile phone",
        "mobile phone number", "mobile number", "cell", "cell phone", "business phone", "work phone",
        "primary phone", "home phone", "phone work", "phone mobile", "phone home", "phone other",
        "telefoon", "telefoonnummer", "telefoon nummer", "telefoon op werk", "telefoon werk",
        "mobiel", "mobiel nummer", "mobielnummer", "mobiele telefoon", "telefoon thuis",
        "telefon", "telefonnummer", "mobil", "telefon geschäftlich", "mobiltelefon",
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
            ("Email Domain", Field::Ignore),
            ("Naam", Field::Name),
            ("E-mailadres", Field::Email),
            ("Telefoon", Field::Phone),
            ("Notities", Field::Notes),
            ("Laatste contact", Field::LastContact),
            ("Person - Name", Field::Name),
            ("Email - Work", Field::Email),
            ("Record ID", Field::Ignore),
            (" Bedrijf ", Field::Company),
        ];
        for (header, want) in cases {
            assert_eq!(recognise(header), want, "{header}");
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

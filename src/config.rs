//! Where things live (database, config) and what `config.toml` says. Every key has a
//! default; `assets/config.toml` ships those defaults with a comment on each. Knows
//! neither the store nor the screens: the rules the keys tune are the domain's.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow};
use chrono::NaiveTime;
use directories::ProjectDirs;
use serde::Deserialize;

use crate::domain::nudge::Rules;
use crate::domain::text::sanitize;
use crate::domain::week::WeekConfig;

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub nudge: Rules,
    pub money: MoneyConfig,
    pub week: WeekConfig,
    pub remind: RemindConfig,
    pub calendar: CalendarConfig,
}

/// `[remind]`: the digest `touchbase remind` delivers outside the app.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RemindConfig {
    /// The time of day `remind --setup` schedules the digest for.
    #[serde(deserialize_with = "time_of_day")]
    pub at: NaiveTime,
    /// Where a digest goes when the command line names no channel.
    pub channels: Vec<Channel>,
    /// The address the e-mail channel sends to when `--email` names none.
    pub email: String,
    /// How many nudges the digest lists after the follow-ups and moments.
    #[serde(deserialize_with = "crate::domain::ranged::count::<_, 1, 100>")]
    pub top: usize,
    /// Whether a digest with nothing in it is delivered (`false`: it is counted as run,
    /// and nothing is sent).
    pub send_empty: bool,
    pub smtp: SmtpConfig,
}

impl Default for RemindConfig {
    fn default() -> Self {
        RemindConfig {
            at: NaiveTime::from_hms_opt(8, 30, 0).unwrap_or_default(),
            channels: vec![Channel::Stdout],
            email: String::new(),
            top: 5,
            send_empty: false,
            smtp: SmtpConfig::default(),
        }
    }
}

/// One way a digest reaches the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Stdout,
    Desktop,
    Email,
}

/// `[remind.smtp]`: the mail server the e-mail channel sends through. The password is
/// never in this file: it comes from `password_env` or `password_command`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    #[serde(deserialize_with = "crate::domain::ranged::count::<_, 1, 65_535>")]
    pub port: usize,
    pub security: Security,
    /// The login; empty for a server that takes mail without one.
    pub user: String,
    /// The sender; empty means `user`.
    pub from: String,
    /// The environment variable holding the password.
    pub password_env: String,
    /// A command whose first line of output is the password (`pass show smtp`).
    pub password_command: String,
    /// Seconds a step (connecting, each reply) may take before the server counts as dead.
    #[serde(deserialize_with = "crate::domain::ranged::count::<_, 1, 300>")]
    pub timeout: usize,
}

impl Default for SmtpConfig {
    fn default() -> Self {
        SmtpConfig {
            host: String::new(),
            port: 587,
            security: Security::Starttls,
            user: String::new(),
            from: String::new(),
            password_env: "TOUCHBASE_SMTP_PASSWORD".to_string(),
            password_command: String::new(),
            timeout: 15,
        }
    }
}

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS before anything is sent (port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: allowed only to a server on this machine (a loopback address).
    None,
}

/// `[calendar]`: the feed `touchbase calendar` writes and serves.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CalendarConfig {
    /// How many days ahead the feed reaches (overdue items are always in it).
    #[serde(deserialize_with = "crate::domain::ranged::count::<_, 1, 366>")]
    pub days: usize,
    /// The time of day on an item's day its alarm goes off.
    #[serde(deserialize_with = "time_of_day")]
    pub alarm: NaiveTime,
    /// The most overdue follow-ups, follow-ups and decision moments (each) the feed holds.
    #[serde(deserialize_with = "crate::domain::ranged::count::<_, 1, 10_000>")]
    pub limit: usize,
}

impl Default for CalendarConfig {
    fn default() -> Self {
        CalendarConfig {
            days: 14,
            alarm: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            limit: 500,
        }
    }
}

/// A time of day written as "08:30" (24-hour clock).
fn time_of_day<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
    let text = String::deserialize(d)?;
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
        serde::de::Error::custom(format!(
            "\"{text}\" is not a time of day: write hours and minutes, like \"08:30\""
        ))
    })
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MoneyConfig {
    /// The currency orders are recorded in (ISO 4217 code).
    #[serde(deserialize_with = "currency")]
    pub currency: String,
}

/// Three letters, as ISO 4217 writes them; it is printed beside every amount.
fn currency<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let code = String::deserialize(d)?;
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(code.to_ascii_uppercase())
    } else {
        Err(serde::de::Error::custom(
            "not a currency code: use three letters, like \"EUR\" or \"USD\"",
        ))
    }
}

/// What is wrong with a config file, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct BadConfig {
    /// 1-based; `None` when the parser could not say.
    pub line: Option<usize>,
    /// That line as written, shortened and made safe to print.
    pub text: String,
    pub message: String,
}

impl std::fmt::Display for BadConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) if self.text.is_empty() => write!(f, "line {line}: {}", self.message),
            Some(line) => write!(f, "line {line}: {} {}", self.text, self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl BadConfig {
    /// toml's error, told as one line: the line number, the line, what is wrong with it.
    fn new(e: &toml::de::Error, text: &str) -> BadConfig {
        // toml says some things over several lines ("Unexpected `a`", "Expected `digit`").
        let message = e
            .message()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        let Some(span) = e.span() else {
            return BadConfig {
                line: None,
                text: String::new(),
                message,
            };
        };
        let at = span.start.min(text.len());
        let bytes = text.as_bytes();
        let start = bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let end = bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |i| at + i);
        let line_text = text.get(start..end).unwrap_or_default().trim();
        let mut shown: String = line_text.chars().take(80).collect();
        if shown.len() < line_text.len() {
            shown.push('…');
        }
        // Our range errors start with the value ("99999 is out of range"): after the line
        // that already shows it, the rest of the sentence reads on.
        let message = match message.split_once(" is out of range") {
            Some((_, rest)) => format!("is out of range{rest}"),
            None if shown.is_empty() => message,
            None => format!("— {message}"),
        };
        BadConfig {
            line: Some(bytes[..at].split(|&b| b == b'\n').count()),
            text: sanitize(&shown).into_owned(),
            message,
        }
    }
}

impl Default for MoneyConfig {
    fn default() -> Self {
        MoneyConfig {
            currency: "EUR".to_string(),
        }
    }
}

impl Config {
    /// The config at `path`; a missing file means all defaults.
    pub(crate) fn load(path: &Path) -> anyhow::Result<Config> {
        let text = match fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(e).with_context(|| format!("reading the config '{}'", path.display())),
        };
        Config::from_toml(&text).map_err(|e| anyhow!("the config '{}' is not valid: {e}", path.display()))
    }

    pub fn from_toml(text: &str) -> Result<Config, BadConfig> {
        let mut config: Config = toml::from_str(text).map_err(|e| BadConfig::new(&e, text))?;
        config.nudge.currency.clone_from(&config.money.currency);
        Ok(config)
    }
}

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "touchbase")
}

/// `--db`/`TOUCHBASE_DB` when given, else `touchbase.db` in the platform data directory.
pub(crate) fn database_path(explicit: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    let dirs = project_dirs()
        .ok_or_else(|| anyhow!("cannot find a home directory for the database — pass --db PATH"))?;
    Ok(dirs.data_dir().join("touchbase.db"))
}

/// `TOUCHBASE_CONFIG` when set, else `config.toml` in the platform config directory.
pub(crate) fn config_path() -> Option<PathBuf> {
    match std::env::var_os("TOUCHBASE_CONFIG") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => project_dirs().map(|d| d.config_dir().join("config.toml")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_config_documents_the_defaults() {
        let shipped = Config::from_toml(include_str!("../assets/config.toml")).unwrap();
        assert_eq!(shipped, Config::default());
    }

    #[test]
    fn user_keys_override_one_by_one() {
        let c = Config::from_toml("[nudge.weights]\ncadence_exceeded = 1.5\n").unwrap();
        assert!((c.nudge.weights.cadence_exceeded - 1.5).abs() < f64::EPSILON);
        assert!(
            (c.nudge.weights.follow_up_today - Rules::default().weights.follow_up_today).abs() < f64::EPSILON
        );
    }

    #[test]
    fn unknown_keys_are_named_with_their_line() {
        let err = Config::from_toml("[nudge.weights]\ncadense = 2\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("cadense") && err.contains("line 2"), "{err}");
    }

    /// Every number in the config: its table, key and range.
    const RANGES: [(&str, &str, i64, i64); 23] = [
        ("remind", "top", 1, 100),
        ("remind.smtp", "port", 1, 65_535),
        ("remind.smtp", "timeout", 1, 300),
        ("calendar", "days", 1, 366),
        ("calendar", "limit", 1, 10_000),
        ("week", "limit", 1, 10_000),
        ("nudge", "limit", 1, 10_000),
        ("nudge", "preparation_days", 0, 365),
        ("nudge", "complaint_days", 0, 365),
        ("nudge", "loyalty_days", 0, 3650),
        ("nudge", "single_threaded_days", 1, 3650),
        ("nudge.weights", "follow_up_overdue", 0, 1000),
        ("nudge.weights", "follow_up_today", 0, 1000),
        ("nudge.weights", "cadence_exceeded", 0, 1000),
        ("nudge.weights", "moment_ahead", 0, 1000),
        ("nudge.weights", "complaint_open", 0, 1000),
        ("nudge.weights", "situation_unanswered", 0, 1000),
        ("nudge.weights", "taking_too_much", 0, 1000),
        ("nudge.weights", "loyalty_unrewarded", 0, 1000),
        ("nudge.weights", "satisfaction_drop", 0, 1000),
        ("nudge.weights", "single_threaded", 0, 1000),
        ("nudge.weights", "value", 0, 10),
        ("money", "currency", 0, 0),
    ];

    #[test]
    fn every_number_has_a_range_named_with_the_line() {
        for (table, key, min, max) in RANGES.into_iter().filter(|r| r.1 != "currency") {
            for ok in [min, max] {
                let text = format!("[{table}]\n{key} = {ok}\n");
                assert!(Config::from_toml(&text).is_ok(), "{text}");
            }
            for bad in [
                min - 1,
                max + 1,
                99_999_999_999,
                -99_999_999_999,
                i64::MAX,
                i64::MIN,
            ] {
                let text = format!("# a comment\n[{table}]\n{key} = {bad}\n");
                let err = Config::from_toml(&text).unwrap_err();
                assert_eq!(err.line, Some(3), "{text}");
                assert_eq!(
                    err.to_string(),
                    format!("line 3: {key} = {bad} is out of range — use {min} to {max}")
                );
            }
        }
    }

    #[test]
    fn weights_are_finite() {
        for bad in ["nan", "+inf", "-inf", "-0.5", "1e300"] {
            let err = Config::from_toml(&format!("[nudge.weights]\nvalue = {bad}\n")).unwrap_err();
            assert!(
                err.to_string().contains("is out of range — use 0 to 10"),
                "{bad}: {err}"
            );
        }
        let c = Config::from_toml("[nudge.weights]\nmoment_ahead = 2\n").unwrap();
        assert!((c.nudge.weights.moment_ahead - 2.0).abs() < f64::EPSILON);
    }

    #[test]
    fn the_shipped_config_says_each_range() {
        let shipped = include_str!("../assets/config.toml");
        for (_, key, min, max) in RANGES {
            // The comment block right above the key.
            let at = shipped
                .find(&format!("\n{key} = "))
                .unwrap_or_else(|| panic!("{key} is not in assets/config.toml"));
            let comment: String = shipped[..at]
                .lines()
                .rev()
                .take_while(|l| l.starts_with('#'))
                .collect();
            let range = if key == "currency" {
                "three letters".to_string()
            } else {
                format!("{min} to {max}")
            };
            assert!(comment.contains(&range), "{key}: say '{range}' in its comment");
        }
    }

    #[test]
    fn the_currency_is_three_letters() {
        assert_eq!(
            Config::from_toml("[money]\ncurrency = \"usd\"\n")
                .unwrap()
                .money
                .currency,
            "USD"
        );
        for bad in ["EURO", "", "€", "E1R"] {
            let err = Config::from_toml(&format!("[money]\ncurrency = \"{bad}\"\n")).unwrap_err();
            assert!(err.to_string().contains("not a currency code"), "{bad}: {err}");
        }
    }

    #[test]
    fn syntax_errors_name_their_line_too() {
        let err = Config::from_toml("[nudge]\nlimit = 3\nlimit 4\n").unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
        assert!(!err.to_string().contains('\n'), "one line: {err}");
    }

    /// A TOML-like config: known tables and keys with values of every kind, some out of
    /// range, some not TOML at all.
    fn tomlish() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let table = prop::sample::select(vec![
            "[nudge]",
            "[nudge.weights]",
            "[week]",
            "[money]",
            "[remind]",
            "[remind.smtp]",
            "[calendar]",
            "[",
            "[[nudge]]",
        ]);
        let key = prop::sample::select(
            RANGES
                .iter()
                .map(|r| r.1)
                .chain(["start", "x", "\"a\""])
                .collect::<Vec<_>>(),
        );
        let value = prop_oneof![
            any::<i64>().prop_map(|n| n.to_string()),
            any::<f64>().prop_map(|x| format!("{x:?}")),
            prop::sample::select(vec![
                "nan",
                "-inf",
                "1e999",
                "\"sunday\"",
                "\"EUR\"",
                "{}",
                "[1]",
                "true",
                "1979-05-27"
            ])
            .prop_map(str::to_string),
            "\\PC{0,8}",
        ];
        let line = prop_oneof![
            table.prop_map(str::to_string),
            (key, value).prop_map(|(k, v)| format!("{k} = {v}")),
            "\\PC{0,20}",
        ];
        prop::collection::vec(line, 0..8).prop_map(|lines| lines.join("\n"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        #[test]
        fn reading_never_panics_and_errors_name_a_line_in_the_file(text in tomlish()) {
            if let Err(e) = Config::from_toml(&text) {
                let lines = text.split('\n').count();
                proptest::prop_assert!(e.line.is_none_or(|l| (1..=lines).contains(&l)), "{e} in {text:?}");
                proptest::prop_assert!(!e.to_string().contains('\n'), "{e}");
            }
        }

        #[test]
        fn reading_any_text_never_panics(text in "\\PC{0,60}") {
            let _ = Config::from_toml(&text);
        }

        #[test]
        fn every_number_in_range_reads_back(pick in 0..RANGES.len() - 1, at in 0.0..=1.0f64) {
            let (table, key, min, max) = RANGES[pick];
            #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
            let n = min + ((max - min) as f64 * at) as i64;
            let c = Config::from_toml(&format!("[{table}]\n{key} = {n}\n")).unwrap();
            let shown = format!("{c:?}");
            let written = if table == "nudge.weights" { format!("{key}: {n}.0") } else { format!("{key}: {n}") };
            proptest::prop_assert!(shown.contains(&written), "{key} = {n}: {shown}");
        }
    }

    #[test]
    fn bad_values_are_named() {
        let err = Config::from_toml("[nudge]\nlimit = \"many\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("limit = \"many\""), "{err}");
    }
}

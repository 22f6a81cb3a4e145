//! Where things live (database, config) and what `config.toml` says. Every key has a
//! default; `assets/config.toml` ships those defaults with a comment on each.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow};
use directories::ProjectDirs;
use serde::Deserialize;

use crate::domain::nudge::Rules;
use crate::domain::week::WeekConfig;

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub nudge: Rules,
    pub money: MoneyConfig,
    pub week: WeekConfig,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MoneyConfig {
    /// The currency orders are recorded in (ISO 4217 code).
    pub currency: String,
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
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        let text = match fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(e).with_context(|| format!("reading the config '{}'", path.display())),
        };
        Config::from_toml(&text).map_err(|e| anyhow!("the config '{}' is not valid: {e}", path.display()))
    }

    pub fn from_toml(text: &str) -> Result<Config, toml::de::Error> {
        toml::from_str(text)
    }
}

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "touchbase")
}

/// `--db`/`TOUCHBASE_DB` when given, else `touchbase.db` in the platform data directory.
pub fn database_path(explicit: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    let dirs = project_dirs()
        .ok_or_else(|| anyhow!("cannot find a home directory for the database — pass --db PATH"))?;
    Ok(dirs.data_dir().join("touchbase.db"))
}

/// `TOUCHBASE_CONFIG` when set, else `config.toml` in the platform config directory.
pub fn config_path() -> Option<PathBuf> {
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

    #[test]
    fn bad_values_are_named() {
        let err = Config::from_toml("[nudge]\nlimit = \"many\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("limit = \"many\""), "{err}");
    }
}

//! Schema migrations, applied in order, one transaction each, tracked in `PRAGMA
//! user_version`. A migration only ever adds: data is never destroyed.

use std::sync::LazyLock;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("../../assets/migrations/001_initial.sql")),
        M::up(include_str!("../../assets/migrations/002_cadence_index.sql")),
        M::up(include_str!("../../assets/migrations/003_relationship.sql")),
        M::up(include_str!(
            "../../assets/migrations/004_tier_on_triggers_and_moments.sql"
        )),
        M::up(include_str!("../../assets/migrations/005_name_index.sql")),
        M::up(include_str!("../../assets/migrations/006_unanswered_drops.sql")),
    ])
});

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = 6;

pub fn to_latest(conn: &mut Connection) -> anyhow::Result<()> {
    Ok(MIGRATIONS.to_latest(conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS
            .validate()
            .expect("migrations apply to an empty database");
    }

    #[test]
    fn latest_version_matches_the_list() {
        let mut conn = Connection::open_in_memory().expect("in-memory db");
        to_latest(&mut conn).expect("migrate");
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("user_version");
        assert_eq!(v, LATEST_VERSION);
    }
}

//! What the SeaQuery DSL cannot say (triggers), written once per engine, and the version
//! counters those triggers raise (ADR 0020).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

/// Runs `postgres` on PostgreSQL, else `sqlite`, one statement after another.
pub(crate) async fn run_per_engine(
    manager: &SchemaManager<'_>,
    postgres: &[&str],
    sqlite: &[&str],
) -> Result<(), DbErr> {
    let statements = match manager.get_database_backend() {
        DbBackend::Postgres => postgres,
        _ => sqlite,
    };
    let db = manager.get_connection();
    for sql in statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

/// Adds the version counter `column` (`BIGINT NOT NULL DEFAULT 0`) to `table`.
pub(crate) async fn add_counter(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    column: impl IntoIden,
) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(table)
                .add_column(ColumnDef::new(column).big_integer().not_null().default(0))
                .to_owned(),
        )
        .await
}

/// Drops `column` from `table` (the `down` of [`add_counter`]).
pub(crate) async fn drop_column(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    column: impl IntoIden,
) -> Result<(), DbErr> {
    manager
        .alter_table(Table::alter().table(table).drop_column(column).to_owned())
        .await
}

/// A count a parent row keeps of its child rows (optionally only those whose `status` column
/// equals `status`), raised and lowered by triggers: `parent.column` = the number of `child`
/// rows whose `key` names it.
pub(crate) struct Count {
    /// Trigger and function names start with this.
    pub name: &'static str,
    /// The counted table.
    pub child: &'static str,
    /// Its column naming the parent.
    pub key: &'static str,
    /// Only rows whose `status` equals this string count (`None`: every row).
    pub status: Option<&'static str>,
    /// The table keeping the count.
    pub parent: &'static str,
    /// Its count column.
    pub column: &'static str,
}

impl Count {
    /// `1` when `row` (`NEW` or `OLD`) counts, in SQL (an integer on SQLite, where a
    /// comparison is 0 or 1).
    fn sqlite_weight(&self, row: &str) -> String {
        match self.status {
            Some(status) => format!("({row}.status = '{status}')"),
            None => "1".to_owned(),
        }
    }

    /// SQLite: after insert, after delete, and after a change of the key (or status).
    pub(crate) fn sqlite_up(&self) -> Vec<String> {
        let Self {
            name,
            child,
            key,
            parent,
            column,
            ..
        } = self;
        let (new, old) = (self.sqlite_weight("NEW"), self.sqlite_weight("OLD"));
        let moved = match self.status {
            Some(_) => format!(
                "OF {key}, status ON {child} WHEN OLD.{key} IS NOT NEW.{key} OR OLD.status IS NOT NEW.status"
            ),
            None => format!("OF {key} ON {child} WHEN OLD.{key} IS NOT NEW.{key}"),
        };
        vec![
            format!(
                "CREATE TRIGGER {name}_insert AFTER INSERT ON {child} BEGIN \
                 UPDATE {parent} SET {column} = {column} + {new} WHERE id = NEW.{key}; END"
            ),
            format!(
                "CREATE TRIGGER {name}_delete AFTER DELETE ON {child} BEGIN \
                 UPDATE {parent} SET {column} = {column} - {old} WHERE id = OLD.{key}; END"
            ),
            format!(
                "CREATE TRIGGER {name}_update AFTER UPDATE {moved} BEGIN \
                 UPDATE {parent} SET {column} = {column} - {old} WHERE id = OLD.{key}; \
                 UPDATE {parent} SET {column} = {column} + {new} WHERE id = NEW.{key}; END"
            ),
        ]
    }

    /// SQLite's `down`.
    pub(crate) fn sqlite_down(&self) -> Vec<String> {
        ["update", "delete", "insert"]
            .iter()
            .map(|op| format!("DROP TRIGGER IF EXISTS {}_{op}", self.name))
            .collect()
    }

    /// PostgreSQL: one function and one row trigger.
    pub(crate) fn postgres_up(&self) -> Vec<String> {
        let Self {
            name,
            child,
            key,
            parent,
            column,
            ..
        } = self;
        let (counts_new, counts_old, unchanged) = match self.status {
            Some(status) => (
                format!("NEW.status = '{status}'"),
                format!("OLD.status = '{status}'"),
                format!(
                    "OLD.{key} IS NOT DISTINCT FROM NEW.{key} AND OLD.status IS NOT DISTINCT FROM NEW.status"
                ),
            ),
            None => (
                "TRUE".to_owned(),
                "TRUE".to_owned(),
                format!("OLD.{key} IS NOT DISTINCT FROM NEW.{key}"),
            ),
        };
        vec![
            format!(
                "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN
                   IF TG_OP = 'UPDATE' THEN
                     IF {unchanged} THEN RETURN NULL; END IF;
                   END IF;
                   IF TG_OP IN ('UPDATE', 'DELETE') THEN
                     IF {counts_old} THEN
                       UPDATE {parent} SET {column} = {column} - 1 WHERE id = OLD.{key};
                     END IF;
                   END IF;
                   IF TG_OP IN ('UPDATE', 'INSERT') THEN
                     IF {counts_new} THEN
                       UPDATE {parent} SET {column} = {column} + 1 WHERE id = NEW.{key};
                     END IF;
                   END IF;
                   RETURN NULL;
                 END $$"
            ),
            format!(
                "CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON {child} \
                 FOR EACH ROW EXECUTE FUNCTION {name}()"
            ),
        ]
    }

    /// PostgreSQL's `down`.
    pub(crate) fn postgres_down(&self) -> Vec<String> {
        vec![
            format!("DROP TRIGGER IF EXISTS {0} ON {1}", self.name, self.child),
            format!("DROP FUNCTION IF EXISTS {}()", self.name),
        ]
    }

    /// Sets every parent's count from its rows (the same SQL on both engines).
    pub(crate) fn backfill(&self) -> String {
        let Self {
            child,
            key,
            parent,
            column,
            ..
        } = self;
        let only = self
            .status
            .map(|status| format!(" AND c.status = '{status}'"))
            .unwrap_or_default();
        format!(
            "UPDATE {parent} SET {column} = \
             (SELECT COUNT(*) FROM {child} c WHERE c.{key} = {parent}.id{only})"
        )
    }
}

/// Runs owned statements, `postgres` on PostgreSQL, else `sqlite`.
pub(crate) async fn run_owned_per_engine(
    manager: &SchemaManager<'_>,
    postgres: Vec<String>,
    sqlite: Vec<String>,
) -> Result<(), DbErr> {
    let postgres: Vec<&str> = postgres.iter().map(String::as_str).collect();
    let sqlite: Vec<&str> = sqlite.iter().map(String::as_str).collect();
    run_per_engine(manager, &postgres, &sqlite).await
}

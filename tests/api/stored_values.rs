//! A stored value outside its known set (a hand edit, a bad migration) is an error that is
//! logged and answered with the error page, never read as a guess: a role that is neither
//! member nor leader must not make someone a member, a proposal status nobody knows must not
//! hide or show the proposal silently.

use sea_orm::{ConnectionTrait, Statement};

use roundtable::store::Backend;

use crate::helpers::{TestApp, seed, signed_in, spawn_app};
use crate::meeting_helpers::{create_meeting, propose};

/// Writes `value` into `table.column` for every row, past the CHECK constraint that guards
/// it (as a hand edit or a migration gone wrong would): SQLite ignores CHECKs on one
/// connection, PostgreSQL drops the table's CHECKs first.
async fn corrupt(app: &TestApp, table: &str, column: &str, value: &str, filter: &str) {
    use sea_orm::sqlx::query;
    let update = format!("UPDATE {table} SET {column} = '{value}' WHERE {filter}");
    match app.db.backend {
        Backend::Sqlite => {
            let mut conn = app
                .db
                .conn
                .get_sqlite_connection_pool()
                .acquire()
                .await
                .unwrap();
            query("PRAGMA ignore_check_constraints = ON")
                .execute(&mut *conn)
                .await
                .unwrap();
            query(sea_orm::sqlx::AssertSqlSafe(update))
                .execute(&mut *conn)
                .await
                .unwrap();
            query("PRAGMA ignore_check_constraints = OFF")
                .execute(&mut *conn)
                .await
                .unwrap();
        }
        Backend::Postgres => {
            let drop_checks = format!(
                "DO $$ DECLARE c text; BEGIN \
                   FOR c IN SELECT conname FROM pg_constraint \
                            WHERE conrelid = '{table}'::regclass AND contype = 'c' LOOP \
                     EXECUTE format('ALTER TABLE {table} DROP CONSTRAINT %I', c); \
                   END LOOP; END $$"
            );
            let backend = app.db.conn.get_database_backend();
            for sql in [drop_checks, update] {
                app.db
                    .conn
                    .execute_raw(Statement::from_string(backend, sql))
                    .await
                    .unwrap();
            }
        }
    }
}

#[tokio::test]
async fn an_unknown_stored_role_is_an_error_not_a_member() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let member = signed_in(&app, &world.member).await;
    let team = format!("/teams/{}", world.team_a);
    assert_eq!(member.get(&team).await.status(), 200);
    let member_row = format!("user_id = {}", world.member.id);
    corrupt(&app, "memberships", "role", "owner", &member_row).await;
    let page = member.get(&team).await;
    assert_eq!(page.status(), 500);
    let body = page.text().await.unwrap();
    assert!(
        !body.contains("owner"),
        "the page does not echo the stored value"
    );
}

#[tokio::test]
async fn an_unknown_proposal_status_is_an_error_not_a_hidden_item() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "open").await;
    propose(&leader, slug, id, "Timetable", 10).await;
    let proposals = format!("/teams/{slug}/meetings/{id}/proposals");
    assert_eq!(leader.get(&proposals).await.status(), 200);
    corrupt(&app, "agenda_proposals", "status", "archived", "1 = 1").await;
    assert_eq!(leader.get(&proposals).await.status(), 500);
}

#[tokio::test]
async fn an_unknown_ledger_status_is_an_error_not_pending() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let member = signed_in(&app, &world.member).await;
    let recorded = member
        .post(
            &format!("/teams/{slug}/ledger/exchanges"),
            &[
                ("direction", "gave"),
                ("person", world.leader.id.to_string().as_str()),
                ("minutes", "30"),
                ("category", "cover"),
                ("idempotency_key", "test-key-stored-values-0001"),
            ],
        )
        .await;
    assert_eq!(recorded.status(), 303, "{}", recorded.text().await.unwrap());
    let mine = format!("/teams/{slug}/ledger/me");
    assert_eq!(member.get(&mine).await.status(), 200);
    corrupt(&app, "help_exchanges", "status", "approved", "1 = 1").await;
    assert_eq!(member.get(&mine).await.status(), 500);
}

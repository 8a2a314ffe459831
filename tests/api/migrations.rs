use roundtable::store;
use sea_orm::ConnectionTrait;

use crate::helpers::{connect, fresh_empty_database};

async fn table_exists(db: &store::Database, table: &str) -> bool {
    let sql = match db.backend {
        store::Backend::Sqlite => {
            format!("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{table}'")
        }
        store::Backend::Postgres => format!(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '{table}'"
        ),
    };
    db.conn
        .query_one_raw(sea_orm::Statement::from_string(
            db.conn.get_database_backend(),
            sql,
        ))
        .await
        .unwrap()
        .is_some()
}

#[tokio::test]
async fn migrations_go_up_down_and_up_again() {
    let fresh = fresh_empty_database();
    let db = connect(&fresh.settings).await;

    store::migrate_up(&db).await.unwrap();
    let status = store::migration_status(&db.conn).await.unwrap();
    assert!(!status.is_empty());
    assert!(status.iter().all(|m| m.applied));
    assert!(table_exists(&db, "users").await);

    store::migrate_down(&db, None).await.unwrap();
    let status = store::migration_status(&db.conn).await.unwrap();
    assert!(status.iter().all(|m| !m.applied));
    assert!(!table_exists(&db, "users").await);

    store::migrate_up(&db).await.unwrap();
    assert!(
        store::migration_status(&db.conn)
            .await
            .unwrap()
            .iter()
            .all(|m| m.applied)
    );
    assert!(table_exists(&db, "audit_log").await);
    db.conn.close_by_ref().await.unwrap();
}

//! The SQLite database, its `-wal` and `-shm` files, the cookie key and the data folder are
//! created for the server's owner only: other local users cannot copy the ballots or sessions.

use roundtable::config::Settings;
use roundtable::startup::Application;

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
#[tokio::test]
async fn a_new_sqlite_database_and_its_folder_are_private_to_the_owner() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("nested").join("data");
    let settings = Settings {
        data_dir: data.clone(),
        port: 0,
        log: "warn".to_owned(),
        // The default database: `<data_dir>/roundtable.db`, on both runs of the suite.
        database_url: None,
        ..Settings::default()
    };
    let app = Application::build(settings).await.unwrap();
    let server = app.server_handle();
    let db = app.database().clone();
    tokio::spawn(app.run_until_stopped());

    assert_eq!(mode(&data), 0o700, "data folder");
    assert_eq!(mode(&root.path().join("nested")), 0o700, "created parent");
    let main = data.join("roundtable.db");
    for name in [
        "roundtable.db",
        "roundtable.db-wal",
        "roundtable.db-shm",
        "cookie.key",
    ] {
        assert_eq!(mode(&data.join(name)), 0o600, "{name}");
    }
    assert!(main.exists());

    server.stop(true).await;
    db.conn.close_by_ref().await.unwrap();
}

//! Settings checks: database URLs and their default, `trusted_proxies` ranges, and secrets
//! kept out of `Debug` output.

use super::*;

#[test]
fn debug_output_hides_the_database_password_and_cookie_key() {
    let settings = Settings {
        database_url: Some(DatabaseUrl::new(
            "postgres://app:hunter2@db.example:5432/rt",
        )),
        cookie_key: Some(Secret::new("k".repeat(64))),
        ..Settings::default()
    };
    let shown = format!("{settings:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(!shown.contains(&"k".repeat(64)), "{shown}");
    assert!(shown.contains("app:***@db.example"), "{shown}");
}

#[test]
fn unknown_scheme_is_rejected_with_the_setting_named() {
    let settings = Settings {
        database_url: Some(DatabaseUrl::new("postgress://x@y/z")),
        ..Settings::default()
    };
    let err = settings.validate().unwrap_err().to_string();
    assert!(err.contains("database_url"), "{err}");
    assert!(err.contains("unknown scheme `postgress`"), "{err}");
}

#[test]
fn sqlite_and_postgres_urls_parse() {
    assert_eq!(
        DatabaseUrl::new("sqlite://data/x.db").target().unwrap(),
        DatabaseTarget::Sqlite {
            path: PathBuf::from("data/x.db"),
            create_parent: false
        }
    );
    assert!(matches!(
        DatabaseUrl::new("postgres://postgres@127.0.0.1:5432/rt").target(),
        Ok(DatabaseTarget::Postgres(_))
    ));
    assert!(
        DatabaseUrl::new("postgres://postgres@127.0.0.1:5432/")
            .target()
            .is_err()
    );
    assert!(DatabaseUrl::new("sqlite::memory:").target().is_err());
}

#[test]
fn trusted_proxies_are_addresses_or_ranges() {
    let net = |t: &str| IpNetwork::try_from(t.to_owned());
    let ip = |t: &str| t.parse::<IpAddr>().unwrap();
    assert!(net("10.0.0.0/8").unwrap().contains(ip("10.200.1.2")));
    assert!(!net("10.0.0.0/8").unwrap().contains(ip("11.0.0.1")));
    assert!(net("127.0.0.1").unwrap().contains(ip("127.0.0.1")));
    assert!(!net("127.0.0.1").unwrap().contains(ip("127.0.0.2")));
    assert!(net("127.0.0.1").unwrap().contains(ip("::ffff:127.0.0.1")));
    assert!(net("0.0.0.0/0").unwrap().contains(ip("192.0.2.1")));
    assert!(net("fd00::/8").unwrap().contains(ip("fd12::1")));
    assert!(!net("fd00::/8").unwrap().contains(ip("10.0.0.1")));
    for bad in ["", "10.0.0.0/33", "::/129", "proxy.local", "10.0.0.0/x"] {
        assert!(net(bad).is_err(), "{bad}");
    }
    let err = Figment::from(Serialized::defaults(Settings::default()))
        .merge(("trusted_proxies", vec!["10.0.0.0/99"]))
        .extract::<Settings>()
        .unwrap_err()
        .to_string();
    assert!(err.contains("10.0.0.0/99"), "{err}");
}

#[test]
fn default_database_is_a_file_in_the_data_folder() {
    let target = Settings::default().database_target().unwrap();
    assert_eq!(
        target,
        DatabaseTarget::Sqlite {
            path: PathBuf::from("data/roundtable.db"),
            create_parent: true
        }
    );
}

#[test]
fn mail_needs_a_sender_and_a_public_url_and_hides_its_password() {
    let mut settings = Settings::default();
    assert!(!settings.mail.enabled(), "mail is off by default");
    settings.mail.smtp_host = Some("smtp.school.example".to_owned());
    let err = settings.validate().unwrap_err().to_string();
    assert!(err.contains("mail.from"), "{err}");
    settings.mail.from = Some("Roundtable <roundtable@school.example>".to_owned());
    let err = settings.validate().unwrap_err().to_string();
    assert!(err.contains("public_url"), "{err}");
    settings.public_url = Some("https://roundtable.school.example".to_owned());
    settings.mail.smtp_user = Some("roundtable".to_owned());
    let err = settings.validate().unwrap_err().to_string();
    assert!(err.contains("mail.smtp_password"), "{err}");
    settings.mail.smtp_password = Some(Secret::new("hunter2".to_owned()));
    settings.validate().unwrap();
    assert!(!format!("{settings:?}").contains("hunter2"));
    assert_eq!(settings.mail.port(), 587, "STARTTLS by default");
    settings.mail.from = Some("not an address".to_owned());
    let err = settings.validate().unwrap_err().to_string();
    assert!(err.contains("mail.from"), "{err}");
}

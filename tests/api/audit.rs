//! The audit log's hash chain catches an edited row and a deleted row.

use roundtable::service::audit::{self, Verdict};
use roundtable::store::entities::audit_log;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Iterable, QueryOrder, Set};

use crate::helpers::{seed, spawn_app};

#[tokio::test]
async fn verify_reports_the_first_edited_or_deleted_row() {
    let app = spawn_app().await;
    seed(&app).await;
    let db = &app.db.conn;
    let rows = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await
        .unwrap();
    assert!(
        rows.len() >= 4,
        "team creations, joins and invitations are audited"
    );
    let Verdict::Intact { rows: count, .. } = audit::verify(db).await.unwrap() else {
        panic!("a fresh log is intact");
    };
    assert_eq!(count as usize, rows.len());

    // Edit the second row's detail.
    let second = rows[1].clone();
    let mut edited: audit_log::ActiveModel = second.clone().into();
    edited.detail = Set(r#"{"role":"leader"}"#.to_owned());
    edited.update(db).await.unwrap();
    assert_eq!(
        audit::verify(db).await.unwrap(),
        Verdict::Edited { id: second.id }
    );

    // Put it back, then delete the third row.
    let mut restored: audit_log::ActiveModel = second.clone().into();
    restored.detail = Set(second.detail.clone());
    restored.update(db).await.unwrap();
    assert!(matches!(
        audit::verify(db).await.unwrap(),
        Verdict::Intact { .. }
    ));
    audit_log::Entity::delete_by_id(rows[2].id)
        .exec(db)
        .await
        .unwrap();
    assert_eq!(
        audit::verify(db).await.unwrap(),
        Verdict::Deleted {
            after_gap_id: rows[3].id,
            before_gap_id: Some(second.id)
        }
    );
}

/// The hash an attacker without the chain key can compute: plain SHA-256 of the row.
fn plain_hash(row: &audit_log::Model, prev_hash: &str) -> String {
    use sha2::{Digest, Sha256};
    let stamp = row.occurred_at.unix_timestamp_nanos() / 1_000;
    let content = serde_json::json!([
        prev_hash,
        stamp.to_string(),
        row.actor_id,
        row.team_id,
        row.action.name(),
        row.detail
    ])
    .to_string();
    Sha256::digest(content.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Rewrites every row from `from` on so each links to the one before it, hashing with `hash`;
/// the hashes go through placeholders first because `hash` and `prev_hash` are unique.
async fn rechain(
    db: &sea_orm::DatabaseConnection,
    rows: &[audit_log::Model],
    from: usize,
    hash: impl Fn(&audit_log::Model, &str) -> String,
) {
    for row in &rows[from..] {
        let mut placeholder: audit_log::ActiveModel = row.clone().into();
        placeholder.hash = Set(format!("tmp-h-{}", row.id));
        placeholder.prev_hash = Set(format!("tmp-p-{}", row.id));
        placeholder.update(db).await.unwrap();
    }
    let mut prev = if from == 0 {
        audit::GENESIS.to_owned()
    } else {
        rows[from - 1].hash.clone()
    };
    for row in &rows[from..] {
        let new_hash = hash(row, &prev);
        let mut active: audit_log::ActiveModel = row.clone().into();
        active.prev_hash = Set(prev.clone());
        active.hash = Set(new_hash.clone());
        active.detail = Set(row.detail.clone());
        active.update(db).await.unwrap();
        prev = new_hash;
    }
}

async fn all_rows(db: &sea_orm::DatabaseConnection) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_edited_row_re_chained_without_the_key_is_detected() {
    let app = spawn_app().await;
    seed(&app).await;
    let db = &app.db.conn;
    let mut rows = all_rows(db).await;
    assert!(rows.iter().all(|r| r.hash.starts_with(audit::KEYED_PREFIX)));
    let Verdict::Intact { unkeyed, .. } = audit::verify(db).await.unwrap() else {
        panic!("a fresh log is intact");
    };
    assert_eq!(unkeyed, 0);

    // Someone with write access to the database edits row 2 and recomputes every hash from
    // there with plain SHA-256, as the old chain allowed.
    rows[1].detail = r#"{"role":"leader"}"#.to_owned();
    rechain(db, &rows, 1, plain_hash).await;
    assert_eq!(
        audit::verify(db).await.unwrap(),
        Verdict::Edited { id: rows[1].id }
    );

    // Dressing the plain hashes up as keyed ones does not help either.
    let rows = all_rows(db).await;
    rechain(db, &rows, 1, |row, prev| {
        format!("{}{}", audit::KEYED_PREFIX, plain_hash(row, prev))
    })
    .await;
    assert_eq!(
        audit::verify(db).await.unwrap(),
        Verdict::Edited { id: rows[1].id }
    );
}

#[tokio::test]
async fn a_log_from_before_keying_still_verifies_and_new_rows_are_keyed() {
    let app = spawn_app().await;
    seed(&app).await;
    let db = &app.db.conn;
    // The log as an older version wrote it: plain SHA-256 throughout.
    let rows = all_rows(db).await;
    rechain(db, &rows, 0, plain_hash).await;
    let Verdict::Intact {
        rows: count,
        unkeyed,
        ..
    } = audit::verify(db).await.unwrap()
    else {
        panic!("a plain chain from before keying is intact");
    };
    assert_eq!((count, unkeyed), (rows.len() as u64, rows.len() as u64));

    // The upgraded server appends keyed rows after it.
    audit::record(
        db,
        audit::Entry {
            actor_id: None,
            team_id: None,
            action: audit::AuditAction::MeetingTally,
            detail: serde_json::json!({}),
        },
    )
    .await
    .unwrap();
    let Verdict::Intact { unkeyed, head, .. } = audit::verify(db).await.unwrap() else {
        panic!("still intact");
    };
    assert_eq!(unkeyed, rows.len() as u64);
    assert!(head.starts_with(audit::KEYED_PREFIX));

    // Re-chaining the plain rows now breaks the keyed row after them.
    let mut old = all_rows(db).await;
    old.pop();
    old[1].detail = r#"{"role":"leader"}"#.to_owned();
    rechain(db, &old, 1, plain_hash).await;
    assert!(!matches!(
        audit::verify(db).await.unwrap(),
        Verdict::Intact { .. }
    ));
}

/// The stored names are part of every row's hash: renaming one would break old chains.
#[test]
fn every_action_keeps_its_stored_name() {
    use audit::AuditAction;
    let names: Vec<String> = AuditAction::iter().map(AuditAction::name).collect();
    assert_eq!(
        names,
        [
            "team.create",
            "invitation.create",
            "invitation.revoke",
            "member.join",
            "member.role_change",
            "member.leave",
            "member.remove",
            "team.time_zone",
            "meeting.create",
            "meeting.update",
            "meeting.window_extend",
            "meeting.window_change",
            "meeting.tally",
            "agenda.publish",
            "agenda.deviation",
            "proposal.hide",
            "proposal.merge",
            "help_post.create",
            "help_post.respond",
            "help_post.close",
            "recognition.create",
            "recognition.hide",
            "recognition.show",
            "ledger.settings",
            "ledger.record",
            "ledger.record_for_others",
            "ledger.confirm",
            "ledger.adjust",
            "ledger.dispute",
            "ledger.resolve",
            "ledger.reverse",
            "account.password_change",
            "password_reset.issue",
            "password_reset.use",
            "budget.create",
            "budget.update",
            "budget.phase",
            "budget.review",
            "budget.compute",
            "budget.publish",
            "budget.override",
            "budget.follow_up",
            "comment.add",
            "comment.edit",
            "comment.hide",
            "action.create",
            "action.status",
            "decision.record",
            "meeting.attendance",
            "meeting.note_taker",
            "meeting.close",
            "minutes.publish",
            "team_link.propose",
            "team_link.accept",
            "team_link.remove",
            "meeting.share",
            "meeting.unshare",
            "calendar_feed.create",
            "calendar_feed.revoke",
            "api_token.create",
            "api_token.revoke",
            "checkin.save",
            "role_map.create",
            "role_map.edit",
            "role_map.publish",
            "role_map.close",
            "series.create",
            "series.occurrence_create",
            "series.occurrence_cancel",
            "series.end",
            "series.swap",
            "member.away",
            "member.away_remove",
            "series.edit",
            "meeting.cancel",
            "meeting.uncancel",
        ]
    );
    for action in AuditAction::iter() {
        assert_eq!(action.name().parse::<AuditAction>().unwrap(), action);
        assert_eq!(action.to_string(), action.name());
    }
    assert!("team.delete".parse::<AuditAction>().is_err());
}

#[tokio::test]
async fn an_unknown_stored_action_fails_the_read_and_the_chain() {
    let app = spawn_app().await;
    seed(&app).await;
    let db = &app.db.conn;
    let rows = all_rows(db).await;
    db.execute_unprepared(&format!(
        "UPDATE audit_log SET action = 'team.delete' WHERE id = {}",
        rows[1].id
    ))
    .await
    .unwrap();
    assert!(audit_log::Entity::find().all(db).await.is_err());
    assert_eq!(
        audit::verify(db).await.unwrap(),
        Verdict::Edited { id: rows[1].id }
    );
}

//! The audit log's hash chain catches an edited row and a deleted row.

use roundtable::service::audit::{self, Verdict};
use roundtable::store::entities::audit_log;
use sea_orm::{ActiveModelTrait, EntityTrait, QueryOrder, Set};

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

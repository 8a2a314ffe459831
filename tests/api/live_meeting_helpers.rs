//! The live meeting for tests: an agreed agenda stored as published (the vote and publication
//! have their own tests), and short ways to post to the live page and read pages.

use roundtable::domain::agreed_agenda::{ItemKind, PublishedItem};
use roundtable::domain::clock::Clock;
use roundtable::domain::ids::MeetingId;
use roundtable::store::entities::{agenda_publications, audit_log};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::helpers::{Browser, TestApp};

/// Stores `items` (title, minutes) as the meeting's published agenda.
pub async fn publish_agenda(app: &TestApp, meeting_id: MeetingId, items: &[(&str, u32)]) {
    let items: Vec<PublishedItem> = items
        .iter()
        .map(|(title, minutes)| PublishedItem {
            title: (*title).to_owned(),
            minutes: *minutes,
            proposal_id: None,
            kind: ItemKind::Added,
            rank: None,
        })
        .collect();
    agenda_publications::ActiveModel {
        meeting_id: Set(meeting_id),
        published_at: Set(app.clock.now()),
        published_by: Set(None),
        items: Set(serde_json::to_string(&items).unwrap()),
    }
    .insert(&app.db.conn)
    .await
    .unwrap();
}

/// Posts to `/teams/{slug}/meetings/{meeting}/live/{rest}`; returns the status code.
pub async fn live_post(
    browser: &Browser,
    slug: &str,
    meeting: MeetingId,
    rest: &str,
    fields: &[(&str, &str)],
) -> u16 {
    browser
        .post(
            &format!("/teams/{slug}/meetings/{meeting}/live/{rest}"),
            fields,
        )
        .await
        .status()
        .as_u16()
}

/// The body of a page (asserting 200).
pub async fn page(browser: &Browser, path: &str) -> String {
    let response = browser.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

/// How many audit entries of `action` the log holds.
pub async fn audited(app: &TestApp, action: audit_log::AuditAction) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .count(&app.db.conn)
        .await
        .unwrap()
}

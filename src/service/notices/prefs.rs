//! Each person's channel per kind of notification, the account page's form for it, and the
//! one-click unsubscribe from a kind's mail.

use std::collections::BTreeMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use serde::Serialize;

use super::Chosen;
use crate::domain::ids::UserId;
use crate::domain::notice::{Channel, Kind};
use crate::i18n::{Lang, Msg, text};
use crate::service::{FieldErrors, Result, ServiceError};
use crate::store::entities::notification_preferences as prefs;

/// The channels these people chose for `kind` (people on the default are absent).
pub async fn channels_for(
    db: &impl ConnectionTrait,
    kind: Kind,
    people: impl Iterator<Item = UserId>,
) -> Result<Chosen> {
    let ids: Vec<UserId> = people.collect();
    let mut chosen = Chosen::new();
    for chunk in ids.chunks(500) {
        let rows = prefs::Entity::find()
            .filter(prefs::Column::Kind.eq(kind.as_str()))
            .filter(prefs::Column::UserId.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        for row in rows {
            if let Some(channel) = Channel::parse(&row.channel) {
                chosen.insert(row.user_id, channel);
            }
        }
    }
    Ok(chosen)
}

/// One kind as the account page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct PreferenceRow {
    /// Stored name (the form field's name).
    pub kind: &'static str,
    /// What it is, in the page's language.
    pub label: String,
    /// The channel in force.
    pub channel: &'static str,
    /// The choices, in order: (value, label).
    pub options: Vec<(&'static str, String)>,
}

/// How the account page (and an unsubscribe link) names a kind, in `lang`.
pub fn kind_name(kind: Kind, lang: Lang) -> String {
    let key = match kind {
        Kind::ProposalsOpen => "nk-proposals-open",
        Kind::VotingOpen => "nk-voting-open",
        Kind::VotingReminder => "nk-voting-reminder",
        Kind::AgendaPublished => "nk-agenda-published",
        Kind::ActionAssigned => "nk-action-assigned",
        Kind::ActionOverdue => "nk-action-overdue",
        Kind::Ledger => "nk-ledger",
        Kind::Digest => "nk-digest",
    };
    text(lang, key)
}

/// How the account page names a channel, in `lang`.
pub fn channel_name(channel: Channel, lang: Lang) -> String {
    let key = match channel {
        Channel::Email => "nk-channel-email",
        Channel::InApp => "nk-channel-in-app",
        Channel::Off => "nk-channel-off",
    };
    text(lang, key)
}

/// The person's channel for every choosable kind, named in `lang`.
pub async fn list(
    db: &impl ConnectionTrait,
    user_id: UserId,
    lang: Lang,
) -> Result<Vec<PreferenceRow>> {
    let stored: BTreeMap<String, String> = prefs::Entity::find()
        .filter(prefs::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.kind, p.channel))
        .collect();
    Ok(Kind::choosable_kinds()
        .map(|kind| {
            let channel = stored
                .get(kind.as_str())
                .and_then(|c| Channel::parse(c))
                .unwrap_or_else(|| kind.default_channel());
            PreferenceRow {
                kind: kind.as_str(),
                label: kind_name(kind, lang),
                channel: channel.as_str(),
                options: Channel::ALL
                    .into_iter()
                    .map(|c| (c.as_str(), channel_name(c, lang)))
                    .collect(),
            }
        })
        .collect())
}

/// Saves the account page's choices (`kind → channel`); every choosable kind must be present
/// with a known channel, or nothing is saved.
pub async fn save(
    db: &DatabaseConnection,
    user_id: UserId,
    form: &BTreeMap<String, String>,
) -> Result<()> {
    let mut errors = FieldErrors::new();
    let mut choices = Vec::new();
    for kind in Kind::choosable_kinds() {
        match form
            .get(kind.as_str())
            .and_then(|v| Channel::parse(v.trim()))
        {
            Some(channel) => choices.push((kind, channel)),
            None => errors.add(kind.as_str(), Msg::new("nk-choose-channel")),
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let txn = db.begin().await?;
    for (kind, channel) in choices {
        set(&txn, user_id, kind, channel).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Changes only the kinds named in `changes` (`kind → channel`), keeping the others, on `db`
/// (which may be the caller's transaction): the API's partial form of [`save`]. An unknown or
/// unchoosable kind, or an unknown channel, is an error on that kind's name and nothing is
/// saved.
pub async fn save_some(
    db: &impl ConnectionTrait,
    user_id: UserId,
    changes: &BTreeMap<String, String>,
) -> Result<()> {
    let mut errors = FieldErrors::new();
    let mut choices = Vec::new();
    for (name, value) in changes {
        match Kind::parse(name).filter(|k| k.choosable()) {
            None => errors.add(name, Msg::new("nk-choose-channel")),
            Some(kind) => match Channel::parse(value.trim()) {
                Some(channel) => choices.push((kind, channel)),
                None => errors.add(name, Msg::new("nk-choose-channel")),
            },
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    for (kind, channel) in choices {
        set(db, user_id, kind, channel).await?;
    }
    Ok(())
}

/// Stops mail of one kind (the notification centre keeps it): what an unsubscribe link does.
/// Saying it twice changes nothing.
pub async fn unsubscribe(db: &impl ConnectionTrait, user_id: UserId, kind: Kind) -> Result<()> {
    let current = channels_for(db, kind, std::iter::once(user_id)).await?;
    let channel = current
        .get(&user_id)
        .copied()
        .unwrap_or_else(|| kind.default_channel());
    if channel == Channel::Email {
        set(db, user_id, kind, Channel::InApp).await?;
    }
    Ok(())
}

async fn set(
    db: &impl ConnectionTrait,
    user_id: UserId,
    kind: Kind,
    channel: Channel,
) -> Result<()> {
    prefs::Entity::insert(prefs::ActiveModel {
        user_id: Set(user_id),
        kind: Set(kind.as_str().to_owned()),
        channel: Set(channel.as_str().to_owned()),
    })
    .on_conflict(
        OnConflict::columns([prefs::Column::UserId, prefs::Column::Kind])
            .update_column(prefs::Column::Channel)
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

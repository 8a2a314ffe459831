//! Telling people things: one notice fans out to the in-app notification centre and, where the
//! site sends mail and the person wants it, to the mail queue, in the caller's transaction.
//!
//! - [`deliver`] writes one notice for many recipients by their preferences;
//! - [`queue_mail`] queues one message to an address (invitations, reset links);
//! - [`prefs`] reads and changes each person's channel per kind, and unsubscribes;
//! - [`centre`] is the notification centre (list, unread count, mark read);
//! - [`schedule`] announces what the clock brings (windows opening, reminders, overdue
//!   actions, digests), once each across every server;
//! - [`outbox`] sends queued mail in the background with leases, retries and backoff.

pub mod centre;
pub mod outbox;
pub mod prefs;
pub mod schedule;

use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QuerySelect, Set};
use time::OffsetDateTime;

use crate::config::Settings;
use crate::domain::ids::{TeamId, UserId};
use crate::domain::notice::{Channel, Kind};
use crate::domain::zone::Zone;
use crate::i18n::{Lang, Msg};
use crate::service::Result;
use crate::store::entities::{mail_outbox, memberships, notifications};

/// What the site can do to reach people: whether it sends mail, and the address people use to
/// reach it (for links in mail).
#[derive(Debug, Clone, Copy)]
pub struct Delivery<'a> {
    /// Mail is configured (`mail.smtp_host`).
    pub mail: bool,
    /// `public_url` without a trailing slash (empty when mail is off).
    pub base_url: &'a str,
}

impl<'a> Delivery<'a> {
    /// The delivery the settings describe.
    pub fn of(settings: &'a Settings) -> Self {
        let base_url = settings
            .public_url
            .as_deref()
            .unwrap_or("")
            .trim_end_matches('/');
        Self {
            mail: settings.mail.enabled(),
            base_url,
        }
    }

    /// In-app only: for tools and tests that send no mail.
    pub fn in_app_only() -> Delivery<'static> {
        Delivery {
            mail: false,
            base_url: "",
        }
    }

    /// An absolute link to a local path.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

/// A file sent with a message (the agreed agenda's calendar file).
#[derive(Debug, Clone)]
pub struct Attachment {
    /// File name, e.g. `agenda.ics`.
    pub name: String,
    /// MIME type, e.g. `text/calendar; charset=utf-8`.
    pub content_type: String,
    /// The file's text.
    pub content: String,
}

/// One thing to tell people.
#[derive(Debug, Clone)]
pub struct Notice {
    /// What kind it is (decides each person's channel).
    pub kind: Kind,
    /// The team it concerns.
    pub team_id: TeamId,
    /// One line for the notification centre.
    pub message: Msg,
    /// The local path to act on it.
    pub link: String,
    /// The mail subject.
    pub subject: Msg,
    /// The mail body's lines (plain text); the link and an unsubscribe footer are added.
    pub body: Vec<Msg>,
    /// A file to attach to the mail.
    pub attachment: Option<Attachment>,
}

/// Someone to tell.
#[derive(Debug, Clone)]
pub struct Recipient {
    /// Their account.
    pub id: UserId,
    /// Their address.
    pub email: String,
    /// The language they read (their choice; English when they made none).
    pub lang: Lang,
    /// The zone they chose to read times in (`None`: each moment in its team's zone).
    pub zone: Option<Zone>,
}

/// A notice's texts in one language.
struct Texts {
    message: String,
    subject: String,
    body: String,
}

impl Notice {
    fn texts(&self, lang: Lang, zone: Option<Zone>) -> Texts {
        Texts {
            message: self.message.render_in(lang, zone),
            subject: self.subject.render_in(lang, zone),
            body: lines(&self.body, lang, zone),
        }
    }
}

/// Mail lines in `lang` (times on `zone`'s clock when given), one per line.
fn lines(body: &[Msg], lang: Lang, zone: Option<Zone>) -> String {
    let body: Vec<String> = body.iter().map(|line| line.render_in(lang, zone)).collect();
    body.join("\n")
}

/// Tells each recipient `notice` by their channel for its kind: nothing when off, the
/// notification centre otherwise, and the mail queue too when they chose email and the site
/// sends mail. Returns how many were told. Runs in the caller's transaction, so a notice exists
/// exactly when what it announces does.
pub async fn deliver(
    db: &impl ConnectionTrait,
    delivery: Delivery<'_>,
    notice: &Notice,
    recipients: &[Recipient],
    now: OffsetDateTime,
) -> Result<usize> {
    if recipients.is_empty() {
        return Ok(0);
    }
    let chosen = prefs::channels_for(db, notice.kind, recipients.iter().map(|r| r.id)).await?;
    // Each recipient reads it in their language and zone; each pair is written once.
    let mut texts: HashMap<(Lang, Option<&'static str>), Texts> = HashMap::new();
    let mut in_app = Vec::new();
    let mut mail = Vec::new();
    for r in recipients {
        let channel = chosen
            .get(&r.id)
            .copied()
            .unwrap_or_else(|| notice.kind.default_channel());
        if !channel.in_app() {
            continue;
        }
        let text = texts
            .entry((r.lang, r.zone.map(Zone::name)))
            .or_insert_with(|| notice.texts(r.lang, r.zone));
        in_app.push(notifications::ActiveModel {
            user_id: Set(r.id),
            team_id: Set(notice.team_id),
            kind: Set(notice.kind.as_str().to_owned()),
            message: Set(text.message.clone()),
            link: Set(notice.link.clone()),
            created_at: Set(now),
            read_at: Set(None),
            ..Default::default()
        });
        if channel == Channel::Email && delivery.mail {
            let body = format!(
                "{}\n\n{}\n",
                text.body.trim_end(),
                delivery.link(&notice.link)
            );
            mail.push(outbox_row(
                Some(r.id),
                notice.kind.as_str(),
                &r.email,
                &text.subject,
                body,
                notice.attachment.as_ref(),
                now,
            ));
        }
    }
    let told = in_app.len();
    crate::store::insert_in_chunks(db, &in_app).await?;
    crate::store::insert_in_chunks(db, &mail).await?;
    Ok(told)
}

/// One message to one address (invitations, reset links), written in its reader's language.
#[derive(Debug, Clone)]
pub struct Letter<'a> {
    /// Names it in the queue (`invitation`, `reset`).
    pub kind: &'a str,
    /// The account it goes to, if the address has one.
    pub user_id: Option<UserId>,
    /// The address.
    pub to: &'a str,
    /// The language it is written in.
    pub lang: Lang,
    /// The subject.
    pub subject: Msg,
    /// The body's lines (plain text).
    pub body: Vec<Msg>,
}

/// Queues `letter` in the caller's transaction. Such mail is sent whatever the person's
/// preferences: they asked for it, or someone did on their behalf.
pub async fn queue_mail(
    db: &impl ConnectionTrait,
    letter: Letter<'_>,
    now: OffsetDateTime,
) -> Result<()> {
    let subject = letter.subject.render(letter.lang);
    let body = format!("{}\n", lines(&letter.body, letter.lang, None).trim_end());
    outbox_row(
        letter.user_id,
        letter.kind,
        letter.to,
        &subject,
        body,
        None,
        now,
    )
    .insert(db)
    .await?;
    Ok(())
}

fn outbox_row(
    user_id: Option<UserId>,
    kind: &str,
    to: &str,
    subject: &str,
    body: String,
    attachment: Option<&Attachment>,
    now: OffsetDateTime,
) -> mail_outbox::ActiveModel {
    mail_outbox::ActiveModel {
        user_id: Set(user_id),
        kind: Set(kind.to_owned()),
        to_address: Set(to.to_owned()),
        subject: Set(subject.chars().take(300).collect()),
        body: Set(body),
        attachment_name: Set(attachment.map(|a| a.name.clone())),
        attachment_type: Set(attachment.map(|a| a.content_type.clone())),
        attachment: Set(attachment.map(|a| a.content.clone())),
        created_at: Set(now),
        next_attempt_at: Set(now),
        attempts: Set(0),
        lease_owner: Set(None),
        lease_until: Set(None),
        sent_at: Set(None),
        failed_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
}

/// Every member of the team with their address, in id order.
pub async fn team_recipients(db: &impl ConnectionTrait, team_id: TeamId) -> Result<Vec<Recipient>> {
    use crate::store::entities::users;
    use sea_orm::QueryOrder;

    let rows: Vec<(UserId, String, Option<String>, Option<String>)> =
        crate::service::teams::memberships_with_people(team_id)
            .select_only()
            .column(memberships::Column::UserId)
            .column(users::Column::Email)
            .column(users::Column::Language)
            .column(users::Column::TimeZone)
            .order_by_asc(memberships::Column::UserId)
            .into_tuple()
            .all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, email, language, zone)| Recipient {
            id,
            email,
            lang: reads(language.as_deref()),
            zone: zone.as_deref().map(Zone::stored),
        })
        .collect())
}

/// One person as a recipient (for notices to one person, such as an assigned action).
pub async fn recipient(db: &impl ConnectionTrait, user_id: UserId) -> Result<Option<Recipient>> {
    use crate::store::entities::users;
    Ok(users::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .map(|u| Recipient {
            id: u.id,
            lang: reads(u.language.as_deref()),
            zone: u.time_zone.as_deref().map(Zone::stored),
            email: u.email,
        }))
}

/// The language a person chose on their account (`None`: no choice, or no such account).
pub async fn chosen_language(db: &impl ConnectionTrait, user_id: UserId) -> Result<Option<Lang>> {
    use crate::store::entities::users;
    let language: Option<Option<String>> = users::Entity::find_by_id(user_id)
        .select_only()
        .column(users::Column::Language)
        .into_tuple()
        .one(db)
        .await?;
    Ok(language.flatten().as_deref().and_then(Lang::parse))
}

/// The language a person reads, from their stored choice (English when they made none: mail
/// is written without a browser to ask).
pub fn reads(language: Option<&str>) -> Lang {
    language.and_then(Lang::parse).unwrap_or(Lang::En)
}

/// Channels chosen by these people for one kind (people on the default are absent).
pub(crate) type Chosen = HashMap<UserId, Channel>;

//! Sending mail over SMTP with `lettre` (ADR 0015): the transport built from `[mail]`
//! settings, a queued row turned into a message (with its attachment, a stable `Message-ID`
//! and a one-click unsubscribe link for notification kinds), and `roundtable mail test`.

use std::time::Duration;

use anyhow::Context;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::auth::unsubscribe::UnsubscribeKey;
use crate::config::{Settings, SmtpTls};
use crate::domain::notice::Kind;
use crate::i18n::{Lang, Msg};
use crate::store::entities::mail_outbox;

/// How long one SMTP exchange may take before it counts as failed (and is retried later).
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

/// A configured SMTP sender.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    base_url: String,
    host: String,
    unsubscribe: UnsubscribeKey,
    owner: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .field("owner", &self.owner)
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// The sender the settings describe, or `None` when mail is off. `master` is the cookie
    /// key's master bytes (unsubscribe links are signed with a key derived from it).
    pub fn from_settings(settings: &Settings, master: &[u8]) -> anyhow::Result<Option<Self>> {
        let mail = &settings.mail;
        let Some(host) = mail.smtp_host.as_deref() else {
            return Ok(None);
        };
        let builder = match mail.smtp_tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                .with_context(|| format!("setting `mail.smtp_host`: {host}"))?,
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
                .with_context(|| format!("setting `mail.smtp_host`: {host}"))?,
        };
        let mut builder = builder.port(mail.port()).timeout(Some(SMTP_TIMEOUT));
        if let (Some(user), Some(password)) = (&mail.smtp_user, &mail.smtp_password) {
            builder =
                builder.credentials(Credentials::new(user.clone(), password.expose().to_owned()));
        }
        let from: Mailbox = mail
            .from
            .as_deref()
            .unwrap_or_default()
            .parse()
            .context("setting `mail.from`")?;
        let base_url = settings
            .public_url
            .as_deref()
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_owned();
        let host = url::Url::parse(&base_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "roundtable.invalid".to_owned());
        Ok(Some(Self {
            transport: builder.build(),
            from,
            base_url,
            host,
            unsubscribe: UnsubscribeKey::derive(master),
            owner: format!(
                "{}-{}",
                std::process::id(),
                crate::auth::tokens::random_token()[..12].to_owned()
            ),
        }))
    }

    /// This process's name on the rows it leases.
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// The message for a queued row. Notification kinds carry an unsubscribe link (in the
    /// body, in `lang`, the recipient's language, and as `List-Unsubscribe` with one-click
    /// `POST`, RFC 8058).
    pub fn message(&self, row: &mail_outbox::Model, lang: Lang) -> Result<Message, String> {
        let to: Mailbox = row
            .to_address
            .parse()
            .map_err(|e| format!("address {}: {e}", row.to_address))?;
        let mut body = row.body.clone();
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(row.subject.clone())
            .message_id(Some(format!(
                "<roundtable.{}.{}@{}>",
                row.id,
                row.created_at.unix_timestamp(),
                self.host
            )));
        if let (Some(user_id), Some(kind)) = (row.user_id, Kind::parse(&row.kind)) {
            let link = format!(
                "{}/unsubscribe/{}",
                self.base_url,
                self.unsubscribe.sign(user_id, kind)
            );
            let settings = format!("{}/account#notifications", self.base_url);
            body.push_str(&format!(
                "\n--\n{}\n{}\n",
                Msg::new("mail-footer-settings")
                    .arg("link", settings)
                    .render(lang),
                Msg::new("mail-footer-stop")
                    .arg("link", link.as_str())
                    .render(lang)
            ));
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{link}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        let text = SinglePart::plain(body);
        let built = match (&row.attachment_name, &row.attachment_type, &row.attachment) {
            (Some(name), Some(kind), Some(content)) => {
                let content_type = ContentType::parse(kind).map_err(|e| format!("{kind}: {e}"))?;
                builder.multipart(
                    MultiPart::mixed().singlepart(text).singlepart(
                        Attachment::new(name.clone()).body(content.clone(), content_type),
                    ),
                )
            }
            _ => builder.singlepart(text),
        };
        built.map_err(|e| e.to_string())
    }

    /// Sends one queued row, its footer in `lang`; the error is kept on the row for the
    /// operator.
    pub async fn send_row(&self, row: &mail_outbox::Model, lang: Lang) -> Result<(), String> {
        let message = self.message(row, lang)?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// Sends a test message at once (not through the queue), for `roundtable mail test`.
    pub async fn send_test(&self, to: &str) -> anyhow::Result<()> {
        let to: Mailbox = to
            .parse()
            .with_context(|| format!("`{to}` is not an email address"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject("Roundtable: test message")
            .singlepart(SinglePart::plain(format!(
                "This is a test message from Roundtable at {}.\nIf you can read it, mail is set up.\n",
                self.base_url
            )))?;
        self.transport
            .send(message)
            .await
            .context("the SMTP server refused or did not answer")?;
        Ok(())
    }
}

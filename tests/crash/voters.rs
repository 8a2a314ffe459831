//! Voters: each has its own cookie jar (so its session survives the server's restarts: the
//! session row and the cookie key are on disk), loads the ballot form, and posts it with the
//! form's CSRF token. A ballot is recorded as acknowledged only after the `303` to its
//! receipt; one sent but not answered (the kill cut it off) is recorded as "submitted", and
//! may or may not have been stored.

use std::collections::BTreeMap;
use std::time::Duration;

use roundtable::domain::ids::{MeetingId, UserId};

use crate::helpers::PASSWORD;
use crate::plan::Rng;
use crate::world::{Meeting, Member};

/// What one voter did in one meeting, over every round.
#[derive(Debug, Default, Clone)]
pub struct Record {
    /// The last ranking the server acknowledged.
    pub acked: Option<Vec<i64>>,
    /// Its receipt fingerprint, when the voter read the receipt page.
    pub receipt: Option<String>,
    /// Rankings sent after it whose answer never came.
    pub later: Vec<Vec<i64>>,
    /// Ballots acknowledged, and ballots sent (acknowledged or not).
    pub acks: usize,
    pub sent: usize,
}

impl Record {
    /// A stored ranking this voter may have: the last acknowledged one or a later one sent.
    pub fn allows(&self, stored: &[i64]) -> bool {
        self.acked.as_deref() == Some(stored) || self.later.iter().any(|r| r == stored)
    }

    /// Whether a ballot may exist at all (something was sent).
    pub fn may_exist(&self) -> bool {
        self.acked.is_some() || !self.later.is_empty()
    }
}

/// How a cast went.
enum Cast {
    /// `303` to the receipt.
    Acked,
    /// `422` because voting has closed.
    Closed,
    /// `503` (busy): not saved, try again.
    Busy,
    /// The server is gone (connection refused or cut).
    Down,
}

/// A member with a browser.
pub struct Voter {
    pub member: Member,
    client: reqwest::Client,
    rng: Rng,
    pub records: BTreeMap<MeetingId, Record>,
    /// Answers that should never happen (a 500, a lost session, a refused token).
    pub failures: Vec<String>,
}

impl Voter {
    pub fn new(member: Member, rng: Rng) -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            // A fresh connection per request: a pooled one may belong to a killed server.
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        Self {
            member,
            client,
            rng,
            records: BTreeMap::new(),
            failures: Vec::new(),
        }
    }

    pub fn id(&self) -> UserId {
        self.member.id
    }

    pub fn record(&self, meeting: MeetingId) -> Record {
        self.records.get(&meeting).cloned().unwrap_or_default()
    }

    fn fail(&mut self, what: String) {
        self.failures.push(format!("{}: {what}", self.member.email));
    }

    /// Signs in through the form (once: the session outlives restarts).
    pub async fn sign_in(&mut self, base: &str) {
        let page = self
            .client
            .get(format!("{base}/login"))
            .send()
            .await
            .unwrap();
        let token = csrf(&page.text().await.unwrap()).expect("a CSRF token on /login");
        let response = self
            .client
            .post(format!("{base}/login"))
            .form(&[
                ("email", self.member.email.as_str()),
                ("password", PASSWORD),
                ("csrf_token", token.as_str()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "sign-in of {}", self.member.email);
    }

    /// Casts ballots in random meetings until the server goes away (or, with `until_closed`,
    /// until voting closes in every meeting); pauses `pause` (ms, low and high) between
    /// casts, and with `receipts` reads the receipt page after each.
    pub async fn vote(
        &mut self,
        base: &str,
        slug: &str,
        meetings: &[Meeting],
        pause: (u64, u64),
        receipts: bool,
    ) {
        let mut open: Vec<&Meeting> = meetings.iter().collect();
        while !open.is_empty() {
            let pick = self.rng.below(open.len() as u64) as usize;
            let meeting = open[pick];
            let ranking = self.rng.ranking(&meeting.items);
            match self.cast(base, slug, meeting, ranking, receipts).await {
                Cast::Acked | Cast::Busy => {}
                Cast::Closed => {
                    open.swap_remove(pick);
                }
                Cast::Down => return,
            }
            if pause.1 > 0 {
                tokio::time::sleep(self.rng.millis(pause.0, pause.1)).await;
            }
        }
    }

    /// Loads the results page of each meeting in turn (which tallies a closed meeting if
    /// nobody has yet) until the server goes away; each answer must be 200.
    pub async fn read_results(&mut self, base: &str, slug: &str, meetings: &[Meeting]) {
        loop {
            for meeting in meetings {
                let url = format!("{base}/teams/{slug}/meetings/{}/results", meeting.id);
                match self.client.get(&url).send().await {
                    Err(_) => return,
                    Ok(r) if r.status() == 200 || r.status() == 503 => {}
                    Ok(r) => {
                        let status = r.status();
                        self.fail(format!("GET {url}: {status}"));
                        return;
                    }
                }
            }
            tokio::time::sleep(self.rng.millis(100, 400)).await;
        }
    }

    /// Loads the ballot form, then posts `ranking` with the form's CSRF token.
    async fn cast(
        &mut self,
        base: &str,
        slug: &str,
        meeting: &Meeting,
        ranking: Vec<i64>,
        receipts: bool,
    ) -> Cast {
        let url = format!("{base}/teams/{slug}/meetings/{}/ballot", meeting.id);
        let page = match self.client.get(&url).send().await {
            Err(_) => return Cast::Down,
            Ok(page) => page,
        };
        match page.status().as_u16() {
            200 => {}
            503 => return Cast::Busy,
            status => {
                let body = page.text().await.unwrap_or_default();
                self.fail(format!("GET {url}: {status} {}", snippet(&body)));
                return Cast::Down;
            }
        }
        let Ok(html) = page.text().await else {
            return Cast::Down;
        };
        let Some(token) = csrf(&html) else {
            self.fail(format!("GET {url}: no CSRF token (signed out?)"));
            return Cast::Down;
        };
        let mut form: Vec<(String, String)> = ranking
            .iter()
            .enumerate()
            .map(|(i, id)| (format!("rank_{id}"), (i + 1).to_string()))
            .collect();
        form.push(("csrf_token".to_owned(), token));
        // Recorded before it is sent: from here on it may be stored.
        let record = self.records.entry(meeting.id).or_default();
        record.later.push(ranking.clone());
        record.sent += 1;
        let response = match self.client.post(&url).form(&form).send().await {
            Err(_) => return Cast::Down,
            Ok(r) => r,
        };
        match response.status().as_u16() {
            303 => {
                let location = response
                    .headers()
                    .get("location")
                    .and_then(|l| l.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                if !location.ends_with("/ballot/receipt") {
                    self.fail(format!("POST {url}: redirected to {location:?}"));
                    return Cast::Down;
                }
                let record = self.records.entry(meeting.id).or_default();
                record.acked = Some(ranking);
                record.receipt = None;
                record.later.clear();
                record.acks += 1;
                if receipts {
                    let hash = self.receipt(&format!("{base}{location}")).await;
                    self.records.entry(meeting.id).or_default().receipt = hash;
                }
                Cast::Acked
            }
            422 => {
                let body = response.text().await.unwrap_or_default();
                if body.contains("Voting is not open") {
                    Cast::Closed
                } else {
                    self.fail(format!("POST {url}: 422 {}", snippet(&body)));
                    Cast::Down
                }
            }
            503 => Cast::Busy,
            status => {
                let body = response.text().await.unwrap_or_default();
                self.fail(format!("POST {url}: {status} {}", snippet(&body)));
                Cast::Down
            }
        }
    }

    /// The receipt fingerprint shown on the receipt page (`None` if the page did not come).
    async fn receipt(&mut self, url: &str) -> Option<String> {
        let page = self.client.get(url).send().await.ok()?;
        if page.status() != 200 {
            return None;
        }
        let html = page.text().await.ok()?;
        let marker = r#"<code class="hash">"#;
        let start = html.find(marker)? + marker.len();
        let end = html[start..].find("</code>")? + start;
        Some(html[start..end].to_owned())
    }
}

/// The CSRF token of the first form on a page.
fn csrf(html: &str) -> Option<String> {
    let marker = r#"name="csrf_token" value=""#;
    let start = html.find(marker)? + marker.len();
    html.get(start..start + 64).map(str::to_owned)
}

fn snippet(body: &str) -> String {
    body.chars().take(300).collect()
}

impl Voter {
    /// The status of a plain GET in this voter's session.
    pub async fn get_status(&self, url: &str) -> u16 {
        self.client.get(url).send().await.unwrap().status().as_u16()
    }
}

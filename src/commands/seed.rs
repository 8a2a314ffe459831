//! `roundtable dev seed`: a development command that fills an **empty** database with a team
//! of made-up members and a meeting whose voting is open, for the load benchmark
//! (`benches/load.rs`) and for trying the site at size. Everything goes through the same
//! services as the web forms (accounts, invitations, meetings, proposals), so the rows are
//! exactly what people would create; the only shortcuts are that every member shares one
//! password, hashed once, and that the meeting and its proposals are created "as of" two
//! hours ago (the services take the time as an argument) so that voting is open now.
//! It signs nobody in: sessions come from the real sign-in form. For the API's contract test
//! (`tests/contract/run.sh`) it can also make the leader read-write API tokens, through the
//! same service as the account page, a second meeting whose proposal window is open and a
//! budget round taking ideas.

use futures_util::{StreamExt, TryStreamExt};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait, TransactionTrait};
use serde::Serialize;
use time::{Duration, OffsetDateTime};

use crate::access::Principal;
use crate::domain::ids::{MeetingId, ProposalId, RoundId, UserId};
use crate::domain::meeting::input_value;
use crate::domain::zone::Zone;
use crate::service::accounts::{self, NewUser};
use crate::service::meetings::{self, MeetingForm, proposals};
use crate::service::{ServiceError, api_tokens, budgets, invitations, teams};
use crate::store::entities::users;

/// `roundtable dev seed` arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct SeedArgs {
    /// Members of the team besides its leader (`member00001@seed.test`, ...).
    #[arg(long, default_value_t = 2_000)]
    pub members: usize,
    /// Proposals on the meeting's ballot.
    #[arg(long, default_value_t = 10)]
    pub proposals: usize,
    /// Meetings with voting open (each with its own proposals).
    #[arg(long, default_value_t = 1)]
    pub meetings: usize,
    /// Open ballots with live results (default: secret ballots, results after the close).
    #[arg(long)]
    pub live_results: bool,
    /// Hours from now until voting closes.
    #[arg(long, default_value_t = 24)]
    pub voting_hours: i64,
    /// Also make the leader this many read-write API tokens (printed once, as `api_tokens`;
    /// at most the 25 a person may hold).
    #[arg(long, default_value_t = 0)]
    pub api_tokens: usize,
    /// Also a meeting whose proposal window is open (`proposing_meeting`), no ballot cast, with
    /// the leader's proposal (`proposing_item`) and `--proposals` − 1 more by members.
    #[arg(long)]
    pub proposing_meeting: bool,
    /// Also a budget round whose ideas phase is open (`budget_round`).
    #[arg(long)]
    pub budget_round: bool,
}

/// What was created, printed as one JSON line for scripts.
#[derive(Debug, Serialize)]
pub struct Seeded {
    /// The team's address segment.
    pub team: String,
    /// The meetings whose voting is open.
    pub meetings: Vec<MeetingId>,
    /// The site administrator's email.
    pub admin: String,
    /// The team leader's email.
    pub leader: String,
    /// How many members besides the leader; member `i` (from 1) is [`member_email`]`(i)`.
    pub members: usize,
    /// With `--proposing-meeting`: the meeting whose proposal window is open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposing_meeting: Option<MeetingId>,
    /// With `--proposing-meeting`: its first item, the leader's (a leader may still hide it or
    /// merge it into any other).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposing_item: Option<ProposalId>,
    /// With `--budget-round`: the round taking ideas.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_round: Option<RoundId>,
    /// With `--api-tokens`: the leader's read-write bearer tokens (`rt_…`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub api_tokens: Vec<String>,
}

/// The email of seeded member `i` (1-based).
pub fn member_email(i: usize) -> String {
    format!("member{i:05}@seed.test")
}

/// Members joined per invitation link (its most uses).
const PER_INVITATION: usize = 100;
/// Accounts inserted per transaction, and acceptances in flight at once.
const CHUNK: usize = 500;
const IN_FLIGHT: usize = 8;

fn as_user(id: UserId, is_admin: bool) -> Principal {
    Principal {
        user_id: Some(id),
        is_admin,
        zone: None,
    }
}

/// Creates the team, its members and an open meeting; refuses a database that has accounts.
pub async fn run(
    db: &DatabaseConnection,
    args: &SeedArgs,
    password: &str,
) -> anyhow::Result<Seeded> {
    if users::Entity::find().count(db).await? > 0 {
        anyhow::bail!("dev seed fills an empty database only, and this one has accounts");
    }
    let now = crate::clock::now();
    let admin_email = "admin@seed.test".to_owned();
    let leader_email = "leader@seed.test".to_owned();
    let admin = accounts::create_user(
        db,
        NewUser {
            email: &admin_email,
            display_name: "Seed Admin",
            password,
            is_admin: true,
        },
    )
    .await?;
    let shared = accounts::prepare_user(NewUser {
        email: &leader_email,
        display_name: "Seed Leader",
        password,
        is_admin: false,
    })
    .await?;
    let created = teams::create_team(
        db,
        as_user(admin.id, true),
        &teams::TeamForm {
            name: "Seed district network".to_owned(),
            slug: String::new(),
            purpose: "A made-up team for load tests and trying the site at size.".to_owned(),
            time_zone: String::new(),
        },
    )
    .await?;
    let slug = created.team.slug.clone();
    let mut member_ids = Vec::with_capacity(args.members);
    let mut chunk_start = 1;
    while chunk_start <= args.members {
        let chunk_end = (chunk_start + CHUNK - 1).min(args.members);
        let txn = db.begin().await?;
        for i in chunk_start..=chunk_end {
            let account =
                shared.same_password_for(&member_email(i), &format!("Member {i:05} Seed"))?;
            member_ids.push(accounts::insert_user(&txn, account).await?.id);
        }
        txn.commit().await?;
        chunk_start = chunk_end + 1;
    }
    let leader = accounts::insert_user(db, shared).await?;
    invitations::accept(
        db,
        &created.leader_invitation,
        invitations::Joiner::Existing(leader.id),
    )
    .await?;
    let leader_principal = as_user(leader.id, false);
    for group in member_ids.chunks(PER_INVITATION) {
        let invited = teams::invite(
            db,
            leader_principal,
            &slug,
            &teams::InvitationForm {
                role: "member".to_owned(),
                max_uses: group.len().to_string(),
                valid_days: "7".to_owned(),
                emails: String::new(),
            },
            crate::service::notices::Delivery::in_app_only(),
            crate::clock::now(),
        )
        .await?;
        let teams::Invited::Link(token) = invited else {
            anyhow::bail!("an invitation without addresses gives a link");
        };
        futures_util::stream::iter(group.iter().copied())
            .map(|id| invitations::accept(db, &token, invitations::Joiner::Existing(id)))
            .buffer_unordered(IN_FLIGHT)
            .try_collect::<Vec<_>>()
            .await?;
    }
    let team = Proposers {
        slug: &slug,
        members: &member_ids,
        leader: leader_principal,
    };
    let mut meetings = Vec::with_capacity(args.meetings);
    for n in 1..=args.meetings {
        meetings.push(open_meeting(db, &team, args, n, now).await?);
    }
    let (proposing_meeting, proposing_item) = if args.proposing_meeting {
        let (meeting, item) = proposing_meeting(db, &team, args, now).await?;
        (Some(meeting), Some(item))
    } else {
        (None, None)
    };
    let budget_round = if args.budget_round {
        let form = budgets::form::RoundForm {
            title: "Seeded network fund".to_owned(),
            purpose: "Small projects the schools run together.".to_owned(),
            amount: "5000".to_owned(),
            ..budgets::form::RoundForm::new_at(now - Duration::hours(1), Zone::utc())
        };
        Some(budgets::form::create(db, leader_principal, &slug, &form, now).await?)
    } else {
        None
    };
    let mut tokens = Vec::with_capacity(args.api_tokens);
    for n in 1..=args.api_tokens {
        let form = api_tokens::TokenForm {
            token_name: format!("dev seed {n}"),
            token_scope: "read_write".to_owned(),
            token_days: String::new(),
        };
        tokens.push(
            api_tokens::create(db, leader_principal, &form, now)
                .await?
                .secret,
        );
    }
    Ok(Seeded {
        team: slug,
        meetings,
        admin: admin_email,
        leader: leader_email,
        members: args.members,
        proposing_meeting,
        proposing_item,
        budget_round,
        api_tokens: tokens,
    })
}

/// A meeting whose proposal window opened an hour ago and stays open `args.voting_hours`,
/// with a proposal by the leader (returned) and `args.proposals` − 1 more by members.
async fn proposing_meeting(
    db: &DatabaseConnection,
    team: &Proposers<'_>,
    args: &SeedArgs,
    now: OffsetDateTime,
) -> Result<(MeetingId, ProposalId), ServiceError> {
    let proposals_close = now + Duration::hours(args.voting_hours.max(1));
    let voting_close = proposals_close + Duration::hours(1);
    let at = |t| input_value(t, Zone::utc());
    let form = MeetingForm {
        title: "Seeded agenda round (proposals open)".to_owned(),
        purpose_line: "Collect what the network should work on next term.".to_owned(),
        starts_at: at(voting_close),
        budget_minutes: "60".to_owned(),
        place: "Online".to_owned(),
        proposals_open: at(now - Duration::hours(1)),
        proposals_close: at(proposals_close),
        voting_open: at(proposals_close),
        voting_close: at(voting_close),
        privacy: "secret".to_owned(),
        results_visibility: "after_close".to_owned(),
        agenda_rule: "sequential_irv".to_owned(),
        ..MeetingForm::default()
    };
    let then = now - Duration::hours(2);
    let meeting = meetings::create(db, team.leader, team.slug, &form, then).await?;
    let item = proposals::propose(
        db,
        team.leader,
        team.slug,
        meeting,
        &proposals::ProposalForm {
            title: "Shared calendar for the network".to_owned(),
            why: "Every school keeps its own; we double-book the hall.".to_owned(),
            minutes: "10".to_owned(),
        },
        now,
    )
    .await?;
    team.propose(db, meeting, 1..args.proposals, now).await?;
    Ok((meeting, item))
}

/// The seeded team's members, who propose items in turn (the leader when there are none).
struct Proposers<'a> {
    slug: &'a str,
    members: &'a [UserId],
    leader: Principal,
}

impl Proposers<'_> {
    /// Item `i` for each `i` of `numbers` at `meeting`, proposed at `at`.
    async fn propose(
        &self,
        db: &DatabaseConnection,
        meeting: MeetingId,
        numbers: std::ops::Range<usize>,
        at: OffsetDateTime,
    ) -> Result<(), ServiceError> {
        for i in numbers {
            let author = self
                .members
                .get(i % self.members.len().max(1))
                .map_or(self.leader, |id| as_user(*id, false));
            proposals::propose(
                db,
                author,
                self.slug,
                meeting,
                &proposals::ProposalForm {
                    title: format!("Item {i:04}: shared approach to attendance"),
                    why: "Several schools raised it this term; we need one decision.".to_owned(),
                    minutes: (5 + (i % 4) * 5).to_string(),
                },
                at,
            )
            .await?;
        }
        Ok(())
    }
}

/// Meeting `number`: a secret meeting (or open with live results) whose proposal window
/// closed an hour ago and whose voting is open, with `args.proposals` items proposed by
/// members in turn.
async fn open_meeting(
    db: &DatabaseConnection,
    team: &Proposers<'_>,
    args: &SeedArgs,
    number: usize,
    now: OffsetDateTime,
) -> Result<MeetingId, ServiceError> {
    let then = now - Duration::hours(2);
    let voting_close = now + Duration::hours(args.voting_hours.max(1));
    let form = MeetingForm {
        title: format!("Seeded agenda round {number}"),
        purpose_line: "Choose what the network works on this term.".to_owned(),
        starts_at: input_value(voting_close, Zone::utc()),
        budget_minutes: "90".to_owned(),
        place: "Online".to_owned(),
        proposals_open: input_value(now - Duration::hours(3), Zone::utc()),
        proposals_close: input_value(now - Duration::hours(1), Zone::utc()),
        voting_open: input_value(now - Duration::hours(1), Zone::utc()),
        voting_close: input_value(voting_close, Zone::utc()),
        privacy: if args.live_results { "open" } else { "secret" }.to_owned(),
        results_visibility: if args.live_results {
            "live"
        } else {
            "after_close"
        }
        .to_owned(),
        agenda_rule: "sequential_irv".to_owned(),
        ..MeetingForm::default()
    };
    let meeting = meetings::create(db, team.leader, team.slug, &form, then).await?;
    team.propose(db, meeting, 0..args.proposals, then).await?;
    Ok(meeting)
}

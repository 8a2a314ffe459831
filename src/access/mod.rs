//! The one place for access rules: a table of (role, action) → decision, and the function every
//! service calls before it loads or changes anything. Outsiders get "not found" for anything in
//! a team (no existence leak); anonymous visitors are sent to sign in.
//!
//! Pure: no database or web types. `docs/architecture.md` shows [`markdown_table`]'s output,
//! and a test keeps the two in step.

use crate::domain::ids::UserId;
use crate::domain::zone::Zone;
use serde::Serialize;

/// A person's standing toward one team (or toward the instance, for instance-wide actions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Role {
    /// Not signed in.
    Anonymous,
    /// Signed in, but not a member of the team in question.
    Outsider,
    /// A member of the team.
    Member,
    /// A leader of the team.
    Leader,
    /// A site administrator (who is not, by that alone, a member of any team).
    SiteAdmin,
}

impl Role {
    /// Every role, in table order.
    pub const ALL: [Role; 5] = [
        Role::Anonymous,
        Role::Outsider,
        Role::Member,
        Role::Leader,
        Role::SiteAdmin,
    ];

    fn column(self) -> usize {
        match self {
            Role::Anonymous => 0,
            Role::Outsider => 1,
            Role::Member => 2,
            Role::Leader => 3,
            Role::SiteAdmin => 4,
        }
    }

    /// Heading used in the documentation table.
    pub fn label(self) -> &'static str {
        match self {
            Role::Anonymous => "anonymous",
            Role::Outsider => "member of another team",
            Role::Member => "member",
            Role::Leader => "leader",
            Role::SiteAdmin => "site admin",
        }
    }
}

/// Something a person may try to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Action {
    /// See a team's page: purpose, members, roles.
    ViewTeam,
    /// Invite, revoke invitations, promote, demote and remove members.
    ManageMembers,
    /// Change the team's settings (its time zone).
    ManageTeamSettings,
    /// Issue a password-reset link for a member of the team.
    IssueResetLink,
    LeaveTeam,
    /// Create teams and list every team of the instance.
    ManageInstance,
    /// Change one's own password, log out everywhere.
    ManageOwnAccount,
    /// Create, list and revoke one's own personal API tokens.
    ManageApiTokens,
    /// See the team's meetings, proposals, agendas and (after close) results.
    ViewMeetings,
    /// Propose agenda items; edit or withdraw one's own while the window allows.
    ProposeItem,
    /// Cast or change one's own ranked ballot while voting is open.
    CastBallot,
    /// Create and edit meetings, set windows, hide or merge proposals with a reason.
    ManageMeetings,
    /// Comment on a proposal or budget idea; edit one's own while its window is open.
    Comment,
    /// Hide a comment with a reason everyone sees.
    ModerateComments,
    /// Publish the agreed agenda (each difference from the tally with a reason).
    PublishAgenda,
    /// See one's own reciprocity page, export one's entries, read help posts.
    ViewOwnLedger,
    /// See who has not voted yet and, for open ballots after the close, who ranked what.
    ViewVoters,
    /// See the team's ledger aggregates (the team's setting may limit this to leaders).
    ViewLedgerAggregates,
    /// Record help as helper or helped; confirm, adjust, dispute or correct one's entries.
    RecordHelp,
    /// Offer or request help; respond to a post.
    PostHelp,
    /// Thank a member; hide thanks addressed to oneself.
    ThankMember,
    /// Record help for two other members; resolve disputes.
    RecordHelpForOthers,
    /// Choose who sees the ledger's aggregates.
    ManageLedgerSettings,
    /// See the team's budget rounds, ideas, reviews and (after voting closes) results; export them.
    ViewBudgets,
    /// Propose, support, edit or withdraw one's own budget idea while the ideas phase is open.
    ProposeIdea,
    /// Cast or change one's own budget ballot while voting is open.
    CastBudgetBallot,
    /// Create, edit and import budget rounds; review ideas; publish outcomes with overrides;
    /// record follow-through.
    ManageBudgets,
    /// See the team's action log, one action with its history, the CSV export.
    ViewActions,
    /// Record actions, comment on them, change the status of one's own (leaders: any).
    WorkOnActions,
    /// Drive the live meeting (the facilitator, or a leader standing in).
    RunMeeting,
    /// Edit and publish a meeting's minutes (the note-taker or a leader).
    EditMinutes,
    /// Propose, accept or remove a link with another team (a leader on each side consents);
    /// share a meeting's published agenda and minutes with linked teams.
    ManageTeamLinks,
    /// Read what linked teams share with this one (published agendas and minutes only).
    ViewSharedItems,
    /// See the team's weekly check-ins (this week and past ones) and how many have checked in.
    ViewCheckins,
    /// Write or change one's own check-in during its week; link its blocker to an action.
    WriteCheckin,
    /// See who has not checked in yet this week.
    ViewCheckinGaps,
    /// See the team's role maps, their milestones and version history.
    ViewRoleMaps,
    /// Start a role map and edit drafts together; once published, the map's owner or a leader
    /// edits (checked in the service) and milestone owners tick their own.
    EditRoleMaps,
    /// Publish or close a role map (its owner or a leader; the owner rule is the service's).
    PublishRoleMaps,
    /// See the team's recurring series, their next occurrences, rota and swaps.
    ViewSeries,
    /// Create or edit a series of recurring meetings, cancel one occurrence, end a series.
    ManageSeries,
    /// Pass one's own role at an occurrence to another member (leaders: any role).
    SwapRole,
    /// Mark oneself away for some dates (leaders: any member), or remove them.
    MarkAway,
    /// Cancel a meeting with a reason (until it is tallied), or undo that before it starts.
    CancelMeeting,
}

/// What the rules say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Decision {
    /// Go ahead.
    Allow,
    /// Visible but not permitted: 403.
    Deny,
    /// Answer as if it did not exist: 404.
    Hide,
    /// Sign in first: redirect to the login page.
    Login,
}

use Decision::{Allow as A, Deny as D, Hide as H, Login as L};

/// The table: one row per action, one column per [`Role::ALL`] entry.
pub const MATRIX: &[(Action, &str, [Decision; 5])] = &[
    (
        Action::ViewTeam,
        "see a team: purpose, members, roles",
        [L, H, A, A, A],
    ),
    (
        Action::ManageMembers,
        "invite, promote, demote, remove members; revoke invitations",
        [L, H, D, A, A],
    ),
    (
        Action::ManageTeamSettings,
        "change the team's time zone",
        [L, H, D, A, A],
    ),
    (
        Action::IssueResetLink,
        "issue a password-reset link for a team member",
        [L, H, D, A, A],
    ),
    (Action::LeaveTeam, "leave the team", [L, H, A, A, D]),
    (
        Action::ManageInstance,
        "create teams, list every team",
        [L, D, D, D, A],
    ),
    (
        Action::ManageOwnAccount,
        "change own password, log out everywhere",
        [L, A, A, A, A],
    ),
    (
        Action::ManageApiTokens,
        "create, list and revoke own API tokens (a token acts as its owner, never more)",
        [L, A, A, A, A],
    ),
    (
        Action::ViewMeetings,
        "see meetings, proposals, agendas, results (after close)",
        [L, H, A, A, A],
    ),
    (
        Action::ProposeItem,
        "propose an agenda item; edit or withdraw own (window open)",
        [L, H, A, A, D],
    ),
    (
        Action::CastBallot,
        "cast or change own ranked ballot (voting open)",
        [L, H, A, A, D],
    ),
    (
        Action::ManageMeetings,
        "create and edit meetings, set windows, hide or merge items",
        [L, H, D, A, D],
    ),
    (
        Action::Comment,
        "comment on a proposal or idea; edit own comment (window open)",
        [L, H, A, A, D],
    ),
    (
        Action::ModerateComments,
        "hide a comment with a reason everyone sees",
        [L, H, D, A, D],
    ),
    (
        Action::PublishAgenda,
        "publish the agreed agenda (deviations need reasons)",
        [L, H, D, A, D],
    ),
    (
        Action::ViewVoters,
        "see who has not voted yet; open ballots: who ranked what (after close)",
        [L, H, D, A, D],
    ),
    (
        Action::ViewOwnLedger,
        "see own reciprocity, export own entries, read help posts",
        [L, H, A, A, D],
    ),
    (
        Action::ViewLedgerAggregates,
        "see the team's ledger: member table, load, graph (if the team shows it to members)",
        [L, H, A, A, D],
    ),
    (
        Action::RecordHelp,
        "record help as helper or helped; confirm, adjust, dispute or correct own entries",
        [L, H, A, A, D],
    ),
    (
        Action::PostHelp,
        "offer or request help; respond to a post",
        [L, H, A, A, D],
    ),
    (
        Action::ThankMember,
        "thank a member; hide thanks addressed to oneself",
        [L, H, A, A, D],
    ),
    (
        Action::RecordHelpForOthers,
        "record help for two other members; resolve disputes",
        [L, H, D, A, D],
    ),
    (
        Action::ManageLedgerSettings,
        "choose who sees the ledger's aggregates",
        [L, H, D, A, D],
    ),
    (
        Action::ViewBudgets,
        "see budget rounds, ideas, reviews, results (after voting closes); export a round",
        [L, H, A, A, A],
    ),
    (
        Action::ProposeIdea,
        "propose, support, edit or withdraw own budget idea (ideas phase)",
        [L, H, A, A, D],
    ),
    (
        Action::CastBudgetBallot,
        "cast or change own budget ballot (voting open)",
        [L, H, A, A, D],
    ),
    (
        Action::ManageBudgets,
        "create, edit, import budget rounds; review ideas; publish with overrides; follow-through",
        [L, H, D, A, D],
    ),
    (
        Action::ViewActions,
        "see the team's actions, their history and comments; export them",
        [L, H, A, A, D],
    ),
    (
        Action::WorkOnActions,
        "record actions, comment; change the status of own actions (leaders: any)",
        [L, H, A, A, D],
    ),
    (
        Action::RunMeeting,
        "run the live meeting: items, attendance, decisions, actions (facilitator or a leader)",
        [L, H, A, A, D],
    ),
    (
        Action::EditMinutes,
        "edit and publish the minutes (note-taker or a leader)",
        [L, H, A, A, D],
    ),
    (
        Action::ManageTeamLinks,
        "link the team with another (a leader of each side); share a meeting's published agenda and minutes with linked teams",
        [L, H, D, A, D],
    ),
    (
        Action::ViewSharedItems,
        "read what linked teams share: published agendas and minutes",
        [L, H, A, A, D],
    ),
    (
        Action::ViewCheckins,
        "see the team's weekly check-ins and how many have checked in",
        [L, H, A, A, D],
    ),
    (
        Action::WriteCheckin,
        "write or change own check-in (its week only); link its blocker to an action",
        [L, H, A, A, D],
    ),
    (
        Action::ViewCheckinGaps,
        "see who has not checked in yet this week",
        [L, H, D, A, D],
    ),
    (
        Action::ViewRoleMaps,
        "see the team's role maps, their milestones and history",
        [L, H, A, A, D],
    ),
    (
        Action::EditRoleMaps,
        "start a role map, edit drafts; published: owner or leaders edit, milestone owners tick theirs",
        [L, H, A, A, D],
    ),
    (
        Action::PublishRoleMaps,
        "publish or close a role map (its owner or a leader)",
        [L, H, A, A, D],
    ),
    (
        Action::ViewSeries,
        "see recurring meeting series, their rota and swaps",
        [L, H, A, A, D],
    ),
    (
        Action::ManageSeries,
        "create or edit a recurring series, cancel one occurrence, end a series",
        [L, H, D, A, D],
    ),
    (
        Action::SwapRole,
        "swap own role at an occurrence with another member (leaders: any role)",
        [L, H, A, A, D],
    ),
    (
        Action::MarkAway,
        "mark oneself away for some dates (leaders: any member)",
        [L, H, A, A, D],
    ),
    (
        Action::CancelMeeting,
        "cancel a meeting with a reason (before its tally); undo before it starts",
        [L, H, D, A, D],
    ),
];

/// The table's decision for one role.
pub fn decide(role: Role, action: Action) -> Decision {
    MATRIX
        .iter()
        .find(|(a, _, _)| *a == action)
        .and_then(|(_, _, row)| row.get(role.column()).copied())
        .unwrap_or(Decision::Hide)
}

/// Who is asking: enough to derive their roles toward a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Principal {
    /// The signed-in person, if any.
    pub user_id: Option<UserId>,
    /// Site administrator?
    pub is_admin: bool,
    /// The person's own time zone, if they chose one (times are shown in it; otherwise in
    /// the team's zone). Not an access rule: carried here so every service that shows a time
    /// has it.
    pub zone: Option<Zone>,
}

impl Principal {
    /// Nobody signed in.
    pub const ANONYMOUS: Principal = Principal {
        user_id: None,
        is_admin: false,
        zone: None,
    };
}

/// A team role as stored (`member` / `leader`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TeamRole {
    /// Takes part.
    Member,
    /// Also schedules, invites, moderates.
    Leader,
}

impl TeamRole {
    /// Parses the stored text.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "member" => Some(Self::Member),
            "leader" => Some(Self::Leader),
            _ => None,
        }
    }
    /// The stored text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Leader => "leader",
        }
    }
}

/// Every role a principal holds toward a team (an admin may also be a member).
pub fn roles(principal: Principal, membership: Option<TeamRole>) -> Vec<Role> {
    if principal.user_id.is_none() {
        return vec![Role::Anonymous];
    }
    let mut roles = vec![match membership {
        Some(TeamRole::Leader) => Role::Leader,
        Some(TeamRole::Member) => Role::Member,
        None => Role::Outsider,
    }];
    if principal.is_admin {
        roles.push(Role::SiteAdmin);
    }
    roles
}

/// The combined decision: allowed when any role allows; otherwise the most revealing refusal
/// any role may see (403 before 404).
pub fn authorize(principal: Principal, membership: Option<TeamRole>, action: Action) -> Decision {
    let decisions: Vec<Decision> = roles(principal, membership)
        .into_iter()
        .map(|role| decide(role, action))
        .collect();
    for wanted in [Decision::Allow, Decision::Login, Decision::Deny] {
        if decisions.contains(&wanted) {
            return wanted;
        }
    }
    Decision::Hide
}

/// The table as Markdown, for `docs/architecture.md`.
pub fn markdown_table() -> String {
    let mut out = String::from("| Action |");
    for role in Role::ALL {
        out.push_str(&format!(" {} |", role.label()));
    }
    out.push_str("\n| --- |");
    for _ in Role::ALL {
        out.push_str(" --- |");
    }
    out.push('\n');
    for (_, description, row) in MATRIX {
        out.push_str(&format!("| {description} |"));
        for decision in row {
            out.push_str(match decision {
                Decision::Allow => " ✓ |",
                Decision::Deny => " ✗ 403 |",
                Decision::Hide => " ✗ 404 |",
                Decision::Login => " → sign in |",
            });
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests;

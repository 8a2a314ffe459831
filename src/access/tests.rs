//! The access table's invariants: one row per action, outsiders never learn a team exists,
//! roles combine, anonymous visitors sign in first, only leaders manage.

use super::*;

const ADMIN: Principal = Principal {
    user_id: Some(UserId(1)),
    is_admin: true,
    zone: None,
};
const PERSON: Principal = Principal {
    user_id: Some(UserId(2)),
    is_admin: false,
    zone: None,
};

#[test]
fn every_action_has_exactly_one_row() {
    for (i, (action, _, _)) in MATRIX.iter().enumerate() {
        assert_eq!(
            MATRIX.iter().filter(|(a, _, _)| a == action).count(),
            1,
            "row {i}"
        );
    }
}

#[test]
fn outsiders_never_learn_a_team_exists() {
    for action in [
        Action::ViewTeam,
        Action::ManageMembers,
        Action::IssueResetLink,
        Action::LeaveTeam,
        Action::ViewMeetings,
        Action::ProposeItem,
        Action::CastBallot,
        Action::ManageMeetings,
        Action::PublishAgenda,
    ] {
        assert_eq!(
            authorize(PERSON, None, action),
            Decision::Hide,
            "{action:?}"
        );
    }
}

#[test]
fn an_admin_who_is_also_a_member_gets_both_rights() {
    assert_eq!(
        authorize(ADMIN, Some(TeamRole::Member), Action::LeaveTeam),
        Decision::Allow
    );
    assert_eq!(
        authorize(ADMIN, Some(TeamRole::Member), Action::ManageMembers),
        Decision::Allow
    );
    assert_eq!(authorize(ADMIN, None, Action::LeaveTeam), Decision::Deny);
}

#[test]
fn anonymous_visitors_are_sent_to_sign_in() {
    for (action, _, _) in MATRIX {
        assert_eq!(
            authorize(Principal::ANONYMOUS, None, *action),
            Decision::Login
        );
    }
}

#[test]
fn anyone_signed_in_manages_their_own_api_tokens_and_nobody_elses() {
    for membership in [None, Some(TeamRole::Member), Some(TeamRole::Leader)] {
        assert_eq!(
            authorize(PERSON, membership, Action::ManageApiTokens),
            Decision::Allow
        );
    }
    assert_eq!(
        authorize(ADMIN, None, Action::ManageApiTokens),
        Decision::Allow
    );
    assert_eq!(
        authorize(Principal::ANONYMOUS, None, Action::ManageApiTokens),
        Decision::Login
    );
}

#[test]
fn members_cannot_manage_but_leaders_can() {
    assert_eq!(
        authorize(PERSON, Some(TeamRole::Member), Action::ManageMembers),
        Decision::Deny
    );
    assert_eq!(
        authorize(PERSON, Some(TeamRole::Leader), Action::ManageMembers),
        Decision::Allow
    );
    assert_eq!(
        authorize(PERSON, Some(TeamRole::Leader), Action::ManageInstance),
        Decision::Deny
    );
}

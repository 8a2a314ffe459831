//! What must hold after a restart, read straight from the database (as an operator would) and
//! from `roundtable audit verify`.

use std::collections::BTreeMap;

use roundtable::domain::ids::{MeetingId, UserId};
use roundtable::service::audit::AuditAction;
use roundtable::service::meetings::ballots::voter_key;
use roundtable::service::meetings::tally;
use roundtable::store::entities::{
    agenda_ballots, agenda_participation, agenda_tallies, audit_log, meetings,
};
use roundtable::store::{Backend, Database};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Statement};

use crate::server::Server;
use crate::voters::{Record, Voter};
use crate::world::Meeting;

fn ranking(row: &agenda_ballots::Model) -> Vec<i64> {
    serde_json::from_str(&row.ranking).unwrap()
}

async fn ballots(db: &Database, meeting: MeetingId) -> Vec<agenda_ballots::Model> {
    agenda_ballots::Entity::find()
        .filter(agenda_ballots::Column::MeetingId.eq(meeting))
        .order_by_asc(agenda_ballots::Column::ReceiptHash)
        .order_by_asc(agenda_ballots::Column::Id)
        .all(&db.conn)
        .await
        .unwrap()
}

/// Who has a ballot in a meeting whose voting is open: by member id (open ballots) or by the
/// voter key the meeting's secret gives each member (secret ballots; the secret exists until
/// the tally, and anyone with the database can compute the keys, see docs/security.md). Every
/// row must belong to a voter, once.
async fn ballots_by_voter(
    db: &Database,
    meeting: &Meeting,
    voters: &[Voter],
) -> BTreeMap<UserId, Vec<i64>> {
    let rows = ballots(db, meeting.id).await;
    let secret = meetings::Entity::find_by_id(meeting.id)
        .one(&db.conn)
        .await
        .unwrap()
        .unwrap()
        .ballot_secret;
    let mut out = BTreeMap::new();
    for voter in voters {
        let mine: Vec<&agenda_ballots::Model> = if meeting.secret {
            let key = voter_key(secret.as_deref().expect("the secret exists"), voter.id());
            rows.iter().filter(|r| r.voter_key == key).collect()
        } else {
            rows.iter()
                .filter(|r| r.voter_id == Some(voter.id()))
                .collect()
        };
        assert!(
            mine.len() <= 1,
            "meeting {}: {} ballots of {}",
            meeting.id,
            mine.len(),
            voter.member.email
        );
        if let Some(row) = mine.first() {
            out.insert(voter.id(), ranking(row));
        }
    }
    assert_eq!(
        out.len(),
        rows.len(),
        "meeting {}: ballots that belong to no voter",
        meeting.id
    );
    out
}

/// Each voter's participation row: one at most, and the saves it counts lie between the
/// ballots acknowledged and the ballots sent. Returns how many voters have one.
async fn participation(db: &Database, meeting: MeetingId, voters: &[Voter]) -> usize {
    let rows = agenda_participation::Entity::find()
        .filter(agenda_participation::Column::MeetingId.eq(meeting))
        .all(&db.conn)
        .await
        .unwrap();
    for voter in voters {
        let record = voter.record(meeting);
        let mine: Vec<_> = rows.iter().filter(|r| r.user_id == voter.id()).collect();
        assert!(mine.len() <= 1, "two participation rows");
        let saves = mine.first().map_or(0, |r| r.changes as usize + 1);
        assert!(
            (record.acks..=record.sent).contains(&saves),
            "meeting {meeting}, {}: {saves} saves recorded, {} acknowledged, {} sent",
            voter.member.email,
            record.acks,
            record.sent
        );
    }
    rows.len()
}

/// Every acknowledged ballot of a meeting whose voting is open is stored exactly once, with
/// the voter's last acknowledged ranking or a later one they sent; nothing else is stored.
/// Returns (voters with an acknowledged ballot, ballots stored).
pub async fn acknowledged_ballots_kept(
    db: &Database,
    meeting: &Meeting,
    voters: &[Voter],
) -> (usize, usize) {
    let stored = ballots_by_voter(db, meeting, voters).await;
    let mut acked = 0;
    for voter in voters {
        let record: Record = voter.record(meeting.id);
        acked += usize::from(record.acked.is_some());
        match stored.get(&voter.id()) {
            Some(ranking) => assert!(
                record.allows(ranking),
                "meeting {}, {}: stored {ranking:?}, last acknowledged {:?}, sent later {:?}",
                meeting.id,
                voter.member.email,
                record.acked,
                record.later
            ),
            None => assert!(
                record.acked.is_none(),
                "meeting {}, {}: acknowledged ballot {:?} LOST",
                meeting.id,
                voter.member.email,
                record.acked
            ),
        }
        if !record.may_exist() {
            assert!(!stored.contains_key(&voter.id()), "a ballot nobody sent");
        }
    }
    let with_participation = participation(db, meeting.id, voters).await;
    assert_eq!(
        with_participation,
        stored.len(),
        "participation and ballots differ"
    );
    (acked, stored.len())
}

/// A meeting tallied exactly once: one result, one `meeting.tally` audit entry, the secret
/// gone, and the stored outcome equal to a recount of the stored ballots. Each acknowledged
/// ballot is counted: by member id (open ballots) or by the receipt fingerprint the voter was
/// shown (secret ballots, once the tally has unlinked them). Returns the ballots counted.
pub async fn tallied_once(db: &Database, meeting: &Meeting, voters: &[Voter]) -> usize {
    let row: agenda_tallies::Model = agenda_tallies::Entity::find()
        .filter(agenda_tallies::Column::MeetingId.eq(meeting.id))
        .one(&db.conn)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("meeting {} has no tally", meeting.id));
    let entries: Vec<serde_json::Value> = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(AuditAction::MeetingTally))
        .all(&db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|e| serde_json::from_str::<serde_json::Value>(&e.detail).unwrap())
        .filter(|d| d["meeting_id"] == meeting.id.0)
        .collect();
    assert_eq!(
        entries.len(),
        1,
        "meeting {}: {} tally audit entries",
        meeting.id,
        entries.len()
    );
    assert_eq!(entries[0]["ballots"], row.ballot_count);
    let secret = meetings::Entity::find_by_id(meeting.id)
        .one(&db.conn)
        .await
        .unwrap()
        .unwrap()
        .ballot_secret;
    assert!(secret.is_none(), "meeting {}: secret kept", meeting.id);

    let rows = ballots(db, meeting.id).await;
    assert_eq!(
        rows.len(),
        row.ballot_count as usize,
        "ballots after the tally"
    );
    let stored = tally::stored(&row).unwrap();
    let lists: Vec<Vec<i64>> = rows.iter().map(ranking).collect();
    let recount = tally::compute(&stored.input, &lists);
    assert_eq!(
        serde_json::to_value(&recount).unwrap(),
        serde_json::from_str::<serde_json::Value>(&row.outcome).unwrap(),
        "meeting {}: the stored result is not a recount",
        meeting.id
    );

    let (mut must, mut may) = (0, 0);
    for voter in voters {
        let record = voter.record(meeting.id);
        must += usize::from(record.acked.is_some());
        may += usize::from(record.may_exist());
        if meeting.secret {
            assert!(rows.iter().all(|r| r.voter_id.is_none()));
            // The receipt identifies the last acknowledged ballot unless a later one was sent.
            if let (Some(hash), Some(acked), true) =
                (&record.receipt, &record.acked, record.later.is_empty())
            {
                let mine: Vec<_> = rows.iter().filter(|r| &r.receipt_hash == hash).collect();
                assert_eq!(mine.len(), 1, "meeting {}: receipt {hash}", meeting.id);
                assert_eq!(
                    &ranking(mine[0]),
                    acked,
                    "meeting {}: receipt {hash}",
                    meeting.id
                );
            }
        } else {
            let mine: Vec<_> = rows
                .iter()
                .filter(|r| r.voter_id == Some(voter.id()))
                .collect();
            assert!(mine.len() <= 1);
            match mine.first() {
                Some(r) => assert!(record.allows(&ranking(r)), "meeting {}", meeting.id),
                None => assert!(record.acked.is_none(), "acknowledged ballot LOST"),
            }
        }
    }
    assert!(
        (must..=may).contains(&rows.len()),
        "meeting {}: {} ballots counted, {must} acknowledged, {may} sent",
        meeting.id,
        rows.len()
    );
    participation(db, meeting.id, voters).await;
    rows.len()
}

/// The database files are sound: SQLite's `integrity_check` and `foreign_key_check`;
/// on PostgreSQL, `amcheck` on every B-tree index of the schema (heap included).
pub async fn database_sound(db: &Database) {
    let backend = db.conn.get_database_backend();
    match db.backend {
        Backend::Sqlite => {
            let rows = db
                .conn
                .query_all_raw(Statement::from_string(backend, "PRAGMA integrity_check"))
                .await
                .unwrap();
            let verdict: Vec<String> = rows
                .iter()
                .map(|r| r.try_get_by_index::<String>(0).unwrap())
                .collect();
            assert_eq!(verdict, ["ok"], "PRAGMA integrity_check");
            let dangling = db
                .conn
                .query_all_raw(Statement::from_string(backend, "PRAGMA foreign_key_check"))
                .await
                .unwrap();
            assert!(dangling.is_empty(), "PRAGMA foreign_key_check found rows");
        }
        Backend::Postgres => {
            db.conn
                .execute_unprepared("CREATE EXTENSION IF NOT EXISTS amcheck")
                .await
                .unwrap();
            let checked = db
                .conn
                .query_all_raw(Statement::from_string(
                    backend,
                    "SELECT bt_index_check(c.oid, true)::text AS ok FROM pg_index i \
                     JOIN pg_class c ON c.oid = i.indexrelid \
                     JOIN pg_namespace n ON n.oid = c.relnamespace \
                     JOIN pg_am am ON am.oid = c.relam \
                     WHERE n.nspname = 'public' AND am.amname = 'btree'",
                ))
                .await
                .unwrap();
            assert!(!checked.is_empty(), "no index was checked");
        }
    }
}

/// `roundtable audit verify` exits 0 with the server's settings.
pub fn audit_chain_verifies(server: &Server) {
    let (ok, output) = server.audit_verify();
    assert!(ok, "roundtable audit verify failed:\n{output}");
    assert!(output.contains("Audit log intact"), "{output}");
}

//! Load benchmark (issue 17): `cargo bench --bench load -- [--db sqlite|postgres]
//! [--members 2000] [--shape burst|spread|both] [--spread-seconds 60] [--pages]`.
//!
//! Starts the release server binary as a child process on loopback with a fresh database (a
//! SQLite file in a temporary folder, or a new PostgreSQL database dropped afterwards), fills
//! it with `roundtable dev seed` (accounts, memberships and meetings through the services),
//! signs every member in through the real sign-in form (bounded client concurrency), reads
//! each member's ballot form (CSRF token and rank fields) and then submits ranked ballots
//! through that form, all at once (`burst`) and/or at random times over `--spread-seconds`
//! (`spread`), each shape on its own meeting. It reports throughput, p50/p99/max latency,
//! status counts, stored ballots against acknowledged (303) submissions, and the server's
//! peak resident memory (VmHWM) since start, set-up included. `--pages` then measures page
//! latency for a meeting of 1,000 proposals in a team of 500 (16 concurrent clients;
//! `--page-rounds N` times the list of pages N times over).
//!
//! Exit status 1 when any submission or sign-in was not acknowledged, or stored ballots differ
//! from acknowledged ones: the CI's short form (`--members 200 --spread-seconds 10`) is a
//! correctness check; timings are for `docs/benchmarks.md`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::{Parser, ValueEnum};
use futures_util::StreamExt;
use reqwest::header::{COOKIE, HeaderMap, LOCATION, SET_COOKIE};
use roundtable::config::DatabaseUrl;
use roundtable::domain::ids::MeetingId;
use roundtable::store::entities::{agenda_ballots, agenda_live_results};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

const BIN: &str = env!("CARGO_BIN_EXE_roundtable");
const PASSWORD: &str = "a long enough load-test password";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Db {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Shape {
    Burst,
    Spread,
    Both,
}

#[derive(Debug, Parser)]
struct Opts {
    /// Database behind the server.
    #[arg(long, value_enum, default_value = "sqlite")]
    db: Db,
    /// PostgreSQL server (a fresh database is created on it and dropped afterwards).
    #[arg(
        long,
        env = "ROUNDTABLE_BENCH_DATABASE_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/postgres"
    )]
    postgres_url: String,
    /// Members who sign in and vote.
    #[arg(long, default_value_t = 2_000)]
    members: usize,
    /// All at once, spread over `--spread-seconds`, or both (each on its own meeting).
    #[arg(long, value_enum, default_value = "both")]
    shape: Shape,
    /// Seconds the spread shape's submissions are spread over.
    #[arg(long, default_value_t = 60)]
    spread_seconds: u64,
    /// Items on each ballot meeting.
    #[arg(long, default_value_t = 10)]
    proposals: usize,
    /// Sign-ins (and ballot-form loads) in flight at once during set-up.
    #[arg(long, default_value_t = 16)]
    setup_concurrency: usize,
    /// Skip the ballots (with `--pages`: pages only).
    #[arg(long)]
    no_ballots: bool,
    /// Also measure pages: a meeting of 1,000 proposals in a team of `--page-members`.
    #[arg(long)]
    pages: bool,
    /// Members (each casting a ballot) of the team whose pages are measured.
    #[arg(long, default_value_t = 500)]
    page_members: usize,
    /// With `--pages`: every page of the team and its meetings a leader reads (the team, its
    /// meetings, proposals, turnout, scan, live page, budgets, ledger, help, actions, series,
    /// check-ins, roles...), not only the four heaviest.
    #[arg(long)]
    every_page: bool,
    /// Requests per page (16 at a time).
    #[arg(long, default_value_t = 320)]
    page_requests: usize,
    /// With `--pages`: time the list of pages this many times over, one after the other (a
    /// page's tail that shows only in the first round is the database settling after the
    /// set-up's writes, not the page).
    #[arg(long, default_value_t = 1)]
    page_rounds: usize,
    /// Passed by `cargo bench`; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

/// SplitMix64: small and deterministic.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn status_kb(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// A fresh database for one server: its URL, and what to drop afterwards.
struct FreshDb {
    url: String,
    _dir: tempfile::TempDir,
    data_dir: std::path::PathBuf,
    drop_pg: Option<(String, String)>,
}

impl FreshDb {
    fn new(opts: &Opts, label: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let data_dir = dir.path().to_path_buf();
        match opts.db {
            Db::Sqlite => Self {
                url: format!("sqlite://{}", dir.path().join("load.db").display()),
                _dir: dir,
                data_dir,
                drop_pg: None,
            },
            Db::Postgres => {
                let name = format!("rt_load_{label}_{}", std::process::id());
                let mut url = url::Url::parse(&opts.postgres_url).unwrap();
                url.set_path(&name);
                Self {
                    url: url.to_string(),
                    _dir: dir,
                    data_dir,
                    drop_pg: Some((opts.postgres_url.clone(), name)),
                }
            }
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .env("ROUNDTABLE_DATABASE_URL", &self.url)
            .env("ROUNDTABLE_DATA_DIR", &self.data_dir)
            .env("ROUNDTABLE_LOG", "warn");
        command
    }

    async fn connect(&self) -> roundtable::store::Database {
        let target = DatabaseUrl::new(self.url.clone()).target().unwrap();
        roundtable::store::connect_target(&target).await.unwrap()
    }

    async fn drop_database(&self) {
        let Some((base, name)) = &self.drop_pg else {
            return;
        };
        let mut url = url::Url::parse(base).unwrap();
        url.set_path("postgres");
        if let Ok(admin) = sea_orm::Database::connect(url.as_str()).await {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await;
            let _ = admin.close().await;
        }
    }
}

#[derive(Debug, serde::Deserialize)]
struct Seeded {
    team: String,
    meetings: Vec<i64>,
    leader: String,
    members: usize,
    /// With `--proposing-meeting`.
    #[serde(default)]
    proposing_meeting: Option<i64>,
    /// With `--proposing-meeting`: its first item.
    #[serde(default)]
    proposing_item: Option<i64>,
    /// With `--budget-round`.
    #[serde(default)]
    budget_round: Option<i64>,
}

fn member_email(i: usize) -> String {
    format!("member{i:05}@seed.test")
}

/// Runs `roundtable dev seed`, sampling its peak memory while it runs.
fn seed(db: &FreshDb, args: &[&str]) -> (Seeded, Duration, u64) {
    let started = Instant::now();
    let mut child = db
        .command(&[&["dev", "seed"], args].concat())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        writeln!(stdin, "{PASSWORD}").unwrap();
    }
    let pid = child.id();
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        peak = peak.max(status_kb(pid, "VmHWM:"));
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "dev seed failed");
    let seeded = serde_json::from_slice(&output.stdout).unwrap();
    (seeded, started.elapsed(), peak)
}

/// The server as a child process.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    async fn start(db: &FreshDb) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = db
            .command(&["serve"])
            .env("ROUNDTABLE_PORT", port.to_string())
            // Each simulated member sends its own address in X-Forwarded-For, so the
            // per-address sign-in limits see a district, not one machine.
            .env("ROUNDTABLE_TRUSTED_PROXIES", r#"["127.0.0.1"]"#)
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        // Owned at once, so `Drop` stops and waits for it on every path.
        let server = Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let probe = reqwest::Client::new();
        for _ in 0..300 {
            if let Ok(r) = probe.get(format!("{}/health", server.base)).send().await
                && r.status().is_success()
            {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server did not answer /health");
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn peak_mb(&self) -> u64 {
        status_kb(self.pid(), "VmHWM:") / 1024
    }

    fn rss_mb(&self) -> u64 {
        status_kb(self.pid(), "VmRSS:") / 1024
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One member's browser: cookies and a client address of its own, on a shared connection pool.
struct Browser {
    client: reqwest::Client,
    base: String,
    cookies: BTreeMap<String, String>,
    address: String,
}

impl Browser {
    fn new(client: &reqwest::Client, base: &str, n: usize) -> Self {
        Self {
            client: client.clone(),
            base: base.to_owned(),
            cookies: BTreeMap::new(),
            address: format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255),
        }
    }

    async fn send(
        &mut self,
        request: reqwest::RequestBuilder,
    ) -> reqwest::Result<reqwest::Response> {
        let mut request = request.header("x-forwarded-for", &self.address);
        if !self.cookies.is_empty() {
            let header = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            request = request.header(COOKIE, header);
        }
        let response = request.send().await?;
        self.remember(response.headers());
        Ok(response)
    }

    fn remember(&mut self, headers: &HeaderMap) {
        keep_cookies(&mut self.cookies, headers);
    }

    async fn get(&mut self, path: &str) -> reqwest::Result<(u16, String)> {
        let request = self.client.get(format!("{}{path}", self.base));
        let response = self.send(request).await?;
        let status = response.status().as_u16();
        Ok((status, response.text().await?))
    }

    async fn post(
        &mut self,
        path: &str,
        form: &[(String, String)],
    ) -> reqwest::Result<reqwest::Response> {
        let request = self.client.post(format!("{}{path}", self.base)).form(form);
        self.send(request).await
    }

    async fn sign_in(&mut self, email: &str) -> Result<(), String> {
        let (_, html) = self.get("/login").await.map_err(|e| e.to_string())?;
        let token = csrf_token(&html).ok_or("no CSRF token on /login")?;
        let form = [
            ("email".to_owned(), email.to_owned()),
            ("password".to_owned(), PASSWORD.to_owned()),
            ("csrf_token".to_owned(), token),
        ];
        let response = self
            .post("/login", &form)
            .await
            .map_err(|e| e.to_string())?;
        match response.status().as_u16() {
            303 => Ok(()),
            other => Err(format!("sign-in of {email} answered {other}")),
        }
    }
}

fn csrf_token(html: &str) -> Option<String> {
    let marker = r#"name="csrf_token" value=""#;
    let start = html.find(marker)? + marker.len();
    html.get(start..start + 64).map(str::to_owned)
}

/// The rank fields of a ballot form, in page order.
fn rank_fields(html: &str) -> Vec<String> {
    html.match_indices(r#"name="rank_"#)
        .filter_map(|(at, m)| {
            let rest = html.get(at + m.len()..)?;
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            (!digits.is_empty()).then(|| format!("rank_{digits}"))
        })
        .collect()
}

/// A signed-in member with the ballot form of each meeting filled in.
struct Voter {
    browser: Browser,
    forms: Vec<Vec<(String, String)>>,
}

/// Signs `emails` in and fills in a ballot (up to `ranks` items) for each meeting.
async fn prepare(
    client: &reqwest::Client,
    base: &str,
    emails: Vec<String>,
    ballot_paths: &[String],
    ranks: usize,
    concurrency: usize,
) -> Result<Vec<Voter>, String> {
    let jobs = emails.into_iter().enumerate().map(|(n, email)| {
        let mut browser = Browser::new(client, base, n + 1);
        let paths = ballot_paths.to_vec();
        async move {
            browser.sign_in(&email).await?;
            let mut g = Gen(n as u64 + 1);
            let mut forms = Vec::new();
            for path in &paths {
                let (status, html) = browser.get(path).await.map_err(|e| e.to_string())?;
                if status != 200 {
                    return Err(format!("{path} answered {status} to {email}"));
                }
                let token = csrf_token(&html).ok_or("no CSRF token on the ballot")?;
                let mut fields = rank_fields(&html);
                let mut form = vec![("csrf_token".to_owned(), token)];
                for rank in 1..=ranks.min(fields.len()) {
                    let field = fields.swap_remove(g.below(fields.len()));
                    form.push((field, rank.to_string()));
                }
                forms.push(form);
            }
            Ok(Voter { browser, forms })
        }
    });
    futures_util::stream::iter(jobs)
        .buffer_unordered(concurrency.max(1))
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect()
}

/// What one submission got.
struct Outcome {
    latency: Duration,
    /// The status, or `None` for a transport error.
    status: Option<u16>,
    done: Instant,
}

impl Outcome {
    fn acknowledged(&self) -> bool {
        self.status == Some(303)
    }
}

/// Submits every voter's form `index` at `start + offsets[n]`.
async fn cast(
    voters: Vec<Voter>,
    index: usize,
    path: &str,
    offsets: &[Duration],
) -> (Vec<Voter>, Vec<Outcome>, Instant) {
    let start = tokio::time::Instant::now() + Duration::from_millis(300);
    let tasks: Vec<_> = voters
        .into_iter()
        .zip(offsets.iter().copied())
        .map(|(mut voter, offset)| {
            let path = path.to_owned();
            tokio::spawn(async move {
                tokio::time::sleep_until(start + offset).await;
                let began = Instant::now();
                let form = voter.forms[index].clone();
                let status = match voter.browser.post(&path, &form).await {
                    Ok(r) => {
                        let status = r.status().as_u16();
                        let to_receipt = r
                            .headers()
                            .get(LOCATION)
                            .and_then(|v| v.to_str().ok())
                            .is_some_and(|l| l.ends_with("/ballot/receipt"));
                        let _ = r.bytes().await;
                        Some(if status == 303 && !to_receipt {
                            0
                        } else {
                            status
                        })
                    }
                    Err(_) => None,
                };
                let done = Instant::now();
                (
                    voter,
                    Outcome {
                        latency: done - began,
                        status,
                        done,
                    },
                )
            })
        })
        .collect();
    let mut voters = Vec::new();
    let mut outcomes = Vec::new();
    for task in tasks {
        let (voter, outcome) = task.await.unwrap();
        voters.push(voter);
        outcomes.push(outcome);
    }
    (voters, outcomes, start.into_std())
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1]
}

fn status_counts(outcomes: &[Outcome]) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for o in outcomes {
        let key = match o.status {
            Some(0) => "303 elsewhere".to_owned(),
            Some(s) => s.to_string(),
            None => "transport error".to_owned(),
        };
        *counts.entry(key).or_default() += 1;
    }
    counts
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn stored_ballots(db: &FreshDb, meeting: i64) -> u64 {
    let database = db.connect().await;
    let count = agenda_ballots::Entity::find()
        .filter(agenda_ballots::Column::MeetingId.eq(meeting))
        .count(&database.conn)
        .await
        .unwrap();
    database.conn.close().await.ok();
    count
}

/// Waits until the background live count reflects every saved ballot of `meeting` (at most
/// `limit`); returns how long that took, or `None` if it did not catch up in time.
async fn live_count_caught_up(db: &FreshDb, meeting: i64, limit: Duration) -> Option<Duration> {
    let database = db.connect().await;
    let start = Instant::now();
    let mut caught_up = None;
    while start.elapsed() < limit {
        let row = agenda_live_results::Entity::find_by_id(MeetingId(meeting))
            .one(&database.conn)
            .await
            .ok()
            .flatten();
        if row.is_some_and(|r| r.counted_generation == Some(r.generation)) {
            caught_up = Some(start.elapsed());
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    database.conn.close().await.ok();
    caught_up
}

/// Prints one shape's figures; `false` when anything was not acknowledged or not stored.
async fn report(
    name: &str,
    db: &FreshDb,
    server: &Server,
    meeting: i64,
    outcomes: &[Outcome],
    start: Instant,
    load_before: &str,
) -> bool {
    let mut latencies: Vec<Duration> = outcomes.iter().map(|o| o.latency).collect();
    latencies.sort_unstable();
    let acknowledged = outcomes.iter().filter(|o| o.acknowledged()).count() as u64;
    let last = outcomes.iter().map(|o| o.done).max().unwrap_or(start);
    let elapsed = last.saturating_duration_since(start);
    let stored = stored_ballots(db, meeting).await;
    println!("### {name}: {} submissions", outcomes.len());
    println!(
        "- first send to last answer {:.2} s; {:.0} acknowledged/s",
        elapsed.as_secs_f64(),
        acknowledged as f64 / elapsed.as_secs_f64().max(1e-9)
    );
    println!(
        "- latency p50 {}, p99 {}, max {}",
        ms(quantile(&latencies, 0.50)),
        ms(quantile(&latencies, 0.99)),
        ms(latencies.last().copied().unwrap_or_default())
    );
    println!("- statuses: {}", status_counts(outcomes));
    println!("- stored ballots {stored}, acknowledged {acknowledged}");
    println!(
        "- server peak RSS so far {} MB (now {} MB)",
        server.peak_mb(),
        server.rss_mb()
    );
    println!("- load average before {load_before}, after {}", loadavg());
    println!();
    acknowledged == outcomes.len() as u64 && stored == acknowledged
}

async fn ballots(opts: &Opts) -> bool {
    let shapes: Vec<Shape> = match opts.shape {
        Shape::Both => vec![Shape::Burst, Shape::Spread],
        one => vec![one],
    };
    let db = FreshDb::new(opts, "ballots");
    let members = opts.members.to_string();
    let proposals = opts.proposals.to_string();
    let meetings = shapes.len().to_string();
    let (seeded, took, seed_peak) = seed(
        &db,
        &[
            "--members",
            &members,
            "--proposals",
            &proposals,
            "--meetings",
            &meetings,
        ],
    );
    println!(
        "## Ballots on {:?}: {} members, {} items per ballot",
        opts.db, seeded.members, opts.proposals
    );
    println!(
        "- seeded in {:.1} s (`roundtable dev seed`, peak RSS {} MB)",
        took.as_secs_f64(),
        seed_peak / 1024
    );
    let server = Server::start(&db).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(120))
        .build()
        .unwrap();
    let paths: Vec<String> = seeded
        .meetings
        .iter()
        .map(|m| format!("/teams/{}/meetings/{m}/ballot", seeded.team))
        .collect();
    let load = loadavg();
    let started = Instant::now();
    let emails = (1..=seeded.members).map(member_email).collect();
    let voters = match prepare(
        &client,
        &server.base,
        emails,
        &paths,
        5,
        opts.setup_concurrency,
    )
    .await
    {
        Ok(v) => v,
        Err(e) => {
            println!("set-up failed: {e}");
            return false;
        }
    };
    println!(
        "- {} sign-ins and {} ballot forms loaded in {:.1} s, {} at a time (load average before {load}, after {}); server peak RSS {} MB",
        voters.len(),
        voters.len() * paths.len(),
        started.elapsed().as_secs_f64(),
        opts.setup_concurrency,
        loadavg(),
        server.peak_mb()
    );
    println!();
    let mut ok = true;
    let mut voters = voters;
    for (index, shape) in shapes.iter().enumerate() {
        let offsets: Vec<Duration> = match shape {
            Shape::Spread => {
                let mut g = Gen(42);
                let span = opts.spread_seconds.max(1) * 1_000_000;
                voters
                    .iter()
                    .map(|_| Duration::from_micros(g.next() % span))
                    .collect()
            }
            _ => vec![Duration::ZERO; voters.len()],
        };
        let name = match shape {
            Shape::Spread => format!("spread over {} s", opts.spread_seconds),
            _ => "all at once".to_owned(),
        };
        let load = loadavg();
        let (back, outcomes, start) = cast(voters, index, &paths[index], &offsets).await;
        voters = back;
        ok &= report(
            &name,
            &db,
            &server,
            seeded.meetings[index],
            &outcomes,
            start,
            &load,
        )
        .await;
    }
    println!(
        "Server peak RSS over the whole run: {} MB",
        server.peak_mb()
    );
    println!();
    drop(server);
    db.drop_database().await;
    ok
}

/// Every page a leader reads in a seeded team, beyond the four of `--pages` (`--every-page`).
fn every_page(seeded: &Seeded) -> Vec<(String, String)> {
    let team = format!("/teams/{}", seeded.team);
    let meeting = format!("{team}/meetings/{}", seeded.meetings[0]);
    let mut out: Vec<(String, String)> = [
        ("home", "/".to_owned()),
        ("team", team.clone()),
        ("meetings", format!("{team}/meetings")),
        ("new meeting", format!("{team}/meetings/new")),
        ("meeting edit", format!("{meeting}/edit")),
        ("proposals", format!("{meeting}/proposals")),
        ("proposal", format!("{meeting}/proposals/1")),
        ("turnout", format!("{meeting}/turnout")),
        ("agenda", format!("{meeting}/agenda")),
        ("scan", format!("{meeting}/scan")),
        ("live", format!("{meeting}/live")),
        ("minutes", format!("{meeting}/minutes")),
        ("budgets", format!("{team}/budgets")),
        ("my ledger", format!("{team}/ledger/me")),
        ("help", format!("{team}/help")),
        ("actions", format!("{team}/actions")),
        ("series", format!("{team}/series")),
        ("check-ins", format!("{team}/checkins")),
        ("roles", format!("{team}/roles")),
        ("links", format!("{team}/links")),
    ]
    .into_iter()
    .map(|(name, path)| (name.to_owned(), path))
    .collect();
    if let Some(id) = seeded.proposing_meeting {
        out.push((
            "proposing meeting".to_owned(),
            format!("{team}/meetings/{id}"),
        ));
        // Before any ballot the leader may merge an item into any of the others.
        if let Some(item) = seeded.proposing_item {
            out.push((
                "proposal, to merge".to_owned(),
                format!("{team}/meetings/{id}/proposals/{item}"),
            ));
        }
    }
    if let Some(id) = seeded.budget_round {
        out.push(("budget round".to_owned(), format!("{team}/budgets/{id}")));
        out.push((
            "budget ideas".to_owned(),
            format!("{team}/budgets/{id}/ideas"),
        ));
    }
    out
}

async fn pages(opts: &Opts) -> bool {
    const PROPOSALS: usize = 1_000;
    let members = opts.page_members;
    let db = FreshDb::new(opts, "pages");
    let members_arg = members.to_string();
    let mut seed_args = vec![
        "--members",
        &members_arg,
        "--proposals",
        "1000",
        "--live-results",
    ];
    if opts.every_page {
        seed_args.extend(["--proposing-meeting", "--budget-round"]);
    }
    let (seeded, took, _) = seed(&db, &seed_args);
    let server = Server::start(&db).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let team = format!("/teams/{}", seeded.team);
    let meeting = format!("{team}/meetings/{}", seeded.meetings[0]);
    let ballot = format!("{meeting}/ballot");
    let started = Instant::now();
    let emails = (1..=members).map(member_email).collect();
    let voters = match prepare(
        &client,
        &server.base,
        emails,
        std::slice::from_ref(&ballot),
        10,
        opts.setup_concurrency,
    )
    .await
    {
        Ok(v) => v,
        Err(e) => {
            println!("set-up failed: {e}");
            return false;
        }
    };
    let spaced: Vec<Duration> = (0..voters.len())
        .map(|i| Duration::from_millis(i as u64 * 10))
        .collect();
    let (_, outcomes, _) = cast(voters, 0, &ballot, &spaced).await;
    let acknowledged = outcomes.iter().filter(|o| o.acknowledged()).count();
    // The live count runs in the background after each change: pages are timed once it has
    // caught up (a recount of 1,000 items beside the requests would be measured with them).
    let caught_up = live_count_caught_up(&db, seeded.meetings[0], Duration::from_secs(300)).await;
    println!(
        "## Pages on {:?}: a team of {members}, a meeting of {PROPOSALS} proposals (open ballot, live results), {acknowledged} ballots of 10 ranks cast through the form",
        opts.db
    );
    println!(
        "- seeded in {:.1} s; sign-ins, forms and ballots in {:.1} s",
        took.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    match caught_up {
        Some(t) => println!(
            "- the live count caught up {:.1} s after the last ballot's answer",
            t.as_secs_f64()
        ),
        None => println!("- the live count had not caught up 300 s after the last ballot"),
    }
    let mut leader = Browser::new(&client, &server.base, 0);
    if let Err(e) = leader.sign_in(&seeded.leader).await {
        println!("leader sign-in failed: {e}");
        return false;
    }
    // The leader's cookies, shared by the concurrent requests and kept up to date from their
    // answers, as a browser keeps them: the server refreshes the session cookie once a
    // minute, and a client that kept sending the old one would have it write the session's
    // last-seen time on every request.
    let leader = Arc::new(Leader {
        client: leader.client.clone(),
        base: leader.base.clone(),
        cookies: std::sync::Mutex::new(leader.cookies),
    });
    println!(
        "- {} requests per page, 16 at a time; load average before {}",
        opts.page_requests,
        loadavg()
    );
    println!();
    println!("| Page | p50 | p99 | max | Size | Statuses |");
    println!("| --- | ---: | ---: | ---: | ---: | --- |");
    let mut ok = acknowledged == outcomes.len();
    let mut measured: Vec<(String, String)> = [
        ("meeting", meeting.clone()),
        ("ballot", ballot.clone()),
        ("results", format!("{meeting}/results")),
        ("team ledger", format!("{team}/ledger")),
    ]
    .into_iter()
    .map(|(name, path)| (name.to_owned(), path))
    .collect();
    if opts.every_page {
        measured.extend(every_page(&seeded));
    }
    let mut over = Vec::new();
    let rounds = opts.page_rounds.max(1);
    let measured: Vec<(String, &str)> = (1..=rounds)
        .flat_map(|round| {
            measured.iter().map(move |(name, path)| {
                let name = if rounds > 1 {
                    format!("{name} (round {round})")
                } else {
                    name.clone()
                };
                (name, path.as_str())
            })
        })
        .collect();
    for (name, path) in measured {
        let (mut times, size, statuses) = measure(&leader, path, opts.page_requests).await;
        times.sort_unstable();
        ok &= statuses.keys().all(|s| *s == 200);
        let p99 = quantile(&times, 0.99);
        if p99 > Duration::from_millis(50) || size > 300 * 1024 {
            over.push(name.clone());
        }
        println!(
            "| {name} | {} | {} | {} | {:.0} KB | {:?} |",
            ms(quantile(&times, 0.50)),
            ms(quantile(&times, 0.99)),
            ms(times.last().copied().unwrap_or_default()),
            size as f64 / 1024.0,
            statuses
        );
    }
    println!();
    println!(
        "- load average after {}; server peak RSS {} MB",
        loadavg(),
        server.peak_mb()
    );
    if over.is_empty() {
        println!("- every page under 50 ms p99 and 300 KB");
    } else {
        println!("- over 50 ms p99 or 300 KB: {}", over.join(", "));
    }
    println!();
    drop(server);
    db.drop_database().await;
    ok
}

/// Untimed requests of each page before its timed ones (see [`measure`]).
const WARM_UP: usize = 80;

/// The signed-in leader whose pages [`measure`] reads, 16 requests at a time.
struct Leader {
    client: reqwest::Client,
    base: String,
    cookies: std::sync::Mutex<BTreeMap<String, String>>,
}

impl Leader {
    /// The `Cookie` header to send now.
    fn cookie(&self) -> String {
        let jar = self.cookies.lock().unwrap();
        jar.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Keeps the cookies an answer set, as a browser would.
    fn remember(&self, headers: &HeaderMap) {
        keep_cookies(&mut self.cookies.lock().unwrap(), headers);
    }
}

/// Keeps in `jar` the cookies an answer's `Set-Cookie` headers set.
fn keep_cookies(jar: &mut BTreeMap<String, String>, headers: &HeaderMap) {
    for value in headers.get_all(SET_COOKIE) {
        let Ok(text) = value.to_str() else { continue };
        let pair = text.split(';').next().unwrap_or_default();
        if let Some((name, value)) = pair.split_once('=') {
            jar.insert(name.trim().to_owned(), value.to_owned());
        }
    }
}

/// `requests` GETs of `path`, 16 at a time, after a warm-up: times, largest body, statuses.
async fn measure(
    leader: &Arc<Leader>,
    path: &str,
    requests: usize,
) -> (Vec<Duration>, usize, BTreeMap<u16, usize>) {
    let url = format!("{}{path}", leader.base);
    let get = |leader: Arc<Leader>, url: String| async move {
        let began = Instant::now();
        let response = leader
            .client
            .get(&url)
            .header(COOKIE, leader.cookie())
            .send()
            .await
            .unwrap();
        leader.remember(response.headers());
        let status = response.status().as_u16();
        let size = response.bytes().await.unwrap().len();
        (began.elapsed(), size, status)
    };
    // Warm-up, 16 at a time like the timed requests, so that every pooled connection has
    // prepared this page's statements and PostgreSQL has settled on their plans (it plans a
    // prepared statement afresh on each of its first five runs on a connection): the figures
    // are a running server's, not its first minute's. `WARM_UP` requests over the default
    // pool of 10 connections give each about eight.
    futures_util::stream::iter(0..WARM_UP)
        .map(|_| get(Arc::clone(leader), url.clone()))
        .buffer_unordered(16)
        .collect::<Vec<_>>()
        .await;
    let all: Vec<_> = futures_util::stream::iter(0..requests)
        .map(|_| get(Arc::clone(leader), url.clone()))
        .buffer_unordered(16)
        .collect()
        .await;
    let mut statuses = BTreeMap::new();
    for (_, _, s) in &all {
        *statuses.entry(*s).or_default() += 1;
    }
    let size = all.iter().map(|(_, b, _)| *b).max().unwrap_or(0);
    (all.into_iter().map(|(t, _, _)| t).collect(), size, statuses)
}

#[tokio::main]
async fn main() {
    let opts = Opts::parse();
    assert!(
        Path::new(BIN).exists(),
        "build the server first: cargo build --release"
    );
    println!(
        "Load benchmark: {BIN}, {} cores, load average {}",
        std::thread::available_parallelism().map_or(0, usize::from),
        loadavg()
    );
    println!();
    let mut ok = true;
    if !opts.no_ballots {
        ok &= ballots(&opts).await;
    }
    if opts.pages {
        ok &= pages(&opts).await;
    }
    if !ok {
        println!("FAILED: a submission was refused or lost, or stored differs from acknowledged");
        std::process::exit(1);
    }
}

//! The server under test: the real `roundtable` binary as a child process, on a loopback port
//! it picks itself (port 0; the address is read from its log), with the test's database and
//! data folder. Killed with SIGKILL (`Child::kill`), and always killed when dropped, so a
//! failing test leaves nothing running.

use std::fs::OpenOptions;
use std::io::{Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use roundtable::config::Settings;

use crate::helpers::TEST_DB_ENV;

/// The line the server logs once it listens (`cli::serve`), before the address.
const LISTENING: &str = "Roundtable is listening on ";
/// The longest a (debug, loaded) server may take to answer `/health` after it starts.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// `sqlite` or `postgres`: the database this run of the suite uses.
pub fn backend_name() -> &'static str {
    match std::env::var(TEST_DB_ENV) {
        Ok(url) if url.starts_with("postgres") => "postgres",
        _ => "sqlite",
    }
}

/// One server process at a time, started again and again on the same database.
pub struct Server {
    dir: PathBuf,
    env: Vec<(String, String)>,
    log: PathBuf,
    child: Option<Child>,
    /// Where the log of the current process starts.
    log_from: u64,
    /// `http://127.0.0.1:PORT` of the current process (empty before the first start).
    pub base: String,
    /// Processes started so far.
    pub starts: usize,
}

impl Server {
    /// A server for these settings (not started): the child gets exactly these variables.
    pub fn new(settings: &Settings) -> Self {
        let dir = settings.data_dir.clone();
        let url = settings.database_url.as_ref().unwrap().expose().to_owned();
        let mut env = vec![
            ("ROUNDTABLE_DATABASE_URL".to_owned(), url),
            (
                "ROUNDTABLE_DATA_DIR".to_owned(),
                dir.to_string_lossy().into_owned(),
            ),
            ("ROUNDTABLE_HOST".to_owned(), "127.0.0.1".to_owned()),
            ("ROUNDTABLE_PORT".to_owned(), "0".to_owned()),
            // Warnings, plus the one line that says where it listens.
            (
                "ROUNDTABLE_LOG".to_owned(),
                "warn,roundtable::cli=info".to_owned(),
            ),
        ];
        if let Ok(path) = std::env::var("PATH") {
            env.push(("PATH".to_owned(), path));
        }
        Self {
            log: dir.join("server.log"),
            dir,
            env,
            child: None,
            log_from: 0,
            base: String::new(),
            starts: 0,
        }
    }

    /// Starts a process without waiting for it to listen.
    pub fn spawn(&mut self) {
        assert!(self.child.is_none(), "a server is already running");
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .unwrap();
        self.log_from = log.metadata().unwrap().len();
        let child = self
            .command("serve")
            .stdout(Stdio::from(log.try_clone().unwrap()))
            .stderr(Stdio::from(log))
            .spawn()
            .expect("the roundtable binary starts");
        self.child = Some(child);
        self.starts += 1;
        self.base.clear();
    }

    /// Starts a process and waits until it answers `/health` with 200.
    pub async fn start(&mut self) {
        self.spawn();
        self.ready().await;
    }

    /// Waits until the current process logs its address and answers `/health` with 200.
    pub async fn ready(&mut self) {
        let deadline = Instant::now() + START_TIMEOUT;
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        loop {
            if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                panic!(
                    "the server exited ({status}) while starting:\n{}",
                    self.log_tail()
                );
            }
            assert!(
                Instant::now() < deadline,
                "the server did not answer within {START_TIMEOUT:?}:\n{}",
                self.log_tail()
            );
            if self.base.is_empty() {
                if let Some(base) = self.address() {
                    self.base = base;
                }
            } else if let Ok(r) = client.get(format!("{}/health", self.base)).send().await {
                assert_eq!(
                    r.status(),
                    200,
                    "/health after a restart: {}",
                    r.text().await.unwrap_or_default()
                );
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The address the current process logged, once it has.
    fn address(&self) -> Option<String> {
        let text = self.log_since(self.log_from);
        let start = text.find(LISTENING)? + LISTENING.len();
        let rest = &text[start..];
        let end = rest.find(|c: char| c.is_whitespace() || c == '"')?;
        Some(rest[..end].to_owned())
    }

    /// SIGKILL (`kill -9`): no shutdown, no flush, no destructor; then reaps the process.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().ok();
            child.wait().ok();
        }
    }

    /// `roundtable audit verify` with the server's settings: success and what it printed.
    pub fn audit_verify(&self) -> (bool, String) {
        let out = self.command("audit").arg("verify").output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }

    fn command(&self, first: &str) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_roundtable"));
        command
            .arg(first)
            .env_clear()
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .current_dir(&self.dir)
            .stdin(Stdio::null());
        command
    }

    fn log_since(&self, offset: u64) -> String {
        let mut text = String::new();
        if let Ok(mut file) = std::fs::File::open(&self.log) {
            file.seek(SeekFrom::Start(offset)).ok();
            file.read_to_string(&mut text).ok();
        }
        text
    }

    /// The last lines of the server's log, for failure messages.
    pub fn log_tail(&self) -> String {
        let text = self.log_since(0);
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    /// Lines of the whole log (every process) at ERROR level.
    pub fn errors_logged(&self) -> Vec<String> {
        self.log_since(0)
            .lines()
            .filter(|l| l.contains("ERROR"))
            .map(str::to_owned)
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

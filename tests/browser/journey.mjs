// The browser journey: a fresh server, then a team's whole cycle as its people would live it,
// in Debian's Chromium driven by playwright-core (never a downloaded browser). On every page
// state it runs axe-core (WCAG 2.2 AA tags, plus the label-in-name rule), saves a screenshot at
// desktop width and at 390 px, and checks the phone width: no horizontal scroll, and tap
// targets of at least 44 px. The pages between meetings (check-ins, role maps, series, team
// links and shared meetings, home across teams, the calendar feed) are walked by
// between_meetings.mjs, each checked without JavaScript. At the end a member browsing without
// JavaScript chooses French and reads the main pages again: each must say `lang="fr"` and hold
// no English sentence. It fails on any violation and writes `report.json` beside the screenshots.
//
// Usage (from the repository root, after `cargo build`):
//   node tests/browser/journey.mjs
// Environment: ROUNDTABLE_BIN (default target/debug/roundtable), CHROMIUM (default
// /usr/bin/chromium), ARTIFACTS (default tests/browser/artifacts), ROUNDTABLE_DATABASE_URL
// (default: a fresh SQLite file), JOURNEY_LANG (en, the default, or fr: the whole walk in French,
// buttons and labels found by their words in locales/fr/), ROUNDTABLE_BASE_URL (walk a site that is already running,
// e.g. the balancer of tests/cluster/run.sh, whose database has the admin admin@school.test;
// no server is started).

import { chromium } from "playwright-core";
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { betweenMeetings } from "./between_meetings.mjs";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const bin = process.env.ROUNDTABLE_BIN || path.join(root, "target/debug/roundtable");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const artifacts = path.resolve(process.env.ARTIFACTS || path.join(root, "tests/browser/artifacts"));
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const PASSWORD = "correct horse battery staple";
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** The journey's language: `en`, or `fr` to walk it in French (browser and people). */
const LANG = process.env.JOURNEY_LANG || "en";

/** The simple (one-line) messages of a language's catalogues, `locales/{lang}/*.ftl`. */
function loadCatalogue(lang) {
  const dir = path.join(root, "locales", lang);
  const messages = new Map();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ftl"))) {
    for (const line of fs.readFileSync(path.join(dir, file), "utf8").split("\n")) {
      const m = line.match(/^([a-z0-9-]+) = (.+)$/);
      if (m && !m[2].includes("->")) messages.set(m[1], m[2]);
    }
  }
  return messages;
}
const catalogue = loadCatalogue(LANG);

/** The words of `key` in the journey's language, `{ $name }` filled from `args`. */
function say(key, args = {}) {
  const message = catalogue.get(key);
  if (message === undefined) {
    throw new Error(`no one-line message ${key} in locales/${LANG}`);
  }
  return message.replace(/\{ \$([a-z_]+) \}/g, (_, name) => (name in args ? args[name] : `{${name}}`));
}

/** A pattern for text built from `key`: each unfilled `{ $argument }` matches anything. With a
 * string for `args`, the key's text is followed by that string (a button labelled with an item's
 * title). `anchored` matches the start of the text only. */
function sayPattern(key, args = {}, anchored = false) {
  const escape = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (typeof args === "string") {
    return new RegExp(`${escape(say(key))}.*${escape(args)}`);
  }
  const parts = say(key, args).split(/\{[a-z_]+\}/).map(escape);
  return new RegExp(`${anchored ? "^" : ""}${parts.join(".*")}`);
}

const findings = [];
/** Contexts whose pages must be French: every one when the journey walks in French, else the
 * member who switches to French at the end. */
const frenchContexts = new WeakSet();
/** The browser's language for a new context (its `Accept-Language`). */
const LOCALE = LANG === "fr" ? "fr-FR" : "en-GB";
/** Contexts browsing without JavaScript. */
const noScript = new WeakSet();
const pages = [];

function log(message) {
  console.log(`[journey ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function startServer() {
  if (process.env.ROUNDTABLE_BASE_URL) {
    return { server: null, base: process.env.ROUNDTABLE_BASE_URL.replace(/\/$/, "") };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roundtable-journey-"));
  const port = await freePort();
  // ROUNDTABLE_BIN is the journey's own setting: the server would refuse it as an unknown key.
  const { ROUNDTABLE_BIN: _bin, ...inherited } = process.env;
  const env = {
    ...inherited,
    ROUNDTABLE_DATA_DIR: dataDir,
    ROUNDTABLE_PORT: String(port),
    ROUNDTABLE_HOST: "127.0.0.1",
    ROUNDTABLE_LOG: "warn",
  };
  if (!process.env.ROUNDTABLE_DATABASE_URL) {
    env.ROUNDTABLE_DATABASE_URL = `sqlite://${dataDir}/roundtable.db`;
  }
  const created = spawnSync(bin, ["user", "create", "--admin", "--email", "admin@school.test", "--name", "Ada Admin"], {
    env,
    input: `${PASSWORD}\n`,
    encoding: "utf8",
  });
  if (created.status !== 0) {
    throw new Error(`user create failed: ${created.stderr}`);
  }
  const server = spawn(bin, ["serve"], { env, stdio: ["ignore", "inherit", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    try {
      const response = await fetch(`${base}/login`);
      if (response.ok) {
        return { server, base, dataDir };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill("SIGKILL");
  throw new Error("the server did not start");
}

/** Runs axe-core on the page at its current width; records and counts the violations. */
async function runAxe(page, name, url, width) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) {
    await page.addScriptTag({ content: axeSource });
  }
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: tags },
      rules: { "label-content-name-mismatch": { enabled: true } },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  for (const v of violations) {
    findings.push({ page: name, url, width, kind: `axe:${v.id}`, detail: v });
  }
  return violations.length;
}

/** Runs axe and the phone checks on the page as it is, and saves both screenshots. */
async function check(shown, name) {
  const url = shown.url();
  if (frenchContexts.has(shown.context())) {
    await speaksFrench(shown, name);
  }
  // A page without JavaScript cannot run axe: the same address is opened in a twin context
  // with the same cookies whose scripts from the site are blocked, so axe sees the no-script page.
  let page = shown;
  let twin = null;
  if (noScript.has(shown.context())) {
    twin = await shown.context().browser().newContext({
      viewport: DESKTOP,
      locale: LOCALE,
      bypassCSP: true,
      storageState: await shown.context().storageState(),
    });
    await twin.route("**/static/*.js", (route) => route.abort());
    page = await twin.newPage();
    await expectOk(await page.goto(url), `${name} (no script)`);
  }
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: path.join(artifacts, `${name}-desktop.png`), fullPage: true });
  let axe = await runAxe(page, name, url, DESKTOP.width);
  await page.setViewportSize(PHONE);
  axe += await runAxe(page, name, url, PHONE.width);
  const phone = await page.evaluate(() => {
    const doc = document.documentElement;
    const overflow = doc.scrollWidth - doc.clientWidth;
    const wide = [];
    if (overflow > 0) {
      for (const el of document.querySelectorAll("body *")) {
        const r = el.getBoundingClientRect();
        if (r.right > doc.clientWidth + 1 && r.width > 0 && getComputedStyle(el).position !== "fixed") {
          let scroller = el.parentElement;
          let insideScroller = false;
          while (scroller && scroller !== document.body) {
            const style = getComputedStyle(scroller);
            if (["auto", "scroll"].includes(style.overflowX)) {
              insideScroller = true;
              break;
            }
            scroller = scroller.parentElement;
          }
          if (!insideScroller) {
            wide.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""}`);
          }
        }
        if (wide.length >= 5) break;
      }
    }
    const small = [];
    const targets = document.querySelectorAll(
      "main button, main input:not([type=hidden]), main select, main a.button, header a, header button, footer a",
    );
    for (const el of targets) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not shown
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || el.closest(".visually-hidden")) continue;
      const isBox = el.type === "checkbox" || el.type === "radio";
      // Checkboxes and radios count with their label, which is the tap target.
      const label = isBox && el.labels && el.labels[0] ? el.labels[0].getBoundingClientRect() : null;
      const height = Math.max(r.height, label ? label.height : 0);
      if (height < 44 - 0.5) {
        small.push(`${el.tagName.toLowerCase()}${el.name ? `[name=${el.name}]` : ""} “${(el.textContent || el.value || "").trim().slice(0, 30)}” ${Math.round(r.width)}×${Math.round(height)}`);
      }
    }
    return { overflow, wide, small };
  });
  // The page itself must never scroll sideways (a table may, inside its own box).
  if (phone.overflow > 0) {
    findings.push({ page: name, url, width: PHONE.width, kind: "phone:horizontal-scroll", detail: phone });
  }
  if (phone.small.length > 0) {
    findings.push({ page: name, url, width: PHONE.width, kind: "phone:small-tap-targets", detail: phone.small.slice(0, 10) });
  }
  await page.screenshot({ path: path.join(artifacts, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  if (twin) {
    await twin.close();
  }
  pages.push({ name, url, axe, overflow: phone.overflow, small: phone.small.length });
  log(`${name}: ${axe} axe violation(s), overflow ${phone.overflow}px, ${phone.small.length} small target(s)`);
}

async function expectOk(response, what) {
  if (!response || response.status() >= 400) {
    throw new Error(`${what}: HTTP ${response ? response.status() : "no response"}`);
  }
}

async function submit(page, buttonName) {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole("button", { name: buttonName, exact: true }).click(),
  ]);
  await expectOk(response, `submitting “${buttonName}” on ${page.url()}`);
  const errors = await page.locator(".field-error").allTextContents();
  if (errors.length > 0) {
    throw new Error(`“${buttonName}” on ${page.url()} was refused: ${errors.join(" | ")}`);
  }
}

async function signIn(page, base, email) {
  await expectOk(await page.goto(`${base}/login`), "login page");
  await page.getByLabel(say("field-email")).fill(email);
  await page.getByLabel(say("field-password")).fill(PASSWORD);
  await submit(page, say("login-submit"));
}

async function inviteLink(page) {
  const text = await page.content();
  const match = text.match(/https?:\/\/[^"<\s]*\/invite\/[A-Za-z0-9_-]+|\/invite\/[A-Za-z0-9_-]+/);
  if (!match) {
    throw new Error(`no invitation link on ${page.url()}`);
  }
  return match[0];
}

async function join(browser, base, link, name, email, options = {}) {
  const context = await browser.newContext({ viewport: DESKTOP, bypassCSP: true, locale: LOCALE, ...options });
  if (LANG === "fr") {
    frenchContexts.add(context);
  }
  if (options.javaScriptEnabled === false) {
    noScript.add(context);
  }
  const page = await context.newPage();
  const url = link.startsWith("http") ? link.replace(/^https?:\/\/[^/]+/, base) : `${base}${link}`;
  await expectOk(await page.goto(url), "invitation");
  await page.getByLabel(say("st-invite-name")).fill(name);
  await page.getByLabel(say("field-email")).fill(email);
  await page.getByLabel(say("field-password")).fill(PASSWORD);
  await submit(page, say("st-invite-submit"));
  return page;
}

/** A page with the cookies `page`'s person has now (the same session), in the journey's
 * language, whose scripts from the site are blocked: what a browser without JavaScript shows,
 * checked directly (axe can still run in it, as in `check`'s twin for no-script contexts). */
async function withoutScript(page) {
  const context = await page.context().browser().newContext({
    viewport: DESKTOP,
    locale: LOCALE,
    bypassCSP: true,
    storageState: await page.context().storageState(),
  });
  await context.route("**/static/*.js", (route) => route.abort());
  if (frenchContexts.has(page.context())) {
    frenchContexts.add(context);
  }
  return context.newPage();
}

function minuteInput(date) {
  return date.toISOString().slice(0, 16);
}

async function waitUntil(when, what) {
  const ms = when.getTime() - Date.now();
  if (ms > 0) {
    log(`waiting ${Math.ceil(ms / 1000)} s until ${what}`);
    await new Promise((r) => setTimeout(r, ms));
  }
}

async function main() {
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const { server, base } = await startServer();
  log(`server at ${base}`);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    await journey(browser, base);
  } finally {
    await browser.close();
    server?.kill("SIGTERM");
  }
  fs.writeFileSync(path.join(artifacts, "report.json"), JSON.stringify({ pages, findings }, null, 2));
  log(`${pages.length} page states checked at ${DESKTOP.width} and ${PHONE.width} px; screenshots in ${artifacts}`);
  if (findings.length > 0) {
    for (const f of findings) {
      console.error(`FAIL ${f.page} (${f.width} px) ${f.kind}: ${JSON.stringify(f.detail)}`);
    }
    process.exit(1);
  }
}

async function journey(browser, base) {
  // The site administrator creates the team; its first leader joins through the link.
  const adminContext = await browser.newContext({ viewport: DESKTOP, bypassCSP: true, locale: LOCALE });
  if (LANG === "fr") {
    frenchContexts.add(adminContext);
  }
  const admin = await adminContext.newPage();
  await expectOk(await admin.goto(`${base}/login`), "login page");
  await check(admin, "01-sign-in");
  await signIn(admin, base, "admin@school.test");
  await check(admin, "02-home-admin");
  await expectOk(await admin.goto(`${base}/admin/teams`), "admin teams");
  await admin.getByLabel(say("st-admin-name")).fill("Northside leadership team");
  await admin.getByLabel(say("st-admin-purpose")).fill("Plan the term together and share the load fairly.");
  await submit(admin, say("st-admin-submit"));
  await check(admin, "03-team-created");
  const leaderLink = await inviteLink(admin);

  const leader = await join(browser, base, leaderLink, "Lena Leader", "lena@school.test");
  await check(leader, "04-team-leader");
  const slug = leader.url().match(/\/teams\/([^/?#]+)/)[1];
  const team = `${base}/teams/${slug}`;

  // The leader invites two colleagues: one browses with JavaScript, one without.
  await leader.getByLabel(say("team-max-uses")).fill("5");
  await submit(leader, say("team-create-link"));
  await check(leader, "05-invitation-created");
  const memberLink = await inviteLink(leader);
  const ines = await join(browser, base, memberLink, "Ines Ito", "ines@school.test");
  const omar = await join(browser, base, memberLink, "Omar Obi", "omar@school.test", { javaScriptEnabled: false });
  await check(ines, "06-team-member");

  // A meeting whose windows follow the real clock: proposals now, voting in a minute or two.
  const now = new Date();
  const minute = new Date(Math.floor(now.getTime() / 60000) * 60000);
  const lead = now.getSeconds() > 30 ? 2 : 1;
  const proposalsClose = new Date(minute.getTime() + lead * 60000);
  const votingClose = new Date(proposalsClose.getTime() + 60000);
  const startsAt = new Date(votingClose.getTime() + 60 * 60000);
  await expectOk(await leader.goto(`${team}/meetings`), "meetings");
  await check(leader, "07-meetings");
  await leader.getByRole("link", { name: say("meetings-schedule") }).click();
  await leader.waitForLoadState();
  await check(leader, "08-meeting-form");
  await leader.locator("#title").fill("Spring term planning");
  await leader.locator("#purpose_line").fill("Agree the three things we change this term.");
  await leader.locator("#proposals_open").fill(minuteInput(minute));
  await leader.locator("#proposals_close").fill(minuteInput(proposalsClose));
  await leader.locator("#voting_open").fill(minuteInput(proposalsClose));
  await leader.locator("#voting_close").fill(minuteInput(votingClose));
  await leader.locator("#starts_at").fill(minuteInput(startsAt));
  await submit(leader, say("mt-form-schedule"));
  const meeting = leader.url().replace(/[?#].*$/, "");
  await check(leader, "09-meeting-proposing");

  // A budget round beside it: ideas now, review while the meeting votes, voting after.
  const budgetClose = new Date(votingClose.getTime() + 60000);
  await expectOk(await leader.goto(`${team}/budgets/new`), "budget form");
  await check(leader, "09-budget-form");
  await leader.locator("#title").fill("Spring wellbeing fund");
  await leader.locator("#purpose").fill("Small things that make the staffroom and the week better.");
  await leader.locator("#amount").fill("2000");
  await leader.locator("#ideas_open").fill(minuteInput(minute));
  await leader.locator("#review_at").fill(minuteInput(proposalsClose));
  await leader.locator("#voting_open").fill(minuteInput(votingClose));
  await leader.locator("#voting_close").fill(minuteInput(budgetClose));
  await submit(leader, say("bg-form-create"));
  const round = leader.url().replace(/[?#].*$/, "");
  const ideas = [
    [ines, "Coffee machine for the staffroom", "900", "The old one broke in October."],
    [omar, "Quiet room cushions and lamps", "600", "A calm corner for planning periods."],
    [leader, "Wellbeing walk with lunch", "800", "One Friday afternoon together each half-term."],
  ];
  for (const [page, title, cost, description] of ideas) {
    await expectOk(await page.goto(`${round}/ideas`), "ideas");
    await page.locator("#title").fill(title);
    await page.locator("#description").fill(description);
    await page.locator("#cost").fill(cost);
    await submit(page, say("proposals-submit"));
  }
  await check(omar, "09-budget-ideas");

  // Everyone proposes.
  const proposals = [
    [leader, "New marking policy", "20", "Marking load is the top complaint in the staff survey."],
    [ines, "Timetable for next term", "15", "Two clashes in Year 9 need a decision."],
    [omar, "Parents' evening format", "10", "Online slots worked well last time."],
    [ines, "Lunch duty rota", "5", "Two people have covered every Friday since September."],
  ];
  for (const [page, title, minutes, why] of proposals) {
    await expectOk(await page.goto(`${meeting}/proposals`), "proposals");
    await page.locator("#title").fill(title);
    await page.locator("#minutes").fill(minutes);
    await page.locator("#why").fill(why);
    await submit(page, say("proposals-submit"));
  }
  await check(ines, "10-proposals");

  // Voting: a ranked ballot with the buttons, one typed without JavaScript, one by the leader.
  await waitUntil(new Date(proposalsClose.getTime() + 1500), "voting opens");
  await expectOk(await ines.goto(meeting), "meeting");
  await check(ines, "11-meeting-voting");
  await expectOk(await ines.goto(`${meeting}/ballot`), "ballot");
  await check(ines, "12-ballot-js");
  await ines.getByRole("button", { name: sayPattern("ballot-js-up", "Timetable for next term") }).click();
  await ines.getByRole("button", { name: sayPattern("ballot-js-up", "Lunch duty rota") }).click();
  await check(ines, "13-ballot-js-ranked");
  await submit(ines, say("ballot-save"));
  await check(ines, "14-ballot-receipt");

  await expectOk(await omar.goto(`${meeting}/ballot`), "ballot without JavaScript");
  await check(omar, "15-ballot-no-js");
  const ranks = { "Parents' evening format": "1", "New marking policy": "2", "Timetable for next term": "3" };
  for (const [title, rank] of Object.entries(ranks)) {
    await omar.locator("li", { hasText: title }).locator("input[type=number]").fill(rank);
  }
  await submit(omar, say("ballot-save"));

  await expectOk(await leader.goto(`${meeting}/ballot`), "leader ballot");
  await leader.getByRole("button", { name: sayPattern("ballot-js-up", "New marking policy") }).click();
  await submit(leader, say("ballot-save"));
  await expectOk(await leader.goto(`${meeting}/turnout`), "turnout");
  await check(leader, "16-turnout");

  // The leader reviews the budget ideas: all three are feasible.
  for (const [, title] of ideas) {
    await expectOk(await leader.goto(`${round}/ideas`), "ideas to review");
    const card = leader.locator("article", { hasText: title });
    await card.locator("summary").click();
    await card.locator("input[value=feasible]").check();
    await Promise.all([leader.waitForNavigation(), card.getByRole("button", { name: say("bg-review-save") }).click()]);
  }
  await expectOk(await leader.goto(`${round}/ideas`), "reviewed ideas");
  await check(leader, "16-budget-reviewed");

  // Results once voting closes (the count runs in the background, exactly once).
  await waitUntil(new Date(votingClose.getTime() + 1500), "voting closes");
  for (let i = 0; i < 50; i += 1) {
    await expectOk(await leader.goto(`${meeting}/results`), "results");
    // Until the count is stored the page says so in a status notice.
    if ((await leader.locator("p.notice[role=status]").count()) === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await check(leader, "17-results");
  await expectOk(await leader.goto(meeting), "meeting");
  await check(leader, "18-meeting-results");

  // Budget ballots: by ticking ideas with JavaScript (a running total), and without.
  for (const [page, name, chosen] of [
    [ines, "17-budget-ballot-js", ["Coffee machine for the staffroom", "Quiet room cushions and lamps"]],
    [omar, "17-budget-ballot-no-js", ["Quiet room cushions and lamps", "Wellbeing walk with lunch"]],
  ]) {
    await expectOk(await page.goto(`${round}/ballot`), "budget ballot");
    await check(page, name);
    for (const title of chosen) {
      const item = page.locator(".ballot li", { hasText: title });
      const rank = item.locator("input[type=number]");
      if ((await rank.count()) > 0) {
        await rank.fill(String(chosen.indexOf(title) + 1));
      } else {
        await item.locator("input[type=checkbox]").check();
      }
    }
    await submit(page, say("ballot-save"));
  }
  await check(ines, "17-budget-receipt");

  // The leader publishes the agreed agenda.
  await expectOk(await leader.goto(`${meeting}/agenda/publish`), "publish form");
  await check(leader, "19-agenda-publish");
  await submit(leader, say("mt-publish-submit"));
  await expectOk(await ines.goto(`${meeting}/agenda`), "agenda");
  await check(ines, "20-agenda");

  // Follow-through: an action with an owner and a date.
  await expectOk(await leader.goto(`${team}/actions`), "actions");
  await leader.locator("#new-title").fill("Draft the new marking policy");
  await leader.locator("#new-owner").selectOption({ label: "Ines Ito" });
  const due = new Date(Date.now() + 14 * 86400000).toISOString().slice(0, 10);
  await leader.locator("#new-due").fill(due);
  await submit(leader, say("fl-actions-submit"));
  await expectOk(await leader.goto(`${team}/actions`), "actions");
  await check(leader, "21-actions");

  // Effort made visible: help received is confirmed at once, help given waits for the other.
  const help = [
    [ines, "received", "Omar Obi", "45", "cover"],
    [ines, "gave", "Lena Leader", "30", "planning"],
    [omar, "received", "Lena Leader", "20", "marking"],
  ];
  for (const [page, direction, other, minutes, category] of help) {
    await expectOk(await page.goto(`${team}/ledger/me`), "own ledger");
    await page.locator(`#direction-${direction}`).check();
    await page.locator("#person").selectOption({ label: other });
    await page.locator("#minutes").fill(minutes);
    await page.locator("#category").fill(category);
    await submit(page, say("fl-me-record"));
  }
  await expectOk(await ines.goto(`${team}/ledger/me`), "own ledger");
  await check(ines, "22-ledger-me");
  // Lena confirms the help Ines gave her, and is told what is next.
  await expectOk(await leader.goto(`${team}/ledger/me`), "leader's ledger");
  await leader.getByRole("link", { name: sayPattern("fl-entry-line", { helper: "Ines Ito", helped: "Lena Leader" }) }).click();
  await leader.waitForLoadState();
  await check(leader, "22-ledger-exchange");
  await submit(leader, sayPattern("fl-exchange-confirm", {}, true));
  if ((await leader.getByText(say("fl-moved-confirm")).count()) !== 1) {
    throw new Error(`no confirmation after confirming help on ${leader.url()}`);
  }
  await check(leader, "22-ledger-exchange-confirmed");
  await expectOk(await leader.goto(`${team}/ledger`), "team ledger");
  await check(leader, "22-ledger-team");
  await expectOk(await ines.goto(`${team}/help`), "help");
  await check(ines, "23-help");
  await expectOk(await omar.goto(`${team}/help`), "help without JavaScript");
  await omar.locator("#kind-request").check();
  await omar.locator("#title").fill("Cover for Year 9 trip, Thursday period 3");
  await omar.locator("#detail").fill("I am with the trip all morning.");
  await omar.locator("#estimated_minutes").fill("50");
  await submit(omar, say("fl-help-submit"));
  await check(omar, "23-help-post");

  // The meeting's other pages, and the forms leaders use.
  await expectOk(await ines.goto(`${meeting}/proposals`), "proposals");
  await ines.getByRole("link", { name: "New marking policy" }).click();
  await ines.waitForLoadState();
  await check(ines, "23-proposal");
  for (const [page, suffix, name] of [
    [leader, "/scan", "23-scan"],
    [leader, "/live", "23-live"],
    [leader, "/minutes", "23-minutes"],
    [leader, "/edit", "23-meeting-edit"],
    [leader, "/agenda/print", "23-agenda-print"],
  ]) {
    await expectOk(await page.goto(`${meeting}${suffix}`), suffix);
    await check(page, name);
  }
  await expectOk(await admin.goto(`${base}/admin/teams`), "admin teams");
  await check(admin, "23-admin-teams");
  // Between meetings (issue 19): check-ins, role maps, a series, a linked team and the shared
  // meeting, home across teams, the calendar feed; while the budget's voting runs out.
  await betweenMeetings({
    browser, base, team, meeting, admin, leader, ines, omar, check, submit, expectOk, say, inviteLink, log,
    withoutScript,
    fail: (page, kind, detail) => findings.push({ page, url: "", width: DESKTOP.width, kind, detail }),
  });
  await waitUntil(new Date(budgetClose.getTime() + 1500), "budget voting closes");
  for (let i = 0; i < 50; i += 1) {
    await expectOk(await ines.goto(`${round}/results`), "budget results");
    if ((await ines.getByText(say("bg-results-funded")).count()) > 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await check(ines, "24-budget-results");
  await expectOk(await ines.goto(round), "budget round");
  await check(ines, "24-budget-round");
  await expectOk(await ines.goto(`${base}/`), "home");
  await check(ines, "24-home");
  await expectOk(await ines.goto(`${team}/budgets`), "budgets");
  await check(ines, "25-budgets");
  await expectOk(await ines.goto(`${base}/account`), "account");
  await check(ines, "26-account");

  // Walking in English, one member switches to French for the main pages (walking in French,
  // every page already was).
  if (LANG === "fr") {
    return;
  }
  await inFrench(omar, base, [
    ["", "27-fr-home"],
    [team.slice(base.length), "27-fr-team"],
    [meeting.slice(base.length), "27-fr-meeting"],
    [`${meeting.slice(base.length)}/results`, "27-fr-results"],
    [`${meeting.slice(base.length)}/agenda`, "27-fr-agenda"],
    [`${meeting.slice(base.length)}/minutes`, "27-fr-minutes"],
    [`${round.slice(base.length)}/results`, "27-fr-budget-results"],
    [`${team.slice(base.length)}/actions`, "27-fr-actions"],
    [`${team.slice(base.length)}/ledger/me`, "27-fr-ledger-me"],
    [`${team.slice(base.length)}/help`, "27-fr-help"],
    [`${team.slice(base.length)}/checkins`, "27-fr-checkins"],
    [`${team.slice(base.length)}/roles`, "27-fr-roles"],
    [`${team.slice(base.length)}/series`, "27-fr-series"],
    // Not the notification centre: a notification keeps the language it was written in, and
    // these were written while this member read English (tests/api/notices.rs reads a French
    // reader's centre).
    ["/account", "27-fr-account"],
  ]);
}

/** Words that only an English page has: any of them on a French page is a sentence left
 * untranslated. */
const ENGLISH_ONLY = [
  /\bSign out\b/, /\bMeetings\b/, /\bProposals\b/, /\bVoting\b/,
  /\branked\b/, /\beliminated\b/, /\belected\b/, /\bRound \d/, /\bminutes left\b/,
  /\bHelp given\b/, /\bDue\b/, /\bnobody\b/, /\bnever\b/, /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b/,
];

/** The person (browsing without JavaScript) chooses French on their account page, then reads
 * the main pages of the journey in French: the page says `lang="fr"`, no English sentence is
 * left, and each page passes the same checks (axe, 390 px without sideways scroll, tap targets)
 * as the English ones, French words being longer. */
async function inFrench(page, base, paths) {
  await expectOk(await page.goto(`${base}/account`), "account");
  await page.locator("#language-choice").selectOption("fr");
  await submit(page, say("account-language-submit"));
  frenchContexts.add(page.context());
  for (const [suffix, name] of paths) {
    await expectOk(await page.goto(`${base}${suffix || "/"}`), name);
    await check(page, name);
  }
}

/** On a page meant to be French: the page says `lang="fr"` and no English sentence is left
 * (names and texts people typed excepted: they hold none of these words). */
async function speaksFrench(page, name) {
  const lang = await page.locator("html").getAttribute("lang");
  if (lang !== "fr") {
    findings.push({ page: name, url: page.url(), width: DESKTOP.width, kind: "language:not-french", detail: lang });
  }
  const visible = await page.locator("body").innerText();
  for (const english of ENGLISH_ONLY) {
    const found = visible.match(english);
    if (found) {
      findings.push({ page: name, url: page.url(), width: DESKTOP.width, kind: "language:english-left", detail: found[0] });
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

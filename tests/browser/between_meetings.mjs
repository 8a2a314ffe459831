// The between-meetings pages of the browser journey (issue 19): weekly check-ins, role maps,
// recurring series with their rota, team links and a meeting shared with a second team, the
// home page across teams, and the calendar feed on the account page. Called by journey.mjs once
// the team has an action and a published agenda; it drives the same people and reuses the
// journey's checks (axe, 390 px, screenshots). Every page is checked as it shows without
// JavaScript (the site's scripts blocked; these pages have none of their own), the account page
// right after the calendar address is made, and the keyboard focus must be visible on the
// first control of the pages people fill in. Elements are found by ids, names and addresses,
// and buttons by their words in the journey's language, so the French walk (JOURNEY_LANG=fr)
// runs the same steps.

/**
 * @param {object} kit what journey.mjs lends: `browser`, `base`, `team` (the team's address),
 *   `meeting` (the meeting's address, its agenda published), `admin`, `leader`, `ines`, `omar`
 *   (pages of the people; omar browses without JavaScript), and the functions `check`,
 *   `submit`, `expectOk`, `say`, `inviteLink`, `withoutScript` (a page with a person's
 *   cookies and the site's scripts blocked), `fail` (record a finding) and `log`.
 */
export async function betweenMeetings(kit) {
  const { base, team, meeting, admin, leader, ines, omar, check, submit, expectOk, say, log } = kit;
  const started = Date.now();
  const slug = team.slice(`${base}/teams/`.length);
  const meetingId = meeting.match(/\/meetings\/([^/?#]+)/)[1];

  /** Opens `url` without JavaScript as the person of `page` and checks it there. */
  async function lookWithoutScript(page, url, name) {
    const bare = await kit.withoutScript(page);
    await expectOk(await bare.goto(url), name);
    await check(bare, name);
    await bare.context().close();
    return bare;
  }

  /** Tabs from the top of `main` into its first control: the focus must be drawn (an outline of
   * at least 2 px or a box shadow), since a keyboard user cannot see where they are otherwise. */
  async function focusShows(page, name) {
    await page.locator("#main").focus();
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return { what: "nothing focused", drawn: false };
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
      const shadow = style.boxShadow && style.boxShadow !== "none";
      return {
        what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}`,
        drawn: el.matches(":focus-visible") && (outline || Boolean(shadow)),
      };
    });
    if (!focus.drawn) {
      kit.fail(name, "focus:not-visible", focus.what);
    }
  }

  // The action the check-in's blocker points to: the journey's one action.
  await expectOk(await leader.goto(`${team}/actions`), "actions");
  const actionHref = await leader.locator(`main a[href^="/teams/${slug}/actions/"]`).evaluateAll((links) =>
    links.map((a) => a.getAttribute("href")).find((h) => /\/actions\/\d+$/.test(h)),
  );
  if (!actionHref) {
    throw new Error(`no action link on ${leader.url()}`);
  }
  const actionId = actionHref.match(/(\d+)$/)[1];

  // Weekly check-ins: Ines (JavaScript) checks in with a blocker tied to the action, Omar
  // (without) checks in too, and the leader reads the team's week with who is missing.
  await expectOk(await ines.goto(`${team}/checkins`), "check-ins");
  await focusShows(ines, "30-checkins");
  await ines.locator("#ci-moved").fill("Drafted the first half of the marking policy.");
  await ines.locator("#ci-blocking").fill("Waiting for the exam board guidance before the second half.");
  await ines.locator("#ci-next").fill("Share the draft with the English department.");
  await ines.locator("#ci-action").selectOption(actionId);
  await submit(ines, say("ci-submit"));
  await expectOk(await omar.goto(`${team}/checkins`), "check-ins without JavaScript");
  await omar.locator("#ci-moved").fill("Booked the online slots for parents' evening.");
  await submit(omar, say("ci-submit"));
  await lookWithoutScript(leader, `${team}/checkins`, "30-checkins");
  await expectOk(await leader.goto(`${team}/checkins`), "check-ins");
  if ((await leader.locator(`section[aria-labelledby=entries] a[href="/teams/${slug}/actions/${actionId}"]`).count()) === 0) {
    throw new Error(`the blocker is not linked to action ${actionId} on ${leader.url()}`);
  }
  if ((await leader.locator("section[aria-labelledby=missing-heading] li").count()) !== 1) {
    throw new Error(`the leader does not see exactly one member missing on ${leader.url()}`);
  }

  // A role map: a draft with an owner, a milestone, published, edited after publishing, and its
  // history of versions.
  await expectOk(await leader.goto(`${team}/roles`), "role maps");
  await focusShows(leader, "31-role-maps");
  await leader.locator("#title").fill("Marking policy rollout");
  await leader.locator("#outcome").fill("Every department marks to the new policy by Easter.");
  await leader.locator("#owner").selectOption({ label: "Ines Ito" });
  await submit(leader, say("rm-new-submit"));
  const roleMap = leader.url().replace(/[?#].*$/, "");
  if (!/\/roles\/\d+$/.test(roleMap)) {
    throw new Error(`creating a role map led to ${leader.url()}`);
  }
  await leader.locator("#new-title").fill("Department leads briefed");
  await leader.locator("#new-owner").selectOption({ label: "Omar Obi" });
  await leader.locator("#new-due").fill(new Date(Date.now() + 21 * 86400000).toISOString().slice(0, 10));
  await submit(leader, say("rm-add-milestone"));
  await submit(leader, say("rm-publish"));
  await leader.locator("section[aria-labelledby=edit-map] #outcome").fill("Every department marks to the new policy by the spring half-term.");
  await submit(leader, say("rm-save-map"));
  await expectOk(await leader.goto(roleMap), "role map");
  if ((await leader.locator("tr[id^=milestone-]").count()) !== 1) {
    throw new Error(`the milestone is not on ${roleMap}`);
  }
  if ((await leader.locator("section[aria-labelledby=history] li").count()) < 2) {
    throw new Error(`the role map's history shows fewer than two versions on ${roleMap}`);
  }
  await lookWithoutScript(leader, roleMap, "31-role-map");
  await lookWithoutScript(omar, `${team}/roles`, "31-role-maps");

  // A weekly series: the form's defaults (weekly, from tomorrow), the rota of the next four
  // meetings, a swap, and a member marked away.
  await expectOk(await leader.goto(`${team}/series/new`), "series form");
  await focusShows(leader, "32-series-form");
  await lookWithoutScript(leader, `${team}/series/new`, "32-series-form");
  await leader.locator("#title").fill("Weekly leadership huddle");
  await leader.locator("#cadence").selectOption("weekly");
  await submit(leader, say("rh-create"));
  const series = leader.url().replace(/[?#].*$/, "");
  if (!/\/series\/\d+$/.test(series)) {
    throw new Error(`creating a series led to ${leader.url()}`);
  }
  const upcoming = await leader.locator("section[aria-labelledby=next] tbody tr").count();
  if (upcoming !== 4) {
    throw new Error(`the series shows ${upcoming} next meetings, not 4, on ${series}`);
  }
  // The first meeting's first role goes to a member who holds no role at that meeting.
  const firstRota = await leader.locator("section[aria-labelledby=next] tbody tr").first().locator("td").allInnerTexts();
  const options = await leader.locator("#with_user_id option").evaluateAll((list) =>
    list.map((o) => ({ value: o.value, name: o.textContent.trim() })),
  );
  const free = options.find((o) => !firstRota.some((cell) => cell.includes(o.name)));
  if (!free) {
    throw new Error(`everyone holds a role at the first meeting on ${series}: ${firstRota.join(", ")}`);
  }
  await leader.locator("#with_user_id").selectOption(free.value);
  await submit(leader, say("rh-swap-submit"));
  if ((await leader.locator("section[aria-labelledby=swaps] li").count()) === 0) {
    throw new Error(`the swap is not listed on ${series}`);
  }
  await lookWithoutScript(leader, series, "32-series");
  await expectOk(await leader.goto(`${team}/series`), "series");
  await leader.locator("#user_id").selectOption({ label: "Omar Obi" });
  const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
  await leader.locator("#away_from").fill(day(8));
  await leader.locator("#away_until").fill(day(12));
  await submit(leader, say("rh-away-submit"));
  if ((await leader.locator(`section[aria-labelledby=away] form[action^="/teams/${slug}/series/away/"]`).count()) === 0) {
    throw new Error(`the away period is not listed on ${leader.url()}`);
  }
  await lookWithoutScript(leader, `${team}/series`, "32-series-list");

  // A second team, led by the same leader (she joins it through its link while signed in), is
  // linked with the first, which shares its meeting; the second team reads it.
  await expectOk(await admin.goto(`${base}/admin/teams`), "admin teams");
  await admin.getByLabel(say("st-admin-name")).fill("Southside science department");
  await admin.getByLabel(say("st-admin-purpose")).fill("Run the science curriculum and its practicals.");
  await submit(admin, say("st-admin-submit"));
  const secondLink = await kit.inviteLink(admin);
  const url = secondLink.startsWith("http") ? secondLink.replace(/^https?:\/\/[^/]+/, base) : `${base}${secondLink}`;
  await expectOk(await leader.goto(url), "second team's invitation");
  await submit(leader, say("st-invite-join-as", { name: "Lena Leader" }));
  const secondSlug = leader.url().match(/\/teams\/([^/?#]+)/)?.[1];
  if (!secondSlug || secondSlug === slug) {
    throw new Error(`joining the second team led to ${leader.url()}`);
  }
  const second = `${base}/teams/${secondSlug}`;
  await expectOk(await leader.goto(`${team}/links`), "team links");
  await focusShows(leader, "33-links");
  await leader.locator("#team").fill(secondSlug);
  await submit(leader, say("co-link-propose"));
  await expectOk(await leader.goto(`${second}/links`), "second team's links");
  await lookWithoutScript(leader, `${second}/links`, "33-links-awaiting");
  await Promise.all([leader.waitForNavigation(), leader.locator(`form[action$="/accept"] button`).click()]);
  await expectOk(await leader.goto(`${team}/links`), "team links");
  await Promise.all([
    leader.waitForNavigation(),
    leader.locator(`form[action="/teams/${slug}/meetings/${meetingId}/share"] button`).click(),
  ]);
  await lookWithoutScript(leader, `${team}/links`, "33-links-shared");
  await lookWithoutScript(leader, `${second}/shared`, "33-shared");
  await lookWithoutScript(leader, `${second}/shared/${meetingId}`, "33-shared-meeting");
  await expectOk(await leader.goto(`${second}/shared/${meetingId}`), "shared meeting");
  if ((await leader.locator("#shared-agenda ~ ol li").count()) === 0) {
    throw new Error(`the shared meeting shows no agenda on ${leader.url()}`);
  }

  // The home page across both teams.
  await expectOk(await leader.goto(`${base}/`), "home");
  for (const s of [slug, secondSlug]) {
    if ((await leader.locator(`main a[href="/teams/${s}"]`).count()) === 0) {
      throw new Error(`the home page does not lead to /teams/${s}`);
    }
  }
  await lookWithoutScript(leader, `${base}/`, "34-home-teams");

  // The calendar feed: make the secret address, read it as a calendar app would (a plain
  // request, no cookies), revoke it, and it is gone.
  const account = await kit.withoutScript(leader);
  await expectOk(await account.goto(`${base}/account#calendar`), "account");
  await focusShows(account, "35-account-calendar");
  await Promise.all([account.waitForNavigation(), account.locator('form[action="/account/calendar"] button').click()]);
  const feedHref = await account.locator("#new-link").inputValue();
  if (!/\/calendar\/[0-9a-f]{64}\.ics$/.test(feedHref)) {
    throw new Error(`no calendar address after making one: ${feedHref}`);
  }
  // The page as it is now, the address shown this once.
  await check(account, "35-account-calendar");
  const feedUrl = feedHref.replace(/^https?:\/\/[^/]+/, base);
  const feed = await fetch(feedUrl);
  const ics = await feed.text();
  if (feed.status !== 200 || !/^text\/calendar/.test(feed.headers.get("content-type") || "")) {
    throw new Error(`the calendar feed answered ${feed.status} ${feed.headers.get("content-type")}`);
  }
  if (!ics.includes("BEGIN:VCALENDAR") || !ics.includes("BEGIN:VEVENT")) {
    throw new Error(`the calendar feed holds no event:\n${ics.slice(0, 400)}`);
  }
  await Promise.all([account.waitForNavigation(), account.locator('form[action="/account/calendar/revoke"] button').click()]);
  await account.context().close();
  const revoked = await fetch(feedUrl);
  if (revoked.status !== 404) {
    throw new Error(`a revoked calendar address answered ${revoked.status}, not 404`);
  }
  log(`between-meetings pages: ${Math.round((Date.now() - started) / 1000)} s`);
  return { second, secondSlug, roleMap, series };
}

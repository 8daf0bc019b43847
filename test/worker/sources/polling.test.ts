import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runPollCycle } from "../../../src/sources/run-poll-cycle";
import { USER_AGENT } from "../../../src/sources/user-agent";
import { feedJson, get } from "../support/client";
import {
  addSource,
  adminPoll,
  importUrls,
  iso,
  reportFor,
  requestsTo,
  SERVER,
  serverPost,
  sourceByUrl,
} from "./support";

const INTERVAL_MS = 3600_000;
// A non-default view is rendered from the fold index on each request (no cache in between).
const VIEW = "/feed.json?limit=100";

describe("polling a source", () => {
  it("200 ingests, then a conditional GET gets 304 and writes nothing; a changed feed adds only its new item", async () => {
    await addSource(`${SERVER}/cond/p1.xml`);
    const first = reportFor(await adminPoll(), "/cond/p1.xml");
    expect(first).toMatchObject({
      ok: true,
      result: "ingested",
      status: 200,
      counts: { new: 2 },
      recorded: true,
    });
    const held = await sourceByUrl("/cond/p1.xml");
    expect(held).toMatchObject({
      etag: '"p1-v1"',
      lastStatus: 200,
      itemsSeen: 2,
      itemsAdded: 2,
      lastError: null,
    });
    expect(held.title).toBe("Harbour Notices p1");
    const etag = (await feedJsonResponse()).headers.get("ETag");

    // The first 304 records its status (200 → 304); the next ones write nothing at all.
    const second = reportFor(await adminPoll(), "/cond/p1.xml");
    expect(second).toMatchObject({ ok: true, result: "not-modified", status: 304, recorded: true });
    const third = reportFor(await adminPoll(), "/cond/p1.xml");
    expect(third).toMatchObject({ ok: true, result: "not-modified", status: 304, recorded: false });
    const seen = await requestsTo("/cond/p1.xml");
    expect(seen).toHaveLength(4); // the check when added, then three polls
    expect(seen[1]!["if-none-match"]).toBeUndefined();
    for (const poll of seen.slice(2)) {
      expect(poll["if-none-match"]).toBe('"p1-v1"');
      expect(poll["if-modified-since"]).toBe(held.lastModified);
      expect(poll["user-agent"]).toBe(USER_AGENT);
    }
    expect((await feedJsonResponse()).headers.get("ETag")).toBe(etag);

    await serverPost("/__bump/p1");
    const changed = reportFor(await adminPoll(), "/cond/p1.xml");
    expect(changed).toMatchObject({ result: "ingested", counts: { new: 1, unchanged: 2 } });
    const titles = (await feedJson(VIEW)).items.map((i) => i.title);
    expect(titles.filter((t) => t?.endsWith("for p1"))).toHaveLength(3);
    expect(await sourceByUrl("/cond/p1.xml")).toMatchObject({ etag: '"p1-v2"', itemsSeen: 3, itemsAdded: 3 });
  });

  it("a server without validators: the same bytes are skipped by their hash", async () => {
    await importUrls([`${SERVER}/plain/p2.xml`]);
    expect(reportFor(await adminPoll(), "/plain/p2.xml")).toMatchObject({
      result: "ingested",
      counts: { new: 2 },
    });
    expect(reportFor(await adminPoll(), "/plain/p2.xml")).toMatchObject({
      result: "unchanged",
      recorded: false,
    });
    await serverPost("/__bump/p2");
    expect(reportFor(await adminPoll(), "/plain/p2.xml")).toMatchObject({
      result: "ingested",
      counts: { new: 1, unchanged: 2 },
    });
  });

  it("410 marks the source gone and it is not polled again", async () => {
    await importUrls([`${SERVER}/gone.xml`]);
    expect(reportFor(await adminPoll(), "/gone.xml")).toMatchObject({
      ok: false,
      result: "gone",
      status: 410,
    });
    const gone = await sourceByUrl("/gone.xml");
    expect(gone).toMatchObject({ state: "gone", lastStatus: 410, nextFetch: null });
    expect(gone.lastError).toContain("410");
    expect((await adminPoll()).sources.some((s) => s.url.endsWith("/gone.xml"))).toBe(false);
  });

  it("429 and 503 hold that source for the Retry-After, and only that source", async () => {
    await importUrls([`${SERVER}/throttled.xml`, `${SERVER}/busy.xml`, `${SERVER}/plain/p3.xml`]);
    const cycle = await adminPoll();
    expect(reportFor(cycle, "/throttled.xml")).toMatchObject({ result: "throttled", status: 429 });
    expect(reportFor(cycle, "/busy.xml")).toMatchObject({ result: "throttled", status: 503 });
    const throttled = await sourceByUrl("/throttled.xml");
    const waitMs = iso(throttled.retryAfterUntil) - iso(throttled.lastFetch);
    expect(waitMs).toBeGreaterThanOrEqual(3600_000);
    expect(iso(throttled.nextFetch)).toBeGreaterThanOrEqual(iso(throttled.lastFetch) + 3600_000);
    expect(throttled.lastError).toContain("Retry-After");
    const busy = await sourceByUrl("/busy.xml");
    expect(iso(busy.retryAfterUntil) - iso(busy.lastFetch)).toBeGreaterThan(7000_000);
    const again = await adminPoll();
    expect(again.sources.map((s) => s.url)).not.toContain(`${SERVER}/throttled.xml`);
    expect(again.sources.map((s) => s.url)).not.toContain(`${SERVER}/busy.xml`);
    expect(reportFor(again, "/plain/p3.xml").ok).toBe(true);
  });

  it("500 backs off exponentially, and one success recovers the regular interval", async () => {
    await importUrls([`${SERVER}/flaky/f1.xml`]);
    expect(reportFor(await adminPoll(), "/flaky/f1.xml")).toMatchObject({ ok: false, status: 500 });
    const once = await sourceByUrl("/flaky/f1.xml");
    expect(once).toMatchObject({
      consecutiveErrors: 1,
      lastStatus: 500,
      lastError: "http-500: the server answered HTTP 500",
      lastFailure: "http-500",
    });
    const firstDelay = iso(once.nextFetch) - iso(once.lastFetch);
    expect(firstDelay).toBeGreaterThanOrEqual(2 * INTERVAL_MS * 0.9);
    await adminPoll();
    const twice = await sourceByUrl("/flaky/f1.xml");
    expect(twice.consecutiveErrors).toBe(2);
    expect(iso(twice.nextFetch) - iso(twice.lastFetch)).toBeGreaterThanOrEqual(4 * INTERVAL_MS * 0.9);
    expect(iso(twice.nextFetch) - iso(twice.lastFetch)).toBeLessThanOrEqual(86_400_000 * 1.1);

    await serverPost("/__heal/f1");
    expect(reportFor(await adminPoll(), "/flaky/f1.xml")).toMatchObject({ ok: true, counts: { new: 1 } });
    const healed = await sourceByUrl("/flaky/f1.xml");
    expect(healed).toMatchObject({ consecutiveErrors: 0, lastError: null, lastStatus: 200 });
    expect(iso(healed.nextFetch) - iso(healed.lastFetch)).toBe(INTERVAL_MS);
  });

  it("a timeout (slow headers or a stalled body) and an oversize body are errors on the source", async () => {
    await importUrls([`${SERVER}/slow-head.xml`, `${SERVER}/slow-body.xml`, `${SERVER}/big.xml`]);
    // The slow answers never come (the server holds them until the client leaves), so they time
    // out at any timeout; the timeout is long enough for /big.xml to reach the size cap first on
    // a loaded machine.
    const cycle = await runPollCycle({ ...env, FETCH_TIMEOUT_MS: "5000", MAX_BODY_BYTES: "200000" } as Env, {
      force: true,
    });
    expect(reportFor(cycle, "/slow-head.xml")).toMatchObject({ failure: "timeout" });
    expect(reportFor(cycle, "/slow-body.xml")).toMatchObject({ failure: "timeout" });
    expect(reportFor(cycle, "/big.xml")).toMatchObject({ failure: "too-large" });
    expect(reportFor(cycle, "/big.xml").error).toContain("larger than 200000 bytes");
    expect((await sourceByUrl("/big.xml")).lastError).toContain("MAX_BODY_BYTES");
    expect((await sourceByUrl("/slow-head.xml")).consecutiveErrors).toBe(1);
  });

  it("follows a redirect chain up to the limit; a temporary redirect keeps the URL", async () => {
    await importUrls([`${SERVER}/hop/3/r1.xml`, `${SERVER}/hop/5/r2.xml`]);
    const cycle = await adminPoll();
    expect(reportFor(cycle, "/hop/3/r1.xml")).toMatchObject({ ok: true, requests: 4, counts: { new: 2 } });
    expect(reportFor(cycle, "/hop/5/r2.xml")).toMatchObject({
      ok: false,
      failure: "redirects",
      error: "redirects: more than 3 redirects",
    });
    expect((await sourceByUrl("/hop/3/r1.xml")).lastError).toBeNull();
  });

  it("a permanent redirect (301, 308) moves the source to its new URL and id", async () => {
    await importUrls([`${SERVER}/moved/301/m1.xml`, `${SERVER}/moved/308/m2.xml`]);
    await adminPoll();
    for (const key of ["m1", "m2"]) {
      const moved = await sourceByUrl(`/cond/${key}.xml`);
      expect(moved.url).toBe(`${SERVER}/cond/${key}.xml`);
      const copies = (await feedJson(VIEW)).items.filter((i) => i.title?.endsWith(`for ${key}`));
      expect(copies[0]!._feedfold.copies[0]!.source.id).toBe(moved.id);
    }
    const next = await adminPoll();
    expect(reportFor(next, "/cond/m1.xml")).toMatchObject({ result: "not-modified", requests: 1 });
  });

  it("a registered URL that serves HTML is a clear error on the source", async () => {
    await importUrls([`${SERVER}/nofeed.html`, `${SERVER}/page/h1.html`]);
    await adminPoll();
    expect((await sourceByUrl("/nofeed.html")).lastError).toContain("HTML page, not a feed");
    expect((await sourceByUrl("/page/h1.html")).lastError).toContain(`${SERVER}/cond/h1.xml`);
  });

  it("the feed's ttl, sy:updatePeriod and Cache-Control stretch the interval within bounds", async () => {
    await importUrls([`${SERVER}/ttl/t1.xml`]);
    await adminPoll();
    // ttl 180 min, daily/4 = 6 h, max-age 2 h: the longest, 6 h, is within the 24 h ceiling.
    expect((await sourceByUrl("/ttl/t1.xml")).intervalS).toBe(6 * 3600);
    await serverPost("/__bump/t1");
    const capped = await runPollCycle({ ...env, POLL_INTERVAL_MAX_MINUTES: "120" } as Env, { force: true });
    expect(reportFor(capped, "/ttl/t1.xml")).toMatchObject({ ok: true, result: "ingested" });
    expect((await sourceByUrl("/ttl/t1.xml")).intervalS).toBe(7200);
  });
});

function feedJsonResponse(): Promise<Response> {
  return get(VIEW);
}

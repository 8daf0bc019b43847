import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { foldIndexStub } from "../../../src/fold-index/fold-index-stub";
import type { PollJob } from "../../../src/fold-index/source-registry";
import worker from "../../../src/index";
import { runPollCycle } from "../../../src/sources/run-poll-cycle";
import { feedJson, TOKEN } from "../support/client";
import { addSource, adminPoll, listSources, reportFor, requestsTo, SERVER, sourceByUrl } from "./support";

const auth = { Authorization: `Bearer ${TOKEN}` };

describe("the source registry", () => {
  it("POST /sources adds a feed once; GET /sources shows its status; adding needs the token", async () => {
    const added = await addSource(`${SERVER}/cond/a1.xml`, { categories: ["Harbour"] });
    expect(added.status).toBe(201);
    expect(added.body.source).toMatchObject({
      url: `${SERVER}/cond/a1.xml`,
      title: "Harbour Notices a1",
      categories: ["Harbour"],
      state: "active",
      lastFetch: null,
      etag: null,
      itemsSeen: 0,
    });
    expect((await addSource(`${SERVER}/cond/a1.xml`)).status).toBe(200);
    expect((await listSources()).filter((s) => s.url.includes("/cond/a1.xml"))).toHaveLength(1);
    const anonymous = await exports.default.fetch("http://feedfold.test/sources", {
      method: "POST",
      body: JSON.stringify({ url: `${SERVER}/cond/a1.xml` }),
    });
    expect(anonymous.status).toBe(401);
  });

  it("an HTML page's feed is discovered from its <link rel=alternate>", async () => {
    const added = await addSource(`${SERVER}/page/a2.html`);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      discoveredFrom: `${SERVER}/page/a2.html`,
      source: { url: `${SERVER}/cond/a2.xml`, title: "Harbour Notices (RSS)" },
    });
  });

  it("refuses non-feed HTML, private hosts (by policy), credentials and bad bodies with clear errors", async () => {
    const page = await addSource(`${SERVER}/nofeed.html`);
    expect(page.status).toBe(422);
    expect(page.body.error).toBe("not-a-feed");
    expect(page.body.detail).toContain("names no feed");
    const creds = await addSource("https://user:secret@example.org/feed.xml");
    expect(creds).toMatchObject({ status: 400, body: { error: "bad-url" } });
    const ftp = await addSource("ftp://example.org/feed.xml");
    expect(ftp.body.detail).toContain("only http and https");
    const bad = await exports.default.fetch("http://feedfold.test/sources", {
      method: "POST",
      headers: auth,
      body: "{",
    });
    expect(bad.status).toBe(400);
    expect(await listSources()).toEqual([]);
  });

  it("DELETE /sources/{id} removes the source and keeps its stored items", async () => {
    const { body } = await addSource(`${SERVER}/cond/a3.xml`);
    await adminPoll();
    const id = body.source!.id;
    const del = await exports.default.fetch(`http://feedfold.test/sources/${id}`, {
      method: "DELETE",
      headers: auth,
    });
    expect(del.status).toBe(200);
    expect((await listSources()).some((s) => s.id === id)).toBe(false);
    const titles = (await feedJson("/feed.json?limit=100")).items.map((i) => i.title);
    expect(titles).toContain("Notice 2 for a3");
    const again = await exports.default.fetch(`http://feedfold.test/sources/${id}`, {
      method: "DELETE",
      headers: auth,
    });
    expect(again.status).toBe(404);
  });

  it("registry ids are the ids of the copies the source brings", async () => {
    const { body } = await addSource(`${SERVER}/cond/a4.xml`);
    await adminPoll();
    const item = (await feedJson("/feed.json?limit=100")).items.find((i) => i.title === "Notice 1 for a4")!;
    expect(item._feedfold.copies[0]!.source.id).toBe(body.source!.id);
  });
});

describe("scheduling", () => {
  it("the SOURCES var is registered, and overlapping cron runs poll each source once", async () => {
    const run = async () => {
      const ctx = createExecutionContext();
      worker.scheduled(createScheduledController({ cron: "*/15 * * * *" }), env, ctx);
      await waitOnExecutionContext(ctx);
    };
    await addSource(`${SERVER}/plain/c1.xml`);
    await Promise.all([run(), run(), run()]);
    expect((await listSources()).map((s) => s.origin).sort()).toEqual(["api", "env", "env"]);
    // One request when the source was added, then exactly one poll across the three runs.
    expect(await requestsTo("/plain/c1.xml")).toHaveLength(2);
    expect((await sourceByUrl("/plain/c1.xml")).itemsSeen).toBe(2);
    const summary = await runPollCycle(env);
    expect(summary).toMatchObject({ mode: "idle", claimed: 0 });
  });

  it("with many due sources and a queue, the cron sends one message per source", async () => {
    for (const key of ["q1", "q2", "q3"]) await addSource(`${SERVER}/plain/${key}.xml`);
    const sent: unknown[] = [];
    const fakeQueue = {
      sendBatch: async (batch: Array<{ body: unknown }>) => void sent.push(...batch.map((m) => m.body)),
    };
    const summary = await runPollCycle({
      ...env,
      POLL_INLINE_MAX: "2",
      POLL_QUEUE: fakeQueue,
    } as unknown as Env);
    expect(summary).toMatchObject({ mode: "queue", claimed: 5, queued: 5, polled: 0 });
    expect(sent).toHaveLength(5);
    expect(new Set(sent.map((j) => (j as PollJob).id)).size).toBe(5);
  });

  it("the queue consumer polls each message's source; a redelivered message changes nothing", async () => {
    await addSource(`${SERVER}/plain/q4.xml`);
    const { jobs } = await foldIndexStub(env).claimSources({
      seeds: [],
      intervalS: 3600,
      limit: 10,
      force: true,
    });
    expect(jobs).toHaveLength(1);
    const deliver = async (attempts: number) => {
      const batch = createMessageBatch<PollJob>("feedfold-poll", [
        { id: `m${attempts}`, timestamp: new Date(), attempts, body: jobs[0]! },
      ]);
      const ctx = createExecutionContext();
      await worker.queue(batch, env, ctx);
      return getQueueResult(batch, ctx);
    };
    expect((await deliver(1)).explicitAcks).toEqual(["m1"]);
    const once = await sourceByUrl("/plain/q4.xml");
    expect(once).toMatchObject({ lastStatus: 200, itemsSeen: 2, itemsAdded: 2 });
    expect((await deliver(2)).explicitAcks).toEqual(["m2"]);
    expect(await sourceByUrl("/plain/q4.xml")).toEqual(once);
  });

  it("POST /admin/poll reports a Free-sized cycle inline", async () => {
    await addSource(`${SERVER}/cond/q5.xml`);
    const summary = await adminPoll();
    expect(summary.mode).toBe("inline");
    expect(reportFor(summary, "/cond/q5.xml").counts).toEqual({ new: 2 });
  });
});

describe("OPML", () => {
  const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="Town">
      <outline text="Harbour">
        <outline type="rss" text="Harbour one" xmlUrl="${SERVER}/cond/o1.xml"/>
      </outline>
      <outline type="rss" text="Harbour two" xmlUrl="${SERVER}/cond/o2.xml" category="/Weekly,/Ports/North"/>
    </outline>
    <outline type="rss" text="Top level" xmlUrl="${SERVER}/plain/o3.xml"/>
    <outline text="Elsewhere">
      <outline type="rss" text="Harbour one" xmlUrl="${SERVER}/cond/o1.xml"/>
    </outline>
  </body>
</opml>`;

  const importOpml = async (text: string) =>
    exports.default.fetch("http://feedfold.test/sources.opml", { method: "POST", headers: auth, body: text });

  it("import then export gives the same feeds and categories", async () => {
    const res = await importOpml(OPML);
    expect(await res.json()).toMatchObject({ feeds: 3, added: 3, updated: 0, skipped: [] });
    const sources = await listSources();
    const byUrl = Object.fromEntries(sources.map((s) => [s.url.replace(SERVER, ""), s.categories]));
    expect(byUrl).toEqual({
      "/cond/o1.xml": ["Town/Harbour", "Elsewhere"],
      "/cond/o2.xml": ["Town", "Weekly", "Ports/North"],
      "/plain/o3.xml": [],
    });
    const exported = await exports.default.fetch("http://feedfold.test/sources.opml");
    expect(exported.headers.get("Content-Type")).toBe("text/x-opml; charset=utf-8");
    const text = await exported.text();
    expect(text).toContain('<opml version="2.0">');

    const { parseOpml } = await import("../../../src/sources/opml");
    const roundTrip = parseOpml(text).map((f) => [f.url.replace(SERVER, ""), f.title, f.categories]);
    const original = parseOpml(OPML).map((f) => [f.url.replace(SERVER, ""), f.title, f.categories]);
    expect(roundTrip.sort()).toEqual(original.sort());
    // Importing the export again changes nothing.
    expect(await (await importOpml(text)).json()).toMatchObject({ added: 0, updated: 0, unchanged: 3 });
  });

  it("refuses what is not OPML, and skips outlines the URL policy refuses", async () => {
    expect((await importOpml("<rss/>")).status).toBe(400);
    expect((await importOpml('<opml version="2.0"><body/></opml>')).status).toBe(422);
    const res = await importOpml(
      `<opml version="2.0"><body><outline xmlUrl="ftp://example.org/x"/><outline xmlUrl="${SERVER}/plain/o4.xml"/></body></opml>`,
    );
    expect(await res.json()).toMatchObject({ added: 1, skipped: [{ url: "ftp://example.org/x" }] });
  });
});

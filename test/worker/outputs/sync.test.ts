import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CHANGE_MIGRATIONS, recordChange, recordMerge } from "../../../src/fold-index/change-log";
import { migrate } from "../../../src/fold-index/schema";
import { get, ingest, TOKEN } from "../support/client";
import { ORCHARD_TITLE, orchardRepostAtom, orchardRss } from "../support/documents";
import { ingestStories, newsRss, uniqueBody } from "./support";

// `/feed.json?changed_since=<cursor>`: the change log (src/fold-index/change-log.ts) as apps that
// sync incrementally read it, walked through next_url as an app would.

const stub = () => env.FOLD_INDEX.get(env.FOLD_INDEX.idFromName("main"));

interface SyncItem {
  id: string;
  title?: string;
  date_modified?: string;
  _feedfold: { copies?: Array<{ id: string }>; merged_into?: string };
}

interface SyncDoc {
  items: SyncItem[];
  next_url?: string;
  feed_url: string;
  _feedfold: { sync_cursor: string };
}

async function syncDoc(path: string): Promise<SyncDoc> {
  const res = await get(path);
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as SyncDoc;
}

const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

/** Walks every page from a cursor; `between` runs before each next page. Returns the items and the last cursor. */
async function walk(
  cursor: string,
  limit: number,
  between: (page: number) => Promise<void> = async () => {},
): Promise<{ items: SyncItem[]; cursor: string; pages: number }> {
  const items: SyncItem[] = [];
  let next: string | undefined = `/feed.json?changed_since=${cursor}&limit=${limit}`;
  let last = cursor;
  let pages = 0;
  while (next !== undefined) {
    const doc = await syncDoc(next);
    expect(doc.items.length).toBeLessThanOrEqual(limit);
    items.push(...doc.items);
    last = doc._feedfold.sync_cursor;
    next = doc.next_url === undefined ? undefined : pathOf(doc.next_url);
    if (next !== undefined) await between(pages);
    pages++;
    if (next !== undefined) expect(new URL(doc.next_url!).searchParams.get("changed_since")).toBe(last);
    expect(pages).toBeLessThan(30);
  }
  return { items, cursor: last, pages };
}

async function updateStory(site: string, n: number, topic: string) {
  const story = {
    key: `s${n}`,
    title: `${site} story ${n}`,
    body: uniqueBody(n, topic),
    date: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString(),
  };
  const answer = await ingest(newsRss(site, [story]), {
    source: `https://${site}/feed.xml`,
    contentType: "application/rss+xml",
  });
  expect(answer.body.results![0]!.status).toBe("updated");
  return answer.body.results![0]!.item!;
}

describe("_feedfold.sync_cursor", () => {
  it("is on every /feed.json answer, pre-rendered or live, and only there", async () => {
    await ingestStories("harbour.example", 3);
    for (const path of [
      "/feed.json",
      "/feed.json?limit=2",
      "/feed.json?q=harbour",
      "/feed.json?changed_since=0",
    ]) {
      const doc = await syncDoc(path);
      expect(doc._feedfold.sync_cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    }
    expect(await (await get("/feed.xml")).text()).not.toContain("sync_cursor");
  });

  it("changes only when the stories of the answer do, so an unchanged feed still answers 304", async () => {
    await ingestStories("harbour.example", 2);
    const first = await get("/feed.json?limit=1");
    const cursor = ((await first.json()) as SyncDoc)._feedfold.sync_cursor;
    // Story 0 is not on this page: its update leaves the page, its cursor and its ETag as they were.
    await updateStory("harbour.example", 0, "ferries");
    const again = await get("/feed.json?limit=1", { "If-None-Match": first.headers.get("ETag")! });
    expect(again.status).toBe(304);
    const changed = await syncDoc(`/feed.json?changed_since=${cursor}`);
    expect(changed.items.map((i) => i.title)).toEqual(["harbour.example story 0"]);
  });
});

describe("GET /feed.json?changed_since=", () => {
  it("lists new stories and stories with an added copy, oldest change first, each with date_modified", async () => {
    await ingestStories("harbour.example", 2);
    const cursor = (await syncDoc("/feed.json"))._feedfold.sync_cursor;
    expect((await syncDoc(`/feed.json?changed_since=${cursor}`)).items).toEqual([]);

    const orchard = (await ingest(orchardRss(), { source: "https://weaver.example.org/feed.xml" })).body
      .results![0]!.item!;
    const [market] = await ingestStories("market.example", 1, { from: 7 });
    const repost = await ingest(orchardRepostAtom(), { contentType: "application/atom+xml" });
    expect(repost.body.results![0]).toMatchObject({ status: "duplicate", item: orchard });

    const doc = await syncDoc(`/feed.json?changed_since=${cursor}`);
    // The orchard story changed last (its second copy), so it moved behind the market story.
    expect(doc.items.map((i) => i.id)).toEqual([market, orchard]);
    expect(doc.items[1]!.title).toBe(ORCHARD_TITLE);
    expect(doc.items[1]!._feedfold.copies).toHaveLength(2);
    for (const item of doc.items) expect(Date.parse(item.date_modified ?? "")).not.toBeNaN();
    expect(doc.next_url).toBeUndefined();
    expect(doc.feed_url).toBe("http://feedfold.test/feed.json");
    // The answer's own cursor is the end of the log: nothing after it yet.
    expect((await syncDoc(`/feed.json?changed_since=${doc._feedfold.sync_cursor}`)).items).toEqual([]);
  });

  it("lists both stories of a split", async () => {
    const orchard = (await ingest(orchardRss(), { source: "https://weaver.example.org/feed.xml" })).body
      .results![0]!.item!;
    await ingest(orchardRepostAtom(), { contentType: "application/atom+xml" });
    const cursor = (await syncDoc("/feed.json"))._feedfold.sync_cursor;
    const res = await exports.default.fetch(`http://feedfold.test/items/${orchard}/split`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ copy: "tag:riverside-reposts.example.net,2026:post-9" }),
    });
    expect(res.status).toBe(200);
    const split = ((await res.json()) as { split: { id: string } }).split.id;
    const doc = await syncDoc(`/feed.json?changed_since=${cursor}`);
    expect(doc.items.map((i) => i.id).sort()).toEqual([orchard, split].sort());
    expect(doc.items.every((i) => i._feedfold.copies?.length === 1)).toBe(true);
  });

  it("lists a story absorbed by a merge once, as a tombstone naming the survivor", async () => {
    const [older, absorbed] = await ingestStories("harbour.example", 2);
    const cursor = (await syncDoc("/feed.json"))._feedfold.sync_cursor;
    // What the merge code does in its transaction: the absorbed story leaves, the survivor changes.
    await runInDurableObject(stub(), (_instance, state) => {
      state.storage.transactionSync(() => {
        const sql = state.storage.sql;
        sql.exec("DELETE FROM stories WHERE id = ?", absorbed!);
        recordMerge(sql, absorbed!, older!);
        recordChange(sql, older!);
      });
    });
    const doc = await syncDoc(`/feed.json?changed_since=${cursor}`);
    expect(doc.items).toHaveLength(2);
    expect(doc.items[0]).toEqual({ id: absorbed, _feedfold: { merged_into: older } });
    expect(doc.items[1]!.id).toBe(older);
    // A later change recorded for the absorbed id keeps it a tombstone.
    await runInDurableObject(stub(), (_instance, state) => recordChange(state.storage.sql, absorbed!));
    const after = await syncDoc(`/feed.json?changed_since=${doc._feedfold.sync_cursor}`);
    expect(after.items).toEqual([{ id: absorbed, _feedfold: { merged_into: older } }]);
  });

  it("walking every page once gives each changed story once while changes arrive between pages", async () => {
    const early = await ingestStories("harbour.example", 9);
    const all = new Set(early);
    const changedAfterSeen: string[] = [];
    const result = await walk("0", 4, async (page) => {
      // New stories arrive, a story not yet walked changes, and so does one already walked.
      const fresh = await ingestStories("late.example", 2, { from: 100 + page * 2 });
      for (const id of fresh) all.add(id);
      if (page === 0) {
        await updateStory("harbour.example", 8, "ferries");
        changedAfterSeen.push(await updateStory("harbour.example", 0, "ferries"));
      }
    });
    const seen = result.items.map((i) => i.id);
    const counts = new Map<string, number>();
    for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(new Set(seen)).toEqual(all);
    for (const id of all) expect(counts.get(id)).toBe(changedAfterSeen.includes(id) ? 2 : 1);
    // The walk reached the end: its last cursor has nothing after it.
    expect((await syncDoc(`/feed.json?changed_since=${result.cursor}`)).items).toEqual([]);
    expect(result.pages).toBeGreaterThan(3);
  });

  it("answers conditional GETs with 304, allows cross-origin reads and caps the page size", async () => {
    await ingestStories("harbour.example", 3);
    const res = await get("/feed.json?changed_since=0&limit=2", { Origin: "https://app.example.com" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/feed+json; charset=utf-8");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=60");
    const doc = (await res.json()) as SyncDoc;
    expect(doc.items).toHaveLength(2);
    expect(new URL(doc.next_url!).searchParams.get("limit")).toBe("2");
    const again = await get("/feed.json?changed_since=0&limit=2", {
      "If-None-Match": res.headers.get("ETag")!,
    });
    expect(again.status).toBe(304);
    const since = await get("/feed.json?changed_since=0&limit=2", {
      "If-Modified-Since": res.headers.get("Last-Modified")!,
    });
    expect(since.status).toBe(304);
    expect((await get("/feed.json?changed_since=0&limit=501")).status).toBe(400);
  });

  it("gives the stories held before the change log existed a position each, oldest first", async () => {
    const ids = await ingestStories("harbour.example", 3);
    await runInDurableObject(stub(), (_instance, state) => {
      const sql = state.storage.sql;
      state.storage.transactionSync(() => {
        sql.exec("DROP TABLE story_changes");
        sql.exec("DELETE FROM meta WHERE key = 'schema_version:changes'");
        migrate(sql, "changes", CHANGE_MIGRATIONS);
      });
    });
    const doc = await syncDoc("/feed.json?changed_since=0");
    expect(doc.items.map((i) => i.id)).toEqual(ids);
  });

  it("refuses a malformed cursor, other filters with it, and other feeds", async () => {
    const cases: Array<[string, string]> = [
      ["/feed.json?changed_since=", "bad-cursor"],
      ["/feed.json?changed_since=not%20a%20cursor", "bad-cursor"],
      ["/feed.json?changed_since=-1", "bad-cursor"],
      ["/feed.json?changed_since=MDA", "bad-cursor"],
      ["/feed.json?changed_since=0&q=ferry", "bad-query"],
      ["/feed.json?changed_since=0&source=0123456789abcdef", "bad-query"],
      ["/feed.xml?changed_since=0", "bad-query"],
      ["/sources/0123456789abcdef/feed.json?changed_since=0", "bad-query"],
    ];
    for (const [path, code] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: string; detail: string };
      expect(body.error, path).toBe(code);
      expect(body.detail).toMatch(/changed_since/);
    }
  });
});

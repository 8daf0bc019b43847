import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { listStoriesPage } from "../../../src/fold-index/list-stories";
import { Publisher } from "../../../src/fold-index/publisher";
import { snapshotKey } from "../../../src/store/keys";
import { readSnapshot } from "../../../src/store/kv-store";
import type { PageCursor } from "../../../src/view/page-cursor";
import { ingestStories } from "./support";

const stub = () => env.FOLD_INDEX.get(env.FOLD_INDEX.idFromName("main"));

describe("a ?q= view examines a bounded window", () => {
  it("returns a short page and continues after the window, so every match is still found once", async () => {
    await ingestStories("harbour.example", 7, { topic: "ferry" });
    await ingestStories("market.example", 3, { from: 20, topic: "cheese" });
    // Newest first: market 22, 21, 20, then harbour 6..0. A window of 4 rows per request.
    const titles: string[][] = [];
    await runInDurableObject(stub(), (_instance, state) => {
      let before: PageCursor | undefined;
      for (let i = 0; i < 10; i++) {
        const page = listStoriesPage(
          state.storage.sql,
          { limit: 2, before, sources: [], words: ["ferry"] },
          4,
        );
        titles.push(page.stories.map((s) => s.title ?? ""));
        if (page.next === undefined) break;
        before = page.next;
      }
    });
    expect(titles[0]).toEqual(["harbour.example story 6"]);
    expect(titles.flat()).toEqual([6, 5, 4, 3, 2, 1, 0].map((n) => `harbour.example story ${n}`));
    expect(titles.every((page) => page.length <= 2)).toBe(true);
  });
});

describe("WebSub", () => {
  it("pings the hub once per changed feed after a publish, and a failing hub does not fail it", async () => {
    await ingestStories("harbour.example", 1);
    const pings: Array<{ url: string; body: string; type: string | null }> = [];
    await runInDurableObject(stub(), async (_instance, state) => {
      state.storage.sql.exec("INSERT INTO dirty (story_id, seq) SELECT id, 999 FROM stories");
      state.storage.sql.exec("DELETE FROM meta WHERE key LIKE 'snapshot%'");
      const publisher = new Publisher({
        sql: state.storage.sql,
        kv: env.FEEDFOLD_KV,
        site: () => ({
          origin: "https://news.example.org",
          title: "News",
          hubUrl: "https://hub.example.org/",
        }),
        minIntervalMs: 0,
        now: () => Date.now(),
        fetch: async (url, init) => {
          pings.push({ url, body: String(init.body), type: new Headers(init.headers).get("Content-Type") });
          return new Response("hub is down", { status: 503 });
        },
      });
      await publisher.publish();
      expect(publisher.hasPending()).toBe(false);
    });
    expect(pings.map((p) => p.url)).toEqual(Array(3).fill("https://hub.example.org/"));
    expect(pings.map((p) => new URLSearchParams(p.body).get("hub.url")).sort()).toEqual([
      "https://news.example.org/feed.atom",
      "https://news.example.org/feed.json",
      "https://news.example.org/feed.xml",
    ]);
    expect(pings.every((p) => new URLSearchParams(p.body).get("hub.mode") === "publish")).toBe(true);
    expect(pings[0]!.type).toBe("application/x-www-form-urlencoded");
    const rss = (await readSnapshot(env.FEEDFOLD_KV, snapshotKey("rss")))?.body;
    expect(rss).toContain('<atom:link href="https://hub.example.org/" rel="hub"/>');
  });

  it("does not ping when nothing changed or no hub is configured", async () => {
    await ingestStories("harbour.example", 1);
    let pinged = 0;
    await runInDurableObject(stub(), async (_instance, state) => {
      const publisher = new Publisher({
        sql: state.storage.sql,
        kv: env.FEEDFOLD_KV,
        site: () => ({ origin: "http://feedfold.test", title: "feedfold" }),
        minIntervalMs: 0,
        now: () => Date.now(),
        fetch: async () => {
          pinged++;
          return new Response(null, { status: 204 });
        },
      });
      state.storage.sql.exec("INSERT INTO dirty (story_id, seq) SELECT id, 999 FROM stories");
      await publisher.publish();
    });
    expect(pinged).toBe(0);
  });
});

import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { recordChange, syncPositionOf } from "../../../src/fold-index/change-log";
import { foldBatch } from "../../../src/fold-index/fold-batch";
import type { FoldIndex } from "../../../src/fold-index/fold-index";
import { valuesList } from "../../../src/fold-index/key-list";
import { knownStories } from "../../../src/fold-index/known-items";
import { identifyDocument, readDocument } from "../../../src/ingest/ingest-document";
import { buildEvalSet, jsonFeedOf } from "../../fixtures/fold-eval/build-eval";
import type { EvalItem } from "../../fixtures/fold-eval/model";
import { ingest } from "../support/client";

// Rows read by the fold index, as Cloudflare bills them (each SQLite cursor's `rowsRead`, what
// bench/kv-costs.bench.mjs reports as do_rows_read_per_new_story): counted work, so the figure
// cannot grow unnoticed.

const stub = () => env.FOLD_INDEX.get(env.FOLD_INDEX.idFromName("main"));
const T0 = "2026-03-01T08:00:00.000Z";

interface Counted {
  query: string;
  cursor: SqlStorageCursor<Record<string, SqlStorageValue>>;
}

const read = (log: readonly Counted[], query?: RegExp) =>
  log.filter((e) => !query || query.test(e.query)).reduce((n, e) => n + e.cursor.rowsRead, 0);
const calls = (log: readonly Counted[], query: RegExp) => log.filter((e) => query.test(e.query)).length;

/** The SQL storage with every statement's cursor kept (for code called directly). */
function counting(sql: SqlStorage): { sql: SqlStorage; log: Counted[] } {
  const log: Counted[] = [];
  const proxy = new Proxy(sql, {
    get(target, prop) {
      if (prop === "exec") {
        return (query: string, ...binds: SqlStorageValue[]) => {
          const cursor = target.exec(query, ...binds);
          log.push({ query: query.replace(/\s+/g, " ").trim(), cursor });
          return cursor;
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { sql: proxy, log };
}

/**
 * Every statement the fold index runs while `fn` runs (the Worker's calls, the fold, the publish
 * alarm), by wrapping SqlStorage's `exec` where the object finds it, as the bench does.
 */
async function countFoldIndex(fn: () => Promise<void>): Promise<Counted[]> {
  const proto = await runInDurableObject(stub(), (_instance, state) =>
    Object.getPrototypeOf(state.storage.sql),
  );
  const exec = proto.exec as SqlStorage["exec"];
  const log: Counted[] = [];
  proto.exec = function (this: SqlStorage, query: string, ...binds: SqlStorageValue[]) {
    const cursor = exec.call(this, query, ...binds);
    log.push({ query: query.replace(/\s+/g, " ").trim(), cursor });
    return cursor;
  };
  try {
    await fn();
  } finally {
    proto.exec = exec;
  }
  return log;
}

/** A publish starts by reading the newest dirty mark. */
const PUBLISH_START = /^SELECT MAX\(seq\) AS seq FROM dirty/;

/**
 * The statements up to the end of the first publish: the test's own run of the alarm and the
 * object's real alarm may both publish (one after the other, the second finding nothing new).
 */
function onePublish(log: Counted[]): Counted[] {
  const starts = log.flatMap((e, i) => (PUBLISH_START.test(e.query) ? [i] : []));
  expect(starts.length).toBeGreaterThan(0);
  return starts.length > 1 ? log.slice(0, starts[1]) : log;
}

describe("rows read per new story", () => {
  it("reads at most 150 rows to fold, relate and publish a new story pushed with its feed's twelve known items", async () => {
    // The evaluation set's first reports: twelve in one site's feed, the others each in its own,
    // then the site's feed again with one more item on top (the bench's "new story, pushed alone").
    const originals = buildEvalSet().filter((i) => i.role === "original");
    const site = originals.slice(0, 12);
    const fresh = originals[12]!;
    const asSite = (items: EvalItem[]) => jsonFeedOf(items.map((i) => ({ ...i, source: site[0]!.source })));
    const push = (body: string, source: string) =>
      ingest(body, { source, contentType: "application/feed+json" });
    expect((await push(asSite(site), site[0]!.source.feedUrl)).status).toBe(200);
    for (const item of originals.slice(13)) {
      expect((await push(jsonFeedOf([item]), item.source.feedUrl)).status).toBe(200);
    }

    // No publish of the set may run while the push is counted: the object's own alarm from the
    // last ingest is run now and cleared.
    await runInDurableObject(stub(), async (instance: FoldIndex, state) => {
      await instance.alarm();
      await state.storage.deleteAlarm();
    });
    let statuses: string[] = [];
    const log = onePublish(
      await countFoldIndex(async () => {
        const answer = await push(asSite([fresh, ...site]), site[0]!.source.feedUrl);
        statuses = answer.body.results!.map((r) => r.status);
      }),
    );
    expect(statuses).toEqual(["new", ...site.map(() => "unchanged")]);

    // The sync position of the first page: the new story is the latest change, one row (it read
    // two per story of the page before).
    expect(read(log, /FROM story_changes ORDER BY seq DESC/)).toBeLessThanOrEqual(2);
    expect(read(log, /story_changes WHERE story_id IN|JOIN story_changes/)).toBe(0);
    // The twelve known items, a row each when the Worker asks; the fold that follows confirms
    // them from that answer (known-answers.ts), where it read them all again.
    expect(read(log, /JOIN entries/)).toBe(site.length);
    // Document counts of terms: a row per term the index holds, never more than one per lookup.
    expect(read(log, /related_vocab/)).toBeLessThanOrEqual(calls(log, /related_vocab/));
    expect(calls(log, /related_vocab/)).toBeGreaterThan(0);
    // The first page (the stories held, fewer than a page here), and in all 115 (297 before the
    // lookups by key above).
    expect(read(log, /FROM stories ORDER BY sort_date DESC/)).toBe(originals.length);
    expect(read(log)).toBeLessThanOrEqual(150);
  });
});

describe("looking rows up by key", () => {
  it("reads a row per entry held and none per item the index lacks", async () => {
    await runInDurableObject(stub(), (_instance, state) => {
      const sql = state.storage.sql;
      for (let i = 0; i < 30; i++) {
        sql.exec(
          "INSERT INTO entries (source_id, item_key, story_id, url_key, content_hash) VALUES (?, ?, ?, ?, ?)",
          i % 2 === 0 ? "src-a" : "src-b",
          `item-${i}`,
          `story-${i}`,
          `url-${i}`,
          `hash-${i}`,
        );
      }
      const refs = Array.from({ length: 20 }, (_, i) => ({ itemKey: `item-${i}`, contentHash: `hash-${i}` }));
      const count = counting(sql);
      const stories = knownStories(count.sql, "src-a", refs);
      expect(stories).toEqual(refs.map((_, i) => (i % 2 === 0 ? `story-${i}` : null)));
      expect(read(count.log)).toBe(10);

      // What the lookup is shaped against: the same keys as an IN list read two rows each.
      const keys = refs.map((r) => r.itemKey);
      const inList = sql.exec(
        `SELECT story_id FROM entries WHERE source_id = ? AND item_key IN (${keys.map(() => "?").join(", ")})`,
        "src-a",
        ...keys,
      );
      expect(inList.toArray()).toHaveLength(10);
      const joined = sql.exec(
        `SELECT e.story_id FROM ${valuesList(keys.length)} AS k JOIN entries e ON e.source_id = ? AND e.item_key = k.column1`,
        ...keys,
        "src-a",
      );
      expect(joined.toArray()).toHaveLength(10);
      expect(joined.rowsRead).toBe(10);
      expect(inList.rowsRead).toBeGreaterThan(joined.rowsRead);
    });
  });

  it("finds a page's sync position among the latest changes, else by a row per story, the same either way", async () => {
    await runInDurableObject(stub(), (_instance, state) => {
      const sql = state.storage.sql;
      // 300 stories, then 20 of them change again, oldest first.
      for (let i = 0; i < 300; i++) recordChange(sql, `s${i}`);
      for (let i = 0; i < 20; i++) recordChange(sql, `s${i * 7}`);
      const positions = new Map(
        sql
          .exec<{ story_id: string; seq: number }>("SELECT story_id, seq FROM story_changes")
          .toArray()
          .map((r) => [r.story_id, r.seq]),
      );
      const expected = (ids: string[]) => Math.max(...ids.map((id) => positions.get(id)!));

      // A first page of the 50 newest stories, one of them the latest change.
      const newest = Array.from({ length: 50 }, (_, i) => `s${299 - i}`).concat("s133");
      let count = counting(sql);
      expect(syncPositionOf(count.sql, newest)).toBe(expected(newest));
      expect(expected(newest)).toBe(320);
      expect(read(count.log)).toBe(1);

      // A later page whose stories did not change lately: each looked up, a row each.
      const older = Array.from({ length: 50 }, (_, i) => `s${200 - i}`);
      count = counting(sql);
      expect(syncPositionOf(count.sql, older)).toBe(expected(older));
      expect(read(count.log)).toBeLessThanOrEqual(8 + older.length);
    });
  });
});

describe("a copy matched by its URL", () => {
  it("asks once whether its source already used that URL", async () => {
    const [original, other] = buildEvalSet().filter((i) => i.role === "original");
    // The same page pushed again by another feed (another source): a copy by URL.
    const again = { ...original!, id: `${original!.id}-again`, source: other!.source };
    const docs = await Promise.all(
      [original!, again].map((item) =>
        readDocument(new TextEncoder().encode(jsonFeedOf([item])), { contentType: "application/feed+json" }),
      ),
    );
    const [first, second] = docs.map((d) => d.prepared.flatMap((p) => (p.kind === "copy" ? [p.copy] : [])));
    await runInDurableObject(stub(), (_instance, state) => {
      const [made] = state.storage.transactionSync(() => foldBatch(state.storage.sql, first!, T0));
      const count = counting(state.storage.sql);
      const [copy] = state.storage.transactionSync(() => foldBatch(count.sql, second!, T0));
      expect(copy).toEqual({ status: "duplicate", storyId: made!.storyId });
      expect(calls(count.log, /^SELECT 1 FROM urls u/)).toBe(1);
    });
  });
});

describe("the known items' answer, kept for the fold that follows", () => {
  it("confirms known items without reading them again, and reads them again after any fold", async () => {
    const [first, second] = buildEvalSet().filter((i) => i.role === "original");
    const items = [first!, { ...second!, source: first!.source }];
    const source = first!.source.feedUrl;
    const body = (list: EvalItem[]) => jsonFeedOf(list);
    const push = (list: EvalItem[]) => ingest(body(list), { source, contentType: "application/feed+json" });
    expect((await push(items)).status).toBe(200);
    const identify = async (list: EvalItem[]) => {
      const doc = await identifyDocument(new TextEncoder().encode(body(list)), {
        declaredSource: source,
        contentType: "application/feed+json",
      });
      const refs = doc.items.flatMap((i) =>
        i.kind === "item" ? [{ itemKey: i.itemKey, contentHash: i.contentHash }] : [],
      );
      return { sourceId: doc.source.id, refs };
    };
    const known = await identify(items);
    const held = await stub().knownItems(known.sourceId, known.refs);
    expect(held.every((id) => id !== null)).toBe(true);

    // Asked, then folded with nothing between: no entry read again.
    let outcome: Awaited<ReturnType<FoldIndex["ingest"]>> | undefined;
    let log = await countFoldIndex(async () => {
      outcome = await stub().ingest([], undefined, known);
    });
    expect(outcome).toMatchObject({
      stale: [],
      known: held.map((storyId) => ({ status: "unchanged", storyId })),
    });
    expect(read(log, /entries/)).toBe(0);

    // Asked, then another ingest updates the first item: the fold reads the entries again and
    // finds that one stale.
    await stub().knownItems(known.sourceId, known.refs);
    const edited = { ...first!, contentHtml: `${first!.contentHtml}<p>Updated at noon.</p>` };
    const update = await push([edited, items[1]!]);
    expect(update.body.results!.map((r) => r.status)).toEqual(["updated", "unchanged"]);
    log = await countFoldIndex(async () => {
      outcome = await stub().ingest([], undefined, known);
    });
    expect(outcome!.stale).toEqual([0]);
    expect(read(log, /JOIN entries/)).toBe(2);
  });
});

import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { foldBatch } from "../../../src/fold-index/fold-batch";
import type { IncomingCopy } from "../../../src/fold-index/incoming-copy";
import { bandList, expireNear, moveNearCopy, sqlFoldLookup } from "../../../src/fold-index/near-store";
import { migrate, NEAR_MIGRATIONS } from "../../../src/fold-index/schema";
import { splitCopy } from "../../../src/fold-index/split";
import { readDocument } from "../../../src/ingest/ingest-document";
import { buildEvalSet, jsonFeedOf, pairwiseScores } from "../../fixtures/fold-eval/build-eval";
import type { EvalItem } from "../../fixtures/fold-eval/model";
import { ingest } from "../support/client";

// The near-duplicate tables (src/fold-index/near-store.ts, schema.ts NEAR_MIGRATIONS) as rows
// written: what the Durable Object is billed for. Folded directly in the fold index, with a `now`
// of our choosing, and the SQLite cursors' own counts of rows written.

const stub = () => env.FOLD_INDEX.get(env.FOLD_INDEX.idFromName("main"));
const T0 = "2026-03-01T08:00:00.000Z";
const later = (days: number) => new Date(Date.parse(T0) + days * 86_400_000).toISOString();

const evalSet = buildEvalSet();
const itemOf = (cluster: string, role: string): EvalItem =>
  evalSet.find((i) => i.cluster === cluster && i.role === role)!;
const repostOf = (cluster: string): EvalItem =>
  evalSet.find((i) => i.cluster === cluster && i.role !== "original" && i.role !== "amp")!;

async function copiesOf(...items: EvalItem[]): Promise<IncomingCopy[]> {
  const doc = await readDocument(new TextEncoder().encode(jsonFeedOf(items)), {
    contentType: "application/feed+json",
  });
  return doc.prepared.flatMap((p) => (p.kind === "copy" ? [p.copy] : []));
}

/** The SQL storage with every statement's cursor kept, to sum the rows it wrote. */
function counting(sql: SqlStorage) {
  const log: Array<{ query: string; cursor: { rowsWritten: number } }> = [];
  const proxy = new Proxy(sql, {
    get(target, prop) {
      if (prop === "exec") {
        return (query: string, ...binds: SqlStorageValue[]) => {
          const cursor = target.exec(query, ...binds);
          log.push({ query, cursor });
          return cursor;
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const written = (table?: RegExp) =>
    log.filter((e) => !table || table.test(e.query)).reduce((n, e) => n + e.cursor.rowsWritten, 0);
  return { sql: proxy, written, reset: () => log.splice(0) };
}

type BandRow = { band: number; at: string; story_id: string; url_key: string };
const bandRows = (sql: SqlStorage) =>
  sql.exec<BandRow>("SELECT band, at, story_id, url_key FROM near_bands ORDER BY band, story_id").toArray();
const nearCopies = (sql: SqlStorage) =>
  sql
    .exec<{ story_id: string; url_key: string; at: string; bands: string }>(
      "SELECT story_id, url_key, at, bands FROM near_copies ORDER BY story_id, url_key",
    )
    .toArray();
const NEAR_TABLE = /near_(bands|copies)/;

describe("the near-duplicate index's rows", () => {
  it("writes one row per band for a new story, and its bands carry the copy's time", async () => {
    const [copy] = await copiesOf(itemOf("ferry-strike", "original"));
    await runInDurableObject(stub(), (_instance, state) => {
      const count = counting(state.storage.sql);
      const [result] = state.storage.transactionSync(() => foldBatch(count.sql, [copy!], T0));
      expect(result!.status).toBe("new");
      const bands = JSON.parse(bandList(copy!.bands)) as number[];
      expect(bands).toHaveLength(37);
      // 37 band rows and the copy's features row with its `at` index entry: no secondary index.
      expect(count.written(/near_bands/)).toBe(bands.length);
      expect(count.written(NEAR_TABLE)).toBe(bands.length + 2);
      // The whole story, fold tables and template lines included (181 before this layout), and
      // related coverage's 3 (its related_docs row and unique index, its FTS5 row).
      expect(count.written()).toBeLessThanOrEqual(73);

      const [stored] = nearCopies(state.storage.sql);
      expect(stored).toMatchObject({ story_id: result!.storyId, at: T0, bands: bandList(copy!.bands) });
      const rows = bandRows(state.storage.sql);
      expect(rows.map((r) => r.band).sort((a, b) => a - b)).toEqual(bands);
      expect(new Set(rows.map((r) => `${r.at} ${r.story_id} ${r.url_key}`))).toEqual(
        new Set([`${T0} ${result!.storyId} ${stored!.url_key}`]),
      );
    });
  });

  it("on an update, rewrites only the bands that changed, keeps the copy's time, and writes nothing when the match text is the same", async () => {
    const original = itemOf("rail-tunnel", "original");
    const [first] = await copiesOf(original);
    const edited = {
      ...original,
      contentHtml: `${original.contentHtml}<p>Services resume on Monday at 06:00.</p>`,
    };
    const [second] = await copiesOf(edited);
    const [retitled] = await copiesOf({ ...edited, title: `${edited.title} (corrected)` });
    expect(second!.bands).not.toEqual(first!.bands);
    await runInDurableObject(stub(), (_instance, state) => {
      const count = counting(state.storage.sql);
      const [made] = state.storage.transactionSync(() => foldBatch(count.sql, [first!], T0));
      count.reset();
      const [updated] = state.storage.transactionSync(() => foldBatch(count.sql, [second!], later(1)));
      expect(updated).toEqual({ status: "updated", storyId: made!.storyId });
      const before = new Set(first!.bands);
      const after = new Set(second!.bands);
      const changed =
        [...before].filter((b) => !after.has(b)).length + [...after].filter((b) => !before.has(b)).length;
      // The features row once, and one row per band that left or joined.
      expect(count.written(/near_bands/)).toBe(changed);
      expect(count.written(NEAR_TABLE)).toBe(changed + 1);
      expect(
        bandRows(state.storage.sql)
          .map((r) => r.band)
          .sort((a, b) => a - b),
      ).toEqual(JSON.parse(bandList(second!.bands)));
      // The copy's place in the candidate window is when it was first stored.
      expect(new Set(bandRows(state.storage.sql).map((r) => r.at))).toEqual(new Set([T0]));
      expect(nearCopies(state.storage.sql)[0]).toMatchObject({ at: T0, bands: bandList(second!.bands) });

      count.reset();
      const [again] = state.storage.transactionSync(() => foldBatch(count.sql, [retitled!], later(2)));
      expect(again).toEqual({ status: "updated", storyId: made!.storyId });
      expect(count.written(/near_(copies|bands|ids|lines)/)).toBe(0);
    });
  });

  it("expires a copy's bands with its features, by key, and keeps the candidates in the window", async () => {
    const [oldCopy] = await copiesOf(itemOf("ferry-strike", "original"));
    const [newCopy] = await copiesOf(itemOf("zh-library", "original"));
    await runInDurableObject(stub(), (_instance, state) => {
      const sql = state.storage.sql;
      const [oldStory] = state.storage.transactionSync(() => foldBatch(sql, [oldCopy!], T0));
      const [newStory] = state.storage.transactionSync(() => foldBatch(sql, [newCopy!], later(3)));
      const since = later(2);
      expect(sqlFoldLookup(sql, T0).candidateStories(oldCopy!.bands, 8)).toEqual([oldStory!.storyId]);
      state.storage.transactionSync(() => {
        sql.exec("DELETE FROM meta WHERE key = 'near_expired_at'");
        expireNear(sql, since, later(16));
      });
      expect(nearCopies(sql).map((c) => c.story_id)).toEqual([newStory!.storyId]);
      expect(bandRows(sql)).toHaveLength(JSON.parse(bandList(newCopy!.bands)).length);
      expect(new Set(bandRows(sql).map((r) => r.story_id))).toEqual(new Set([newStory!.storyId]));
      expect(sqlFoldLookup(sql, since).candidateStories(oldCopy!.bands, 8)).toEqual([]);
      expect(sqlFoldLookup(sql, since).candidateStories(newCopy!.bands, 8)).toEqual([newStory!.storyId]);
    });
  });

  it("moves a split copy's bands to its new story", async () => {
    const [original, repost] = await Promise.all([
      copiesOf(itemOf("es-incendio", "original")),
      copiesOf(repostOf("es-incendio")),
    ]);
    await runInDurableObject(stub(), (_instance, state) => {
      const sql = state.storage.sql;
      const [story] = state.storage.transactionSync(() => foldBatch(sql, original, T0));
      const [joined] = state.storage.transactionSync(() => foldBatch(sql, repost, later(0.1)));
      expect(joined).toEqual({ status: "duplicate", storyId: story!.storyId });
      const result = state.storage.transactionSync(() =>
        splitCopy(sql, story!.storyId, { copy: repost[0]!.payload.id }, later(0.2)),
      );
      expect(result.kind).toBe("split");
      if (result.kind !== "split") return;
      for (const copy of nearCopies(sql)) {
        const rows = bandRows(sql).filter((r) => r.story_id === copy.story_id && r.url_key === copy.url_key);
        expect(rows.map((r) => r.band).sort((a, b) => a - b)).toEqual(JSON.parse(copy.bands));
      }
      expect(new Set(nearCopies(sql).map((c) => c.story_id))).toEqual(
        new Set([story!.storyId, result.newStoryId]),
      );
    });
  });

  it("moveNearCopy moves a copy's features and bands by key", async () => {
    const [copy] = await copiesOf(itemOf("th-flood", "original"));
    await runInDurableObject(stub(), (_instance, state) => {
      const sql = state.storage.sql;
      const [story] = state.storage.transactionSync(() => foldBatch(sql, [copy!], T0));
      const [stored] = nearCopies(sql);
      const fp = state.storage.transactionSync(() =>
        moveNearCopy(sql, story!.storyId, stored!.url_key, "elsewhere"),
      );
      expect(fp).toBe(copy!.fingerprint);
      expect(nearCopies(sql)).toEqual([{ ...stored, story_id: "elsewhere" }]);
      expect(new Set(bandRows(sql).map((r) => `${r.story_id} ${r.at}`))).toEqual(
        new Set([`elsewhere ${T0}`]),
      );
      expect(bandRows(sql)).toHaveLength(JSON.parse(stored!.bands).length);
      expect(moveNearCopy(sql, story!.storyId, stored!.url_key, "again")).toBeUndefined();
    });
  });
});

describe("the near tables' second migration", () => {
  it("moves a store of the first layout to one row per band, each copy's bands intact", async () => {
    const copies = await copiesOf(
      itemOf("ferry-strike", "original"),
      itemOf("th-flood", "original"),
      repostOf("th-flood"),
    );
    const [summary] = await copiesOf(repostOf("ferry-strike"));
    await runInDurableObject(stub(), (_instance, state) => {
      const sql = state.storage.sql;
      const [ferry] = state.storage.transactionSync(() => foldBatch(sql, copies, T0));
      const dump = (table: string) =>
        sql
          .exec(`SELECT * FROM ${table}`)
          .toArray()
          .map((row) => JSON.stringify(row))
          .sort();
      const tables = ["near_copies", "near_bands", "near_ids", "near_lines", "near_splits"];
      const expected = Object.fromEntries(tables.map((t) => [t, dump(t)]));
      expect(expected.near_bands!.length).toBeGreaterThan(70);

      // Back to the first layout, as a deployment that has run only the first migration holds it:
      // four row writes per band; a band row renewed by an update (a later `at`), and the bands of
      // a copy whose features already expired.
      state.storage.transactionSync(() => {
        sql.exec(
          `CREATE TABLE keep_copies AS SELECT * FROM near_copies; CREATE TABLE keep_bands AS SELECT * FROM near_bands;
           CREATE TABLE keep_ids AS SELECT * FROM near_ids; CREATE TABLE keep_lines AS SELECT * FROM near_lines;
           DROP TABLE near_copies; DROP TABLE near_bands; DROP TABLE near_ids; DROP TABLE near_lines;
           DROP TABLE near_splits;`,
        );
        sql.exec(NEAR_MIGRATIONS[0]!);
        sql.exec(
          `INSERT INTO near_copies (story_id, url_key, at, fp, features)
             SELECT story_id, url_key, at, fp, features FROM keep_copies;
           INSERT INTO near_bands (band, story_id, url_key, at) SELECT band, story_id, url_key, at FROM keep_bands;
           INSERT INTO near_ids SELECT * FROM keep_ids; INSERT INTO near_lines SELECT * FROM keep_lines;
           INSERT INTO near_splits (key, story_id) VALUES ('entry:a:b', 'someone');
           UPDATE near_bands SET at = '${later(1)}' WHERE rowid = 1;
           INSERT INTO near_bands (band, story_id, url_key, at) VALUES (42, 'gone', 'https://gone.example/', '${T0}');
           DROP TABLE keep_copies; DROP TABLE keep_bands; DROP TABLE keep_ids; DROP TABLE keep_lines;
           UPDATE meta SET value = '1' WHERE key = 'schema_version:near';`,
        );
      });
      state.storage.transactionSync(() => migrate(sql, "near", NEAR_MIGRATIONS));

      expect(sql.exec("SELECT value FROM meta WHERE key = 'schema_version:near'").one().value).toBe(
        String(NEAR_MIGRATIONS.length),
      );
      for (const table of tables.filter((t) => t !== "near_splits"))
        expect(dump(table)).toEqual(expected[table]);
      expect(dump("near_splits")).toEqual([JSON.stringify({ key: "entry:a:b", story_id: "someone" })]);
      const indexes = sql
        .exec<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'near_%' AND sql IS NOT NULL",
        )
        .toArray()
        .map((r) => r.name);
      expect(indexes).toEqual(["near_copies_at"]);

      // And the migrated store folds as before: the summary finds its story through the bands.
      const [result] = state.storage.transactionSync(() => foldBatch(sql, [summary!], later(0.5)));
      expect(result).toEqual({ status: "duplicate", storyId: ferry!.storyId });
    });
  });
});

describe("the whole evaluation set through the Durable Object", () => {
  it("folds with no false merge and the recall of the in-memory benchmark", async () => {
    const predicted: string[] = [];
    for (const item of evalSet) {
      const answer = await ingest(jsonFeedOf([item]), { contentType: "application/feed+json" });
      predicted.push(answer.body.results![0]!.item!);
    }
    const scores = pairwiseScores(evalSet, predicted);
    expect(scores.falseMerges).toHaveLength(0);
    expect(scores.recall).toBeGreaterThanOrEqual(0.98);
  }, 120_000);
});

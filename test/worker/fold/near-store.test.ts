import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { edgeLineKeys } from "../../../src/fold/match-text";
import { CHANGE_MIGRATIONS } from "../../../src/fold-index/change-log";
import { foldBatch } from "../../../src/fold-index/fold-batch";
import type { IncomingCopy } from "../../../src/fold-index/incoming-copy";
import {
  bandList,
  bandQuery,
  expireNear,
  moveNearCopy,
  sqlFoldLookup,
} from "../../../src/fold-index/near-store";
import { FOLD_MIGRATIONS, migrate, NEAR_MIGRATIONS } from "../../../src/fold-index/schema";
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
  const log: Array<{ query: string; cursor: { rowsWritten: number; rowsRead: number } }> = [];
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
  const calls = (query: RegExp) => log.filter((e) => query.test(e.query)).length;
  return { sql: proxy, written, calls, reset: () => log.splice(0) };
}

type NearCopy = { id: number; story_id: string; url_key: string; at: string; bands: string };
const nearCopies = (sql: SqlStorage) =>
  sql
    .exec<NearCopy>("SELECT id, story_id, url_key, at, bands FROM near_copies ORDER BY story_id, url_key")
    .toArray();
/** The copies (near_copies ids) the band index finds under one band key. */
const indexedUnder = (sql: SqlStorage, band: number) =>
  sql
    .exec<{ rowid: number }>(
      "SELECT rowid FROM near_band_index WHERE near_band_index MATCH ?",
      bandQuery([band]),
    )
    .toArray()
    .map((r) => r.rowid);
/** Every band of every stored copy finds that copy in the band index, and `bands` finds nothing else. */
function expectIndexed(sql: SqlStorage, bands: readonly number[] = []): void {
  const copies = nearCopies(sql);
  for (const copy of copies) {
    for (const band of JSON.parse(copy.bands) as number[]) expect(indexedUnder(sql, band)).toContain(copy.id);
  }
  for (const band of bands) {
    const holders = copies.filter((c) => (JSON.parse(c.bands) as number[]).includes(band)).map((c) => c.id);
    expect(indexedUnder(sql, band).sort()).toEqual(holders.sort());
  }
}
const NEAR_TABLE = /near_(band_index|copies)/;

describe("the near-duplicate index's rows", () => {
  it("writes three near rows for a new story (its features, their unique key, one band document), and at most 30 in all", async () => {
    const [copy] = await copiesOf(itemOf("ferry-strike", "original"));
    await runInDurableObject(stub(), (_instance, state) => {
      const count = counting(state.storage.sql);
      const [result] = state.storage.transactionSync(() => foldBatch(count.sql, [copy!], T0));
      expect(result!.status).toBe("new");
      const bands = JSON.parse(bandList(copy!.bands)) as number[];
      expect(bands).toHaveLength(37);
      // 37 band keys in one FTS5 document: one row; the features row and its unique-index entry.
      expect(count.written(/near_band_index/)).toBe(1);
      expect(count.written(NEAR_TABLE)).toBe(3);
      // The whole fold of a new story, its source's first row, template lines and change log
      // included (181 before the bands' second layout, 31 with the band index alone): 25; and
      // related coverage's 3 to 5 (its related_docs row and unique index, its FTS5 row, its hourly
      // expiry's time stamp on a first run).
      expect(count.written()).toBeLessThanOrEqual(30);

      const [stored] = nearCopies(state.storage.sql);
      expect(stored).toMatchObject({ story_id: result!.storyId, at: T0, bands: bandList(copy!.bands) });
      expectIndexed(state.storage.sql, bands);
      expect(sqlFoldLookup(state.storage.sql, T0).candidateStories(copy!.bands, 8)).toEqual([
        result!.storyId,
      ]);
    });
  });

  it("on an update, rewrites the band document only when the bands changed, keeps the copy's time, and writes nothing when the match text is the same", async () => {
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
      // The features row once (no indexed column changed), the band document once.
      expect(count.written(/near_band_index/)).toBe(1);
      expect(count.written(NEAR_TABLE)).toBe(2);
      const gone = first!.bands.filter((b) => !second!.bands.includes(b));
      expect(gone.length).toBeGreaterThan(0);
      expectIndexed(state.storage.sql, [...first!.bands, ...second!.bands]);
      for (const band of gone) expect(indexedUnder(state.storage.sql, band)).toEqual([]);
      // The copy's place in the candidate window is when it was first stored.
      expect(nearCopies(state.storage.sql)[0]).toMatchObject({ at: T0, bands: bandList(second!.bands) });

      count.reset();
      const [again] = state.storage.transactionSync(() => foldBatch(count.sql, [retitled!], later(2)));
      expect(again).toEqual({ status: "updated", storyId: made!.storyId });
      expect(count.written(/near_(copies|band_index|ids|lines)/)).toBe(0);
    });
  });

  it("expires a copy's bands with its features, oldest first, and keeps the candidates in the window", async () => {
    const [oldCopy] = await copiesOf(itemOf("ferry-strike", "original"));
    const [newCopy] = await copiesOf(itemOf("zh-library", "original"));
    await runInDurableObject(stub(), (_instance, state) => {
      const sql = state.storage.sql;
      const [oldStory] = state.storage.transactionSync(() => foldBatch(sql, [oldCopy!], T0));
      const [newStory] = state.storage.transactionSync(() => foldBatch(sql, [newCopy!], later(3)));
      const since = later(2);
      expect(sqlFoldLookup(sql, T0).candidateStories(oldCopy!.bands, 8)).toEqual([oldStory!.storyId]);
      // Out of the window, not yet expired: not a candidate.
      expect(sqlFoldLookup(sql, since).candidateStories(oldCopy!.bands, 8)).toEqual([]);
      state.storage.transactionSync(() => {
        sql.exec("DELETE FROM meta WHERE key = 'near_expired_at'");
        expireNear(sql, since, later(16));
      });
      expect(nearCopies(sql).map((c) => c.story_id)).toEqual([newStory!.storyId]);
      for (const band of oldCopy!.bands) expect(indexedUnder(sql, band)).toEqual([]);
      expectIndexed(sql, newCopy!.bands);
      expect(sqlFoldLookup(sql, T0).candidateStories(oldCopy!.bands, 8)).toEqual([]);
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
      expectIndexed(sql, [...original[0]!.bands, ...repost[0]!.bands]);
      expect(new Set(nearCopies(sql).map((c) => c.story_id))).toEqual(
        new Set([story!.storyId, result.newStoryId]),
      );
      expect(sqlFoldLookup(sql, T0).candidateStories(repost[0]!.bands, 8)).toContain(result.newStoryId);
    });
  });

  it("stops writing a source's template line once it is learned", async () => {
    const site = itemOf("ferry-strike", "original").source;
    const footer = "<p>Subscribe to the Harbour Gazette newsletter for the week's news in your inbox.</p>";
    const originals = ["ferry-strike", "rail-tunnel", "th-flood", "zh-library", "es-incendio"].map(
      (cluster) => {
        const item = itemOf(cluster, "original");
        return { ...item, source: site, contentHtml: `${item.contentHtml ?? ""}${footer}` };
      },
    );
    const docs = await Promise.all(originals.map((item) => copiesOf(item)));
    await runInDurableObject(stub(), (_instance, state) => {
      const count = counting(state.storage.sql);
      const lineRows: number[] = [];
      docs.forEach((doc, i) => {
        count.reset();
        const [result] = state.storage.transactionSync(() => foldBatch(count.sql, doc, later(i)));
        expect(result!.status).toBe("new");
        lineRows.push(count.written(/INTO near_lines/));
      });
      const footerCount = () =>
        state.storage.sql
          .exec<{ count: number }>("SELECT count FROM near_lines WHERE key LIKE 'subscribe to the harbour%'")
          .one().count;
      // Counted by the first three stories; learned from then on, and written no more.
      expect(footerCount()).toBe(3);
      for (let i = 3; i < docs.length; i++) {
        const keys = edgeLineKeys(docs[i]![0]!.lines).length;
        expect(lineRows[i]).toBe(keys - 1);
      }
    });
  });

  it("reads each entry of a batch once and upserts its source once", async () => {
    const items = ["ferry-strike", "rail-tunnel", "th-flood"].map((c) => itemOf(c, "original"));
    const site = items[0]!.source;
    const batch = await copiesOf(...items.map((item) => ({ ...item, source: site })));
    await runInDurableObject(stub(), (_instance, state) => {
      const count = counting(state.storage.sql);
      state.storage.transactionSync(() => foldBatch(count.sql, batch, T0));
      expect(count.calls(/FROM entries WHERE source_id/)).toBe(3);
      expect(count.calls(/INSERT INTO sources/)).toBe(1);
      count.reset();
      const again = state.storage.transactionSync(() => foldBatch(count.sql, batch, later(1)));
      expect(again.map((r) => r.status)).toEqual(["unchanged", "unchanged", "unchanged"]);
      expect(count.calls(/FROM entries WHERE source_id/)).toBe(3);
      expect(count.calls(/INSERT INTO sources/)).toBe(1);
    });
  });

  it("moveNearCopy moves a copy's features and bands by key, writing its features row only", async () => {
    const [copy] = await copiesOf(itemOf("th-flood", "original"));
    await runInDurableObject(stub(), (_instance, state) => {
      const count = counting(state.storage.sql);
      const sql = count.sql;
      const [story] = state.storage.transactionSync(() => foldBatch(sql, [copy!], T0));
      const [stored] = nearCopies(sql);
      count.reset();
      const fp = state.storage.transactionSync(() =>
        moveNearCopy(sql, story!.storyId, stored!.url_key, "elsewhere"),
      );
      expect(fp).toBe(copy!.fingerprint);
      expect(count.written(/near_band_index/)).toBe(0);
      expect(nearCopies(sql)).toEqual([{ ...stored, story_id: "elsewhere" }]);
      expect(sqlFoldLookup(sql, T0).candidateStories(copy!.bands, 8)).toEqual(["elsewhere"]);
      expect(moveNearCopy(sql, story!.storyId, stored!.url_key, "again")).toBeUndefined();
    });
  });
});

/**
 * What the FTS5 module writes into its shadow tables, which the Durable Object's row counts do not
 * include (its statements are its own): every row of them that a transaction inserted, changed or
 * deleted, from snapshots taken between transactions.
 */
function shadowRows(sql: SqlStorage): Map<string, string> {
  const rows = new Map<string, string>();
  const read = (table: string, key: string) => {
    for (const row of sql.exec(`SELECT * FROM ${table}`).toArray()) {
      const value = Object.entries(row)
        .map(([k, v]) => `${k}=${v instanceof ArrayBuffer ? [...new Uint8Array(v)].join(",") : String(v)}`)
        .join(";");
      rows.set(`${table}:${row[key] as string}${table.endsWith("_idx") ? `:${row.pgno}` : ""}`, value);
    }
  };
  read("near_band_index_data", "id");
  read("near_band_index_idx", "segid");
  read("near_band_index_docsize", "id");
  read("near_band_index_config", "k");
  return rows;
}

function changedRows(before: Map<string, string>, after: Map<string, string>): number {
  let n = 0;
  for (const [key, value] of after) if (before.get(key) !== value) n++;
  for (const key of before.keys()) if (!after.has(key)) n++;
  return n;
}

describe("the band index's own writes", () => {
  it("costs a few shadow-table rows per stored copy, merges included, beside its one billed row", async () => {
    const copies: IncomingCopy[] = [];
    for (const item of evalSet) copies.push(...(await copiesOf(item)));
    await runInDurableObject(stub(), (_instance, state) => {
      const count = counting(state.storage.sql);
      const sql = count.sql;
      let shadow = 0;
      let before = shadowRows(state.storage.sql);
      const size0 = state.storage.sql.databaseSize;
      copies.forEach((copy, i) => {
        state.storage.transactionSync(() => foldBatch(sql, [copy], later(i / 1000)));
        const after = shadowRows(state.storage.sql);
        shadow += changedRows(before, after);
        before = after;
      });
      const stored = nearCopies(state.storage.sql).length;
      const billed = count.written(/near_band_index/);
      const perCopy = shadow / stored;
      console.log(
        `band index: ${stored} copies stored, ${billed} billed rows, ${shadow} shadow-table rows written ` +
          `(${perCopy.toFixed(2)} per copy), database ${state.storage.sql.databaseSize - size0} bytes larger`,
      );
      // One billed row per copy stored (and one per update that changed its bands, or drop by a merge).
      expect(count.written(/INSERT INTO near_band_index/)).toBe(count.written(/INSERT INTO near_copies/) / 2);
      expect(billed).toBeLessThanOrEqual(stored + 4);
      // One segment per transaction (a leaf, its index entry, the structure and averages records),
      // the copy's docsize row, and merges of earlier segments: measured 7.25 per copy.
      expect(perCopy).toBeLessThan(8);
    });
  }, 60_000);
});

describe("the near tables' migrations", () => {
  it("moves a store of the first layout to the band index, each copy's bands intact", async () => {
    const copies = await copiesOf(
      itemOf("ferry-strike", "original"),
      itemOf("th-flood", "original"),
      repostOf("th-flood"),
    );
    const [summary] = await copiesOf(repostOf("ferry-strike"));
    await runInDurableObject(stub(), (_instance, state) => {
      const sql = state.storage.sql;
      const [ferry] = state.storage.transactionSync(() => foldBatch(sql, copies, T0));
      const dump = (table: string, columns = "*") =>
        sql
          .exec(`SELECT ${columns} FROM ${table}`)
          .toArray()
          .map((row) => JSON.stringify(row))
          .sort();
      const COPY_COLUMNS = "story_id, url_key, at, fp, features, bands";
      const tables = ["near_ids", "near_lines"];
      const expected = Object.fromEntries(tables.map((t) => [t, dump(t)]));
      const expectedCopies = dump("near_copies", COPY_COLUMNS);
      expect(expectedCopies.length).toBeGreaterThan(1);

      // Back to the first layout, as a deployment that has run only the first migration holds it:
      // four row writes per band; a band row renewed by an update (a later `at`), and the bands of
      // a copy whose features already expired.
      state.storage.transactionSync(() => {
        sql.exec(
          `CREATE TABLE keep_copies AS SELECT * FROM near_copies;
           CREATE TABLE keep_ids AS SELECT * FROM near_ids; CREATE TABLE keep_lines AS SELECT * FROM near_lines;
           DROP TABLE near_copies; DROP TABLE near_band_index; DROP TABLE near_ids; DROP TABLE near_lines;
           DROP TABLE near_splits;`,
        );
        sql.exec(NEAR_MIGRATIONS[0]!);
        sql.exec(
          `INSERT INTO near_copies (story_id, url_key, at, fp, features)
             SELECT story_id, url_key, at, fp, features FROM keep_copies;
           INSERT INTO near_bands (band, story_id, url_key, at)
             SELECT j.value, c.story_id, c.url_key, c.at FROM keep_copies c, json_each(c.bands) j;
           INSERT INTO near_ids SELECT * FROM keep_ids; INSERT INTO near_lines SELECT * FROM keep_lines;
           INSERT INTO near_splits (key, story_id) VALUES ('entry:a:b', 'someone');
           UPDATE near_bands SET at = '${later(1)}' WHERE rowid = 1;
           INSERT INTO near_bands (band, story_id, url_key, at) VALUES (42, 'gone', 'https://gone.example/', '${T0}');
           DROP TABLE keep_copies; DROP TABLE keep_ids; DROP TABLE keep_lines;
           UPDATE meta SET value = '1' WHERE key = 'schema_version:near';`,
        );
      });
      state.storage.transactionSync(() => migrate(sql, "near", NEAR_MIGRATIONS));

      expect(sql.exec("SELECT value FROM meta WHERE key = 'schema_version:near'").one().value).toBe(
        String(NEAR_MIGRATIONS.length),
      );
      for (const table of tables) expect(dump(table)).toEqual(expected[table]);
      expect(dump("near_copies", COPY_COLUMNS)).toEqual(expectedCopies);
      expect(dump("near_splits")).toEqual([JSON.stringify({ key: "entry:a:b", story_id: "someone" })]);
      const indexes = sql
        .exec<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'near_%' AND sql IS NOT NULL",
        )
        .toArray()
        .map((r) => r.name);
      expect(indexes).toEqual(["near_copies_copy"]);
      expect(sql.exec("SELECT name FROM sqlite_master WHERE name = 'near_bands'").toArray()).toEqual([]);
      expectIndexed(sql, [42, ...copies.flatMap((c) => c.bands)]);

      // And the migrated store folds as before: the summary finds its story through the bands.
      const [result] = state.storage.transactionSync(() => foldBatch(sql, [summary!], later(0.5)));
      expect(result).toEqual({ status: "duplicate", storyId: ferry!.storyId });
    });
  });
});

describe("the fold tables' third migration", () => {
  it("moves entries, fingerprints, urls and dirty marks to WITHOUT ROWID tables, the marks at their change positions", async () => {
    const copies = await copiesOf(itemOf("ferry-strike", "original"), itemOf("th-flood", "original"));
    const [later1] = await copiesOf(itemOf("zh-library", "original"));
    await runInDurableObject(stub(), (_instance, state) => {
      const sql = state.storage.sql;
      state.storage.transactionSync(() => foldBatch(sql, copies, T0));
      const dump = (table: string) =>
        sql
          .exec(`SELECT * FROM ${table}`)
          .toArray()
          .map((row) => JSON.stringify(row))
          .sort();
      const tables = ["entries", "fingerprints", "urls"];
      const expected = Object.fromEntries(tables.map((t) => [t, dump(t)]));
      const marks = dump("dirty");
      expect(marks.length).toBe(2);

      // The second layout: rowid tables keyed by TEXT, dirty marks numbered by a meta counter.
      state.storage.transactionSync(() => {
        sql.exec(
          `CREATE TABLE keep_entries AS SELECT * FROM entries; CREATE TABLE keep_fps AS SELECT * FROM fingerprints;
           CREATE TABLE keep_urls AS SELECT * FROM urls; CREATE TABLE keep_dirty AS SELECT * FROM dirty;
           DROP TABLE entries; DROP TABLE fingerprints; DROP TABLE urls; DROP TABLE dirty;
           CREATE TABLE entries (
             source_id TEXT NOT NULL, item_key TEXT NOT NULL, story_id TEXT NOT NULL, url_key TEXT NOT NULL,
             content_hash TEXT NOT NULL, PRIMARY KEY (source_id, item_key));
           CREATE TABLE fingerprints (fp TEXT PRIMARY KEY, story_id TEXT NOT NULL);
           CREATE TABLE urls (url_key TEXT PRIMARY KEY, story_id TEXT NOT NULL);
           CREATE TABLE dirty (story_id TEXT PRIMARY KEY, seq INTEGER NOT NULL);
           INSERT INTO entries SELECT * FROM keep_entries; INSERT INTO fingerprints SELECT * FROM keep_fps;
           INSERT INTO urls SELECT * FROM keep_urls; INSERT INTO dirty SELECT story_id, seq + 1000 FROM keep_dirty;
           DROP TABLE keep_entries; DROP TABLE keep_fps; DROP TABLE keep_urls; DROP TABLE keep_dirty;
           INSERT INTO meta (key, value) VALUES ('dirty_seq', '1002');
           UPDATE meta SET value = '2' WHERE key = 'schema_version:fold';
           UPDATE meta SET value = '1' WHERE key = 'schema_version:changes';`,
        );
      });
      state.storage.transactionSync(() => {
        migrate(sql, "fold", FOLD_MIGRATIONS);
        migrate(sql, "changes", CHANGE_MIGRATIONS);
      });

      for (const table of tables) expect(dump(table)).toEqual(expected[table]);
      expect(dump("dirty")).toEqual(marks);
      for (const table of [...tables, "dirty"]) {
        const ddl = sql
          .exec<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = ?", table)
          .one().sql;
        expect(ddl).toMatch(/WITHOUT ROWID$/);
      }
      expect(sql.exec("SELECT 1 FROM meta WHERE key = 'dirty_seq'").toArray()).toEqual([]);

      // A later change's mark comes after every mark held, and costs one row in `dirty`.
      const count = counting(sql);
      const [made] = state.storage.transactionSync(() => foldBatch(count.sql, [later1!], later(1)));
      expect(made!.status).toBe("new");
      const seqs = sql.exec<{ story_id: string; seq: number }>("SELECT story_id, seq FROM dirty").toArray();
      const newest = seqs.find((r) => r.story_id === made!.storyId)!.seq;
      expect(Math.max(...seqs.map((r) => r.seq))).toBe(newest);
      expect(count.written(/INTO dirty/)).toBe(1);
      expect(count.written(/INTO (entries|urls|fingerprints)/)).toBe(3);
      // No counter in `meta` (only the expiries' hourly time stamps: near-duplicates, related coverage).
      expect(count.written(/INTO meta/)).toBe(count.written(/(near|related)_expired_at/));
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

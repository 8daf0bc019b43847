/**
 * The related index's document counts the fold index holds in memory (related-index.ts) must be
 * what fts5vocab says after any sequence of writes: stories added, a story's terms replaced (an
 * updated item), stories expired out of the index. Each is compared with a fresh read.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { FoldIndex } from "../../../src/fold-index/fold-index";
import { documentCounts, forgetDocumentCounts } from "../../../src/fold-index/related-index";
import { buildEvalSet, jsonFeedOf } from "../../fixtures/fold-eval/build-eval";
import { ingest } from "../support/client";

const stub = () => env.FOLD_INDEX.get(env.FOLD_INDEX.idFromName("main"));

/** Every term of every story in the index, the counts held for them, and the counts read afresh. */
async function heldAndFresh(): Promise<{ terms: number; lookups: number; held: object; fresh: object }> {
  return runInDurableObject(stub(), (_instance: FoldIndex, state) => {
    const sql = state.storage.sql;
    const terms = sql
      .exec<{ terms: string }>("SELECT terms FROM related_docs")
      .toArray()
      .flatMap((row) => (JSON.parse(row.terms) as Array<[string, number]>).map(([term]) => term));
    const proto = Object.getPrototypeOf(sql) as SqlStorage;
    const exec = proto.exec;
    let lookups = 0;
    proto.exec = function (this: SqlStorage, query: string, ...binds: SqlStorageValue[]) {
      if (query.includes("related_vocab")) lookups++;
      return exec.call(this, query, ...binds);
    } as SqlStorage["exec"];
    let held: Map<string, number>;
    try {
      held = documentCounts(sql, terms);
    } finally {
      proto.exec = exec;
    }
    forgetDocumentCounts(sql);
    const fresh = documentCounts(sql, terms);
    return {
      terms: new Set(terms).size,
      lookups,
      held: Object.fromEntries(held),
      fresh: Object.fromEntries(fresh),
    };
  });
}

describe("document counts held by the fold index", () => {
  it("follow the index through new stories, replaced terms and expiry", async () => {
    const items = buildEvalSet();
    const allOriginals = items.filter((i) => i.role === "original");
    const originals = allOriginals.slice(0, -1);
    const push = (body: string, source: string) =>
      ingest(body, { source, contentType: "application/feed+json" });
    for (const item of originals) {
      expect((await push(jsonFeedOf([item]), item.source.feedUrl)).status).toBe(200);
    }
    const afterNew = await heldAndFresh();
    expect(afterNew.terms).toBeGreaterThan(100);
    expect(afterNew.held).toEqual(afterNew.fresh);
    // Held, not read again: the counts of all those terms came from memory.
    expect(afterNew.lookups).toBe(0);

    // The same items with other text (same ids): each story's terms are replaced in the index.
    for (const item of originals.slice(0, 8)) {
      const edited = {
        ...item,
        title: `${item.title ?? ""} Correction from the harbour council`,
        contentHtml: `${item.contentHtml ?? ""}<p>Correction: the harbour council met in Lindholm, not Brakvik.</p>`,
      };
      expect((await push(jsonFeedOf([edited]), item.source.feedUrl)).status).toBe(200);
    }
    const afterUpdates = await heldAndFresh();
    expect(afterUpdates.held).toEqual(afterUpdates.fresh);

    // Expiry runs at most hourly: its stamp is cleared, so the next fold takes every story dated
    // more than two windows ago (all of these) out of the index, with the counts warm.
    await heldAndFresh();
    const docs = () =>
      runInDurableObject(
        stub(),
        (_instance: FoldIndex, state) =>
          state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM related_docs").one().n,
      );
    const before = await docs();
    await runInDurableObject(stub(), (_instance: FoldIndex, state) => {
      state.storage.sql.exec("DELETE FROM meta WHERE key = 'related_expired_at'");
    });
    const last = allOriginals.at(-1)!;
    expect((await push(jsonFeedOf([last]), last.source.feedUrl)).status).toBe(200);
    expect(await docs()).toBeLessThan(before);
    const afterExpiry = await heldAndFresh();
    expect(afterExpiry.held).toEqual(afterExpiry.fresh);
  });
});

import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { FoldIndex } from "../../../src/fold-index/fold-index";
import type { IncomingCopy } from "../../../src/fold-index/incoming-copy";
import { createApp } from "../../../src/http/app";
import { readDocument } from "../../../src/ingest/ingest-document";
import { storeState } from "../hostile/store-state";
import { ingest, runPublishAlarm, TOKEN } from "../support/client";
import { MARKET_RDF, orchardRss } from "../support/documents";
import { foldIndex, resetStore, visibleStories } from "./fault-injection";

const TWO_ITEMS = orchardRss().replace(
  "</channel>",
  `<item><title>Bridge repainting starts Monday</title><link>https://weaver.example.org/news/bridge</link>
   <guid>weaver-78</guid><description>The footbridge over the canal will be repainted in three stages over six weeks, with one lane open throughout.</description></item></channel>`,
);

async function copiesOf(doc: string): Promise<IncomingCopy[]> {
  const read = await readDocument(new TextEncoder().encode(doc), {
    declaredSource: "https://weaver.example.org/feed.xml",
  });
  return read.prepared.flatMap((p) => (p.kind === "copy" ? [p.copy] : []));
}

describe("the fold index fails in the middle of a batch", () => {
  it("rolls the whole batch back: no story, copy or entry of it is stored or published", async () => {
    expect((await ingest(MARKET_RDF, { contentType: "application/rdf+xml" })).status).toBe(200);
    const before = await storeState();
    const [first, second] = await copiesOf(TWO_ITEMS);
    expect(second).toBeDefined();
    const outcome = await runInDurableObject(foldIndex(), async (instance: FoldIndex) => {
      // The second copy's payload throws when the index reads it: a fault after the first
      // copy's rows were written inside the same transaction.
      const poisoned = { ...second!, payload: { ...second!.payload } };
      Object.defineProperty(poisoned.payload, "title", {
        enumerable: true,
        get() {
          throw new Error("injected fault in the fold index");
        },
      });
      try {
        await instance.ingest([first!, poisoned], "http://feedfold.test");
        return "stored";
      } catch (err) {
        return String(err);
      }
    });
    expect(outcome).toContain("injected fault");
    expect(await storeState()).toEqual(before);

    // The same batch without the fault is stored whole.
    const clean = await foldIndex().ingest([first!, second!], "http://feedfold.test");
    expect(clean.results.map((r) => r.status)).toEqual(["new", "new"]);
    expect((await foldIndex().stats()).stories).toBe(3);
  });
});

type Failure = "before" | "after";

/** The FOLD_INDEX binding with `ingest` failing before the call arrives or after it committed. */
function failingNamespace(failure: Failure): DurableObjectNamespace {
  const real = env.FOLD_INDEX;
  return {
    idFromName: (name: string) => real.idFromName(name),
    get: (id: DurableObjectId) => {
      const stub = real.get(id);
      return new Proxy(stub, {
        get(target, prop) {
          if (prop === "ingest") {
            return async (...args: Parameters<FoldIndex["ingest"]>) => {
              if (failure === "after") await target.ingest(...args);
              throw new Error(
                `injected fault: Durable Object request ${failure === "before" ? "failed" : "timed out"}`,
              );
            };
          }
          // An RPC stub's methods are remote (even `bind` and `call` on them would be calls):
          // forward the call through Reflect.apply.
          const value = Reflect.get(target, prop, target) as unknown;
          return typeof value === "function"
            ? (...args: unknown[]) => Reflect.apply(value as (...a: unknown[]) => unknown, target, args)
            : value;
        },
      });
    },
  } as unknown as DurableObjectNamespace;
}

async function ingestVia(foldIndexBinding: DurableObjectNamespace | undefined, doc: string) {
  const app = createApp();
  const bindings = { ...env, ...(foldIndexBinding ? { FOLD_INDEX: foldIndexBinding } : {}) };
  const res = await app.request(
    "http://feedfold.test/ingest?source=https://weaver.example.org/feed.xml",
    { method: "POST", headers: { Authorization: `Bearer ${TOKEN}` }, body: doc },
    bindings,
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("the fold index call fails or times out during an ingest", () => {
  it.each([
    ["fails before the batch arrives", "before" as const, 0],
    ["times out after the batch was stored", "after" as const, 2],
  ])("%s: 503 with {error, detail}, and a retry converges to the clean state", async (_n, failure, stored) => {
    expect((await ingestVia(undefined, TWO_ITEMS)).status).toBe(200);
    await runPublishAlarm();
    const expected = await visibleStories();
    await resetStore();

    const failed = await ingestVia(failingNamespace(failure), TWO_ITEMS);
    expect(failed).toEqual({
      status: 503,
      body: { error: "index-unavailable", detail: expect.any(String) },
    });
    expect((await foldIndex().stats()).stories).toBe(stored);

    const retry = await ingestVia(undefined, TWO_ITEMS);
    expect(retry.status).toBe(200);
    const statuses = (retry.body.results as Array<{ status: string }>).map((r) => r.status);
    expect(statuses).toEqual(failure === "before" ? ["new", "new"] : ["unchanged", "unchanged"]);
    await runPublishAlarm();
    expect(await visibleStories()).toEqual(expected);
    expect((await foldIndex().stats()).stories).toBe(2);
  });
});

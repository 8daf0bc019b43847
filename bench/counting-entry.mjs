// The Worker entry used by bench/local-worker.mjs: the real src/index.ts, plus counters on the
// bindings. It runs inside workerd (bundled by esbuild), so it may use only Web APIs.
//
// Counting is done by patching the prototypes of the binding classes once (KV namespace, Durable
// Object namespace, SQL storage, Queue producer, global fetch), so every call is counted wherever
// it happens: in the stateless Worker or inside the fold index. The Worker and its Durable Objects
// share one isolate in workerd, so one set of counters sees both.
//
// Extra routes (only in this bench build): GET /__bench/counts returns the counters as JSON;
// GET /__bench/rows the SQLite rows per statement since the last reset; POST /__bench/reset
// zeroes them; GET /__bench/cache-hit-floor answers with the body of one caches.default.match of
// the cached /feed.json and nothing else: no routing, middleware, negotiation or headers of ours
// (the floor of a Cache API hit, feeds.bench.mjs); on a miss (the entry expired) it asks the real
// route, which stores it again, and says so in X-Bench-Cache-Match.
import worker, { FoldIndex as RealFoldIndex } from "../src/index.ts";
import { feedCacheKey } from "../src/store/feed-cache.ts";

const counts = freshCounts();
let cursors = [];
const patched = new Set();

function freshCounts() {
  return {
    kvGet: 0,
    kvGetWithMetadata: 0,
    kvPut: 0,
    kvDelete: 0,
    kvList: 0,
    doRequests: 0,
    doAlarms: 0,
    queueMessages: 0,
    queueConsumed: 0,
    subrequests: 0,
  };
}

function snapshot() {
  let rowsRead = 0;
  let rowsWritten = 0;
  for (const c of cursors) {
    rowsRead += c.rowsRead;
    rowsWritten += c.rowsWritten;
  }
  return {
    ...counts,
    kvReads: counts.kvGet + counts.kvGetWithMetadata,
    kvWrites: counts.kvPut + counts.kvDelete,
    kvLists: counts.kvList,
    doRowsRead: rowsRead,
    doRowsWritten: rowsWritten,
  };
}

/** Rows read and written per SQL statement (its first 70 characters), most written first. */
function rowsByQuery() {
  const by = new Map();
  for (const c of cursors) {
    const row = by.get(c.query) ?? { query: c.query, calls: 0, rowsRead: 0, rowsWritten: 0 };
    row.calls++;
    row.rowsRead += c.rowsRead;
    row.rowsWritten += c.rowsWritten;
    by.set(c.query, row);
  }
  return [...by.values()].sort((a, b) => b.rowsWritten - a.rowsWritten || b.rowsRead - a.rowsRead);
}

function patchMethods(proto, table) {
  if (!proto || patched.has(proto)) return;
  patched.add(proto);
  for (const [method, wrap] of Object.entries(table)) {
    const original = proto[method];
    if (typeof original !== "function") continue;
    proto[method] = function (...args) {
      return wrap(original, this, args);
    };
  }
}

const bump = (key) => (original, self, args) => {
  counts[key]++;
  return original.apply(self, args);
};

function instrument(env) {
  const kv = env.FEEDFOLD_KV;
  if (kv) {
    patchMethods(Object.getPrototypeOf(kv), {
      get: bump("kvGet"),
      getWithMetadata: bump("kvGetWithMetadata"),
      put: bump("kvPut"),
      delete: bump("kvDelete"),
      list: bump("kvList"),
    });
  }
  const ns = env.FOLD_INDEX;
  if (ns) {
    const countStub = (stub) =>
      new Proxy(stub, {
        get(target, prop) {
          const value = Reflect.get(target, prop);
          if (typeof value !== "function" || typeof prop !== "string" || prop === "then") return value;
          return (...args) => {
            counts.doRequests++;
            return Reflect.apply(value, target, args);
          };
        },
      });
    patchMethods(Object.getPrototypeOf(ns), {
      get: (original, self, args) => countStub(original.apply(self, args)),
      getByName: (original, self, args) => countStub(original.apply(self, args)),
    });
  }
  for (const value of Object.values(env)) {
    if (value && typeof value === "object" && typeof value.send === "function" && "sendBatch" in value) {
      patchMethods(Object.getPrototypeOf(value), {
        send: bump("queueMessages"),
        sendBatch: (original, self, args) => {
          counts.queueMessages += args[0]?.length ?? 0;
          return original.apply(self, args);
        },
      });
    }
  }
}

const realFetch = globalThis.fetch;
globalThis.fetch = function countedFetch(...args) {
  counts.subrequests++;
  return realFetch.apply(globalThis, args);
};

export class FoldIndex extends RealFoldIndex {
  constructor(ctx, env) {
    instrument(env);
    patchMethods(Object.getPrototypeOf(ctx.storage.sql), {
      exec: (original, self, args) => {
        const cursor = original.apply(self, args);
        cursors.push(cursor);
        cursor.query = String(args[0]).replace(/\s+/g, " ").trim().slice(0, 70);
        return cursor;
      },
    });
    super(ctx, env);
  }

  async alarm(...args) {
    counts.doAlarms++;
    return super.alarm(...args);
  }
}

export default {
  async fetch(request, env, ctx) {
    instrument(env);
    const { pathname } = new URL(request.url);
    if (pathname === "/__bench/counts") return Response.json(snapshot());
    if (pathname === "/__bench/rows") return Response.json(rowsByQuery());
    if (pathname === "/__bench/cache-hit-floor") {
      const { origin } = new URL(request.url);
      const hit = await caches.default.match(feedCacheKey(origin, "json"));
      if (hit === undefined) {
        const res = await worker.fetch(new Request(`${origin}/feed.json`), env, ctx);
        return new Response(res.body, { headers: { "X-Bench-Cache-Match": "miss" } });
      }
      return new Response(hit.body, { headers: { "Content-Type": "application/feed+json; charset=utf-8" } });
    }
    if (pathname === "/__bench/reset") {
      Object.assign(counts, freshCounts());
      cursors = [];
      return Response.json(snapshot());
    }
    return worker.fetch(request, env, ctx);
  },
  scheduled(controller, env, ctx) {
    instrument(env);
    return worker.scheduled(controller, env, ctx);
  },
  ...(worker.queue
    ? {
        async queue(batch, env, ctx) {
          instrument(env);
          try {
            return await worker.queue(batch, env, ctx);
          } finally {
            counts.queueConsumed += batch.messages.length;
          }
        },
      }
    : {}),
};

// Storage is isolated per test file in this version of the Workers test pool, and its reset()
// left our data in place, so every test empties the fold index and KV itself and starts from an
// empty store, as a fresh deployment does.

import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach } from "vitest";
import { feedCacheKeys } from "../../../src/store/feed-cache";
import { SNAPSHOT_FORMATS } from "../../../src/store/keys";

beforeEach(async () => {
  const stub = env.FOLD_INDEX.get(env.FOLD_INDEX.idFromName("main"));
  await runInDurableObject(stub, async (_instance, state) => {
    // A publish alarm left by the previous test must not run against the emptied store.
    await state.storage.deleteAlarm();
    await state.storage.deleteAll();
  });
  await abortAllDurableObjects();
  for (;;) {
    const page = await env.FEEDFOLD_KV.list();
    await Promise.all(page.keys.map((k) => env.FEEDFOLD_KV.delete(k.name)));
    if (page.list_complete) break;
  }
  // The Cache API in front of the default feeds (src/store/feed-cache.ts) is state too.
  for (const key of feedCacheKeys("http://feedfold.test", SNAPSHOT_FORMATS)) await caches.default.delete(key);
});

// A publish alarm still pending when a test ends (a retry after an injected fault) must not fire
// into the next test file's storage.
afterEach(async () => {
  const stub = env.FOLD_INDEX.get(env.FOLD_INDEX.idFromName("main"));
  await runInDurableObject(stub, (_instance, state) => state.storage.deleteAlarm());
});

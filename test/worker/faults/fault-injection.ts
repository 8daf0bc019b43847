import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { FoldIndex } from "../../../src/fold-index/fold-index";
import { snapshotKey } from "../../../src/store/keys";
import { readSnapshot } from "../../../src/store/kv-store";
import { feedJson } from "../support/client";

export function foldIndex(): DurableObjectStub<FoldIndex> {
  return env.FOLD_INDEX.get(env.FOLD_INDEX.idFromName("main"));
}

/** How the KV namespace the publisher writes to misbehaves. */
export type KvFault =
  | { kind: "reject" }
  | { kind: "timeout"; afterMs: number }
  /** Settles only after `ms` (longer than the test waits): a publish stuck on KV when the object dies. */
  | { kind: "hang"; ms: number };

export interface FaultHandle {
  puts: number;
}

function faultyKv(real: KVNamespace, fault: KvFault, handle: FaultHandle): KVNamespace {
  return new Proxy(real, {
    get(target, prop) {
      if (prop === "put") {
        return async (): Promise<void> => {
          handle.puts++;
          if (fault.kind === "reject") throw new Error("injected fault: KV PUT failed (503)");
          if (fault.kind === "timeout") {
            await new Promise((resolve) => setTimeout(resolve, fault.afterMs));
            throw new Error("injected fault: KV PUT timed out");
          }
          await new Promise((resolve) => setTimeout(resolve, fault.ms));
          throw new Error("injected fault: KV PUT abandoned");
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * The seam: the fold index's publisher reads `deps.kv` on every run, so a test swaps it inside
 * the object. Returns a handle counting the failed writes; `restoreKv()` puts the real one back.
 */
export async function breakPublisherKv(fault: KvFault): Promise<FaultHandle> {
  const handle: FaultHandle = { puts: 0 };
  await runInDurableObject(foldIndex(), (instance: FoldIndex) => {
    instance.publisher.deps.kv = faultyKv(env.FEEDFOLD_KV, fault, handle);
  });
  return handle;
}

export async function restoreKv(): Promise<void> {
  await runInDurableObject(foldIndex(), (instance: FoldIndex) => {
    instance.publisher.deps.kv = env.FEEDFOLD_KV;
  });
}

/** Empties the fold index and KV mid-test, as test/worker/support/fresh-storage.ts does before each. */
export async function resetStore(): Promise<void> {
  await runInDurableObject(foldIndex(), async (_instance, state) => {
    await state.storage.deleteAlarm();
    await state.storage.deleteAll();
  });
  await abortAllDurableObjects();
  for (;;) {
    const page = await env.FEEDFOLD_KV.list();
    await Promise.all(page.keys.map((k) => env.FEEDFOLD_KV.delete(k.name)));
    if (page.list_complete) break;
  }
}

/** The merged feed as a reader sees it, without the times that depend on when it ran. */
export async function visibleStories(): Promise<unknown[]> {
  return (await feedJson()).items.map((item) => ({
    id: item.id,
    url: item.url,
    title: item.title,
    content: item.content_html ?? item.content_text,
    copies: item._feedfold.copies.map((c) => [c.id, c.url, c.source.id]),
  }));
}

/** The titles of the default JSON Feed as KV holds it (the last publish), not as readers get it. */
export async function kvSnapshotTitles(): Promise<string[]> {
  const snapshot = await readSnapshot(env.FEEDFOLD_KV, snapshotKey("json"));
  if (snapshot === undefined) return [];
  return (JSON.parse(snapshot.body) as { items: Array<{ title?: string }> }).items.map((i) => i.title ?? "");
}

export async function dirtyCount(): Promise<number> {
  return runInDurableObject(
    foldIndex(),
    (_instance, state) => state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM dirty").one().n,
  );
}

import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { get, ingest } from "../support/client";
import { orchardRss, POOL_ATOM } from "../support/documents";

/** What a refused request must leave exactly as it was: the feeds' ETags and the index's counts. */
export interface StoreState {
  etags: Record<string, string | null>;
  counts: { stories: number; copies: number; entries: number };
}

export async function storeState(): Promise<StoreState> {
  const etags: Record<string, string | null> = {};
  for (const path of ["/feed.json", "/feed.xml", "/feed.atom"]) {
    const res = await get(path);
    await res.arrayBuffer();
    etags[path] = res.headers.get("ETag");
  }
  const counts = await env.FOLD_INDEX.get(env.FOLD_INDEX.idFromName("main")).stats();
  return { etags, counts };
}

/** Two stories, so the feeds are published to KV and have ETags worth comparing. */
export async function seedTwoStories(): Promise<void> {
  const a = await ingest(orchardRss(), { source: "https://weaver.example.org/feed.xml" });
  const b = await ingest(POOL_ATOM, { contentType: "application/atom+xml" });
  expect([a.status, b.status]).toEqual([200, 200]);
}

/** A refusal as design.md wants it: the status, JSON `{error, detail}`, no stack trace. */
export async function expectRefusal(
  res: Response,
  status: number,
  error: string,
  detail?: string,
): Promise<void> {
  const text = await res.text();
  expect({ status: res.status, text: text.slice(0, 300) }).toMatchObject({ status });
  expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(["detail", "error"]);
  expect(body.error).toBe(error);
  expect(typeof body.detail).toBe("string");
  expect((body.detail as string).length).toBeGreaterThan(10);
  expect(body.detail as string).not.toMatch(/\n\s+at |\.ts:\d+/);
  expect(text.length).toBeLessThan(2000);
  if (detail !== undefined) expect(body).toEqual({ error, detail });
}

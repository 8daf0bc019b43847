/**
 * Helpers for the output tests: stories of our own on demand, a KV binding that counts its calls,
 * and the Worker called with it.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../../src/index";
import { ingest } from "../support/client";

export const ORIGIN = "http://feedfold.test";

export interface KvCounts {
  reads: number;
  lists: number;
  writes: number;
}

/** The test KV namespace wrapped so every call is counted (what the bench counts too). */
export function countingKv(kv: KVNamespace): { kv: KVNamespace; counts: KvCounts } {
  const counts: KvCounts = { reads: 0, lists: 0, writes: 0 };
  const wrapped = {
    get: (...args: unknown[]) => {
      counts.reads++;
      return (kv.get as (...a: unknown[]) => unknown)(...args);
    },
    getWithMetadata: (...args: unknown[]) => {
      counts.reads++;
      return (kv.getWithMetadata as (...a: unknown[]) => unknown)(...args);
    },
    list: (...args: unknown[]) => {
      counts.lists++;
      return (kv.list as (...a: unknown[]) => unknown)(...args);
    },
    put: (...args: unknown[]) => {
      counts.writes++;
      return (kv.put as (...a: unknown[]) => unknown)(...args);
    },
    delete: (...args: unknown[]) => {
      counts.writes++;
      return (kv.delete as (...a: unknown[]) => unknown)(...args);
    },
  };
  return { kv: wrapped as unknown as KVNamespace, counts };
}

/** GET through the Worker with a counting KV; waits for work handed to waitUntil (cache writes). */
export async function countedGet(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ res: Response; body: string; counts: KvCounts }> {
  const { kv, counts } = countingKv(env.FEEDFOLD_KV);
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${ORIGIN}${path}`, { headers }),
    { ...env, FEEDFOLD_KV: kv },
    ctx,
  );
  const body = await res.text();
  await waitOnExecutionContext(ctx);
  return { res, body, counts };
}

/** An RSS document of our own with `n` unrelated stories, dated a day apart from `start`. */
export function newsRss(
  site: string,
  stories: Array<{
    key: string;
    title: string;
    body: string;
    date: string;
    author?: string;
    category?: string;
  }>,
): string {
  const items = stories
    .map(
      (s) => `<item>
      <title>${s.title}</title>
      <link>https://${site}/news/${s.key}</link>
      <guid isPermaLink="false">${site}-${s.key}</guid>
      <pubDate>${new Date(s.date).toUTCString()}</pubDate>
      ${s.author ? `<dc:creator>${s.author}</dc:creator>` : ""}
      ${s.category ? `<category>${s.category}</category>` : ""}
      <description>${s.body}</description>
    </item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel><title>${site}</title><link>https://${site}/</link><description>News of ${site}</description>
  ${items}
  </channel>
</rss>`;
}

/** Distinct bodies: sentences that share no run of words, so no two stories fold. */
export function uniqueBody(n: number, topic: string): string {
  const words = [
    "river",
    "market",
    "school",
    "bridge",
    "garden",
    "library",
    "council",
    "harbour",
    "festival",
  ];
  const w = (k: number) => words[(n * 7 + k) % words.length];
  return `Story number ${n} about the ${topic}: the ${w(1)} committee met on day ${n} and decided ${n * 3} things about the ${w(2)}, while ${n + 11} residents asked about the ${w(3)} and the ${w(4)} plan for ${2026 + n}.`;
}

/** Ingests `count` stories from one site; returns their ingest answers' item ids, newest first. */
export async function ingestStories(
  site: string,
  count: number,
  options: { from?: number; topic?: string } = {},
) {
  const from = options.from ?? 0;
  const stories = Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return {
      key: `s${n}`,
      title: `${site} story ${n}`,
      body: uniqueBody(n, options.topic ?? site),
      date: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString(),
    };
  });
  const answer = await ingest(newsRss(site, stories), {
    source: `https://${site}/feed.xml`,
    contentType: "application/rss+xml",
  });
  if (answer.status !== 200)
    throw new Error(`ingest ${site}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.results!.map((r) => r.item!);
}

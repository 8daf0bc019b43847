import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { FoldIndex } from "../../../src/fold-index/fold-index";

export const TOKEN = "test-token";
const BASE = "http://feedfold.test";

export interface IngestAnswer {
  status: number;
  body: {
    results?: Array<{ id: string; item?: string; status: string; reason?: string }>;
    error?: string;
    detail?: string;
  };
}

/**
 * Runs the fold index's alarm handler now and waits for it, as the platform runs it after an
 * ingest: when this resolves, everything committed so far is published to KV (a publish already
 * running is waited for). Tests read the feeds after it, never after a sleep.
 */
export async function runPublishAlarm(): Promise<void> {
  const stub = env.FOLD_INDEX.get(env.FOLD_INDEX.idFromName("main"));
  await runInDurableObject(stub, (instance: FoldIndex) => instance.alarm());
}

/**
 * POST /ingest, then (unless `publish: false`) `runPublishAlarm()`: /ingest answers once the fold is
 * committed, and the feeds follow with the fold index's alarm.
 */
export async function ingest(
  body: string | Uint8Array,
  options: {
    source?: string;
    contentType?: string;
    token?: string | null;
    path?: string;
    publish?: boolean;
  } = {},
): Promise<IngestAnswer> {
  const url = new URL(options.path ?? "/ingest", BASE);
  if (options.source) url.searchParams.set("source", options.source);
  const headers: Record<string, string> = { "Content-Type": options.contentType ?? "application/xml" };
  if (options.token !== null) headers.Authorization = `Bearer ${options.token ?? TOKEN}`;
  const res = await exports.default.fetch(url.href, { method: "POST", headers, body });
  const answer = { status: res.status, body: (await res.json()) as IngestAnswer["body"] };
  if (options.publish !== false) await runPublishAlarm();
  return answer;
}

export function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(new URL(path, BASE).href, { headers });
}

export interface JsonFeedDoc {
  items: Array<{
    id: string;
    url?: string;
    title?: string;
    content_html?: string;
    content_text?: string;
    _feedfold: {
      fingerprint?: string;
      copies: Array<{ id: string; url?: string; source: { id: string; title?: string } }>;
    };
  }>;
  next_url?: string;
}

export async function feedJson(path = "/feed.json"): Promise<JsonFeedDoc> {
  const res = await get(path);
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as JsonFeedDoc;
}

import { exports } from "cloudflare:workers";

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

export async function ingest(
  body: string | Uint8Array,
  options: { source?: string; contentType?: string; token?: string | null; path?: string } = {},
): Promise<IngestAnswer> {
  const url = new URL(options.path ?? "/ingest", BASE);
  if (options.source) url.searchParams.set("source", options.source);
  const headers: Record<string, string> = { "Content-Type": options.contentType ?? "application/xml" };
  if (options.token !== null) headers.Authorization = `Bearer ${options.token ?? TOKEN}`;
  const res = await exports.default.fetch(url.href, { method: "POST", headers, body });
  return { status: res.status, body: (await res.json()) as IngestAnswer["body"] };
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

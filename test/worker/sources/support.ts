import { env, exports } from "cloudflare:workers";
import type { SourceStatus } from "../../../src/fold-index/source-registry";
import type { CycleSummary } from "../../../src/sources/run-poll-cycle";
import { TOKEN } from "../support/client";

export const SERVER = (env as unknown as { FEED_SERVER: string }).FEED_SERVER;
const BASE = "http://feedfold.test";
const auth = { Authorization: `Bearer ${TOKEN}` };

export async function addSource(
  url: string,
  extra: Record<string, unknown> = {},
): Promise<{
  status: number;
  body: Record<string, unknown> & { source?: SourceStatus; error?: string; detail?: string };
}> {
  const res = await exports.default.fetch(`${BASE}/sources`, {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/json" },
    body: JSON.stringify({ url, ...extra }),
  });
  return { status: res.status, body: (await res.json()) as never };
}

export async function listSources(): Promise<SourceStatus[]> {
  const res = await exports.default.fetch(`${BASE}/sources`);
  return ((await res.json()) as { sources: SourceStatus[] }).sources;
}

export async function sourceByUrl(suffix: string): Promise<SourceStatus> {
  const found = (await listSources()).find((s) => s.url.endsWith(suffix));
  if (!found) throw new Error(`no source ending in ${suffix}`);
  return found;
}

export async function adminPoll(): Promise<CycleSummary> {
  const res = await exports.default.fetch(`${BASE}/admin/poll`, { method: "POST", headers: auth });
  if (res.status !== 200) throw new Error(`admin/poll: ${res.status} ${await res.text()}`);
  return (await res.json()) as CycleSummary;
}

export function reportFor(summary: CycleSummary, suffix: string) {
  const found = summary.sources.find((s) => s.url.endsWith(suffix));
  if (!found)
    throw new Error(`no report for ${suffix} in ${JSON.stringify(summary.sources.map((s) => s.url))}`);
  return found;
}

/** Registers sources without fetching them (an OPML import), as a listed feed URL may be anything. */
export async function importUrls(urls: string[]): Promise<void> {
  const outlines = urls.map((u) => `<outline text="t" xmlUrl="${u}"/>`).join("");
  const res = await exports.default.fetch(`${BASE}/sources.opml`, {
    method: "POST",
    headers: auth,
    body: `<opml version="2.0"><head/><body>${outlines}</body></opml>`,
  });
  if (res.status !== 200) throw new Error(`import: ${res.status} ${await res.text()}`);
}

/** The request headers the feed server saw for a path. */
export async function requestsTo(path: string): Promise<Array<Record<string, string>>> {
  return (await (await fetch(`${SERVER}/__requests${path}`)).json()) as Array<Record<string, string>>;
}

export async function serverPost(path: string): Promise<void> {
  await (await fetch(`${SERVER}${path}`, { method: "POST" })).arrayBuffer();
}

export const iso = (s: string | null) => (s ? Date.parse(s) : Number.NaN);

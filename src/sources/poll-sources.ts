import { checkSourceUrl } from "./url-policy";

export interface PollOutcome {
  url: string;
  ok: boolean;
  status?: number;
  error?: string;
  counts?: Record<string, number>;
}

export interface PollDeps {
  fetch: typeof fetch;
  /** Ingests one fetched document under its source URL; returns the status counts. */
  ingest: (
    body: Uint8Array,
    sourceUrl: string,
    contentType: string | undefined,
  ) => Promise<Record<string, number>>;
  allowLoopback: boolean;
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
}

/**
 * One polling cycle over the configured sources, one at a time (a handful of sources at this
 * stage; fan-out through Queues comes with the sources registry). A failing source is reported
 * and does not stop the others.
 */
export async function pollSources(urls: string[], deps: PollDeps): Promise<PollOutcome[]> {
  const outcomes: PollOutcome[] = [];
  for (const url of urls) outcomes.push(await pollOne(url, deps));
  return outcomes;
}

async function pollOne(url: string, deps: PollDeps): Promise<PollOutcome> {
  const verdict = checkSourceUrl(url, deps.allowLoopback);
  if (!verdict.ok) return { url, ok: false, error: verdict.reason };
  try {
    const res = await deps.fetch(verdict.url.href, {
      headers: {
        "User-Agent": deps.userAgent,
        Accept:
          "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8",
      },
      redirect: "follow",
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    if (!res.ok) {
      await res.body?.cancel();
      return { url, ok: false, status: res.status, error: `HTTP ${res.status}` };
    }
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.byteLength > deps.maxBytes)
      return { url, ok: false, status: res.status, error: "body over the size cap" };
    const counts = await deps.ingest(body, url, res.headers.get("Content-Type") ?? undefined);
    return { url, ok: true, status: res.status, counts };
  } catch (err) {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { url, ok: false, error: message };
  }
}

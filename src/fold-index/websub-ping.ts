/**
 * Tells a WebSub hub that feeds changed, so subscribers get the new stories without polling.
 * W3C WebSub leaves the publish notification to the hub; the common form (PubSubHubbub 0.4, and
 * what public hubs accept) is `POST hub.mode=publish&hub.url=<topic>` as a form body, one topic
 * per request. A failed ping loses nothing: subscribers' readers still poll the feed.
 */

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Milliseconds one ping may take; a slow hub must not hold up the next publish for long. */
export const PING_TIMEOUT_MS = 5_000;

export interface PingOutcome {
  topic: string;
  /** The hub's HTTP status, or the error that prevented an answer. */
  status?: number;
  error?: string;
}

/** Pings `hub` once per topic, concurrently; never throws. */
export async function pingHub(hub: string, topics: string[], fetchFn: FetchLike): Promise<PingOutcome[]> {
  return Promise.all(
    topics.map(async (topic): Promise<PingOutcome> => {
      try {
        const res = await fetchFn(hub, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ "hub.mode": "publish", "hub.url": topic }).toString(),
          signal: AbortSignal.timeout(PING_TIMEOUT_MS),
        });
        await res.body?.cancel();
        return { topic, status: res.status };
      } catch (err) {
        return { topic, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
}

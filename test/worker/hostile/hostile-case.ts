import { exports } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { TOKEN } from "../support/client";
import { expectRefusal, seedTwoStories, storeState } from "./store-state";

/** One hostile request and the refusal it must get. */
export interface HostileCase {
  name: string;
  method?: string;
  /** Path and query; default /ingest?source=… */
  path?: string;
  /** Authorization header value; default the right token; null sends none. */
  auth?: string | null;
  contentType?: string;
  /** A function for bodies that can be sent only once (streams). */
  body?: BodyInit | (() => BodyInit);
  headers?: Record<string, string>;
  status: number;
  error: string;
  /** The exact detail, where the case pins it down. */
  detail?: string;
}

const DEFAULT_PATH = "/ingest?source=https://hostile.example.net/feed";

export function send(c: HostileCase): Promise<Response> {
  const headers: Record<string, string> = { ...c.headers };
  if (c.auth !== null) headers.Authorization = c.auth ?? `Bearer ${TOKEN}`;
  if (c.contentType !== undefined) headers["Content-Type"] = c.contentType;
  else if (c.body !== undefined) headers["Content-Type"] = "application/xml";
  const body = typeof c.body === "function" ? c.body() : c.body;
  return exports.default.fetch(new URL(c.path ?? DEFAULT_PATH, "http://feedfold.test").href, {
    method: c.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
}

/**
 * Registers one test per case: on a store holding two stories, the request gets its status and
 * `{error, detail}` body, and the feeds' ETags and the index's counts are exactly as before.
 */
export function describeHostile(title: string, cases: HostileCase[]): void {
  describe(title, () => {
    beforeEach(seedTwoStories);
    it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
      const before = await storeState();
      await expectRefusal(await send(c), c.status, c.error, c.detail);
      expect(await storeState()).toEqual(before);
    });
  });
}

import { readCappedBody } from "../bytes/read-capped-body";
import { classifyThrown, type FetchFailure, failureText } from "./fetch-failure";
import { parseCacheMaxAge, parseRetryAfter } from "./http-hints";
import { checkSourceUrl } from "./url-policy";

/** What a polite fetch of one source needs: the URL and the validators held from the last fetch. */
export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
}

export interface FetchOptions {
  fetch: typeof fetch;
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  allowLoopback: boolean;
  /** Now, for Retry-After given as an HTTP-date. */
  now: number;
}

interface Reached {
  /** The URL that finally answered. */
  finalUrl: string;
  /** Set when every hop from the start to it was permanent (301/308): the source's new URL. */
  movedTo?: string;
  /** Subrequests made, redirects included. */
  requests: number;
}

export type FetchOutcome =
  | (Reached & {
      kind: "fresh";
      status: number;
      body: Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      /** Cache-Control max-age in seconds, when the server gave one. */
      maxAgeS?: number;
    })
  | (Reached & { kind: "not-modified"; status: 304; etag?: string; lastModified?: string; maxAgeS?: number })
  | (Reached & { kind: "gone"; status: 410 })
  | (Reached & { kind: "throttled"; status: 429 | 503; retryAfterMs?: number })
  | (Reached & { kind: "failed"; status?: number; failure: FetchFailure; error: string });

function failed(reached: Reached, failure: FetchFailure, detail: string, status?: number): FetchOutcome {
  return { ...reached, kind: "failed", failure, error: failureText(failure, detail), status };
}

const ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1";

/**
 * One polite fetch of a source: a conditional GET echoing the stored ETag and Last-Modified
 * exactly, redirects followed by hand (each hop checked by the URL policy, so a redirect cannot
 * lead inside) up to a limit, a timeout over the whole exchange and a cap on the body read.
 * Never throws: every failure is an outcome the scheduler can act on.
 */
export async function fetchSource(req: FetchRequest, options: FetchOptions): Promise<FetchOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`no answer within ${options.timeoutMs} ms`)),
    options.timeoutMs,
  );
  const reached: Reached = { finalUrl: req.url, requests: 0 };
  const fetcher = options.fetch;
  let permanentSoFar = true;
  try {
    let url = req.url;
    for (let hop = 0; ; hop++) {
      const verdict = checkSourceUrl(url, options.allowLoopback);
      if (!verdict.ok) return failed(reached, "blocked", `${url}: ${verdict.reason}`);
      const headers: Record<string, string> = { "User-Agent": options.userAgent, Accept: ACCEPT };
      if (req.etag) headers["If-None-Match"] = req.etag;
      if (req.lastModified) headers["If-Modified-Since"] = req.lastModified;
      reached.requests++;
      const res = await withAbort(
        // Called unbound: workerd refuses fetch with a `this` other than the global scope.
        fetcher(verdict.url.href, { headers, redirect: "manual", signal: controller.signal }),
        controller.signal,
      );
      reached.finalUrl = verdict.url.href;
      if (isRedirect(res.status)) {
        await res.body?.cancel();
        const location = res.headers.get("Location");
        if (!location)
          return failed(reached, `http-${res.status}`, `HTTP ${res.status} without a Location`, res.status);
        if (hop >= options.maxRedirects) {
          return failed(reached, "redirects", `more than ${options.maxRedirects} redirects`, res.status);
        }
        url = new URL(location, verdict.url).href;
        permanentSoFar &&= res.status === 301 || res.status === 308;
        if (permanentSoFar) reached.movedTo = url;
        continue;
      }
      return await settle(res, reached, options, controller.signal);
    }
  } catch (err) {
    if (controller.signal.aborted) {
      return failed(reached, "timeout", `no complete answer within ${options.timeoutMs} ms`);
    }
    const named = classifyThrown(err) ?? (await probeDnsOrTls(reached.finalUrl, options, controller.signal));
    return failed(reached, named.failure, `${named.detail} (${hostOf(reached.finalUrl)})`);
  } finally {
    clearTimeout(timer);
  }
}

async function settle(
  res: Response,
  reached: Reached,
  options: FetchOptions,
  signal: AbortSignal,
): Promise<FetchOutcome> {
  const etag = res.headers.get("ETag") ?? undefined;
  const lastModified = res.headers.get("Last-Modified") ?? undefined;
  const maxAgeS = parseCacheMaxAge(res.headers.get("Cache-Control"));
  if (res.status === 304) {
    await res.body?.cancel();
    return { ...reached, kind: "not-modified", status: 304, etag, lastModified, maxAgeS };
  }
  if (res.status === 410) {
    await res.body?.cancel();
    return { ...reached, kind: "gone", status: 410 };
  }
  if (res.status === 429 || res.status === 503) {
    await res.body?.cancel();
    const retryAfterMs = parseRetryAfter(res.headers.get("Retry-After"), options.now);
    return { ...reached, kind: "throttled", status: res.status, retryAfterMs };
  }
  if (res.status < 200 || res.status > 299) {
    await res.body?.cancel();
    return failed(reached, `http-${res.status}`, `the server answered HTTP ${res.status}`, res.status);
  }
  const body = await readCappedBody(res, options.maxBytes, { guard: (read) => withAbort(read, signal) });
  if (!body) {
    return failed(
      reached,
      "too-large",
      `the body is larger than ${options.maxBytes} bytes (MAX_BODY_BYTES)`,
      res.status,
    );
  }
  return {
    ...reached,
    kind: "fresh",
    status: res.status,
    body,
    contentType: res.headers.get("Content-Type") ?? undefined,
    etag,
    lastModified,
    maxAgeS,
  };
}

/** Races a promise against the abort signal, so a stalled body read ends at the timeout too. */
function withAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 100);
  }
}

/**
 * workerd answers a failed DNS lookup and a failed TLS handshake with the same opaque "internal
 * error". Plain HTTP has no handshake, so there it is DNS; for https one plain-HTTP request to the
 * same host and port tells them apart: it fails the same way only when the name does not resolve.
 */
async function probeDnsOrTls(
  url: string,
  options: FetchOptions,
  signal: AbortSignal,
): Promise<{ failure: FetchFailure; detail: string }> {
  const dns = { failure: "dns", detail: "the host name does not resolve" } as const;
  const target = new URL(url);
  if (target.protocol !== "https:") return dns;
  target.protocol = "http:";
  if (target.port === "") target.port = "443";
  try {
    const res = await withAbort(
      options.fetch(target.href, { method: "HEAD", redirect: "manual", signal }),
      signal,
    );
    await res.body?.cancel();
  } catch (err) {
    if (signal.aborted || classifyThrown(err) === undefined) return dns;
  }
  return {
    failure: "tls",
    detail: "the TLS handshake failed (the host answers, but not with a valid certificate over TLS)",
  };
}

import { describe, expect, it } from "vitest";
import { type FetchOptions, fetchSource } from "../../../src/sources/fetch-source";

type Route = (init: RequestInit) => Response;

function options(
  routes: Record<string, Route>,
  seen: Array<{ url: string; headers: Record<string, string> }> = [],
) {
  const fake = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    seen.push({ url, headers: init.headers as Record<string, string> });
    const route = routes[url];
    if (!route) throw new TypeError(`connection refused: ${url}`);
    expect(init.redirect).toBe("manual");
    return route(init);
  }) as typeof fetch;
  return {
    fetch: fake,
    userAgent: "feedfold/test (+https://example.org)",
    // Only the stalled-body test means a timeout; elsewhere it must never win on a loaded machine.
    timeoutMs: 60_000,
    maxBytes: 64,
    maxRedirects: 2,
    allowLoopback: false,
    now: Date.parse("2026-11-20T10:00:00Z"),
  } satisfies FetchOptions;
}

const redirect = (status: number, location: string) => () =>
  new Response(null, { status, headers: { Location: location } });

describe("fetchSource", () => {
  it("echoes the stored validators exactly and reads a 304", async () => {
    const seen: Array<{ url: string; headers: Record<string, string> }> = [];
    const out = await fetchSource(
      { url: "https://a.example.org/feed", etag: 'W/"abc"', lastModified: "Tue, 17 Nov 2026 08:00:00 GMT" },
      options(
        {
          "https://a.example.org/feed": () =>
            new Response(null, { status: 304, headers: { ETag: 'W/"abc"' } }),
        },
        seen,
      ),
    );
    expect(out).toMatchObject({ kind: "not-modified", status: 304, etag: 'W/"abc"', requests: 1 });
    expect(seen[0]!.headers).toMatchObject({
      "If-None-Match": 'W/"abc"',
      "If-Modified-Since": "Tue, 17 Nov 2026 08:00:00 GMT",
      "User-Agent": "feedfold/test (+https://example.org)",
    });
  });

  it("sends no conditional headers when it holds no validators", async () => {
    const seen: Array<{ url: string; headers: Record<string, string> }> = [];
    await fetchSource(
      { url: "https://a.example.org/feed" },
      options({ "https://a.example.org/feed": () => new Response("<rss/>") }, seen),
    );
    expect(Object.keys(seen[0]!.headers)).not.toContain("If-None-Match");
    expect(Object.keys(seen[0]!.headers)).not.toContain("If-Modified-Since");
  });

  it("follows redirects by hand; only an unbroken permanent chain moves the source", async () => {
    const routes = {
      "https://a.example.org/old": redirect(301, "/new"),
      "https://a.example.org/new": redirect(308, "https://b.example.org/feed"),
      "https://b.example.org/feed": () => new Response("<rss/>", { headers: { ETag: '"1"' } }),
      "https://a.example.org/temp": redirect(302, "https://a.example.org/old"),
    };
    const moved = await fetchSource({ url: "https://a.example.org/old" }, options(routes));
    expect(moved).toMatchObject({
      kind: "fresh",
      movedTo: "https://b.example.org/feed",
      requests: 3,
      etag: '"1"',
    });
    const temp = await fetchSource(
      { url: "https://a.example.org/temp" },
      { ...options(routes), maxRedirects: 3 },
    );
    expect(temp).toMatchObject({ kind: "fresh", finalUrl: "https://b.example.org/feed" });
    expect(temp.movedTo).toBeUndefined();
    const tooMany = await fetchSource({ url: "https://a.example.org/temp" }, options(routes));
    expect(tooMany).toMatchObject({
      kind: "failed",
      failure: "redirects",
      error: "redirects: more than 2 redirects",
    });
  });

  it("refuses a redirect into a private address", async () => {
    const out = await fetchSource(
      { url: "https://a.example.org/feed" },
      options({ "https://a.example.org/feed": redirect(302, "http://169.254.169.254/latest/meta-data") }),
    );
    expect(out.kind).toBe("failed");
    if (out.kind === "failed") expect(out.error).toContain("private");
  });

  it("stops reading at the size cap, declared or streamed", async () => {
    const declared = await fetchSource(
      { url: "https://a.example.org/feed" },
      options({
        "https://a.example.org/feed": () =>
          new Response("x".repeat(65), { headers: { "Content-Length": "65" } }),
      }),
    );
    expect(declared).toMatchObject({
      kind: "failed",
      error: expect.stringContaining("larger than 64 bytes"),
    });
    const stream = new ReadableStream({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode("y".repeat(40)));
      },
    });
    const streamed = await fetchSource(
      { url: "https://a.example.org/feed" },
      options({ "https://a.example.org/feed": () => new Response(stream) }),
    );
    expect(streamed).toMatchObject({
      kind: "failed",
      error: expect.stringContaining("larger than 64 bytes"),
    });
  });

  it("reads 410, 429/503 with Retry-After (seconds or date), other errors, and network failures", async () => {
    const routes: Record<string, Route> = {
      "https://a.example.org/gone": () => new Response("bye", { status: 410 }),
      "https://a.example.org/429": () => new Response("", { status: 429, headers: { "Retry-After": "120" } }),
      "https://a.example.org/503": () =>
        new Response("", { status: 503, headers: { "Retry-After": "Fri, 20 Nov 2026 11:00:00 GMT" } }),
      "https://a.example.org/404": () => new Response("", { status: 404 }),
    };
    const o = options(routes);
    expect(await fetchSource({ url: "https://a.example.org/gone" }, o)).toMatchObject({ kind: "gone" });
    expect(await fetchSource({ url: "https://a.example.org/429" }, o)).toMatchObject({
      kind: "throttled",
      retryAfterMs: 120_000,
    });
    expect(await fetchSource({ url: "https://a.example.org/503" }, o)).toMatchObject({
      kind: "throttled",
      retryAfterMs: 3_600_000,
    });
    expect(await fetchSource({ url: "https://a.example.org/404" }, o)).toMatchObject({
      kind: "failed",
      status: 404,
      failure: "http-404",
      error: "http-404: the server answered HTTP 404",
    });
    expect(await fetchSource({ url: "https://a.example.org/none" }, o)).toMatchObject({
      kind: "failed",
      failure: "connect",
      error: "connect: the connection was refused or lost before an answer (a.example.org)",
    });
  });

  describe("names a failure a person can act on", () => {
    /** workerd's words for a failed DNS lookup or TLS handshake, and for a refused connection. */
    const opaque = () => new Error("internal error; reference = 0123456789abcdefghijklmn");
    const lost = () => new Error("Network connection lost.");
    const nodeError = (code: string) => new TypeError("fetch failed", { cause: { code } });

    async function failureFor(url: string, fake: (url: string) => Response): Promise<unknown> {
      const o = {
        ...options({}),
        fetch: (async (input: RequestInfo | URL) => fake(String(input))) as typeof fetch,
      };
      const out = await fetchSource({ url }, o);
      return out.kind === "failed" ? [out.failure, out.error] : out.kind;
    }

    it.each([
      [
        "workerd, plain http, opaque",
        "http://a.example.org/feed",
        () => {
          throw opaque();
        },
        "dns",
        "dns: the host name does not resolve (a.example.org)",
      ],
      [
        "workerd, https, the name does not resolve for the plain-HTTP probe either",
        "https://a.example.org/feed",
        () => {
          throw opaque();
        },
        "dns",
        "dns: the host name does not resolve (a.example.org)",
      ],
      [
        "Node, ENOTFOUND",
        "https://a.example.org/feed",
        () => {
          throw nodeError("ENOTFOUND");
        },
        "dns",
        "dns: the host name does not resolve (ENOTFOUND) (a.example.org)",
      ],
      [
        "Node, ECONNREFUSED",
        "https://a.example.org/feed",
        () => {
          throw nodeError("ECONNREFUSED");
        },
        "connect",
        "connect: the connection failed (ECONNREFUSED) (a.example.org)",
      ],
      [
        "Node, a bad certificate",
        "https://a.example.org/feed",
        () => {
          throw nodeError("CERT_HAS_EXPIRED");
        },
        "tls",
        "tls: the TLS handshake failed (CERT_HAS_EXPIRED) (a.example.org)",
      ],
    ])("%s", async (_name, url, fake, failure, error) => {
      expect(await failureFor(url, fake)).toEqual([failure, error]);
    });

    it("workerd, https: the host answers plain HTTP on the same port, so the handshake failed", async () => {
      const probed: string[] = [];
      const out = await failureFor("https://a.example.org:8443/feed", (url) => {
        probed.push(url);
        if (url.startsWith("https:")) throw opaque();
        throw lost();
      });
      expect(out).toEqual([
        "tls",
        "tls: the TLS handshake failed (the host answers, but not with a valid certificate over TLS) (a.example.org:8443)",
      ]);
      expect(probed).toEqual(["https://a.example.org:8443/feed", "http://a.example.org:8443/feed"]);
    });
  });

  it("times out a body that stalls", async () => {
    const stalled = new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode("<rss>")) });
    const out = await fetchSource(
      { url: "https://a.example.org/feed" },
      { ...options({ "https://a.example.org/feed": () => new Response(stalled) }), timeoutMs: 50 },
    );
    expect(out).toMatchObject({ kind: "failed", error: expect.stringContaining("timeout") });
  });
});

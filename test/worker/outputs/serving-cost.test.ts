import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../../src/index";
import { countedGet, ingestStories, ORIGIN } from "./support";

const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/** GET through the Worker as it answers, bytes unread by any client (a gzip body stays gzip). */
async function rawGet(
  path: string,
  headers: Record<string, string>,
  cf?: Record<string, string>,
  method = "GET",
): Promise<{ res: Response; bytes: Uint8Array }> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${ORIGIN}${path}`, { method, headers, cf }), env, ctx);
  const bytes = new Uint8Array(await res.arrayBuffer());
  await waitOnExecutionContext(ctx);
  return { res, bytes };
}

async function gunzip(bytes: Uint8Array): Promise<string> {
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
}

describe("serving the default feeds", () => {
  it("costs one KV read on a cache miss, none on a hit, and never a list", async () => {
    await ingestStories("harbour.example", 3);
    for (const path of ["/feed.json", "/feed.xml", "/feed.atom", "/"]) {
      const miss = await countedGet(path);
      expect(miss.res.status).toBe(200);
      expect(miss.res.headers.get("X-Feedfold-Cache")).toBe("miss");
      expect(miss.counts).toEqual({ reads: 1, lists: 0, writes: 0 });

      const hit = await countedGet(path);
      expect(hit.res.headers.get("X-Feedfold-Cache")).toBe("hit");
      expect(hit.counts).toEqual({ reads: 0, lists: 0, writes: 0 });
      expect(hit.body).toBe(miss.body);
      expect(hit.res.headers.get("ETag")).toBe(miss.res.headers.get("ETag"));
      expect(hit.res.headers.get("Cache-Control")).toBe("public, max-age=60");
      expect(hit.res.headers.get("Content-Type")).toBe(miss.res.headers.get("Content-Type"));

      const notModified = await countedGet(path, { "If-None-Match": miss.res.headers.get("ETag")! });
      expect(notModified.res.status).toBe(304);
      expect(notModified.body).toBe("");
      expect(notModified.counts.reads).toBe(0);
    }
  });

  it("shows a new publish at once: the fold index drops the cached feeds it replaced", async () => {
    await ingestStories("harbour.example", 2);
    const before = await countedGet("/feed.json");
    expect((await countedGet("/feed.json")).res.headers.get("X-Feedfold-Cache")).toBe("hit");
    await ingestStories("harbour.example", 1, { from: 10 });
    const after = await countedGet("/feed.json");
    expect(after.res.headers.get("X-Feedfold-Cache")).toBe("miss");
    expect(after.counts.reads).toBe(1);
    expect(JSON.parse(after.body).items).toHaveLength(3);
    expect(after.res.headers.get("ETag")).not.toBe(before.res.headers.get("ETag"));
  });

  it("serves filtered views from the fold index without reading KV", async () => {
    await ingestStories("harbour.example", 3);
    for (const path of ["/feed.json?limit=2", "/feed.xml?q=story", "/feed.atom?source=0123456789abcdef"]) {
      const view = await countedGet(path);
      expect(view.res.status).toBe(200);
      expect(view.res.headers.get("X-Feedfold-Cache")).toBeNull();
      expect(view.counts).toEqual({ reads: 0, lists: 0, writes: 0 });
      const again = await countedGet(path, { "If-None-Match": view.res.headers.get("ETag")! });
      expect(again.res.status).toBe(304);
    }
  });

  it("sends the cached RSS feed, its page and the HTML page gzip-compressed once, where the edge would compress them", async () => {
    await ingestStories("harbour.example", 3);
    const cases: Array<[string, Record<string, string>, boolean]> = [
      ["/feed.xml", {}, true],
      ["/feed.xml", { Accept: BROWSER }, true],
      ["/", {}, true],
      ["/feed.atom", {}, false],
      ["/feed.json", {}, false],
    ];
    for (const [path, headers, gzip] of cases) {
      const miss = await countedGet(path, headers);
      expect(miss.res.headers.get("X-Feedfold-Cache")).toBe("miss");

      const reader = await rawGet(path, { ...headers, "Accept-Encoding": "gzip, deflate" });
      expect(reader.res.headers.get("X-Feedfold-Cache")).toBe("hit");
      expect(reader.res.headers.get("Content-Type")).toBe(miss.res.headers.get("Content-Type"));
      if (gzip) {
        // Other bytes than the identity answer's: the same validator, weak (RFC 9110 §8.8.1).
        expect(reader.res.headers.get("ETag")).toBe(`W/${miss.res.headers.get("ETag")}`);
        expect(reader.res.headers.get("Content-Encoding")).toBe("gzip");
        expect(reader.res.headers.get("Vary") ?? "").toMatch(/(^|, )Accept-Encoding$/);
        expect(reader.bytes.length).toBeLessThan(new TextEncoder().encode(miss.body).length / 2);
        expect(await gunzip(reader.bytes)).toBe(miss.body);
      } else {
        expect(reader.res.headers.get("ETag")).toBe(miss.res.headers.get("ETag"));
        expect(reader.res.headers.get("Content-Encoding")).toBeNull();
        expect(new TextDecoder().decode(reader.bytes)).toBe(miss.body);
      }

      // Cloudflare rewrites the header the Worker sees and keeps the client's own in cf: a client
      // that takes no gzip gets the document itself.
      const plain = await rawGet(
        path,
        { ...headers, "Accept-Encoding": "br, gzip" },
        { clientAcceptEncoding: "" },
      );
      expect(plain.res.headers.get("X-Feedfold-Cache")).toBe("hit");
      expect(plain.res.headers.get("Content-Encoding")).toBeNull();
      expect(plain.res.headers.get("ETag")).toBe(miss.res.headers.get("ETag"));
      expect(plain.res.headers.get("Vary") ?? "").toMatch(
        gzip ? /(^|, )Accept-Encoding$/ : /^(?!.*Accept-Encoding)/,
      );
      expect(new TextDecoder().decode(plain.bytes)).toBe(miss.body);

      const head = await rawGet(path, { ...headers, "Accept-Encoding": "gzip" }, undefined, "HEAD");
      expect(head.res.status).toBe(200);
      expect(head.res.headers.get("Content-Encoding")).toBe(gzip ? "gzip" : null);
      expect(head.bytes.length).toBe(0);

      const notModified = await rawGet(path, {
        ...headers,
        "Accept-Encoding": "gzip",
        "If-None-Match": miss.res.headers.get("ETag")!,
      });
      expect(notModified.res.status).toBe(304);
      expect(notModified.bytes.length).toBe(0);
      expect(notModified.res.headers.get("Vary") ?? "").toMatch(
        gzip ? /(^|, )Accept-Encoding$/ : /^(?!.*Accept-Encoding)/,
      );
      // A reader that stored the weak validator of a gzip answer gets its 304 too.
      const weak = await rawGet(path, {
        ...headers,
        "Accept-Encoding": "gzip",
        "If-None-Match": `W/${miss.res.headers.get("ETag")}`,
      });
      expect(weak.res.status).toBe(304);
    }
  });

  it("keys its entries apart from the previous version's, which read a stored body as text, and purges both", async () => {
    await ingestStories("harbour.example", 2);
    // An entry of the previous version's format under its key: never served by this version.
    const legacy = `${ORIGIN}/feed.xml`;
    await caches.default.put(
      legacy,
      new Response("<rss>an old entry</rss>", {
        headers: {
          ETag: '"old"',
          "Last-Modified": new Date(0).toUTCString(),
          "Cache-Control": "max-age=600",
        },
      }),
    );
    await countedGet("/feed.xml", {});
    const hit = await rawGet("/feed.xml", { "Accept-Encoding": "gzip" });
    expect(hit.res.headers.get("X-Feedfold-Cache")).toBe("hit");
    expect(hit.res.headers.get("ETag")).not.toContain('"old"');
    expect(await gunzip(hit.bytes)).toContain("<rss");
    // A publish that changes the feed purges the old version's key along with this version's.
    expect(await caches.default.match(legacy)).toBeDefined();
    await ingestStories("quay.example", 1);
    expect(await caches.default.match(legacy)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { countedGet, ingestStories } from "./support";

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
});

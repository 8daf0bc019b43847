/** One condition, one code: an empty body is `empty` (400) on every route that takes a body. */

import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { TOKEN } from "../support/client";

describe("an empty body", () => {
  it.each([
    ["/ingest?source=https://example.org/feed.xml", "application/rss+xml"],
    ["/preview?source=https://example.org/feed.xml", "application/rss+xml"],
    ["/sources.opml", "text/x-opml"],
    ["/sources", "application/json"],
    ["/items/0123456789abcdef0123/split", "application/json"],
  ])("POST %s answers 400 empty", async (path, contentType) => {
    for (const body of ["", "  \n"]) {
      const res = await exports.default.fetch(`http://feedfold.test${path}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": contentType },
        body,
      });
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { error: string; detail: string };
      expect(answer.error).toBe("empty");
      expect(answer.detail).toMatch(/^The body is empty; send /);
    }
  });
});

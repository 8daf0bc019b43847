import { describe, expect, it } from "vitest";
import { FeedParseError } from "../../../src/feed/feed-parse-error";
import { parseFeed } from "../../../src/feed/parse-feed";
import { countSteps } from "../fuzz/work-counter";

function parseError(body: string | Uint8Array, options?: Parameters<typeof parseFeed>[1]): FeedParseError {
  try {
    parseFeed(body, options);
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw error;
  }
  throw new Error("parseFeed did not throw");
}

const tinyRss =
  '<rss version="2.0"><channel><title>Bakery</title><item><title>Buns</title></item></channel></rss>';

describe("format detection", () => {
  it("goes by the bytes, not the Content-Type", () => {
    expect(parseFeed(tinyRss, { contentType: "application/json" }).format).toBe("rss2.0");
    const json = JSON.stringify({ version: "https://jsonfeed.org/version/1.1", title: "T", items: [] });
    expect(parseFeed(json, { contentType: "application/rss+xml" }).format).toBe("json1.1");
  });

  it("skips a BOM, whitespace, comments and the XML declaration", () => {
    const body = `\uFEFF\n  <?xml version="1.0"?>\n<!-- generated -->\n<?xml-stylesheet href="s.xsl"?>\n${tinyRss}`;
    expect(parseFeed(body).items.map((i) => i.title)).toEqual(["Buns"]);
    const bytes = new TextEncoder().encode(`\uFEFF${tinyRss}`);
    expect(parseFeed(bytes).title).toBe("Bakery");
  });

  it("keeps items in document order", () => {
    const items = Array.from({ length: 30 }, (_, i) => `<item><title>n${i}</title></item>`).join("");
    const feed = parseFeed(`<rss version="2.0"><channel>${items}</channel></rss>`);
    expect(feed.items.map((i) => i.title)).toEqual(Array.from({ length: 30 }, (_, i) => `n${i}`));
  });

  it("accepts an empty channel and a feed with no items", () => {
    expect(parseFeed("<rss version='2.0'/>").items).toEqual([]);
    expect(parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>').items).toEqual([]);
  });
});

describe("lenient recovery", () => {
  it("tolerates bare ampersands, unescaped HTML with void elements and odd entity names", () => {
    const feed = parseFeed(
      '<rss version="2.0"><channel><title>Bread & Butter &constructor;</title><item><title>Tom & Jo</title>' +
        "<link>https://crumb.example/?a=1&b=2</link><description><p>Line<br>two</p></description></item></channel></rss>",
    );
    expect(feed.title).toBe("Bread & Butter &constructor;");
    expect(feed.items[0]).toMatchObject({
      title: "Tom & Jo",
      url: "https://crumb.example/?a=1&b=2",
      contentHtml: "<p>Line<br>two</p>",
    });
  });
});

describe("hopeless input", () => {
  it.each([
    ["an empty body", "", "empty"],
    ["whitespace only", " \n\t ", "empty"],
    ["empty bytes", new Uint8Array(0), "empty"],
    [
      "an HTML page",
      "<!DOCTYPE html><html><head><title>Bakery</title></head><body><p>Hi</p></body></html>",
      "not-a-feed",
    ],
    ["an HTML page without doctype", "<html lang='en'><body>x</body></html>", "not-a-feed"],
    ["plain text", "Bread is ready.", "not-a-feed"],
    [
      "random bytes",
      new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256)),
      "not-a-feed",
    ],
    ["truncated XML", `<rss version="2.0"><channel><title>T</title><item><title>Bu`, "malformed"],
    ["mismatched tags", "<rss><channel><title>T</chanel></rss>", "malformed"],
    ["broken JSON", '{"version": "https://jsonfeed.org/version/1.1", "items": [', "malformed"],
    ["JSON that is not a feed", '{"name": "bakery"}', "unsupported-format"],
    ["another XML vocabulary", '<opml version="2.0"><body/></opml>', "unsupported-format"],
  ])("rejects %s", (_, body, code) => {
    const error = parseError(body);
    expect(error.code).toBe(code);
    expect(error.detail.length).toBeGreaterThan(10);
  });

  it("refuses bodies over maxBytes before parsing", () => {
    expect(parseError(tinyRss, { maxBytes: 20 }).code).toBe("too-large");
    expect(parseError(new Uint8Array(6 * 1024 * 1024)).code).toBe("too-large");
  });

  it("does not expand a billion-laughs document, and its work is bounded", () => {
    const levels = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
    ).join("");
    const body = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">${levels}]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>a &lol9; b</title><description>&lol5;</description></item></channel></rss>`;
    let feed: ReturnType<typeof parseFeed> | undefined;
    try {
      feed = parseFeed(body);
    } catch (error) {
      expect(error).toBeInstanceOf(FeedParseError);
    }
    if (feed) expect(JSON.stringify(feed).length).toBeLessThan(10_000);
    // Counted, not timed: &lol9; names 10^9 characters; the work stays within a few times the
    // 1 MB expansion cap whether the parser refuses the document or keeps the references as text.
    expect(countSteps(parseFeed, body)).toBeLessThan(4_000_000);
  });

  it("guards against deep nesting", () => {
    const deep = `<rss><channel>${"<x>".repeat(5000)}${"</x>".repeat(5000)}</channel></rss>`;
    expect(parseError(deep).code).toBe("malformed");
  });
});

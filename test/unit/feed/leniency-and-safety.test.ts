import { describe, expect, it } from "vitest";
import { FeedParseError, parseFeed } from "../../../src/feed/parse-feed";

function parseError(body: string | Uint8Array, options?: { maxBytes?: number }): FeedParseError {
  try {
    parseFeed(body, options);
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw error;
  }
  throw new Error("parsed without an error");
}

const rss = (inner: string, prolog = "") =>
  `${prolog}<rss version="2.0"><channel><title>T</title>${inner}</channel></rss>`;

describe("ill-formed but usable input", () => {
  it("reads an undeclared HTML entity and warns", () => {
    const feed = parseFeed(rss("<item><title>caf&eacute; &NotEqualTilde;</title></item>"));
    expect(feed.items[0]?.title).toBe("café \u2242\u0338");
    expect(feed.warnings.join()).toMatch(/&eacute;/);
  });

  it("never resolves names through the prototype chain", () => {
    const feed = parseFeed(rss("<item><title>&constructor; &toString; &__proto__;</title></item>"));
    expect(feed.items[0]?.title).toBe("&constructor; &toString; &__proto__;");
  });

  it("keeps HTML 4's code points for &lang; and &rang;", () => {
    expect(parseFeed(rss("<item><title>&lang;x&rang;</title></item>")).items[0]?.title).toBe("\u2329x\u232a");
  });

  it("expands an entity declared in the internal subset", () => {
    const doc = `<!DOCTYPE rss [<!ENTITY site "tag:example.org,">]>${rss("<item><guid isPermaLink='false'>&site;2026:1</guid></item>")}`;
    expect(parseFeed(doc).items[0]?.id).toBe("tag:example.org,2026:1");
  });

  it("reads a feed whose declared UTF-8 is really windows-1252, and says so", () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('<?xml version="1.0" encoding="utf-8"?><rss><channel><item><title>caf'),
      0xe9,
      ...new TextEncoder().encode("</title></item></channel></rss>"),
    ]);
    const feed = parseFeed(bytes);
    expect(feed.items[0]?.title).toBe("café");
    expect(feed.warnings.join()).toMatch(/not UTF-8/);
  });
});

describe("hopeless input", () => {
  it.each([
    ["an HTML page", "<!doctype html><html><body>hi</body></html>", "not-a-feed"],
    ["plain text", "just words", "not-a-feed"],
    ["an unknown root", "<note><to>x</to></note>", "unsupported-format"],
    ["a truncated feed without items", '<rss version="2.0"><channel><title>T</title>', "no-items"],
    [
      "JSON items that are not objects",
      '{"version":"https://jsonfeed.org/version/1.1","items":[1,2]}',
      "no-items",
    ],
    [
      "mismatched markup that no repair fixes",
      "<rss><channel><title>T</title></channel></rss></rss></x>",
      undefined,
    ],
  ])("%s", (_name, body, code) => {
    let error: FeedParseError | undefined;
    try {
      parseFeed(body);
    } catch (e) {
      error = e as FeedParseError;
    }
    if (code === undefined) {
      // Either read or refused, never anything else.
      expect(error === undefined || error instanceof FeedParseError).toBe(true);
      return;
    }
    expect(error).toBeInstanceOf(FeedParseError);
    expect(error?.code).toBe(code);
    expect(error?.detail.length).toBeGreaterThan(20);
  });
});

describe("safety limits", () => {
  it("refuses to build a billion laughs: nested declarations are dropped, not expanded", () => {
    const lol = [`<!ENTITY lol0 "lol">`];
    for (let i = 1; i < 10; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const feed = parseFeed(`<!DOCTYPE rss [${lol.join("")}]>${rss("<item><title>&lol9;</title></item>")}`);
    expect(feed.items[0]?.title).toBe("&lol9;");
  });

  it("never reads an external entity", () => {
    const doc = `<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${rss("<item><title>&xxe;</title></item>")}`;
    const feed = parseFeed(doc);
    expect(feed.items[0]?.title).toBe("&xxe;");
    expect(feed.warnings.join()).toMatch(/DOCTYPE was refused/);
  });

  it("caps the total expansion of declared entities", () => {
    const big = "x".repeat(1000);
    const doc = `<!DOCTYPE rss [<!ENTITY big "${big}">]>${rss(`<item><guid>${"&big;".repeat(1200)}</guid></item>`)}`;
    expect(parseError(doc).detail).toMatch(/expand to more than/);
  });

  it("refuses deep nesting", () => {
    const deep = `${"<x>".repeat(200)}${"</x>".repeat(200)}`;
    expect(parseError(rss(`<item><title>t</title>${deep}</item>`)).code).toBe("malformed");
  });

  it("refuses an element with too many attributes", () => {
    const attrs = Array.from({ length: 300 }, (_, i) => `a${i}="1"`).join(" ");
    expect(parseError(rss(`<item ${attrs}><title>t</title></item>`)).detail).toMatch(/attributes/);
  });

  it("refuses bodies over the size cap (5 MB by default)", () => {
    expect(parseError(new Uint8Array(5 * 1024 * 1024 + 1)).code).toBe("too-large");
    expect(parseError(rss("<item><title>t</title></item>"), { maxBytes: 20 }).code).toBe("too-large");
  });
});

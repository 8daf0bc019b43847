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
  const laughs = (levels: number): string => {
    const lol = [`<!ENTITY lol0 "lol">`];
    for (let i = 1; i <= levels; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    return `<!DOCTYPE rss [${lol.join("")}]>`;
  };

  it("refuses a billion laughs (&lol9; is 3e9 characters) as entity-expansion", () => {
    const error = parseError(`${laughs(9)}${rss("<item><title>&lol9;</title></item>")}`);
    expect(error.code).toBe("entity-expansion");
    expect(error.detail).toMatch(/more than 1048576 characters/);
  });

  it("refuses a small document whose entities amplify it more than five times past 64 KiB", () => {
    // &lol4; is 30,000 characters and costs 252,220 with libxml2's 20 per reference (nested ones too).
    const error = parseError(`${laughs(4)}${rss("<item><title>&lol4;</title></item>")}`);
    expect(error.code).toBe("entity-expansion");
    expect(error.detail).toMatch(/5 times the document/);
  });

  it("accepts nested entities that expand modestly", () => {
    const feed = parseFeed(
      `${laughs(2)}${rss("<item><title>&lol2; and &lol1;</title><guid>n</guid></item>")}`,
    );
    expect(feed.items).toHaveLength(1);
  });

  it("refuses an entity that refers to itself", () => {
    const doc = `<!DOCTYPE rss [<!ENTITY a "&b;"><!ENTITY b "x&a;">]>${rss("<item><title>&a;</title></item>")}`;
    expect(parseError(doc).code).toBe("entity-expansion");
  });

  it("refuses a reference to an external entity, and never reads it", () => {
    const doc = `<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${rss("<item><title>&xxe;</title></item>")}`;
    const error = parseError(doc);
    expect(error.code).toBe("external-entity");
    expect(error.detail).toContain("file:///etc/passwd");
  });

  it("refuses a reference to an external entity through an internal one, or a PUBLIC one", () => {
    const via = `<!DOCTYPE rss [<!ENTITY xxe SYSTEM "http://127.0.0.1/x"><!ENTITY wrap "a &xxe; b">]>`;
    expect(parseError(`${via}${rss("<item><title>&wrap;</title></item>")}`).code).toBe("external-entity");
    const pub = `<!DOCTYPE rss [<!ENTITY p PUBLIC "-//X//EN" "http://127.0.0.1/p">]>`;
    expect(parseError(`${pub}${rss("<item><title>t</title><guid>&p;</guid></item>")}`).code).toBe(
      "external-entity",
    );
  });

  it("refuses an external parameter entity referred to in the DOCTYPE", () => {
    const doc = `<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://127.0.0.1/evil.dtd"> %remote;]>${rss("<item><title>t</title></item>")}`;
    expect(parseError(doc).code).toBe("external-entity");
  });

  it("accepts an external entity that is declared but never referred to, with a warning", () => {
    const doc = `<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${rss("<item><title>plain</title></item>")}`;
    const feed = parseFeed(doc);
    expect(feed.items[0]?.title).toBe("plain");
    expect(feed.warnings.join()).toMatch(/DOCTYPE was refused/);
  });

  it("accepts a DOCTYPE that only names an external DTD", () => {
    const netscape = `<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">`;
    expect(parseFeed(rss("<item><title>&eacute;t&eacute;</title></item>", netscape)).items[0]?.title).toBe(
      "été",
    );
  });

  it("caps the total expansion of declared entities", () => {
    const big = "x".repeat(1000);
    const doc = `<!DOCTYPE rss [<!ENTITY big "${big}">]>${rss(`<item><guid>${"&big;".repeat(1200)}</guid></item>`)}`;
    expect(parseError(doc).code).toBe("entity-expansion");
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

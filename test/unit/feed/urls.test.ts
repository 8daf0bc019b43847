import { describe, expect, it } from "vitest";
import { canonicalUrl, resolveUrl } from "../../../src/feed/urls";

describe("resolveUrl", () => {
  it("resolves relative, protocol-relative and padded links", () => {
    expect(resolveUrl("../b/c", "https://x.example/a/d/e")).toBe("https://x.example/a/b/c");
    expect(resolveUrl("  /p\n  ", "https://x.example/a/")).toBe("https://x.example/p");
    expect(resolveUrl("//cdn.example/i.png", "http://x.example/")).toBe("http://cdn.example/i.png");
    expect(resolveUrl("//cdn.example/i.png")).toBe("https://cdn.example/i.png");
    expect(resolveUrl("https://a.example/x")).toBe("https://a.example/x");
  });

  it("returns undefined when there is nothing to resolve", () => {
    expect(resolveUrl("relative/only")).toBeUndefined();
    expect(resolveUrl("")).toBeUndefined();
    expect(resolveUrl(undefined, "https://x.example/")).toBeUndefined();
    expect(resolveUrl("http://[bad")).toBeUndefined();
  });
});

describe("canonicalUrl", () => {
  it.each([
    ["HTTPS://Example.COM:443/Path?b=2&a=1#frag", "https://example.com/Path?a=1&b=2"],
    ["http://example.com:80/", "http://example.com/"],
    ["http://example.com:8080/x", "http://example.com:8080/x"],
    ["https://example.com/a?utm_source=rss&utm_medium=feed&id=7", "https://example.com/a?id=7"],
    [
      "https://example.com/a?fbclid=1&gclid=2&dclid=3&msclkid=4&mc_cid=5&mc_eid=6&igshid=7&_hsenc=8&_hsmi=9&yclid=10&ref_src=11",
      "https://example.com/a",
    ],
    ["https://example.com/a?", "https://example.com/a"],
    ["https://example.com/a?maca=en-rss&UTM_Campaign=x", "https://example.com/a?maca=en-rss"],
  ])("%s → %s", (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it.each([
    "mailto:a@example.com",
    "tag:example.com,2022:1",
    "ftp://example.com/f",
    "not a url",
    "javascript:alert(1)",
  ])("rejects %s", (input) => {
    expect(canonicalUrl(input)).toBeUndefined();
  });
});

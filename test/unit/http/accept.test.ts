import { describe, expect, it } from "vitest";
import { parseAccept, prefersHtml, qualityOf, XML_FEED_TYPES } from "../../../src/http/accept";

// The headers as the clients send them (from their sources), or as the HTTP libraries they use do.
const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const BROWSER_WITH_IMAGES =
  "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
const FEEDPARSER =
  "application/atom+xml,application/rdf+xml,application/rss+xml,application/x-netcdf,application/xml;q=0.9,text/xml;q=0.2,*/*;q=0.1";
const SIMPLEPIE =
  "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.7, unknown/unknown;q=0.1, application/unknown;q=0.1, */*;q=0.1";
const MINIFLUX =
  "application/xml, application/atom+xml, application/rss+xml, application/rdf+xml, application/feed+json, text/html, */*;q=0.9";

describe("parseAccept", () => {
  it("reads types, subtypes and weights, case-insensitively, skipping malformed members", () => {
    expect(parseAccept("Text/HTML;level=1;q=0.5, */*;Q=0.1, bad, a/b/c, */html, x/y;q=2, x/z;q=")).toEqual([
      { type: "text", subtype: "html", q: 0.5 },
      { type: "*", subtype: "*", q: 0.1 },
    ]);
    expect(parseAccept(undefined)).toEqual([]);
    expect(parseAccept("")).toEqual([]);
  });
});

describe("qualityOf", () => {
  it("takes the most specific matching range, whatever its order", () => {
    const ranges = parseAccept("*/*;q=0.8, application/*;q=0.5, application/xml;q=0.9");
    expect(qualityOf(ranges, "application/xml")).toBe(0.9);
    expect(qualityOf(ranges, "application/rss+xml")).toBe(0.5);
    expect(qualityOf(ranges, "text/html")).toBe(0.8);
    expect(qualityOf(parseAccept("application/rss+xml"), "text/html")).toBe(0);
  });
});

describe("prefersHtml", () => {
  it.each([
    ["a browser navigating", BROWSER],
    ["a browser navigating (Chromium, with image types)", BROWSER_WITH_IMAGES],
    ["a page-only client", "text/html"],
    ["HTML first, feed types lower", "text/html, application/rss+xml;q=0.5"],
  ])("true for %s", (_, accept) => {
    expect(prefersHtml(accept, XML_FEED_TYPES)).toBe(true);
  });

  it.each([
    ["no header", undefined],
    ["an empty header", ""],
    ["*/*", "*/*"],
    ["the feed's own type", "application/rss+xml"],
    ["feedparser", FEEDPARSER],
    ["SimplePie", SIMPLEPIE],
    ["Miniflux (text/html at the feeds' weight)", MINIFLUX],
    ["XML over HTML", "application/xml, text/html;q=0.9"],
    ["HTML refused", "text/html;q=0, */*"],
    ["a tie", "text/html, */*"],
  ])("false for %s", (_, accept) => {
    expect(prefersHtml(accept, XML_FEED_TYPES)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { discoverFeeds, looksLikeHtml } from "../../../src/sources/discover-feed";

describe("feed autodiscovery", () => {
  it("finds RSS, Atom and JSON Feed links, resolved against the page and <base>", () => {
    const html = `<!doctype html><html><head>
      <base href="https://www.example.org/blog/">
      <link rel="stylesheet" href="/s.css">
      <link rel="alternate" type="application/rss+xml" title="Posts &amp; notes" href="feed.xml">
      <link type='application/atom+xml' rel='alternate home' href='/atom'>
      <link rel="alternate" type="application/feed+json" href="https://cdn.example.org/feed.json">
      <link rel="alternate" hreflang="de" href="/de/">
      <link rel="alternate" type="application/rss+xml" href="feed.xml">
    </head><body></body></html>`;
    expect(discoverFeeds(html, "https://www.example.org/blog/post")).toEqual([
      { url: "https://www.example.org/blog/feed.xml", type: "application/rss+xml", title: "Posts & notes" },
      { url: "https://www.example.org/atom", type: "application/atom+xml", title: undefined },
      { url: "https://cdn.example.org/feed.json", type: "application/feed+json", title: undefined },
    ]);
  });

  it("finds nothing on a page without feed links", () => {
    expect(discoverFeeds("<html><head><title>x</title></head></html>", "https://example.org/")).toEqual([]);
  });

  it("tells HTML pages from feeds", () => {
    expect(looksLikeHtml("<!DOCTYPE html><html>", undefined)).toBe(true);
    expect(looksLikeHtml("\uFEFF  <html lang=en>", undefined)).toBe(true);
    expect(looksLikeHtml('<?xml version="1.0"?><rss version="2.0">', "text/html")).toBe(false);
    expect(looksLikeHtml("<p>hello</p>", "text/html; charset=utf-8")).toBe(true);
    expect(looksLikeHtml('<?xml version="1.0"?><feed>', "application/xml")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { get, ingest } from "../support/client";
import { orchardRepostAtom, orchardRss } from "../support/documents";

describe("GET /", () => {
  it("shows the stories, the copies as 'Also in', the feeds and the sources seen", async () => {
    await ingest(orchardRss(), { source: "https://weaver.example.org/feed.xml" });
    await ingest(orchardRepostAtom(), { contentType: "application/atom+xml" });
    const res = await get("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain("Weaver Street orchard to be replanted after disease");
    expect(html).toMatch(
      /Also in: <a href="https:\/\/riverside-reposts\.example\.net\/2026\/11\/orchard\.html">Riverside Reposts<\/a>/,
    );
    for (const type of ["application/rss+xml", "application/atom+xml", "application/feed+json"]) {
      expect(html).toContain(`<link rel="alternate" type="${type}"`);
    }
    expect(html).toContain('<h2 id="sources-heading">Sources</h2>');
    expect(html).toMatch(/Riverside Reposts<\/a><span class="status"> — pushed<\/span>/);
    expect(html).toMatch(/href="http:\/\/feedfold\.test\/sources\/[0-9a-f]{16}\/feed\.xml"/);
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain("unsafe-inline");
  });
});

describe("what a browser needs around the feeds", () => {
  it("serves /feed.xsl and /favicon.svg", async () => {
    const xsl = await get("/feed.xsl");
    expect(xsl.status).toBe(200);
    expect(xsl.headers.get("Content-Type")).toBe("text/xsl; charset=utf-8");
    expect(await xsl.text()).toContain("<xsl:stylesheet");
    const icon = await get("/favicon.svg");
    expect(icon.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
  });

  it("lets the XSLT preview of RSS and Atom run, with its one style, and nothing else", async () => {
    await ingest(orchardRss(), { source: "https://weaver.example.org/feed.xml" });
    for (const path of ["/feed.xml", "/feed.atom"]) {
      const res = await get(path);
      expect((await res.text()).split("\n")[1]).toBe('<?xml-stylesheet type="text/xsl" href="/feed.xsl"?>');
      const csp = res.headers.get("Content-Security-Policy") ?? "";
      expect(csp).toMatch(/^default-src 'none'; script-src 'self'; style-src 'sha256-/);
      expect(res.headers.get("Vary")).toBe("Accept, Sec-Fetch-Dest");
      // A browser's navigation gets the same bytes as XML, which it parses and transforms.
      const opened = await get(path, { "Sec-Fetch-Dest": "document" });
      expect(opened.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
      expect(opened.headers.get("ETag")).toBe(res.headers.get("ETag"));
    }
  });
});

import { describe, expect, it } from "vitest";
import { renderHtmlPage } from "../../../src/render/html-page";
import type { Story } from "../../../src/story";
import { FOLDED, HOSTILE, makeMeta, STORIES } from "./fixture-stories";

const SOURCES = [
  {
    id: "src-lakeside",
    title: "Lakeside Courier",
    url: "https://lakeside-courier.example/feed/",
    status: "ok",
  },
  { id: "src-bad", url: "https://broken.example/rss", status: "error: 404 <gone>" },
];

describe("renderHtmlPage", () => {
  const html = renderHtmlPage(STORIES, makeMeta(), SOURCES);

  it("is a complete HTML5 document with header, main and footer landmarks", () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toMatch(/<header>[\s\S]*<\/header>\s*<main>[\s\S]*<\/main>\s*<footer>[\s\S]*<\/footer>/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toContain("prefers-color-scheme: dark");
    expect(html).not.toMatch(/<script[\s>]/);
  });

  it("announces the three feeds as alternates", () => {
    expect(html).toContain(
      '<link rel="alternate" type="application/rss+xml" title="Folded News (RSS)" href="https://folded.example/feed.xml"/>',
    );
    expect(html).toContain(
      'type="application/atom+xml" title="Folded News (Atom)" href="https://folded.example/feed.atom"',
    );
    expect(html).toContain(
      'type="application/feed+json" title="Folded News (JSON Feed)" href="https://folded.example/feed.json"',
    );
  });

  it("shows each story linked, dated, with its source and an excerpt", () => {
    expect(html).toContain(
      '<h3><a href="https://lakeside-courier.example/news/ferry-winter">Harbour ferry moves to a winter timetable</a></h3>',
    );
    expect(html).toContain('<time datetime="2024-10-20T08:15:00Z">20 Oct 2024, 08:15 UTC</time>');
    expect(html).toContain('<a href="https://lakeside-courier.example/">Lakeside Courier</a>');
    expect(html).toContain("The harbour ferry will run every forty minutes");
    expect(html.match(/<article>/g)).toHaveLength(3);
  });

  it("lists the other copies as 'Also in'", () => {
    expect(html).toContain(
      'Also in: <a href="https://valley-digest.example/2024/10/ferry.html">Valley Digest</a></p>',
    );
    // Single-copy stories have no "Also in" line.
    expect(html.match(/Also in:/g)).toHaveLength(1);
  });

  it("escapes a title containing <script> and drops forbidden characters", () => {
    expect(html).toContain(
      "Escaping notes: a &lt; b &amp; c  &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</a>",
    );
    expect(html).not.toContain("<script>alert");
    expect(html).not.toMatch(/[\u0001\uFFFE]/);
  });

  it("lists sources with their status, escaped", () => {
    expect(html).toContain('<h2 id="sources-heading">Sources</h2>');
    expect(html).toContain('<a href="https://lakeside-courier.example/feed/">Lakeside Courier</a>');
    expect(html).toContain('<a href="https://broken.example/rss">https://broken.example/rss</a>');
    expect(html).toContain("error: 404 &lt;gone&gt;");
  });

  it("leaves the sources section out when no sources are given", () => {
    expect(renderHtmlPage(STORIES, makeMeta())).not.toContain("sources-heading");
  });

  it("never turns a javascript: URL from a feed into a link", () => {
    const evil: Story = {
      ...HOSTILE,
      url: "javascript:alert(1)",
      copies: [...HOSTILE.copies, { ...FOLDED.copies[1]!, url: "JavaScript:alert(2)" }],
    };
    const page = renderHtmlPage([evil], makeMeta());
    expect(page.toLowerCase()).not.toContain("javascript:");
    expect(page).toContain("Also in: <span>Valley Digest</span>");
  });

  it("truncates long bodies to a short excerpt", () => {
    const long: Story = { ...FOLDED, contentHtml: `<p>${"word ".repeat(400)}</p>` };
    const page = renderHtmlPage([long], makeMeta());
    const excerpt = /<p class="excerpt">([^<]*)<\/p>/.exec(page)?.[1] ?? "";
    expect(excerpt.length).toBeLessThanOrEqual(280);
    expect(excerpt.endsWith("word…")).toBe(true);
  });

  it("says so when there are no stories, and offers the next page when there is one", () => {
    const page = renderHtmlPage([], makeMeta({ nextUrl: "https://folded.example/?page=2" }));
    expect(page).toContain("No stories yet.");
    expect(page).toContain('<a href="https://folded.example/?page=2" rel="next">Older stories</a>');
  });
});

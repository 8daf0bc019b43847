/**
 * The XSLT that turns RSS and Atom into a readable page in a browser, checked with xsltproc
 * (libxslt, the engine of Chromium's XSLT) when it is installed, and the hooks the feeds carry.
 */
import { describe, expect, it } from "vitest";
import { renderAtom } from "../../../src/render/atom";
import { FEED_XSL } from "../../../src/render/feed-xsl";
import { renderRss } from "../../../src/render/rss";
import type { Story } from "../../../src/story";
import { FOLDED, HOSTILE, makeMeta, RICH, STORIES } from "./fixture-stories";
import { childProcess, fs, path, writeTempFile } from "./node-tools";

const hasXsltproc = fs.existsSync("/usr/bin/xsltproc");

function transform(xml: string): string {
  const xsl = writeTempFile("feed.xsl", FEED_XSL);
  const doc = writeTempFile("feed.xml", xml);
  const r = childProcess.spawnSync("/usr/bin/xsltproc", [xsl, doc], { encoding: "utf8", timeout: 30_000 });
  for (const f of [xsl, doc]) fs.rmSync(path.resolve(f, ".."), { recursive: true, force: true });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout;
}

const SNEAKY: Story = {
  ...RICH,
  id: "st-sneaky-04",
  title: "A link that must stay text",
  url: "javascript:alert(1)",
  copies: RICH.copies.map((c) => ({ ...c, url: "javascript:alert(2)" })),
};

describe("the feeds point browsers at /feed.xsl", () => {
  it("with an xml-stylesheet instruction right after the XML declaration", () => {
    const meta = makeMeta({ stylesheetUrl: "/feed.xsl" });
    for (const xml of [renderRss(STORIES, meta), renderAtom(STORIES, meta)]) {
      expect(xml.split("\n").slice(0, 2)).toEqual([
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml-stylesheet type="text/xsl" href="/feed.xsl"?>',
      ]);
    }
    expect(renderRss(STORIES, makeMeta()).split("\n")[1]).toMatch(/^<rss /);
  });
});

describe("RSS bylines", () => {
  it("names the story's authors, else the canonical source, as dc:creator", () => {
    const rss = renderRss([FOLDED, RICH], makeMeta());
    expect(rss).toContain("<dc:creator>Lakeside Courier</dc:creator>");
    expect(rss).toContain("<dc:creator>Ada Fern</dc:creator>");
    expect(rss).toContain("<dc:creator>Bo Linden</dc:creator>");
  });
});

describe.skipIf(!hasXsltproc)("/feed.xsl applied by xsltproc", () => {
  it.each([
    ["RSS", renderRss],
    ["Atom", renderAtom],
  ])("makes a readable page of the %s feed", (_name, render) => {
    const html = transform(render([FOLDED, HOSTILE, SNEAKY], makeMeta({ stylesheetUrl: "/feed.xsl" })));
    expect(html).toContain("<title>Folded News (feed)</title>");
    expect(html).toContain("This is a news feed.");
    expect(html).toContain(
      '<a href="https://lakeside-courier.example/news/ferry-winter">Harbour ferry moves to a winter timetable</a>',
    );
    expect(html).toMatch(
      /Also in:\s*<a href="https:\/\/valley-digest\.example\/2024\/10\/ferry\.html">Valley Digest<\/a>/,
    );
    expect(html).toContain("Escaping notes: a &lt; b &amp; c");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain("<span>A link that must stay text</span>");
  });
});

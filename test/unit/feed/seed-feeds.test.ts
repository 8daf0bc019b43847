import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/feed/parse-feed";

// The founding case's seed feeds live in shared/ beside the repository (design.md); they are
// read in place, never copied. The suite skips when that folder is not there.
interface NodeFs {
  existsSync(path: string): boolean;
  readFileSync(path: string): Uint8Array;
}
interface NodeProcess {
  cwd(): string;
}
const fs = (await import("node:fs" as string)) as NodeFs;
const { cwd } = (await import("node:process" as string)) as NodeProcess;
const seedDir = `${cwd()}/../shared/fixtures/seed`;

function seed(name: string) {
  return parseFeed(fs.readFileSync(`${seedDir}/${name}`));
}

describe.skipIf(!fs.existsSync(seedDir))("seed feeds", () => {
  it("reads the RDF article with its content:encoded body and dc:date", () => {
    const feed = seed("dw.rdf");
    expect(feed.format).toBe("rss1.0");
    expect(feed.items).toHaveLength(1);
    const [item] = feed.items;
    expect(item!.datePublished).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(item!.contentHtml).toContain("<p>");
    expect(item!.summary).toBeDefined();
    expect(item!.url).toMatch(/^https:\/\/www\.dw\.com\//);
  });

  it("reads the Blogger Atom feed with escaped HTML content", () => {
    const feed = seed("pinoypopnews.atom");
    expect(feed.format).toBe("atom1.0");
    expect(feed.items).toHaveLength(3);
    for (const item of feed.items) {
      expect(item.contentHtml).toMatch(/^<div>/);
      expect(item.contentHtml).not.toContain("&lt;");
      expect(item.url).toMatch(/^https:\/\/pinoypopnews\.blogspot\.com\/2022\//);
      expect(item.datePublished).toMatch(/Z$/);
    }
  });

  it("reads the JSON Feed 1.1 with content_text", () => {
    const feed = seed("repost-scraped.json");
    expect(feed.format).toBe("json1.1");
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]!.contentText).toContain("\n\n");
    expect(feed.items[0]!.contentHtml).toBeUndefined();
  });

  it("gives the same title to the DW article and its two reposts", () => {
    const titles = [
      seed("dw.rdf").items[0]!.title,
      seed("pinoypopnews.atom").items[1]!.title,
      seed("repost-scraped.json").items[0]!.title,
    ];
    expect(new Set(titles).size).toBe(1);
  });
});

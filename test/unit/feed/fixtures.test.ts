import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/feed/parse-feed";

const dir = join(__dirname, "../../fixtures/feeds");
const read = (name: string) => new Uint8Array(readFileSync(join(dir, name)));

describe("fixtures of our own, one per format and quirk", () => {
  it("RSS 0.91 with the Netscape DOCTYPE, HTML entities and latin-1", () => {
    const feed = parseFeed(read("rss091-netscape.xml"));
    expect(feed.format).toBe("rss0.9x");
    expect(feed.title).toBe("Tide Tables & Notes");
    expect(feed.items[0]?.title).toBe("Spring tide on Sunday\u00a0– take care");
    expect(feed.items[0]?.contentHtml).toBe("The pier floods at 9\u00a0am.");
  });

  it("RSS 0.92 with an enclosure and a two-digit year in a named zone", () => {
    const feed = parseFeed(read("rss092-enclosure.xml"));
    expect(feed.format).toBe("rss0.9x");
    expect(feed.items[0]?.attachments).toEqual([
      { url: "http://choir.example/evensong.mp3", mimeType: "audio/mpeg", sizeInBytes: 1048576 },
    ]);
    expect(feed.items[0]?.datePublished).toBe("2003-03-09T23:30:00Z");
  });

  it("Atom 0.3: base64 title, inline XHTML title with escaped markup, homepage, escaped content", () => {
    const feed = parseFeed(read("atom03-base64.xml"), { url: "http://garden.example/atom.xml" });
    expect(feed.format).toBe("atom0.3");
    expect(feed.title).toBe("Garden Diary");
    expect(feed.language).toBe("en-GB");
    const entry = feed.items[0]!;
    expect(entry.title).toBe("Planting the <early> peas");
    expect(entry.url).toBe("http://garden.example/peas");
    expect(entry.datePublished).toBe("2004-03-01T07:00:00Z");
    expect(entry.dateModified).toBe("2004-03-02T09:30:00Z");
    expect(entry.authors).toEqual([{ name: "Ros", url: "http://garden.example/ros" }]);
    expect(entry.contentHtml).toBe("<p>Two rows, <em>shallow</em>.</p>");
  });

  it("RSS 1.0 with every RSS element under a prefix, a clashing description and a week date", () => {
    const feed = parseFeed(read("rss10-prefixed.xml"));
    expect(feed.format).toBe("rss1.0");
    expect(feed.title).toBe("Allotment Society");
    const item = feed.items[0]!;
    expect(item.title).toBe("Water troughs refilled");
    expect(item.contentHtml).toBe("All four troughs are full again.");
    expect(item.datePublished).toBe("2004-03-02T00:00:00Z");
    expect(item.authors).toEqual([{ name: "Secretary", email: "secretary@allotment.example" }]);
  });

  it("JSON Feed 1.0 with a numeric id, relative URLs and an author", () => {
    const feed = parseFeed(read("json-feed-10.json"));
    expect(feed.format).toBe("json1.0");
    const item = feed.items[0]!;
    expect(item.id).toBe("1");
    expect(item.url).toBe("https://kiln.example/firing-12");
    expect(item.attachments[0]?.url).toBe("https://kiln.example/f12.jpg");
    expect(item.authors).toEqual([{ name: "Mo" }]);
  });

  it("ill-formed RSS 2.0 is read leniently, each quirk named in a warning", () => {
    const feed = parseFeed(read("rss20-illformed.xml"));
    expect(feed.title).toBe("Fish & Chips Weekly");
    const item = feed.items[0]!;
    expect(item.title).toBe("Haddock & mushy peas ♥");
    expect(item.url).toBe("http://chips.example/menu?day=fri&size=large");
    expect(item.contentHtml).toBe("Cod 3 &lt; 4 haddock");
    const warnings = feed.warnings.join("\n");
    expect(warnings).toMatch(/text before the XML document/);
    expect(warnings).toMatch(/Unescaped "&"/);
    expect(warnings).toMatch(/&hearts;/);
    expect(warnings).toMatch(/closing '>'/);
  });
});

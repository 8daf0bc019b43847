import { describe, expect, it } from "vitest";
import { renderAtom } from "../../../src/render/atom";
import type { Story } from "../../../src/story";
import { FOLDED, HOSTILE, makeMeta, RICH, STORIES } from "./fixture-stories";
import { parseWellFormed, type XmlTree } from "./parse-xml";

const ATOM_META = makeMeta({ selfUrl: "https://folded.example/feed.atom" });

function entries(stories: Story[]): XmlTree[] {
  return parseWellFormed(renderAtom(stories, ATOM_META)).feed.entry;
}

function linksByRel(entry: XmlTree, rel: string): XmlTree[] {
  return (entry.link as XmlTree[]).filter((l) => l["@_rel"] === rel);
}

describe("renderAtom", () => {
  const doc = parseWellFormed(renderAtom(STORIES, ATOM_META));
  const feed = doc.feed;
  const [folded, hostile, rich] = feed.entry as XmlTree[];

  it("writes the RFC 4287 feed head with a feed-level author", () => {
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed["@_xmlns:feedfold"]).toBe("https://feedfold.dev/ns/1.0");
    expect(feed.id).toMatch(/^urn:feedfold:feed:[0-9a-f]{16}$/);
    expect(feed.title["#text"]).toBe("Folded News");
    expect(feed.updated).toBe("2024-10-20T10:00:00Z");
    expect(feed.author[0].name).toBe("Folded News");
    expect(feed.generator).toBe("feedfold");
    expect(linksByRel(feed, "self")[0]["@_href"]).toBe("https://folded.example/feed.atom");
    expect(linksByRel(feed, "alternate")[0]["@_href"]).toBe("https://folded.example/");
    expect(linksByRel(feed, "next")).toHaveLength(0);
  });

  it("derives the feed id from the home page only, so pages and requests share it", () => {
    const other = parseWellFormed(
      renderAtom(
        [],
        makeMeta({ selfUrl: "https://folded.example/feed.atom?limit=5", nextUrl: "https://x/2" }),
      ),
    );
    expect(other.feed.id).toBe(feed.id);
    expect(linksByRel(other.feed, "next")[0]["@_href"]).toBe("https://x/2");
    const elsewhere = parseWellFormed(renderAtom([], makeMeta({ homePageUrl: "https://another.example/" })));
    expect(elsewhere.feed.id).not.toBe(feed.id);
  });

  it("gives every entry its stable story URN, in the given order", () => {
    expect(feed.entry.map((e: XmlTree) => e.id)).toEqual([
      "urn:feedfold:story:st-ferry-01",
      "urn:feedfold:story:st-escape-02",
      "urn:feedfold:story:st-podcast-03",
    ]);
  });

  it("uses dateModified for updated when present, else datePublished", () => {
    expect(folded.updated).toBe("2024-10-20T09:00:00Z");
    expect(folded.published).toBe("2024-10-20T08:15:00Z");
    expect(hostile.updated).toBe("2024-10-19T23:05:09Z");
  });

  it("falls back to sortDate for updated and omits published when the story has no date", () => {
    const undated: Story = { ...RICH, datePublished: undefined, dateModified: undefined };
    const [entry] = entries([undated]);
    expect(entry.updated).toBe("2024-10-18T06:00:00Z");
    expect(entry.published).toBeUndefined();
  });

  it("links the canonical copy as alternate and the other copies as via", () => {
    expect(linksByRel(folded, "alternate").map((l) => l["@_href"])).toEqual([
      "https://lakeside-courier.example/news/ferry-winter",
    ]);
    expect(linksByRel(folded, "via")).toEqual([
      {
        "@_rel": "via",
        "@_href": "https://valley-digest.example/2024/10/ferry.html",
        "@_title": "Valley Digest",
      },
    ]);
  });

  it("names the canonical source as author when the story has none, and as <source>", () => {
    expect(folded.author).toEqual([{ name: "Lakeside Courier", uri: "https://lakeside-courier.example/" }]);
    expect(folded.source.id).toBe("urn:feedfold:source:src-lakeside");
    expect(folded.source.title).toBe("Lakeside Courier");
    expect(folded.source.link.map((l: XmlTree) => l["@_href"])).toEqual([
      "https://lakeside-courier.example/",
      "https://lakeside-courier.example/feed/",
    ]);
  });

  it("carries the same feedfold:copies element as RSS, canonical first", () => {
    const copies = folded["feedfold:copies"]["feedfold:copy"];
    expect(copies.map((c: XmlTree) => [c["@_source-id"], c["@_match"]])).toEqual([
      ["src-lakeside", "first"],
      ["src-valley", "exact"],
    ]);
  });

  it("escapes hostile text: title as text, HTML content as escaped html", () => {
    expect(hostile.title).toEqual({
      "#text": "Escaping notes: a < b & c  <script>alert('x')</script>",
      "@_type": "text",
    });
    expect(hostile.content["@_type"]).toBe("html");
    expect(hostile.content["#text"]).toBe(
      '<p>Never end a CDATA section early: <code>if (a[b[0]]> 1) { s = "]]>"; }</code></p>' +
        "<p>Fish &amp; chips  cost &lt; 10 coins.</p>",
    );
    expect(hostile.summary).toEqual({ "#text": "A note about escaping & CDATA.", "@_type": "text" });
    expect(hostile.category.map((c: XmlTree) => c["@_term"])).toEqual(["xml", "a&b"]);
  });

  it("writes the story's own authors, tags, every attachment and a text body", () => {
    expect(rich.author).toEqual([
      { name: "Ada Fern", uri: "https://garden-radio.example/ada" },
      { name: "Bo Linden", email: "bo@garden-radio.example" },
    ]);
    expect(linksByRel(rich, "enclosure")).toEqual([
      {
        "@_rel": "enclosure",
        "@_href": "https://cdn.garden-radio.example/ep12.mp3",
        "@_type": "audio/mpeg",
        "@_length": "24117248",
      },
      { "@_rel": "enclosure", "@_href": "https://cdn.garden-radio.example/ep12.txt" },
    ]);
    expect(rich.content["@_type"]).toBe("text");
    expect(rich.content["#text"]).toContain("How lending seeds works");
  });

  it("does not repeat the story link as via when a copy shares it", () => {
    const copies = [FOLDED.copies[0]!, { ...FOLDED.copies[1]!, url: FOLDED.url }];
    const [entry] = entries([{ ...FOLDED, copies }]);
    expect(linksByRel(entry, "via")).toHaveLength(0);
  });

  it("keeps a title element (required) when the story has none", () => {
    const [entry] = entries([{ ...HOSTILE, title: undefined }]);
    expect(entry.title).toEqual({ "@_type": "text" });
  });
});

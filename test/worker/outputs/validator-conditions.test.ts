/**
 * What the W3C Feed Validation Service checks in our RSS and Atom (issue 16), tested on feeds of
 * our own in odd shapes (support/odd-shapes.ts) without the validator itself: no Atom entry
 * without textual content, an `updated` in every Atom `source`, no plain-text construct that reads
 * as markup, a `description` before every `content:encoded`, and every item's HTML read by an
 * HTML5 parser (parse5) without a parse error or a repair.
 */
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { get, ingest } from "../support/client";
import { html5Problems } from "../support/html5-check";
import { ODD_ATOM, ODD_ATOM_SOURCE, ODD_RSS, ODD_RSS_SOURCE } from "../support/odd-shapes";

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  preserveOrder: true,
});

// biome-ignore lint/suspicious/noExplicitAny: a preserveOrder parse tree
type Node = any;

/** Child elements of a preserveOrder node, in document order, as [name, node] pairs. */
function children(node: Node[]): Array<[string, Node]> {
  return node.flatMap((child: Node) =>
    Object.keys(child)
      .filter((k) => k !== ":@" && k !== "#text")
      .map((k) => [k, child] as [string, Node]),
  );
}

function textOf(node: Node, name: string): string {
  return (node[name] as Node[]).map((c: Node) => c["#text"] ?? "").join("");
}

function find(tree: Node[], path: string[]): Node[] {
  let level: Node[] = tree;
  for (const name of path.slice(0, -1)) {
    const next = level.find((n: Node) => n[name] !== undefined);
    if (next === undefined) return [];
    level = next[name];
  }
  const last = path[path.length - 1]!;
  return level.filter((n: Node) => n[last] !== undefined);
}

// The validator's test for HTML in a text construct (feedvalidator's `nonhtml`): an end tag, or
// "&" before a word that is an HTML entity name or is not purely letters.
const LOOKS_LIKE_HTML = /<\/\w+>|&#|&\w*[^A-Za-z\s;&]\w*|&(amp|lt|gt|quot|nbsp|copy|apos)\b/;

async function ingestOddShapes(): Promise<void> {
  for (const [body, source, contentType] of [
    [ODD_RSS, ODD_RSS_SOURCE, "application/rss+xml"],
    [ODD_ATOM, ODD_ATOM_SOURCE, "application/atom+xml"],
  ] as const) {
    const answer = await ingest(body, { source, contentType });
    expect(answer.status).toBe(200);
    expect(answer.body.results?.every((r) => r.status === "new")).toBe(true);
  }
}

async function fetchText(path: string): Promise<string> {
  const res = await get(path);
  expect(res.status).toBe(200);
  return res.text();
}

describe("the validator's conditions on feeds of odd shapes", () => {
  it("Atom: textual content in every entry, updated in every source, no undeclared HTML", async () => {
    await ingestOddShapes();
    const tree = xml.parse(await fetchText("/feed.atom?limit=500"));
    const entries = find(tree, ["feed", "entry"]);
    expect(entries).toHaveLength(7);
    const htmlBodies: string[] = [];
    for (const entry of entries) {
      const parts = children(entry.entry);
      const names = parts.map(([name]) => name);
      expect(names.includes("summary") || names.includes("content"), JSON.stringify(names)).toBe(true);
      for (const [name, node] of parts) {
        if (!["title", "summary", "content"].includes(name)) continue;
        const type = node[":@"]?.["@_type"] ?? "text";
        const text = textOf(node, name);
        if (name !== "title") expect(text.trim(), `${name} is empty`).not.toBe("");
        // Titles stay plain text for readers' sake (src/render/atom.ts), so a title that quotes
        // markup, as the odd feed's second entry does, is the one case the validator may remark on.
        if (type === "text" && name !== "title")
          expect(text, `${name} reads as HTML`).not.toMatch(LOOKS_LIKE_HTML);
        else htmlBodies.push(text);
      }
      const [, source] = parts.find(([name]) => name === "source")!;
      const sourceNames = children(source.source).map(([name]) => name);
      expect(sourceNames).toEqual(expect.arrayContaining(["id", "title", "updated"]));
    }
    for (const html of htmlBodies) expect(html5Problems(html), html).toEqual([]);
  });

  it("RSS: a description before every content:encoded, and clean HTML in both", async () => {
    await ingestOddShapes();
    const tree = xml.parse(await fetchText("/feed.xml?limit=500"));
    const items = find(tree, ["rss", "channel", "item"]);
    expect(items).toHaveLength(7);
    let bodies = 0;
    for (const item of items) {
      const parts = children(item.item);
      const names = parts.map(([name]) => name);
      const content = names.indexOf("content:encoded");
      if (content >= 0) {
        bodies++;
        expect(names.indexOf("description"), JSON.stringify(names)).toBeGreaterThanOrEqual(0);
        expect(names.indexOf("description")).toBeLessThan(content);
      }
      for (const [name, node] of parts) {
        if (name === "description" || name === "content:encoded") {
          const html = textOf(node, name);
          expect(html.trim(), `${name} is empty`).not.toBe("");
          expect(html5Problems(html), html).toEqual([]);
        }
      }
    }
    expect(bodies).toBeGreaterThanOrEqual(4);
  });

  it("JSON Feed: every content_html parses without an HTML5 parse error", async () => {
    await ingestOddShapes();
    const feed = JSON.parse(await fetchText("/feed.json?limit=500")) as {
      items: Array<{ content_html?: string }>;
    };
    const bodies = feed.items.flatMap((item) => (item.content_html === undefined ? [] : [item.content_html]));
    expect(bodies.length).toBeGreaterThanOrEqual(4);
    for (const html of bodies) expect(html5Problems(html), html).toEqual([]);
  });
});

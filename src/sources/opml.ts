import { guardedXmlParser } from "../feed/xml-parser";
import { escapeXmlAttr, escapeXmlText } from "../render/xml-escape";

/**
 * OPML 2.0 subscription lists (http://opml.org/spec2.opml). A feed is an `<outline>` with an
 * `xmlUrl`; an outline without one is a folder. A feed's categories are the folder path it sits
 * in ("News/Local") plus the slash-delimited paths of its `category` attribute. Export puts each
 * feed in the folder of its first category and lists the others in `category`, so importing an
 * export gives the same feeds with the same categories.
 */
export interface OpmlFeed {
  url: string;
  title?: string;
  categories: string[];
}

export class OpmlError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = "OpmlError";
  }
}

type Node = Record<string, unknown>;

const parser = guardedXmlParser({
  attributeNamePrefix: "@",
  isArray: (name) => name === "outline",
  htmlEntities: true,
});

/** The feeds of an OPML document in document order, one entry per URL (categories merged). */
export function parseOpml(text: string): OpmlFeed[] {
  let doc: Node;
  try {
    doc = parser.parse(text) as Node;
  } catch (err) {
    throw new OpmlError(`the OPML could not be parsed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const opml = doc.opml as Node | undefined;
  if (!opml || typeof opml !== "object")
    throw new OpmlError("the document is not OPML: no <opml> root element");
  const body = opml.body as Node | undefined;
  const byUrl = new Map<string, OpmlFeed>();
  walk(Array.isArray(body?.outline) ? (body.outline as Node[]) : [], [], byUrl);
  return [...byUrl.values()];
}

function walk(outlines: Node[], path: string[], byUrl: Map<string, OpmlFeed>): void {
  for (const outline of outlines) {
    const attr = (name: string) => attribute(outline, name);
    const xmlUrl = attr("xmlUrl")?.trim();
    const label = (attr("text") ?? attr("title") ?? "").trim();
    const children = Array.isArray(outline.outline) ? (outline.outline as Node[]) : [];
    if (!xmlUrl) {
      walk(children, label ? [...path, label.replaceAll("/", "-")] : path, byUrl);
      continue;
    }
    const categories: string[] = [];
    if (path.length) categories.push(path.join("/"));
    for (const c of (attr("category") ?? "").split(",")) {
      const clean = withoutEndSlashes(c.trim());
      if (clean) categories.push(clean);
    }
    const title = (attr("title") ?? attr("text"))?.trim() || undefined;
    const known = byUrl.get(xmlUrl);
    if (known) {
      known.categories = unique([...known.categories, ...categories]);
      known.title ??= title;
    } else {
      byUrl.set(xmlUrl, { url: xmlUrl, title, categories: unique(categories) });
    }
    walk(children, path, byUrl);
  }
}

/** Attribute by name, case-insensitively (exporters write xmlUrl, xmlurl, XMLURL). */
function attribute(node: Node, name: string): string | undefined {
  const wanted = `@${name.toLowerCase()}`;
  for (const [key, value] of Object.entries(node)) {
    if (key.toLowerCase() === wanted && typeof value === "string") return value;
  }
  return undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

interface Folder {
  name: string;
  folders: Map<string, Folder>;
  feeds: OpmlFeed[];
}

/** An OPML 2.0 document of the feeds, nested by each feed's first category. */
export function renderOpml(feeds: OpmlFeed[], options: { title: string; date: Date }): string {
  const root: Folder = { name: "", folders: new Map(), feeds: [] };
  for (const feed of feeds) {
    let folder = root;
    for (const part of (feed.categories[0] ?? "").split("/").filter(Boolean)) {
      let next = folder.folders.get(part);
      if (!next) {
        next = { name: part, folders: new Map(), feeds: [] };
        folder.folders.set(part, next);
      }
      folder = next;
    }
    folder.feeds.push(feed);
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    "  <head>",
    `    <title>${escapeXmlText(options.title)}</title>`,
    `    <dateCreated>${options.date.toUTCString()}</dateCreated>`,
    "  </head>",
    "  <body>",
    ...renderFolder(root, 2),
    "  </body>",
    "</opml>",
    "",
  ];
  return lines.join("\n");
}

function renderFolder(folder: Folder, depth: number): string[] {
  const pad = "  ".repeat(depth);
  const out: string[] = [];
  for (const sub of folder.folders.values()) {
    out.push(
      `${pad}<outline text="${escapeXmlAttr(sub.name)}">`,
      ...renderFolder(sub, depth + 1),
      `${pad}</outline>`,
    );
  }
  for (const feed of folder.feeds) {
    const text = feed.title ?? feed.url;
    const others = feed.categories.slice(1).map((c) => `/${c}`);
    const category = others.length ? ` category="${escapeXmlAttr(others.join(","))}"` : "";
    out.push(
      `${pad}<outline type="rss" text="${escapeXmlAttr(text)}" title="${escapeXmlAttr(text)}" xmlUrl="${escapeXmlAttr(feed.url)}"${category}/>`,
    );
  }
  return out;
}

// By hand: `/\/+$/` would retry a run of slashes from each of them.
function withoutEndSlashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 0x2f) start++;
  while (end > start && text.charCodeAt(end - 1) === 0x2f) end--;
  return text.slice(start, end);
}

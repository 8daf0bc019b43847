/**
 * Fuzzing the pure pipeline with fast-check: generated and mutated feed documents go through the
 * parser, the normalizer and fingerprints, and every renderer. Nothing may throw except the typed
 * FeedParseError, and every rendered document must parse back (RSS and Atom with
 * fast-xml-parser's validator, JSON Feed with JSON.parse, the HTML page free of script and of
 * unsafe links). CI runs a fixed seed and a bounded count; `node bench/fuzz-long.mjs` runs more.
 */
import fc from "fast-check";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { FeedParseError } from "../../../src/feed/feed-parse-error";
import type { ParsedItem } from "../../../src/feed/model";
import { parseFeed } from "../../../src/feed/parse-feed";
import { fingerprintItems } from "../../../src/fold/fingerprint-items";
import { renderAtom } from "../../../src/render/atom";
import { renderHtmlPage } from "../../../src/render/html-page";
import { renderJsonFeed } from "../../../src/render/json-feed";
import { renderRss } from "../../../src/render/rss";
import type { Story } from "../../../src/story";
import { makeMeta } from "../render/fixture-stories";

const SEED = Number(process.env.FUZZ_SEED ?? 20260514);
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const PARAMS = { seed: SEED, numRuns: RUNS, endOnFailure: true } as const;

/** Text with what breaks serializers: markup, entities, controls, lone surrogates, odd Unicode. */
const nastyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom(
    "]]>",
    "<![CDATA[",
    "&amp;&lt;&#0;&#xD800;&#x1F600;&bogus;",
    "\u0000\u0001\u0008\u000B\u000C\u001F\uFFFE\uFFFF",
    "\uD800 lone \uDC00",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "\u202Eevil\u202C",
    "Title | Site",
    "Source: Somewhere",
  ),
  fc.string({ maxLength: 40 }),
);

const nastyUrl = fc.oneof(
  fc.webUrl(),
  fc.constantFrom(
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "jav&#x61;script:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "http://[::1",
    "",
  ),
);

const tagSoup = fc
  .array(
    fc.oneof(
      nastyText,
      fc.constantFrom(
        "<p>",
        "</p>",
        "<b>",
        "<div><div>",
        "<a href='javascript:alert(1)'>x</a>",
        '<img src="x" onerror="alert(1)">',
        "<svg onload=alert(1)>",
        "<iframe src=//evil>",
        "<style>*{}</style>",
        "<!--",
        "-->",
        "<br/>",
      ),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const rssDoc = fc
  .record({
    title: nastyText,
    items: fc.array(
      fc.record({ title: nastyText, link: nastyUrl, guid: nastyText, body: tagSoup, date: nastyText }),
      { maxLength: 4 },
    ),
  })
  .map(
    ({ title, items }) =>
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escapeXml(title)}</title><link>https://fuzz.example.org/</link>${items
        .map(
          (i) =>
            `<item><title>${escapeXml(i.title)}</title><link>${escapeXml(i.link)}</link><guid>${escapeXml(i.guid)}</guid><pubDate>${escapeXml(i.date)}</pubDate><description>${escapeXml(i.body)}</description></item>`,
        )
        .join("")}</channel></rss>`,
  );

const atomDoc = fc
  .array(fc.record({ title: nastyText, link: nastyUrl, body: tagSoup, date: nastyText }), { maxLength: 4 })
  .map(
    (entries) =>
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>Fuzz</title><link href="https://fuzz.example.org/"/>${entries
        .map(
          (e, n) =>
            `<entry><id>tag:fuzz,2026:${n}</id><title type="html">${escapeXml(e.title)}</title><link href="${escapeXml(e.link).replace(/"/g, "&quot;")}"/><updated>${escapeXml(e.date)}</updated><content type="html">${escapeXml(e.body)}</content></entry>`,
        )
        .join("")}</feed>`,
  );

const jsonDoc = fc
  .array(
    fc.record({
      id: fc.oneof(nastyText, fc.integer()),
      url: nastyUrl,
      title: nastyText,
      content_html: tagSoup,
      date_published: nastyText,
      tags: fc.array(nastyText, { maxLength: 3 }),
    }),
    { maxLength: 4 },
  )
  .map((items) =>
    JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "Fuzz",
      home_page_url: "https://fuzz.example.org/",
      items,
    }),
  );

/** A valid document with some of its bytes cut, duplicated or flipped. */
const mutatedDoc = fc
  .tuple(
    fc.oneof(rssDoc, atomDoc, jsonDoc),
    fc.array(fc.tuple(fc.nat(), fc.nat(255), fc.nat(2)), { maxLength: 6 }),
  )
  .map(([doc, edits]) => {
    let bytes = Array.from(new TextEncoder().encode(doc));
    for (const [at, value, kind] of edits) {
      const i = bytes.length === 0 ? 0 : at % bytes.length;
      if (kind === 0) bytes = bytes.slice(0, i);
      else if (kind === 1) bytes.splice(i, 0, value);
      else bytes[i] = value;
    }
    return new Uint8Array(bytes);
  });

const anyDocument = fc.oneof(rssDoc, atomDoc, jsonDoc, mutatedDoc, fc.uint8Array({ maxLength: 200 }));

function parseOrTypedError(body: string | Uint8Array): ParsedItem[] | undefined {
  try {
    return parseFeed(body, { url: "https://fuzz.example.org/feed" }).items;
  } catch (err) {
    if (err instanceof FeedParseError) return undefined;
    throw err;
  }
}

function storyOf(item: ParsedItem, n: number, extra: { title: string; url: string }): Story {
  const date = item.datePublished ?? "2026-01-01T00:00:00Z";
  return {
    id: `fuzz${String(n).padStart(16, "0")}`,
    title: item.title ?? extra.title,
    url: item.url ?? extra.url,
    contentHtml: item.contentHtml,
    contentText: item.contentText,
    summary: item.summary,
    datePublished: item.datePublished,
    authors: item.authors,
    tags: item.tags,
    attachments: item.attachments,
    copies: [
      {
        id: item.id ?? extra.title,
        url: item.url ?? extra.url,
        title: extra.title,
        firstSeen: date,
        source: { id: "fuzz-src", title: extra.title, homePageUrl: extra.url, feedUrl: extra.url },
        match: "first",
      },
    ],
    sortDate: date,
    updatedAt: date,
  };
}

const UNSAFE_LINK = /(?:\b(?:href|src|url)\s*=\s*["']?|<link>|"url":\s*")\s*(?:javascript|vbscript|data):/i;

/** Renders every format; all must parse back. With `linksFromParser`, no link may be unsafe. */
function checkRendered(stories: Story[], linksFromParser: boolean): void {
  const meta = makeMeta();
  const outputs: string[] = [];
  for (const [name, xml] of [
    ["rss", renderRss(stories, meta)],
    ["atom", renderAtom(stories, meta)],
  ] as const) {
    const valid = XMLValidator.validate(xml);
    expect(valid === true ? true : { name, error: valid.err }).toBe(true);
    outputs.push(xml);
  }
  const jsonText = renderJsonFeed(stories, meta);
  expect((JSON.parse(jsonText) as { items: unknown[] }).items).toHaveLength(stories.length);
  outputs.push(jsonText);
  const html = renderHtmlPage(stories, meta);
  for (const [tag, name, attrs] of html.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/gi)) {
    expect(["script", "iframe", "svg", "img", "object", "embed", "form"], tag).not.toContain(
      name!.toLowerCase(),
    );
    expect(attrs, tag).not.toMatch(/\son[a-z]+\s*=/i);
  }
  expect(html.match(/<style\b/gi) ?? []).toHaveLength(1);
  expect(html).not.toMatch(UNSAFE_LINK);
  if (linksFromParser) for (const out of outputs) expect(out).not.toMatch(UNSAFE_LINK);
}

describe(`fuzzing the pipeline (seed ${SEED}, ${RUNS} runs)`, () => {
  it("the parser returns items or throws only FeedParseError", () => {
    fc.assert(
      fc.property(anyDocument, (doc) => {
        parseOrTypedError(doc);
      }),
      PARAMS,
    );
  });

  it("normalizing and fingerprinting every parsed item never throws", async () => {
    await fc.assert(
      fc.asyncProperty(anyDocument, async (doc) => {
        const items = parseOrTypedError(doc) ?? [];
        const prints = await fingerprintItems(items, { sourceTitle: "Fuzz" });
        expect(prints).toHaveLength(items.length);
      }),
      PARAMS,
    );
  });

  it("every renderer's output parses back, with no script and no unsafe link", () => {
    fc.assert(
      fc.property(fc.oneof(rssDoc, atomDoc, jsonDoc, mutatedDoc), nastyText, nastyUrl, (doc, title, url) => {
        const items = parseOrTypedError(doc) ?? [];
        const safeUrl = /^https?:/i.test(url) ? url : "https://fuzz.example.org/";
        checkRendered(
          items.map((item, n) => storyOf(item, n, { title, url: safeUrl })),
          true,
        );
      }),
      PARAMS,
    );
  });

  // Stories only ever hold parsed fields; the renderers must still emit well-formed documents
  // (and a safe HTML page) when handed anything at all.
  it("renderers survive raw, unsanitized story fields too", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(nastyText, nastyUrl, tagSoup), { maxLength: 4 }), (rows) => {
        const stories = rows.map(([title, url, html], n) =>
          storyOf(
            { title, url, contentHtml: html, authors: [], tags: [title], attachments: [] } as ParsedItem,
            n,
            {
              title,
              url,
            },
          ),
        );
        checkRendered(stories, false);
      }),
      PARAMS,
    );
  });
});

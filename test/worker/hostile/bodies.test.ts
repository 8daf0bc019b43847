import { beforeEach, describe, expect, it } from "vitest";
import { ingest } from "../support/client";
import { describeHostile, send } from "./hostile-case";
import {
  BILLION_LAUGHS_CLASSIC,
  BILLION_LAUGHS_IN_ITEM,
  countingStream,
  deepJsonItems,
  deepXml,
  EXTERNAL_ENTITY,
  EXTERNAL_PARAMETER_ENTITY,
  GZIP_BYTES,
  item,
  jsonFeed,
  LONE_CONTINUATION,
  manyAttributes,
  manyItems,
  OVERLONG_LT,
  PNG_BYTES,
  QUADRATIC_BLOWUP,
  rss,
  UTF16_BOM_ON_UTF8,
} from "./hostile-documents";
import { expectRefusal, seedTwoStories, storeState } from "./store-state";

const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** src/http/read-body.ts DRAIN_BYTES: read and discarded past the cap so the sender sees the 413. */
const DRAIN_BYTES = 32 * 1024 * 1024;
const TWENTY_MB = 20 * 1000 * 1000;
const PREVIEW = "/preview?source=https://hostile.example.net/feed";

describeHostile("malformed, truncated and binary bodies", [
  { name: "an empty body", body: "", status: 400, error: "empty" },
  { name: "only whitespace", body: " \n\t\r\n ", status: 400, error: "empty" },
  {
    name: "PNG bytes",
    body: PNG_BYTES,
    contentType: "application/rss+xml",
    status: 415,
    error: "not-a-feed",
  },
  { name: "gzip bytes sent as XML", body: GZIP_BYTES, status: 415, error: "not-a-feed" },
  { name: "NUL bytes", body: new Uint8Array(512), status: 415, error: "not-a-feed" },
  {
    name: "plain text",
    body: "hello, this is not a feed",
    contentType: "text/plain",
    status: 415,
    error: "not-a-feed",
  },
  {
    name: "RSS cut off before its first item",
    body: rss(item(1)).split("<item>")[0],
    status: 422,
    error: "no-items",
  },
  {
    name: "JSON Feed cut off",
    body: jsonFeed({ items: [] }).slice(0, 40),
    contentType: "application/json",
    status: 400,
    error: "malformed",
  },
  { name: "only an XML declaration", body: '<?xml version="1.0"?>', status: 400, error: "malformed" },
  {
    name: "XML whose root is not a feed",
    body: '<?xml version="1.0"?><note><to>x</to></note>',
    status: 415,
    error: "unsupported-format",
  },
  {
    name: "an item with nothing to identify it",
    body: rss("<item><description></description></item>"),
    status: 422,
    error: "no-usable-items",
  },
]);

const AMPLIFICATION_DETAIL =
  "The entities declared in the DOCTYPE expand to more than 5 times the document's own length (billion laughs or quadratic blowup); refused. Write the text out instead of declaring entities.";
const EXPANSION_DETAIL =
  "The entities declared in the DOCTYPE expand to more than 1048576 characters (billion laughs or quadratic blowup); refused. Write the text out instead of declaring entities.";

describeHostile("hostile DOCTYPEs", [
  {
    // &lol4; is 30,000 characters, 252,220 with libxml2's 20 per reference: 400 times the document.
    name: "billion laughs, the classic five levels",
    body: BILLION_LAUGHS_CLASSIC,
    status: 422,
    error: "entity-expansion",
    detail: AMPLIFICATION_DETAIL,
  },
  {
    name: "billion laughs: &lol9; in an item",
    body: BILLION_LAUGHS_IN_ITEM,
    status: 422,
    error: "entity-expansion",
    detail: EXPANSION_DETAIL,
  },
  {
    name: "billion laughs sent to /preview",
    path: PREVIEW,
    body: BILLION_LAUGHS_IN_ITEM,
    status: 422,
    error: "entity-expansion",
    detail: EXPANSION_DETAIL,
  },
  {
    name: "quadratic blowup",
    body: QUADRATIC_BLOWUP,
    status: 422,
    error: "entity-expansion",
    detail: AMPLIFICATION_DETAIL,
  },
  {
    name: "an external entity (file:///etc/passwd) in an item",
    body: EXTERNAL_ENTITY,
    status: 422,
    error: "external-entity",
    detail:
      'The document refers to the external entity &xxe; ("file:///etc/passwd"), declared with SYSTEM or PUBLIC in its DOCTYPE; feedfold never fetches one. Put the text itself in the document.',
  },
  {
    name: "an external parameter entity in the DOCTYPE",
    body: EXTERNAL_PARAMETER_ENTITY,
    status: 422,
    error: "external-entity",
    detail:
      'The document refers to the external entity %remote ("http://127.0.0.1:9/evil.dtd"), declared with SYSTEM or PUBLIC in its DOCTYPE; feedfold never fetches one. Put the text itself in the document.',
  },
]);

describeHostile("bodies over the cap", [
  {
    name: "Content-Length over the cap, refused without reading (nothing is ever written to the body)",
    body: () => new FixedLengthStream(MAX_BODY_BYTES + 1).readable,
    status: 413,
    error: "too-large",
  },
  {
    name: "/preview with Content-Length over the cap",
    path: PREVIEW,
    body: () => new FixedLengthStream(64 * 1024 * 1024).readable,
    status: 413,
    error: "too-large",
  },
  {
    name: "a 20 MB body with its Content-Length",
    body: () => new Uint8Array(TWENTY_MB).fill(0x20),
    status: 413,
    error: "too-large",
  },
  {
    name: "a 20 MB chunked body, read to its end and discarded",
    body: () => countingStream(TWENTY_MB).stream,
    status: 413,
    error: "too-large",
  },
  {
    name: "an 8 KiB split request",
    path: "/items/0123456789abcdef0123/split",
    contentType: "application/json",
    body: JSON.stringify({ copy: "x".repeat(8192) }),
    status: 413,
    error: "too-large",
    detail:
      "the body is larger than 4096 bytes (the split request is at most 4 KiB of JSON); send a smaller document",
  },
  {
    name: "a 20 MB source to add",
    path: "/sources",
    contentType: "application/json",
    body: () => countingStream(TWENTY_MB).stream,
    status: 413,
    error: "too-large",
    detail: "the body is larger than 65536 bytes (a source is a small JSON object); send a smaller document",
  },
  {
    name: "a 20 MB chunked OPML import",
    path: "/sources.opml",
    body: () => countingStream(TWENTY_MB).stream,
    status: 413,
    error: "too-large",
  },
]);

describe("chunked bodies over the cap", () => {
  beforeEach(seedTwoStories);
  it.each([
    ["/ingest", "/ingest?source=https://hostile.example.net/feed"],
    ["/preview", PREVIEW],
  ])("%s stops reading a bounded way past the cap and answers 413", async (_name, path) => {
    const before = await storeState();
    const body = countingStream(256 * 1024 * 1024);
    await expectRefusal(
      await send({ name: "", path, body: body.stream, status: 413, error: "" }),
      413,
      "too-large",
    );
    // Nothing past the cap is kept; at most DRAIN_BYTES more are discarded (plus chunks in
    // flight), far from the 256 MiB on offer.
    expect(body.pulled()).toBeLessThan(MAX_BODY_BYTES + DRAIN_BYTES + 2 * 1024 * 1024);
    expect(await storeState()).toEqual(before);
  });
});

describeHostile("deep nesting, many attributes, many items", [
  { name: "XML nested 100,000 deep", body: deepXml(100_000), status: 400, error: "malformed" },
  {
    name: "JSON items nested 100,000 deep",
    body: deepJsonItems(100_000),
    contentType: "application/json",
    status: 422,
    error: "no-items",
  },
  {
    name: "a JSON title nested 100,000 deep",
    body: `{"version":"https://jsonfeed.org/version/1.1","home_page_url":"https://hostile.example.net/","items":[{"id":"n","title":${"[".repeat(100_000)}${"]".repeat(100_000)}}]}`,
    contentType: "application/json",
    status: 422,
    error: "no-usable-items",
  },
  {
    name: "100,000 attributes on one element",
    body: manyAttributes(100_000),
    status: 400,
    error: "malformed",
  },
  { name: "1,001 items in one document", body: manyItems(1001), status: 413, error: "too-large" },
  {
    name: "1,001 items sent to /preview",
    path: PREVIEW,
    body: manyItems(1001),
    status: 413,
    error: "too-large",
  },
]);

describeHostile("invalid UTF-8", [
  {
    name: "an overlong encoding of '<'",
    body: OVERLONG_LT,
    contentType: "application/xml; charset=utf-8",
    status: 415,
    error: "not-a-feed",
  },
  { name: "lone continuation bytes", body: LONE_CONTINUATION, status: 415, error: "not-a-feed" },
  { name: "a UTF-16 BOM on UTF-8 bytes", body: UTF16_BOM_ON_UTF8, status: 415, error: "not-a-feed" },
]);

describeHostile("HTML pages sent as feeds", [
  {
    name: "an HTML5 page",
    body: "<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>",
    contentType: "application/rss+xml",
    status: 415,
    error: "not-a-feed",
  },
  {
    name: "<html> with no DOCTYPE",
    body: "<html><body><p>hi</p></body></html>",
    status: 415,
    error: "not-a-feed",
  },
  {
    name: "XHTML with an XML declaration",
    body: '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
    status: 415,
    error: "not-a-feed",
  },
  {
    name: "a page behind a BOM and a comment",
    body: "\uFEFF<!-- generated --><!doctype html><html><body></body></html>",
    status: 415,
    error: "not-a-feed",
  },
]);

describeHostile("JSON with a wrong shape or version", [
  {
    name: "a JSON array",
    body: "[1, 2, 3]",
    contentType: "application/json",
    status: 415,
    error: "unsupported-format",
  },
  {
    name: "version 2",
    body: jsonFeed({ version: "https://jsonfeed.org/version/2", items: [] }),
    contentType: "application/json",
    status: 415,
    error: "unsupported-format",
  },
  {
    name: "version as a number",
    body: jsonFeed({ version: 1.1, items: [] }),
    contentType: "application/json",
    status: 415,
    error: "unsupported-format",
  },
  {
    name: "items as a string",
    body: jsonFeed({ items: "everything" }),
    contentType: "application/json",
    status: 422,
    error: "no-items",
  },
  {
    name: "items that are not objects",
    body: jsonFeed({ items: [1, "two", null, true] }),
    contentType: "application/json",
    status: 422,
    error: "no-items",
  },
  {
    name: "items with no id, link or title",
    body: jsonFeed({ items: [{}, { tags: ["x"] }] }),
    contentType: "application/json",
    status: 422,
    error: "no-usable-items",
  },
]);

describeHostile("absurd sizes in one field", [
  {
    name: "a 1 MB RSS title",
    body: rss(item(1, "T".repeat(1024 * 1024))),
    status: 422,
    error: "no-usable-items",
  },
  {
    name: "a 1 MB JSON Feed title",
    body: jsonFeed({ items: [{ id: "big", title: "Title ".repeat(180_000), content_text: "short body" }] }),
    contentType: "application/json",
    status: 422,
    error: "no-usable-items",
  },
  {
    name: "a 1 MB guid",
    body: rss(`<item><title>x</title><guid>${"g".repeat(1024 * 1024)}</guid></item>`),
    status: 422,
    error: "no-usable-items",
  },
]);

describe("DOCTYPEs that stay accepted", () => {
  it.each([
    [
      "RSS 0.91's Netscape DTD",
      rss(item(91, "Caf&eacute; ninety-one"), {
        head: '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">',
      }),
    ],
    [
      "a few internal entities that expand modestly",
      rss(item(92, "&town; &lol2;"), {
        head: '<!DOCTYPE rss [<!ENTITY town "Weaverton"><!ENTITY lol1 "&town;&town;"><!ENTITY lol2 "&lol1;&lol1;">]>',
      }),
    ],
    [
      "an external entity declared and never referred to",
      rss(item(93), { head: '<!DOCTYPE rss [<!ENTITY unused SYSTEM "file:///etc/hostname">]>' }),
    ],
  ])("%s is ingested", async (_name, body) => {
    const answer = await ingest(body, { source: "https://hostile.example.net/feed" });
    expect(answer.status).toBe(200);
    expect(answer.body.results?.map((r) => r.status)).toEqual(["new"]);
  });
});

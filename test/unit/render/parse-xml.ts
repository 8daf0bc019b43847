/** One configured fast-xml-parser for reading the rendered RSS and Atom back in tests. */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { expect } from "vitest";

const REPEATED = new Set([
  "item",
  "entry",
  "feedfold:copy",
  "category",
  "dc:creator",
  "author",
  "enclosure",
  "atom:link",
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  // Numeric character references (&#10; in attributes) are only decoded with htmlEntities on.
  htmlEntities: true,
  // Atom links repeat; RSS <link> is a single text element.
  isArray: (name, jPath) =>
    REPEATED.has(name) || (name === "link" && /^feed(\.entry)?\.link$/.test(String(jPath))),
});

// biome-ignore lint/suspicious/noExplicitAny: test access to an untyped parse tree
export type XmlTree = any;

/** Asserts the document is well-formed XML and returns its parse tree. */
export function parseWellFormed(xml: string): XmlTree {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

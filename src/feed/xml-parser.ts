import { type X2jOptions, XMLParser } from "fast-xml-parser";

/**
 * Every fast-xml-parser feedfold uses is configured here, on the same guarded base: attributes
 * kept, no value coercion ("007" stays a string), DOCTYPE entities bounded in number and size,
 * and nesting bounded. Each document kind (feeds in xml.ts, OPML in src/sources/opml.ts) adds
 * only what its shape needs.
 */

/** Internal-subset entities: at most this many, each at most this long, no references inside. */
export const MAX_DECLARED_ENTITIES = 64;
export const MAX_DECLARED_ENTITY_LENGTH = 1024;
/** Element nesting; feeds are shallow, deep nesting only comes from hostile or broken documents. */
export const MAX_NESTING_DEPTH = 64;

const GUARDED: X2jOptions = {
  ignoreAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: {
    enabled: true,
    maxEntityCount: MAX_DECLARED_ENTITIES,
    maxEntitySize: MAX_DECLARED_ENTITY_LENGTH,
  },
  maxNestedTags: MAX_NESTING_DEPTH,
};

/** A parser on the guarded base with the document kind's own options on top. */
export function guardedXmlParser(options: X2jOptions): XMLParser {
  return new XMLParser({ ...GUARDED, ...options });
}

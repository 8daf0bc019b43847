/**
 * Tiny string builders for the RSS and Atom renderers, on top of xml-escape.ts. String
 * building with one well-tested escape is simpler and faster than an XML builder object graph.
 */
import { escapeXmlAttr, escapeXmlText } from "./xml-escape";

/** Attribute values; undefined members are left out. */
export type XmlAttrs = Record<string, string | number | undefined>;

/** ` name="value"` pairs in the given order, escaped; undefined values omitted. */
export function xmlAttrs(attrs: XmlAttrs): string {
  let out = "";
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined) out += ` ${name}="${escapeXmlAttr(String(value))}"`;
  }
  return out;
}

/** `<name attrs>text</name>`, or "" when text is undefined (optional elements simply vanish). */
export function textElement(name: string, text: string | undefined, attrs: XmlAttrs = {}): string {
  if (text === undefined) return "";
  return `<${name}${xmlAttrs(attrs)}>${escapeXmlText(text)}</${name}>`;
}

/** `<name attrs/>`. */
export function emptyElement(name: string, attrs: XmlAttrs): string {
  return `<${name}${xmlAttrs(attrs)}/>`;
}

/**
 * Escaping for XML 1.0 output. Every string that reaches RSS or Atom passes through here.
 *
 * XML 1.0 §2.2 "Char" admits #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF];
 * anything else makes the document ill-formed and strict parsers (expat, feedparser's bozo)
 * reject the whole feed, so such characters are removed rather than escaped (they cannot be
 * escaped: "&#1;" is just as illegal).
 */

/** C0 controls except tab/LF/CR, U+FFFE/U+FFFF, and UTF-16 surrogates that are not part of a pair. */
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string without the characters XML 1.0 forbids. */
export function stripXmlForbidden(value: string): string {
  return value.replace(XML_FORBIDDEN, "");
}

/**
 * Character data: `&`, `<` and `>` escaped (">" too, so a "]]>" in text can never close
 * anything, XML 1.0 §2.4).
 */
export function escapeXmlText(value: string): string {
  return stripXmlForbidden(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Attribute values, double-quoted. Tab, LF and CR become character references because
 * attribute-value normalization (XML 1.0 §3.3.3) would otherwise turn them into spaces.
 */
export function escapeXmlAttr(value: string): string {
  return escapeXmlText(value)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

/**
 * A CDATA section holding `value`. A "]]>" inside would end the section early, so it is split
 * across two sections: "]]" ends the first, ">" starts the second.
 */
export function cdata(value: string): string {
  return `<![CDATA[${stripXmlForbidden(value).replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
}

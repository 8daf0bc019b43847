import { decodeAttributeEntities } from "./entities";
import { hasTabOrNewline, isCanonicalHttpUrl, resolveRootPath } from "./url-fast-path";

/** Attribute values sanitizeHtml keeps: URLs checked and made absolute, numbers checked. */

const URL_ATTRIBUTES = new Set(["href", "src", "cite", "poster"]);
const NUMERIC_ATTRIBUTES = new Set(["width", "height", "colspan", "rowspan", "start"]);
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp);base64,[a-z0-9+/=\s]*$/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const NUMBER = /^\d{1,5}%?$/;

/** Strips C0 controls and spaces from both ends (a loop: `\s+$`-style regexes are quadratic). */
function trimControls(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/**
 * A URL attribute made safe and absolute, or undefined to drop the attribute. `value` is
 * already entity-decoded; the control and space characters browsers skip are removed *before*
 * the scheme is checked, so "jav&#x61;script:" and "java\tscript:" are recognized for what
 * they are.
 */
function safeUrl(tag: string, value: string, baseUrl: string | undefined): string | undefined {
  // Most links: nothing to strip or trim (the canonical form has no tab, newline, control or
  // space) and nothing to resolve.
  if (isCanonicalHttpUrl(value)) return value;
  // WHATWG URL parsing: tab and newline vanish anywhere, C0 controls and spaces at the ends.
  const stripped = hasTabOrNewline(value) ? value.replace(/[\t\n\r]/g, "") : value;
  const trimmed = trimControls(stripped);
  if (trimmed === "") return undefined;
  const first = trimmed.charCodeAt(0) | 0x20;
  if (first === 0x64 && /^data:/i.test(trimmed)) {
    return tag === "img" && SAFE_DATA_IMAGE.test(trimmed) ? trimmed : undefined;
  }
  // Unchanged by the stripping, it was checked above.
  if (trimmed !== value && isCanonicalHttpUrl(trimmed)) return trimmed;
  if (baseUrl !== undefined && first === 0x2f) {
    const resolved = resolveRootPath(trimmed, baseUrl);
    if (resolved !== undefined) return resolved;
  }
  let absolute: URL;
  try {
    absolute = new URL(trimmed, baseUrl);
  } catch {
    // No base to resolve against: keep a relative reference, drop anything with a scheme.
    return HAS_SCHEME.test(trimmed) ? undefined : trimmed;
  }
  const scheme = absolute.protocol;
  if (scheme === "https:" || scheme === "http:") return absolute.href;
  if (scheme === "mailto:" && tag === "a") return absolute.href;
  return undefined;
}

/** Each candidate of a srcset checked like a src; candidates with unsafe URLs are dropped. */
function safeSrcset(tag: string, value: string, baseUrl: string | undefined): string | undefined {
  const candidates: string[] = [];
  for (const candidate of value.split(",")) {
    const [url, ...descriptor] = candidate.trim().split(/\s+/);
    const safe = url ? safeUrl(tag, url, baseUrl) : undefined;
    if (safe !== undefined && !safe.startsWith("data:")) candidates.push([safe, ...descriptor].join(" "));
  }
  return candidates.length === 0 ? undefined : candidates.join(", ");
}

/**
 * The value to keep for an allowed attribute (entity-decoded, unescaped), or undefined to drop
 * it. `raw` is the value as written in the document.
 */
export function safeAttribute(
  tag: string,
  name: string,
  raw: string,
  baseUrl: string | undefined,
): string | undefined {
  const value = decodeAttributeEntities(raw);
  if (URL_ATTRIBUTES.has(name)) return safeUrl(tag, value, baseUrl);
  if (name === "srcset") return safeSrcset(tag, value, baseUrl);
  if (name === "controls") return "controls";
  const trimmed = value.trim();
  if (NUMERIC_ATTRIBUTES.has(name)) return NUMBER.test(trimmed) ? trimmed : undefined;
  return trimmed;
}

/** Whether a kept value is a URL (its "=" are query syntax, not worth escaping). */
export function isUrlAttribute(name: string): boolean {
  return URL_ATTRIBUTES.has(name) || name === "srcset";
}

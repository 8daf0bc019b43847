import { hasTabOrNewline, isCanonicalHttpUrl, resolveRootPath } from "./url-fast-path";

/**
 * Resolves `href` against `base` and returns an absolute URL string, or undefined when that is
 * impossible. Tolerant of the whitespace and stray characters feeds put around links.
 * Protocol-relative links ("//host/x") take the base's scheme, or https without a base.
 */
export function resolveUrl(href: string | undefined, base?: string): string | undefined {
  if (href === undefined) return undefined;
  // Links are sometimes wrapped over lines or padded; inner whitespace is never meaningful.
  const trimmed = href.trim();
  const cleaned = hasTabOrNewline(trimmed) ? trimmed.replace(/[\t\n\r]+/g, "") : trimmed;
  // An empty href would resolve to the base itself, which is never the link a feed meant.
  if (cleaned === "") return undefined;
  if (isCanonicalHttpUrl(cleaned)) return cleaned;
  if (base !== undefined && cleaned.charCodeAt(0) === 0x2f) {
    const resolved = resolveRootPath(cleaned, base);
    if (resolved !== undefined) return resolved;
  }
  const resolved = absolute(cleaned, base);
  if (resolved !== undefined) return resolved;
  if (cleaned.startsWith("//")) return absolute(`https:${cleaned}`);
  return undefined;
}

/**
 * Schemes that run code or read local data when a reader follows the link. Every link a feed gives
 * passes through here, so none of them reaches a story, and so no output (RSS, Atom, JSON Feed,
 * HTML) can carry one. Checked on the parsed URL: "JaVa\tScript:" is "javascript:" by then.
 */
const SCRIPTING_SCHEMES = new Set(["javascript:", "vbscript:", "data:", "file:", "blob:", "filesystem:"]);

// The last base absolute() resolved, and what it resolved to: an item's links share one base,
// and parsing it again for each of them cost as much as parsing the link.
let lastBase: string | undefined;
let lastAbsoluteBase: string | undefined;

function absoluteBase(base: string): string {
  if (base !== lastBase) {
    lastAbsoluteBase = absolute(base) ?? base;
    lastBase = base;
  }
  return lastAbsoluteBase!;
}

function absolute(href: string, base?: string): string | undefined {
  try {
    const url = base === undefined ? new URL(href) : new URL(href, absoluteBase(base));
    if (SCRIPTING_SCHEMES.has(url.protocol)) return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

// Query parameters that identify a click, a campaign or a mail recipient, never the document.
const TRACKING_PARAMS = new Set([
  "fbclid",
  "gclid",
  "dclid",
  "msclkid",
  "mc_cid",
  "mc_eid",
  "igshid",
  "_hsenc",
  "_hsmi",
  "yclid",
  "ref_src",
]);

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith("utm_") || TRACKING_PARAMS.has(lower);
}

/**
 * A URL reduced to what identifies the document: http(s) only, lower-case scheme and host
 * (the URL parser does both), no default port, no fragment, no tracking parameters,
 * remaining parameters sorted. Undefined for anything else (mailto:, tag:, garbage).
 */
export function canonicalUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  if (parsed.hostname === "") return undefined;
  parsed.hash = "";
  const kept = [...parsed.searchParams].filter(([name]) => !isTrackingParam(name));
  // Sort by name only (stable), so repeated parameters keep their relative order.
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  parsed.search = new URLSearchParams(kept).toString();
  // URL keeps a bare "?" when the original had one and the search was set to empty.
  return parsed.href.endsWith("?") ? parsed.href.slice(0, -1) : parsed.href;
}

/**
 * Gzip for the cached default feeds. Pure.
 *
 * Cloudflare's edge compresses some content types on the way to every client that accepts gzip
 * (its list: developers.cloudflare.com/speed/optimization/content/brotli/content-compression/,
 * which Miniflare copies): of ours, RSS, XML and HTML, but not Atom or JSON Feed. A cache hit of
 * one of those would be compressed again on every request; it is stored compressed once instead
 * (src/store/feed-cache.ts) and sent as it is, so readers get the same document in the same
 * encoding as before, for less work per request. Atom and JSON Feed stay uncompressed, as before.
 */

import { weightOf } from "./accept";

/** The content types we serve that Cloudflare's edge compresses (media type only, lower case). */
const EDGE_COMPRESSED_TYPES: ReadonlySet<string> = new Set([
  "application/rss+xml",
  "application/xml",
  "text/xml",
  "text/html",
]);

/** Whether answers of this Content-Type go out gzip-compressed to clients that accept gzip. */
export function isEdgeCompressed(contentType: string): boolean {
  const semicolon = contentType.indexOf(";");
  const mediaType = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return EDGE_COMPRESSED_TYPES.has(mediaType);
}

/**
 * Whether an Accept-Encoding value (RFC 9110 §12.5.3) accepts gzip: `gzip` (or its alias
 * `x-gzip`) with a weight above 0, or `*` above 0 when gzip is not refused by name. No header, or
 * an empty one, answers false: identity is the one coding every client takes.
 */
export function acceptsGzip(header: string | null | undefined): boolean {
  if (!header) return false;
  let named: number | undefined;
  let wildcard: number | undefined;
  for (const member of header.split(",").slice(0, 32)) {
    const [coding = "", ...params] = member.split(";");
    const name = coding.trim().toLowerCase();
    // A malformed weight counts as a refusal: sending identity is never wrong.
    const q = weightOf(params) ?? 0;
    if (name === "gzip" || name === "x-gzip") named = Math.max(named ?? 0, q);
    else if (name === "*") wildcard = q;
  }
  if (named !== undefined) return named > 0;
  return wildcard !== undefined && wildcard > 0;
}

/**
 * The client's own Accept-Encoding. Cloudflare may replace the header a Worker sees with the
 * codings its edge speaks (Miniflare always does), and then keeps the client's value in
 * `cf.clientAcceptEncoding`; otherwise the header is the client's.
 */
export function clientAcceptEncoding(request: Request): string | null {
  const cf = (request as { cf?: { clientAcceptEncoding?: unknown } }).cf;
  if (typeof cf?.clientAcceptEncoding === "string") return cf.clientAcceptEncoding;
  return request.headers.get("Accept-Encoding");
}

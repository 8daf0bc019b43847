/**
 * Conditional GET (RFC 9110 §13): If-None-Match wins over If-Modified-Since; ETags compare weakly.
 */
export function isNotModified(headers: Headers, etag: string, lastModified: string): boolean {
  const inm = headers.get("If-None-Match");
  if (inm !== null) {
    const tags = inm.split(",").map((t) => t.trim().replace(/^W\//, ""));
    return tags.includes("*") || tags.includes(etag.replace(/^W\//, ""));
  }
  const ims = headers.get("If-Modified-Since");
  if (ims !== null) {
    const since = Date.parse(ims);
    const modified = Date.parse(lastModified);
    return (
      Number.isFinite(since) &&
      Number.isFinite(modified) &&
      Math.floor(modified / 1000) <= Math.floor(since / 1000)
    );
  }
  return false;
}

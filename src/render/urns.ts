/**
 * The URNs feedfold uses as identities in RSS guids and Atom ids. They are not URLs on purpose:
 * a story's canonical link may change when an earlier copy turns up, its identity must not
 * (RSS 2.0 guid, RFC 4287 §4.2.6 "permanent, universally unique").
 */

/** `urn:feedfold:story:<id>`, the guid / atom:id of a story. */
export function storyUrn(storyId: string): string {
  return `urn:feedfold:story:${storyId}`;
}

/** `urn:feedfold:source:<id>`, the atom:id inside an entry's <source>. */
export function sourceUrn(sourceId: string): string {
  return `urn:feedfold:source:${sourceId}`;
}

/**
 * `urn:feedfold:feed:<16 hex>`, the atom:id of the merged feed, derived from its home page URL so
 * every page and every request of the same deployment shares one id (RFC 5005 paging).
 */
export function feedUrn(homePageUrl: string): string {
  return `urn:feedfold:feed:${fnv1a64Hex(homePageUrl)}`;
}

/**
 * FNV-1a 64-bit of the UTF-16 code units, as hex. Synchronous (unlike crypto.subtle), enough to
 * tell deployments apart; not a security hash.
 */
function fnv1a64Hex(text: string): string {
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  let hash = 0xcbf29ce484222325n;
  for (let k = 0; k < text.length; k++) {
    hash ^= BigInt(text.charCodeAt(k));
    hash = (hash * prime) & mask;
  }
  return hash.toString(16).padStart(16, "0");
}

/** Why a document could not be turned into a feed at all. */
export type FeedParseErrorCode =
  | "empty"
  | "not-a-feed"
  | "malformed"
  | "unsupported-format"
  | "too-large"
  /** The DOCTYPE's entities would expand out of all proportion (billion laughs, quadratic blowup). */
  | "entity-expansion"
  /** The document refers to an entity declared with SYSTEM or PUBLIC (XXE); never fetched. */
  | "external-entity"
  /** Read leniently, and nothing usable came out: a truncated download, items that are not items. */
  | "no-items";

/**
 * The one error parseFeed throws for hopeless input. Lenient recovery (bad dates, odd
 * charsets, missing fields) never throws; it lands in ParsedFeed.warnings instead.
 */
export class FeedParseError extends Error {
  readonly code: FeedParseErrorCode;
  /** What was wrong, phrased for the person who sent the document. */
  readonly detail: string;

  constructor(code: FeedParseErrorCode, detail: string, options?: { cause?: unknown }) {
    super(`${code}: ${detail}`, options);
    this.name = "FeedParseError";
    this.code = code;
    this.detail = detail;
  }
}

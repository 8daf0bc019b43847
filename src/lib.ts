/**
 * The pure pipeline, importable without the Workers runtime (for benchmarks and outside checks):
 * the same code the Worker runs.
 */

export { FeedParseError } from "./feed/feed-parse-error";
export type { ParsedFeed, ParsedItem } from "./feed/model";
export { parseFeed } from "./feed/parse-feed";
export { fingerprintItems } from "./fold/fingerprint-items";

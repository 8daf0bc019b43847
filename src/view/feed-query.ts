/**
 * The query string of a feed view: `?limit=`, `?before=`, `?source=` and `?category=` (both
 * repeatable), `?q=`, and
 * `?changed_since=` (a sync answer, which takes `?limit=` only).
 * Expected failures are values (the route turns them into 400s); anything else in the query is
 * ignored, so a tracking parameter a reader appends does not break the feed.
 */
import { DEFAULT_LIMIT, MAX_LIMIT } from "./feed-view";
import { decodeCursor } from "./page-cursor";
import {
  MAX_CATEGORIES,
  MAX_CATEGORY_CHARS,
  MAX_QUERY_CHARS,
  MAX_SOURCES,
  MAX_WORDS,
  type StoryQuery,
  searchWords,
} from "./story-query";
import { decodeSyncCursor } from "./sync-cursor";

export interface FeedQuery extends StoryQuery {
  /** `?q=` as given (trimmed), for next_url; undefined without a query. */
  q?: string;
  /** True when the request asks for exactly the pre-rendered default view. */
  isDefault: boolean;
  /** `?changed_since=` as a change position: the request asks for a sync answer. */
  changedSince?: number;
}

export type FeedQueryResult = { ok: true; query: FeedQuery } | { ok: false; code: string; detail: string };

/** A source id as copies carry it (`source.id`): 16 lowercase hex digits. */
export const SOURCE_ID = /^[0-9a-f]{16}$/;

/**
 * Reads a feed view's query; `scopeSource` is the source of a per-source feed path, `scopeCategory`
 * the category of a category feed path.
 */
export function readFeedQuery(
  params: URLSearchParams,
  scopeSource?: string,
  scopeCategory?: string,
): FeedQueryResult {
  const rawLimit = params.get("limit");
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== null) {
    limit = Number(rawLimit);
    if (!/^\d{1,4}$/.test(rawLimit) || limit < 1 || limit > MAX_LIMIT) {
      return fail("bad-limit", `limit must be a whole number from 1 to ${MAX_LIMIT}`);
    }
  }
  const rawBefore = params.get("before");
  const before = rawBefore === null ? undefined : decodeCursor(rawBefore);
  if (rawBefore !== null && before === undefined) {
    return fail("bad-cursor", "before must be a cursor taken from a feed's next_url");
  }
  const sources = [...new Set(params.getAll("source").map((s) => s.trim().toLowerCase()))];
  for (const id of sources) {
    if (!SOURCE_ID.test(id)) {
      return fail(
        "bad-source",
        "source must be a source id (16 hex digits, as in _feedfold.copies[].source.id or GET /sources)",
      );
    }
  }
  if (scopeSource !== undefined && !sources.includes(scopeSource)) sources.unshift(scopeSource);
  if (sources.length > MAX_SOURCES) return fail("bad-source", `name at most ${MAX_SOURCES} sources`);
  const categories = [...new Set(params.getAll("category").map((name) => name.trim()))];
  if (categories.some((name) => name === "" || name.length > MAX_CATEGORY_CHARS)) {
    return fail(
      "bad-category",
      `category must be a category's name as GET /sources lists it (1 to ${MAX_CATEGORY_CHARS} characters)`,
    );
  }
  if (scopeCategory !== undefined && !categories.includes(scopeCategory)) categories.unshift(scopeCategory);
  if (categories.length > MAX_CATEGORIES)
    return fail("bad-category", `name at most ${MAX_CATEGORIES} categories`);
  const rawQ = params.get("q");
  const q = rawQ === null || rawQ.trim() === "" ? undefined : rawQ.trim();
  const words = q === undefined ? [] : searchWords(q);
  if (q !== undefined && (q.length > MAX_QUERY_CHARS || words.length > MAX_WORDS)) {
    return fail("bad-query", `q takes at most ${MAX_WORDS} words and ${MAX_QUERY_CHARS} characters`);
  }
  const filtered = sources.length > 0 || words.length > 0 || categories.length > 0;
  const rawSince = params.get("changed_since");
  const changedSince = rawSince === null ? undefined : decodeSyncCursor(rawSince.trim());
  if (rawSince !== null && changedSince === undefined) {
    return fail(
      "bad-cursor",
      "changed_since must be the _feedfold.sync_cursor of a /feed.json answer (or 0 for every story)",
    );
  }
  if (changedSince !== undefined && (filtered || before !== undefined)) {
    return fail(
      "bad-query",
      "changed_since takes only limit; before, source, category and q belong to the feed views",
    );
  }
  return {
    ok: true,
    query: {
      limit,
      before,
      sources,
      words,
      q,
      isDefault: limit === DEFAULT_LIMIT && before === undefined && !filtered && changedSince === undefined,
      ...(categories.length === 0 ? {} : { categories }),
      ...(changedSince === undefined ? {} : { changedSince }),
    },
  };
}

function fail(code: string, detail: string): FeedQueryResult {
  return { ok: false, code, detail };
}

import { DEFAULT_LIMIT, MAX_LIMIT } from "../view/feed-view";
import { decodeCursor, type PageCursor } from "../view/page-cursor";
import { HttpError } from "./http-error";

export interface FeedQuery {
  limit: number;
  before?: PageCursor;
  /** True when the request asks for exactly the pre-rendered default view. */
  isDefault: boolean;
}

/** Reads `?limit=` and `?before=`; anything else in the query is ignored. */
export function readFeedQuery(url: URL): FeedQuery {
  const rawLimit = url.searchParams.get("limit");
  const rawBefore = url.searchParams.get("before");
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== null) {
    limit = Number(rawLimit);
    if (!/^\d{1,4}$/.test(rawLimit) || limit < 1 || limit > MAX_LIMIT) {
      throw new HttpError(400, "bad-limit", `limit must be a whole number from 1 to ${MAX_LIMIT}`);
    }
  }
  let before: PageCursor | undefined;
  if (rawBefore !== null) {
    before = decodeCursor(rawBefore);
    if (!before)
      throw new HttpError(400, "bad-cursor", "before must be a cursor taken from a feed's next_url");
  }
  return { limit, before, isDefault: limit === DEFAULT_LIMIT && !before };
}

/**
 * The sources the HTML page lists: the polled ones from the source registry with their status,
 * then those only seen in copies (pushed to /ingest). Read by the publisher when it renders the
 * page, so the statuses are as of the last publish (a poll that changes no story does not
 * re-render the page; GET /sources is always current).
 */
import { toReadableUtc } from "../render/dates";
import type { HtmlPageCategory, HtmlPageSource } from "../render/html-page";
import type { SourceRef } from "../story";
import { categoryListing } from "../view/category-list";
import { sourceFeedPath } from "../view/feed-view";
import { countCategorySources } from "./categories";
import { valuesList } from "./key-list";
import { listSources, type SourceStatus } from "./source-registry";

/** Sources listed on the page at most (the page says how many more GET /sources has). */
export const PAGE_SOURCES_MAX = 50;

/**
 * The page's source list: registered ones first (in the order they were added), then those only
 * seen in copies, by title; at most PAGE_SOURCES_MAX rows read from each table.
 */
export function readPageSources(sql: SqlStorage, origin: string, now: number): HtmlPageSource[] {
  const registered = listSources(sql, now, PAGE_SOURCES_MAX);
  const refs = new Map<string, SourceRef>();
  const ids = registered.map((s) => s.id);
  if (ids.length > 0) {
    for (const row of sql.exec<{ doc: string }>(
      `SELECT s.doc FROM ${valuesList(ids.length)} AS k JOIN sources s ON s.id = k.column1`,
      ...ids,
    )) {
      const ref = JSON.parse(row.doc) as SourceRef;
      refs.set(ref.id, ref);
    }
  }
  const out: HtmlPageSource[] = registered.map((status) => {
    const ref = refs.get(status.id);
    return {
      id: status.id,
      title: status.title ?? ref?.title,
      url: ref?.homePageUrl ?? status.url,
      status: describeStatus(status),
      feedUrl: ref === undefined ? undefined : `${origin}${sourceFeedPath(status.id, "rss")}`,
    };
  });
  const room = PAGE_SOURCES_MAX - out.length;
  if (room <= 0) return out;
  const pushed = sql
    .exec<{ doc: string }>(
      `SELECT doc FROM sources WHERE id NOT IN (SELECT id FROM source_registry)
       ORDER BY lower(coalesce(json_extract(doc, '$.title'), id)) LIMIT ?`,
      room,
    )
    .toArray()
    .map((row) => JSON.parse(row.doc) as SourceRef);
  for (const ref of pushed) {
    out.push({
      id: ref.id,
      title: ref.title,
      url: ref.homePageUrl ?? ref.feedUrl,
      status: "pushed",
      feedUrl: `${origin}${sourceFeedPath(ref.id, "rss")}`,
    });
  }
  return out;
}

/** The page's category list: at most PAGE_SOURCES_MAX categories, by name (GET /sources has all). */
export function readPageCategories(sql: SqlStorage, origin: string): HtmlPageCategory[] {
  return categoryListing(countCategorySources(sql, PAGE_SOURCES_MAX), origin);
}

function describeStatus(status: SourceStatus): string {
  if (status.state === "gone") return "gone";
  if (status.lastError !== null) {
    const times = status.consecutiveErrors > 1 ? ` (${status.consecutiveErrors} times)` : "";
    return `error${times}: ${status.lastError}`;
  }
  if (status.lastFetch === null || status.lastStatus === null) return "waiting for its first poll";
  return `ok, checked ${toReadableUtc(status.lastFetch) ?? status.lastFetch}`;
}

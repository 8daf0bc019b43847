/**
 * One page of the merged feed from the fold index's SQLite, optionally filtered by source and by
 * words (`?source=`, `?q=`, per-source feeds). Rows read per call are bounded:
 * - unfiltered: `limit + 1` story rows;
 * - by source: the copies index of the named sources (`copies_by_source`), then at most
 *   `limit + 1` story rows; by category the same, for the sources in the named categories
 *   (`category_sources`, src/fold-index/categories.ts);
 * - by words: at most `SCAN_LIMIT` story rows after the cursor (SQLite pre-filters them on the
 *   ASCII words; only candidates are parsed and checked exactly), and the page's `next` cursor
 *   continues after the last row examined when the window ends first.
 */
import type { SourceRef, Story } from "../story";
import type { PageCursor } from "../view/page-cursor";
import {
  pageOf,
  prefilterWords,
  SCAN_LIMIT,
  type StoryPage,
  type StoryQuery,
  storyMatchesWords,
} from "../view/story-query";
import { inCategoriesSql, knownCategories } from "./categories";

/**
 * Migrations of the outputs module (see schema.ts `migrate`): an index that makes `?source=` and
 * the per-source feeds read only the named sources' copies.
 */
export const OUTPUT_MIGRATIONS: readonly string[] = [
  "CREATE INDEX IF NOT EXISTS copies_by_source ON copies (source_id, story_id);",
];

interface Row extends Record<string, SqlStorageValue> {
  id: string;
  sort_date: string;
  doc: string | null;
}

/** The fields `?q=` searches, lower-cased by SQLite (ASCII only) for the pre-filter. */
const SEARCHED_TEXT =
  "lower(coalesce(json_extract(doc, '$.title'), '') || ' ' || coalesce(json_extract(doc, '$.summary'), '')" +
  " || ' ' || coalesce(json_extract(doc, '$.contentText'), '') || ' ' || coalesce(json_extract(doc, '$.contentHtml'), ''))";

/** Runs a story query; see the module comment for what it reads. `scanLimit` is for tests. */
export function listStoriesPage(sql: SqlStorage, query: StoryQuery, scanLimit = SCAN_LIMIT): StoryPage {
  const where: string[] = [];
  const params: SqlStorageValue[] = [];
  if (query.before) {
    where.push("(sort_date < ? OR (sort_date = ? AND id < ?))");
    params.push(query.before.sortDate, query.before.sortDate, query.before.id);
  }
  if (query.sources.length > 0) {
    where.push(
      `id IN (SELECT story_id FROM copies WHERE source_id IN (${query.sources.map(() => "?").join(", ")}))`,
    );
    params.push(...query.sources);
  }
  const categories = query.categories ?? [];
  if (categories.length > 0) {
    where.push(inCategoriesSql(categories.length));
    params.push(...categories);
  }
  const sources = findSources(sql, query.sources);
  const found = { sources, categories: knownCategories(sql, categories) };
  const whereSql = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";

  if (query.words.length === 0) {
    const rows = sql
      .exec<Row>(
        `SELECT id, sort_date, doc FROM stories ${whereSql} ORDER BY sort_date DESC, id DESC LIMIT ?`,
        ...params,
        query.limit + 1,
      )
      .toArray();
    return { ...pageOf(rows.map(parseDoc), query.limit, { exhausted: true }), ...found };
  }

  // Every row of the window comes back (id and date, for the cursor); the document only for rows
  // that pass the pre-filter, so SQLite does the cheap rejecting and JS parses few documents.
  const ascii = prefilterWords(query.words);
  const candidate =
    ascii.length === 0 ? "1" : ascii.map(() => `instr(${SEARCHED_TEXT}, ?) > 0`).join(" AND ");
  const rows = sql
    .exec<Row>(
      `SELECT id, sort_date, CASE WHEN ${candidate} THEN doc END AS doc
       FROM (SELECT id, sort_date, doc FROM stories ${whereSql} ORDER BY sort_date DESC, id DESC LIMIT ?)
       ORDER BY sort_date DESC, id DESC`,
      ...ascii,
      ...params,
      scanLimit,
    )
    .toArray();
  const matches: Story[] = [];
  let lastScanned: PageCursor | undefined;
  for (const row of rows) {
    lastScanned = { sortDate: row.sort_date, id: row.id };
    if (row.doc === null) continue;
    const story = parseDoc(row);
    if (!storyMatchesWords(story, query.words)) continue;
    matches.push(story);
    if (matches.length > query.limit) break;
  }
  return {
    ...pageOf(matches, query.limit, { exhausted: rows.length < scanLimit, lastScanned }),
    ...found,
  };
}

function parseDoc(row: Row): Story {
  return JSON.parse(row.doc ?? "null") as Story;
}

/**
 * The named sources that exist: seen in copies (their SourceRef), else registered for polling but
 * without stories yet (so a new source's feed can be subscribed to before its first poll).
 */
function findSources(sql: SqlStorage, ids: string[]): SourceRef[] {
  if (ids.length === 0) return [];
  const marks = ids.map(() => "?").join(", ");
  const found = new Map<string, SourceRef>();
  for (const row of sql
    .exec<{ id: string; title: string | null; url: string }>(
      `SELECT id, title, url FROM source_registry WHERE id IN (${marks})`,
      ...ids,
    )
    .toArray()) {
    found.set(row.id, { id: row.id, title: row.title ?? undefined, feedUrl: row.url });
  }
  for (const row of sql
    .exec<{ doc: string }>(`SELECT doc FROM sources WHERE id IN (${marks})`, ...ids)
    .toArray()) {
    const ref = JSON.parse(row.doc) as SourceRef;
    found.set(ref.id, ref);
  }
  return ids.flatMap((id) => found.get(id) ?? []);
}

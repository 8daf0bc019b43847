/**
 * Categories of the registered sources (OPML folders and `category` attributes, `POST /sources`'s
 * `categories`), as the category feeds read them: `category_sources`, one row per (category,
 * source), kept in step with `source_registry.categories` by triggers, so every registry write
 * (add, import, delete, a source moved by a permanent redirect) keeps it right without code of its
 * own. A story is in a category when any of its copies comes from a source in it; a source seen
 * only in pushed documents has no registry entry and so no category.
 *
 * Names match exactly, case included, as the registry holds them ("News/Local" is one category;
 * it does not contain "News").
 */

/** Migrations of the "categories" module (see schema.ts `migrate`). */
export const CATEGORY_MIGRATIONS: readonly string[] = [
  `CREATE TABLE category_sources (
     category TEXT NOT NULL, source_id TEXT NOT NULL, PRIMARY KEY (category, source_id)) WITHOUT ROWID;
   INSERT OR IGNORE INTO category_sources (category, source_id)
     SELECT j.value, r.id FROM source_registry r, json_each(r.categories) j WHERE j.type = 'text';
   CREATE TRIGGER category_sources_added AFTER INSERT ON source_registry BEGIN
     INSERT OR IGNORE INTO category_sources (category, source_id)
       SELECT value, NEW.id FROM json_each(NEW.categories) WHERE type = 'text';
   END;
   CREATE TRIGGER category_sources_changed AFTER UPDATE OF id, categories ON source_registry BEGIN
     DELETE FROM category_sources
       WHERE source_id = OLD.id AND category IN (SELECT value FROM json_each(OLD.categories));
     INSERT OR IGNORE INTO category_sources (category, source_id)
       SELECT value, NEW.id FROM json_each(NEW.categories) WHERE type = 'text';
   END;
   CREATE TRIGGER category_sources_deleted AFTER DELETE ON source_registry BEGIN
     DELETE FROM category_sources
       WHERE source_id = OLD.id AND category IN (SELECT value FROM json_each(OLD.categories));
   END;`,
];

/** The SQL condition "the story `id` has a copy from a source in one of `count` categories". */
export function inCategoriesSql(count: number): string {
  const marks = Array.from({ length: count }, () => "?").join(", ");
  return `id IN (SELECT story_id FROM copies WHERE source_id IN (SELECT source_id FROM category_sources WHERE category IN (${marks})))`;
}

/** The named categories that some registered source is in, in the order named. */
export function knownCategories(sql: SqlStorage, names: readonly string[]): string[] {
  if (names.length === 0) return [];
  const found = new Set(
    sql
      .exec<{ category: string }>(
        `SELECT DISTINCT category FROM category_sources WHERE category IN (${names.map(() => "?").join(", ")})`,
        ...names,
      )
      .toArray()
      .map((row) => row.category),
  );
  return names.filter((name) => found.has(name));
}

/** Categories by name with their number of sources, at most `limit` (for the HTML page). */
export function countCategorySources(sql: SqlStorage, limit: number): Array<[string, number]> {
  return sql
    .exec<{ category: string; n: number }>(
      "SELECT category, COUNT(*) AS n FROM category_sources GROUP BY category ORDER BY category LIMIT ?",
      limit,
    )
    .toArray()
    .map((row) => [row.category, row.n]);
}

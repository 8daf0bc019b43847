import type { FoldResult } from "./incoming-copy";
import type { ItemRef, KnownBatch } from "./item-ref";

/**
 * For each ref, the story its entry belongs to when the index holds that (source, item) with the
 * same content hash, else null. One statement, a primary-key lookup per item; writes nothing.
 */
export function knownStories(
  sql: SqlStorage,
  sourceId: string,
  refs: readonly ItemRef[],
): Array<string | null> {
  if (refs.length === 0) return [];
  const held = new Map(
    sql
      .exec<{ item_key: string; story_id: string; content_hash: string }>(
        `SELECT item_key, story_id, content_hash FROM entries
         WHERE source_id = ? AND item_key IN (SELECT value FROM json_each(?))`,
        sourceId,
        JSON.stringify(refs.map((r) => r.itemKey)),
      )
      .toArray()
      .map((row) => [row.item_key, row]),
  );
  return refs.map((ref) => {
    const row = held.get(ref.itemKey);
    return row !== undefined && row.content_hash === ref.contentHash ? row.story_id : null;
  });
}

/**
 * The results of a known batch, checked again inside the fold's transaction: `stale` lists the
 * refs whose entry changed (or went) since the caller asked, which must be sent in full.
 */
export function confirmKnown(
  sql: SqlStorage,
  known: KnownBatch | undefined,
): { results: FoldResult[]; stale: number[] } {
  if (known === undefined) return { results: [], stale: [] };
  const stories = knownStories(sql, known.sourceId, known.refs);
  const stale: number[] = [];
  const results = stories.map((storyId, i): FoldResult => {
    if (storyId === null) stale.push(i);
    return { status: "unchanged", storyId: storyId ?? "" };
  });
  return { results, stale };
}

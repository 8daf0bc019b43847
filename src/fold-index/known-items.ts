import type { FoldResult } from "./incoming-copy";
import type { ItemRef, KnownBatch } from "./item-ref";
import { chunked, MAX_PARAMS, valuesList } from "./key-list";

/**
 * For each ref, the story its entry belongs to when the index holds that (source, item) with the
 * same content hash, else null. A primary-key lookup per item, a row read per item held
 * (key-list.ts); writes nothing.
 */
export function knownStories(
  sql: SqlStorage,
  sourceId: string,
  refs: readonly ItemRef[],
): Array<string | null> {
  if (refs.length === 0) return [];
  const held = new Map<string, { story_id: string; content_hash: string }>();
  for (const chunk of chunked([...new Set(refs.map((r) => r.itemKey))], MAX_PARAMS - 1)) {
    for (const row of sql.exec<{ item_key: string; story_id: string; content_hash: string }>(
      `SELECT e.item_key, e.story_id, e.content_hash FROM ${valuesList(chunk.length)} AS k
       JOIN entries e ON e.source_id = ? AND e.item_key = k.column1`,
      ...chunk,
      sourceId,
    )) {
      held.set(row.item_key, row);
    }
  }
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

/**
 * Cursors for paging the merged feed newest first. A cursor names the last story of a page by
 * its (sortDate, id), so the next page starts strictly after it however many stories arrive in
 * between: walking `next_url` returns every story once (an offset would repeat or skip).
 */
export interface PageCursor {
  sortDate: string;
  id: string;
}

const ID = /^[0-9a-f]{20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/** Encodes a cursor as URL-safe text. */
export function encodeCursor(cursor: PageCursor): string {
  return `${cursor.sortDate}_${cursor.id}`.replaceAll(":", "-");
}

/** Decodes a cursor; undefined for anything that is not one we made. */
export function decodeCursor(text: string): PageCursor | undefined {
  const at = text.lastIndexOf("_");
  if (at < 0) return undefined;
  const id = text.slice(at + 1);
  const date = text.slice(0, at);
  const sortDate = date.length >= 19 ? `${date.slice(0, 10)}${date.slice(10).replaceAll("-", ":")}` : "";
  if (!ID.test(id) || !DATE.test(sortDate)) return undefined;
  return { sortDate, id };
}

/** True when a story with this (sortDate, id) comes after the cursor, newest first. */
export function isAfterCursor(story: PageCursor, cursor: PageCursor): boolean {
  return story.sortDate < cursor.sortDate || (story.sortDate === cursor.sortDate && story.id < cursor.id);
}

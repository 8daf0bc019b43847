/**
 * The cursor of `/feed.json?changed_since=`: a change position of the fold index's change log
 * (src/fold-index/change-log.ts), as opaque URL-safe text so apps keep it rather than compute it.
 * `0` is the start of the log: `changed_since=0` walks every story.
 */

/** The cursor text of a change position. */
export function encodeSyncCursor(position: number): string {
  if (position === 0) return "0";
  const encoded = btoa(String(position)).replaceAll("+", "-").replaceAll("/", "_");
  // Base64 padding is at most "==": cut by hand, as `/=+$/` would retry from every "=".
  let end = encoded.length;
  while (end > 0 && encoded.charCodeAt(end - 1) === 0x3d) end--;
  return encoded.slice(0, end);
}

/** The change position of a cursor; undefined for anything `encodeSyncCursor` did not make. */
export function decodeSyncCursor(text: string): number | undefined {
  if (text === "0") return 0;
  if (!/^[A-Za-z0-9_-]{1,24}$/.test(text)) return undefined;
  let digits: string;
  try {
    digits = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    return undefined;
  }
  if (!/^[1-9]\d{0,14}$/.test(digits)) return undefined;
  const position = Number(digits);
  return encodeSyncCursor(position) === text ? position : undefined;
}

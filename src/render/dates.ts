/**
 * Date formatting for the renderers. Stories carry RFC 3339 UTC strings; RSS wants RFC 822
 * (RSS 2.0 "Elements of <item>": pubDate), Atom and JSON Feed want RFC 3339.
 */

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** Parses a date string into a Date, or undefined when unusable or outside years 0–9999. */
function parseDate(value: string | undefined): Date | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const d = new Date(value.trim());
  const year = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || year < 0 || year > 9999) return undefined;
  return d;
}

/**
 * RFC 3339 text as given when it already is RFC 3339 (keeping its offset and precision),
 * otherwise the parsed instant as "YYYY-MM-DDTHH:MM:SSZ"; undefined when unparsable.
 */
export function toRfc3339(value: string | undefined): string | undefined {
  const d = parseDate(value);
  if (d === undefined || value === undefined) return undefined;
  const trimmed = value.trim();
  if (RFC3339.test(trimmed)) return trimmed.replace("t", "T").replace("z", "Z");
  return d.toISOString().replace(/\.000Z$/, "Z");
}

/**
 * RFC 822 date as RSS 2.0 uses it, with a four-digit year (RFC 1123) and "+0000":
 * "Fri, 21 Jan 2022 14:52:00 +0000". Undefined when unparsable.
 */
export function toRfc822(value: string | undefined): string | undefined {
  const d = parseDate(value);
  if (d === undefined) return undefined;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCFullYear(), 4)} ${time} +0000`;
}

/**
 * A short, locale-independent reading date for the HTML page: "21 Jan 2022, 14:52 UTC".
 * Locale-independent so the page (and its ETag) does not vary with the runtime's ICU data.
 */
export function toReadableUtc(value: string | undefined): string | undefined {
  const d = parseDate(value);
  if (d === undefined) return undefined;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** RFC 3339 UTC output, and the two date forms nearly every feed writes, read without regexes. */

export function toRfc3339(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offset: number | undefined,
): string | undefined {
  if (offset === undefined || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (hour > 24 || minute > 59 || second > 60) return undefined;
  // Date.UTC maps years 0–99 to 19xx; "0001-01-01" is a placeholder, not a date, anyway.
  if (year < 1000 || year > 9999) return undefined;
  // Reject 31 February and friends instead of letting Date roll them over.
  if (day > daysInMonth(year, month)) return undefined;
  if (offset === 0 && hour < 24 && second < 60) {
    // Already UTC: written out directly, which is most feeds' dates.
    return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}Z`;
  }
  const minutes = hour * 60 + minute - offset;
  if (minutes >= 0 && minutes < 24 * 60 && second < 60) {
    // An offset that keeps the date: written out directly too.
    return `${year}-${pad2(month)}-${pad2(day)}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}:${pad2(second)}Z`;
  }
  // A leap second is folded into :59; 24:00 is the next midnight (ISO 8601).
  const ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) - offset * 60_000;
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const ENGLISH_MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

/** The number of `length` ASCII digits at `at`, or -1. */
function digitsAt(s: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const c = s.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The two forms nearly every feed writes, read without regexes: RFC 1123
 * "Wed, 01 Apr 2026 09:30:00 GMT" (or "+0200") and RFC 3339 "2026-04-01T09:30:00Z" (with
 * fraction or offset). Undefined sends the text through the general parser.
 */
export function parseCommonDate(s: string): string | undefined {
  if (s.length >= 20 && s.charCodeAt(4) === 0x2d && s.charCodeAt(10) === 0x54) {
    const [year, month, day] = [digitsAt(s, 0, 4), digitsAt(s, 5, 2), digitsAt(s, 8, 2)];
    const [hour, minute, second] = [digitsAt(s, 11, 2), digitsAt(s, 14, 2), digitsAt(s, 17, 2)];
    if (s.charCodeAt(7) !== 0x2d || s.charCodeAt(13) !== 0x3a || s.charCodeAt(16) !== 0x3a) return undefined;
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
    let at = 19;
    if (s.charCodeAt(at) === 0x2e) {
      const start = ++at;
      while (at < start + 9 && digitsAt(s, at, 1) >= 0) at++;
      if (at === start) return undefined;
    }
    const zone = s.slice(at);
    let offset: number | undefined;
    if (zone === "Z" || zone === "z") offset = 0;
    else if (zone.length === 6 && zone.charCodeAt(3) === 0x3a && (zone[0] === "+" || zone[0] === "-")) {
      const [h, m] = [digitsAt(zone, 1, 2), digitsAt(zone, 4, 2)];
      if (h < 0 || m < 0) return undefined;
      offset = (zone[0] === "-" ? -1 : 1) * (h * 60 + m);
    } else return undefined;
    return toRfc3339(year, month, day, hour, minute, second, offset);
  }
  if ((s.length === 29 || s.length === 31) && s.charCodeAt(3) === 0x2c && s.charCodeAt(4) === 0x20) {
    if (!/^[A-Za-z]{3}$/.test(s.slice(0, 3))) return undefined;
    const month = ENGLISH_MONTHS.indexOf(s.slice(8, 11).toLowerCase());
    const [day, year] = [digitsAt(s, 5, 2), digitsAt(s, 12, 4)];
    const [hour, minute, second] = [digitsAt(s, 17, 2), digitsAt(s, 20, 2), digitsAt(s, 23, 2)];
    if (month < 0 || month % 3 !== 0 || day < 0 || year < 0 || hour < 0 || minute < 0 || second < 0)
      return undefined;
    if (s[7] !== " " || s[11] !== " " || s[16] !== " " || s[19] !== ":" || s[22] !== ":" || s[25] !== " ")
      return undefined;
    const zone = s.slice(26);
    let offset: number | undefined;
    if (zone === "GMT" || zone === "UTC") offset = 0;
    else if (zone.length === 5 && (zone[0] === "+" || zone[0] === "-")) {
      const [h, m] = [digitsAt(zone, 1, 2), digitsAt(zone, 3, 2)];
      if (h < 0 || m < 0) return undefined;
      offset = (zone[0] === "-" ? -1 : 1) * (h * 60 + m);
    } else return undefined;
    return toRfc3339(year, month / 3 + 1, day, hour, minute, second, offset);
  }
  return undefined;
}

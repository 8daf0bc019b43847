/**
 * Feed dates → RFC 3339 UTC ("2022-01-21T14:52:00Z"). Every pattern below is anchored and built
 * from adjacent classes that cannot match the same characters, so matching stays linear.
 */

// English, plus the Portuguese, Spanish, German and French abbreviations localized feeds put in
// RFC 822 dates ("Seg, 24 Set 2018"), where their first three letters are unambiguous.
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  fev: 2,
  abr: 4,
  mai: 5,
  ago: 8,
  set: 9,
  out: 10,
  dez: 12,
  ene: 1,
  dic: 12,
  mrz: 3,
  mär: 3,
  okt: 10,
  avr: 4,
  aoû: 8,
  déc: 12,
  fév: 2,
};

// RFC 822 §5.1 zone names plus the abbreviations real feeds write; offsets in minutes.
const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  BST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  WEST: 60,
  EET: 120,
  EEST: 180,
  MSK: 180,
  JST: 540,
  KST: 540,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
};

// RFC 822 day month year time zone, weekday optional; tolerant of "-" separators, "Sept.", a
// missing seconds field, a 2-digit year and a comment after the zone ("+0000 (UTC)").
const RFC822 =
  /^(?:[a-zà-ÿ]{2,9}\.?,?\s?)?(\d{1,2})[\s-]([a-zà-ÿ]{3,9})\.?,?[\s-](\d{2}|\d{4})(?:[\sT,]{1,2}(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?)?(?:\s?([a-z]{1,5}|[+-]\d{4}|[+-]\d{2}:\d{2}))?(?:\s?\(.*\))?$/i;

// The US order real feeds also produce: "Friday, January 21, 2022 2:52 PM" style dates.
const MONTH_FIRST =
  /^(?:[a-z]{2,9}\.?(?:,\s?|\s))?([a-z]{3,9})\.?\s(\d{1,2}),?\s(\d{4})(?:[\s,]{1,2}(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s?([ap])\.?m\.?)?)?(?:\s?([a-z]{1,5}|[+-]\d{4}|[+-]\d{2}:\d{2}))?$/i;

// RFC 3339 / ISO 8601 / W3CDTF: year, year-month, date, date-time with optional seconds,
// fraction and zone ("Z", "+01:00", "+0100", "+01").
const ISO8601 =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;

// "2020/1/10 14:33:00": the slash form some CMSs write, read as year/month/day.
const SLASHED =
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[\sT](\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s?(Z|[a-z]{2,5}|[+-]\d{2}:?\d{2}))?$/i;

function offsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? "0");
    return numeric[1] === "-" ? -minutes : minutes;
  }
  const upper = zone.toUpperCase();
  const named = Object.hasOwn(ZONE_OFFSETS, upper) ? ZONE_OFFSETS[upper] : undefined;
  if (named !== undefined) return named;
  // RFC 2822 §4.3: RFC 822's military zones had their signs reversed in practice, so they are
  // read as UTC. Any other unknown name is read as UTC too, like a missing zone.
  return 0;
}

function twoDigitYear(year: string): number {
  const n = Number(year);
  if (year.length !== 2) return n;
  // RFC 2822 §4.3: 00–49 are 2000–2049, 50–99 are 1950–1999.
  return n < 50 ? 2000 + n : 1900 + n;
}

function toRfc3339(
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
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  // A leap second is folded into :59; 24:00 is the next midnight (ISO 8601).
  const ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) - offset * 60_000;
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function monthOf(name: string): number | undefined {
  const key = name.slice(0, 3).toLowerCase();
  return Object.hasOwn(MONTHS, key) ? MONTHS[key] : undefined;
}

/**
 * Parses a feed date in RFC 822/2822 (with real-world variants), RFC 3339/ISO 8601 or W3CDTF
 * partial forms (YYYY, YYYY-MM) into RFC 3339 UTC. A missing zone is UTC; a missing time is
 * midnight. Undefined when the text is not a date this recognizes.
 */
export function parseDate(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const text = s.trim().replace(/\s+/g, " ");
  if (text === "" || text.length > 80) return undefined;

  const iso = ISO8601.exec(text) ?? SLASHED.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, sec, zone] = iso;
    return toRfc3339(
      Number(y),
      Number(mo ?? "1"),
      Number(d ?? "1"),
      Number(h ?? "0"),
      Number(mi ?? "0"),
      Number(sec ?? "0"),
      offsetMinutes(zone),
    );
  }

  const rfc = RFC822.exec(text);
  if (rfc) {
    const [, d, monthName, y, h, mi, sec, zone] = rfc;
    const month = monthOf(monthName!);
    if (month === undefined) return undefined;
    return toRfc3339(
      twoDigitYear(y!),
      month,
      Number(d),
      Number(h ?? "0"),
      Number(mi ?? "0"),
      Number(sec ?? "0"),
      offsetMinutes(zone),
    );
  }

  const us = MONTH_FIRST.exec(text);
  if (us) {
    const [, monthName, d, y, h, mi, sec, meridiem, zone] = us;
    const month = monthOf(monthName!);
    if (month === undefined) return undefined;
    let hour = Number(h ?? "0");
    if (meridiem !== undefined) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (meridiem.toLowerCase() === "p" ? 12 : 0);
    }
    return toRfc3339(
      Number(y),
      month,
      Number(d),
      hour,
      Number(mi ?? "0"),
      Number(sec ?? "0"),
      offsetMinutes(zone),
    );
  }
  return undefined;
}

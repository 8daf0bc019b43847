/**
 * Feed dates → RFC 3339 UTC ("2022-01-21T14:52:00Z"). Every pattern below is anchored and built
 * from adjacent classes that cannot match the same characters, so matching stays linear.
 */

import { parseCommonDate, toRfc3339 } from "./rfc3339";

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
  // Accents are stripped before lookup, so "déc", "fév", "aoû" match these.
  aou: 8,
  // Hungarian ("2004-július-13"): január … december, where the first three letters differ.
  maj: 5,
  sze: 9,
  // Greek abbreviations feedparser knows ("Κυρ, 11 Ιούλ 2004"), accents stripped.
  ιαν: 1,
  φεβ: 2,
  μαρ: 3,
  μαω: 3,
  απρ: 4,
  μαι: 5,
  ιουν: 6,
  ιον: 6,
  ιουλ: 7,
  ιολ: 7,
  αυγ: 8,
  σεπ: 9,
  οκτ: 10,
  νοε: 11,
  δεκ: 12,
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
  // North American zones without the standard/daylight letter, as feedparser reads them.
  AT: -240,
  ET: -300,
  CT: -360,
  MT: -420,
  PT: -480,
};

// A zone: a name ("EST", "Etc/GMT"), an offset ("+0100", "-01:01", "+01"), or both ("GMT+01:00").
const ZONE = String.raw`(?:[a-z]{1,5}(?:/[a-z]{1,5})?(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{1,2}(?::?\d{2})?)`;

// RFC 822 day month year time zone, weekday optional; tolerant of "-" separators, "Sept.", a
// missing seconds field, a 2-digit year and a comment after the zone ("+0000 (UTC)").
const RFC822 = new RegExp(
  String.raw`^(?:\p{L}{2,9}\.?,?\s?)?(\d{1,2})[\s-](\p{L}{3,9})\.?,?[\s-](\d{2}|\d{4})(?:[\sT,]{1,2}(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?)?(?:\s?(${ZONE}))?(?:\s?\(.*\))?$`,
  "iu",
);

// asctime and its Twitter variant: "Sun Jan  4 16:29:06 2004", "Sun Jul 15 01:16:00 +0000 2012".
const ASCTIME = new RegExp(
  String.raw`^(?:[a-z]{3},?\s)?([a-z]{3,9})\s(\d{1,2})\s(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s(${ZONE}))?\s(\d{4})$`,
  "i",
);

// A month name between year and day: "2004-július-13T9:15-05:00".
const YEAR_NAME_DAY = new RegExp(
  String.raw`^(\d{4})-(\p{L}{3,12})-(\d{1,2})(?:[T\s](\d{1,2}):(\d{2})(?::(\d{2}))?)?(${ZONE})?$`,
  "iu",
);

// Korean blog software: "2004-05-25 오후 11:23:17" (오전 AM / 오후 PM) and
// "2004년 05월 28일 01:31:15", both in Korea Standard Time.
const KOREAN =
  /^(\d{4})(?:-|년\s?)(\d{1,2})(?:-|월\s?)(\d{1,2})일?\s(?:(오전|오후)\s)?(\d{1,2}):(\d{2})(?::(\d{2}))?$/u;

// ISO 8601 forms besides RFC 3339 (feedparser's templates): basic "20031231T101455Z", two-digit
// years "031231", "03-12-31", "-0312", "-03-12", ordinal "03335" / "2003-335", week "2004-W01-1",
// and the odd "2003-012-31".
const ISO_DATE_VARIANT =
  /^(?:(\d{4})-?W(\d{2})-?([1-7])?|(\d{4})-?(\d{3})|(\d{2})-?(\d{3})|(\d{4})(\d{2})(\d{2})|(\d{4})-0(\d{2})-(\d{2})|(\d{2})-?(\d{2})-?(\d{2})|-(\d{2})-?(\d{2}))$/;
const ISO_TIME = /^(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,]\d{1,9})?)?\s?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

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

/**
 * A date at a clock time read from a pattern's groups: missing hour, minute or second are 0,
 * the zone is read by offsetMinutes (missing: UTC).
 */
function atClock(
  year: number,
  month: number,
  day: number,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  zone: string | undefined,
): string | undefined {
  return toRfc3339(
    year,
    month,
    day,
    Number(hour ?? "0"),
    Number(minute ?? "0"),
    Number(second ?? "0"),
    offsetMinutes(zone),
  );
}

function offsetMinutes(rawZone: string | undefined): number | undefined {
  if (rawZone === undefined) return 0;
  // "Etc/GMT", "GMT+01:00", "UTC-5": the name only says the offset is from UTC.
  let zone = rawZone.replace(/^etc\//i, "");
  if (/^(?:gmt|utc?)[+-]/i.test(zone)) zone = zone.replace(/^[a-z]+/i, "");
  const numeric = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
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

function monthOf(name: string): number | undefined {
  const plain = name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  for (const key of [plain.slice(0, 4), plain.slice(0, 3)]) {
    if (Object.hasOwn(MONTHS, key)) return MONTHS[key];
  }
  return undefined;
}

/** Month and day of an ISO week date (ISO 8601 §4.1.4.2), as a UTC day count. */
function weekDate(year: number, week: number, weekday: number): Date {
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = new Date(jan4).getUTCDay() || 7;
  return new Date(jan4 + ((week - 1) * 7 + (weekday - jan4Weekday)) * 86_400_000);
}

function ordinalDate(year: number, day: number): Date | undefined {
  const date = new Date(Date.UTC(year, 0, day));
  return day >= 1 && date.getUTCFullYear() === year ? date : undefined;
}

/** ISO 8601 variants RFC 3339 does not allow; see ISO_DATE_VARIANT. */
function parseIsoVariant(text: string): string | undefined {
  const [datePart, timePart] = text.split(/[T\s]/, 2) as [string, string | undefined];
  const d = ISO_DATE_VARIANT.exec(datePart);
  if (!d) return undefined;
  const time = timePart === undefined ? undefined : ISO_TIME.exec(timePart);
  if (timePart !== undefined && !time) return undefined;
  let year: number;
  let month: number;
  let day: number;
  let calendar: Date | undefined;
  if (d[1] !== undefined) {
    const week = Number(d[2]);
    if (week < 1 || week > 53) return undefined;
    calendar = weekDate(Number(d[1]), week, Number(d[3] ?? "1"));
  } else if (d[4] !== undefined) calendar = ordinalDate(Number(d[4]), Number(d[5]));
  else if (d[6] !== undefined) calendar = ordinalDate(twoDigitYear(d[6]), Number(d[7]));
  if ((d[1] ?? d[4] ?? d[6]) !== undefined && calendar === undefined) return undefined;
  if (calendar !== undefined) {
    year = calendar.getUTCFullYear();
    month = calendar.getUTCMonth() + 1;
    day = calendar.getUTCDate();
  } else if (d[8] !== undefined) [year, month, day] = [Number(d[8]), Number(d[9]), Number(d[10])];
  else if (d[11] !== undefined) [year, month, day] = [Number(d[11]), Number(d[12]), Number(d[13])];
  else if (d[14] !== undefined) [year, month, day] = [twoDigitYear(d[14]), Number(d[15]), Number(d[16])];
  else [year, month, day] = [twoDigitYear(d[17]!), Number(d[18]), 1];
  return atClock(year, month, day, time?.[1], time?.[2], time?.[3], time?.[4]);
}

function parseOtherForms(text: string): string | undefined {
  const asc = ASCTIME.exec(text);
  if (asc) {
    const [, monthName, d, h, mi, sec, zone, y] = asc;
    const month = monthOf(monthName!);
    if (month === undefined) return undefined;
    return atClock(Number(y), month, Number(d), h, mi, sec, zone);
  }
  const named = YEAR_NAME_DAY.exec(text);
  if (named) {
    const [, y, monthName, d, h, mi, sec, zone] = named;
    const month = monthOf(monthName!);
    if (month === undefined) return undefined;
    return atClock(Number(y), month, Number(d), h, mi, sec, zone);
  }
  const korean = KOREAN.exec(text);
  if (korean) {
    const [, y, mo, d, meridiem, h, mi, sec] = korean;
    let hour = Number(h);
    if (meridiem === "오후" && hour < 12) hour += 12;
    if (meridiem === "오전" && hour === 12) hour = 0;
    return toRfc3339(Number(y), Number(mo), Number(d), hour, Number(mi), Number(sec ?? "0"), 540);
  }
  const perforce = /^[a-z]{3},?\s(\d{4}\/.*)$/i.exec(text);
  if (perforce) return parseSlashed(perforce[1]!);
  return parseIsoVariant(text);
}

/**
 * Parses a feed date in RFC 822/2822 (with real-world variants), RFC 3339/ISO 8601 or W3CDTF
 * partial forms (YYYY, YYYY-MM) into RFC 3339 UTC. A missing zone is UTC; a missing time is
 * midnight. Undefined when the text is not a date this recognizes.
 */
export function parseDate(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const common = parseCommonDate(s);
  if (common !== undefined) return common;
  const text = s.trim().replace(/\s+/g, " ");
  if (text === "" || text.length > 80) return undefined;

  const iso = ISO8601.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, sec, zone] = iso;
    return atClock(Number(y), Number(mo ?? "1"), Number(d ?? "1"), h, mi, sec, zone);
  }

  const slashed = parseSlashed(text);
  if (slashed !== undefined) return slashed;

  const rfc = RFC822.exec(text);
  if (rfc) {
    const [, d, monthName, y, h, mi, sec, zone] = rfc;
    const month = monthOf(monthName!);
    if (month === undefined) return undefined;
    return atClock(twoDigitYear(y!), month, Number(d), h, mi, sec, zone);
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
  return parseOtherForms(text);
}

function parseSlashed(text: string): string | undefined {
  const m = SLASHED.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, zone] = m;
  return atClock(Number(y), Number(mo), Number(d), h, mi, sec, zone);
}

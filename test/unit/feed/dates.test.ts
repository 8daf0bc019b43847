import { describe, expect, it } from "vitest";
import { parseDate } from "../../../src/feed/dates";
import { countSteps } from "../fuzz/work-counter";

describe("parseDate", () => {
  it.each([
    // RFC 822 / 2822 and real-world variants
    ["Fri, 21 Jan 2022 14:52:00 GMT", "2022-01-21T14:52:00Z"],
    ["Fri, 21 Jan 2022 14:52:00 +0000", "2022-01-21T14:52:00Z"],
    ["21 Jan 2022 14:52:00 +0100", "2022-01-21T13:52:00Z"],
    ["Fri, 21 Jan 2022 14:52 -0230", "2022-01-21T17:22:00Z"],
    ["Fri, 21 Jan 22 14:52:00 GMT", "2022-01-21T14:52:00Z"],
    ["Sun, 21 Jan 99 14:52:00 GMT", "1999-01-21T14:52:00Z"],
    ["Fri, 21 Jan 2022 09:52:00 EST", "2022-01-21T14:52:00Z"],
    ["Thu, 21 Jul 2022 07:52:00 PDT", "2022-07-21T14:52:00Z"],
    ["Fri, 21 Jan 2022 14:52:00 UT", "2022-01-21T14:52:00Z"],
    ["Fri, 21 Jan 2022 14:52:00 Z", "2022-01-21T14:52:00Z"],
    // RFC 2822 §4.3: military zones other than Z are read as UTC.
    ["Fri, 21 Jan 2022 14:52:00 Q", "2022-01-21T14:52:00Z"],
    ["Fri, 21 Jan 2022 14:52:00", "2022-01-21T14:52:00Z"],
    ["  Fri,   21  Jan   2022  14:52:00   GMT ", "2022-01-21T14:52:00Z"],
    ["Fri, 21 Jan 2022 14:52:00 +0000 (UTC)", "2022-01-21T14:52:00Z"],
    ["Fri, 1 Sept 2023 06:00:00 GMT", "2023-09-01T06:00:00Z"],
    ["Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40Z"],
    ["Friday, January 21, 2022 2:52 PM", "2022-01-21T14:52:00Z"],
    ["2020/1/10 14:33:00", "2020-01-10T14:33:00Z"],
    // RFC 3339 / ISO 8601 / W3CDTF
    ["2022-01-21T14:52:00Z", "2022-01-21T14:52:00Z"],
    ["2022-01-21T15:52:00+01:00", "2022-01-21T14:52:00Z"],
    ["2022-01-21T15:52:00+0100", "2022-01-21T14:52:00Z"],
    // Offsets that move the date, forward and back, across a month and a year.
    ["2022-01-21T00:30:00+01:00", "2022-01-20T23:30:00Z"],
    ["2022-02-28T23:30:00-01:00", "2022-03-01T00:30:00Z"],
    ["2021-12-31T23:59:59-00:01", "2022-01-01T00:00:59Z"],
    ["Sat, 01 Jan 2022 00:30:00 +0100", "2021-12-31T23:30:00Z"],
    ["2022-01-21T14:52:00.123456Z", "2022-01-21T14:52:00Z"],
    ["2022-01-21T14:52:00", "2022-01-21T14:52:00Z"],
    ["2022-01-21 14:52", "2022-01-21T14:52:00Z"],
    ["2022-01-21", "2022-01-21T00:00:00Z"],
    ["2022-01", "2022-01-01T00:00:00Z"],
    ["2022", "2022-01-01T00:00:00Z"],
  ])("%s → %s", (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([
    "",
    "yesterday",
    "2022-13-01",
    "2022-02-30",
    "31 Foo 2022 10:00:00 GMT",
    "0001-01-01T00:00:00Z",
  ])("rejects %j", (input) => {
    expect(parseDate(input)).toBeUndefined();
  });

  it("reads long adversarial input a bounded number of times", () => {
    const inputs = [
      `${"1".repeat(50_000)}x`,
      `Fri, ${" ".repeat(50_000)}x`,
      `2022-01-21T${"0".repeat(50_000)}`,
    ];
    for (const input of inputs) {
      expect(parseDate(input)).toBeUndefined();
      // Counted, not timed: a rescan from each position would read ~50,000 times the length.
      expect(countSteps(parseDate, input)).toBeLessThanOrEqual(4 * input.length);
    }
  });
});

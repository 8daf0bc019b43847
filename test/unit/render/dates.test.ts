import { describe, expect, it } from "vitest";
import { toReadableUtc, toRfc822, toRfc3339 } from "../../../src/render/dates";

describe("toRfc822", () => {
  it("formats an RFC 3339 instant as RSS 2.0 wants it, in UTC", () => {
    expect(toRfc822("2022-01-21T14:52:00Z")).toBe("Fri, 21 Jan 2022 14:52:00 +0000");
    expect(toRfc822("2024-03-01T01:30:05+02:00")).toBe("Thu, 29 Feb 2024 23:30:05 +0000");
    expect(toRfc822("0999-12-31T00:00:00Z")).toBe("Tue, 31 Dec 0999 00:00:00 +0000");
  });

  it("returns undefined for missing or unparsable dates", () => {
    expect(toRfc822(undefined)).toBeUndefined();
    expect(toRfc822("")).toBeUndefined();
    expect(toRfc822("yesterday-ish")).toBeUndefined();
  });
});

describe("toRfc3339", () => {
  it("passes RFC 3339 text through, keeping its offset and precision", () => {
    expect(toRfc3339("2024-10-20T11:40:00+02:00")).toBe("2024-10-20T11:40:00+02:00");
    expect(toRfc3339("2024-10-20T11:40:00.250Z")).toBe("2024-10-20T11:40:00.250Z");
    expect(toRfc3339("2024-10-20t11:40:00z")).toBe("2024-10-20T11:40:00Z");
  });

  it("normalizes other parsable forms to UTC seconds and rejects the rest", () => {
    expect(toRfc3339("2024-10-20")).toBe("2024-10-20T00:00:00Z");
    expect(toRfc3339("2024-10-20T11:40:00.123Z ")).toBe("2024-10-20T11:40:00.123Z");
    expect(toRfc3339("not a date")).toBeUndefined();
    expect(toRfc3339("+275760-09-13T00:00:00Z")).toBeUndefined();
  });
});

describe("toReadableUtc", () => {
  it("is locale-independent", () => {
    expect(toReadableUtc("2024-10-20T08:05:00Z")).toBe("20 Oct 2024, 08:05 UTC");
  });
});

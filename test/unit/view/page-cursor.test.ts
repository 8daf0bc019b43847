import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, isAfterCursor } from "../../../src/view/page-cursor";

describe("page cursors", () => {
  it("round-trip through URL-safe text", () => {
    const cursor = { sortDate: "2026-11-04T12:00:00.000Z", id: "0123456789abcdef0123" };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[0-9A-Za-z_.-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
    expect(decodeCursor(encodeURIComponent(text))).toEqual(cursor);
  });

  it.each([
    "",
    "nonsense",
    "2026-11-04T12-00-00Z_XYZ",
    "2026-11-04_0123456789abcdef0123",
    "_0123456789abcdef0123",
  ])("refuses %j", (text) => {
    expect(decodeCursor(text)).toBeUndefined();
  });

  it("orders newest first, id breaking ties", () => {
    const cursor = { sortDate: "2026-11-04T12:00:00Z", id: "5".repeat(20) };
    expect(isAfterCursor({ sortDate: "2026-11-03T12:00:00Z", id: "9".repeat(20) }, cursor)).toBe(true);
    expect(isAfterCursor({ sortDate: "2026-11-04T12:00:00Z", id: "4".repeat(20) }, cursor)).toBe(true);
    expect(isAfterCursor({ sortDate: "2026-11-04T12:00:00Z", id: "5".repeat(20) }, cursor)).toBe(false);
    expect(isAfterCursor({ sortDate: "2026-11-05T00:00:00Z", id: "0".repeat(20) }, cursor)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { normalizeTitle, stripSiteSuffix } from "../../../src/fold/title";

describe("stripSiteSuffix", () => {
  it.each([
    ["Port strike enters day two - Harbour Daily", ["Harbour Daily"]],
    ["Port strike enters day two | Harbour Daily", ["harbour daily"]],
    ["Port strike enters day two – HARBOUR DAILY", ["Harbour Daily"]],
    ["Port strike enters day two — Harbour Daily", ["Harbour  Daily"]],
    ["Port strike enters day two :: HarbourDaily", ["Harbour Daily"]],
    ["Port strike enters day two - Harbour Daily", ["https://www.harbourdaily.example/feed.xml"]],
    ["Port strike enters day two | Example.com", ["example.com"]],
    ["Port strike enters day two | Example", ["https://example.com/"]],
  ])("drops the site from %j", (title, sites) => {
    expect(stripSiteSuffix(title, sites)).toBe("Port strike enters day two");
  });

  it("strips only the last segment", () => {
    expect(stripSiteSuffix("Strike - Day two | Harbour Daily", ["Harbour Daily"])).toBe("Strike - Day two");
  });

  it.each([
    ["Port strike - what comes next", ["Harbour Daily"]],
    ["Port strike | Quay Review", ["Harbour Daily", "harbourdaily.example"]],
    ["Harbour Daily", ["Harbour Daily"]],
    [" - Harbour Daily", ["Harbour Daily"]],
    ["Port strike-Harbour Daily", ["Harbour Daily"]],
    ["Port strike - Harbour Daily", []],
  ])("leaves %j unchanged", (title, sites) => {
    expect(stripSiteSuffix(title, sites)).toBe(title);
  });
});

describe("normalizeTitle", () => {
  it("normalizes like body text, on one line", () => {
    expect(normalizeTitle("  Dockworkers’ “Night” Shifts —\nＴｗｏ ")).toBe(
      'dockworkers\' "night" shifts - two',
    );
  });
});

import { describe, expect, it } from "vitest";
import * as tuning from "../../../src/fold/tuning";
import * as decision from "../../../src/fold-index/fold-decision";

describe("the fold's tuning", () => {
  // fold-decision.ts still declares these two; until it imports them from tuning.ts, the copies must agree.
  it("has the values the fold index uses", () => {
    expect(decision.MAX_CANDIDATES).toBe(tuning.MAX_CANDIDATES);
    expect(decision.LEARN_MIN_STORIES).toBe(tuning.LEARN_MIN_STORIES);
  });
});

/**
 * Credit, byline and sign-up lines: the rules whose patterns were rewritten (or replaced by a scan)
 * so that the static ReDoS check can prove them. Each case is a line the rule must drop and a
 * near miss it must keep, so a rewrite that widens or narrows a rule fails here.
 */
import { describe, expect, it } from "vitest";
import { stripBoilerplate } from "../../../src/fold/boilerplate";
import { matchLines } from "../../../src/fold/match-text";
import { normalizeLines } from "../../../src/fold/normalize";

const BODY = "The ferry council met on Tuesday and agreed a new winter timetable for the island route.";

/** The match lines of a credit line placed between two body paragraphs. */
const between = (line: string) => matchLines(normalizeLines(`${BODY}\n${line}\n${BODY}`));
const dropped = (line: string) => expect(between(line)).toEqual(normalizeLines(`${BODY}\n${BODY}`));
const kept = (line: string) => expect(between(line)).toHaveLength(3);

describe("agency credits", () => {
  it.each([
    "(AP)",
    "AFP",
    "Reuters / Jane Doe",
    "AFP/Getty Images",
    "AP Photo/John Smith",
    "(dpa Images: Harbour Desk)",
    "Xinhua photo",
    `AP Photo / ${"x".repeat(40)}`,
  ])("drops %j", dropped);

  it.each(["APA", "AP (file)", "AFP said", `AP Photo / ${"x".repeat(41)}`, "Reuters (Jane Doe)", "((AP))"])(
    "keeps %j",
    kept,
  );
});

describe("photo credits", () => {
  it.each(["Photo: Harbour Desk", "Photo by Jane Doe", "Foto © Hafenamt", "Image credits: the council"])(
    "drops %j",
    dropped,
  );
  it.each([
    "Photography matters to the island",
    "Photobyline of the week",
    "Photoby Jane Doe",
    "Photo bylines are short",
  ])("keeps %j", kept);
});

describe("a byline at the start", () => {
  const opening = (line: string) => matchLines(normalizeLines(`${line}\n${BODY}`));
  // Each with a number, so that it is not also taken for a kicker (a short line without facts).
  it.each([
    "By Jane Doe, 3 March",
    "Von Anna Weber, 2026",
    "Texto: Juan Pérez 7",
    `By ${"j".repeat(49)}1`,
  ])("drops %j", (line) => expect(opening(line)).toEqual(normalizeLines(BODY)));
  it.each([
    `By ${"j".repeat(50)}1`,
    "By the river on 3 March.",
    "Bypass closed for 3 days",
  ])("keeps %j", (line) => expect(opening(line)).toHaveLength(2));
});

describe("sign-up lines at the end", () => {
  const ending = (line: string) => stripBoilerplate(normalizeLines(`${BODY}\n${line}`), {});
  it.each([
    "Sign up for our newsletter",
    "Join us on Telegram",
    "Register for updates",
    "Join the channel",
  ])("drops %j", (line) => expect(ending(line)).toEqual(normalizeLines(BODY)));
  it.each(["Join the newsletters team", "Registered updates", "Joining the channel"])("keeps %j", (line) =>
    expect(ending(line)).toHaveLength(2));
});

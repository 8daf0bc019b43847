import { describe, expect, it } from "vitest";
import { stripBoilerplate } from "../../../src/fold/boilerplate";
import { normalizeLines } from "../../../src/fold/normalize";

const TITLE = "Crane operators vote to extend the strike";
const BODY = [
  "Crane operators at the northern terminal voted on Friday to extend their strike by another week.",
  "The vote passed with a large majority, according to the union's own count of the ballots.",
];

function strip(text: string, context: { title?: string; sourceTitle?: string } = { title: TITLE }): string[] {
  return stripBoilerplate(normalizeLines(text), context);
}

const normalizedBody = normalizeLines(BODY.join("\n"));

describe("stripBoilerplate: removed from the end", () => {
  it.each([
    ["the title repeated and a Source line", `${TITLE}\nSource: Some Blog`],
    ["a scraped footer", `${TITLE}\nSource: Some Blog\n\nPost a Comment\n\n0 Comments`],
    [
      "comment counters",
      "No comments\n12 Comments\nComments (3)\nComments\nLeave a reply\nComments are closed.",
    ],
    [
      "attribution lines",
      "via Harbour Daily\nOriginally published at harbour.example\nPhoto: Port Authority",
    ],
    ["an article-was-published line", "This article was originally published on The Quay Review."],
    [
      "read-more lines",
      "Read more »\nContinue reading “Crane operators vote” at Harbour Daily\n[…]\nRead the full story",
    ],
    [
      "share prompts",
      "Share this:\nShare on Facebook\nTweet\nLike this:\nLike Loading...\nClick to share on X (Opens in new window)",
    ],
    ["a Blogger share bar", "Email This BlogThis! Share to Twitter Share to Facebook Share to Pinterest"],
    [
      "a WordPress footer",
      "The post Crane operators vote to extend the strike appeared first on Harbour Daily.",
    ],
    ["link-list headings, subscribe and ads", "Related\nSubscribe to our newsletter\nAdvertisement"],
    [
      "tags, copyright and separators",
      "Labels: strike, port\n© 2024 Harbour Daily. All rights reserved.\n* * *",
    ],
    ["the site name alone", "Some Blog\nNewer Post Older Post Home"],
    ["a Blogger byline", "Posted by Some Blog at 3:10 AM"],
    ["a copyright line", "Copyright 2024 by Harbour Daily"],
  ])("%s", (_name, footer) => {
    expect(strip(`${BODY.join("\n\n")}\n\n${footer}`, { title: TITLE, sourceTitle: "Some Blog" })).toEqual(
      normalizedBody,
    );
  });

  it("removes the title repeated at the start", () => {
    expect(strip(`${TITLE}\n${BODY.join("\n")}`)).toEqual(normalizedBody);
  });

  it("recognises the title without its site suffix and with other punctuation", () => {
    expect(
      strip(`${BODY.join("\n")}\n“Crane operators vote to extend the strike.”`, {
        title: `${TITLE} | Some Blog`,
        sourceTitle: "Some Blog",
      }),
    ).toEqual(normalizedBody);
  });

  it("strips a trailing excerpt marker but keeps the sentence", () => {
    expect(
      strip("The union will meet again on Monday to decide [&hellip;]".replace("&hellip;", "…")),
    ).toEqual(["the union will meet again on monday to decide"]);
  });
});

describe("stripBoilerplate: body text is kept", () => {
  it("keeps a long last paragraph that starts with 'Source' or mentions comments", () => {
    const last = [
      "Sources close to the negotiations said the union would accept a two-week pause if the port authority agreed to restore night crews.",
      "Source: a senior official at the port authority, who asked not to be named because the talks are confidential, confirmed the offer on Friday evening.",
      "The mayor declined to comment on the vote, saying that comments from city hall could only harm the mediation now under way.",
    ];
    for (const paragraph of last) {
      const lines = normalizeLines(`${BODY.join("\n")}\n${paragraph}`);
      expect(stripBoilerplate(lines, { title: TITLE })).toEqual(lines);
    }
  });

  it("keeps short sentences that only start like boilerplate", () => {
    for (const sentence of [
      "Sources said talks would resume on Monday.",
      "Share prices of the terminal operator fell 4 percent.",
      "Read the response from the ministry in full below.",
      "Posted on a union forum, the letter drew hundreds of replies.",
      "More than forty ships are waiting.",
      "Via Baltica trucks were also stopped at the gate.",
      "Posted by the union online, the letter drew replies.",
      "Copyright lawyers for the union were not available.",
    ]) {
      const lines = normalizeLines(`${BODY.join("\n")}\n${sentence}`);
      expect(stripBoilerplate(lines, { title: TITLE })).toEqual(lines);
    }
  });

  it("stops at the first line that is not boilerplate", () => {
    const lines = normalizeLines(`${BODY.join("\n")}\nRead more\nThe strike continues.\nPost a Comment`);
    expect(stripBoilerplate(lines, { title: TITLE })).toEqual([
      ...normalizedBody,
      "read more",
      "the strike continues.",
    ]);
  });

  it("does nothing to an empty list", () => {
    expect(stripBoilerplate([], {})).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import type { ParsedItem } from "../../../src/feed/model";
import { estimatedJaccard } from "../../../src/fold/fingerprint";
import { fingerprintItems } from "../../../src/fold/fingerprint-items";
import {
  bloggerRepostHtml,
  FOLLOW_UP_BLOCKS,
  FOLLOW_UP_TITLE,
  publisherHtml,
  STRIKE_BLOCKS,
  STRIKE_TITLE,
  scrapedPageText,
} from "./port-strike-article";

function item(fields: Partial<ParsedItem>): ParsedItem {
  return { authors: [], tags: [], attachments: [], ...fields };
}

const publisherCopy = item({ title: STRIKE_TITLE, contentHtml: publisherHtml(STRIKE_BLOCKS) });
const bloggerCopy = item({
  title: STRIKE_TITLE,
  contentHtml: bloggerRepostHtml(STRIKE_TITLE, STRIKE_BLOCKS),
});
const scrapedCopy = item({ title: STRIKE_TITLE, contentText: scrapedPageText(STRIKE_TITLE, STRIKE_BLOCKS) });

describe("fingerprintItems: copies of one article", () => {
  it("gives the publisher's HTML, a Blogger repost and a scraped page one exact fingerprint", async () => {
    const [publisher, blogger, scraped] = await fingerprintItems([publisherCopy, bloggerCopy, scrapedCopy]);
    expect(publisher!.exact).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(blogger!.text).toBe(publisher!.text);
    expect(scraped!.text).toBe(publisher!.text);
    expect(blogger!.exact).toBe(publisher!.exact);
    expect(scraped!.exact).toBe(publisher!.exact);
    expect(estimatedJaccard(blogger!.near, publisher!.near)).toBe(1);
  });

  it("keeps the article's own last paragraph and drops only the reposts' footers", async () => {
    const [publisher, scraped] = await fingerprintItems([publisherCopy, scrapedCopy]);
    expect(publisher!.text.startsWith("dockworkers at port halvard stopped loading ships")).toBe(true);
    expect(publisher!.text.endsWith("later described as a turning point.")).toBe(true);
    expect(scraped!.text).not.toContain("some blog");
    expect(scraped!.text).not.toContain("comment");
    expect(publisher!.words).toBeGreaterThan(350);
  });

  it("folds the copies also when the feed's title is known and the repost's title carries it", async () => {
    const retitled = item({
      title: `${STRIKE_TITLE} | Some Blog`,
      contentHtml: bloggerRepostHtml(STRIKE_TITLE, STRIKE_BLOCKS),
    });
    const [publisher] = await fingerprintItems([publisherCopy]);
    const [repost] = await fingerprintItems([retitled], { sourceTitle: "Some Blog" });
    expect(repost!.exact).toBe(publisher!.exact);
  });

  it("gives a different article from the same blog, with the same footer, another fingerprint", async () => {
    const followUp = item({
      title: FOLLOW_UP_TITLE,
      contentHtml: bloggerRepostHtml(FOLLOW_UP_TITLE, FOLLOW_UP_BLOCKS),
    });
    const [strike, other] = await fingerprintItems([bloggerCopy, followUp]);
    expect(other!.exact).toBeDefined();
    expect(other!.exact).not.toBe(strike!.exact);
    expect(estimatedJaccard(other!.near, strike!.near)).toBeLessThan(0.2);
  });
});

describe("fingerprintItems: short and empty bodies", () => {
  it("never folds two one-line items with the same body but different titles", async () => {
    const body = "<p>Watch the full interview on our video channel.</p>";
    const [a, b, c] = await fingerprintItems([
      item({ title: "Harbour mayor on the strike", contentHtml: body }),
      item({ title: "Fishing cooperatives on the strike", contentHtml: body }),
      item({ title: "Harbour mayor on the strike", contentHtml: body }),
    ]);
    expect(a!.text).toBe(b!.text);
    expect(a!.exact).toBeDefined();
    expect(a!.exact).not.toBe(b!.exact);
    expect(c!.exact).toBe(a!.exact);
  });

  it("gives no exact fingerprint to an empty body or one that is only boilerplate", async () => {
    const results = await fingerprintItems([
      item({ title: "Empty" }),
      item({ title: "Whitespace", contentHtml: "<p> &nbsp; </p><br/>" }),
      item({ title: "Footer only", contentText: "Read more\n\nPost a Comment\n\n0 Comments" }),
      item({ title: "Title only", contentHtml: "<h1>Title only</h1>" }),
    ]);
    for (const result of results) {
      expect(result.text).toBe("");
      expect(result.exact).toBeUndefined();
      expect("exact" in result).toBe(false);
      expect(result.near).toEqual([]);
    }
  });

  it("gives no exact fingerprint to a short body without a title", async () => {
    const [untitled] = await fingerprintItems([item({ contentText: "Crane seven is back in service." })]);
    expect(untitled!.text).toBe("crane seven is back in service.");
    expect(untitled!.exact).toBeUndefined();
  });

  it("falls back to contentText, then to the summary", async () => {
    const [fromText, fromSummary] = await fingerprintItems([
      item({ title: "t", contentHtml: "  ", contentText: "Plain body text here." }),
      item({ title: "t", summary: "<p>Summary &amp; more.</p>" }),
    ]);
    expect(fromText!.text).toBe("plain body text here.");
    expect(fromSummary!.text).toBe("summary & more.");
  });
});

describe("fingerprintItems: stability across releases", () => {
  // Pinned values: if these change, every stored story's fingerprint changes with them and
  // already-folded copies stop matching new ones. Change only with a migration.
  it("pins the exact fingerprint of a long body and of a short titled body", async () => {
    const longBody = Array.from(
      { length: 4 },
      () => "The ferry to Vesterby left on time, said the harbour master.",
    ).join("<br/>");
    const [long, short] = await fingerprintItems([
      item({ title: "Ferry", contentHtml: `<p>${longBody}</p>` }),
      item({ title: "Crane Seven", contentText: "Crane seven is back in service." }),
    ]);
    expect(long!.words).toBe(44);
    expect(long!.exact).toBe("sha256:5a55d34ab97bdcc50e029fedfee45e8a0651a411e306d86e087a64719a8d250b");
    expect(short!.exact).toBe("sha256:eb4d79c874447cb2eecc35ae2d0e4e79fea05f53b0e90e42a084d50541436fe4");
  });

  it("returns the same result for the same items every time", async () => {
    const first = await fingerprintItems([publisherCopy, bloggerCopy]);
    const second = await fingerprintItems([publisherCopy, bloggerCopy]);
    expect(second).toEqual(first);
  });
});

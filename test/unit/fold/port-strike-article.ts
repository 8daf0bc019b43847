/**
 * An invented news article (no real events or people), written for these tests, and the
 * markup variants that syndication produces of it: a publisher's RSS body, a Blogger repost
 * and a scraped plain-text page. Each block is a paragraph, or a heading when it starts with "#".
 */

export const STRIKE_TITLE = "Dockworkers at Port Halvard walk out over ‘unsafe’ night shifts";

export const STRIKE_BLOCKS: readonly string[] = [
  "Dockworkers at Port Halvard stopped loading ships at dawn on Tuesday, leaving more than forty vessels idling in the outer harbour as a dispute over night-shift staffing came to a head.",
  "The Halvard Stevedores’ Union said its members would stay off the cranes until the port authority restored two-person crews on every night rotation — a rule quietly dropped in March.",
  "# Why did the talks collapse?",
  "Negotiators met for eleven hours on Monday without agreeing on a timetable. Union secretary Mirela Ostrand called the final offer “an insult dressed up as a compromise,” adding that crane operators had worked alone through three winters of ice storms.",
  "The port authority’s chief executive, Tobias Lien, said the single-operator rule had been approved by safety inspectors and that the walkout was “premature and damaging to the whole region.”",
  "# Shippers count the cost",
  "Freight agents estimated that each idle day costs importers roughly 2.4 million crowns in demurrage fees. Two grain carriers have already diverted to the smaller terminal at Vesterby, where berths are booked weeks ahead.",
  "Fishing cooperatives, whose cold-storage sheds sit inside the strike zone, warned that their catch would spoil by Thursday unless refrigeration crews were allowed through the picket lines…",
  "# What happens next?",
  "The regional labour mediator has invited both sides to resume talks on Wednesday morning. Ostrand said the union would attend but would not suspend the strike during negotiations.",
  "Lien, meanwhile, said the authority was prepared to hire temporary crews from neighbouring ports if the stoppage lasted beyond the weekend, a move the union described as strike-breaking.",
  "Residents of the harbour district brought coffee and bread to the picket lines on Tuesday afternoon, and several local shops hung banners in support of the dockworkers.",
  "A spokesperson for the national transport ministry said the government was “following the situation closely” but had no plans to intervene while mediation was under way, noting that the dispute concerned working conditions rather than wages.",
  "Crane operators on the picket line described nights spent alone in cabins forty metres above the quay, with radios that often failed in heavy snow. One veteran operator said he had asked for a second crew member “every single week since March” and never received a written answer.",
  "The last major stoppage at Port Halvard, in the winter of 2009, lasted nineteen days and ended with a pay agreement that both sides later described as a turning point.",
];

/** Same facts, different article: a follow-up from the same blog, sharing only its footer. */
export const FOLLOW_UP_TITLE = "Port Halvard talks resume as grain ships wait";

export const FOLLOW_UP_BLOCKS: readonly string[] = [
  "Talks between the Halvard Stevedores’ Union and the port authority resumed on Wednesday under the regional labour mediator, a day after dockworkers walked off the cranes.",
  "Neither side spoke to reporters on the way in. A spokesperson for the mediator said the first session would focus on crew sizes and would not touch pay.",
  "Shipping agents said three more vessels had anchored outside the harbour overnight, bringing the queue to forty-six ships.",
];

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The publisher's own body: <p> and <h2>, typographic quotes and dashes as characters. */
export function publisherHtml(blocks: readonly string[]): string {
  return blocks
    .map((block) =>
      block.startsWith("# ") ? `<h2>${escapeHtml(block.slice(2))}</h2>` : `<p>${escapeHtml(block)}</p>`,
    )
    .join("\n");
}

/**
 * A Blogger repost: one <div>, paragraphs separated by <br /><br />, headings as <b> lines,
 * apostrophes and dashes as entities, the title repeated at the end in a centred div, then
 * "Source: <a>Some Blog</a>".
 */
export function bloggerRepostHtml(title: string, blocks: readonly string[]): string {
  const body = blocks
    .map((block) => {
      const html = escapeHtml(block.startsWith("# ") ? block.slice(2) : block)
        .replace(/’/g, "&#8217;")
        .replace(/—/g, "&mdash;")
        .replace(/…/g, "&hellip;");
      return block.startsWith("# ") ? `<b>${html}</b><br /><br />\n` : `${html}<br /><br />\n`;
    })
    .join("");
  return (
    `<div dir="ltr" style="text-align: left;" trbidi="on">\n${body}<br />\n` +
    `<div style="text-align:center"><b>${escapeHtml(title)}</b></div>\n` +
    `Source: <a href="https://example.org/strike?utm_source=someblog">Some Blog</a></div>`
  );
}

/** A scraped page as plain text: blank lines between paragraphs and the page's footer. */
export function scrapedPageText(title: string, blocks: readonly string[]): string {
  const body = blocks.map((block) => (block.startsWith("# ") ? block.slice(2) : block)).join(" \n\n");
  return `${body}\n\n\n\n${title}\nSource: Some Blog\n\nPost a Comment\n\n0 Comments`;
}

import type { ParsedFeed } from "../feed/model";
import { canonicalUrl } from "../feed/urls";
import { sha256Hex } from "../fold/sha256";
import type { SourceRef } from "../story";

export class MissingSourceError extends Error {
  constructor() {
    super("the document does not say which feed or site it comes from");
    this.name = "MissingSourceError";
  }
}

/**
 * Who published a document: `?source=` when given (the document may not identify itself, as a
 * scraped page does not), else its self link, else its home page. The id is a hash of the
 * canonical URL, so the same feed reached as http/https or with tracking parameters is one source.
 */
export async function identifySource(feed: ParsedFeed, declared: string | undefined): Promise<SourceRef> {
  const url = declared ?? feed.feedUrl ?? feed.homePageUrl;
  const canonical = url ? canonicalUrl(url) : undefined;
  if (!canonical) throw new MissingSourceError();
  return {
    id: (await sha256Hex(`source\n${canonical}`)).slice(0, 16),
    title: feed.title,
    homePageUrl: feed.homePageUrl,
    feedUrl: feed.feedUrl ?? url,
  };
}

/** Names a title suffix may carry for this source: its title and host ("Example News", "example.com"). */
export function siteNamesOf(source: SourceRef): string[] {
  const names = new Set<string>();
  if (source.title) names.add(source.title);
  for (const u of [source.homePageUrl, source.feedUrl]) {
    if (!u) continue;
    try {
      const host = new URL(u).hostname.toLowerCase();
      names.add(host);
      names.add(host.replace(/^www\./, ""));
    } catch {
      // an unparsable URL names nothing
    }
  }
  return [...names];
}

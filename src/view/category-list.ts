/**
 * The categories as GET /sources and the HTML page list them: each name once, by name, with the
 * number of registered sources in it and its feeds. Pure.
 */
import type { HtmlPageCategory } from "../render/html-page";
import { categoryFeedPath } from "./feed-view";

/** One category: its name, the number of registered sources in it, its three feeds. */
export type CategoryListing = HtmlPageCategory;

/** The listing of categories counted elsewhere (the fold index counts them for the page). */
export function categoryListing(counts: Iterable<[string, number]>, origin: string): CategoryListing[] {
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, sources]) => ({
      name,
      sources,
      feeds: {
        rss: `${origin}${categoryFeedPath(name, "rss")}`,
        atom: `${origin}${categoryFeedPath(name, "atom")}`,
        json: `${origin}${categoryFeedPath(name, "json")}`,
      },
    }));
}

/** Counts the categories of the given sources (GET /sources, which holds them all already). */
export function countCategories(
  sources: ReadonlyArray<{ categories: readonly string[] }>,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const source of sources) {
    for (const name of new Set(source.categories)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

import { identifySource } from "../ingest/source-identity";

/**
 * The registry id of a feed URL: the id `identifySource` gives a document ingested under that
 * URL (a hash of its canonical form), so a registry entry and the copies it brings agree.
 */
export async function sourceIdOf(url: string): Promise<string> {
  const ref = await identifySource({ format: "rss2.0", authors: [], items: [], warnings: [] }, url);
  return ref.id;
}

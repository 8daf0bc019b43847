import type { Story } from "../story";
import type { StoryPage, StoryQuery } from "../view/story-query";
import { type ChangePage, listChanges, syncPositionOf } from "./change-log";
import { listStoriesPage } from "./list-stories";
import { mergedInto } from "./merge-stories";

/**
 * The fold index's reading role: the views rendered from it (later pages, filters, per-source and
 * category feeds, `?changed_since=`), single stories and the counts /healthz shows. Reads only.
 */
export class StoryReader {
  constructor(private readonly sql: SqlStorage) {}

  /**
   * One page of stories newest first, strictly after `query.before`, optionally only those with a
   * copy from `query.sources` and containing `query.words` (bounded; see list-stories.ts).
   */
  listStories(query: StoryQuery): StoryPage {
    const page = listStoriesPage(this.sql, query);
    return {
      ...page,
      syncPosition: syncPositionOf(
        this.sql,
        page.stories.map((s) => s.id),
      ),
    };
  }

  /** The stories created or changed after change position `after`, oldest first (change-log.ts). */
  listChanges(after: number, limit: number): ChangePage {
    return listChanges(this.sql, after, limit);
  }

  /** The survivor an absorbed story id was merged into (its id keeps answering with a redirect). */
  mergedInto(id: string): string | undefined {
    return mergedInto(this.sql, id);
  }

  getStory(id: string): Story | undefined {
    const row = this.sql.exec<{ doc: string }>("SELECT doc FROM stories WHERE id = ?", id).toArray()[0];
    return row ? (JSON.parse(row.doc) as Story) : undefined;
  }

  /** Counts for /healthz and the demo seeding: cheap, indexed. */
  stats(): { stories: number; copies: number; entries: number } {
    const n = (q: string) => this.sql.exec<{ n: number }>(q).one().n;
    return {
      stories: n("SELECT COUNT(*) AS n FROM stories"),
      copies: n("SELECT COUNT(*) AS n FROM copies"),
      entries: n("SELECT COUNT(*) AS n FROM entries"),
    };
  }
}

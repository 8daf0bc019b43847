/**
 * The merged feed as one server-rendered HTML5 page (GET /): no JavaScript, inline CSS, light
 * and dark schemes. hono/jsx escapes every text and attribute value; links taken from feeds
 * are only emitted for http(s) URLs so a "javascript:" link in a source never becomes clickable.
 */
import type { Child } from "hono/jsx";
import type { Copy, Story } from "../story";
import { toReadableUtc, toRfc3339 } from "./dates";
import type { FeedMeta } from "./feed-meta";
import { HTML_PAGE_CSS } from "./html-page-style";
import { canonicalCopy, copySourceName, otherCopies, storyExcerpt } from "./story-text";
import { truncateText } from "./text-html";
import { httpUrlOrUndefined } from "./urls";
import { stripXmlForbidden } from "./xml-escape";

/** The page's icon, served by the Worker (an explicit icon spares browsers a /favicon.ico 404). */
export const FAVICON_PATH = "/favicon.svg";

/** A source as the page lists it (a subset of what GET /sources returns). */
export interface HtmlPageSource {
  id: string;
  title?: string;
  url?: string;
  status?: string;
  /** This source's own feed (`/sources/{id}/feed.xml`), when it has stories. */
  feedUrl?: string;
}

/** A category as the page lists it, with its feed. */
export interface HtmlPageCategory {
  name: string;
  /** Registered sources in it. */
  sources: number;
  feeds: { rss: string; atom: string; json: string };
}

function MaybeLink(props: { href: string | undefined; children: Child }) {
  const href = httpUrlOrUndefined(props.href);
  return href === undefined ? <span>{props.children}</span> : <a href={href}>{props.children}</a>;
}

function AlsoIn(props: { copies: Copy[] }) {
  const named = props.copies.filter((copy) => copySourceName(copy) !== undefined);
  if (named.length === 0) return null;
  return (
    <p class="also">
      Also in:{" "}
      {named.map((copy, index) => (
        <>
          {index > 0 ? ", " : ""}
          <MaybeLink href={copy.url}>{copySourceName(copy)}</MaybeLink>
        </>
      ))}
    </p>
  );
}

/** Other stories about the same event (related coverage), strongest first. */
function RelatedCoverage(props: { related: Story["related"] }) {
  const related = props.related ?? [];
  if (related.length === 0) return null;
  return (
    <div class="also related">
      Related coverage:
      <ul>
        {related.map((r) => (
          <li>
            <MaybeLink href={r.url}>{r.title?.trim() || "Untitled"}</MaybeLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

function StoryEntry(props: { story: Story }) {
  const { story } = props;
  const excerpt = storyExcerpt(story);
  const title = story.title?.trim() || (excerpt === undefined ? "Untitled" : truncateText(excerpt, 80));
  const date = story.datePublished ?? story.sortDate;
  const canonical = canonicalCopy(story);
  const sourceName = canonical === undefined ? undefined : copySourceName(canonical);
  const datetime = toRfc3339(date);
  return (
    <li>
      <article>
        <h3>
          <MaybeLink href={story.url}>{title}</MaybeLink>
        </h3>
        <p class="meta">
          {datetime === undefined ? null : <time datetime={datetime}>{toReadableUtc(date)}</time>}
          {datetime !== undefined && sourceName !== undefined ? " · " : null}
          {sourceName === undefined ? null : (
            <MaybeLink href={canonical?.source.homePageUrl}>{sourceName}</MaybeLink>
          )}
        </p>
        {excerpt === undefined ? null : <p class="excerpt">{excerpt}</p>}
        <AlsoIn copies={otherCopies(story)} />
        <RelatedCoverage related={story.related} />
      </article>
    </li>
  );
}

function SourceList(props: { sources: HtmlPageSource[] }) {
  return (
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading">Sources</h2>
      {props.sources.length === 0 ? (
        <p class="empty">No sources yet.</p>
      ) : (
        <ul class="sources">
          {props.sources.map((source) => (
            <li>
              <MaybeLink href={source.url}>{source.title?.trim() || source.url || source.id}</MaybeLink>
              {source.status === undefined ? null : <span class="status"> — {source.status}</span>}
              {source.feedUrl === undefined ? null : (
                <>
                  {" "}
                  <a class="status" href={source.feedUrl}>
                    (its stories as RSS)
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CategoryList(props: { categories: HtmlPageCategory[] }) {
  return (
    <section aria-labelledby="categories-heading">
      <h2 id="categories-heading">Categories</h2>
      <ul class="sources">
        {props.categories.map((category) => (
          <li>
            <a href={category.feeds.rss}>{category.name}</a>
            <span class="status">
              {" "}
              — {category.sources} {category.sources === 1 ? "source" : "sources"}; its stories as{" "}
              <a href={category.feeds.rss}>RSS</a>, <a href={category.feeds.atom}>Atom</a>,{" "}
              <a href={category.feeds.json}>JSON Feed</a>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function FeedLinks(props: { meta: FeedMeta }) {
  const { feedUrls } = props.meta;
  return (
    <ul class="feeds">
      <li>
        <a href={feedUrls.rss}>RSS</a>
      </li>
      <li>
        <a href={feedUrls.atom}>Atom</a>
      </li>
      <li>
        <a href={feedUrls.json}>JSON Feed</a>
      </li>
    </ul>
  );
}

/**
 * A feed opened in a browser (see src/http/accept.ts): which feed it is and the address to give
 * a feed reader, selectable in one click (no script: `user-select: all`).
 */
export interface FeedPageInfo {
  /** "RSS" or "Atom". */
  formatName: string;
  subscribeUrl: string;
}

function SubscribeBox(props: { feed: FeedPageInfo }) {
  const { feed } = props;
  return (
    <section class="subscribe" aria-labelledby="subscribe-heading">
      <p id="subscribe-heading">
        <strong>This is a feed.</strong> You are reading its {feed.formatName} stories as a page; to follow
        them, copy this address into your feed reader:
      </p>
      <code class="feed-url">{feed.subscribeUrl}</code>
    </section>
  );
}

function Page(props: {
  stories: Story[];
  meta: FeedMeta;
  sources: HtmlPageSource[] | undefined;
  categories: HtmlPageCategory[] | undefined;
  feed: FeedPageInfo | undefined;
}) {
  const { stories, meta, sources, categories, feed } = props;
  const updated = toRfc3339(meta.updated);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{feed === undefined ? meta.title : `${meta.title} (${feed.formatName} feed)`}</title>
        {meta.description === undefined ? null : <meta name="description" content={meta.description} />}
        <link
          rel="alternate"
          type="application/rss+xml"
          title={`${meta.title} (RSS)`}
          href={meta.feedUrls.rss}
        />
        <link
          rel="alternate"
          type="application/atom+xml"
          title={`${meta.title} (Atom)`}
          href={meta.feedUrls.atom}
        />
        <link
          rel="alternate"
          type="application/feed+json"
          title={`${meta.title} (JSON Feed)`}
          href={meta.feedUrls.json}
        />
        <link rel="icon" type="image/svg+xml" href={meta.icon ?? FAVICON_PATH} />
        <style dangerouslySetInnerHTML={{ __html: HTML_PAGE_CSS }} />
      </head>
      <body>
        <a class="skip" href="#stories">
          Skip to stories
        </a>
        <header>
          <h1>
            <a href={meta.homePageUrl}>{meta.title}</a>
          </h1>
          {meta.description === undefined ? null : <p>{meta.description}</p>}
          <nav aria-label="Feeds">
            <FeedLinks meta={meta} />
          </nav>
          {feed === undefined ? null : <SubscribeBox feed={feed} />}
        </header>
        <main>
          <section id="stories" aria-labelledby="stories-heading">
            <h2 id="stories-heading">Latest stories</h2>
            {stories.length === 0 ? (
              <p class="empty">No stories yet.</p>
            ) : (
              <ol class="stories">
                {stories.map((story) => (
                  <StoryEntry story={story} />
                ))}
              </ol>
            )}
            {meta.nextUrl === undefined ? null : (
              <p>
                <a href={meta.nextUrl} rel="next">
                  Older stories
                </a>
              </p>
            )}
          </section>
          {sources === undefined ? null : <SourceList sources={sources} />}
          {categories === undefined || categories.length === 0 ? null : (
            <CategoryList categories={categories} />
          )}
        </main>
        <footer>
          <p>
            Subscribe: <a href={meta.feedUrls.rss}>RSS</a> · <a href={meta.feedUrls.atom}>Atom</a> ·{" "}
            <a href={meta.feedUrls.json}>JSON Feed</a>
          </p>
          <p>
            {updated === undefined ? null : (
              <>
                Updated <time datetime={updated}>{toReadableUtc(updated)}</time>.{" "}
              </>
            )}
            Made by {meta.generator ?? "feedfold"}, which folds copies of one article into one story.
          </p>
        </footer>
      </body>
    </html>
  );
}

/**
 * The merged feed as a complete HTML5 document. Stories are shown in the order given; `sources`,
 * when given, adds a section listing them with their polling status, `categories` one listing
 * the categories with their feeds, and `feed` the subscribe box of a feed opened in a browser.
 */
export function renderHtmlPage(
  stories: Story[],
  meta: FeedMeta,
  sources?: HtmlPageSource[],
  categories?: HtmlPageCategory[],
  feed?: FeedPageInfo,
): string {
  const body = (
    <Page stories={stories} meta={meta} sources={sources} categories={categories} feed={feed} />
  ).toString();
  // Only async components make toString() return a Promise; this page has none.
  if (typeof body !== "string") throw new TypeError("renderHtmlPage: unexpected async rendering");
  // Controls and noncharacters are HTML parse errors too; drop them as the XML feeds do.
  return `<!DOCTYPE html>\n${stripXmlForbidden(body)}`;
}

/**
 * The XSLT 1.0 stylesheet served at /feed.xsl. The RSS and Atom feeds point at it with
 * `<?xml-stylesheet type="text/xsl" href="/feed.xsl"?>`, so a person who opens a feed in a browser
 * sees a short page (what a feed is, the stories, their copies) instead of raw XML; feed readers
 * ignore the instruction. One stylesheet handles both formats. It must be served from the feeds'
 * own origin: browsers apply only same-origin stylesheets.
 *
 * RSS `<description>` holds HTML-escaped plain text (see rss.ts), so it is copied with
 * `disable-output-escaping`: the escapes become text again, never markup. Browsers that ignore
 * that attribute show the escapes literally, which is ugly but safe.
 */
import { HTML_PAGE_CSS } from "./html-page-style";

/** Extra rules for the feed preview, on top of the HTML page's stylesheet. */
const PREVIEW_EXTRA_CSS = `
.about { background: var(--card); border: 1px solid var(--rule); border-radius: 6px; padding: 0.75rem 1rem; }
.about code { overflow-wrap: anywhere; }
`;

/** The preview's one inline stylesheet, exactly; the feeds' CSP allows it by its hash. */
export const FEED_PREVIEW_CSS = HTML_PAGE_CSS + PREVIEW_EXTRA_CSS;

export const FEED_XSL = `<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:feedfold="https://feedfold.dev/ns/1.0"
  exclude-result-prefixes="atom dc feedfold">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="title" select="rss/channel/title | atom:feed/atom:title"/>
    <xsl:variable name="home" select="rss/channel/link | atom:feed/atom:link[@rel='alternate']/@href"/>
    <xsl:variable name="self" select="rss/channel/atom:link[@rel='self']/@href | atom:feed/atom:link[@rel='self']/@href"/>
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <style>${FEED_PREVIEW_CSS}</style>
      </head>
      <body>
        <header>
          <h1><xsl:value-of select="$title"/></h1>
          <p class="about">This is a news feed. Copy its address into a feed reader to follow it:
            <code><xsl:value-of select="$self"/></code></p>
        </header>
        <main>
          <section aria-labelledby="stories-heading">
            <h2 id="stories-heading">Stories</h2>
            <ol class="stories">
              <xsl:apply-templates select="rss/channel/item | atom:feed/atom:entry"/>
            </ol>
          </section>
        </main>
        <footer>
          <p>
            <xsl:call-template name="safe-link">
              <xsl:with-param name="href" select="$home"/>
              <xsl:with-param name="text" select="'Read it as a web page'"/>
            </xsl:call-template>
          </p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item | atom:entry">
    <xsl:variable name="link" select="link | atom:link[@rel='alternate']/@href"/>
    <li>
      <article>
        <h3>
          <xsl:call-template name="safe-link">
            <xsl:with-param name="href" select="$link"/>
            <xsl:with-param name="text" select="title | atom:title"/>
          </xsl:call-template>
        </h3>
        <p class="meta">
          <xsl:value-of select="pubDate | atom:published"/>
          <xsl:if test="feedfold:copies/feedfold:copy[1]/@source-title">
            <xsl:text> · </xsl:text>
            <xsl:value-of select="feedfold:copies/feedfold:copy[1]/@source-title"/>
          </xsl:if>
        </p>
        <xsl:choose>
          <xsl:when test="atom:summary">
            <p class="excerpt"><xsl:value-of select="atom:summary"/></p>
          </xsl:when>
          <xsl:when test="description">
            <p class="excerpt"><xsl:value-of select="description" disable-output-escaping="yes"/></p>
          </xsl:when>
        </xsl:choose>
        <xsl:if test="count(feedfold:copies/feedfold:copy) &gt; 1">
          <p class="also">Also in:
            <xsl:for-each select="feedfold:copies/feedfold:copy[position() &gt; 1]">
              <xsl:if test="position() &gt; 1">, </xsl:if>
              <xsl:call-template name="safe-link">
                <xsl:with-param name="href" select="@url"/>
                <xsl:with-param name="text" select="@source-title | @url[not(../@source-title)]"/>
              </xsl:call-template>
            </xsl:for-each>
          </p>
        </xsl:if>
      </article>
    </li>
  </xsl:template>

  <!-- Only http(s) links become clickable: a "javascript:" URL from a source stays text. -->
  <xsl:template name="safe-link">
    <xsl:param name="href"/>
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="starts-with($href, 'https://') or starts-with($href, 'http://')">
        <a href="{$href}"><xsl:value-of select="$text"/></a>
      </xsl:when>
      <xsl:otherwise><span><xsl:value-of select="$text"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
`;

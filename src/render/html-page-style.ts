/**
 * The HTML page's stylesheet, inlined so the page is one request. System fonts, a readable
 * measure, colours with at least 4.5:1 contrast (WCAG AA) in both schemes.
 */
export const HTML_PAGE_CSS = `
:root {
  color-scheme: light dark;
  --bg: #fdfdfc; --fg: #1b1b1f; --muted: #52525b; --link: #0b57b0; --visited: #6a3ea1;
  --rule: #d9d9de; --card: #ffffff; --accent: #b4460a;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #121316; --fg: #ececef; --muted: #a9a9b3; --link: #8ab8ff; --visited: #c9a7ff;
    --rule: #33343a; --card: #1a1b1f; --accent: #ffa066;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
}
a { color: var(--link); text-underline-offset: 0.15em; }
a:visited { color: var(--visited); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--card); padding: 0.5rem; }
header, main, footer { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem; }
header { border-bottom: 1px solid var(--rule); }
header h1 { margin: 0.5rem 0 0.25rem; font-size: 1.75rem; line-height: 1.2; }
header h1 a, header h1 a:visited { color: inherit; text-decoration: none; }
header p { margin: 0.25rem 0; color: var(--muted); }
nav ul, .feeds { list-style: none; padding: 0; margin: 0.5rem 0 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; }
h2 { font-size: 1.1rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin: 1.5rem 0 0.5rem; }
ol.stories { list-style: none; padding: 0; margin: 0; }
ol.stories > li { padding: 1rem 0; border-bottom: 1px solid var(--rule); }
article h3 { margin: 0 0 0.25rem; font-size: 1.2rem; line-height: 1.3; overflow-wrap: anywhere; }
.meta, .also { margin: 0.25rem 0; font-size: 0.9rem; color: var(--muted); }
.excerpt { margin: 0.5rem 0; overflow-wrap: anywhere; }
.sources { padding-left: 1.25rem; }
.sources li { margin: 0.25rem 0; overflow-wrap: anywhere; }
.status { font-size: 0.85rem; color: var(--muted); }
.empty { color: var(--muted); }
.subscribe { margin: 1rem 0 0; padding: 0.75rem 1rem; background: var(--card); border: 1px solid var(--rule); border-radius: 6px; }
.subscribe p { margin: 0.25rem 0; color: var(--fg); }
.feed-url { display: block; padding: 0.4rem 0.5rem; border: 1px solid var(--rule); border-radius: 4px; overflow-wrap: anywhere; user-select: all; font: 0.95rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
footer { border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.9rem; }
@media (max-width: 30rem) {
  header h1 { font-size: 1.4rem; }
  article h3 { font-size: 1.05rem; }
}
`;

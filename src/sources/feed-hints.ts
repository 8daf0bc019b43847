/**
 * A feed's own word on how often to poll it: RSS 2.0 `<ttl>` (minutes) and the RSS 1.0
 * syndication module (`sy:updatePeriod` hourly|daily|weekly|monthly|yearly divided by
 * `sy:updateFrequency`). Read with a scan of the head of the document, before any parse, so a
 * feed skipped as unchanged costs no parse. Seconds, or undefined when the feed says nothing.
 */
const PERIOD_S: Record<string, number> = {
  hourly: 3600,
  daily: 86_400,
  weekly: 604_800,
  monthly: 2_592_000,
  yearly: 31_536_000,
};

const HEAD_CHARS = 8192;

export function feedIntervalHintS(text: string): number | undefined {
  const head = text.slice(0, HEAD_CHARS);
  const hints: number[] = [];
  const ttl = /<ttl>\s*(\d+)\s*<\/ttl>/i.exec(head);
  if (ttl) hints.push(Number(ttl[1]) * 60);
  const period = /<(?:[\w-]+:)?updatePeriod>\s*(\w+)\s*</i.exec(head);
  if (period) {
    const seconds = PERIOD_S[period[1]!.toLowerCase()];
    const freq = /<(?:[\w-]+:)?updateFrequency>\s*(\d+)\s*</i.exec(head);
    const n = freq ? Math.max(1, Number(freq[1])) : 1;
    if (seconds) hints.push(Math.round(seconds / n));
  }
  const positive = hints.filter((h) => h > 0);
  return positive.length ? Math.max(...positive) : undefined;
}

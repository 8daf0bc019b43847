/**
 * The one shape of feedfold's logs: one JSON object per line, `event` first, then flat fields
 * (numbers and short strings; status counts spread as `new`, `unchanged`, …). `wrangler tail`
 * prints each as one line, `wrangler tail --format json` and Workers Logs index the fields, and
 * `jq 'select(.event == "poll")'` filters them. Every log line of src/ goes through here. Events:
 * `ingest` (one per /ingest batch), `poll` (one per source polled), `poll-cycle` (one per cron run
 * or /admin/poll), `poll-retry`, `misconfigured`, `unhandled-error`, `fold-index-error`,
 * `publish-error` (a publish to KV failed; the alarm retries it), and the warnings `feed-cache-write-failed`, `feed-cache-purge-failed`,
 * `websub-ping-failed`.
 */
export type LogLevel = "info" | "warn" | "error";

export function logEvent(
  event: string,
  fields: Record<string, unknown> = {},
  level: LogLevel = "info",
): void {
  const record: Record<string, unknown> = { event };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (key === "counts" && value && typeof value === "object") Object.assign(record, value);
    else record[key] = value;
  }
  const line = JSON.stringify(record);
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

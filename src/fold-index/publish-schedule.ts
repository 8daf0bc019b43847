import { logEvent } from "../log-event";
import type { Publisher } from "./publisher";

/** When a publish fails (KV unavailable), the alarm tries again this much later. */
const RETRY_PUBLISH_MS = 5_000;

/**
 * The fold index's publishing role: folding and publishing are decoupled. An ingest answers once
 * its fold is committed and the alarm is set; the alarm publishes everything marked dirty since
 * the last publish, at most once per `PUBLISH_MIN_INTERVAL_MS` (KV takes one write per second per
 * key). The dirty marks and the alarm are durable, so a crash between the commit and the publish
 * is repaired when the alarm runs again (the runtime retries an alarm whose handler did not
 * finish).
 */
export class PublishSchedule {
  /** The alarm this instance last set and that has not run yet (a mirror of storage, to skip calls). */
  private alarmAt: number | undefined;

  constructor(
    private readonly storage: DurableObjectStorage,
    readonly publisher: Publisher,
  ) {}

  /**
   * Sets the alarm for the next allowed publish when something is dirty, unless one is already
   * set at or before it: a burst of ingests shares one publish and one KV write.
   */
  async schedule(): Promise<void> {
    if (!this.publisher.hasPending()) return;
    const at = this.publisher.nextAllowedAt();
    if (this.alarmAt !== undefined && this.alarmAt <= at) return;
    await this.setAlarmAt(at);
  }

  /**
   * The alarm: publishes every dirty mark (waiting for a publish already running, so when it
   * returns all that was committed before is in KV); a failed publish keeps the marks and tries
   * again later.
   */
  async run(): Promise<void> {
    this.alarmAt = undefined;
    try {
      await this.publisher.publish();
    } catch (err) {
      logEvent("publish-error", { message: String(err).slice(0, 500) }, "error");
      // Retried every RETRY_PUBLISH_MS for as long as KV refuses (the runtime's own retries of a
      // failed alarm stop after six).
      await this.setAlarmAt(Date.now() + RETRY_PUBLISH_MS).catch(() => this.storageGone());
      return;
    }
    // Marks committed while this publish ran wait for the next allowed one.
    await this.schedule().catch(() => this.storageGone());
  }

  /**
   * setAlarm failed: the object is being reset (storage broken, or aborted). Its dirty marks are
   * durable and the next instance's first ingest or the runtime's retry of this alarm publishes
   * them; throwing here would only leave a rejection nobody awaits.
   */
  private storageGone(): void {
    this.alarmAt = undefined;
  }

  private async setAlarmAt(at: number): Promise<void> {
    this.alarmAt = at;
    await this.storage.setAlarm(at);
  }
}

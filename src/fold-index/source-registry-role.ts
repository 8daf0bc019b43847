import * as registry from "./source-registry";

type Limits = { maxSources: number; intervalS: number };

/**
 * The fold index's source registry role (source-registry.ts): the feeds to poll and their polling
 * state. Each call is one synchronous transaction, so overlapping crons and redelivered queue
 * messages cannot claim a source twice.
 */
export class SourceRegistry {
  constructor(private readonly storage: DurableObjectStorage) {}

  add(entry: registry.SourceEntry, limits: Limits): registry.AddResult {
    return this.storage.transactionSync(() =>
      registry.addSource(this.storage.sql, entry, Date.now(), limits),
    );
  }

  import(
    entries: registry.SourceEntry[],
    limits: Limits,
  ): { added: string[]; updated: string[]; full: string[] } {
    return this.storage.transactionSync(() =>
      registry.importSources(this.storage.sql, entries, Date.now(), limits),
    );
  }

  delete(id: string): boolean {
    return this.storage.transactionSync(() => registry.deleteSource(this.storage.sql, id));
  }

  list(): registry.SourceStatus[] {
    return registry.listSources(this.storage.sql, Date.now());
  }

  /** Registers the SOURCES var's feeds (if new), then claims what is due: one call per cycle. */
  claim(options: { seeds: registry.SourceEntry[]; intervalS: number; limit: number; force: boolean }): {
    jobs: registry.PollJob[];
    due: number;
  } {
    const sql = this.storage.sql;
    const now = Date.now();
    return this.storage.transactionSync(() => {
      registry.seedSources(sql, options.seeds, now, options.intervalS);
      return registry.claimDue(sql, { now, limit: options.limit, force: options.force });
    });
  }

  recordPoll(id: string, claim: string, patch: registry.PollPatch): boolean {
    return this.storage.transactionSync(() => registry.recordPoll(this.storage.sql, id, claim, patch));
  }
}

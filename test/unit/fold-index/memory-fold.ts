/**
 * The fold index's decision run on an in-memory store: the same `decideFold` and verification the
 * Durable Object runs inside its SQLite transaction, with the writes of fold-batch.ts mirrored in
 * maps. For unit tests and bench/fold.bench.mjs (Node has no SQLite here). Counts index reads.
 */

import type { MatchFeatures } from "../../../src/fold/match-features";
import {
  countBatchEdgeLines,
  decideFold,
  type EdgeKeys,
  edgeKeysOnce,
  type FoldLookup,
  LEARN_MIN_STORIES,
} from "../../../src/fold-index/fold-decision";
import type { IncomingCopy } from "../../../src/fold-index/incoming-copy";

export interface MemoryFoldResult {
  status: "new" | "duplicate" | "updated" | "unchanged";
  storyId: string;
  match: string;
  score?: number;
}

export class MemoryFold {
  reads = 0;
  private readonly entries = new Map<string, string>();
  /** (source, url key) pairs seen: a second item of one source under one URL. */
  private readonly sourceUrls = new Set<string>();
  /** Stories absorbed by a merge, and into which. */
  readonly merges = new Map<string, string>();
  private readonly urls = new Map<string, string>();
  private readonly ids = new Map<string, string>();
  private readonly fingerprints = new Map<string, string>();
  private readonly bands = new Map<number, Set<string>>();
  private readonly features = new Map<string, MatchFeatures[]>();
  private readonly lines = new Map<string, number>();
  private readonly splits = new Map<string, Set<string>>();
  private nextId = 1;

  /** With `exactOnly`, only same-url, same-id and exact fingerprints fold (the baseline). */
  constructor(private readonly options: { exactOnly?: boolean } = {}) {}

  private readonly lookup: FoldLookup = {
    storyByUrl: (key) => this.urls.get(key),
    sourceHasUrl: (sourceId, urlKey) => this.sourceUrls.has(`${sourceId}\n${urlKey}`),
    storyByGlobalId: (key) => this.ids.get(key),
    storyByFingerprint: (fp) => this.fingerprints.get(fp),
    candidateStories: (keys, limit) => {
      if (this.options.exactOnly) return [];
      const hits = new Map<string, number>();
      for (const key of keys) {
        for (const story of this.bands.get(key) ?? []) hits.set(story, (hits.get(story) ?? 0) + 1);
      }
      return [...hits]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, limit)
        .map(([story]) => story);
    },
    storedFeatures: (storyId) => this.features.get(storyId) ?? [],
    refusedStories: (keys) => new Set(keys.flatMap((k) => [...(this.splits.get(k) ?? [])])),
  };

  /** Folds a batch as fold-batch.ts does (learned lines from history plus the batch). */
  foldBatch(batch: readonly IncomingCopy[]): MemoryFoldResult[] {
    const fresh = batch.filter((c) => !this.entries.has(`${c.source.id}\n${c.itemKey}`));
    const edgeKeys = edgeKeysOnce();
    const batchCounts = countBatchEdgeLines(fresh, edgeKeys);
    const starters: IncomingCopy[] = [];
    const results = batch.map((copy) =>
      this.foldOne(copy, batchCounts.get(copy.source.id), starters, edgeKeys),
    );
    for (const copy of starters) {
      for (const key of edgeKeys(copy)) {
        const k = `${copy.source.id}\n${key}`;
        this.lines.set(k, (this.lines.get(k) ?? 0) + 1);
      }
    }
    return results;
  }

  private foldOne(
    copy: IncomingCopy,
    batchCounts: ReadonlyMap<string, number> | undefined,
    starters: IncomingCopy[],
    edgeKeys: EdgeKeys,
  ): MemoryFoldResult {
    const entryKey = `${copy.source.id}\n${copy.itemKey}`;
    const existing = this.entries.get(entryKey);
    this.reads++;
    if (existing) return { status: "unchanged", storyId: existing, match: "entry" };
    const learned = new Set<string>();
    if (!this.options.exactOnly) {
      this.reads++;
      for (const key of edgeKeys(copy)) {
        const k = `${copy.source.id}\n${key}`;
        if ((this.lines.get(k) ?? 0) + (batchCounts?.get(key) ?? 0) >= LEARN_MIN_STORIES) learned.add(key);
      }
    }
    const decision = decideFold(this.lookup, copy, learned);
    this.reads += decision.reads;
    const match = decision.match;
    const urlShared = copy.urlKey !== undefined && this.sourceUrls.has(`${copy.source.id}\n${copy.urlKey}`);
    if (copy.urlKey) this.sourceUrls.add(`${copy.source.id}\n${copy.urlKey}`);
    let joined = match.kind === "new" ? undefined : match.storyId;
    if (joined !== undefined && decision.alsoStories.length > 0) {
      joined = this.merge([joined, ...decision.alsoStories]);
    }
    const storyId = joined ?? `s${this.nextId++}`;
    this.entries.set(entryKey, storyId);
    if (match.kind === "same-url") return { status: "duplicate", storyId, match: match.kind };
    if (copy.urlKey) {
      if (urlShared) this.urls.set(copy.urlKey, "");
      else if (!this.urls.has(copy.urlKey)) this.urls.set(copy.urlKey, storyId);
    }
    if (/^(https?:\/\/|tag:|urn:)/i.test(copy.itemKey) && !this.ids.has(copy.itemKey)) {
      this.ids.set(copy.itemKey, storyId);
    }
    if (decision.fingerprint && !this.fingerprints.has(decision.fingerprint)) {
      this.fingerprints.set(decision.fingerprint, storyId);
    }
    if (!this.options.exactOnly && decision.bands.length > 0) {
      this.features.set(storyId, [...(this.features.get(storyId) ?? []), decision.features]);
      for (const band of decision.bands) {
        const set = this.bands.get(band) ?? new Set<string>();
        set.add(storyId);
        this.bands.set(band, set);
      }
    }
    if (match.kind === "new") {
      starters.push(copy);
      return { status: "new", storyId, match: "first" };
    }
    return {
      status: "duplicate",
      storyId,
      match: match.kind,
      score: match.kind === "near" || match.kind === "summary" ? match.score : undefined,
    };
  }

  /** The story an id names now (following merges), as /items/{id} would redirect. */
  resolve(storyId: string): string {
    return this.merges.get(storyId) ?? storyId;
  }

  /** Merges stories into the one created first, as merge-stories.ts does (no splits here). */
  private merge(storyIds: readonly string[]): string {
    const byAge = [...new Set(storyIds)].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    const survivor = byAge[0]!;
    for (const from of byAge.slice(1)) {
      const repoint = (map: Map<string, string>) => {
        for (const [key, value] of map) if (value === from) map.set(key, survivor);
      };
      repoint(this.entries);
      repoint(this.urls);
      repoint(this.ids);
      repoint(this.fingerprints);
      repoint(this.merges);
      this.merges.set(from, survivor);
      this.features.set(survivor, [
        ...(this.features.get(survivor) ?? []),
        ...(this.features.get(from) ?? []),
      ]);
      this.features.delete(from);
      for (const set of this.bands.values()) {
        if (set.delete(from)) set.add(survivor);
      }
    }
    return survivor;
  }
}

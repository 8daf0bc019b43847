/** An item of a document named by its identity and content hash only (no body, no fingerprints). */
export interface ItemRef {
  itemKey: string;
  contentHash: string;
}

/** Items of one source a caller believes the index holds unchanged, sent instead of full copies. */
export interface KnownBatch {
  sourceId: string;
  refs: ItemRef[];
}

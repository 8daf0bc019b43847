/** The deployment's one fold index. A single named instance keeps every fold decision in one place. */
export function foldIndexStub(env: Env): DurableObjectStub<import("../fold-index/fold-index").FoldIndex> {
  return env.FOLD_INDEX.get(env.FOLD_INDEX.idFromName("main"));
}

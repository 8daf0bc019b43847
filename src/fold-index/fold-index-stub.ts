import type { FoldIndex } from "./fold-index";

/** The deployment's one fold index. A single named instance keeps every fold decision in one place. */
export function foldIndexStub(env: Env): DurableObjectStub<FoldIndex> {
  return env.FOLD_INDEX.get(env.FOLD_INDEX.idFromName("main"));
}

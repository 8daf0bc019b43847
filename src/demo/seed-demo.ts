import type { FoldIndex } from "../fold-index/fold-index";
import { foldDocument, identifyDocument } from "../ingest/ingest-document";
import { demoDocuments } from "./demo-feeds";

let seeded = false;

/**
 * Fills an empty store with the demo documents, once per isolate. Only called when DEMO=true
 * (`npm start`); a plain `wrangler dev` starts empty, as design.md requires.
 */
export async function seedDemoOnce(foldIndex: DurableObjectStub<FoldIndex>, origin: string): Promise<void> {
  if (seeded) return;
  const { entries } = await foldIndex.stats();
  if (entries === 0) {
    for (const doc of demoDocuments()) {
      const read = await identifyDocument(new TextEncoder().encode(doc.body), {
        declaredSource: doc.source,
        contentType: doc.contentType,
      });
      await foldDocument(foldIndex, read, origin);
    }
  }
  seeded = true;
}

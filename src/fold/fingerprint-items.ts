import type { ParsedItem } from "../feed/model";
import { exactBodyFingerprint, nearSignature, normalizeBody } from "./fingerprint";
import { normalizeTitle, stripSiteSuffix } from "./title";

/** What decides which items are one story (design.md "What makes two items one story"). */
export interface ItemFingerprints {
  /** The normalized, boilerplate-free body text the fingerprints are computed from. */
  text: string;
  words: number;
  /** "sha256:<hex>"; absent when the body cannot identify an article (see exactBodyFingerprint). */
  exact?: string;
  /** MinHash signature for near-duplicate matching; [] for an empty body. */
  near: number[];
}

/** What the caller knows about the items' source. */
export interface FingerprintContext {
  /** The feed's (or site's) title, to recognise "Title - Site" and a lone site-name footer. */
  sourceTitle?: string;
}

/**
 * For each parsed item, in order, its normalized text and its exact and near-duplicate
 * fingerprints. Pure and deterministic: the same item gives the same result in every release.
 */
export async function fingerprintItems(
  items: readonly ParsedItem[],
  context: FingerprintContext = {},
): Promise<ItemFingerprints[]> {
  return Promise.all(
    items.map(async (item): Promise<ItemFingerprints> => {
      const body = normalizeBody(item, { title: item.title, sourceTitle: context.sourceTitle });
      const title =
        item.title === undefined
          ? undefined
          : normalizeTitle(
              context.sourceTitle === undefined
                ? item.title
                : stripSiteSuffix(item.title, [context.sourceTitle]),
            );
      const exact = await exactBodyFingerprint(body, title);
      const near = nearSignature(body.text);
      return exact === undefined
        ? { text: body.text, words: body.words, near }
        : { text: body.text, words: body.words, exact, near };
    }),
  );
}

/** What parseFeed hands every format adapter. */
export interface AdapterOptions {
  /** Where the document was fetched from; the last resort for resolving relative links. */
  url?: string;
  /** Warnings so far (charset decisions); adapters append their own. */
  warnings: string[];
}

import { Hono } from "hono";
import { foldIndexStub } from "../../fold-index/fold-index-stub";
import { storyToJsonItem } from "../../render/json-feed";
import { isStoryId } from "../../store/keys";
import { requireToken } from "../auth";
import { HttpError } from "../http-error";
import { readBodyCapped, requireContent } from "../read-body";

export const splitRoutes = new Hono<{ Bindings: Env }>();

const MAX_SPLIT_BODY = 4096;

function stringField(body: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = body[name];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

/**
 * POST /items/{id}/split (auth) with `{"copy": "<copy id>", "source"?: "<source id>"}` (or
 * `{"url": "<copy url>"}`): detaches that copy from the story into a story of its own, for good.
 * Answers `{"item": <the story>, "split": <the new story>}` as JSON Feed items.
 */
splitRoutes.post("/items/:id/split", requireToken, async (c) => {
  const id = c.req.param("id");
  if (!isStoryId(id)) throw new HttpError(404, "not-found", "no item has this id; ids are 20 hex digits");
  const text = new TextDecoder().decode(
    await readBodyCapped(c.req.raw, MAX_SPLIT_BODY, "the split request is at most 4 KiB of JSON"),
  );
  requireContent(text, 'JSON such as {"copy": "<copy id from _feedfold.copies>"}');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(
      400,
      "bad-json",
      'send JSON: {"copy": "<copy id from _feedfold.copies>", "source"?: "<source id>"}',
    );
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new HttpError(
      400,
      "bad-json",
      'send a JSON object: {"copy": "<copy id>", "source"?: "<source id>"}',
    );
  }
  const fields = body as Record<string, unknown>;
  const sourceValue = fields.source;
  const target = {
    copy: stringField(fields, "copy", "id"),
    source:
      stringField(fields, "source_id") ??
      (typeof sourceValue === "string"
        ? sourceValue
        : typeof sourceValue === "object" && sourceValue !== null
          ? stringField(sourceValue as Record<string, unknown>, "id")
          : undefined),
    url: stringField(fields, "url"),
  };
  if (target.copy === undefined && target.url === undefined) {
    throw new HttpError(
      400,
      "missing-copy",
      'name the copy to detach: {"copy": "<copy id from _feedfold.copies>"}',
    );
  }
  const stub = foldIndexStub(c.env);
  const result = await stub.split(id, target);
  if (result.kind === "no-story") throw new HttpError(404, "not-found", `no item with id ${id}`);
  if (result.kind === "no-copy") throw new HttpError(404, "no-such-copy", result.detail);
  if (result.kind === "only-copy") {
    throw new HttpError(409, "only-copy", "the story has one copy; there is nothing to split from it");
  }
  const [story, split] = await Promise.all([stub.getStory(result.storyId), stub.getStory(result.newStoryId)]);
  return c.json({
    item: story ? storyToJsonItem(story) : undefined,
    split: split ? storyToJsonItem(split) : undefined,
  });
});

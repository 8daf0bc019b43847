import { Hono } from "hono";
import { foldIndexStub } from "../../fold-index/fold-index-stub";
import { storyToJsonItem } from "../../render/json-feed";
import { isStoryId } from "../../store/keys";
import { HttpError } from "../http-error";

export const itemRoutes = new Hono<{ Bindings: Env }>();

itemRoutes.get("/items/:id", async (c) => {
  const id = c.req.param("id");
  if (!isStoryId(id)) throw new HttpError(404, "not-found", "no item has this id; ids are 20 hex digits");
  // From the fold index (one Durable Object request): story documents are not copied to KV, so a
  // new story or copy costs no KV write of its own (see src/store/keys.ts).
  const stub = foldIndexStub(c.env);
  const story = await stub.getStory(id);
  if (!story) {
    // A story merged into an older one: its id keeps answering, with the survivor's address.
    const survivor = await stub.mergedInto(id);
    if (survivor) {
      c.header("Cache-Control", "public, max-age=60");
      return c.redirect(`/items/${survivor}`, 301);
    }
    throw new HttpError(404, "not-found", `no item with id ${id}`);
  }
  c.header("Cache-Control", "public, max-age=60");
  return c.json(storyToJsonItem(story));
});

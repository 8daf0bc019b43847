import { Hono } from "hono";
import { storyToJsonItem } from "../../render/json-feed";
import { isStoryId, storyKey } from "../../store/keys";
import { readStory } from "../../store/kv-store";
import type { Story } from "../../story";
import { foldIndexStub } from "../fold-index-stub";
import { HttpError } from "../http-error";

export const itemRoutes = new Hono<{ Bindings: Env }>();

itemRoutes.get("/items/:id", async (c) => {
  const id = c.req.param("id");
  if (!isStoryId(id)) throw new HttpError(404, "not-found", "no item has this id; ids are 20 hex digits");
  // KV first (one read); the fold index answers for a story KV has not seen yet.
  const stored = await readStory(c.env.FEEDFOLD_KV, storyKey(id));
  const story: Story | undefined = stored
    ? (JSON.parse(stored) as Story)
    : await foldIndexStub(c.env).getStory(id);
  if (!story) throw new HttpError(404, "not-found", `no item with id ${id}`);
  c.header("Cache-Control", "public, max-age=60");
  return c.json(storyToJsonItem(story));
});

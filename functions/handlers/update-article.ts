import { updateArticle } from "../articles/articles";
import { storeFromEnvironment } from "../articles/store";
import { httpHandler, json } from "../http/handler";
import { jsonBody } from "../http/body";
import { pathParameter } from "../http/request";
import type { UpdateArticleBody } from "../schemas";

const store = storeFromEnvironment();

export const handler = httpHandler("update-article", async (event) => {
  const changes = jsonBody<UpdateArticleBody>(event, "update-article");
  const article = await updateArticle(store, pathParameter(event, "id"), changes);
  return json(200, { article });
});

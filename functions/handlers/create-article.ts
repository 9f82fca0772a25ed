import { publishArticle } from "../articles/articles";
import { storeFromEnvironment } from "../articles/store";
import { httpHandler, json } from "../http/handler";
import { jsonBody } from "../http/body";
import type { CreateArticleBody } from "../schemas";

const store = storeFromEnvironment();

export const handler = httpHandler("create-article", async (event) => {
  const input = jsonBody<CreateArticleBody>(event, "create-article");
  const article = await publishArticle(store, input);
  return json(201, { article }, { Location: `/api/articles/${article.id}` });
});

import { publishArticle } from "../articles/articles";
import { storeFromEnvironment } from "../articles/store";
import { httpHandler, json } from "../http/handler";
import { jsonBody } from "../http/body";
import { CreateArticleBody, createArticleSchema } from "../schemas";

const store = storeFromEnvironment();

export const handler = httpHandler("create-article", async (event) => {
  const input = jsonBody<CreateArticleBody>(event, createArticleSchema);
  const article = await publishArticle(store, input);
  return json(201, { article }, { Location: `/api/articles/${article.id}` });
});

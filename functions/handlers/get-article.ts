import { getArticle } from "../articles/articles";
import { storeFromEnvironment } from "../articles/store";
import { httpHandler, json } from "../http/handler";
import { pathParameter } from "../http/request";

const store = storeFromEnvironment();

export const handler = httpHandler("get-article", async (event) => {
  const article = await getArticle(store, pathParameter(event, "id"));
  return json(200, { article });
});

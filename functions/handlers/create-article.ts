import { publishArticle } from "../articles/articles";
import { storeFromEnvironment } from "../articles/store";
import { jsonBody } from "../http/body";
import { json, routeHandler } from "../http/handler";
import { ROUTES } from "../routes";

const store = storeFromEnvironment();

export const handler = routeHandler(ROUTES.createArticle, async ({ body }) => {
  const article = await publishArticle(store, body);
  return json(201, { article }, { Location: `/api/articles/${article.id}` });
}, jsonBody);

import { getArticle } from "../articles/articles";
import { storeFromEnvironment } from "../articles/store";
import { json, routeHandler } from "../http/handler";
import { pathParameter } from "../http/request";
import { ROUTES } from "../routes";

const store = storeFromEnvironment();

export const handler = routeHandler(ROUTES.getArticle, async ({ event }) => {
  const article = await getArticle(store, pathParameter(event, "id"));
  return json(200, { article });
});

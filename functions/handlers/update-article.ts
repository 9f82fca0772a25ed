import { updateArticle } from "../articles/articles";
import { storeFromEnvironment } from "../articles/store";
import { jsonBody } from "../http/body";
import { json, routeHandler } from "../http/handler";
import { pathParameter } from "../http/request";
import { ROUTES } from "../routes";

const store = storeFromEnvironment();

export const handler = routeHandler(ROUTES.updateArticle, async ({ event, body }) => {
  const article = await updateArticle(store, pathParameter(event, "id"), body);
  return json(200, { article });
}, jsonBody);

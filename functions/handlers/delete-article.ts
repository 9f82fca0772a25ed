import { deleteArticle } from "../articles/articles";
import { storeFromEnvironment } from "../articles/store";
import { noContent, routeHandler } from "../http/handler";
import { pathParameter } from "../http/request";
import { ROUTES } from "../routes";

const store = storeFromEnvironment();

export const handler = routeHandler(ROUTES.deleteArticle, async ({ event }) => {
  await deleteArticle(store, pathParameter(event, "id"));
  return noContent();
});

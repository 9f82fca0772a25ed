import { listArticles } from "../articles/listing";
import { storeFromEnvironment } from "../articles/store";
import { json, routeHandler } from "../http/handler";
import { queryParameter } from "../http/request";
import { ROUTES } from "../routes";

const store = storeFromEnvironment();

export const handler = routeHandler(ROUTES.listArticles, async ({ event }) => {
  const page = await listArticles(store, {
    limit: queryParameter(event, "limit"),
    cursor: queryParameter(event, "cursor"),
  });
  return json(200, page);
});

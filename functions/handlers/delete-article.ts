import { deleteArticle } from "../articles/articles";
import { storeFromEnvironment } from "../articles/store";
import { httpHandler, noContent } from "../http/handler";
import { pathParameter } from "../http/request";

const store = storeFromEnvironment();

export const handler = httpHandler("delete-article", async (event) => {
  await deleteArticle(store, pathParameter(event, "id"));
  return noContent();
});

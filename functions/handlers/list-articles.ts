import { listArticles } from "../articles/listing";
import { storeFromEnvironment } from "../articles/store";
import { httpHandler, json } from "../http/handler";
import { queryParameter } from "../http/request";

const store = storeFromEnvironment();

export const handler = httpHandler("list-articles", async (event) => {
  const page = await listArticles(store, {
    limit: queryParameter(event, "limit"),
    cursor: queryParameter(event, "cursor"),
  });
  return json(200, page);
});

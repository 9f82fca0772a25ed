import { httpHandler, json } from "../http/handler";

export const handler = httpHandler("health", async () => json(200, { status: "ok" }));

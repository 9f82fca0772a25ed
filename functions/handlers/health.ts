import { json, routeHandler } from "../http/handler";
import { ROUTES } from "../routes";

export const handler = routeHandler(ROUTES.health, async () => json(200, { status: "ok" }));

import { ROUTES } from "../routes";
import { JsonSchema } from "../schemas";

/** Each route's request body schema (plain JSON Schema), by route name: what validators compile. */
export function bodySchemas(): Record<string, JsonSchema> {
  return Object.fromEntries(ROUTES.flatMap((route) => (route.body ? [[route.name, route.body.schema]] : [])));
}

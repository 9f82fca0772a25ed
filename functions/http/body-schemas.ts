import { RouteName, ROUTES } from "../routes";
import { JsonSchema } from "../schemas";

/**
 * Each body route's request schema, by route name, read from the route table (functions/bodies.ts
 * declares the schemas): what the validators are compiled from, at bundle time or on first use.
 */
export function bodySchemas(): Partial<Record<RouteName, JsonSchema>> {
  return Object.fromEntries(
    (Object.entries(ROUTES) as [RouteName, (typeof ROUTES)[RouteName]][]).flatMap(([name, route]) => ("body" in route ? [[name, route.body]] : [])),
  );
}

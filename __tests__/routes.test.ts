import { COMPILED_ROUTES, compiledRoute, RESOURCE_METHODS } from "../functions/compiled-routes";
import { ROUTES } from "../functions/routes";

describe("the compiled route table", () => {
  it("compiles each entry once, in declaration order, with everything a consumer needs", () => {
    expect(COMPILED_ROUTES.map((route) => route.name)).toEqual(Object.keys(ROUTES));
    const like = compiledRoute("likeArticle");
    expect(like).toMatchObject({
      slug: "like-article",
      method: "POST",
      resource: "/api/articles/{id}/likes",
      pathParameters: ["id"],
      arnPath: "/api/articles/*/likes",
      operationId: "likeArticle",
      handlerEntry: "functions/handlers/like-article.ts",
      apiKey: false,
    });
    expect(like.matcher.exec("/api/articles/abc/likes")?.slice(1)).toEqual(["abc"]);
    expect(like.matcher.test("/api/articles/abc/likes/")).toBe(true);
    expect(like.matcher.test("/api/articles/a/b/likes")).toBe(false);
  });

  it("derives the body model and query parameters from their zod declarations", () => {
    expect(compiledRoute("createArticle").body?.model).toBe("CreateArticle");
    expect(compiledRoute("createArticle").body?.schema).toMatchObject({ $schema: "http://json-schema.org/draft-04/schema#", additionalProperties: false });
    expect(compiledRoute("listArticles").query).toEqual([
      { name: "limit", required: false, schema: { type: "integer", minimum: 1, maximum: 50, default: 20 } },
      { name: "cursor", required: false, schema: { type: "string", description: "The nextCursor of the previous page" } },
    ]);
  });

  it("adds the errors that follow from a route's shape to its own responses", () => {
    const statuses = (name: Parameters<typeof compiledRoute>[0]) => Object.keys(compiledRoute(name).responses).sort();
    expect(statuses("health")).toEqual(["200", "403", "405", "413", "429", "431", "500"]);
    expect(statuses("updateArticle")).toEqual(["200", "400", "403", "404", "405", "409", "413", "415", "429", "431", "500"]);
    expect(compiledRoute("deleteArticle").responses["409"]).toMatchObject({ shared: false, description: expect.stringMatching(/edited/) });
  });

  it("knows the methods of each path, for 405 and Allow", () => {
    expect(Object.fromEntries(RESOURCE_METHODS)).toEqual({
      "/api/health": ["GET"],
      "/api/articles": ["POST", "GET"],
      "/api/articles/{id}": ["GET", "PATCH", "DELETE"],
      "/api/articles/{id}/likes": ["POST"],
    });
  });
});

import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { AsyncLocalStorage } from "node:async_hooks";
import { COMPILED_ROUTES } from "../functions/compiled-routes";
import { RouteName } from "../functions/routes";
import { keys } from "../functions/table";
import { createDocumentClient, freshTable, testClient, useFunctionEnvironment } from "./support/dynamodb";
import { invoke, loadHandlers } from "./support/invoke";

const ARTICLE_KEYS = ["authorName", "body", "expiresAt", "id", "likes", "publishedAt", "title"];
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

let handlers: ReturnType<typeof loadHandlers>;
let tableName: string;
let raw: DynamoDBClient;
const commandsSent: string[] = [];
/** Which route's handler is running, so each DynamoDB request is attributed to its route. */
const runningRoute = new AsyncLocalStorage<RouteName>();
/** The IAM actions each route's requests needed, as "target dynamodb:Action". */
const actionsUsed = new Map<RouteName, Set<string>>();

/** A transaction is authorized per contained action. */
const TRANSACT_ACTIONS: Record<string, string> = { Put: "PutItem", Update: "UpdateItem", Delete: "DeleteItem", ConditionCheck: "ConditionCheckItem" };

function iamActions(command: any): string[] {
  const name: string = command.constructor.name.replace(/Command$/, "");
  const target = command.input?.IndexName ? "articlesIndex" : "table";
  if (name === "TransactWrite") {
    return command.input.TransactItems.map((item: object) => `table dynamodb:${TRANSACT_ACTIONS[Object.keys(item)[0]]}`);
  }
  const action = { Get: "GetItem", Put: "PutItem", Update: "UpdateItem", Delete: "DeleteItem", BatchGet: "BatchGetItem" }[name] ?? name;
  return [`${target} dynamodb:${action}`];
}

let counter = 0;
function newArticle(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    title: `Article ${counter}`,
    body: `Body of article ${counter}, with *Markdown*.`,
    authorName: "Ada",
    authorEmail: "ada@example.com",
    ...overrides,
  };
}

async function publish(overrides: Record<string, unknown> = {}) {
  const reply = await invoke(handlers, "createArticle", { body: newArticle(overrides) });
  expect(reply.status).toBe(201);
  return reply.json.article as { id: string; likes: number; title: string; body: string };
}

function expectError(reply: { status: number; headers: Record<string, unknown>; json: any }, status: number, code: string) {
  expect({ status: reply.status, code: reply.json?.error?.code }).toEqual({ status, code });
  expect(typeof reply.json.error.message).toBe("string");
  expect(Object.keys(reply.json)).toEqual(["error"]);
  expect(reply.headers["Content-Type"]).toBe("application/json");
}

beforeAll(async () => {
  tableName = await freshTable("handlers");
  useFunctionEnvironment(tableName);
  raw = testClient();
  // Watches the real clients: every request a handler sends to DynamoDB Local is recorded.
  for (const prototype of [DynamoDBClient.prototype, DynamoDBDocumentClient.prototype]) {
    const send = prototype.send;
    jest.spyOn(prototype, "send").mockImplementation(function (this: unknown, command: any, ...rest: any[]) {
      if (this !== raw) {
        commandsSent.push(command.constructor.name);
        const route = runningRoute.getStore();
        if (route) for (const action of iamActions(command)) (actionsUsed.get(route) ?? actionsUsed.set(route, new Set()).get(route)!).add(action);
      }
      return (send as any).call(this, command, ...rest);
    });
  }
  const loaded = loadHandlers();
  handlers = Object.fromEntries(
    Object.entries(loaded).map(([name, handler]) => [name, (event: any, context: any) => runningRoute.run(name as RouteName, () => handler(event, context))]),
  ) as typeof loaded;
});

afterAll(() => {
  jest.restoreAllMocks();
  raw.destroy();
});

describe("GET /api/health", () => {
  it("answers ok", async () => {
    const reply = await invoke(handlers, "health");
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ status: "ok" });
  });
});

describe("POST /api/articles", () => {
  it("names the field and the rule in a 400, as on AWS where only the handler validates bodies", async () => {
    const tooLong = await invoke(handlers, "createArticle", { body: newArticle({ title: "t".repeat(201) }) });
    expectError(tooLong, 400, "VALIDATION_FAILED");
    expect(tooLong.json.error.message).toBe("title: must be at most 200 characters");
    const invisible = await invoke(handlers, "createArticle", { body: newArticle({ authorName: "\u200B" }) });
    expect(invisible.json.error.message).toMatch(/^authorName: must contain visible text/);
    const malformed = await invoke(handlers, "createArticle", { body: "{", headers: { "content-type": "application/json" } });
    expectError(malformed, 400, "BAD_REQUEST");
    expect(malformed.json.error.message).toBe("The body is not valid JSON");
  });

  it("refuses text that arrived as invalid UTF-8 (U+FFFD) and a non-UTF-8 charset, storing nothing", async () => {
    const before = await itemCount();
    const replaced = await invoke(handlers, "createArticle", { body: JSON.stringify(newArticle({ title: "caf\uFFFD" })), headers: { "content-type": "application/json" } });
    expectError(replaced, 400, "BAD_REQUEST");
    const latin1 = await invoke(handlers, "createArticle", { body: JSON.stringify(newArticle()), headers: { "content-type": "application/json; charset=ISO-8859-1" } });
    expectError(latin1, 415, "UNSUPPORTED_MEDIA_TYPE");
    expect((await invoke(handlers, "createArticle", { body: JSON.stringify(newArticle()), headers: { "content-type": "application/json; charset=UTF-8" } })).status).toBe(201);
    expect(await itemCount()).toBe(before + 3);
  });

  it("publishes: 201, Location, the article without the e-mail, which is stored", async () => {
    const input = newArticle({ title: "Hello <b>world</b>", body: "# Heading\n<script>alert(1)</script>" });
    const reply = await invoke(handlers, "createArticle", { body: input });
    expect(reply.status).toBe(201);
    const article = reply.json.article;
    expect(Object.keys(article).sort()).toEqual(ARTICLE_KEYS);
    expect(reply.headers.Location).toBe(`/api/articles/${article.id}`);
    expect(article).toMatchObject({ title: input.title, body: input.body, authorName: "Ada", likes: 0 });
    expect(article.publishedAt).toMatch(ISO);
    const lifetime = Date.parse(article.expiresAt) - Date.parse(article.publishedAt);
    expect(Math.round(lifetime / 86400000)).toBe(30);
    expect(reply.raw).not.toContain("ada@example.com");

    const stored = await createDocumentClient(raw).send(new GetCommand({ TableName: tableName, Key: keys.article(article.id) }));
    expect(stored.Item?.authorEmail).toBe("ada@example.com");
    expect(stored.Item?.title).toBe(input.title);
  });

  it("refuses an identical article with 409, but accepts the same title with another body", async () => {
    const input = newArticle();
    expect((await invoke(handlers, "createArticle", { body: input })).status).toBe(201);
    expectError(await invoke(handlers, "createArticle", { body: { ...input, authorName: "Someone else" } }), 409, "CONFLICT");
    expect((await invoke(handlers, "createArticle", { body: { ...input, body: `${input.body}!` } })).status).toBe(201);
  });

  it.each([
    ["malformed JSON", { body: '{"title": "x",', headers: { "content-type": "application/json" } }, 400, "BAD_REQUEST"],
    ["a non-JSON content type", { body: "title=x", headers: { "content-type": "application/x-www-form-urlencoded" } }, 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["no body", { headers: { "content-type": "application/json" } }, 400, "BAD_REQUEST"],
    ["an unknown field", { body: newArticle({ likes: 1000 }) }, 400, "VALIDATION_FAILED"],
    ["a missing field", { body: { title: "t", body: "b", authorName: "a" } }, 400, "VALIDATION_FAILED"],
    ["an empty title", { body: newArticle({ title: "" }) }, 400, "VALIDATION_FAILED"],
    ["a 201-character title", { body: newArticle({ title: "t".repeat(201) }) }, 400, "VALIDATION_FAILED"],
    ["a 20,001-character body", { body: newArticle({ body: "b".repeat(20001) }) }, 400, "VALIDATION_FAILED"],
    ["a 101-character author", { body: newArticle({ authorName: "a".repeat(101) }) }, 400, "VALIDATION_FAILED"],
    ["an invalid e-mail", { body: newArticle({ authorEmail: "ada at example" }) }, 400, "VALIDATION_FAILED"],
    ["a number as title", { body: newArticle({ title: 42 }) }, 400, "VALIDATION_FAILED"],
    ["an array", { body: [newArticle()] }, 400, "VALIDATION_FAILED"],
  ])("refuses %s", async (_, call, status, code) => {
    const before = await itemCount();
    expectError(await invoke(handlers, "createArticle", call as any), status as number, code as string);
    expect(await itemCount()).toBe(before);
  });

  it("accepts the limits exactly: 200-character title, 20,000-character body, 100-character author", async () => {
    const reply = await invoke(handlers, "createArticle", {
      body: newArticle({ title: "t".repeat(200), body: "b".repeat(20000), authorName: "a".repeat(100) }),
    });
    expect(reply.status).toBe(201);
  });
});

describe("GET /api/articles", () => {
  let listTable: string;
  let listHandlers: ReturnType<typeof loadHandlers>;
  const published: string[] = [];

  beforeAll(async () => {
    listTable = await freshTable("listing");
    useFunctionEnvironment(listTable);
    jest.isolateModules(() => {
      listHandlers = loadHandlers();
    });
    useFunctionEnvironment(tableName);
    for (let i = 0; i < 7; i += 1) {
      const reply = await invoke(listHandlers, "createArticle", { body: newArticle() });
      published.push(reply.json.article.id);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
  });

  it("lists newest first, 20 by default, without e-mails", async () => {
    const reply = await invoke(listHandlers, "listArticles");
    expect(reply.status).toBe(200);
    expect(reply.json.articles.map((a: { id: string }) => a.id)).toEqual([...published].reverse());
    expect(reply.json.nextCursor).toBeNull();
    for (const article of reply.json.articles) expect(Object.keys(article).sort()).toEqual(ARTICLE_KEYS);
    expect(reply.raw).not.toContain("example.com");
  });

  it("pages with an opaque cursor through every article exactly once", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const reply = await invoke(listHandlers, "listArticles", { query: { limit: "3", ...(cursor ? { cursor } : {}) } });
      expect(reply.status).toBe(200);
      expect(reply.json.articles.length).toBeLessThanOrEqual(3);
      seen.push(...reply.json.articles.map((a: { id: string }) => a.id));
      cursor = reply.json.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual([...published].reverse());
    expect(pages).toBe(3);
  });

  it("promises no further page when the articles end exactly at the page's end", async () => {
    const reply = await invoke(listHandlers, "listArticles", { query: { limit: String(published.length) } });
    expect(reply.json.articles).toHaveLength(published.length);
    expect(reply.json.nextCursor).toBeNull();
    const partial = await invoke(listHandlers, "listArticles", { query: { limit: String(published.length - 1) } });
    expect(partial.json.nextCursor).not.toBeNull();
  });

  it("shows each article's like count", async () => {
    await invoke(listHandlers, "likeArticle", { params: { id: published[0] } });
    await invoke(listHandlers, "likeArticle", { params: { id: published[0] } });
    const reply = await invoke(listHandlers, "listArticles", { query: { limit: "50" } });
    const oldest = reply.json.articles.find((a: { id: string }) => a.id === published[0]);
    expect(oldest.likes).toBe(2);
  });

  it.each([
    [{ limit: "0" }],
    [{ limit: "51" }],
    [{ limit: "ten" }],
    [{ limit: "-5" }],
    [{ cursor: "not-a-cursor!" }],
    [{ cursor: Buffer.from('{"pk":{"S":"x"}}').toString("base64url") }],
  ])("refuses %j with 400", async (query) => {
    expectError(await invoke(listHandlers, "listArticles", { query }), 400, "VALIDATION_FAILED");
  });
});

describe("GET /api/articles/{id}", () => {
  it("returns the article with its likes", async () => {
    const article = await publish();
    await invoke(handlers, "likeArticle", { params: { id: article.id } });
    const reply = await invoke(handlers, "getArticle", { params: { id: article.id } });
    expect(reply.status).toBe(200);
    expect(reply.json.article).toMatchObject({ id: article.id, title: article.title, likes: 1 });
    expect(Object.keys(reply.json.article).sort()).toEqual(ARTICLE_KEYS);
  });

  it.each(["AAAAAAAAAAAAAAAAAAAAAA", "../../etc/passwd", "x' OR '1'='1", "CONTENT#abc", ""])("answers 404 for %j", async (id) => {
    expectError(await invoke(handlers, "getArticle", { params: { id } }), 404, "NOT_FOUND");
  });
});

describe("POST /api/articles/{id}/likes", () => {
  it("counts a like and records anonymized viewer metadata for the lake", async () => {
    const article = await publish();
    const reply = await invoke(handlers, "likeArticle", {
      params: { id: article.id },
      headers: {
        "CloudFront-Viewer-Country": "DE",
        "CloudFront-Is-Mobile-Viewer": "true",
        "CloudFront-Is-Desktop-Viewer": "false",
        "User-Agent": "Mozilla/5.0 (Test)",
      },
      sourceIp: "198.51.100.23",
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ likes: 1 });
    const counter = await createDocumentClient(raw).send(new GetCommand({ TableName: tableName, Key: keys.likes(article.id) }));
    expect(counter.Item?.lastLike).toMatchObject({
      country: "DE",
      deviceType: "mobile",
      ipPrefix: "198.51.100.0/24",
      userAgent: "Mozilla/5.0 (Test)",
    });
    expect(JSON.stringify(counter.Item)).not.toContain("198.51.100.23");
  });

  it("answers 404 for an unknown article and writes nothing", async () => {
    const before = await itemCount();
    expectError(await invoke(handlers, "likeArticle", { params: { id: "BBBBBBBBBBBBBBBBBBBBBB" } }), 404, "NOT_FOUND");
    expect(await itemCount()).toBe(before);
  });

  it("is exact under concurrency: 50 simultaneous likes make 50", async () => {
    const article = await publish();
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => invoke(handlers, "likeArticle", { params: { id: article.id } })),
    );
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    expect(new Set(replies.map((reply) => reply.json.likes)).size).toBe(50);
    const reply = await invoke(handlers, "getArticle", { params: { id: article.id } });
    expect(reply.json.article.likes).toBe(50);
  });
});

describe("PATCH /api/articles/{id}", () => {
  it("edits the title and body, keeping likes and publish time", async () => {
    const article = await publish();
    await invoke(handlers, "likeArticle", { params: { id: article.id } });
    const reply = await invoke(handlers, "updateArticle", { params: { id: article.id }, body: { title: "Edited title" } });
    expect(reply.status).toBe(200);
    expect(reply.json.article).toMatchObject({ id: article.id, title: "Edited title", body: article.body, likes: 1 });
    const read = await invoke(handlers, "getArticle", { params: { id: article.id } });
    expect(read.json.article.title).toBe("Edited title");
  });

  it("refuses to make an article identical to another (409) and frees the old content for reuse", async () => {
    const first = await publish();
    const second = await publish();
    expectError(
      await invoke(handlers, "updateArticle", { params: { id: second.id }, body: { title: first.title, body: first.body } }),
      409,
      "CONFLICT",
    );
    const moved = await invoke(handlers, "updateArticle", { params: { id: first.id }, body: { body: "Completely new body" } });
    expect(moved.status).toBe(200);
    const reuse = await invoke(handlers, "createArticle", { body: newArticle({ title: first.title, body: first.body }) });
    expect(reuse.status).toBe(201);
  });

  it("answers 400 for an invalid change and 404 for an unknown article", async () => {
    const article = await publish();
    expectError(await invoke(handlers, "updateArticle", { params: { id: article.id }, body: {} }), 400, "VALIDATION_FAILED");
    expectError(await invoke(handlers, "updateArticle", { params: { id: article.id }, body: { authorEmail: "x@y.z" } }), 400, "VALIDATION_FAILED");
    expectError(await invoke(handlers, "updateArticle", { params: { id: "CCCCCCCCCCCCCCCCCCCCCC" }, body: { title: "x" } }), 404, "NOT_FOUND");
  });
});

describe("DELETE /api/articles/{id}", () => {
  it("answers concurrent deletes of one article with one 204 and 404s, never a conflict", async () => {
    const article = await publish();
    const replies = await Promise.all([1, 2, 3].map(() => invoke(handlers, "deleteArticle", { params: { id: article.id } })));
    expect(replies.map((reply) => reply.status).sort()).toEqual([204, 404, 404]);
    for (const reply of replies.filter((r) => r.status === 404)) expect(reply.json.error.message).toBe(`Article "${article.id}" not found`);
  });

  it("says which change won when a delete races an edit", async () => {
    const article = await publish();
    const [edit, removal] = await Promise.all([
      invoke(handlers, "updateArticle", { params: { id: article.id }, body: { title: "Racing edit" } }),
      invoke(handlers, "deleteArticle", { params: { id: article.id } }),
    ]);
    expect([200, 404, 409]).toContain(edit.status);
    expect([204, 409]).toContain(removal.status);
    if (removal.status === 409) expect(removal.json.error.message).toMatch(/edited while it was being deleted/);
    if (edit.status === 409) expect(edit.json.error.message).toMatch(/edited/);
  });

  it("deletes the article, its counter and its content lock", async () => {
    const input = newArticle();
    const article = (await invoke(handlers, "createArticle", { body: input })).json.article;
    const reply = await invoke(handlers, "deleteArticle", { params: { id: article.id } });
    expect(reply.status).toBe(204);
    expect(reply.raw).toBe("");
    expectError(await invoke(handlers, "getArticle", { params: { id: article.id } }), 404, "NOT_FOUND");
    expectError(await invoke(handlers, "likeArticle", { params: { id: article.id } }), 404, "NOT_FOUND");
    expectError(await invoke(handlers, "deleteArticle", { params: { id: article.id } }), 404, "NOT_FOUND");
    expect((await invoke(handlers, "createArticle", { body: input })).status).toBe(201);
  });
});

describe("request paths", () => {
  it("never Scan the table", () => {
    expect(commandsSent.length).toBeGreaterThan(50);
    expect(commandsSent).toEqual(expect.arrayContaining(["QueryCommand", "UpdateCommand", "TransactWriteCommand"]));
    expect(commandsSent.filter((name) => /Scan/.test(name))).toEqual([]);
  });
});

describe("IAM grants, proven by the requests each route sends", () => {
  it("grants each route exactly the DynamoDB actions its handler was seen to need: none missing, none unused", async () => {
    await invoke(handlers, "listArticles", { query: { limit: "2" } });
    for (const route of COMPILED_ROUTES) {
      const declared = route.grants.flatMap((grant) => grant.actions.map((action) => `${grant.target} ${action}`)).sort();
      expect({ route: route.name, actions: [...(actionsUsed.get(route.name) ?? [])].sort() }).toEqual({ route: route.name, actions: declared });
    }
  });
});

/** Test-only (through the unrecorded raw client): counts every item. Request paths never Scan. */
async function itemCount(): Promise<number> {
  const result = await raw.send(new ScanCommand({ TableName: tableName, Select: "COUNT" }));
  return result.Count ?? 0;
}

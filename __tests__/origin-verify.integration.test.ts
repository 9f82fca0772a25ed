import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { apiRequestHandler } from "../local/api-server";
import { cameThroughCloudFront, ORIGIN_VERIFY_HEADER } from "../functions/http/origin";
import { COMPILED_ROUTES } from "../functions/compiled-routes";
import { RouteName, STAGE_NAME } from "../functions/routes";
import { freshTable, TEST_ORIGIN_SECRET, testClient, useFunctionEnvironment } from "./support/dynamodb";
import { invoke, loadHandlers } from "./support/invoke";

let handlers: ReturnType<typeof loadHandlers>;
let tableName: string;

const ARTICLE = { title: "Direct", body: "Sent around CloudFront", authorName: "Eve", authorEmail: "eve@example.com" };

/** Every route with a valid request, as a direct caller of the execute-api URL would send it. */
const VALID_CALLS: Record<RouteName, Parameters<typeof invoke>[2]> = {
  health: {},
  createArticle: { body: ARTICLE },
  listArticles: {},
  getArticle: { params: { id: "a".repeat(26) } },
  likeArticle: { params: { id: "a".repeat(26) } },
  updateArticle: { params: { id: "a".repeat(26) }, body: { title: "Edited" } },
  deleteArticle: { params: { id: "a".repeat(26) } },
};

async function itemCount(): Promise<number> {
  const client = testClient();
  try {
    return (await client.send(new ScanCommand({ TableName: tableName, Select: "COUNT" }))).Count ?? 0;
  } finally {
    client.destroy();
  }
}

beforeAll(async () => {
  tableName = await freshTable("origin");
  useFunctionEnvironment(tableName);
  handlers = loadHandlers();
});

describe("only CloudFront can call the API (the Lambda handlers' own check)", () => {
  it("covers every route", () => {
    expect(Object.keys(VALID_CALLS).sort()).toEqual(COMPILED_ROUTES.map((route) => route.name).sort());
  });

  it.each(COMPILED_ROUTES.map((route) => route.name))("%s: a direct call without the origin header is 403 in the JSON shape and changes nothing", async (name) => {
    const before = await itemCount();
    const reply = await invoke(handlers, name, { ...VALID_CALLS[name], viaCloudFront: false });
    expect(reply.status).toBe(403);
    expect(reply.json).toEqual({ error: { code: "FORBIDDEN", message: expect.any(String) } });
    expect(reply.headers["Content-Type"]).toBe("application/json");
    expect(await itemCount()).toBe(before);
  });

  it("refuses a guessed secret, also one of the right length, and forged viewer headers do not help", async () => {
    const guesses = ["", "x", "y".repeat(TEST_ORIGIN_SECRET.length), TEST_ORIGIN_SECRET.slice(0, -1), `${TEST_ORIGIN_SECRET}x`];
    for (const guess of guesses) {
      const reply = await invoke(handlers, "health", {
        viaCloudFront: false,
        headers: { [ORIGIN_VERIFY_HEADER]: guess, "CloudFront-Viewer-Country": "FR", "X-Forwarded-For": "198.51.100.1" },
      });
      expect(reply.status).toBe(403);
    }
  });

  it("accepts the secret whatever the header name's case (API Gateway keeps the case it was sent in)", async () => {
    const reply = await invoke(handlers, "health", { viaCloudFront: false, headers: { "X-Origin-Verify": TEST_ORIGIN_SECRET } });
    expect(reply.status).toBe(200);
    expect((await invoke(handlers, "createArticle", { body: ARTICLE })).status).toBe(201);
  });

  it("fails closed when the function has no secret configured", async () => {
    const saved = process.env.ORIGIN_VERIFY_SECRET;
    delete process.env.ORIGIN_VERIFY_SECRET;
    try {
      expect((await invoke(handlers, "health")).status).toBe(500);
    } finally {
      process.env.ORIGIN_VERIFY_SECRET = saved;
    }
  });

  it("compares whole values", () => {
    expect(cameThroughCloudFront({ [ORIGIN_VERIFY_HEADER]: "abc" }, "abc")).toBe(true);
    expect(cameThroughCloudFront({ [ORIGIN_VERIFY_HEADER]: "abcd" }, "abc")).toBe(false);
    expect(cameThroughCloudFront(null, "abc")).toBe(false);
  });
});

describe("the local server plays CloudFront", () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const api = apiRequestHandler({ routes: COMPILED_ROUTES, handlers, adminApiKey: "local-admin-key", stage: STAGE_NAME, originVerifySecret: TEST_ORIGIN_SECRET });
    server = createServer(api);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it("adds the origin header, so a browser's requests are unaffected", async () => {
    const response = await fetch(`${url}/api/health`);
    expect(response.status).toBe(200);
  });

  it("replaces a header the client sent, as CloudFront's origin custom header does", async () => {
    const response = await fetch(`${url}/api/health`, { headers: { [ORIGIN_VERIFY_HEADER]: "forged" } });
    expect(response.status).toBe(200);
  });
});

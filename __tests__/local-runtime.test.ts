import { mkdtempSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../local/dynamodb-local";
import { dynamoDbLocalProcesses, LocalProcess, startLocalProcess } from "./support/local-process";

const ADMIN_KEY = "test-admin-key-0123456789";
const article = { title: "Over HTTP", body: "Served **locally**", authorName: "Lin", authorEmail: "lin@example.com" };

async function call(url: string, method = "GET", body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

function expectError(reply: { status: number; headers: Headers; json: any }, status: number, code: string) {
  expect({ status: reply.status, code: reply.json?.error?.code }).toEqual({ status, code });
  expect(typeof reply.json.error.message).toBe("string");
  expect(reply.headers.get("content-type")).toBe("application/json");
}

describe("npm start (local runtime over HTTP)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "local-data-"));
  let local: LocalProcess;
  let api: string;
  let publishedId: string;

  beforeAll(async () => {
    local = await startLocalProcess({ PORT: String(await freePort()), LOCAL_DATA_DIR: dataDir, ADMIN_API_KEY: ADMIN_KEY });
    api = `${local.url}/api`;
  });

  afterAll(async () => {
    if (local && local.child.exitCode === null) await local.stop("SIGKILL");
  });

  it("listens on 127.0.0.1 and answers health", async () => {
    expect(local.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await call(`${api}/health`)).json).toEqual({ status: "ok" });
  });

  it("publishes, lists, reads and likes", async () => {
    const created = await call(`${api}/articles`, "POST", article);
    expect(created.status).toBe(201);
    publishedId = created.json.article.id;
    expect(created.headers.get("location")).toBe(`/api/articles/${publishedId}`);
    expect(created.text).not.toContain("lin@example.com");
    expect((await call(`${api}/articles`, "POST", article)).status).toBe(409);

    const list = await call(`${api}/articles?limit=10`);
    expect(list.json.articles[0].id).toBe(publishedId);
    expect((await call(`${api}/articles/${publishedId}/likes`, "POST")).json).toEqual({ likes: 1 });
    expect((await call(`${api}/articles/${publishedId}`)).json.article.likes).toBe(1);
  });

  it("serves the OpenAPI document beside the API, as the site publishes it", async () => {
    const document = await call(`${api}/openapi.json`);
    expect(document.status).toBe(200);
    expect(document.json.openapi).toBe("3.0.3");
    expect(Object.keys(document.json.paths)).toContain("/api/articles/{id}/likes");
  });

  it("answers unknown paths with 404 in the JSON error shape, as the deployed API does", async () => {
    expectError(await call(`${api}/nope`), 404, "NOT_FOUND");
    expectError(await call(`${local.url}/api`), 404, "NOT_FOUND");
  });

  it("answers other methods on a known path, HEAD included, with 405 and Allow in the JSON error shape", async () => {
    const put = await call(`${api}/articles`, "PUT", {});
    expectError(put, 405, "METHOD_NOT_ALLOWED");
    expect(put.headers.get("allow")).toBe("POST, GET");
    const head = await fetch(`${api}/articles/${"A".repeat(22)}`, { method: "HEAD" });
    expect(head.status).toBe(405);
    expect(head.headers.get("allow")).toBe("GET, PATCH, DELETE");
  });

  it("answers a body error with the field and the rule, and malformed JSON distinctly", async () => {
    const tooLong = await call(`${api}/articles`, "POST", { ...article, title: "t".repeat(201) });
    expectError(tooLong, 400, "VALIDATION_FAILED");
    expect(tooLong.json.error.message).toBe("title: must be at most 200 characters");
    expect((await call(`${api}/articles`, "POST", { ...article, authorEmail: "nope" })).json.error.message).toBe("authorEmail: must be a valid e-mail address");
    expect((await call(`${api}/articles`, "POST", { ...article, extra: 1 })).json.error.message).toBe("extra: is not a field of this body");
    const broken = await call(`${api}/articles`, "POST", "{broken");
    expectError(broken, 400, "BAD_REQUEST");
    expect(broken.json.error.message).toBe("The body is not valid JSON");
  });

  it("refuses invalid UTF-8 and a non-UTF-8 charset instead of storing altered text", async () => {
    const bytes = Buffer.concat([Buffer.from('{"title":"caf'), Buffer.from([0xe9]), Buffer.from(`","body":"b","authorName":"n","authorEmail":"a@example.com"}`)]);
    const invalid = await fetch(`${api}/articles`, { method: "POST", headers: { "content-type": "application/json" }, body: bytes });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.message).toMatch(/not valid UTF-8/);
    const latin1 = await call(`${api}/articles`, "POST", { ...article, title: "Latin" }, { "content-type": "application/json; charset=iso-8859-1" });
    expectError(latin1, 415, "UNSUPPORTED_MEDIA_TYPE");
    expect((await call(`${api}/articles?limit=50`)).json.articles.map((a: { title: string }) => a.title)).not.toContain("Latin");
  });

  it("echoes an unknown id bounded and quoted the same way whatever its shape", async () => {
    const long = await call(`${api}/articles/${"x".repeat(10000)}`);
    expectError(long, 404, "NOT_FOUND");
    expect(long.json.error.message.length).toBeLessThan(80);
    expect((await call(`${api}/articles/nope`)).json.error.message).toBe('Article "nope" not found');
    expect((await call(`${api}/articles/${"B".repeat(22)}`)).json.error.message).toBe(`Article "${"B".repeat(22)}" not found`);
  });

  it("checks the admin key before the path's encoding", async () => {
    expectError(await call(`${api}/articles/%E0%A4%A`, "DELETE"), 403, "FORBIDDEN");
    expectError(await call(`${api}/articles/%E0%A4%A`), 400, "VALIDATION_FAILED");
  });

  it("answers a request without Host in the JSON error shape", async () => {
    const { port } = new URL(local.url);
    const raw = await new Promise<string>((resolve, reject) => {
      let text = "";
      const socket = connect(Number(port), "127.0.0.1", () => socket.write("GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n"));
      socket.on("data", (chunk) => (text += chunk.toString()));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.[01] 400/);
    expect(raw).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4)).error.code).toBe("BAD_REQUEST");
  });

  it("logs a client abort as a warning, not as a server failure", async () => {
    const { port } = new URL(local.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), "127.0.0.1", () => {
        socket.write(`POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"title":`);
        setTimeout(() => socket.destroy(), 200);
      });
      socket.on("close", () => resolve());
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(local.output()).toMatch(/"level":"WARN","message":"client aborted the request"/);
    expect(local.output()).not.toMatch(/local API server failure/);
  });

  it("validates parameters before the handler runs", async () => {
    expectError(await call(`${api}/articles`, "POST", "a=b", { "content-type": "text/plain" }), 415, "UNSUPPORTED_MEDIA_TYPE");
    expectError(await call(`${api}/articles?limit=500`), 400, "VALIDATION_FAILED");
  });

  it("requires the admin API key on PATCH and DELETE", async () => {
    const target = `${api}/articles/${publishedId}`;
    expectError(await call(target, "PATCH", { title: "Edited" }), 403, "FORBIDDEN");
    expectError(await call(target, "PATCH", { title: "Edited" }, { "x-api-key": "wrong" }), 403, "FORBIDDEN");
    expectError(await call(target, "DELETE"), 403, "FORBIDDEN");
    expect((await call(target)).json.article.title).toBe(article.title);

    const edited = await call(target, "PATCH", { title: "Edited" }, { "x-api-key": ADMIN_KEY });
    expect(edited.status).toBe(200);
    expect(edited.json.article.title).toBe("Edited");
  });

  it("keeps data across a restart, and SIGTERM stops everything, DynamoDB Local included", async () => {
    expect(dynamoDbLocalProcesses(dataDir)).toHaveLength(1);
    expect(await local.stop("SIGTERM")).toBe(0);
    expect(dynamoDbLocalProcesses(dataDir)).toEqual([]);

    local = await startLocalProcess({ PORT: String(await freePort()), LOCAL_DATA_DIR: dataDir, ADMIN_API_KEY: ADMIN_KEY });
    const read = await call(`${local.url}/api/articles/${publishedId}`);
    expect(read.json.article).toMatchObject({ title: "Edited", likes: 1 });
    const removed = await call(`${local.url}/api/articles/${publishedId}`, "DELETE", undefined, { "x-api-key": ADMIN_KEY });
    expect(removed.status).toBe(204);
    expect(await local.stop("SIGINT")).toBe(0);
    expect(dynamoDbLocalProcesses(dataDir)).toEqual([]);
  });
});

describe("npm start with ARTICLE_TTL_SECONDS and no ADMIN_API_KEY", () => {
  it("generates and prints an admin key, and hides articles once their TTL has passed", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "local-ttl-"));
    const env: Record<string, string> = { PORT: String(await freePort()), LOCAL_DATA_DIR: dataDir, ARTICLE_TTL_SECONDS: "10" };
    delete process.env.ADMIN_API_KEY;
    const local = await startLocalProcess(env);
    try {
      const key = /Admin API key \(generated[^)]*\): (\S+)/.exec(local.output())?.[1];
      expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);

      const created = await call(`${local.url}/api/articles`, "POST", article);
      const id = created.json.article.id;
      const expiresAt = Date.parse(created.json.article.expiresAt);
      expect(expiresAt - Date.parse(created.json.article.publishedAt)).toBeGreaterThan(9000);
      expect(expiresAt - Date.parse(created.json.article.publishedAt)).toBeLessThanOrEqual(10000);
      // Ten seconds leave a loaded machine room to read the article before it expires.
      expect((await call(`${local.url}/api/articles/${id}`)).status).toBe(200);

      // Expiry is kept in whole seconds: wait past the next one.
      while (Date.now() <= expiresAt + 1000) await new Promise((resolve) => setTimeout(resolve, 200));
      expectError(await call(`${local.url}/api/articles/${id}`), 404, "NOT_FOUND");
      expect((await call(`${local.url}/api/articles`)).json.articles.map((a: { id: string }) => a.id)).not.toContain(id);
      expectError(await call(`${local.url}/api/articles/${id}`, "DELETE", undefined, { "x-api-key": key! }), 404, "NOT_FOUND");
    } finally {
      await local.stop("SIGTERM");
    }
    expect(dynamoDbLocalProcesses(dataDir)).toEqual([]);
  });

  it("refuses a bad ARTICLE_TTL_SECONDS with a clear message", async () => {
    await expect(startLocalProcess({ PORT: String(await freePort()), ARTICLE_TTL_SECONDS: "soon" })).rejects.toThrow(
      /ARTICLE_TTL_SECONDS must be a positive integer, got "soon"/,
    );
  });
});

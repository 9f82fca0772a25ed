import { mkdtempSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LIMITS } from "../../functions/schemas";
import { freePort } from "../../local/dynamodb-local";
import { LocalRuntime, startLocal } from "../../local/runtime";
import { tableContents } from "../support/table-snapshot";

const KEY = "hostile-test-key";
const valid = { title: "Valid", body: "Valid body", authorName: "Val", authorEmail: "val@example.com" };

interface Case {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

const json = (value: unknown) => JSON.stringify(value);
const jsonHeaders = { "content-type": "application/json" };
const admin = { ...jsonHeaders, "x-api-key": KEY };

function cases(existingId: string): Case[] {
  const list: Case[] = [];
  const post = (name: string, body: string | Buffer, headers: Record<string, string> = jsonHeaders) =>
    list.push({ name, method: "POST", path: "/api/articles", headers, body });

  // Malformed JSON
  for (const body of ["{", "[", "nul", '{"title":}', '{"title":"x",}', "{'title':'x'}", "\ufeff{}", '{"a":1}{"b":2}', "[".repeat(5000) + "]".repeat(5000), "\u0000", "", "   ", "true", '"string"', "1e309"]) {
    post(`malformed JSON ${json(body.slice(0, 20))}`, body);
  }
  // Wrong content types, with a valid body
  for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/jsonx", "json", "text/json", "application/json-patch+json"]) {
    post(`content type ${type}`, json(valid), { "content-type": type });
  }
  post("no content type", json(valid), {});
  // Missing fields and wrong shapes
  for (const field of Object.keys(valid)) {
    const { [field as keyof typeof valid]: _dropped, ...rest } = valid;
    post(`missing ${field}`, json(rest));
  }
  for (const body of [{}, null, [], "text", 42, [valid]]) post(`shape ${json(body)}`, json(body));
  // Extra fields
  for (const extra of ["id", "likes", "publishedAt", "expiresAt", "authorEmail2", "constructor", "admin", "pk"]) {
    post(`extra field ${extra}`, json({ ...valid, [extra]: "x" }));
  }
  post("extra __proto__", '{"title":"T","body":"B","authorName":"A","authorEmail":"a@example.com","__proto__":{"admin":true}}');
  // Oversized fields
  const oversized: [string, unknown][] = [
    ["title", "t".repeat(LIMITS.title.max + 1)],
    ["title", "t".repeat(100000)],
    ["body", "b".repeat(LIMITS.body.max + 1)],
    ["body", "b".repeat(500000)],
    ["authorName", "a".repeat(LIMITS.authorName.max + 1)],
    ["authorEmail", `${"e".repeat(250)}@example.com`],
    ["title", "😀".repeat(LIMITS.title.max + 1)],
  ];
  for (const [field, value] of oversized) post(`oversized ${field} (${String(value).length})`, json({ ...valid, [field]: value }));
  post("body over 10 MB", Buffer.alloc(10 * 1024 * 1024 + 10, 0x61));
  // Wrong types
  for (const field of Object.keys(valid)) {
    for (const value of [42, true, null, ["x"], { x: 1 }]) post(`${field} as ${json(value)}`, json({ ...valid, [field]: value }));
  }
  // Unicode edge cases that must be refused
  for (const [field, value] of [
    ["title", "\u0000"],
    ["title", "a\u0000b"],
    ["title", "\ud800"],
    ["body", "dangling \udfff surrogate"],
    ["authorName", "\ud83d"],
    ["title", "\u001b[2J"],
    ["authorName", "name\r\nX-Injected: 1"],
    ["title", " "],
    ["title", "\t\t"],
    ["title", "\u3000\u2003"],
    ["body", "\n\n\n"],
    ["body", "bell\u0007"],
    ["authorEmail", "a b@example.com"],
    ["authorEmail", "ａ@example"],
    ["authorEmail", "a@b"],
    ["authorEmail", "@example.com"],
    ["authorEmail", "a@@example.com"],
    ["authorEmail", "a\u0000@example.com"],
  ] as const) {
    post(`unicode ${field} ${json(value)}`, json({ ...valid, [field]: value }));
  }
  // Traversal and injection in ids, on every route that takes one
  const ids = ["..", "../..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%00", "x%00y", "' OR '1'='1", "<script>alert(1)</script>", "ARTICLE%23x", "CONTENT%23abc", "a".repeat(1000), "${jndi:ldap:%2F%2Fx}", "%", "%zz", "%E0%A4%A", "AAAAAAAAAAAAAAAAAAAAAA", "*"];
  for (const raw of ids) {
    // Node refuses to send a raw space in a path; clients send it encoded.
    const id = raw.replace(/ /g, "%20");
    list.push({ name: `GET id ${id.slice(0, 24)}`, method: "GET", path: `/api/articles/${id}` });
    list.push({ name: `like id ${id.slice(0, 24)}`, method: "POST", path: `/api/articles/${id}/likes` });
    list.push({ name: `PATCH id ${id.slice(0, 24)}`, method: "PATCH", path: `/api/articles/${id}`, headers: admin, body: json({ title: "Hijack" }) });
    list.push({ name: `DELETE id ${id.slice(0, 24)}`, method: "DELETE", path: `/api/articles/${id}`, headers: { "x-api-key": KEY } });
  }
  // Invalid cursors and limits
  for (const query of ["limit=0", "limit=51", "limit=-1", "limit=abc", "limit=1.5", "limit=", "limit=1e1", "limit=99999999999999999999", "limit=%00", "cursor=", "cursor=abc", "cursor=%00", "cursor=" + "A".repeat(5000), "cursor=eyJwayI6eyJTIjoiQVJUSUNMRSMifX0", "cursor=WyJ4IiwxXQ", "cursor=W10", "cursor=bnVsbA", "limit=10&cursor=....", "limit=5&limit=500"]) {
    list.push({ name: `list ?${query.slice(0, 30)}`, method: "GET", path: `/api/articles?${query}` });
  }
  // Oversized headers
  list.push({ name: "a 100 KB header", method: "GET", path: "/api/articles", headers: { "x-padding": "p".repeat(100 * 1024) } });
  list.push({ name: "a 20 KB user agent on a like", method: "POST", path: `/api/articles/${existingId}/likes`, headers: { "user-agent": "u".repeat(20 * 1024) } });
  // Wrong methods and unknown routes
  for (const [method, path] of [
    ["PUT", "/api/articles"],
    ["DELETE", "/api/articles"],
    ["PATCH", "/api/articles"],
    ["POST", "/api/health"],
    ["DELETE", "/api/health"],
    ["GET", `/api/articles/${existingId}/likes`],
    ["PUT", `/api/articles/${existingId}`],
    ["OPTIONS", "/api/articles"],
    ["GET", "/api"],
    ["GET", "/api/articles/x/y/z"],
    ["GET", "/api/../../etc/passwd"],
    ["TRACE", "/api/health"],
  ]) {
    list.push({ name: `${method} ${path}`, method, path });
  }
  // Missing and wrong API keys on admin routes
  // Surrounding spaces are not tried: HTTP strips optional whitespace around header values.
  for (const key of [undefined, "", "wrong", KEY.toUpperCase(), `${KEY}x`, KEY.slice(0, -1), `x${KEY}`, "null", "*", `${KEY},${KEY}`]) {
    const headers: Record<string, string> = key === undefined ? { ...jsonHeaders } : { ...jsonHeaders, "x-api-key": key };
    list.push({ name: `PATCH with key ${json(key)}`, method: "PATCH", path: `/api/articles/${existingId}`, headers, body: json({ title: "Hijack" }) });
    const deleteHeaders: Record<string, string> = key === undefined ? {} : { "x-api-key": key };
    list.push({ name: `DELETE with key ${json(key)}`, method: "DELETE", path: `/api/articles/${existingId}`, headers: deleteHeaders });
  }
  // Valid key, invalid changes
  for (const body of ["{}", json({ title: "" }), json({ authorName: "X" }), json({ title: 1 }), json({ body: "b".repeat(LIMITS.body.max + 1) }), "{"]) {
    list.push({ name: `admin PATCH ${body.slice(0, 20)}`, method: "PATCH", path: `/api/articles/${existingId}`, headers: admin, body });
  }
  return list;
}

/** Raw HTTP, so malformed paths and bodies reach the server exactly as written. */
function send(base: string, c: Case): Promise<{ status: number; contentType: string; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method: c.method, path: c.path, headers: { ...c.headers, ...(c.body !== undefined ? { "content-length": Buffer.byteLength(c.body) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers["content-type"]), body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    if (c.body !== undefined) req.write(c.body);
    req.end();
  });
}

let local: LocalRuntime;
let existingId: string;

beforeAll(async () => {
  local = await startLocal({ port: await freePort(), dataDir: mkdtempSync(join(tmpdir(), "hostile-")), adminApiKey: KEY, lakeFlushSeconds: 3600 });
  const response = await fetch(`${local.url}/api/articles`, { method: "POST", headers: jsonHeaders, body: json(valid) });
  existingId = ((await response.json()) as { article: { id: string } }).article.id;
  await fetch(`${local.url}/api/articles/${existingId}/likes`, { method: "POST" });
});

afterAll(async () => {
  await local?.stop();
});

describe("hostile input against the local runtime", () => {
  it("answers every one of at least 200 hostile requests with a 4xx JSON error, and changes nothing", async () => {
    const all = cases(existingId);
    expect(all.length).toBeGreaterThanOrEqual(200);
    const before = await tableContents(local.dynamoDbEndpoint, local.tableName);
    const statuses = new Map<number, number>();
    const wrong: string[] = [];
    for (const c of all) {
      const reply = await send(local.url, c);
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      let shape = false;
      try {
        const parsed = JSON.parse(reply.body);
        shape = Object.keys(parsed).join() === "error" && typeof parsed.error.code === "string" && typeof parsed.error.message === "string";
      } catch {
        shape = false;
      }
      if (reply.status < 400 || reply.status > 499 || !reply.contentType.startsWith("application/json") || !shape) {
        wrong.push(`${c.name}: ${reply.status} ${reply.contentType} ${reply.body.slice(0, 120)}`);
      }
    }
    const after = await tableContents(local.dynamoDbEndpoint, local.tableName);
    console.log(
      `hostile input: ${all.length} requests; statuses ${[...statuses].sort().map(([s, n]) => `${s}x${n}`).join(", ")}; ` +
        `table items before ${before.length}, after ${after.length}, identical: ${JSON.stringify(before) === JSON.stringify(after)}`,
    );
    expect(wrong).toEqual([]);
    expect(after).toEqual(before);
  });
});

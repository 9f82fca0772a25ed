import { freshTable, useFunctionEnvironment } from "./support/dynamodb";
import { invoke, loadHandlers } from "./support/invoke";

let handlers: ReturnType<typeof loadHandlers>;
let lines: string[] = [];

beforeAll(async () => {
  useFunctionEnvironment(await freshTable("logging"));
  handlers = loadHandlers();
});

beforeEach(() => {
  lines = [];
  for (const method of ["log", "info", "warn", "error"] as const) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  }
});

afterEach(() => jest.restoreAllMocks());

describe("function logs", () => {
  it("are one JSON line per request with request id, route, status and latency, and never an e-mail or a full IP", async () => {
    const email = "private.person@example.com";
    const ip = "198.51.100.77";
    const created = await invoke(handlers, "createArticle", {
      body: { title: "Logged", body: "Body", authorName: "Lou", authorEmail: email },
      sourceIp: ip,
    });
    await invoke(handlers, "likeArticle", { params: { id: created.json.article.id }, sourceIp: ip, headers: { "User-Agent": "agent" } });
    await invoke(handlers, "createArticle", { body: { title: "Logged", body: "Body", authorName: "Lou", authorEmail: email }, sourceIp: ip });
    await invoke(handlers, "getArticle", { params: { id: "nope" }, sourceIp: ip });

    expect(lines).toHaveLength(4);
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries.map((e) => [e.route, e.status])).toEqual([
      ["create-article", 201],
      ["like-article", 200],
      ["create-article", 409],
      ["get-article", 404],
    ]);
    for (const entry of entries) {
      expect(entry).toEqual(expect.objectContaining({ level: "INFO", requestId: expect.any(String), latencyMs: expect.any(Number) }));
    }
    const text = lines.join("\n");
    expect(text).not.toContain(email);
    expect(text).not.toContain(ip);
    expect(text).not.toContain("198.51.100.");
  });

  it("log an unexpected failure as an ERROR line with its stack, and answer a generic 500", async () => {
    const saved = process.env.TABLE_NAME;
    let broken: (typeof handlers)["getArticle"] | undefined;
    await jest.isolateModulesAsync(async () => {
      process.env.TABLE_NAME = "no-such-table";
      broken = (require("../functions/handlers/get-article") as { handler: (typeof handlers)["getArticle"] }).handler;
    });
    process.env.TABLE_NAME = saved;
    const reply = await invoke({ ...handlers, getArticle: broken! }, "getArticle", { params: { id: "AAAAAAAAAAAAAAAAAAAAAA" } });
    expect(reply.status).toBe(500);
    expect(reply.json).toEqual({ error: { code: "INTERNAL_ERROR", message: "Internal error" } });
    const entry = JSON.parse(lines.find((line) => line.includes('"ERROR"'))!);
    expect(entry).toMatchObject({ level: "ERROR", route: "get-article", status: 500, error: { name: "ResourceNotFoundException" } });
    expect(entry.error.stack).toContain("ResourceNotFoundException");
  });
});

import { decodeCursor, encodeCursor, parseLimit } from "../functions/articles/listing";
import { contentHash, isArticleId, newArticleId } from "../functions/articles/records";
import { anonymizeIp, countryCode, deviceType, truncateUserAgent, USER_AGENT_MAX } from "../functions/articles/viewer";
import { CompiledValidator, firstViolation } from "../functions/http/validation";
import { compileValidator, validatorModuleSource } from "../functions/http/validator-compiler";
import { createArticleSchema, JsonSchema, LIMITS, updateArticleSchema } from "../functions/schemas";

describe("viewer metadata", () => {
  it.each([
    ["203.0.113.77", "203.0.113.0/24"],
    ["::ffff:198.51.100.9", "198.51.100.0/24"],
    ["2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::/48"],
    ["2001:db8::1", "2001:db8:0::/48"],
    ["::1", "0:0:0::/48"],
    ["fe80::1%eth0", "fe80:0:0::/48"],
    ["not-an-ip", null],
    ["", null],
    [undefined, null],
  ])("anonymizes %s to %s", (ip, expected) => {
    expect(anonymizeIp(ip)).toBe(expected);
  });

  it("derives the device type from CloudFront's string flags", () => {
    expect(deviceType({ mobile: "true", desktop: "false" })).toBe("mobile");
    expect(deviceType({ desktop: "true" })).toBe("desktop");
    expect(deviceType({ tablet: "TRUE", mobile: "true" })).toBe("tablet");
    expect(deviceType({ smartTv: "true" })).toBe("smarttv");
    expect(deviceType({ desktop: "false", mobile: "false" })).toBe("unknown");
    expect(deviceType({})).toBe("unknown");
  });

  it("keeps only two-letter country codes and bounds the user agent", () => {
    expect(countryCode("de")).toBe("DE");
    expect(countryCode("XX1")).toBeNull();
    expect(countryCode(undefined)).toBeNull();
    expect(truncateUserAgent("x".repeat(5000))).toHaveLength(USER_AGENT_MAX);
    expect(truncateUserAgent(undefined)).toBeNull();
  });
});

describe("cursor and limit", () => {
  it("round-trips a cursor", () => {
    const id = newArticleId();
    expect(decodeCursor(encodeCursor(id, 1700000000000))).toEqual({ id, publishedAt: 1700000000000 });
  });

  it.each([
    "",
    "!!!",
    Buffer.from("not json").toString("base64url"),
    Buffer.from(JSON.stringify(["short", 1])).toString("base64url"),
    Buffer.from(JSON.stringify([newArticleId(), -1])).toString("base64url"),
    Buffer.from(JSON.stringify({ pk: "ARTICLE#x" })).toString("base64url"),
    "A".repeat(500),
  ])("refuses a forged cursor %#", (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(/cursor/);
  });

  it("accepts limits 1..50 and defaults to 20", () => {
    expect(parseLimit(undefined)).toBe(LIMITS.listPage.default);
    expect(parseLimit("1")).toBe(1);
    expect(parseLimit("50")).toBe(50);
    for (const bad of ["0", "51", "-1", "1.5", "abc", "", "1e1", "0050"]) expect(() => parseLimit(bad)).toThrow(/limit/);
  });
});

describe("records", () => {
  it("makes unguessable URL-safe ids and content hashes that separate title from body", () => {
    const ids = new Set(Array.from({ length: 1000 }, newArticleId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(isArticleId(id)).toBe(true);
    expect(isArticleId("../../etc/passwd")).toBe(false);
    expect(contentHash("ab", "c")).not.toBe(contentHash("a", "bc"));
  });
});

/** The same validators two ways: compiled in this process, and the standalone code bundles load. */
function standaloneValidators(): Map<JsonSchema, CompiledValidator> {
  const source = validatorModuleSource({ create: createArticleSchema, update: updateArticleSchema });
  const module = { exports: {} as { compiledValidator?: (key: string) => CompiledValidator } };
  new Function("module", "exports", "require", source)(module, module.exports, require);
  return new Map([
    [createArticleSchema, module.exports.compiledValidator!("create")],
    [updateArticleSchema, module.exports.compiledValidator!("update")],
  ]);
}

const inProcess = new Map([createArticleSchema, updateArticleSchema].map((schema) => [schema, compileValidator(schema)]));

describe.each([
  ["compiled in process", inProcess],
  ["precompiled standalone code", standaloneValidators()],
])("validators %s", (_, validators) => {
  const check = (schema: JsonSchema, value: unknown) => firstViolation(validators.get(schema)!, value);

  describe("request schemas", () => {
    const article = { title: "T", body: "B", authorName: "A", authorEmail: "a@example.com" };

    it("accepts a valid article and refuses unknown, missing, blank and oversized fields", () => {
      expect(check(createArticleSchema, article)).toBeNull();
      expect(check(createArticleSchema, { ...article, admin: true })).toBe('unknown field "admin"');
      expect(check(createArticleSchema, { title: "T", body: "B", authorName: "A" })).toBe('missing field "authorEmail"');
      expect(check(createArticleSchema, { ...article, title: "   " })).toBe("title must not be blank or contain control characters");
      expect(check(createArticleSchema, { ...article, title: "x".repeat(LIMITS.title.max + 1) })).toMatch(/title/);
      expect(check(createArticleSchema, { ...article, body: "x".repeat(LIMITS.body.max) })).toBeNull();
      expect(check(createArticleSchema, { ...article, body: "x".repeat(LIMITS.body.max + 1) })).toMatch(/body/);
      expect(check(createArticleSchema, { ...article, authorEmail: "not-an-address" })).toBe(
        "authorEmail must be a valid e-mail address",
      );
      expect(check(createArticleSchema, { ...article, likes: 5 })).toMatch(/unknown field/);
      expect(check(createArticleSchema, [article])).toBe("body must be object");
    });

    it("counts characters, not bytes or UTF-16 units", () => {
      expect(check(createArticleSchema, { ...article, title: "😀".repeat(LIMITS.title.max) })).toBeNull();
    });

    it("needs at least one known field to update", () => {
      expect(check(updateArticleSchema, { title: "New" })).toBeNull();
      expect(check(updateArticleSchema, {})).toMatch(/at least one field/);
      expect(check(updateArticleSchema, { authorName: "Mallory" })).toMatch(/unknown field/);
    });
  });

  describe("text hygiene", () => {
    const article = { title: "T", body: "B", authorName: "A", authorEmail: "a@example.com" };

    it("refuses control characters in one-line fields but keeps tabs and line breaks in the body", () => {
      expect(check(createArticleSchema, { ...article, title: "a\u0000b" })).toMatch(/title must not be blank or contain control characters/);
      expect(check(createArticleSchema, { ...article, authorName: "Eve\u001b[31m" })).toMatch(/authorName/);
      expect(check(createArticleSchema, { ...article, body: "line\n\tindented\r\nend" })).toBeNull();
      expect(check(createArticleSchema, { ...article, body: "bell\u0007" })).toMatch(/body/);
      expect(check(createArticleSchema, { ...article, authorEmail: "a\u0000@example.com" })).toMatch(/e-mail/);
    });

    it("refuses lone surrogates, which UTF-8 storage would alter", () => {
      expect(check(createArticleSchema, { ...article, title: "broken \ud800" })).toBe("title is not well-formed Unicode");
      expect(check(createArticleSchema, { ...article, body: "fine 😀 ünïcödé ‮rtl" })).toBeNull();
    });
  });
});

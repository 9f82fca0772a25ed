import { decodeCursor, encodeCursor, parseLimit } from "../functions/articles/listing";
import { contentHash, isArticleId, newArticleId } from "../functions/articles/records";
import { anonymizeIp, countryCode, deviceType, truncateUserAgent, USER_AGENT_MAX } from "../functions/articles/viewer";
import { CreateArticle, CreateArticleBody, UpdateArticle, UpdateArticleBody } from "../functions/bodies";
import { bodySchemas } from "../functions/http/body-schemas";
import { CompiledValidator, firstViolation } from "../functions/http/validation";
import { compileValidator, validatorModuleSource } from "../functions/http/validator-compiler";
import { RouteName } from "../functions/routes";
import { LIMITS } from "../functions/schemas";

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


/** The same validators two ways, from the route table's schemas: compiled in this process, and the standalone code bundles load. */
function standaloneValidators(): (route: RouteName) => CompiledValidator {
  const source = validatorModuleSource(bodySchemas());
  const module = { exports: {} as { compiledValidator?: (route: RouteName) => CompiledValidator } };
  new Function("module", "exports", "require", source)(module, module.exports, require);
  return module.exports.compiledValidator!;
}

function inProcessValidators(): (route: RouteName) => CompiledValidator {
  const schemas = bodySchemas();
  return (route) => compileValidator(schemas[route]!);
}

it("compiles a validator for exactly the routes with a body, from their route entries", () => {
  expect(bodySchemas()).toEqual({ createArticle: CreateArticle, updateArticle: UpdateArticle });
});

describe.each([
  ["compiled in process", inProcessValidators()],
  ["precompiled standalone code", standaloneValidators()],
])("validators %s", (_, validator) => {
  const create = validator("createArticle");
  const update = validator("updateArticle");
  const createViolation = (value: unknown) => firstViolation(create, value);
  const updateViolation = (value: unknown) => firstViolation(update, value);

  describe("request schemas", () => {
    const article = { title: "T", body: "B", authorName: "A", authorEmail: "a@example.com" };

    it("accepts a valid article and refuses unknown, missing, blank and oversized fields, naming the field and the rule", () => {
      expect(createViolation(article)).toBeNull();
      expect(createViolation({ ...article, admin: true })).toBe("admin: is not a field of this body");
      expect(createViolation({ title: "T", body: "B", authorName: "A" })).toBe("authorEmail: is required");
      expect(createViolation({ ...article, title: "   " })).toMatch(/^title: must contain visible text/);
      expect(createViolation({ ...article, title: "" })).toBe("title: must not be empty");
      expect(createViolation({ ...article, title: "x".repeat(LIMITS.title.max + 1) })).toBe("title: must be at most 200 characters");
      expect(createViolation({ ...article, body: "x".repeat(LIMITS.body.max) })).toBeNull();
      expect(createViolation({ ...article, body: "x".repeat(LIMITS.body.max + 1) })).toMatch(/body/);
      expect(createViolation({ ...article, authorEmail: "not-an-address" })).toBe("authorEmail: must be a valid e-mail address");
      expect(createViolation({ ...article, likes: 5 })).toMatch(/is not a field of this body/);
      expect(createViolation([article])).toBe("body: must be a JSON object");
    });

    it("counts characters, not bytes or UTF-16 units", () => {
      expect(createViolation({ ...article, title: "😀".repeat(LIMITS.title.max) })).toBeNull();
    });

    it("needs at least one known field to update", () => {
      expect(updateViolation({ title: "New" })).toBeNull();
      expect(updateViolation({})).toMatch(/at least one field/);
      expect(updateViolation({ authorName: "Mallory" })).toMatch(/is not a field of this body/);
    });
  });

  describe("text hygiene", () => {
    const article = { title: "T", body: "B", authorName: "A", authorEmail: "a@example.com" };

    it.each([
      ["a zero-width space alone", "\u200B"],
      ["a zero-width joiner alone", "\u200D"],
      ["a byte order mark and spaces", " \uFEFF "],
      ["a line separator", "a\u2028b"],
      ["a paragraph separator", "a\u2029b"],
      ["a next-line control (U+0085)", "a\u0085b"],
      ["a right-to-left override", "abc\u202Etxt.exe"],
      ["a bidi isolate", "a\u2066b"],
    ])("refuses %s in a title and an author name, naming the field", (_, text) => {
      expect(createViolation({ ...article, title: text })).toMatch(/^title: /);
      expect(createViolation({ ...article, authorName: text })).toMatch(/^authorName: /);
    });

    it("keeps joiners inside visible text (emoji sequences, scripts that need them)", () => {
      expect(createViolation({ ...article, title: "Family \u{1F468}\u200D\u{1F469}\u200D\u{1F467}" })).toBeNull();
      expect(createViolation({ ...article, authorName: "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645" })).toBeNull();
    });

    it("refuses control characters in one-line fields but keeps tabs and line breaks in the body", () => {
      expect(createViolation({ ...article, title: "a\u0000b" })).toMatch(/^title: must contain visible text and no control/);
      expect(createViolation({ ...article, authorName: "Eve\u001b[31m" })).toMatch(/authorName/);
      expect(createViolation({ ...article, body: "line\n\tindented\r\nend" })).toBeNull();
      expect(createViolation({ ...article, body: "bell\u0007" })).toMatch(/body/);
      expect(createViolation({ ...article, authorEmail: "a\u0000@example.com" })).toMatch(/e-mail/);
    });

    it("refuses lone surrogates, which UTF-8 storage would alter", () => {
      expect(createViolation({ ...article, title: "broken \ud800" })).toBe("title: is not well-formed Unicode");
      expect(createViolation({ ...article, body: "fine 😀 ünïcödé ‮rtl" })).toBeNull();
    });
  });
});

it("derives the draft-4 API Gateway model and the type from one declaration", () => {
  const created: CreateArticleBody = { title: "t", body: "b", authorName: "a", authorEmail: "e" };
  const change: UpdateArticleBody = {};
  // @ts-expect-error authorEmail is required by the schema, so the derived type requires it
  const incomplete: CreateArticleBody = { title: "t", body: "b", authorName: "a" };
  expect([created, change, incomplete]).toHaveLength(3);
  expect(CreateArticle).toMatchObject({
    $schema: "http://json-schema.org/draft-04/schema#",
    title: "CreateArticle",
    required: ["title", "body", "authorName", "authorEmail"],
    additionalProperties: false,
  });
  expect(UpdateArticle).toMatchObject({ title: "UpdateArticle", minProperties: 1, additionalProperties: false });
});

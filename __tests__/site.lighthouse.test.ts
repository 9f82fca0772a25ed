import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../constructs/bundle";
import { freePort } from "../local/dynamodb-local";
import { browserAvailable, CHROMIUM_FLAGS, RICH_ARTICLE_BODY } from "./support/browser";
import { LocalProcess, startLocalProcess } from "./support/local-process";

const executable = browserAvailable();
const LIGHTHOUSE = join(PROJECT_ROOT, "node_modules", "lighthouse", "cli", "index.js");
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
/** Each run's report, kept in this run's own folder. */
const REPORTS = mkdtempSync(join(tmpdir(), "lighthouse-"));
let local: LocalProcess;
let articleId: string;

interface Report {
  categories: Record<(typeof CATEGORIES)[number], { score: number; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { score: number | null; details?: { items?: unknown[] } }>;
}

async function publish(title: string, body: string): Promise<string> {
  const response = await fetch(`${local.url}/api/articles`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title, body, authorName: "Ada", authorEmail: "ada@example.com" }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { article: { id: string } }).article.id;
}

/** Lighthouse's command line, in its own process, against Debian's Chromium. */
async function lighthouse(url: string, formFactor: "mobile" | "desktop", name: string): Promise<Report> {
  const output = join(REPORTS, `${name}.json`);
  await promisify(execFile)(
    process.execPath,
    [
      LIGHTHOUSE,
      url,
      "--quiet",
      "--output=json",
      `--output-path=${output}`,
      `--only-categories=${CATEGORIES.join(",")}`,
      `--chrome-flags=${CHROMIUM_FLAGS.join(" ")}`,
      ...(formFactor === "desktop" ? ["--preset=desktop"] : []),
    ],
    { env: { ...process.env, CHROME_PATH: executable }, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(readFileSync(output, "utf8")) as Report;
}

beforeAll(async () => {
  if (!executable) return;
  local = await startLocalProcess({ PORT: String(await freePort()), LOCAL_DATA_DIR: mkdtempSync(join(tmpdir(), "lighthouse-site-")), ADMIN_API_KEY: "k" });
  await publish("Parquet for beginners", "Columns, row groups and *Snappy*.\n\nA second paragraph.");
  articleId = await publish("Tables, quotes and code", RICH_ARTICLE_BODY);
}, 120000);

afterAll(async () => {
  await local?.stop("SIGTERM");
});

describe("Lighthouse on the local runtime", () => {
  it.each([
    ["home", "mobile"],
    ["home", "desktop"],
    ["article", "mobile"],
    ["article", "desktop"],
  ] as const)("scores the %s page (%s) 100 in accessibility, best practices and SEO, at least 95 in performance, with no console error", async (page, formFactor) => {
    if (!executable) return;
    const url = page === "home" ? `${local.url}/` : `${local.url}/articles/${articleId}`;
    const report = await lighthouse(url, formFactor, `${page}-${formFactor}`);
    const scores = Object.fromEntries(CATEGORIES.map((category) => [category, Math.round(report.categories[category].score * 100)]));
    console.info(`Lighthouse ${page} ${formFactor}: ${JSON.stringify(scores)} (report in ${REPORTS})`);
    const failing = CATEGORIES.filter((category) => category !== "performance").flatMap((category) =>
      report.categories[category].auditRefs.filter((ref) => ref.weight > 0 && report.audits[ref.id].score !== null && report.audits[ref.id].score! < 1).map((ref) => ref.id),
    );
    expect(failing).toEqual([]);
    expect(report.audits["errors-in-console"].details?.items ?? []).toEqual([]);
    expect({ accessibility: scores.accessibility, bestPractices: scores["best-practices"], seo: scores.seo }).toEqual({ accessibility: 100, bestPractices: 100, seo: 100 });
    expect(scores.performance).toBeGreaterThanOrEqual(95);
  }, 300000);
});

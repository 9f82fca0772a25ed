import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { Browser, chromium } from "playwright-core";

/** Debian's Chromium (never a downloaded browser), from CHROMIUM_PATH or PATH. */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      return execFileSync("which", [name], { encoding: "utf8" }).trim() || undefined;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** Outside CI a missing browser is reported and the browser tests do not run; under CI=true they fail. */
export function browserAvailable(): string | undefined {
  const path = chromiumPath();
  if (path) return path;
  const message = "Browser tests cannot run: no chromium on PATH (apt-get install chromium), or set CHROMIUM_PATH";
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`NOT RUN: ${message}`);
  return undefined;
}

/** Headless, no sandbox (containers), and none of the browser's own network traffic. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launch(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
}

/** An article as people write them: headings, a table, a quote, inline code and a code block. */
export const RICH_ARTICLE_BODY = [
  "How the blog stores a like, with `ADD` on a small counter item and **no** read before the write.",
  "# Setting up",
  "Run `npm start`, then open the site.",
  "## What it costs",
  "| item | write units |\n|---|---|\n| like counter | 1 WCU |\n| 20 KB article | 20 WCU |",
  "> A like is exact under concurrency.",
  "```ts\nawait likeArticle(id);\nconsole.log(\"liked\");\n```",
].join("\n\n");

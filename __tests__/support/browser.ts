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

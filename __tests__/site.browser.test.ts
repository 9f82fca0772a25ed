import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { PROJECT_ROOT } from "../constructs/bundle";
import { freePort } from "../local/dynamodb-local";
import { browserAvailable, launch } from "./support/browser";
import { LocalProcess, startLocalProcess } from "./support/local-process";

const executable = browserAvailable();
const SCREENSHOT_DIR = join(PROJECT_ROOT, ".build", "screenshots");
let local: LocalProcess;
let browser: Browser;

async function publish(title: string, body: string, authorName = "Grace") {
  const response = await fetch(`${local.url}/api/articles`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title, body, authorName, authorEmail: "grace@example.com" }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { article: { id: string } }).article.id;
}

async function page(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const tab = await context.newPage();
  // Any dialog (alert, confirm) would mean injected code ran.
  tab.on("dialog", (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
  return tab;
}

beforeAll(async () => {
  if (!executable) return;
  local = await startLocalProcess({ PORT: String(await freePort()), LOCAL_DATA_DIR: mkdtempSync(join(tmpdir(), "site-")), ADMIN_API_KEY: "k" });
  browser = await launch(executable);
  await publish("Serverless on one laptop", "DynamoDB Local, a **local Firehose** and DuckDB.\n\n- no account\n- no Docker", "Ada");
  await publish("Parquet for beginners", "Columns, row groups and *Snappy*.", "Linus");
  await publish("Why likes are cheap", "One small counter item: **1 WCU**, whatever the article's size.", "Grace");
});

afterAll(async () => {
  await browser?.close();
  await local?.stop("SIGTERM");
});

describe("the blog in Chromium", () => {
  it("shows the newest articles first, with the security headers, and saves a screenshot", async () => {
    if (!executable) return;
    const tab = await page();
    const response = await tab.goto(`${local.url}/`);
    expect(response?.headers()["content-security-policy"]).toContain("default-src 'self'");
    expect(response?.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains; preload");
    expect(response?.headers()["x-frame-options"]).toBe("DENY");
    await tab.waitForSelector("article.article");
    const titles = await tab.locator("article h2").allTextContents();
    expect(titles.slice(0, 3)).toEqual(["Why likes are cheap", "Parquet for beginners", "Serverless on one laptop"]);
    expect(await tab.locator("article strong").first().textContent()).toBe("1 WCU");
    expect(await tab.getByRole("button", { name: "Load more" }).isVisible()).toBe(false);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await tab.screenshot({ path: join(SCREENSHOT_DIR, "home.png"), fullPage: true });
    await tab.context().close();
  });

  it("shows a message for every empty field, and the API's limit for a too long title", async () => {
    if (!executable) return;
    const tab = await page();
    await tab.goto(`${local.url}/#/write`);
    await tab.getByRole("button", { name: "Publish" }).click();
    const errors = await tab.locator(".field-error").allTextContents();
    expect(errors.filter(Boolean)).toEqual(["Title is required.", "Your name is required.", "E-mail is required.", "Article text is required."]);
    expect(await tab.locator("#field-title").getAttribute("aria-invalid")).toBe("true");
    expect(await tab.evaluate(() => document.activeElement?.id)).toBe("field-title");

    await tab.getByLabel("Title").fill("x".repeat(201));
    await tab.getByLabel("E-mail (never shown)").fill("not-an-address");
    await tab.getByRole("button", { name: "Publish" }).click();
    expect(await tab.locator("#field-title-error").textContent()).toBe("Title must be at most 200 characters (now 201).");
    expect(await tab.locator("#field-authorEmail-error").textContent()).toContain("valid e-mail");
    await tab.context().close();
  });

  it("publishes through the form, opens the new article at its own URL, and lists it first", async () => {
    if (!executable) return;
    const tab = await page();
    await tab.goto(`${local.url}/#/write`);
    await tab.getByLabel("Title").fill("Written in Chromium");
    await tab.getByLabel("Your name").fill("Tester");
    await tab.getByLabel("E-mail (never shown)").fill("tester@example.com");
    await tab.getByLabel("Article text").fill("Hello from **the form**.");
    await tab.getByRole("button", { name: "Publish" }).click();
    await tab.waitForSelector("article h1");
    expect(await tab.locator("article h1").textContent()).toBe("Written in Chromium");
    expect(await tab.locator(".toast-success").textContent()).toBe("Your article is published.");
    const url = tab.url();
    expect(url).toMatch(/#\/articles\/[A-Za-z0-9_-]{22}$/);

    const fresh = await page();
    await fresh.goto(url);
    await fresh.waitForSelector("article h1");
    expect(await fresh.locator("article h1").textContent()).toBe("Written in Chromium");
    expect(await fresh.content()).not.toContain("tester@example.com");
    await fresh.goto(`${local.url}/`);
    await fresh.waitForSelector("article h2");
    expect(await fresh.locator("article h2").first().textContent()).toBe("Written in Chromium");
    await tab.context().close();
    await fresh.context().close();
  });

  it("likes an article and shows the new count", async () => {
    if (!executable) return;
    const id = await publish("Like me", "Please.");
    const tab = await page();
    await tab.goto(`${local.url}/#/articles/${id}`);
    const button = tab.getByRole("button", { name: 'Like "Like me"' });
    await expect(button.locator(".like-count").textContent()).resolves.toBe("0");
    await button.click();
    await tab.waitForFunction(() => document.querySelector(".like-count")?.textContent === "1");
    await button.click();
    await tab.waitForFunction(() => document.querySelector(".like-count")?.textContent === "2");
    const api = await (await fetch(`${local.url}/api/articles/${id}`)).json();
    expect((api as { article: { likes: number } }).article.likes).toBe(2);
    await tab.context().close();
  });

  it("never runs a script stored in an article", async () => {
    if (!executable) return;
    const body = [
      "<script>window.__pwned = 'script'</script>",
      '<img src="x" onerror="window.__pwned = \'onerror\'">',
      "[click me](javascript:window.__pwned='link')",
      '<a href="javascript:window.__pwned=\'raw link\'">raw</a>',
      '<svg><script>window.__pwned = "svg"</script></svg>',
      '<iframe src="javascript:parent.__pwned=\'iframe\'"></iframe>',
    ].join("\n\n");
    const id = await publish("<script>window.__pwned = 'title'</script>", body);
    const tab = await page();
    await tab.goto(`${local.url}/#/articles/${id}`);
    await tab.waitForSelector("article h1");
    expect(await tab.locator("article h1").textContent()).toBe("<script>window.__pwned = 'title'</script>");
    for (const link of await tab.locator(".article-body a").all()) {
      expect(String(await link.getAttribute("href"))).not.toMatch(/^\s*javascript:/i);
      await link.click({ modifiers: [] }).catch(() => undefined);
    }
    await tab.waitForTimeout(300);
    expect(await tab.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await tab.locator(".article-body script, .article-body iframe, .article-body [onerror]").count()).toBe(0);
    await tab.context().close();
  });

  it("can be used with the keyboard alone, shows focus, has readable contrast and fits a phone screen", async () => {
    if (!executable) return;
    const tab = await page();
    await tab.goto(`${local.url}/`);
    await tab.waitForSelector("article h2");
    await tab.keyboard.press("Tab");
    expect(await tab.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await tab.keyboard.press("Tab");
    await tab.keyboard.press("Tab");
    expect(await tab.evaluate(() => document.activeElement?.textContent)).toBe("Write an article");
    const outline = await tab.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
    await tab.keyboard.press("Enter");
    await tab.waitForSelector("#field-title:focus");
    await tab.keyboard.type("Typed with the keyboard");
    await tab.keyboard.press("Tab");
    await tab.keyboard.type("Kay");
    await tab.keyboard.press("Tab");
    await tab.keyboard.type("kay@example.com");
    await tab.keyboard.press("Tab");
    await tab.keyboard.type("No mouse needed.");
    await tab.keyboard.press("Tab");
    await tab.keyboard.press("Enter");
    await tab.waitForSelector("article h1");
    expect(await tab.locator("article h1").textContent()).toBe("Typed with the keyboard");

    // WCAG 2 contrast of text against its background: at least 4.5:1.
    const ratios = await tab.evaluate(() => {
      const channel = (c: number) => {
        const v = c / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      };
      const luminance = (rgb: string) => {
        const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      };
      const background = (element: Element | null): string => {
        for (let e = element; e; e = e.parentElement) {
          const color = getComputedStyle(e).backgroundColor;
          if (color !== "rgba(0, 0, 0, 0)" && color !== "transparent") return color;
        }
        return "rgb(255, 255, 255)";
      };
      return [".meta", ".article-body", "article h1", ".like", ".brand", "#write-link", "a[href='#/']"].map((selector) => {
        const element = document.querySelector(selector)!;
        const [a, b] = [luminance(getComputedStyle(element).color), luminance(background(element))];
        return { selector, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
      });
    });
    for (const { selector, ratio } of ratios) expect({ selector, ok: ratio >= 4.5 }).toEqual({ selector, ok: true });

    await tab.setViewportSize({ width: 360, height: 740 });
    await tab.goto(`${local.url}/`);
    await tab.waitForSelector("article h2");
    expect(await tab.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await tab.context().close();
  });

  it("loads more articles through the cursor", async () => {
    if (!executable) return;
    for (let i = 0; i < 16; i += 1) await publish(`Filler ${i}`, `Article number ${i}`);
    const tab = await page();
    await tab.goto(`${local.url}/`);
    await tab.waitForSelector("article h2");
    expect(await tab.locator("article").count()).toBe(20);
    await tab.getByRole("button", { name: "Load more" }).click();
    await tab.waitForFunction(() => document.querySelectorAll("article").length > 20);
    const total = await tab.locator("article").count();
    const ids = await tab.locator("article").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-article-id")));
    expect(new Set(ids).size).toBe(total);
    await tab.context().close();
  });
});

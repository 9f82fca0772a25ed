import AxeBuilder from "@axe-core/playwright";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { freePort } from "../local/dynamodb-local";
import { browserAvailable, launch, RICH_ARTICLE_BODY } from "./support/browser";
import { LocalProcess, startLocalProcess } from "./support/local-process";

const executable = browserAvailable();
/** This run's own folder (or SCREENSHOT_DIR): concurrent runs never write over each other's pictures. */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), "blog-screenshots-"));
let local: LocalProcess;
let browser: Browser;

const LONG_PARAGRAPH = `A first paragraph that goes on and on. ${"It keeps telling the reader about serverless blogs and their data lakes. ".repeat(8)}`;
let richId: string;

async function publish(title: string, body: string, authorName = "Grace") {
  const response = await fetch(`${local.url}/api/articles`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title, body, authorName, authorEmail: "grace@example.com" }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { article: { id: string } }).article.id;
}

/** Console errors and uncaught exceptions of each page. */
const problems = new WeakMap<Page, string[]>();

async function page(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const tab = await context.newPage();
  // Any dialog (alert, confirm) would mean injected code ran.
  tab.on("dialog", (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
  const seen: string[] = [];
  problems.set(tab, seen);
  tab.on("console", (message) => {
    if (message.type() === "error") seen.push(`${message.text()} (${message.location().url})`);
  });
  tab.on("pageerror", (error) => seen.push(String(error)));
  return tab;
}

/** axe-core's violations, with the experimental check that a control's name holds its visible label. */
async function axeViolations(tab: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: tab }).options({ rules: { "label-content-name-mismatch": { enabled: true } } }).analyze();
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

const px = (value: string) => Number.parseFloat(value);

beforeAll(async () => {
  if (!executable) return;
  local = await startLocalProcess({ PORT: String(await freePort()), LOCAL_DATA_DIR: mkdtempSync(join(tmpdir(), "site-")), ADMIN_API_KEY: "k" });
  browser = await launch(executable);
  await publish("Serverless on one laptop", "DynamoDB Local, a **local Firehose** and DuckDB.\n\n- no account\n- no Docker", "Ada");
  await publish("Parquet for beginners", "Columns, row groups and *Snappy*.", "Linus");
  await publish("Why likes are cheap", "One small counter item: **1 WCU**, whatever the article's size.", "Grace");
  richId = await publish("Tables, quotes and code", RICH_ARTICLE_BODY, "Ada");
});

afterAll(async () => {
  await browser?.close();
  await local?.stop("SIGTERM");
  if (executable) console.info(`Screenshots in ${SCREENSHOT_DIR}`);
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
    expect(titles.slice(1, 4)).toEqual(["Why likes are cheap", "Parquet for beginners", "Serverless on one laptop"]);
    expect(await tab.locator("article .excerpt").nth(1).textContent()).toBe("One small counter item: 1 WCU, whatever the article's size.");
    expect(await tab.getByRole("button", { name: "Load more" }).isVisible()).toBe(false);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await tab.screenshot({ path: join(SCREENSHOT_DIR, "home.png"), fullPage: true });
    await tab.context().close();
  });

  it("shows a message for every empty field, and the API's limit for a too long title", async () => {
    if (!executable) return;
    const tab = await page();
    await tab.goto(`${local.url}/write`);
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
    await tab.goto(`${local.url}/write`);
    await tab.getByLabel("Title").fill("Written in Chromium");
    await tab.getByLabel("Your name").fill("Tester");
    await tab.getByLabel("E-mail (never shown)").fill("tester@example.com");
    await tab.getByLabel("Article text").fill("Hello from **the form**.");
    await tab.getByRole("button", { name: "Publish" }).click();
    await tab.waitForSelector("article h1");
    expect(await tab.locator("article h1").textContent()).toBe("Written in Chromium");
    expect(await tab.locator(".toast-success").textContent()).toBe("Your article is published.");
    const url = tab.url();
    expect(new URL(url).pathname).toMatch(/^\/articles\/[A-Za-z0-9_-]{22}$/);

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
    await tab.goto(`${local.url}/articles/${id}`);
    const button = tab.getByRole("button", { name: '"Like me"' });
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
    await tab.goto(`${local.url}/articles/${id}`);
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
      return [".meta", ".article-body", "article h1", ".like", ".brand", "#write-link", "a[href='/']"].map((selector) => {
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

describe("the blog reads like a real blog", () => {
  it("lists an excerpt of each article, without headings, images or tables, linked to the article", async () => {
    if (!executable) return;
    const body = [LONG_PARAGRAPH, "# A heading", "![a picture](/favicon.svg)", "| a | b |\n|---|---|\n| 1 | 2 |", "The second paragraph."].join("\n\n");
    const id = await publish("A long read", body);
    const tab = await page();
    await tab.goto(`${local.url}/`);
    const card = tab.locator(`article[data-article-id="${id}"]`);
    await card.waitFor();
    expect(await card.locator("h1, h3, h4, img, table, pre").count()).toBe(0);
    expect(await card.textContent()).not.toContain("The second paragraph.");
    const excerpt = (await card.locator(".excerpt").textContent())!;
    expect(LONG_PARAGRAPH.startsWith(excerpt.slice(0, -1))).toBe(true);
    expect(excerpt.endsWith("…")).toBe(true);
    expect([...excerpt].length).toBeLessThanOrEqual(301);
    await card.getByRole("link", { name: 'Read the article "A long read"' }).click();
    await tab.waitForSelector("article h1");
    expect(new URL(tab.url()).pathname).toBe(`/articles/${id}`);
    expect(await tab.locator(".article-body").textContent()).toContain("The second paragraph.");
    await tab.context().close();
  });

  it("ranks an article's own headings below its title, on a smaller scale than any title", async () => {
    if (!executable) return;
    const tab = await page();
    await tab.goto(`${local.url}/`);
    await tab.waitForSelector("article h2");
    const listTitle = px(await tab.locator("article h2").first().evaluate((e) => getComputedStyle(e).fontSize));
    await tab.goto(`${local.url}/articles/${richId}`);
    await tab.waitForSelector("article h1");
    expect(await tab.locator(".article-body h1").count()).toBe(0);
    expect(await tab.locator(".article-body h2").allTextContents()).toEqual(["Setting up"]);
    expect(await tab.locator(".article-body h3").allTextContents()).toEqual(["What it costs"]);
    const size = (selector: string) => tab.locator(selector).first().evaluate((e) => getComputedStyle(e).fontSize).then(px);
    const [title, section, subsection, text] = await Promise.all([size("article h1"), size(".article-body h2"), size(".article-body h3"), size(".article-body p")]);
    expect(section).toBeLessThan(title);
    expect(section).toBeLessThan(listTitle);
    expect(subsection).toBeLessThan(section);
    expect(text).toBeLessThan(subsection);
    await tab.context().close();
  });

  it("gives tables, quotes, code blocks and inline code their own styles, and saves screenshots of an article", async () => {
    if (!executable) return;
    const tab = await page();
    await tab.goto(`${local.url}/articles/${richId}`);
    await tab.waitForSelector(".article-body table");
    const styles = await tab.evaluate(() => {
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      const [cell, quote, inline, block, text] = [style(".article-body td"), style(".article-body blockquote"), style(".article-body p code"), style(".article-body pre"), style(".article-body p")];
      return {
        cell: { border: cell.borderTopStyle, width: cell.borderTopWidth, padding: cell.paddingLeft },
        quote: { border: quote.borderLeftStyle, width: quote.borderLeftWidth, background: quote.backgroundColor },
        inline: { background: inline.backgroundColor, size: inline.fontSize, text: text.fontSize },
        block: { background: block.backgroundColor, padding: block.paddingLeft },
      };
    });
    const transparent = "rgba(0, 0, 0, 0)";
    expect(styles.cell.border).toBe("solid");
    expect(px(styles.cell.width)).toBeGreaterThanOrEqual(1);
    expect(px(styles.cell.padding)).toBeGreaterThanOrEqual(6);
    expect(styles.quote.border).toBe("solid");
    expect(px(styles.quote.width)).toBeGreaterThanOrEqual(3);
    expect(styles.quote.background).not.toBe(transparent);
    expect(styles.inline.background).not.toBe(transparent);
    expect(px(styles.inline.size) / px(styles.inline.text)).toBeGreaterThanOrEqual(0.85);
    expect(styles.block.background).not.toBe(transparent);
    expect(px(styles.block.padding)).toBeGreaterThanOrEqual(8);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await tab.screenshot({ path: join(SCREENSHOT_DIR, "article.png"), fullPage: true });
    await tab.setViewportSize({ width: 360, height: 740 });
    expect(await tab.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await tab.screenshot({ path: join(SCREENSHOT_DIR, "phone-article.png"), fullPage: true });
    await tab.goto(`${local.url}/`);
    await tab.waitForSelector("article h2");
    await tab.screenshot({ path: join(SCREENSHOT_DIR, "phone-home.png"), fullPage: false });
    await tab.context().close();
  });

  it("moves focus with the skip link and nothing else: the article stays, and so does a draft", async () => {
    if (!executable) return;
    const tab = await page();
    await tab.goto(`${local.url}/articles/${richId}`);
    await tab.waitForSelector("article h1");
    await tab.locator(".skip-link").focus();
    await tab.keyboard.press("Enter");
    await tab.waitForFunction(() => location.hash === "#main");
    expect(await tab.evaluate(() => document.activeElement?.id)).toBe("main");
    expect(await tab.locator("article h1").textContent()).toBe("Tables, quotes and code");

    await tab.goto(`${local.url}/write`);
    await tab.getByLabel("Title").fill("A draft worth keeping");
    await tab.locator(".skip-link").focus();
    await tab.keyboard.press("Enter");
    await tab.waitForFunction(() => location.hash === "#main");
    expect(await tab.evaluate(() => document.activeElement?.id)).toBe("main");
    expect(await tab.getByLabel("Title").inputValue()).toBe("A draft worth keeping");
    await tab.context().close();
  });

  it("offers to try again when the articles or an article could not be loaded", async () => {
    if (!executable) return;
    const tab = await page();
    const unavailable = JSON.stringify({ error: { code: "UNAVAILABLE", message: "Try later." } });
    const list = /\/api\/articles\?/;
    await tab.route(list, (route) => route.fulfill({ status: 503, contentType: "application/json", body: unavailable }));
    await tab.goto(`${local.url}/`);
    const retry = tab.getByRole("button", { name: "Try again" });
    await retry.waitFor();
    expect(await tab.getByRole("alert").textContent()).toContain("The articles could not be loaded.");
    await tab.unroute(list);
    await retry.click();
    await tab.waitForSelector("article h2");
    expect(await retry.count()).toBe(0);

    const one = `**/api/articles/${richId}`;
    await tab.route(one, (route) => route.fulfill({ status: 500, contentType: "application/json", body: unavailable }));
    await tab.goto(`${local.url}/articles/${richId}`);
    await retry.waitFor();
    await tab.unroute(one);
    await retry.click();
    await tab.waitForSelector("article h1");
    expect(await tab.locator("article h1").textContent()).toBe("Tables, quotes and code");
    await tab.context().close();
  });

  it("takes a field's error away as soon as the field is fixed", async () => {
    if (!executable) return;
    const tab = await page();
    await tab.goto(`${local.url}/write`);
    await tab.getByRole("button", { name: "Publish" }).click();
    await tab.waitForSelector("#field-title[aria-invalid='true']");
    await tab.getByLabel("Title").fill("Fixed");
    expect(await tab.locator("#field-title-error").textContent()).toBe("");
    expect(await tab.locator("#field-title").getAttribute("aria-invalid")).toBeNull();
    expect(await tab.locator("#field-authorName-error").textContent()).toBe("Your name is required.");
    await tab.getByLabel("E-mail (never shown)").fill("not-an-address");
    expect(await tab.locator("#field-authorEmail-error").textContent()).toContain("valid e-mail");
    await tab.getByLabel("E-mail (never shown)").fill("kay@example.com");
    expect(await tab.locator("#field-authorEmail-error").textContent()).toBe("");
    await tab.context().close();
  });

  it("logs no console error on any page, serves its icon, and names each like button with its visible label", async () => {
    if (!executable) return;
    const tab = await page();
    for (const path of ["/", `/articles/${richId}`, "/write"]) {
      await tab.goto(`${local.url}${path}`);
      await tab.waitForLoadState("networkidle");
    }
    expect(problems.get(tab)).toEqual([]);
    const icon = await fetch(`${local.url}${await tab.locator('link[rel="icon"]').getAttribute("href")}`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    await tab.goto(`${local.url}/articles/${richId}`);
    const like = tab.locator("button.like");
    await like.waitFor();
    const result = await new AxeBuilder({ page: tab }).withRules(["label-content-name-mismatch"]).analyze();
    expect(result.violations).toEqual([]);
    const visible = await like.evaluate((button) => {
      const shown = button.cloneNode(true) as HTMLElement;
      shown.querySelectorAll("[aria-hidden='true'], .visually-hidden").forEach((node) => node.remove());
      return shown.textContent!.trim();
    });
    expect(visible).toBe("Like 0");
    expect(await tab.getByRole("button", { name: `${visible} "Tables, quotes and code"`, exact: true }).count()).toBe(1);
    await tab.context().close();
  });

  it("serves articles at real paths with their own title and description, and redirects old hash links", async () => {
    if (!executable) return;
    const served = await fetch(`${local.url}/articles/${richId}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(served.headers.get("content-security-policy")).toContain("default-src 'self'");
    for (const missing of ["/assets/missing.js", "/favicon.ico", "/articles/x/missing.png"]) expect((await fetch(`${local.url}${missing}`)).status).toBe(404);
    const api = await fetch(`${local.url}/api/no-such-route`);
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toBe("application/json");
    expect((await fetch(`${local.url}/api/articles/AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);

    const tab = await page();
    await tab.goto(`${local.url}/articles/${richId}`);
    await tab.waitForSelector("article h1");
    expect(await tab.title()).toBe("Tables, quotes and code · Serverless Blog");
    const description = await tab.locator('meta[name="description"]').getAttribute("content");
    expect(description).toMatch(/^How the blog stores a like, with ADD on a small counter item/);

    await tab.goto(`${local.url}/#/articles/${richId}`);
    await tab.waitForURL(`${local.url}/articles/${richId}`);
    await tab.waitForSelector("article h1");
    expect(await tab.locator("article h1").textContent()).toBe("Tables, quotes and code");

    const id = await publish("Newest of all", "Found on the first page.");
    await tab.goto(`${local.url}/`);
    await tab.waitForSelector("article h2");
    expect(await tab.title()).toBe("Serverless Blog");
    // Following a link changes the page in place: what the window holds survives.
    await tab.evaluate(() => ((window as unknown as { kept: number }).kept = 1));
    await tab.getByRole("link", { name: "Newest of all", exact: true }).click();
    await tab.waitForSelector("article h1");
    expect(new URL(tab.url()).pathname).toBe(`/articles/${id}`);
    expect(await tab.title()).toBe("Newest of all · Serverless Blog");
    await tab.goBack();
    await tab.waitForSelector("article h2");
    expect(await tab.title()).toBe("Serverless Blog");
    expect(await tab.evaluate(() => (window as unknown as { kept?: number }).kept)).toBe(1);
    await tab.context().close();
  });
});

describe("accessibility (axe-core)", () => {
  it("finds no violation on the home page, an article, the write form with its errors, and the not-found pages", async () => {
    if (!executable) return;
    const tab = await page();
    const found: Record<string, string[]> = {};
    await tab.goto(`${local.url}/`);
    await tab.waitForSelector("article h2");
    found.home = await axeViolations(tab);
    await tab.goto(`${local.url}/articles/${richId}`);
    await tab.waitForSelector(".article-body table");
    found.article = await axeViolations(tab);
    await tab.goto(`${local.url}/write`);
    await tab.getByRole("button", { name: "Publish" }).click();
    await tab.waitForSelector("#field-title[aria-invalid='true']");
    found.write = await axeViolations(tab);
    await tab.goto(`${local.url}/no/such/page`);
    await tab.waitForSelector("h1");
    expect(await tab.locator("h1").textContent()).toBe("Page not found");
    expect(await tab.locator('meta[name="robots"]').getAttribute("content")).toBe("noindex");
    found.notFound = await axeViolations(tab);
    await tab.goto(`${local.url}/articles/AAAAAAAAAAAAAAAAAAAAAA`);
    await tab.waitForSelector("h1");
    expect(await tab.locator("h1").textContent()).toBe("Article not found");
    found.articleNotFound = await axeViolations(tab);
    expect(found).toEqual({ home: [], article: [], write: [], notFound: [], articleNotFound: [] });
    await tab.context().close();
  });
});

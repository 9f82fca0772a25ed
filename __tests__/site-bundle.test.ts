import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { buildSite } from "../site/build";

/** The budget for the site's script, compressed as CloudFront serves it. */
const APP_JS_GZIP_BYTES = 35 * 1024;

describe("the built site", () => {
  const site = buildSite();
  const read = (key: string) => readFileSync(join(site.dir, key));

  it(`keeps its script within ${APP_JS_GZIP_BYTES / 1024} KB gzip`, () => {
    const scripts = site.files.filter((file) => file.key.endsWith(".js"));
    expect(scripts).toHaveLength(1);
    expect(gzipSync(read(scripts[0].key), { level: 9 }).length).toBeLessThanOrEqual(APP_JS_GZIP_BYTES);
  });

  it("loads nothing from another origin", () => {
    const html = read("index.html").toString("utf8");
    for (const [, url] of html.matchAll(/(?:src|href)="([^"]*)"/g)) expect(url).toMatch(/^\/(?!\/)|^#/);
  });
});

const SITE_NAME = "Serverless Blog";
const description = document.querySelector<HTMLMetaElement>('meta[name="description"]')!;
const SITE_DESCRIPTION = description.content;

/** What the tab, search engines and link previews read for the page now shown. */
export function describePage(page: { title?: string; description?: string; noindex?: boolean } = {}): void {
  document.title = page.title ? `${page.title} · ${SITE_NAME}` : SITE_NAME;
  description.content = page.description || SITE_DESCRIPTION;
  document.querySelector('meta[name="robots"]')?.remove();
  if (page.noindex) {
    const robots = document.createElement("meta");
    robots.name = "robots";
    robots.content = "noindex";
    document.head.append(robots);
  }
}

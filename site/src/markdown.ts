import DOMPurify from "dompurify";
import { Marked } from "marked";

// Every link leaves the page safely; DOMPurify has already dropped javascript: and data: URLs.
DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A") {
    node.setAttribute("rel", "noopener noreferrer nofollow");
    node.setAttribute("target", "_blank");
  }
});

/** An inline event handler attribute (onerror=, onclick=...) in raw HTML. */
const EVENT_HANDLER = /\son[a-z]+\s*=/i;
const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const marked = new Marked({
  gfm: true,
  breaks: true,
  // An article's body sits under its title (h1), so its own headings start one level below.
  walkTokens: (token) => {
    if (token.type === "heading") token.depth = Math.min(token.depth + 1, 6);
  },
  renderer: {
    // Chromium logs a CSP error as soon as it parses an inline handler, even in the inert
    // document DOMPurify cleans, so such raw HTML is shown as text instead of being parsed.
    html: ({ text }) => (EVENT_HANDLER.test(text) ? escapeHtml(text) : text),
  },
});

/**
 * Markdown to HTML that cannot run code: marked renders, DOMPurify keeps only inert HTML
 * (no <script>, no on* handlers, no javascript: URLs), and the CSP forbids inline scripts anyway.
 */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false }) as string;
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe"],
    FORBID_ATTR: ["style"],
  });
}

/**
 * Plain text to stand for an article: its first paragraph, or the start of its text, without
 * headings, images, tables or code blocks, cut at a word near `max` characters.
 */
export function excerpt(source: string, max = 300): string {
  // A template's content is inert: nothing in it loads or runs while the text is read.
  const template = document.createElement("template");
  template.innerHTML = renderMarkdown(source);
  for (const node of template.content.querySelectorAll("h1, h2, h3, h4, h5, h6, img, table, pre, hr")) node.remove();
  const paragraph = template.content.querySelector("p");
  const text = (paragraph?.textContent || template.content.textContent || "").replace(/\s+/g, " ").trim();
  const characters = [...text];
  if (characters.length <= max) return text;
  const cut = characters.slice(0, max).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, "")}…`;
}

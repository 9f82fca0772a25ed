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

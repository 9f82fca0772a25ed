import DOMPurify from "dompurify";
import { marked } from "marked";

// Every link leaves the page safely; DOMPurify has already dropped javascript: and data: URLs.
DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A") {
    node.setAttribute("rel", "noopener noreferrer nofollow");
    node.setAttribute("target", "_blank");
  }
});

/**
 * Markdown to HTML that cannot run code: marked renders, DOMPurify keeps only inert HTML
 * (no <script>, no on* handlers, no javascript: URLs), and the CSP forbids inline scripts anyway.
 */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false, gfm: true, breaks: true }) as string;
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe"],
    FORBID_ATTR: ["style"],
  });
}

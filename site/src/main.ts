import "./styles.css";
import { describePage } from "./page";
import { showArticle, showList, showNotFound, showWrite } from "./views";

const main = document.getElementById("main")!;
/** The path whose page is shown, so that moving within it (#main) does not render it again. */
let shown: string | undefined;

function navigate(path: string): void {
  history.pushState(null, "", path);
  window.scrollTo(0, 0);
  void route();
}

function articleId(path: string): string | undefined {
  const match = /^\/articles\/([^/]+)\/?$/.exec(path);
  try {
    return match ? decodeURIComponent(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function route(): Promise<void> {
  const path = location.pathname;
  shown = path;
  describePage();
  const id = articleId(path);
  if (id !== undefined) {
    await showArticle(main, id);
    // A new page for screen readers and keyboards: start reading at the article.
    main.focus();
  } else if (path === "/write") {
    showWrite(main, navigate);
  } else if (path === "/") {
    await showList(main);
  } else {
    showNotFound(main);
  }
}

/** Links from when articles lived at /#/articles/<id> open the same page at its real path. */
function redirectHashLink(): boolean {
  if (!location.hash.startsWith("#/")) return false;
  history.replaceState(null, "", location.hash.slice(1));
  return true;
}

// The site's own links change the page in place; new tabs, other origins, the API and
// anchors within the page (the skip link) keep the browser's behaviour.
document.addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element).closest("a");
  if (!link || link.target || link.hasAttribute("download") || link.origin !== location.origin) return;
  if (link.pathname.startsWith("/api/") || (link.hash && link.pathname === location.pathname)) return;
  event.preventDefault();
  navigate(`${link.pathname}${link.search}`);
});
window.addEventListener("popstate", () => {
  if (redirectHashLink() || location.pathname !== shown) void route();
});
window.addEventListener("hashchange", () => {
  if (redirectHashLink()) void route();
});
redirectHashLink();
void route();

import "./styles.css";
import { showArticle, showList, showWrite } from "./views";

const main = document.getElementById("main")!;

function navigate(hash: string): void {
  if (location.hash === hash) void route();
  else location.hash = hash;
}

async function route(): Promise<void> {
  document.title = "Serverless Blog";
  const article = /^#\/articles\/([^/]+)$/.exec(location.hash);
  if (article) {
    await showArticle(main, decodeURIComponent(article[1]));
    // A new page for screen readers and keyboards: start reading at the article.
    main.focus();
  } else if (location.hash === "#/write") {
    showWrite(main, navigate);
  } else {
    await showList(main);
  }
}

window.addEventListener("hashchange", () => void route());
void route();

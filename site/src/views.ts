import { ApiError, Article, getArticle, likeArticle, listArticles, publishArticle } from "./api";
import { formatDate, h, toast } from "./dom";
import { excerpt, shorten } from "./excerpt";
import { renderMarkdown } from "./markdown";
import { describePage } from "./page";
import { Field, FieldErrors, LIMITS, validateArticle } from "./validation";

export const articleUrl = (id: string) => `/articles/${encodeURIComponent(id)}`;

/** Opens a page of the site (a path such as /write) without reloading it. */
export type Navigate = (path: string) => void;

function likeButton(article: Article): HTMLButtonElement {
  const count = h("span", { class: "like-count" }, String(article.likes));
  // The accessible name starts with the visible label ("Like 3"), then says which article it likes.
  const button = h(
    "button",
    { type: "button", class: "like" },
    h("span", { "aria-hidden": "true" }, "♥ "),
    "Like ",
    count,
    h("span", { class: "visually-hidden" }, ` "${article.title}"`),
  );
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      count.textContent = String(await likeArticle(article.id));
      article.likes = Number(count.textContent);
    } catch (error) {
      toast(error instanceof ApiError ? error.message : "Could not like the article.", "error");
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

function meta(article: Article): HTMLElement {
  return h("p", { class: "meta" }, `By ${article.authorName} · `, h("time", { datetime: article.publishedAt }, formatDate(article.publishedAt)));
}

/** An article in the list: its title, an excerpt, and links to the whole text. */
function articleSummary(article: Article): HTMLElement {
  const url = articleUrl(article.id);
  return h(
    "article",
    { class: "article", "data-article-id": article.id },
    h("h2", {}, h("a", { href: url }, article.title)),
    meta(article),
    h("p", { class: "excerpt" }, excerpt(article.body)),
    h(
      "footer",
      { class: "article-actions" },
      likeButton(article),
      h("a", { href: url, class: "read-more" }, "Read the article", h("span", { class: "visually-hidden" }, ` "${article.title}"`)),
    ),
  );
}

function fullArticle(article: Article): HTMLElement {
  const body = h("div", { class: "article-body" });
  body.innerHTML = renderMarkdown(article.body);
  // A wide table scrolls on its own instead of widening the page.
  for (const table of body.querySelectorAll("table")) {
    const scroller = h("div", { class: "table-scroll" });
    table.replaceWith(scroller);
    scroller.append(table);
  }
  return h(
    "article",
    { class: "article", "data-article-id": article.id },
    h("h1", {}, article.title),
    meta(article),
    body,
    h("footer", { class: "article-actions" }, likeButton(article)),
  );
}

/** A failure the reader can try again, without leaving the page. */
function failure(message: string, retry: () => void): HTMLElement {
  const button = h("button", { type: "button", class: "button secondary retry" }, "Try again");
  button.addEventListener("click", retry);
  return h("div", { class: "failure", role: "alert" }, h("p", {}, message), button);
}

export async function showList(main: HTMLElement): Promise<void> {
  const list = h("div", { class: "articles" });
  const status = h("p", { class: "status", "aria-live": "polite" }, "Loading articles…");
  const problem = h("div", { hidden: true });
  const more = h("button", { type: "button", class: "button secondary", hidden: true }, "Load more");
  main.replaceChildren(h("h1", { class: "visually-hidden" }, "Latest articles"), status, list, problem, more);
  main.setAttribute("aria-busy", "true");

  let cursor: string | undefined;
  const load = async () => {
    more.disabled = true;
    problem.hidden = true;
    try {
      const page = await listArticles(cursor);
      list.append(...page.articles.map(articleSummary));
      cursor = page.nextCursor ?? undefined;
      more.hidden = !cursor;
      status.textContent = list.childElementCount === 0 ? "No articles yet. Be the first to write one!" : "";
      status.hidden = status.textContent === "";
    } catch (error) {
      status.hidden = true;
      more.hidden = true;
      problem.replaceChildren(failure(error instanceof ApiError ? `The articles could not be loaded. ${error.message}` : "The articles could not be loaded.", () => void load()));
      problem.hidden = false;
    } finally {
      more.disabled = false;
      main.removeAttribute("aria-busy");
    }
  };
  more.addEventListener("click", load);
  await load();
}

export async function showArticle(main: HTMLElement, id: string): Promise<void> {
  main.replaceChildren(h("p", { class: "status" }, "Loading the article…"));
  const back = () => h("p", {}, h("a", { href: "/" }, "← All articles"));
  try {
    const article = await getArticle(id);
    const view = fullArticle(article);
    // The description is the article's opening, read from what was just rendered rather than parsed again.
    const opening = view.querySelector(".article-body > p") ?? view.querySelector(".article-body");
    describePage({ title: article.title, description: shorten(opening?.textContent ?? "", 160) });
    main.replaceChildren(back(), view);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      describePage({ title: "Article not found", noindex: true });
      main.replaceChildren(h("h1", {}, "Article not found"), h("p", {}, "It may have expired or been removed."), back());
    } else {
      main.replaceChildren(h("h1", {}, "Something went wrong"), failure("The article could not be loaded.", () => void showArticle(main, id)), back());
    }
  }
}

export function showNotFound(main: HTMLElement): void {
  describePage({ title: "Page not found", noindex: true });
  main.replaceChildren(h("h1", {}, "Page not found"), h("p", {}, "There is no page at this address."), h("p", {}, h("a", { href: "/" }, "← All articles")));
}

interface FieldSpec {
  name: Field;
  label: string;
  type: "text" | "email" | "textarea";
  max: number;
  hint?: string;
}

const FIELDS: FieldSpec[] = [
  { name: "title", label: "Title", type: "text", max: LIMITS.title.max },
  { name: "authorName", label: "Your name", type: "text", max: LIMITS.authorName.max },
  { name: "authorEmail", label: "E-mail (never shown)", type: "email", max: LIMITS.authorEmail.max },
  { name: "body", label: "Article text", type: "textarea", max: LIMITS.body.max, hint: "Markdown is welcome." },
];

export function showWrite(main: HTMLElement, navigate: Navigate): void {
  describePage({ title: "Write an article" });
  const inputs = {} as Record<Field, HTMLInputElement | HTMLTextAreaElement>;
  const messages = {} as Record<Field, HTMLElement>;
  const rows = FIELDS.map((field) => {
    const id = `field-${field.name}`;
    const input =
      field.type === "textarea"
        ? h("textarea", { id, name: field.name, rows: "10", "aria-describedby": `${id}-error${field.hint ? ` ${id}-hint` : ""}` })
        : h("input", { id, name: field.name, type: field.type, autocomplete: field.type === "email" ? "email" : field.name === "authorName" ? "name" : "off", "aria-describedby": `${id}-error` });
    inputs[field.name] = input;
    messages[field.name] = h("p", { class: "field-error", id: `${id}-error` });
    return h(
      "div",
      { class: "field" },
      h("label", { for: id }, field.label),
      field.hint ? h("p", { class: "hint", id: `${id}-hint` }, field.hint) : null,
      input,
      messages[field.name],
    );
  });
  const submit = h("button", { type: "submit", class: "button" }, "Publish");
  const form = h("form", { novalidate: true, class: "write-form", "aria-labelledby": "write-heading" }, ...rows, submit);
  main.replaceChildren(h("h1", { id: "write-heading" }, "Write an article"), form);

  const show = (errors: FieldErrors) => {
    for (const field of FIELDS) {
      const message = errors[field.name];
      messages[field.name].textContent = message ?? "";
      if (message) inputs[field.name].setAttribute("aria-invalid", "true");
      else inputs[field.name].removeAttribute("aria-invalid");
    }
    const first = FIELDS.find((field) => errors[field.name]);
    if (first) inputs[first.name].focus();
  };

  const values = () => ({
    title: inputs.title.value,
    body: inputs.body.value,
    authorName: inputs.authorName.value,
    authorEmail: inputs.authorEmail.value.trim(),
  });
  // A message shown for a field follows its value: fixing the field clears it at once.
  for (const field of FIELDS) {
    inputs[field.name].addEventListener("input", () => {
      if (!messages[field.name].textContent) return;
      const message = validateArticle(values())[field.name];
      messages[field.name].textContent = message ?? "";
      if (!message) inputs[field.name].removeAttribute("aria-invalid");
    });
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = values();
    const errors = validateArticle(input);
    show(errors);
    if (Object.keys(errors).length > 0) return;
    submit.disabled = true;
    submit.textContent = "Publishing…";
    try {
      const article = await publishArticle(input);
      toast("Your article is published.");
      navigate(articleUrl(article.id));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) show({ body: "An article with this title and text is already published." });
      toast(error instanceof ApiError ? error.message : "The article could not be published.", "error");
    } finally {
      submit.disabled = false;
      submit.textContent = "Publish";
    }
  });
  inputs.title.focus();
}

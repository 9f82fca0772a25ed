import { ApiError, Article, getArticle, likeArticle, listArticles, publishArticle } from "./api";
import { formatDate, h, toast } from "./dom";
import { renderMarkdown } from "./markdown";
import { Field, FieldErrors, LIMITS, validateArticle } from "./validation";

export const articleUrl = (id: string) => `#/articles/${encodeURIComponent(id)}`;

function likeButton(article: Article): HTMLButtonElement {
  const count = h("span", { class: "like-count" }, String(article.likes));
  const button = h("button", { type: "button", class: "like", "aria-label": `Like "${article.title}"` }, "♥ Like ", count);
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

function articleCard(article: Article, headingLevel: "h1" | "h2"): HTMLElement {
  const body = h("div", { class: "article-body" });
  body.innerHTML = renderMarkdown(article.body);
  const heading = headingLevel === "h1" ? h("h1", {}, article.title) : h("h2", {}, h("a", { href: articleUrl(article.id) }, article.title));
  return h(
    "article",
    { class: "article", "data-article-id": article.id },
    heading,
    h("p", { class: "meta" }, `By ${article.authorName} · `, h("time", { datetime: article.publishedAt }, formatDate(article.publishedAt))),
    body,
    h("footer", { class: "article-actions" }, likeButton(article), headingLevel === "h2" ? h("a", { href: articleUrl(article.id), class: "permalink" }, "Permalink") : null),
  );
}

export async function showList(main: HTMLElement): Promise<void> {
  const list = h("div", { class: "articles" });
  const status = h("p", { class: "status", "aria-live": "polite" }, "Loading articles…");
  const more = h("button", { type: "button", class: "button secondary", hidden: true }, "Load more");
  main.replaceChildren(h("h1", { class: "visually-hidden" }, "Latest articles"), status, list, more);
  main.setAttribute("aria-busy", "true");

  let cursor: string | undefined;
  const load = async () => {
    more.disabled = true;
    try {
      const page = await listArticles(cursor);
      list.append(...page.articles.map((article) => articleCard(article, "h2")));
      cursor = page.nextCursor ?? undefined;
      more.hidden = !cursor;
      status.textContent = list.childElementCount === 0 ? "No articles yet. Be the first to write one!" : "";
      status.hidden = status.textContent === "";
    } catch (error) {
      status.hidden = false;
      status.textContent = "The articles could not be loaded.";
      toast(error instanceof ApiError ? error.message : "The articles could not be loaded.", "error");
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
  try {
    const article = await getArticle(id);
    document.title = `${article.title} · Serverless Blog`;
    main.replaceChildren(h("p", {}, h("a", { href: "#/" }, "← All articles")), articleCard(article, "h1"));
  } catch (error) {
    const missing = error instanceof ApiError && error.status === 404;
    main.replaceChildren(
      h("h1", {}, missing ? "Article not found" : "Something went wrong"),
      h("p", {}, missing ? "It may have expired or been removed." : "The article could not be loaded."),
      h("p", {}, h("a", { href: "#/" }, "← All articles")),
    );
  }
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

export function showWrite(main: HTMLElement, navigate: (hash: string) => void): void {
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

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = {
      title: inputs.title.value,
      body: inputs.body.value,
      authorName: inputs.authorName.value,
      authorEmail: inputs.authorEmail.value.trim(),
    };
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

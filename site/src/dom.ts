/** A tiny element builder: text always goes in as text, never as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) element.append(child);
  }
  return element;
}

export function toast(message: string, kind: "success" | "error" = "success"): void {
  const region = document.getElementById("toasts")!;
  const item = h("div", { class: `toast toast-${kind}` }, message);
  region.append(item);
  setTimeout(() => item.remove(), kind === "error" ? 8000 : 4000);
}

// One formatter for every date: toLocaleDateString would build a new one for each article.
const dates = new Intl.DateTimeFormat("en", { year: "numeric", month: "long", day: "numeric" });

export function formatDate(iso: string): string {
  return dates.format(new Date(iso));
}

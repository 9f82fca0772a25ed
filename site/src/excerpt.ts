import { Lexer, type Token, type Tokens } from "marked";

/** What an excerpt leaves out: it is plain text, not a smaller copy of the article. */
const NOT_IN_EXCERPTS = new Set(["heading", "table", "image", "code", "hr", "html", "space", "def", "checkbox"]);

/** The text a reader sees in these tokens, from marked's lexer alone: no HTML is made or parsed. */
function plainText(tokens: Token[], separator: string): string {
  return tokens
    .map((token) => {
      if (NOT_IN_EXCERPTS.has(token.type)) return "";
      if (token.type === "br") return " ";
      if (token.type === "list") return plainText((token as Tokens.List).items, " ");
      const children = "tokens" in token ? token.tokens : undefined;
      if (children) return plainText(children, token.type === "list_item" || token.type === "blockquote" ? " " : "");
      return "text" in token ? String(token.text) : "";
    })
    .join(separator);
}

/**
 * Plain text to stand for an article: its first paragraph, or else the start of its text, without
 * headings, images, tables or code blocks, cut at a word near `max` characters.
 */
export function excerpt(source: string, max = 300): string {
  const tokens = Lexer.lex(source, { gfm: true, breaks: true });
  const paragraph = tokens.find((token) => token.type === "paragraph");
  return shorten(plainText(paragraph ? [paragraph] : tokens, " "), max);
}

/** The text on one line, cut at a word near `max` characters, with an ellipsis when cut. */
export function shorten(source: string, max: number): string {
  const text = source.replace(/\s+/g, " ").trim();
  const characters = [...text];
  if (characters.length <= max) return text;
  const cut = characters.slice(0, max).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, "")}…`;
}

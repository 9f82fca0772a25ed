import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Publishes a content-addressed directory: the files are written to a private temporary sibling
 * and renamed into place in one step. Synth, `npm start` and test workers may build at the same
 * time; a reader therefore sees either no directory or a complete one, and since the name is
 * derived from the content, a directory that already exists already holds these bytes and is
 * never rewritten or deleted under another process.
 */
export function publishDirectory(finalDir: string, files: ReadonlyMap<string, Uint8Array | string>): void {
  if (existsSync(finalDir)) return;
  const temp = `${finalDir}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    for (const [key, contents] of files) {
      const path = join(temp, key);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, contents);
    }
    mkdirSync(temp, { recursive: true });
    renameSync(temp, finalDir);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    // Another process published the same content first: its directory is as good as ours.
    if (existsSync(finalDir) && ["ENOTEMPTY", "EEXIST"].includes((error as NodeJS.ErrnoException).code ?? "")) return;
    throw error;
  }
}

/** Replaces one file atomically (write a sibling, rename), so a concurrent reader never sees it half-written. */
export function writeFileAtomic(path: string, contents: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    writeFileSync(temp, contents);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

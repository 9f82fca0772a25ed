import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";

/** A synth's output folder: every file's bytes by its path relative to the folder. */
export type SynthFiles = Record<string, Buffer>;

export function readSynth(root: string, dir = root): SynthFiles {
  const found: SynthFiles = {};
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) Object.assign(found, readSynth(root, path));
    else found[relative(root, path)] = readFileSync(path);
  }
  return found;
}

/**
 * The only fields that name the engine that wrote a file, or its version: everything else must
 * match between cdktf and CDK Terrain.
 */
export function engineFields(file: string): string[][] {
  if (file === "manifest.json") return [["version"]];
  if (basename(file) === "cdk.tf.json") return [["//", "metadata", "version"]];
  return [];
}

/** The value at `path`, or undefined. */
export function fieldAt(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), value);
}

function withoutField(value: unknown, path: string[]): unknown {
  if (path.length === 0 || value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const [key, ...rest] = path;
  const copy = { ...(value as Record<string, unknown>) };
  if (!(key in copy)) return value;
  if (rest.length === 0) delete copy[key];
  else copy[key] = withoutField(copy[key], rest);
  return copy;
}

/** Every place where `a` and `b` differ: "dotted.path: a -> b", or which side alone has it. */
function valueDifferences(a: unknown, b: unknown, path: string[] = []): string[] {
  const where = path.join(".") || "(root)";
  if (b === undefined && a !== undefined) return [`${where}: only in the first synth`];
  if (a === undefined && b !== undefined) return [`${where}: only in the second synth`];
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object";
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => valueDifferences(a[key], b[key], [...path, key]));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [`${where}: ${JSON.stringify(a)} -> ${JSON.stringify(b)}`];
}

/**
 * What differs between two synths of the same app, file by file. JSON files are compared as
 * parsed values (the engines print empty objects with different whitespace) without their
 * engine fields; every other file, such as a function zip, byte for byte.
 */
export function engineDifferences(first: SynthFiles, second: SynthFiles): string[] {
  const files = [...new Set([...Object.keys(first), ...Object.keys(second)])].sort();
  return files.flatMap((file) => {
    if (!(file in first)) return [`${file}: only in the second synth`];
    if (!(file in second)) return [`${file}: only in the first synth`];
    if (!file.endsWith(".json")) return first[file].equals(second[file]) ? [] : [`${file}: bytes differ`];
    const [a, b] = [first[file], second[file]].map((bytes) =>
      engineFields(file).reduce<unknown>((json, field) => withoutField(json, field), JSON.parse(bytes.toString("utf8"))),
    );
    return valueDifferences(a, b).map((difference) => `${file}: ${difference}`);
  });
}

import { BuildOptions, Metafile, version as esbuildVersion } from "esbuild";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { zipSync } from "fflate";
import { bodySchemas } from "../functions/http/body-schemas";

export const PROJECT_ROOT = resolve(__dirname, "..");

/** How a function is bundled; part of every bundle's content address. */
export interface BundleSettings {
  /** "bundled": the SDK version from the lock file ships inside; "external": the runtime's SDK is used. */
  sdk: "bundled" | "external";
  minify: boolean;
  /** Writes index.js.map beside the zip (never inside it); stack traces are mapped offline with it. */
  sourceMap: boolean;
  /** Replaces the body validators module with precompiled ajv standalone code. */
  precompiledValidators: boolean;
}

/** What every deployed function gets. */
export const FUNCTION_BUNDLE: BundleSettings = { sdk: "bundled", minify: true, sourceMap: true, precompiledValidators: true };

export interface Bundle {
  /** Absolute path of the deterministic zip, inside a folder named by the bundle's content address. */
  zipPath: string;
  /** Absolute path of the source map (outside the zip), when the settings ask for one. */
  sourceMapPath?: string;
  /** base64 SHA-256 of the zip, which is what Lambda's source_code_hash expects. */
  sha256: string;
  zipBytes: number;
}

/** Bumped when this file changes what it writes for the same inputs. */
const FORMAT = "bundle-v2";

/** Zip entries get one fixed timestamp so the same code always makes the same bytes. */
const FIXED_MTIME = new Date("1980-01-01T00:00:00Z");

const VALIDATORS_MODULE = /[\\/]functions[\\/]http[\\/]compiled-validators\.ts$/;

function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

const versions = new Map<string, string>();
function packageVersion(name: string): string {
  const known = versions.get(name);
  if (known) return known;
  const version = (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
  versions.set(name, version);
  return version;
}

let validatorSource: string | undefined;
function validators(): string {
  // Loaded on a cache miss only: ajv is not needed to find a bundle already built.
  const { validatorModuleSource } = require("../functions/http/validator-compiler") as typeof import("../functions/http/validator-compiler");
  validatorSource ??= validatorModuleSource(bodySchemas());
  return validatorSource;
}

function buildOptions(entry: string, settings: BundleSettings): BuildOptions {
  return {
    entryPoints: [entry],
    absWorkingDir: PROJECT_ROOT,
    // A fixed, relative output name: the source map and the metafile then name no machine path.
    outfile: "index.js",
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    // The SDK publishes ES modules under "module"; esbuild tree-shakes those, not its CommonJS.
    mainFields: ["module", "main"],
    minify: settings.minify,
    sourcemap: settings.sourceMap ? "external" : false,
    sourcesContent: false,
    legalComments: "none",
    logLevel: "silent",
    write: false,
    metafile: true,
    // A function must never pull in cdktf; the SDK only when the runtime's copy is wanted.
    external: ["cdktf", "constructs", "@cdktf/*", ...(settings.sdk === "external" ? ["@aws-sdk/*"] : [])],
  };
}

function portableOptions(entry: string, settings: BundleSettings): BuildOptions {
  const { absWorkingDir: _root, ...options } = buildOptions(entry, settings);
  return options;
}

/** The inputs a previous build of this entry read, to address the cache without running esbuild. */
interface InputList {
  inputs: string[];
}

/** BUNDLE_CACHE_DIR moves the cache (benchmarks start from an empty one). */
function cacheRoot(): string {
  return resolve(PROJECT_ROOT, process.env.BUNDLE_CACHE_DIR || join(".build", "functions"));
}

/**
 * What bundling cost this process: esbuild runs, cache hits, and the time spent in both. Kept
 * out of Bundle, which is the same whichever process built it.
 */
export const bundleStats = { builds: 0, cacheHits: 0, ms: 0 };

/** Everything but the sources: format, tool versions, options and the generated validators. */
function recipe(entry: string, settings: BundleSettings): string {
  return JSON.stringify({
    FORMAT,
    esbuild: esbuildVersion,
    fflate: packageVersion("fflate"),
    // The project's own location is no input: the same sources anywhere give the same address.
    options: portableOptions(entry, settings),
    // The schemas and the compiler's version determine the generated validators' code.
    validators: settings.precompiledValidators ? { ajv: packageVersion("ajv"), draft4: packageVersion("ajv-draft-04"), schemas: bodySchemas() } : null,
  });
}

/** Functions share most inputs (the SDK), so each file is read and hashed once per process. */
const fileHashes = new Map<string, string | null>();
function fileHash(path: string): string | null {
  let hash = fileHashes.get(path);
  if (hash === undefined) {
    hash = existsSync(path) ? sha256(readFileSync(path)) : null;
    fileHashes.set(path, hash);
  }
  return hash;
}

function contentAddress(name: string, recipeText: string, inputs: string[]): string | undefined {
  const hash = createHash("sha256").update(name).update("\0").update(recipeText);
  for (const input of [...inputs].sort()) {
    const fileHashValue = fileHash(join(PROJECT_ROOT, input));
    if (!fileHashValue) return undefined;
    hash.update("\0").update(input).update("\0").update(fileHashValue);
  }
  return hash.digest("hex").slice(0, 32);
}

/** Writes a file by renaming a complete sibling into place, so no reader sees it half written. */
function writeAtomically(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

function readBundle(dir: string, name: string): Bundle | undefined {
  const manifest = join(dir, "bundle.json");
  if (!existsSync(manifest)) return undefined;
  const { sha256: hash, zipBytes, sourceMap } = JSON.parse(readFileSync(manifest, "utf8")) as { sha256: string; zipBytes: number; sourceMap: boolean };
  return { zipPath: join(dir, `${name}.zip`), sourceMapPath: sourceMap ? join(dir, "index.js.map") : undefined, sha256: hash, zipBytes };
}

/**
 * esbuild runs plugins only in its asynchronous API, and constructs are synchronous: one worker
 * thread runs the builds while this thread waits on a shared flag. The plugin swaps the body
 * validators module for its precompiled source.
 */
const BUILD_WORKER = `
const { parentPort } = require("node:worker_threads");
const { dirname } = require("node:path");
const esbuild = require(${JSON.stringify(require.resolve("esbuild"))});
parentPort.on("message", async ({ options, replace, port, flag }) => {
  let reply;
  try {
    const plugins = replace ? [{ name: "replace-module", setup(build) {
      build.onLoad({ filter: new RegExp(replace.filter) }, (args) => ({ contents: replace.contents, loader: "js", resolveDir: dirname(args.path) }));
    } }] : [];
    const result = await esbuild.build({ ...options, plugins });
    reply = { metafile: result.metafile, outputs: result.outputFiles.map((file) => ({ path: file.path, contents: file.contents })) };
  } catch (error) {
    reply = { error: String((error && error.message) || error) };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

interface BuildReply {
  metafile?: Metafile;
  outputs?: { path: string; contents: Uint8Array }[];
  error?: string;
}

let worker: Worker | undefined;

function buildInWorker(options: BuildOptions, replace?: { filter: string; contents: string }): Required<Omit<BuildReply, "error">> {
  if (!worker) {
    worker = new Worker(BUILD_WORKER, { eval: true });
    worker.unref();
  }
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ options, replace, port: port2, flag }, [port2]);
  Atomics.wait(flag, 0, 0);
  const reply = receiveMessageOnPort(port1)!.message as BuildReply;
  port1.close();
  if (reply.error) throw new Error(`esbuild: ${reply.error}`);
  return { metafile: reply.metafile!, outputs: reply.outputs! };
}

const memo = new Map<string, Bundle>();

/**
 * Bundles one handler file alone into .build/functions/<content address>/<name>.zip. The address
 * hashes the settings, tool versions and the contents of every file esbuild read, so an
 * unchanged function is found again without running esbuild, in this process or any later one.
 * A bundle folder is built under a temporary sibling name and renamed into place, and never
 * rewritten or deleted: synth, the local runtime and test workers may bundle at the same time.
 */
export function bundleFunction(name: string, entry: string, settings: BundleSettings = FUNCTION_BUNDLE): Bundle {
  const started = performance.now();
  try {
    return bundleOnce(name, entry, settings);
  } finally {
    bundleStats.ms += performance.now() - started;
  }
}

function bundleOnce(name: string, entry: string, settings: BundleSettings): Bundle {
  const recipeText = recipe(entry, settings);
  const memoKey = `${name}\0${recipeText}`;
  const memoized = memo.get(memoKey);
  if (memoized) return memoized;

  const root = cacheRoot();
  const listPath = join(root, "inputs", `${name}-${sha256(recipeText).slice(0, 16)}.json`);
  if (existsSync(listPath)) {
    const { inputs } = JSON.parse(readFileSync(listPath, "utf8")) as InputList;
    const address = contentAddress(name, recipeText, inputs);
    const found = address && readBundle(join(root, address), name);
    if (found) {
      bundleStats.cacheHits += 1;
      memo.set(memoKey, found);
      return found;
    }
  }

  bundleStats.builds += 1;
  const result = buildInWorker(buildOptions(entry, settings), settings.precompiledValidators ? { filter: VALIDATORS_MODULE.source, contents: validators() } : undefined);
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes(":"));
  for (const input of inputs) fileHashes.delete(join(PROJECT_ROOT, input));
  const address = contentAddress(name, recipeText, inputs);
  if (!address) throw new Error(`${entry}: an input disappeared while bundling`);
  const dir = join(root, address);
  if (!existsSync(dir)) {
    const code = result.outputs.find((file) => file.path.endsWith("index.js"))!;
    const map = result.outputs.find((file) => file.path.endsWith("index.js.map"));
    const zip = zipSync({ "index.js": [code.contents, { mtime: FIXED_MTIME }] }, { level: 9 });
    const staging = join(root, `.${address}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    mkdirSync(staging, { recursive: true });
    writeFileSync(join(staging, `${name}.zip`), zip);
    if (map) writeFileSync(join(staging, "index.js.map"), map.contents);
    writeFileSync(join(staging, "bundle.json"), JSON.stringify({ sha256: createHash("sha256").update(zip).digest("base64"), zipBytes: zip.byteLength, sourceMap: Boolean(map) }));
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another process renamed the same content into place first; its folder is identical.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(dir)) throw error;
    }
  }
  writeAtomically(listPath, JSON.stringify({ inputs } satisfies InputList));
  const bundle = readBundle(dir, name)!;
  memo.set(memoKey, bundle);
  return bundle;
}

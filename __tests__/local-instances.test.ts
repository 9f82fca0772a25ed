import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataDirInUseError, DataDirLock } from "../local/data-dir-lock";
import { freePort, startDynamoDbLocal } from "../local/dynamodb-local";
import { currentProcess } from "../local/process-identity";
import { dynamoDbLocalProcesses, LocalProcess, startLocalProcess } from "./support/local-process";

/** The PID of a process that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid!;
}

describe("the data folder lock", () => {
  it("refuses a second owner while the first lives, and frees the folder on release", () => {
    const dir = mkdtempSync(join(tmpdir(), "lock-"));
    const first = DataDirLock.acquire(dir);
    first.setUrl("http://127.0.0.1:1234");
    expect(() => DataDirLock.acquire(dir)).toThrow(DataDirInUseError);
    expect(() => DataDirLock.acquire(dir)).toThrow(`(PID ${process.pid}, http://127.0.0.1:1234)`);
    first.release();
    DataDirLock.acquire(dir).release();
  });

  it("takes over a lock left by a dead process, or by a live process that only reuses the PID", () => {
    const dir = mkdtempSync(join(tmpdir(), "lock-"));
    writeFileSync(join(dir, "runtime.lock"), JSON.stringify({ pid: deadPid(), url: "http://127.0.0.1:9" }));
    DataDirLock.acquire(dir).release();
    writeFileSync(join(dir, "runtime.lock"), JSON.stringify({ ...currentProcess(), startTime: "1" }));
    DataDirLock.acquire(dir).release();
    expect(existsSync(join(dir, "runtime.lock"))).toBe(false);
  });

  it("never stops a DynamoDB Local whose starting process is alive", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orphan-"));
    writeFileSync(join(dir, "dynamodb-local.pid"), JSON.stringify({ pid: deadPid(), owner: currentProcess() }));
    await expect(startDynamoDbLocal({ dataDir: dir })).rejects.toThrow(`of a running process (PID ${process.pid})`);
    expect(existsSync(join(dir, "dynamodb-local.pid"))).toBe(true);
  });
});

describe("two npm start on one machine (real processes)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "instances-"));
  let first: LocalProcess | undefined;

  afterAll(async () => {
    if (first && first.child.exitCode === null) await first.stop("SIGTERM");
  });

  it("a second start on the same data folder exits at once, names the first and leaves it working", async () => {
    first = await startLocalProcess({ PORT: String(await freePort()), LOCAL_DATA_DIR: dataDir, ADMIN_API_KEY: "k" });
    const second = startLocalProcess({ PORT: String(await freePort()), LOCAL_DATA_DIR: dataDir });
    await expect(second).rejects.toThrow(/exited with 1/);
    const message = (await second.catch((error: Error) => error.message)) as string;
    expect(message).toContain(`${dataDir} is in use by another local runtime (PID ${first.child.pid}, ${first.url})`);
    expect(message).toContain("LOCAL_DATA_DIR=");
    // The second never started its own DynamoDB Local, nor stopped the first's.
    expect(dynamoDbLocalProcesses(dataDir)).toHaveLength(1);

    const created = await fetch(`${first.url}/api/articles`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Still mine", body: "Body", authorName: "Ada", authorEmail: "ada@example.com" }),
    });
    expect(created.status).toBe(201);
    const list = await fetch(`${first.url}/api/articles`);
    expect(list.status).toBe(200);
    expect(first.output()).not.toMatch(/stream poll failed|ECONNREFUSED/);
  });

  it("a port in use is reported with the port and the PORT variable, and nothing is left behind", async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve((blocker.address() as { port: number }).port)));
    const otherDir = mkdtempSync(join(tmpdir(), "instances-port-"));
    try {
      const message = await startLocalProcess({ PORT: String(port), LOCAL_DATA_DIR: otherDir }).then(
        () => "started",
        (error: Error) => error.message,
      );
      expect(message).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(message).toContain("PORT=");
      expect(existsSync(join(otherDir, "runtime.lock"))).toBe(false);
      expect(dynamoDbLocalProcesses(otherDir)).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it("after the owner is killed, the next start takes over the folder and stops the orphaned DynamoDB Local", async () => {
    expect(await first!.stop("SIGKILL")).toBeNull();
    const [orphan] = dynamoDbLocalProcesses(dataDir);
    expect(orphan).toBeDefined();
    first = await startLocalProcess({ PORT: String(await freePort()), LOCAL_DATA_DIR: dataDir });
    const running = dynamoDbLocalProcesses(dataDir);
    expect(running).toHaveLength(1);
    expect(running).not.toContain(orphan);
    expect((await (await fetch(`${first.url}/api/articles`)).json()).articles.map((a: { title: string }) => a.title)).toEqual(["Still mine"]);
  });
});

import { ChildProcess, spawn } from "node:child_process";
import { PROJECT_ROOT } from "../../constructs/bundle";

export interface LocalProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Sends a signal and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs local/start.ts in its own process, as `npm start` does, and waits for its ready line. */
export function startLocalProcess(env: Record<string, string>, timeoutMs = 90000): Promise<LocalProcess> {
  // One process, as `npm start` runs it, so a signal reaches the runtime itself.
  const child = spawn(process.execPath, ["--import", "tsx", "local/start.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`local runtime did not become ready:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Blog ready at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({
          url: ready[1],
          child,
          output: () => output,
          stop: async (signal = "SIGTERM") => {
            child.kill(signal);
            return exit;
          },
        });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`local runtime exited with ${code}:\n${output}`));
    });
  });
}

/** PIDs of running DynamoDB Local processes whose command line mentions the given text. */
export function dynamoDbLocalProcesses(marker: string): number[] {
  const { readdirSync, readFileSync } = require("node:fs") as typeof import("node:fs");
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.includes("DynamoDBLocal.jar") && cmdline.includes(marker)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

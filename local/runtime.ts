import { randomBytes } from "node:crypto";
import { Server } from "node:http";
import { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { loadEnvironment } from "../config/environment";
import { functionEnvironment } from "../functions/environment";
import { ROUTES } from "../functions/routes";
import { STAGE_NAME } from "../constructs/rest-api";
import { createApiServer, ProxyHandler } from "./api-server";
import { ensureTable } from "./create-table";
import { DynamoDbLocal, startDynamoDbLocal } from "./dynamodb-local";

export interface LocalOptions {
  port: number;
  /** Database files live here; null keeps everything in memory (tests). */
  dataDir: string | null;
  adminApiKey?: string;
  articleTtlSeconds?: number;
}

export interface LocalRuntime {
  url: string;
  adminApiKey: string;
  tableName: string;
  dynamoDbEndpoint: string;
  stop(): Promise<void>;
}

const PROJECT_ROOT = resolve(__dirname, "..");

/** The local runtime uses the dev environment's settings: same names, same TTL. */
export function localSettings(ttlOverride?: number) {
  const env = loadEnvironment(join(PROJECT_ROOT, "config", "dev.json"));
  return {
    tableName: `${env.namePrefix}-articles`,
    articleTtlSeconds: ttlOverride ?? env.articleTtlDays * 86400,
  };
}

/**
 * The handlers read their settings and SDK endpoints from the environment at load time, exactly
 * as in Lambda; the local runtime provides that environment, then loads them.
 */
function loadHandlers(environment: Record<string, string>): Record<string, ProxyHandler> {
  Object.assign(process.env, environment);
  return Object.fromEntries(
    ROUTES.map((route) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(join(PROJECT_ROOT, "functions", "handlers", route.name)) as { handler?: ProxyHandler };
      if (typeof module.handler !== "function") throw new Error(`functions/handlers/${route.name}.ts exports no handler`);
      return [route.name, module.handler];
    }),
  );
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolvePort((server.address() as AddressInfo).port));
  });
}

export async function startLocal(options: LocalOptions): Promise<LocalRuntime> {
  const settings = localSettings(options.articleTtlSeconds);
  const adminApiKey = options.adminApiKey ?? randomBytes(24).toString("base64url");
  let dynamo: DynamoDbLocal | undefined;
  let server: Server | undefined;
  const stop = async () => {
    if (server) await new Promise<void>((done) => server!.close(() => done()));
    server = undefined;
    if (dynamo) await dynamo.stop();
    dynamo = undefined;
  };
  try {
    dynamo = await startDynamoDbLocal({ dataDir: options.dataDir ? join(options.dataDir, "dynamodb") : undefined });
    const sdkEnvironment = {
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_REGION: process.env.AWS_REGION ?? "us-east-1",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
    };
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: sdkEnvironment.AWS_REGION,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    await ensureTable(client, settings.tableName);
    client.destroy();

    const { NODE_OPTIONS: _lambdaOnly, ...environment } = functionEnvironment(settings);
    const handlers = loadHandlers({ ...environment, ...sdkEnvironment });
    server = createApiServer({ routes: ROUTES, handlers, adminApiKey, stage: STAGE_NAME });
    const port = await listen(server, options.port);
    return {
      url: `http://127.0.0.1:${port}`,
      adminApiKey,
      tableName: settings.tableName,
      dynamoDbEndpoint: dynamo.endpoint,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

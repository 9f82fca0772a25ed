import { randomBytes } from "node:crypto";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { loadEnvironment } from "../config/environment";
import { functionEnvironment } from "../functions/environment";
import { streamReaderEnvironment } from "../functions/lake/environment";
import { STREAM_CONSUMER } from "../functions/lake/stream-consumer";
import { deliveryStreamName, LAKE_TABLES, LakeTable } from "../functions/lake/tables";
import { COMPILED_ROUTES } from "../functions/compiled-routes";
import { RouteName, STAGE_NAME } from "../functions/routes";
import { resourceNames } from "../stacks/names";
import { buildSite, OPENAPI_KEY } from "../site/build";
import { securityHeaderValues } from "../site/security-headers";
import { errorBody } from "../functions/http/errors";
import { apiRequestHandler, ProxyHandler } from "./api-server";
import { ensureTable } from "./create-table";
import { siteRequestHandler } from "./site-server";
import { DynamoDbLocal, LOCAL_CREDENTIALS, localClientConfig, startDynamoDbLocal } from "./dynamodb-local";
import { LocalFirehose } from "./firehose";
import { StreamHandler, StreamPoller } from "./stream-poller";
import { TtlJournal, TtlSweeper } from "./ttl-sweeper";
import { DataDirLock } from "./data-dir-lock";

export interface LocalOptions {
  port: number;
  /** Database files, the lake, the DLQ and checkpoints live under this directory. */
  dataDir: string;
  adminApiKey?: string;
  articleTtlSeconds?: number;
  lakeFlushSeconds?: number;
  ttlSweepSeconds?: number;
  /** First retry delay of a failed stream batch; doubles per retry, capped at 5 s. */
  streamRetryBaseMs?: number;
  /** Leave the stream poller stopped until startStream() (to measure a backlog). */
  streamPaused?: boolean;
}

export interface LocalRuntime {
  url: string;
  adminApiKey: string;
  tableName: string;
  dynamoDbEndpoint: string;
  lakeDir: string;
  dlqDir: string;
  firehose: LocalFirehose;
  poller: StreamPoller;
  sweeper: TtlSweeper;
  startStream(): Promise<void>;
  stop(): Promise<void>;
}

const PROJECT_ROOT = resolve(__dirname, "..");

/** The local runtime uses the dev environment's settings: same names, same TTL. */
export function localSettings(ttlOverride?: number) {
  const env = loadEnvironment(join(PROJECT_ROOT, "config", "dev.json"));
  return {
    tableName: resourceNames(env.namePrefix).table,
    articleTtlSeconds: ttlOverride ?? env.articleTtlDays * 86400,
    deliveryStreams: Object.fromEntries(LAKE_TABLES.map((table) => [table.name, deliveryStreamName(env.namePrefix, table)])),
  };
}

/**
 * Handlers read their settings and SDK endpoints from the environment at load time, exactly as
 * in Lambda; the local runtime provides that environment, then loads them.
 */
function loadHandler<T>(environment: Record<string, string>, file: string): T {
  Object.assign(process.env, environment);
  const module = require(join(PROJECT_ROOT, "functions", "handlers", file)) as { handler?: T };
  if (typeof module.handler !== "function") throw new Error(`functions/handlers/${file}.ts exports no handler`);
  return module.handler;
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
  const region = process.env.AWS_REGION ?? "us-east-1";
  const lakeDir = join(options.dataDir, "lake");
  const dlqDir = join(options.dataDir, "dlq");
  const stops: (() => Promise<void>)[] = [];
  // Stops in reverse order of start: API first, DynamoDB Local last, the lake flushed before it.
  const stop = async () => {
    while (stops.length > 0) await stops.pop()!();
  };
  try {
    const lock = DataDirLock.acquire(options.dataDir);
    stops.push(async () => lock.release());
    // Listening comes first so a taken port fails at once; requests wait for readiness with a 503.
    let serve: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
    // Node would refuse a request without Host with a bare 400; it gets the JSON error shape instead.
    const server = createServer({ requireHostHeader: false }, (request, response) => {
      if (serve) return serve(request, response);
      const body = JSON.stringify(errorBody("SERVICE_UNAVAILABLE", "The local runtime is starting"));
      response.writeHead(503, { "Content-Type": "application/json", "Retry-After": "1", "Content-Length": Buffer.byteLength(body) });
      response.end(body);
    });
    // Requests Node's HTTP parser refuses (oversized headers, garbage) still get the JSON error shape.
    server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) return;
      const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
      const body = JSON.stringify(errorBody("BAD_REQUEST", tooLarge ? "Request headers too large" : "Malformed HTTP request"));
      socket.end(
        `HTTP/1.1 ${tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request"}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
    const port = await listen(server, options.port);
    let closed: Promise<void> | undefined;
    const closeServer = () => (closed ??= new Promise<void>((done) => server.close(() => done())));
    stops.push(closeServer);
    const url = `http://127.0.0.1:${port}`;
    lock.setUrl(url);

    const dynamo: DynamoDbLocal = await startDynamoDbLocal({ dataDir: join(options.dataDir, "dynamodb") });
    stops.push(() => dynamo.stop());
    const clientConfig = localClientConfig(dynamo.endpoint, region);
    const client = new DynamoDBClient(clientConfig);
    const streamsClient = new DynamoDBStreamsClient(clientConfig);
    stops.push(async () => {
      client.destroy();
      streamsClient.destroy();
    });
    await ensureTable(client, settings.tableName);

    const streamTables: Record<string, LakeTable> = Object.fromEntries(
      LAKE_TABLES.map((table) => [settings.deliveryStreams[table.name], table]),
    );
    const firehose = new LocalFirehose({
      lakeDir,
      errorDir: join(options.dataDir, "lake-errors"),
      spoolDir: join(options.dataDir, "firehose"),
      streams: streamTables,
      flushSeconds: options.lakeFlushSeconds ?? 5,
    });
    const firehoseEndpoint = await firehose.start();
    stops.push(() => firehose.stop());

    const sdkEnvironment = {
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_FIREHOSE: firehoseEndpoint,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    };
    // A fresh origin secret per start: the local server adds it to every request, as CloudFront does.
    const originVerifySecret = randomBytes(32).toString("base64url");
    const apiEnvironment = functionEnvironment({ ...settings, originVerifySecret });
    const readerEnvironment = streamReaderEnvironment(settings.deliveryStreams);

    const journal = new TtlJournal(join(options.dataDir, "ttl", "deleted.ndjson"));
    const poller = new StreamPoller({
      dynamo: client,
      streams: streamsClient,
      tableName: settings.tableName,
      region,
      handler: loadHandler<StreamHandler>({ ...readerEnvironment, ...sdkEnvironment }, "stream-reader"),
      batchSize: STREAM_CONSUMER.batchSize,
      maximumRetryAttempts: STREAM_CONSUMER.maximumRetryAttempts,
      bisectBatchOnFunctionError: STREAM_CONSUMER.bisectBatchOnFunctionError,
      checkpointFile: join(options.dataDir, "stream", "checkpoint.json"),
      dlqDir,
      ttlJournal: journal,
      pollIntervalMs: 250,
      retryDelayMs: (attempt) => Math.min(5000, (options.streamRetryBaseMs ?? 200) * 2 ** (attempt - 1)),
    });
    let streaming = false;
    const startStream = async () => {
      if (streaming) return;
      streaming = true;
      await poller.start();
      stops.push(() => poller.stop());
    };
    if (!options.streamPaused) await startStream();
    const sweeper = new TtlSweeper(client, settings.tableName, journal, (options.ttlSweepSeconds ?? 5) * 1000);
    sweeper.start();
    stops.push(() => sweeper.stop());

    const handlers = Object.fromEntries(
      COMPILED_ROUTES.map((route) => [route.name, loadHandler<ProxyHandler>({ ...apiEnvironment, ...sdkEnvironment }, route.slug)]),
    ) as Record<RouteName, ProxyHandler>;
    const api = apiRequestHandler({ routes: COMPILED_ROUTES, handlers, adminApiKey, stage: STAGE_NAME, originVerifySecret });
    const site = siteRequestHandler(buildSite());
    const headers = securityHeaderValues();
    // One origin, as behind CloudFront: /api/* to the API, the rest to the site, and the
    // response headers policy on everything.
    serve = (request, response) => {
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      if (!request.headers.host) {
        request.resume();
        const body = JSON.stringify(errorBody("BAD_REQUEST", "The request has no Host header"));
        response.writeHead(400, { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)) });
        response.end(body);
        return;
      }
      const path = (request.url ?? "/").split("?")[0];
      // The OpenAPI document is a file of the site, as CloudFront serves it from the bucket.
      if (path !== `/${OPENAPI_KEY}` && (path === "/api" || path.startsWith("/api/"))) api(request, response);
      else site(request, response);
    };
    // Stopping closes the server first, before what its handlers need.
    stops.push(closeServer);

    return {
      url,
      adminApiKey,
      tableName: settings.tableName,
      dynamoDbEndpoint: dynamo.endpoint,
      lakeDir,
      dlqDir,
      firehose,
      poller,
      sweeper,
      startStream,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

import { ConsumedCapacity } from "@aws-sdk/client-dynamodb";
import { deleteArticle, getArticle, publishArticle, updateArticle } from "../functions/articles/articles";
import { likeArticle } from "../functions/articles/likes";
import { listArticles } from "../functions/articles/listing";
import { ArticleStore, createDocumentClient } from "../functions/articles/store";
import { ensureTable } from "../local/create-table";
import { localDynamoClient, startDynamoDbLocal } from "../local/dynamodb-local";
import { PRICES } from "./prices";
import { round } from "./stats";

export interface OperationCost {
  operation: string;
  requests: number;
  tableUnits: number;
  indexUnits: number;
  kind: "read" | "write";
}

export interface CostResult {
  operations: OperationCost[];
  monthly: { assumptions: string[]; lines: { item: string; usd: number }[]; totalUsd: number; pricesAsOf: string };
}

const viewer = { country: "DE", deviceType: "mobile" as const, ipPrefix: "192.0.2.0/24", userAgent: "Mozilla/5.0 (bench)" };

/** DynamoDB's own report of each route's consumed capacity, on DynamoDB Local. */
export async function benchCost(alarmCount: number): Promise<CostResult> {
  const dynamo = await startDynamoDbLocal();
  const client = localDynamoClient(dynamo.endpoint);
  let seen: ConsumedCapacity[] = [];
  let requests = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      requests += 1;
      const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
      if (output.ConsumedCapacity) seen.push(...[output.ConsumedCapacity].flat());
      return result;
    },
    { step: "initialize", name: "benchCapacity" },
  );
  try {
    await ensureTable(client, "bench-cost");
    const store: ArticleStore = { client: createDocumentClient(client), tableName: "bench-cost", ttlSeconds: 86400, now: Date.now };
    const operations: OperationCost[] = [];
    const measure = async (operation: string, kind: "read" | "write", run: () => Promise<unknown>) => {
      seen = [];
      requests = 0;
      await run();
      const table = seen.reduce((sum, c) => sum + (c.Table?.CapacityUnits ?? 0), 0);
      const index = seen.reduce((sum, c) => sum + Object.values(c.GlobalSecondaryIndexes ?? {}).reduce((s, i) => s + (i.CapacityUnits ?? 0), 0), 0);
      operations.push({ operation, requests, tableUnits: round(table), indexUnits: round(index), kind });
    };
    const input = (n: number, size: number) => ({ title: `Cost ${n}`, body: "x".repeat(size), authorName: "Bench", authorEmail: "bench@example.com" });
    let small = await publishArticle(store, input(0, 1));
    let large = await publishArticle(store, input(1, 20000));
    for (let i = 2; i < 25; i += 1) await publishArticle(store, input(i, 2000));
    await measure("publish (2 KB body)", "write", () => publishArticle(store, input(100, 2000)));
    await measure("publish (20 KB body)", "write", () => publishArticle(store, input(101, 20000)));
    await measure("get article (10 chars)", "read", () => getArticle(store, small.id));
    await measure("get article (20 KB)", "read", () => getArticle(store, large.id));
    await measure("list page of 20", "read", () => listArticles(store, { limit: "20" }));
    await measure("like (10-char article)", "write", () => likeArticle(store, small.id, viewer));
    await measure("like (20 KB article)", "write", () => likeArticle(store, large.id, viewer));
    await measure("edit title (2 KB body)", "write", async () => {
      small = await publishArticle(store, input(102, 2000));
      seen = [];
      requests = 0;
      await updateArticle(store, small.id, { title: "Edited" });
    });
    await measure("delete (20 KB)", "write", async () => {
      large = await publishArticle(store, input(103, 20000));
      seen = [];
      requests = 0;
      await deleteArticle(store, large.id);
    });
    return { operations, monthly: monthlyEstimate(operations, alarmCount) };
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}

/** 1M page views, 100k likes and 1k articles a month, with the assumptions spelled out. */
function monthlyEstimate(operations: OperationCost[], alarmCount: number): CostResult["monthly"] {
  const units = (name: string) => {
    const op = operations.find((o) => o.operation === name)!;
    return op.tableUnits + op.indexUnits;
  };
  const pageViews = 1_000_000;
  const likes = 100_000;
  const articles = 1_000;
  // CloudFront caches the list for 5 s: at most one origin request per 5 s for the first page.
  const listOrigin = Math.min(pageViews, (30 * 86400) / 5);
  const apiRequests = listOrigin + likes + articles;
  const assumptions = [
    `${pageViews.toLocaleString("en")} page views, ${likes.toLocaleString("en")} likes, ${articles.toLocaleString("en")} articles (2 KB) a month`,
    "each page view: 3 CloudFront requests (page, script, stylesheet) and 60 KB transferred; one list request, of which CloudFront's 5 s cache lets at most one per 5 s reach the API",
    "Lambda: 256 MB arm64, 60 ms average billed duration per API invocation; stream reader: 1 invocation per 20 changes, 200 ms",
    "Firehose: one record per like or article event, rounded up to 5 KB; logs: 400 bytes per request",
  ];
  const lines = [
    { item: "DynamoDB reads (list pages)", usd: (listOrigin * units("list page of 20") * PRICES.dynamodbPerMillionReadUnits) / 1e6 },
    { item: "DynamoDB writes (likes)", usd: (likes * units("like (10-char article)") * PRICES.dynamodbPerMillionWriteUnits) / 1e6 },
    { item: "DynamoDB writes (publishes)", usd: (articles * units("publish (2 KB body)") * PRICES.dynamodbPerMillionWriteUnits) / 1e6 },
    { item: "API Gateway requests", usd: (apiRequests * PRICES.apiGatewayRestPerMillion) / 1e6 },
    {
      item: "Lambda (API and stream reader)",
      usd:
        ((apiRequests + (likes + articles) / 20) * PRICES.lambdaPerMillionRequests) / 1e6 +
        (apiRequests * 0.06 + ((likes + articles) / 20) * 0.2) * 0.25 * PRICES.lambdaArmPerGbSecond,
    },
    { item: "CloudFront requests and transfer", usd: ((pageViews * 3) / 10000) * PRICES.cloudFrontPerTenThousandHttpsRequests + ((pageViews * 60) / 1e6) * PRICES.cloudFrontPerGbTransfer },
    {
      item: "Firehose ingestion and Parquet conversion",
      usd: (((likes + articles) * PRICES.firehoseRecordRoundingKb) / 1e6) * (PRICES.firehosePerGbIngested + PRICES.firehoseFormatConversionPerGb),
    },
    { item: "CloudWatch Logs ingestion", usd: ((apiRequests * 400) / 1e9) * PRICES.cloudWatchLogsPerGbIngested },
    { item: `CloudWatch alarms (${alarmCount}) and dashboard`, usd: alarmCount * PRICES.cloudWatchAlarmPerMonth + PRICES.cloudWatchDashboardPerMonth },
  ].map((line) => ({ item: line.item, usd: round(line.usd, 2) }));
  return { assumptions, lines, totalUsd: round(lines.reduce((sum, line) => sum + line.usd, 0), 2), pricesAsOf: PRICES.asOf };
}

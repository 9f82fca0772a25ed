import { Construct } from "constructs";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";

export interface DashboardProps {
  name: string;
  region: string;
  apiName: string;
  stage: string;
  tableName: string;
  functionNames: string[];
  streamReaderName: string;
  deadLetterQueueName: string;
  deliveryStreams: string[];
}

type Metric = (string | Record<string, unknown>)[];

function widget(title: string, metrics: Metric[], region: string, stat = "Sum", x = 0, y = 0) {
  return { type: "metric", x, y, width: 12, height: 6, properties: { title, metrics, region, stat, period: 300, view: "timeSeries" } };
}

/** One dashboard per environment: the API, its functions, the table, and the lake pipeline. */
export class Dashboard extends Construct {
  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const api = { ApiName: props.apiName, Stage: props.stage };
    const widgets = [
      widget("API requests and errors", [
        ["AWS/ApiGateway", "Count", "ApiName", api.ApiName, "Stage", api.Stage],
        [".", "4XXError", ".", ".", ".", "."],
        [".", "5XXError", ".", ".", ".", "."],
      ], props.region),
      widget("API latency p99 (ms)", [["AWS/ApiGateway", "Latency", "ApiName", api.ApiName, "Stage", api.Stage, { stat: "p99" }], [".", "IntegrationLatency", ".", ".", ".", ".", { stat: "p99" }]], props.region, "p99", 12),
      widget("Function errors", props.functionNames.map((name) => ["AWS/Lambda", "Errors", "FunctionName", name]), props.region, "Sum", 0, 6),
      widget("Function duration p99 (ms)", props.functionNames.map((name) => ["AWS/Lambda", "Duration", "FunctionName", name, { stat: "p99" }]), props.region, "p99", 12, 6),
      widget("Table capacity and throttles", [
        ["AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName", props.tableName],
        [".", "ConsumedWriteCapacityUnits", ".", "."],
        [".", "ReadThrottleEvents", ".", "."],
        [".", "WriteThrottleEvents", ".", "."],
      ], props.region, "Sum", 0, 12),
      widget("Stream reader: iterator age (ms) and DLQ", [
        ["AWS/Lambda", "IteratorAge", "FunctionName", props.streamReaderName, { stat: "Maximum" }],
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", props.deadLetterQueueName, { stat: "Maximum", yAxis: "right" }],
      ], props.region, "Maximum", 12, 12),
      widget("Lake delivery: freshness (s) and conversion failures", props.deliveryStreams.flatMap((stream) => [
        ["AWS/Firehose", "DeliveryToS3.DataFreshness", "DeliveryStreamName", stream, { stat: "Maximum" }],
        [".", "FailedConversion.Records", ".", ".", { stat: "Sum", yAxis: "right" }],
      ]), props.region, "Maximum", 0, 18),
    ];
    new CloudwatchDashboard(this, "dashboard", { dashboardName: props.name, dashboardBody: JSON.stringify({ widgets }) });
  }
}

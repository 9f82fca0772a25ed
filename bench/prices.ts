/**
 * On-demand list prices, us-east-1, in USD, as published by AWS in its pricing pages of
 * November 2024 (after DynamoDB's on-demand reduction of 14 Nov 2024). Not re-checked since:
 * this workplace has no internet. Update them (and the date) before relying on the estimate.
 */
export const PRICES = {
  asOf: "2024-11 (us-east-1 list prices)",
  dynamodbPerMillionWriteUnits: 0.625,
  dynamodbPerMillionReadUnits: 0.125,
  lambdaPerMillionRequests: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  apiGatewayRestPerMillion: 3.5,
  cloudFrontPerTenThousandHttpsRequests: 0.01,
  cloudFrontPerGbTransfer: 0.085,
  firehosePerGbIngested: 0.029,
  firehoseRecordRoundingKb: 5,
  firehoseFormatConversionPerGb: 0.018,
  s3PerThousandPuts: 0.005,
  cloudWatchLogsPerGbIngested: 0.5,
  cloudWatchAlarmPerMonth: 0.1,
  cloudWatchDashboardPerMonth: 3,
} as const;

/**
 * How the stream reader consumes the table's stream, declared once: the event source mapping in
 * AWS and the local poller both use these values.
 */
export const STREAM_CONSUMER = {
  batchSize: 100,
  maximumBatchingWindowSeconds: 5,
  /** Bounded, unlike the default (-1, forever): then the batch goes to the DLQ. */
  maximumRetryAttempts: 10,
  maximumRecordAgeSeconds: 6 * 3600,
  bisectBatchOnFunctionError: true,
  parallelizationFactor: 1,
  startingPosition: "TRIM_HORIZON",
  functionTimeoutSeconds: 60,
} as const;

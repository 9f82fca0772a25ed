import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";

/** The cancellation reason codes of a failed transaction, in the order of its items. */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (error instanceof TransactionCanceledException || (error as Error)?.name === "TransactionCanceledException") {
    return ((error as TransactionCanceledException).CancellationReasons ?? []).map((reason) => reason.Code ?? "None");
  }
  return undefined;
}

export function isConditionFailure(error: unknown): boolean {
  return (error as Error)?.name === "ConditionalCheckFailedException";
}

import { Construct } from "constructs";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import type { TableGrant } from "../functions/routes";
import { ATTRIBUTE_TYPES, TABLE } from "../functions/table";
import { PolicyStatement } from "./bundled-function";

export interface ArticlesTableProps {
  name: string;
  deletionProtection: boolean;
}

/** The single table, from the shared definition: on demand, PITR, encrypted, TTL, stream, sparse GSI. */
export class ArticlesTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: ArticlesTableProps) {
    super(scope, id);
    const index = TABLE.articlesIndex;
    this.table = new DynamodbTable(this, "table", {
      name: props.name,
      billingMode: "PAY_PER_REQUEST",
      hashKey: TABLE.partitionKey,
      rangeKey: TABLE.sortKey,
      attribute: Object.entries(ATTRIBUTE_TYPES).map(([name, type]) => ({ name, type })),
      globalSecondaryIndex: [
        {
          name: index.name,
          hashKey: index.partitionKey,
          rangeKey: index.sortKey,
          projectionType: "INCLUDE",
          nonKeyAttributes: [...index.projectedAttributes],
        },
      ],
      ttl: { attributeName: TABLE.ttlAttribute, enabled: true },
      streamEnabled: true,
      streamViewType: TABLE.streamViewType,
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: props.deletionProtection,
    });
  }

  indexArn(name: string): string {
    return `${this.table.arn}/index/${name}`;
  }

  /** The policy statements that give exactly these grants, on the table or the listing index. */
  grantStatements(grants: readonly TableGrant[]): PolicyStatement[] {
    return grants.map((grant) => ({
      actions: [...grant.actions],
      resources: [grant.target === "table" ? this.table.arn : this.indexArn(TABLE.articlesIndex.name)],
    }));
  }
}

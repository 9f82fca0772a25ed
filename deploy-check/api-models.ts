import * as acm from "@aws-sdk/client-acm";
import * as apigateway from "@aws-sdk/client-api-gateway";
import * as athena from "@aws-sdk/client-athena";
import * as cloudfront from "@aws-sdk/client-cloudfront";
import * as cloudwatch from "@aws-sdk/client-cloudwatch";
import * as dynamodb from "@aws-sdk/client-dynamodb";
import * as firehose from "@aws-sdk/client-firehose";
import * as kms from "@aws-sdk/client-kms";
import * as lambda from "@aws-sdk/client-lambda";
import * as route53 from "@aws-sdk/client-route-53";
import * as s3 from "@aws-sdk/client-s3";
import * as wafv2 from "@aws-sdk/client-wafv2";

/**
 * Terraform attribute -> AWS API field, per resource type the project synthesizes. Every attribute
 * that holds a literal string must be declared here: either checked against the enumeration AWS
 * publishes in its service model (the SDK v3 clients export each model's enums), or declared free
 * text (names, descriptions, JSON documents, string fields the API does not enumerate). The provider
 * passes most of these strings to the API unchecked, so a wrong one only fails at apply time.
 * A resource type or literal attribute missing here fails the check: coverage cannot shrink silently.
 * Paths join nested blocks with "."; a trailing ".*" covers a map's user-chosen keys, and ".**." any
 * depth of nesting (WAF statements nest in and/or/not and scope-down statements).
 */
export interface AttributeMapping {
  /** The API field the attribute is sent as (operation input member path). */
  api: string;
  /** The service model's enumeration, when the API constrains the field to one. */
  allowed?: readonly string[];
  enumName?: string;
}

export interface ResourceMapping {
  /** The API operation that creates the resource, and its reference page. */
  operation: string;
  doc: string;
  attributes: Record<string, AttributeMapping>;
}

function oneOf(api: string, enumName: string, values: Record<string, string>): AttributeMapping {
  return { api, enumName, allowed: Object.values(values) };
}

function free(api: string): AttributeMapping {
  return { api };
}

const APIGW = "https://docs.aws.amazon.com/apigateway/latest/api";
const CF = "https://docs.aws.amazon.com/cloudfront/latest/APIReference";
const CW = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference";
const WAF = "https://docs.aws.amazon.com/waf/latest/APIReference";

/** Where a WAF rule statement's fields sit, at any nesting depth below rule.statement. */
const STATEMENT = "rule.statement.**";

export const API_MODELS: Record<string, ResourceMapping> = {
  aws_acm_certificate: {
    operation: "acm:RequestCertificate",
    doc: "https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html",
    attributes: {
      domain_name: free("DomainName"),
      subject_alternative_names: free("SubjectAlternativeNames"),
      validation_method: oneOf("ValidationMethod", "ValidationMethod", acm.ValidationMethod),
      key_algorithm: oneOf("KeyAlgorithm", "KeyAlgorithm", acm.KeyAlgorithm),
    },
  },
  aws_acm_certificate_validation: {
    // No API call of its own: Terraform polls the certificate until ACM reports it ISSUED.
    operation: "acm:DescribeCertificate",
    doc: "https://docs.aws.amazon.com/acm/latest/APIReference/API_DescribeCertificate.html",
    attributes: { validation_record_fqdns: free("(terraform) Certificate.DomainValidationOptions.ResourceRecord.Name it waits for") },
  },
  aws_api_gateway_account: { operation: "apigateway:UpdateAccount", doc: `${APIGW}/API_UpdateAccount.html`, attributes: {} },
  aws_api_gateway_api_key: {
    operation: "apigateway:CreateApiKey",
    doc: `${APIGW}/API_CreateApiKey.html`,
    attributes: { name: free("name"), description: free("description") },
  },
  aws_api_gateway_deployment: {
    operation: "apigateway:CreateDeployment",
    doc: `${APIGW}/API_CreateDeployment.html`,
    attributes: { description: free("description") },
  },
  aws_api_gateway_gateway_response: {
    operation: "apigateway:PutGatewayResponse",
    doc: `${APIGW}/API_PutGatewayResponse.html`,
    attributes: {
      response_type: oneOf("responseType", "GatewayResponseType", apigateway.GatewayResponseType),
      status_code: free("statusCode"),
      "response_templates.*": free("responseTemplates"),
      "response_parameters.*": free("responseParameters"),
    },
  },
  aws_api_gateway_integration: {
    operation: "apigateway:PutIntegration",
    doc: `${APIGW}/API_PutIntegration.html`,
    attributes: {
      type: oneOf("type", "IntegrationType", apigateway.IntegrationType),
      integration_http_method: free("integrationHttpMethod"),
      http_method: free("httpMethod"),
      passthrough_behavior: free("passthroughBehavior"),
      "request_templates.*": free("requestTemplates"),
    },
  },
  aws_api_gateway_integration_response: {
    operation: "apigateway:PutIntegrationResponse",
    doc: `${APIGW}/API_PutIntegrationResponse.html`,
    attributes: {
      http_method: free("httpMethod"),
      status_code: free("statusCode"),
      "response_parameters.*": free("responseParameters"),
      "response_templates.*": free("responseTemplates"),
    },
  },
  aws_api_gateway_method_response: {
    operation: "apigateway:PutMethodResponse",
    doc: `${APIGW}/API_PutMethodResponse.html`,
    attributes: { http_method: free("httpMethod"), status_code: free("statusCode") },
  },
  aws_api_gateway_method: {
    operation: "apigateway:PutMethod",
    doc: `${APIGW}/API_PutMethod.html`,
    attributes: { authorization: free("authorizationType"), http_method: free("httpMethod") },
  },
  aws_api_gateway_method_settings: {
    operation: "apigateway:UpdateStage",
    doc: `${APIGW}/API_UpdateStage.html`,
    attributes: { method_path: free("patchOperations.path"), "settings.logging_level": free("patchOperations.value (/*/*/logging/loglevel)") },
  },
  aws_api_gateway_model: {
    operation: "apigateway:CreateModel",
    doc: `${APIGW}/API_CreateModel.html`,
    attributes: { name: free("name"), content_type: free("contentType"), schema: free("schema"), description: free("description") },
  },
  aws_api_gateway_request_validator: {
    operation: "apigateway:CreateRequestValidator",
    doc: `${APIGW}/API_CreateRequestValidator.html`,
    attributes: { name: free("name") },
  },
  aws_api_gateway_resource: {
    operation: "apigateway:CreateResource",
    doc: `${APIGW}/API_CreateResource.html`,
    attributes: { path_part: free("pathPart") },
  },
  aws_api_gateway_rest_api: {
    operation: "apigateway:CreateRestApi",
    doc: `${APIGW}/API_CreateRestApi.html`,
    attributes: {
      name: free("name"),
      description: free("description"),
      minimum_compression_size: free("minimumCompressionSize"),
      "endpoint_configuration.types": oneOf("endpointConfiguration.types", "EndpointType", apigateway.EndpointType),
    },
  },
  aws_api_gateway_stage: {
    operation: "apigateway:CreateStage",
    doc: `${APIGW}/API_CreateStage.html`,
    attributes: { stage_name: free("stageName"), description: free("description"), "access_log_settings.format": free("accessLogSettings.format") },
  },
  aws_api_gateway_usage_plan: {
    operation: "apigateway:CreateUsagePlan",
    doc: `${APIGW}/API_CreateUsagePlan.html`,
    attributes: { name: free("name"), description: free("description") },
  },
  aws_api_gateway_usage_plan_key: {
    operation: "apigateway:CreateUsagePlanKey",
    doc: `${APIGW}/API_CreateUsagePlanKey.html`,
    attributes: { key_type: free("keyType") },
  },
  aws_athena_named_query: {
    operation: "athena:CreateNamedQuery",
    doc: "https://docs.aws.amazon.com/athena/latest/APIReference/API_CreateNamedQuery.html",
    attributes: { name: free("Name"), description: free("Description"), query: free("QueryString") },
  },
  aws_athena_workgroup: {
    operation: "athena:CreateWorkGroup",
    doc: "https://docs.aws.amazon.com/athena/latest/APIReference/API_CreateWorkGroup.html",
    attributes: {
      name: free("Name"),
      description: free("Description"),
      "configuration.result_configuration.encryption_configuration.encryption_option": oneOf(
        "Configuration.ResultConfiguration.EncryptionConfiguration.EncryptionOption",
        "EncryptionOption",
        athena.EncryptionOption,
      ),
      "configuration.result_configuration.output_location": free("Configuration.ResultConfiguration.OutputLocation"),
    },
  },
  aws_cloudfront_cache_policy: {
    operation: "cloudfront:CreateCachePolicy",
    doc: `${CF}/API_CachePolicyConfig.html`,
    attributes: {
      name: free("CachePolicyConfig.Name"),
      comment: free("CachePolicyConfig.Comment"),
      "parameters_in_cache_key_and_forwarded_to_origin.cookies_config.cookie_behavior": oneOf(
        "ParametersInCacheKeyAndForwardedToOrigin.CookiesConfig.CookieBehavior",
        "CachePolicyCookieBehavior",
        cloudfront.CachePolicyCookieBehavior,
      ),
      "parameters_in_cache_key_and_forwarded_to_origin.cookies_config.cookies.items": free("CookiesConfig.Cookies.Items"),
      "parameters_in_cache_key_and_forwarded_to_origin.headers_config.header_behavior": oneOf(
        "ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.HeaderBehavior",
        "CachePolicyHeaderBehavior",
        cloudfront.CachePolicyHeaderBehavior,
      ),
      "parameters_in_cache_key_and_forwarded_to_origin.headers_config.headers.items": free("HeadersConfig.Headers.Items"),
      "parameters_in_cache_key_and_forwarded_to_origin.query_strings_config.query_string_behavior": oneOf(
        "ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig.QueryStringBehavior",
        "CachePolicyQueryStringBehavior",
        cloudfront.CachePolicyQueryStringBehavior,
      ),
      "parameters_in_cache_key_and_forwarded_to_origin.query_strings_config.query_strings.items": free("QueryStringsConfig.QueryStrings.Items"),
    },
  },
  aws_cloudfront_distribution: {
    operation: "cloudfront:CreateDistribution",
    doc: `${CF}/API_DistributionConfig.html`,
    attributes: {
      comment: free("Comment"),
      default_root_object: free("DefaultRootObject"),
      http_version: oneOf("HttpVersion", "HttpVersion", cloudfront.HttpVersion),
      price_class: oneOf("PriceClass", "PriceClass", cloudfront.PriceClass),
      web_acl_id: free("WebACLId"),
      aliases: free("Aliases.Items"),
      "default_cache_behavior.allowed_methods": oneOf("DefaultCacheBehavior.AllowedMethods.Items", "Method", cloudfront.Method),
      "default_cache_behavior.cached_methods": oneOf("DefaultCacheBehavior.AllowedMethods.CachedMethods.Items", "Method", cloudfront.Method),
      "default_cache_behavior.cache_policy_id": free("DefaultCacheBehavior.CachePolicyId"),
      "default_cache_behavior.target_origin_id": free("DefaultCacheBehavior.TargetOriginId"),
      "default_cache_behavior.function_association.event_type": oneOf(
        "DefaultCacheBehavior.FunctionAssociations.Items.EventType",
        "EventType",
        cloudfront.EventType,
      ),
      "default_cache_behavior.viewer_protocol_policy": oneOf(
        "DefaultCacheBehavior.ViewerProtocolPolicy",
        "ViewerProtocolPolicy",
        cloudfront.ViewerProtocolPolicy,
      ),
      "ordered_cache_behavior.allowed_methods": oneOf("CacheBehaviors.Items.AllowedMethods.Items", "Method", cloudfront.Method),
      "ordered_cache_behavior.cached_methods": oneOf("CacheBehaviors.Items.AllowedMethods.CachedMethods.Items", "Method", cloudfront.Method),
      "ordered_cache_behavior.cache_policy_id": free("CacheBehaviors.Items.CachePolicyId"),
      "ordered_cache_behavior.path_pattern": free("CacheBehaviors.Items.PathPattern"),
      "ordered_cache_behavior.target_origin_id": free("CacheBehaviors.Items.TargetOriginId"),
      "ordered_cache_behavior.function_association.event_type": oneOf(
        "CacheBehaviors.Items.FunctionAssociations.Items.EventType",
        "EventType",
        cloudfront.EventType,
      ),
      "ordered_cache_behavior.viewer_protocol_policy": oneOf(
        "CacheBehaviors.Items.ViewerProtocolPolicy",
        "ViewerProtocolPolicy",
        cloudfront.ViewerProtocolPolicy,
      ),
      "origin.custom_origin_config.origin_protocol_policy": oneOf(
        "Origins.Items.CustomOriginConfig.OriginProtocolPolicy",
        "OriginProtocolPolicy",
        cloudfront.OriginProtocolPolicy,
      ),
      "origin.custom_origin_config.origin_ssl_protocols": oneOf(
        "Origins.Items.CustomOriginConfig.OriginSslProtocols.Items",
        "SslProtocol",
        cloudfront.SslProtocol,
      ),
      "origin.custom_header.name": free("Origins.Items.CustomHeaders.Items.HeaderName"),
      "origin.custom_header.value": free("Origins.Items.CustomHeaders.Items.HeaderValue"),
      "origin.domain_name": free("Origins.Items.DomainName"),
      "origin.origin_id": free("Origins.Items.Id"),
      "origin.origin_path": free("Origins.Items.OriginPath"),
      "logging_config.prefix": free("Logging.Prefix"),
      "restrictions.geo_restriction.restriction_type": oneOf(
        "Restrictions.GeoRestriction.RestrictionType",
        "GeoRestrictionType",
        cloudfront.GeoRestrictionType,
      ),
      "restrictions.geo_restriction.locations": free("Restrictions.GeoRestriction.Items"),
      "viewer_certificate.minimum_protocol_version": oneOf(
        "ViewerCertificate.MinimumProtocolVersion",
        "MinimumProtocolVersion",
        cloudfront.MinimumProtocolVersion,
      ),
      "viewer_certificate.ssl_support_method": oneOf("ViewerCertificate.SSLSupportMethod", "SSLSupportMethod", cloudfront.SSLSupportMethod),
    },
  },
  aws_cloudfront_function: {
    operation: "cloudfront:CreateFunction",
    doc: `${CF}/API_CreateFunction.html`,
    attributes: {
      name: free("Name"),
      comment: free("FunctionConfig.Comment"),
      runtime: oneOf("FunctionConfig.Runtime", "FunctionRuntime", cloudfront.FunctionRuntime),
      code: free("FunctionCode"),
    },
  },
  aws_cloudfront_origin_access_control: {
    operation: "cloudfront:CreateOriginAccessControl",
    doc: `${CF}/API_OriginAccessControlConfig.html`,
    attributes: {
      name: free("Name"),
      description: free("Description"),
      origin_access_control_origin_type: oneOf(
        "OriginAccessControlOriginType",
        "OriginAccessControlOriginTypes",
        cloudfront.OriginAccessControlOriginTypes,
      ),
      signing_behavior: oneOf("SigningBehavior", "OriginAccessControlSigningBehaviors", cloudfront.OriginAccessControlSigningBehaviors),
      signing_protocol: oneOf("SigningProtocol", "OriginAccessControlSigningProtocols", cloudfront.OriginAccessControlSigningProtocols),
    },
  },
  aws_cloudfront_origin_request_policy: {
    operation: "cloudfront:CreateOriginRequestPolicy",
    doc: `${CF}/API_OriginRequestPolicyConfig.html`,
    attributes: {
      name: free("Name"),
      comment: free("Comment"),
      "cookies_config.cookie_behavior": oneOf("CookiesConfig.CookieBehavior", "OriginRequestPolicyCookieBehavior", cloudfront.OriginRequestPolicyCookieBehavior),
      "cookies_config.cookies.items": free("CookiesConfig.Cookies.Items"),
      "headers_config.header_behavior": oneOf("HeadersConfig.HeaderBehavior", "OriginRequestPolicyHeaderBehavior", cloudfront.OriginRequestPolicyHeaderBehavior),
      "headers_config.headers.items": free("HeadersConfig.Headers.Items"),
      "query_strings_config.query_string_behavior": oneOf(
        "QueryStringsConfig.QueryStringBehavior",
        "OriginRequestPolicyQueryStringBehavior",
        cloudfront.OriginRequestPolicyQueryStringBehavior,
      ),
      "query_strings_config.query_strings.items": free("QueryStringsConfig.QueryStrings.Items"),
    },
  },
  aws_cloudfront_response_headers_policy: {
    operation: "cloudfront:CreateResponseHeadersPolicy",
    doc: `${CF}/API_ResponseHeadersPolicyConfig.html`,
    attributes: {
      name: free("Name"),
      comment: free("Comment"),
      "security_headers_config.content_security_policy.content_security_policy": free("SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy"),
      "security_headers_config.frame_options.frame_option": oneOf("SecurityHeadersConfig.FrameOptions.FrameOption", "FrameOptionsList", cloudfront.FrameOptionsList),
      "security_headers_config.referrer_policy.referrer_policy": oneOf(
        "SecurityHeadersConfig.ReferrerPolicy.ReferrerPolicy",
        "ReferrerPolicyList",
        cloudfront.ReferrerPolicyList,
      ),
    },
  },
  aws_cloudwatch_dashboard: {
    operation: "monitoring:PutDashboard",
    doc: `${CW}/API_PutDashboard.html`,
    attributes: { dashboard_name: free("DashboardName"), dashboard_body: free("DashboardBody") },
  },
  aws_cloudwatch_log_group: {
    operation: "logs:CreateLogGroup",
    doc: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
    attributes: { name: free("logGroupName") },
  },
  aws_cloudwatch_log_stream: {
    operation: "logs:CreateLogStream",
    doc: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogStream.html",
    attributes: { name: free("logStreamName") },
  },
  aws_cloudwatch_metric_alarm: {
    operation: "monitoring:PutMetricAlarm",
    doc: `${CW}/API_PutMetricAlarm.html`,
    attributes: {
      alarm_name: free("AlarmName"),
      alarm_description: free("AlarmDescription"),
      comparison_operator: oneOf("ComparisonOperator", "ComparisonOperator", cloudwatch.ComparisonOperator),
      statistic: oneOf("Statistic", "Statistic", cloudwatch.Statistic),
      extended_statistic: free("ExtendedStatistic"),
      namespace: free("Namespace"),
      metric_name: free("MetricName"),
      treat_missing_data: free("TreatMissingData"),
      "dimensions.*": free("Dimensions"),
      "metric_query.id": free("Metrics.Id"),
      "metric_query.expression": free("Metrics.Expression"),
      "metric_query.label": free("Metrics.Label"),
      "metric_query.metric.namespace": free("Metrics.MetricStat.Metric.Namespace"),
      "metric_query.metric.metric_name": free("Metrics.MetricStat.Metric.MetricName"),
      "metric_query.metric.stat": free("Metrics.MetricStat.Stat"),
      "metric_query.metric.dimensions.*": free("Metrics.MetricStat.Metric.Dimensions"),
    },
  },
  aws_dynamodb_table: {
    operation: "dynamodb:CreateTable",
    doc: "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html",
    attributes: {
      name: free("TableName"),
      hash_key: free("KeySchema.AttributeName (HASH)"),
      range_key: free("KeySchema.AttributeName (RANGE)"),
      billing_mode: oneOf("BillingMode", "BillingMode", dynamodb.BillingMode),
      stream_view_type: oneOf("StreamSpecification.StreamViewType", "StreamViewType", dynamodb.StreamViewType),
      "attribute.name": free("AttributeDefinitions.AttributeName"),
      "attribute.type": oneOf("AttributeDefinitions.AttributeType", "ScalarAttributeType", dynamodb.ScalarAttributeType),
      "global_secondary_index.name": free("GlobalSecondaryIndexes.IndexName"),
      "global_secondary_index.hash_key": free("GlobalSecondaryIndexes.KeySchema.AttributeName"),
      "global_secondary_index.range_key": free("GlobalSecondaryIndexes.KeySchema.AttributeName"),
      "global_secondary_index.projection_type": oneOf("GlobalSecondaryIndexes.Projection.ProjectionType", "ProjectionType", dynamodb.ProjectionType),
      "global_secondary_index.non_key_attributes": free("GlobalSecondaryIndexes.Projection.NonKeyAttributes"),
      "ttl.attribute_name": free("UpdateTimeToLive: TimeToLiveSpecification.AttributeName"),
    },
  },
  aws_glue_catalog_database: {
    operation: "glue:CreateDatabase",
    doc: "https://docs.aws.amazon.com/glue/latest/webapi/API_CreateDatabase.html",
    attributes: { name: free("DatabaseInput.Name"), description: free("DatabaseInput.Description") },
  },
  aws_glue_catalog_table: {
    operation: "glue:CreateTable",
    doc: "https://docs.aws.amazon.com/glue/latest/webapi/API_TableInput.html",
    attributes: {
      name: free("TableInput.Name"),
      description: free("TableInput.Description"),
      table_type: free("TableInput.TableType"),
      "parameters.*": free("TableInput.Parameters"),
      "partition_keys.name": free("TableInput.PartitionKeys.Name"),
      "partition_keys.type": free("TableInput.PartitionKeys.Type"),
      "partition_keys.comment": free("TableInput.PartitionKeys.Comment"),
      "storage_descriptor.columns.name": free("StorageDescriptor.Columns.Name"),
      "storage_descriptor.columns.type": free("StorageDescriptor.Columns.Type"),
      "storage_descriptor.columns.comment": free("StorageDescriptor.Columns.Comment"),
      "storage_descriptor.input_format": free("StorageDescriptor.InputFormat"),
      "storage_descriptor.output_format": free("StorageDescriptor.OutputFormat"),
      "storage_descriptor.location": free("StorageDescriptor.Location"),
      "storage_descriptor.ser_de_info.serialization_library": free("StorageDescriptor.SerdeInfo.SerializationLibrary"),
      "storage_descriptor.ser_de_info.parameters.*": free("StorageDescriptor.SerdeInfo.Parameters"),
    },
  },
  aws_iam_role: {
    operation: "iam:CreateRole",
    doc: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
    attributes: { name: free("RoleName"), description: free("Description") },
  },
  aws_iam_role_policy: {
    operation: "iam:PutRolePolicy",
    doc: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html",
    attributes: { name: free("PolicyName") },
  },
  aws_kinesis_firehose_delivery_stream: {
    operation: "firehose:CreateDeliveryStream",
    doc: "https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html",
    attributes: {
      name: free("DeliveryStreamName"),
      // Terraform's choice of destination block, not an API field.
      destination: free("(terraform) destination block"),
      "extended_s3_configuration.compression_format": oneOf(
        "ExtendedS3DestinationConfiguration.CompressionFormat",
        "CompressionFormat",
        firehose.CompressionFormat,
      ),
      "extended_s3_configuration.prefix": free("ExtendedS3DestinationConfiguration.Prefix"),
      "extended_s3_configuration.error_output_prefix": free("ExtendedS3DestinationConfiguration.ErrorOutputPrefix"),
      "extended_s3_configuration.data_format_conversion_configuration.output_format_configuration.serializer.parquet_ser_de.compression": oneOf(
        "DataFormatConversionConfiguration.OutputFormatConfiguration.Serializer.ParquetSerDe.Compression",
        "ParquetCompression",
        firehose.ParquetCompression,
      ),
      "extended_s3_configuration.data_format_conversion_configuration.schema_configuration.region": free("DataFormatConversionConfiguration.SchemaConfiguration.Region"),
      "server_side_encryption.key_type": oneOf("DeliveryStreamEncryptionConfigurationInput.KeyType", "KeyType", firehose.KeyType),
    },
  },
  aws_kms_alias: {
    operation: "kms:CreateAlias",
    doc: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html",
    attributes: { name: free("AliasName") },
  },
  aws_kms_key: {
    operation: "kms:CreateKey",
    doc: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html",
    attributes: {
      description: free("Description"),
      key_usage: oneOf("KeyUsage", "KeyUsageType", kms.KeyUsageType),
      customer_master_key_spec: oneOf("KeySpec", "KeySpec", kms.KeySpec),
    },
  },
  aws_kms_key_policy: {
    operation: "kms:PutKeyPolicy",
    doc: "https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html",
    attributes: {},
  },
  aws_lambda_event_source_mapping: {
    operation: "lambda:CreateEventSourceMapping",
    doc: "https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html",
    attributes: {
      starting_position: oneOf("StartingPosition", "EventSourcePosition", lambda.EventSourcePosition),
      function_response_types: oneOf("FunctionResponseTypes", "FunctionResponseType", lambda.FunctionResponseType),
    },
  },
  aws_lambda_function: {
    operation: "lambda:CreateFunction",
    doc: "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html",
    attributes: {
      function_name: free("FunctionName"),
      description: free("Description"),
      handler: free("Handler"),
      runtime: oneOf("Runtime", "Runtime", lambda.Runtime),
      architectures: oneOf("Architectures", "Architecture", lambda.Architecture),
      "logging_config.log_format": oneOf("LoggingConfig.LogFormat", "LogFormat", lambda.LogFormat),
      "environment.variables.*": free("Environment.Variables"),
      // Terraform reads the zip from disk and sends its bytes (Code.ZipFile); the hash is Terraform's.
      filename: free("(terraform) Code.ZipFile source"),
      source_code_hash: free("(terraform) change detection"),
    },
  },
  aws_lambda_permission: {
    operation: "lambda:AddPermission",
    doc: "https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html",
    attributes: { action: free("Action"), principal: free("Principal"), statement_id: free("StatementId"), source_arn: free("SourceArn") },
  },
  aws_route53_record: {
    operation: "route53:ChangeResourceRecordSets",
    doc: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html",
    attributes: {
      zone_id: free("HostedZoneId"),
      name: free("ChangeBatch.Changes.ResourceRecordSet.Name"),
      type: oneOf("ChangeBatch.Changes.ResourceRecordSet.Type", "RRType", route53.RRType),
      records: free("ChangeBatch.Changes.ResourceRecordSet.ResourceRecords.Value"),
      "alias.name": free("ChangeBatch.Changes.ResourceRecordSet.AliasTarget.DNSName"),
      "alias.zone_id": free("ChangeBatch.Changes.ResourceRecordSet.AliasTarget.HostedZoneId"),
    },
  },
  aws_s3_bucket: {
    operation: "s3:CreateBucket",
    doc: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html",
    attributes: { bucket_prefix: free("(terraform) Bucket name prefix") },
  },
  aws_s3_bucket_lifecycle_configuration: {
    operation: "s3:PutBucketLifecycleConfiguration",
    doc: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html",
    attributes: {
      "rule.id": free("Rules.ID"),
      "rule.status": oneOf("Rules.Status", "ExpirationStatus", s3.ExpirationStatus),
      "rule.filter.prefix": free("Rules.Filter.Prefix"),
    },
  },
  aws_s3_bucket_logging: {
    operation: "s3:PutBucketLogging",
    doc: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLogging.html",
    attributes: { target_prefix: free("BucketLoggingStatus.LoggingEnabled.TargetPrefix") },
  },
  aws_s3_bucket_ownership_controls: {
    operation: "s3:PutBucketOwnershipControls",
    doc: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketOwnershipControls.html",
    attributes: { "rule.object_ownership": oneOf("OwnershipControls.Rules.ObjectOwnership", "ObjectOwnership", s3.ObjectOwnership) },
  },
  aws_s3_bucket_policy: {
    operation: "s3:PutBucketPolicy",
    doc: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html",
    attributes: {},
  },
  aws_s3_bucket_public_access_block: {
    operation: "s3:PutPublicAccessBlock",
    doc: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutPublicAccessBlock.html",
    attributes: {},
  },
  aws_s3_bucket_server_side_encryption_configuration: {
    operation: "s3:PutBucketEncryption",
    doc: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketEncryption.html",
    attributes: {
      "rule.apply_server_side_encryption_by_default.sse_algorithm": oneOf(
        "ServerSideEncryptionConfiguration.Rules.ApplyServerSideEncryptionByDefault.SSEAlgorithm",
        "ServerSideEncryption",
        s3.ServerSideEncryption,
      ),
    },
  },
  aws_s3_bucket_versioning: {
    operation: "s3:PutBucketVersioning",
    doc: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html",
    attributes: { "versioning_configuration.status": oneOf("VersioningConfiguration.Status", "BucketVersioningStatus", s3.BucketVersioningStatus) },
  },
  aws_s3_object: {
    operation: "s3:PutObject",
    doc: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html",
    attributes: {
      key: free("Key"),
      content_type: free("ContentType"),
      cache_control: free("CacheControl"),
      source: free("(terraform) Body source file"),
      source_hash: free("(terraform) change detection"),
    },
  },
  aws_sns_topic: {
    operation: "sns:CreateTopic",
    doc: "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html",
    attributes: { name: free("Name"), kms_master_key_id: free("Attributes.KmsMasterKeyId") },
  },
  aws_sns_topic_subscription: {
    operation: "sns:Subscribe",
    doc: "https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html",
    attributes: { protocol: free("Protocol"), endpoint: free("Endpoint") },
  },
  aws_sqs_queue: {
    operation: "sqs:CreateQueue",
    doc: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html",
    attributes: { name: free("QueueName") },
  },
  aws_sqs_queue_policy: {
    operation: "sqs:SetQueueAttributes",
    doc: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html",
    attributes: {},
  },
  aws_wafv2_web_acl: {
    // The rule blocks come from an override (raw JSON): they are checked like any other attribute.
    // The names of action and override-action blocks are keys, not strings: DEPLOY-WAF-RULE-ACTION checks them.
    operation: "wafv2:CreateWebACL",
    doc: `${WAF}/API_CreateWebACL.html`,
    attributes: {
      name: free("Name"),
      description: free("Description"),
      scope: oneOf("Scope", "Scope", wafv2.Scope),
      "visibility_config.metric_name": free("VisibilityConfig.MetricName"),
      "custom_response_body.key": free("CustomResponseBodies (key)"),
      "custom_response_body.content": free("CustomResponseBodies.Content"),
      "custom_response_body.content_type": oneOf("CustomResponseBodies.ContentType", "ResponseContentType", wafv2.ResponseContentType),
      "default_action.block.custom_response.custom_response_body_key": free("DefaultAction.Block.CustomResponse.CustomResponseBodyKey"),
      "rule.name": free("Rules.Name"),
      "rule.visibility_config.metric_name": free("Rules.VisibilityConfig.MetricName"),
      "rule.action.block.custom_response.custom_response_body_key": free("Rules.Action.Block.CustomResponse.CustomResponseBodyKey"),
      "rule.statement.managed_rule_group_statement.vendor_name": free("Rules.Statement.ManagedRuleGroupStatement.VendorName"),
      "rule.statement.managed_rule_group_statement.name": free("Rules.Statement.ManagedRuleGroupStatement.Name"),
      "rule.statement.managed_rule_group_statement.version": free("Rules.Statement.ManagedRuleGroupStatement.Version"),
      "rule.statement.rate_based_statement.aggregate_key_type": oneOf(
        "Rules.Statement.RateBasedStatement.AggregateKeyType",
        "RateBasedStatementAggregateKeyType",
        wafv2.RateBasedStatementAggregateKeyType,
      ),
      "rule.statement.rate_based_statement.forwarded_ip_config.header_name": free("Rules.Statement.RateBasedStatement.ForwardedIPConfig.HeaderName"),
      "rule.statement.rate_based_statement.forwarded_ip_config.fallback_behavior": oneOf(
        "Rules.Statement.RateBasedStatement.ForwardedIPConfig.FallbackBehavior",
        "FallbackBehavior",
        wafv2.FallbackBehavior,
      ),
      [`${STATEMENT}.label_match_statement.key`]: free("Statement.LabelMatchStatement.Key"),
      [`${STATEMENT}.label_match_statement.scope`]: oneOf("Statement.LabelMatchStatement.Scope", "LabelMatchScope", wafv2.LabelMatchScope),
      [`${STATEMENT}.regex_match_statement.regex_string`]: free("Statement.RegexMatchStatement.RegexString"),
      [`${STATEMENT}.byte_match_statement.search_string`]: free("Statement.ByteMatchStatement.SearchString"),
      [`${STATEMENT}.byte_match_statement.positional_constraint`]: oneOf(
        "Statement.ByteMatchStatement.PositionalConstraint",
        "PositionalConstraint",
        wafv2.PositionalConstraint,
      ),
      [`${STATEMENT}.size_constraint_statement.comparison_operator`]: oneOf(
        "Statement.SizeConstraintStatement.ComparisonOperator",
        "ComparisonOperator",
        wafv2.ComparisonOperator,
      ),
      [`${STATEMENT}.field_to_match.single_header.name`]: free("Statement.*.FieldToMatch.SingleHeader.Name"),
      [`${STATEMENT}.text_transformation.type`]: oneOf("Statement.*.TextTransformations.Type", "TextTransformationType", wafv2.TextTransformationType),
    },
  },
};

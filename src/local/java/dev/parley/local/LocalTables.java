package dev.parley.local;

import static dev.parley.table.SingleTable.GSI1;
import static dev.parley.table.SingleTable.GSI1_PK;
import static dev.parley.table.SingleTable.GSI1_SK;
import static dev.parley.table.SingleTable.PK;
import static dev.parley.table.SingleTable.SK;
import static dev.parley.table.SingleTable.TTL;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Creates the table template.yaml defines, with the same keys, in DynamoDB Local (if missing). */
final class LocalTables {
    private LocalTables() {}

    static void create(URI endpoint, String tableName) {
        try (DynamoDbClient dynamo =
                DynamoDbClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.of(StandIns.REGION))
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(
                                                StandIns.ACCESS_KEY, StandIns.SECRET_KEY)))
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .build()) {
            try {
                dynamo.createTable(
                        table ->
                                table.tableName(tableName)
                                        .billingMode(BillingMode.PAY_PER_REQUEST)
                                        .attributeDefinitions(
                                                string(PK),
                                                string(SK),
                                                string(GSI1_PK),
                                                string(GSI1_SK))
                                        .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                                        .globalSecondaryIndexes(
                                                GlobalSecondaryIndex.builder()
                                                        .indexName(GSI1)
                                                        .keySchema(
                                                                key(GSI1_PK, KeyType.HASH),
                                                                key(GSI1_SK, KeyType.RANGE))
                                                        .projection(
                                                                Projection.builder()
                                                                        .projectionType(
                                                                                ProjectionType.ALL)
                                                                        .build())
                                                        .build()));
                dynamo.updateTimeToLive(
                        ttl ->
                                ttl.tableName(tableName)
                                        .timeToLiveSpecification(
                                                spec -> spec.attributeName(TTL).enabled(true)));
            } catch (ResourceInUseException alreadyThere) {
                // Kept from an earlier local run.
            }
        }
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}

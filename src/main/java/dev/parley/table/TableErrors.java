package dev.parley.table;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * DynamoDB failures in the contract's terms: lost write races are 409, anything else 503. Public
 * so that every feature storing items in the table (conversations, documents) maps them the same way.
 */
public final class TableErrors {
    private static final Logger LOG = Logger.getLogger(TableErrors.class);

    private TableErrors() {}

    public static ParleyException translate(SdkException e, String what) {
        if (isLostRace(e)) {
            return new ParleyException(
                    ErrorCode.CONFLICT,
                    "another request changed this conversation first;"
                            + " nothing was stored, and the request can be retried",
                    Map.of(),
                    e);
        }
        LOG.errorf(e, "DynamoDB failed while trying to %s", what);
        return new ParleyException(
                ErrorCode.STORE_UNAVAILABLE,
                "the store (DynamoDB) is unavailable (could not "
                        + what
                        + "); nothing was changed, retry shortly",
                Map.of(),
                e);
    }

    private static boolean isLostRace(SdkException e) {
        if (e instanceof ConditionalCheckFailedException
                || e instanceof TransactionConflictException) {
            return true;
        }
        if (e instanceof TransactionCanceledException cancelled
                && cancelled.hasCancellationReasons()) {
            for (CancellationReason reason : cancelled.cancellationReasons()) {
                String code = reason.code();
                if ("ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code)) {
                    return true;
                }
            }
        }
        return false;
    }
}

package dev.parley.bedrock;

import dev.parley.error.ErrorCode;
import dev.parley.error.Messages;
import dev.parley.error.ParleyException;
import dev.parley.modelcall.GuardrailConfig;
import dev.parley.modelcall.ModelSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Translates every Bedrock Runtime failure into the contract's error, once, with a message that
 * says what to do about it. Retries have already happened inside the SDK by the time we get here.
 */
@ApplicationScoped
public class BedrockErrors {
    private static final Logger LOG = Logger.getLogger(BedrockErrors.class);

    private final BedrockSettings settings;

    BedrockErrors(BedrockSettings settings) {
        this.settings = settings;
    }

    public ParleyException translate(Throwable failure, ModelSpec model) {
        Throwable e =
                failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
        String name = model.alias() + " (" + model.modelId() + ")";
        String detail =
                e instanceof BedrockRuntimeException bre && bre.awsErrorDetails() != null
                        ? bre.awsErrorDetails().errorMessage()
                        : e.getMessage();
        LOG.warnf("Bedrock call to %s failed: %s: %s", name, e.getClass().getSimpleName(), detail);

        if (e instanceof AccessDeniedException) {
            return new ParleyException(
                    ErrorCode.MODEL_ACCESS_DENIED,
                    "Bedrock denied access to model "
                            + name
                            + ": "
                            + Messages.clause(detail)
                            + ". To fix it: "
                            + accessAdvice(model),
                    Map.of(),
                    e);
        }
        if (e instanceof ThrottlingException || e instanceof ServiceQuotaExceededException) {
            long seconds = Math.max(1, settings.retry().throttledRetryAfter().toSeconds());
            return new ParleyException(
                    ErrorCode.THROTTLED,
                    "Bedrock is throttling requests to "
                            + name
                            + " after "
                            + settings.retry().maxAttempts()
                            + " attempts; retry after "
                            + seconds
                            + " s, or use a cross-region inference profile for more throughput",
                    Map.of("Retry-After", Long.toString(seconds)),
                    e);
        }
        if (e instanceof ModelTimeoutException
                || e instanceof ApiCallTimeoutException
                || e instanceof ApiCallAttemptTimeoutException) {
            return new ParleyException(
                    ErrorCode.MODEL_TIMEOUT,
                    "model "
                            + name
                            + " did not answer in time; try a smaller maxTokens or a faster model",
                    Map.of(),
                    e);
        }
        if (e instanceof ModelNotReadyException || e instanceof ServiceUnavailableException) {
            return new ParleyException(
                    ErrorCode.MODEL_UNAVAILABLE,
                    "model " + name + " is not available right now (" + detail + "); retry shortly",
                    Map.of(),
                    e);
        }
        if (e instanceof ValidationException) {
            return new ParleyException(
                    ErrorCode.VALIDATION_ERROR,
                    "Bedrock rejected the request for model " + name + ": " + detail,
                    Map.of(),
                    e);
        }
        if (e instanceof ResourceNotFoundException) {
            return new ParleyException(
                    ErrorCode.MODEL_ERROR,
                    "model "
                            + name
                            + " was not found in "
                            + region()
                            + ": "
                            + Messages.clause(detail)
                            + ". Check the catalog's id for this region.",
                    Map.of(),
                    e);
        }
        if (e instanceof ModelErrorException || e instanceof ModelStreamErrorException) {
            return new ParleyException(
                    ErrorCode.MODEL_ERROR, "model " + name + " failed: " + detail, Map.of(), e);
        }
        if (e instanceof BedrockRuntimeException bre) {
            ErrorCode code =
                    bre.statusCode() >= 500 ? ErrorCode.MODEL_UNAVAILABLE : ErrorCode.MODEL_ERROR;
            return new ParleyException(
                    code, "Bedrock call to " + name + " failed: " + detail, Map.of(), e);
        }
        if (e instanceof SdkClientException
                && String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
            return new ParleyException(
                    ErrorCode.MODEL_UNAVAILABLE,
                    "no AWS credentials were found for Bedrock: set"
                            + " AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (locally), or give the function an"
                            + " execution role (on Lambda)",
                    Map.of(),
                    e);
        }
        if (e instanceof SdkClientException) {
            // The SDK's message names its own internals (parsers, sources); the caller gets its
            // first clause.
            return new ParleyException(
                    ErrorCode.MODEL_UNAVAILABLE,
                    "could not reach Bedrock for model "
                            + name
                            + ": "
                            + Messages.sdkClause(detail)
                            + "; retry shortly",
                    Map.of(),
                    e);
        }
        if (e instanceof ParleyException parley) {
            return parley;
        }
        return new ParleyException(
                ErrorCode.MODEL_ERROR,
                "Bedrock call to " + name + " failed unexpectedly",
                Map.of(),
                e);
    }

    /**
     * How model access works today (AWS retired the console's Model access page): serverless models
     * are enabled by default; IAM (and any SCP) decides, and a third-party model's first use in an
     * account subscribes to its AWS Marketplace offer, which needs Marketplace permissions on the
     * invoking role. Amazon's own models need no subscription.
     */
    private String accessAdvice(ModelSpec model) {
        String iam =
                "allow bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on the inference profile"
                        + " and its foundation models in the function's IAM role (and check that no service control policy"
                        + " denies them)";
        if ("amazon".equalsIgnoreCase(model.provider())) {
            return iam + ".";
        }
        String advice =
                iam
                        + ". The first call to a "
                        + model.provider()
                        + " model in an account subscribes to it in"
                        + " AWS Marketplace: the role also needs aws-marketplace:Subscribe and aws-marketplace:ViewSubscriptions"
                        + " (template.yaml grants both) and the account a valid payment method; after a fix the subscription"
                        + " may take a few minutes to complete in "
                        + region()
                        + ".";
        if ("anthropic".equalsIgnoreCase(model.provider())) {
            advice +=
                    " Anthropic models also need the one-time use case details, submitted from the model's page in"
                            + " the Amazon Bedrock console's model catalog.";
        }
        return advice;
    }

    /**
     * A failed ApplyGuardrail call. An unknown guardrail or a missing permission is the
     * deployment's problem, not the caller's, so it is a 502 that names the settings to check.
     */
    public ParleyException translateGuardrail(Throwable failure, GuardrailConfig guardrail) {
        Throwable e =
                failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
        String name = "guardrail " + guardrail.identifier() + " version " + guardrail.version();
        String detail =
                e instanceof BedrockRuntimeException bre && bre.awsErrorDetails() != null
                        ? bre.awsErrorDetails().errorMessage()
                        : e.getMessage();
        LOG.warnf(
                "ApplyGuardrail with %s failed: %s: %s",
                name, e.getClass().getSimpleName(), detail);
        if (e instanceof ThrottlingException || e instanceof ServiceQuotaExceededException) {
            long seconds = Math.max(1, settings.retry().throttledRetryAfter().toSeconds());
            return new ParleyException(
                    ErrorCode.THROTTLED,
                    "Bedrock is throttling guardrail checks; retry after " + seconds + " s",
                    Map.of("Retry-After", Long.toString(seconds)),
                    e);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new ParleyException(
                    ErrorCode.MODEL_TIMEOUT, name + " did not answer in time", Map.of(), e);
        }
        if (e instanceof SdkClientException
                || e instanceof ServiceUnavailableException
                || e instanceof BedrockRuntimeException bre && bre.statusCode() >= 500) {
            return new ParleyException(
                    ErrorCode.MODEL_UNAVAILABLE,
                    "could not check content with " + name + ": " + detail,
                    Map.of(),
                    e);
        }
        return new ParleyException(
                ErrorCode.MODEL_ERROR,
                "checking content with "
                        + name
                        + " failed: "
                        + detail
                        + ". Check parley.guardrails.identifier and parley.guardrails.version, and that the function may call"
                        + " bedrock:ApplyGuardrail on that guardrail.",
                Map.of(),
                e);
    }

    private String region() {
        return settings.region().orElse("this region");
    }
}

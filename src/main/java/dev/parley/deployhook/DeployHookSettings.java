package dev.parley.deployhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.regex.Pattern;

/** The deploy hook ({@code parley.deploy-hook.*}); the resource itself is template.yaml's ParleyDeployHook. */
@ConfigMapping(prefix = "parley.deploy-hook")
public interface DeployHookSettings {

    /**
     * Where a reply may be PUT: CloudFormation's ResponseURL is a pre-signed HTTPS URL of S3
     * ({@code *.amazonaws.com}, {@code *.amazonaws.com.cn} in China). Anyone who may invoke the
     * function could name another URL; this keeps the function from being sent to PUT elsewhere.
     * The test profile adds the local S3 stand-in.
     */
    @WithDefault("https://[a-z0-9.-]+\\.amazonaws\\.com(\\.cn)?(:443)?/.*")
    Pattern responseUrl();

    /**
     * How long the refresh may run before the reply goes out without its outcome (the refresh
     * carries on; the daily schedule covers a slow one). Kept under the function's 29 s with room
     * for the reply, which CloudFormation waits for.
     */
    @WithDefault("20s")
    Duration refreshBudget();

    /** The PUT of the reply: connection and whole-request timeout. */
    @WithDefault("5s")
    Duration replyTimeout();
}

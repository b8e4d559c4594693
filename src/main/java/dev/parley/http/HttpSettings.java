package dev.parley.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and policies that apply to every HTTP route. */
@ConfigMapping(prefix = "parley.http")
public interface HttpSettings {

    /** Largest request body accepted, in bytes (Lambda accepts 6 MB synchronously; Parley needs far less). */
    @WithDefault("1048576")
    int maxBodyBytes();

    /** Longest text accepted in a text field (summarize text, chat and compare messages), in characters; longer gets 413. */
    @WithDefault("100000")
    int maxTextChars();

    /** When true, requests without an identity in the authorizer context get 401. */
    @WithDefault("false")
    boolean requireIdentity();
}

package dev.parley.bedrock;

import dev.parley.modelcall.ModelSpec;

/**
 * Which models take Bedrock's native structured output, from the feature matrix's
 * {@code structuredOutput} column. The matrix is a classpath resource, so reading it once per
 * class is safe at native build time.
 */
public final class StructuredOutputModels {

    private StructuredOutputModels() {}

    private static final class Matrix {
        static final FeatureMatrix LOADED = FeatureMatrix.load();
    }

    public static boolean supports(ModelSpec model) {
        return Matrix.LOADED.structuredOutput(model.modelId());
    }
}

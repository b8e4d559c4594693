package dev.parley.local.bedrock;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The emulator's embedding function: deterministic (same text and model, same vector) and
 * meaningful enough to test with (texts sharing words and spellings are closer than unrelated
 * ones). Lower-cased words and their character trigrams are hashed into the vector with a sign
 * (the hashing trick); words weigh more than trigrams. The model id seeds the hash, so two models
 * give different vectors for one text, as real ones do.
 */
final class HashedEmbedding {
    private static final double WORD_WEIGHT = 1.0;
    private static final double TRIGRAM_WEIGHT = 0.4;

    private HashedEmbedding() {}

    static double[] of(String modelId, String text, int dimensions, boolean normalize) {
        double[] vector = new double[dimensions];
        for (String word : Text.words(text.toLowerCase(Locale.ROOT))) {
            add(vector, modelId + "|w|" + word, WORD_WEIGHT);
            String padded = " " + word + " ";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                add(vector, modelId + "|t|" + padded.substring(i, i + 3), TRIGRAM_WEIGHT);
            }
        }
        double norm = 0;
        for (double value : vector) {
            norm += value * value;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            // No words at all (punctuation only): a fixed direction, still a valid vector.
            vector[(int) Long.remainderUnsigned(hash(modelId + "|empty"), dimensions)] = 1;
            norm = 1;
        }
        if (normalize) {
            for (int i = 0; i < dimensions; i++) {
                vector[i] /= norm;
            }
        }
        return vector;
    }

    private static void add(double[] vector, String feature, double weight) {
        long h = hash(feature);
        int index = (int) Long.remainderUnsigned(h, vector.length);
        vector[index] += (h >>> 63) == 0 ? weight : -weight;
    }

    /** FNV-1a, 64 bit: stable across JVMs (String.hashCode would do too, but spreads worse). */
    private static long hash(String feature) {
        long h = 0xcbf29ce484222325L;
        for (byte b : feature.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        // Mix the high bits down so that index and sign are independent.
        h ^= h >>> 29;
        h *= 0xbf58476d1ce4e5b9L;
        return h ^ (h >>> 32);
    }
}

package dev.parley.local.bedrock;

import java.io.IOException;

/**
 * Paces a stream's deltas with the scripted latency (first-token wait, then a wait between
 * deltas) and injects a scripted mid-stream error after a given number of deltas, as Bedrock
 * does when a model fails while streaming: an exception event, then the stream ends.
 */
final class DeltaPacer {

    /** Thrown once the injected exception event is written: the stream must end here. */
    static final class StreamAborted extends RuntimeException {
        StreamAborted() {
            super(null, null, false, false);
        }
    }

    interface Write {
        void run() throws IOException;
    }

    private final EmulatorState.Latency latency;
    private final long startNanos;
    private final Integer errorAfter;
    private final ErrorType errorType;
    private final String errorMessage;
    private final EventStreamWriter writer;
    private final DeltaGate gate;
    private int sent;
    private long firstByteMs = -1;

    DeltaPacer(
            EmulatorState.Latency latency,
            DeltaGate gate,
            long startNanos,
            ScriptEntry entry,
            EventStreamWriter writer) {
        this.latency = latency;
        this.gate = gate;
        this.startNanos = startNanos;
        this.errorAfter = entry == null ? null : entry.streamErrorAfterDeltas();
        ScriptEntry.ErrorSpec error = entry == null ? null : entry.error();
        this.errorType = error == null ? ErrorType.MODEL_STREAM_ERROR : error.type();
        this.errorMessage =
                error == null || error.message() == null
                        ? errorType.defaultMessage()
                        : error.message();
        this.writer = writer;
    }

    void delta(Write write) throws IOException {
        abortIfDue();
        HttpIo.sleep(sent == 0 ? latency.firstTokenMs() : latency.perTokenMs());
        gate.await();
        write.run();
        if (sent++ == 0) {
            firstByteMs = elapsedMs();
        }
    }

    /** Called after the last delta: an error scripted after more deltas than there were still fires. */
    void finish() throws IOException {
        if (errorAfter != null) {
            writer.exception(errorType, errorMessage);
            throw new StreamAborted();
        }
    }

    private void abortIfDue() throws IOException {
        if (errorAfter != null && sent >= errorAfter) {
            finish();
        }
    }

    long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    long firstByteMs() {
        return firstByteMs < 0 ? elapsedMs() : firstByteMs;
    }
}

package dev.parley.documents;

import dev.parley.bedrock.ModelCallPool;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.Grounding;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.Usage;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Summarizes a text of any length. A text that fits the chunk budget is one call; a longer one is
 * split into chunks summarized concurrently (map, bounded by {@link ModelCallPool}), and the part
 * summaries are combined (reduce), in several rounds when even they exceed the budget.
 */
@ApplicationScoped
class MapReduceSummarizer {
    /** Tokens are estimated as four characters each, as Bedrock's own guidance for English text does. */
    static final int CHARS_PER_TOKEN = 4;

    private final ModelPipeline pipeline;
    private final ModelCallPool pool;
    private final DocumentSettings settings;

    MapReduceSummarizer(ModelPipeline pipeline, ModelCallPool pool, DocumentSettings settings) {
        this.pipeline = pipeline;
        this.pool = pool;
        this.settings = settings;
    }

    SummaryResult summarize(String text, ModelSpec model, String format, CallContext context) {
        int budget = chunkChars(model);
        List<String> chunks = TextChunker.split(text, budget);
        if (chunks.isEmpty()) {
            throw ParleyException.validation("the document contains no text to summarize");
        }
        if (chunks.size() > settings.maxChunks()) {
            throw ParleyException.tooLarge(
                    "the document needs "
                            + chunks.size()
                            + " chunks of up to "
                            + budget
                            + " characters for model "
                            + model.alias()
                            + "; the limit is "
                            + settings.maxChunks()
                            + " (parley.documents.max-chunks)");
        }
        Tally tally = new Tally();
        if (chunks.size() == 1) {
            return tally.result(
                    tally.add(call(context, model, DocumentPrompts.whole(chunks.get(0)))),
                    model,
                    1,
                    format);
        }
        int total = chunks.size();
        List<String> partials =
                all(
                        context,
                        model,
                        numbered(chunks),
                        c -> DocumentPrompts.part(c.number(), total, c.text()),
                        tally);
        return tally.result(reduce(context, model, partials, budget, tally), model, total, format);
    }

    /** Characters per chunk: a share of the model's context window, capped by parley.documents.max-chunk-tokens. */
    int chunkChars(ModelSpec model) {
        long tokens =
                Math.min(
                        (long) (model.contextTokens() * settings.contextShare()),
                        settings.maxChunkTokens());
        return (int)
                Math.max(
                        1, Math.min(Integer.MAX_VALUE / CHARS_PER_TOKEN, tokens) * CHARS_PER_TOKEN);
    }

    private String reduce(
            CallContext context, ModelSpec model, List<String> partials, int budget, Tally tally) {
        List<String> current = partials;
        while (true) {
            List<List<String>> groups = groups(current, budget);
            // One group, or no progress (each summary alone fills the budget): the last, combining
            // call.
            if (groups.size() == 1 || groups.size() == current.size()) {
                return tally.add(call(context, model, DocumentPrompts.combine(current)));
            }
            current = all(context, model, groups, DocumentPrompts::combine, tally);
        }
    }

    /** Consecutive summaries packed into groups whose combined text fits the budget. */
    private static List<List<String>> groups(List<String> summaries, int budget) {
        List<List<String>> groups = new ArrayList<>();
        List<String> group = new ArrayList<>();
        int size = 0;
        for (String summary : summaries) {
            if (!group.isEmpty() && size + 2 + summary.length() > budget) {
                groups.add(group);
                group = new ArrayList<>();
                size = 0;
            }
            size += (group.isEmpty() ? 0 : 2) + summary.length();
            group.add(summary);
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    /** Runs one call per input on the bounded pool and waits for all of them; the first failure is thrown. */
    private <T> List<String> all(
            CallContext context,
            ModelSpec model,
            List<T> inputs,
            Function<T, Grounding> prompt,
            Tally tally) {
        List<CompletableFuture<ModelReply>> calls =
                inputs.stream()
                        .map(input -> pool.submit(() -> call(context, model, prompt.apply(input))))
                        .toList();
        List<String> texts = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<ModelReply> call : calls) {
            try {
                texts.add(tally.add(call.join()));
            } catch (CompletionException e) {
                failure = failure != null ? failure : unwrap(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return texts;
    }

    /**
     * {@code prompt}: the request (the query) and the text it is about (the grounding source), so a
     * guardrail's contextual grounding check scores the summary against the text it summarizes.
     */
    private static ModelCall grounded(ModelCall call, Optional<Grounding> grounding) {
        return grounding.map(call::withGrounding).orElse(call);
    }

    private ModelReply call(CallContext context, ModelSpec model, Grounding prompt) {
        return ask(context, model, ChatMessage.user(prompt.prompt()), Optional.of(prompt));
    }

    ModelReply ask(CallContext context, ModelSpec model, ChatMessage message) {
        return ask(context, model, message, Optional.empty());
    }

    /** One summary call with the documents system prompt; an empty answer is a model error. */
    private ModelReply ask(
            CallContext context,
            ModelSpec model,
            ChatMessage message,
            Optional<Grounding> grounding) {
        InferenceSettings inference =
                new InferenceSettings(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(
                                Math.min(settings.maxSummaryTokens(), model.maxOutputTokens())));
        ModelReply reply =
                pipeline.converse(
                        context,
                        grounded(
                                new ModelCall(
                                        model,
                                        Optional.of(DocumentPrompts.SYSTEM),
                                        List.of(message),
                                        inference),
                                grounding));
        if (reply.guardrail().filter(g -> g.intervened()).isPresent()) {
            // A summary made of the guardrail's blocked message is no summary; the version fails
            // for good.
            throw new ParleyException(
                    ErrorCode.CONTENT_BLOCKED,
                    "the guardrail intervened while summarizing the"
                            + " document with "
                            + model.alias()
                            + "; it is not summarized");
        }
        if (reply.text().isBlank()) {
            throw new ParleyException(
                    ErrorCode.MODEL_ERROR,
                    "model "
                            + model.alias()
                            + " answered an empty summary"
                            + " (stop reason "
                            + reply.stopReason()
                            + ")");
        }
        return reply;
    }

    private static RuntimeException unwrap(CompletionException e) {
        return e.getCause() instanceof RuntimeException cause ? cause : e;
    }

    private static List<Numbered> numbered(List<String> chunks) {
        List<Numbered> numbered = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            numbered.add(new Numbered(i + 1, chunks.get(i)));
        }
        return numbered;
    }

    private record Numbered(int number, String text) {}

    /** Usage and call count over every call of one summary. Only touched from the calling thread. */
    static final class Tally {
        private Usage usage = Usage.NONE;
        private int calls;

        String add(ModelReply reply) {
            usage = usage.plus(reply.usage());
            calls++;
            return reply.text().strip();
        }

        SummaryResult result(String summary, ModelSpec model, int chunks, String format) {
            return new SummaryResult(summary, model, usage, chunks, calls, format);
        }
    }
}

package io.maid.goose.ports.out;

/**
 * Turns a natural-language description of traffic into a run config (a "recipe"), with a language model.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>A returned {@link Recipe} holds a config that passed every rule of the run-config codec; nothing
 *       the model said is returned unchecked.</li>
 *   <li>When {@link RecipeRequest#targetBaseUrl()} is given, the config targets exactly that URL, whatever
 *       the model proposed.</li>
 *   <li>An invalid model answer gets one repair round (the model is shown its violations) before the
 *       request is rejected, so at most two generations are attempted.</li>
 *   <li>Every call to the model server has its own timeout: a slow or dead model never blocks the
 *       caller beyond it.</li>
 * </ul>
 * Thread-safe. Generation takes seconds to minutes, so callers must not hold locks or run it on an
 * event loop.
 */
public interface RecipeGenerator {
    /**
     * Generates a config for {@code request}.
     *
     * @throws RecipeRejectedException  the model's answer was still invalid after the repair round (the API
     *                                  answers 422 with the violations)
     * @throws PluginUpstreamException  the model server timed out, was unreachable or answered with an
     *                                  error or garbage (504 for a timeout, 502 otherwise)
     */
    Recipe generate(RecipeRequest request);
}

package io.maid.goose.ports.out;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.RunSummary;

/**
 * Asks a language model where a finished run's bottlenecks are.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>The model sees a compact digest of the measured summary (totals, the busiest request keys, the
 *       worst seconds, errors, the load generator's own CPU and RAM), bounded in size whatever the run's
 *       length or key count.</li>
 *   <li>A returned {@link Analysis} has a summary, and every bottleneck a title, evidence and a severity
 *       of {@code low}, {@code medium}, {@code high} or {@code critical}; anything else is rejected as a
 *       bad response, never passed on.</li>
 *   <li>The call has its own timeout.</li>
 * </ul>
 * Thread-safe. Slow (seconds to minutes): run it off the request thread.
 */
public interface RunAnalyzer {
    /**
     * @throws PluginUpstreamException the model server timed out, was unreachable, answered with an error,
     *                                 or its answer was not a valid analysis ({@link PluginUpstreamException.Kind#BAD_RESPONSE})
     */
    Analysis analyze(RunSummary summary);
}

package io.maid.goose.domain;

import java.util.List;

/** An AI bottleneck analysis of a finished run. */
public record Analysis(String summary, List<Bottleneck> bottlenecks, List<String> recommendations) {
    public Analysis {
        bottlenecks = List.copyOf(bottlenecks);
        recommendations = List.copyOf(recommendations);
    }
}

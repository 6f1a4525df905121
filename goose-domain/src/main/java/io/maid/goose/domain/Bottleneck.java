package io.maid.goose.domain;

/** One finding of an AI analysis: what, the evidence from the run, and how bad (low/medium/high/critical). */
public record Bottleneck(String title, String evidence, String severity) {
}

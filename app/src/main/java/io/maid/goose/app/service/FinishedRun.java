package io.maid.goose.app.service;

import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunSummary;

/**
 * A run the lifecycle has finished: its final history record (verdict and reports state included), its summary
 * (thresholds judged), and why its reports could not be written, when they could not.
 *
 * @param reportFailure the exception writing the reports ended with, or null when they were written
 */
public record FinishedRun(RunRecord record, RunSummary summary, RuntimeException reportFailure) {
}

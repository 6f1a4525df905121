package io.maid.goose.adapter.config.json;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When a misspelt property is close enough to a known one to name it, and when it is not. */
class PropertyAdviceTest {
    private static final List<String> TOP = List.of("target_base_url", "users", "hatch_rate", "duration",
            "think_time_seconds", "scenarios", "scheduler", "reports", "plugin_hints", "tls", "request_timeout_seconds",
            "throughput_cap_rps");

    @Test
    void oneEditAwayFromAShortNameIsCloseEnough() {
        assertEquals(Optional.of("tls"), PropertyAdvice.closest("tl", TOP));
    }

    @Test
    void twoEditsAwayFromAShortNameAreNot() {
        assertEquals(Optional.empty(), PropertyAdvice.closest("usr", List.of("users")));
    }

    @Test
    void threeEditsAwayFromALongNameAreCloseEnough() {
        assertEquals(Optional.of("think_time_seconds"), PropertyAdvice.closest("think_time_secs", TOP));
    }

    @Test
    void anUnrelatedNameGetsNoSuggestion() {
        assertEquals(Optional.empty(), PropertyAdvice.closest("colour", TOP));
    }

    @Test
    void caseUnderscoresAndDashesDoNotCount() {
        assertEquals(Optional.of("request_timeout_seconds"), PropertyAdvice.closest("Request-Timeout-Seconds", TOP));
    }

    @Test
    void theStartOfExactlyOneNameSuggestsIt() {
        assertEquals(Optional.of("throughput_cap_rps"), PropertyAdvice.closest("throughput", TOP));
    }

    @Test
    void theStartOfTwoNamesSuggestsNeither() {
        assertEquals(Optional.empty(), PropertyAdvice.closest("sched", List.of("schedule_a", "scheduler_b")));
    }

    @Test
    void theClosestOfTwoCandidatesWins() {
        assertEquals(Optional.of("scheduler"), PropertyAdvice.closest("schedular", TOP));
    }

    @Test
    void onlyServiceSettingsAreNamedAsSuch() {
        assertEquals(Optional.of("persistence.max_history"), PropertyAdvice.serviceSetting("max_history"));
        assertEquals(Optional.empty(), PropertyAdvice.serviceSetting("users"));
    }
}

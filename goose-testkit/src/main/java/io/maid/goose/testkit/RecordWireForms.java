package io.maid.goose.testkit;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.maid.goose.domain.PluginHints;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.SchedulerKind;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.HttpStep;
import io.maid.goose.domain.flow.OnFailure;
import io.maid.goose.domain.flow.Step;
import io.maid.goose.domain.flow.Template;
import io.maid.goose.domain.flow.ThinkTime;

import java.util.List;
import java.util.Map;

/**
 * The Jackson mix-ins by which the fake codec binds the domain records as the wire format: the few places
 * where a record's snake_case component names are not the wire's, and the enums that travel by wire name.
 * Mix-ins only lend their annotations, so no body below ever runs.
 */
final class RecordWireForms {
    private RecordWireForms() {
    }

    /** {@code builder} with every mix-in added. */
    static JsonMapper.Builder withMixIns(JsonMapper.Builder builder) {
        return builder.addMixIn(PluginHints.class, HintsWireForm.class)
                .addMixIn(SchedulerKind.class, ByWireName.class)
                .addMixIn(ReportFormat.class, ByWireName.class)
                .addMixIn(OnFailure.class, ByWireName.class)
                .addMixIn(io.maid.goose.domain.Distribution.OnWorkerLost.class, ByWireName.class)
                .addMixIn(RunConfig.class, RunConfigWireForm.class)
                .addMixIn(Transaction.class, TransactionWireForm.class)
                .addMixIn(HttpStep.class, HttpStepWireForm.class)
                .addMixIn(Template.class, TemplateWireForm.class);
    }

    /** The config's think time travels as {@code think_time_seconds}. */
    private abstract static class RunConfigWireForm {
        @JsonProperty("think_time_seconds")
        abstract ThinkTime thinkTime();

        @JsonIgnore
        abstract boolean isShorthand();
    }

    /** A transaction's step travels as its {@code request} (HTTP is the only kind). */
    private abstract static class TransactionWireForm {
        @JsonProperty("request")
        @JsonDeserialize(as = HttpStep.class)
        abstract Step step();

        @JsonProperty("think_time_seconds")
        abstract ThinkTime thinkTime();
    }

    private abstract static class HttpStepWireForm {
        @JsonIgnore
        abstract boolean isConstant();
    }

    /** A template travels as the text it was parsed from. */
    private abstract static class TemplateWireForm {
        @JsonCreator
        static Template parse(String text) {
            throw new AssertionError("a mix-in lends annotations only");
        }

        @JsonValue
        abstract String text();
    }

    /** Plugin hints carry their free-form extras as properties of their own object. */
    private abstract static class HintsWireForm {
        @JsonCreator
        HintsWireForm(@JsonProperty("tags") List<String> tags, @JsonProperty("mistral_recipe_prompt") String mistralRecipePrompt,
                      @JsonAnySetter Map<String, Object> extra) {
        }

        @JsonAnyGetter
        abstract Map<String, Object> extra();
    }

    /**
     * Enums that travel by their wire name ({@code round-robin}, {@code json}): Jackson writes
     * {@code wireName()} and reads with the enum's own {@code fromWire(String)}. Mix-ins only lend their
     * annotations, so the body below never runs.
     */
    private abstract static class ByWireName {
        @JsonCreator
        static Object fromWire(String name) {
            throw new AssertionError("a mix-in lends annotations only");
        }

        @JsonValue
        abstract String wireName();
    }
}

package io.maid.goose.app;

import io.maid.goose.adapter.configjson.JacksonRunConfigCodec;
import io.maid.goose.adapter.driver.HttpClient5Transport;
import io.maid.goose.adapter.lean.LeanTransport;
import io.maid.goose.adapter.reports.FileRunReportWriter;
import io.maid.goose.adapter.systemprobe.OshiSystemProbe;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.engine.GooseEngine;
import io.maid.goose.port.out.LoadTransport;
import io.maid.goose.port.out.RunConfigCodec;
import io.maid.goose.port.out.RunEventSink;
import io.maid.goose.port.out.RunReportWriter;
import io.maid.goose.port.out.SystemProbe;

/**
 * The composition root: the one place that knows every adapter and wires them with plain {@code new}.
 * Each method builds a fresh object; nothing here is a singleton.
 */
public final class Composition {
    private Composition() {
    }

    public static RunConfigCodec codec() {
        return new JacksonRunConfigCodec();
    }

    /** The default load transport. */
    public static LoadTransport transport() {
        return transport("httpclient5");
    }

    /** A load transport by its settings name ({@code engine.transport}). */
    public static LoadTransport transport(String kind) {
        return switch (kind) {
            case "httpclient5" -> new HttpClient5Transport(RunConfig.MAX_USERS);
            case "lean" -> new LeanTransport();
            default -> throw new IllegalArgumentException("unknown transport '" + kind + "'");
        };
    }

    public static SystemProbe systemProbe() {
        return new OshiSystemProbe();
    }

    public static RunReportWriter reportWriter() {
        return new FileRunReportWriter();
    }

    public static GooseEngine engine(LoadTransport transport, RunEventSink... sinks) {
        GooseEngine.Builder b = GooseEngine.builder().transport(transport).systemProbe(systemProbe());
        for (RunEventSink s : sinks) {
            b.eventSink(s);
        }
        return b.build();
    }
}

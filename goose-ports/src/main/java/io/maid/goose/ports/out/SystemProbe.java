package io.maid.goose.ports.out;

/** Reads the load generator's own host: CPU, RAM and, optionally, NIC byte counters. Called once a second. */
public interface SystemProbe {
    SystemSample sample();

    SystemProbe NONE = () -> SystemSample.UNKNOWN;
}

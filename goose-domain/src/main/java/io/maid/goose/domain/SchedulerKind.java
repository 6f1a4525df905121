package io.maid.goose.domain;

/** How scenarios are assigned to users as they launch (Goose's schedulers). */
public enum SchedulerKind {
    /** One copy of each scenario in turn, until its weighted copies run out. */
    ROUND_ROBIN("round-robin"),
    /** Every copy of the first scenario, then the next. */
    SERIAL("serial"),
    /** The weighted copies shuffled with a logged seed. */
    RANDOM("random");

    private final String wireName;

    SchedulerKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static SchedulerKind fromWire(String name) {
        for (SchedulerKind k : values()) {
            if (k.wireName.equals(name)) {
                return k;
            }
        }
        throw new ConfigException("scheduler", "must be one of round-robin, serial, random, was '" + name + "'");
    }
}

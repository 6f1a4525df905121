package io.maid.goose.ports.out;

import io.maid.goose.domain.ConfigViolation;

import java.util.List;

/**
 * The model's answer was still not a valid run config after the repair round. Carries what was wrong and
 * what the model said, so an operator can fix the prompt or the config by hand. The API answers 422.
 */
public final class RecipeRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigViolation> violations;
    private final String rawText;
    private final int attempts;

    /**
     * @param violations what is wrong with the last answer; at least one
     * @param rawText    the model's last answer, verbatim ({@code ""} if it said nothing)
     * @param attempts   how many generations were tried
     */
    public RecipeRejectedException(List<ConfigViolation> violations, String rawText, int attempts) {
        super(describe(violations, attempts));
        this.violations = List.copyOf(violations);
        this.rawText = rawText == null ? "" : rawText;
        this.attempts = attempts;
    }

    private static String describe(List<ConfigViolation> violations, int attempts) {
        if (violations == null || violations.isEmpty()) {
            throw new IllegalArgumentException("a rejected recipe needs at least one violation");
        }
        ConfigViolation first = violations.get(0);
        String where = first.pointer().isEmpty() ? "(root)" : first.pointer();
        return "the model's config is still invalid after " + attempts + " attempt(s): " + violations.size()
                + " violation(s), first " + where + ": " + first.message();
    }

    public List<ConfigViolation> violations() {
        return violations;
    }

    public String rawText() {
        return rawText;
    }

    public int attempts() {
        return attempts;
    }
}

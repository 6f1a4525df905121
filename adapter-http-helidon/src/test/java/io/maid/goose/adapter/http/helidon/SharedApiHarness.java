package io.maid.goose.adapter.http.helidon;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * For test classes that share one {@link ApiHarness} (a real server over fakes) across their tests: started
 * once per class, reset before every test, closed after the class.
 */
abstract class SharedApiHarness {
    static ApiHarness api;

    @BeforeAll
    static void startApi() {
        api = ApiHarness.start();
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @BeforeEach
    void resetApi() {
        api.reset();
    }
}

package io.maid.goose.app.flows;

import io.maid.goose.adapter.config.json.JacksonRunConfigCodec;
import io.maid.goose.adapter.feeds.csv.CommonsCsvFeedLoader;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.ports.in.InvalidRunConfigException;
import io.maid.goose.ports.out.FeedLoader;
import io.maid.goose.testkit.ConfigDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Feeder files are loaded into rows before a run, from where the policy lets them be, every problem at its pointer. */
class FeedResolverTest {
    private static final String CONFIG = """
            {"target_base_url": "http://127.0.0.1:8080", "users": 1, "hatch_rate": 1, "duration": {"seconds": 1},
             "data": [{"name": "accounts", "csv": "%s"}],
             "scenarios": [{"name": "shop", "transactions": [{"name": "login", "feed": "accounts",
               "request": {"method": "POST", "path": "/login", "headers": [{"name": "X-User", "value": "{{accounts.%s}}"}]}}]}]}""";
    private static final String ACCOUNTS = "username,password\nalice,a\nbob,b\n";

    @TempDir
    Path dir;
    private final List<Path> read = new ArrayList<>();
    private final FeedLoader recording = file -> {
        read.add(file);
        return new CommonsCsvFeedLoader().load(file);
    };

    private static RunConfig config(String csv, String column) {
        return ConfigDocuments.valid(new JacksonRunConfigCodec().decode(CONFIG.formatted(csv, column)));
    }

    private static RunConfig config(String csv) {
        return config(csv, "username");
    }

    private List<ConfigViolation> refused(FeedFolder folder, RunConfig config) {
        return assertThrows(InvalidRunConfigException.class, () -> new FeedResolver(folder, recording).resolve(config)).violations();
    }

    @Test
    void aCsvFileBesideTheConfigBecomesItsRows() throws IOException {
        Files.writeString(dir.resolve("accounts.csv"), ACCOUNTS);

        RunConfig resolved = new FeedResolver(FeedFolder.relativeTo(dir), recording).resolve(config("accounts.csv"));

        assertEquals(new FeedSource.Rows(List.of("username", "password"), List.of(List.of("alice", "a"), List.of("bob", "b"))),
                resolved.data().get(0).source());
        assertEquals(config("accounts.csv").scenarios(), resolved.scenarios());
    }

    @Test
    void aRelativePathMayLeaveTheConfigsFolderOnTheUsersOwnMachine() throws IOException {
        Path configs = Files.createDirectory(dir.resolve("configs"));
        Files.writeString(dir.resolve("accounts.csv"), ACCOUNTS);

        new FeedResolver(FeedFolder.relativeTo(configs), recording).resolve(config("../accounts.csv"));

        assertEquals(List.of(dir.resolve("accounts.csv")), read);
    }

    @Test
    void aConfigWithoutCsvFeedersIsReturnedAsItIs() {
        RunConfig inline = RunConfig.builder("http://127.0.0.1:8080").get("home", "/").build();

        assertSame(inline, new FeedResolver(FeedFolder.confinedTo(dir), recording).resolve(inline));
    }

    @Test
    void aMissingFileIsNamedByItsResolvedPath() {
        assertEquals(List.of(new ConfigViolation("/data/0/csv", "csv: file not found: " + dir.resolve("feeds/accounts.csv"))),
                refused(FeedFolder.relativeTo(dir), config("feeds/accounts.csv")));
    }

    @Test
    void aBadRowIsNamedByFileAndLine() throws IOException {
        Files.writeString(dir.resolve("accounts.csv"), "username,password\nalice,a\nbob\n");

        assertEquals(List.of(new ConfigViolation("/data/0/csv", "csv: " + dir.resolve("accounts.csv")
                        + ":3: has 1 value but the header names 2 columns (username, password)")),
                refused(FeedFolder.relativeTo(dir), config("accounts.csv")));
    }

    @Test
    void aColumnATemplateUsesThatTheFileLacksIsReportedAtTheTemplate() throws IOException {
        Files.writeString(dir.resolve("accounts.csv"), ACCOUNTS);

        assertEquals(List.of(new ConfigViolation("/scenarios/0/transactions/0/request/headers/0/value",
                        "value: variable 'accounts.email' is never set: feeder 'accounts' has no column 'email' (its columns:"
                                + " username, password); known: accounts.username, accounts.password")),
                refused(FeedFolder.relativeTo(dir), config("accounts.csv", "email")));
    }

    @Test
    void everyFeederThatCannotBeLoadedIsReported() throws IOException {
        Files.writeString(dir.resolve("empty.csv"), "");
        String json = ConfigDocuments.with(ConfigDocuments.tree(CONFIG.formatted("missing.csv", "username")), "/data/1",
                "{\"name\": \"other\", \"csv\": \"empty.csv\"}").toString();

        List<ConfigViolation> violations = refused(FeedFolder.relativeTo(dir),
                ConfigDocuments.valid(new JacksonRunConfigCodec().decode(json)));

        assertEquals(List.of("/data/0/csv", "/data/1/csv"), violations.stream().map(ConfigViolation::pointer).toList());
    }

    @Test
    void aFileTwoFeedersNameIsReadOnce() throws IOException {
        Files.writeString(dir.resolve("accounts.csv"), ACCOUNTS);
        String json = ConfigDocuments.with(ConfigDocuments.tree(CONFIG.formatted("accounts.csv", "username")), "/data/1",
                "{\"name\": \"again\", \"csv\": \"./accounts.csv\"}").toString();

        RunConfig resolved = new FeedResolver(FeedFolder.relativeTo(dir), recording)
                .resolve(ConfigDocuments.valid(new JacksonRunConfigCodec().decode(json)));

        assertEquals(1, read.size());
        assertEquals(resolved.data().get(0).source(), resolved.data().get(1).source());
    }

    @Test
    void theServiceReadsAFileBelowItsDataFolder() throws IOException {
        Files.createDirectories(dir.resolve("feeds/team"));
        Files.writeString(dir.resolve("feeds/team/accounts.csv"), ACCOUNTS);

        new FeedResolver(FeedFolder.confinedTo(dir.resolve("feeds")), recording).resolve(config("team/accounts.csv"));

        assertEquals(List.of(dir.resolve("feeds/team/accounts.csv").toRealPath()), read);
    }

    @Test
    void theServiceRefusesAnAbsolutePathWithoutReadingIt() throws IOException {
        Files.writeString(dir.resolve("accounts.csv"), ACCOUNTS);
        String absolute = dir.resolve("accounts.csv").toString();

        assertEquals(List.of(new ConfigViolation("/data/0/csv", "csv: '" + absolute + "' is an absolute path; the service"
                        + " reads feeder files only below its data folder (engine.data_dir), so give a path relative to it")),
                refused(FeedFolder.confinedTo(dir.resolve("feeds")), config(absolute)));
        assertEquals(List.of(), read);
    }

    @Test
    void theServiceRefusesDotDotWithoutReadingIt() throws IOException {
        Files.createDirectories(dir.resolve("feeds/sub"));
        Files.writeString(dir.resolve("accounts.csv"), ACCOUNTS);

        for (String csv : List.of("../accounts.csv", "sub/../../accounts.csv", "sub/../x.csv")) {
            assertEquals(List.of(new ConfigViolation("/data/0/csv", "csv: '" + csv + "' holds '..'; the service reads feeder"
                    + " files only below its data folder (engine.data_dir)")), refused(FeedFolder.confinedTo(dir.resolve("feeds")), config(csv)));
        }
        assertEquals(List.of(), read);
    }

    @Test
    void theServiceRefusesASymbolicLinkOutOfItsDataFolderWithoutReadingIt() throws IOException {
        Path feeds = Files.createDirectory(dir.resolve("feeds"));
        Files.createSymbolicLink(feeds.resolve("passwd.csv"), Path.of("/etc/passwd"));

        assertEquals(List.of(new ConfigViolation("/data/0/csv", "csv: 'passwd.csv' leads out of the service's data folder"
                        + " (engine.data_dir) through a symbolic link; feeder files must lie below it")),
                refused(FeedFolder.confinedTo(feeds), config("passwd.csv")));
        assertEquals(List.of(), read);
    }

    @Test
    void theServiceRefusesALinkedFolderThatLeadsOut() throws IOException {
        Path feeds = Files.createDirectory(dir.resolve("feeds"));
        Files.createDirectory(dir.resolve("outside"));
        Files.writeString(dir.resolve("outside/accounts.csv"), ACCOUNTS);
        Files.createSymbolicLink(feeds.resolve("shared"), dir.resolve("outside"));

        assertEquals(List.of("/data/0/csv"),
                refused(FeedFolder.confinedTo(feeds), config("shared/accounts.csv")).stream().map(ConfigViolation::pointer).toList());
        assertEquals(List.of(), read);
    }

    @Test
    void theServiceFollowsALinkThatStaysInsideItsDataFolder() throws IOException {
        Path feeds = Files.createDirectory(dir.resolve("feeds"));
        Files.writeString(feeds.resolve("accounts-2024.csv"), ACCOUNTS);
        Files.createSymbolicLink(feeds.resolve("accounts.csv"), feeds.resolve("accounts-2024.csv"));

        new FeedResolver(FeedFolder.confinedTo(feeds), recording).resolve(config("accounts.csv"));

        assertEquals(List.of(feeds.resolve("accounts-2024.csv").toRealPath()), read);
    }

    @Test
    void theServiceNamesAMissingFileByItsPathBelowTheDataFolder() {
        Path feeds = dir.resolve("feeds");

        assertEquals(List.of(new ConfigViolation("/data/0/csv", "csv: file not found: " + feeds.resolve("accounts.csv"))),
                refused(FeedFolder.confinedTo(feeds), config("accounts.csv")));
    }
}

package io.maid.goose.app.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Maven module a class was compiled in, read from where its class file was loaded (a module's
 * {@code target/classes} folder, or its jar), and the naming rule that ties a module to its packages.
 *
 * <p><b>The rule:</b> a module's packages start with {@code io.maid.goose.} followed by the module's
 * name, with a leading {@code goose-} dropped and every dash read as a dot. So {@code adapter-driver-lean}
 * owns {@code io.maid.goose.adapter.driver.lean}, {@code goose-ports} owns {@code io.maid.goose.ports},
 * and {@code app} owns {@code io.maid.goose.app}.
 */
final class Modules {
    private static final String BASE = "io.maid.goose.";
    private static final Pattern CLASSES_DIR = Pattern.compile("/([A-Za-z0-9_.-]+)/target/(?:test-)?classes/");
    private static final Pattern JAR = Pattern.compile("/([A-Za-z0-9_-]+?)-\\d[A-Za-z0-9_.-]*\\.jar!/");

    private Modules() {
    }

    /** The module a class comes from, if it was loaded from a module's build output. */
    static Optional<String> moduleOf(JavaClass clazz) {
        return clazz.getSource().flatMap(source -> moduleOf(source.getUri()));
    }

    static Optional<String> moduleOf(URI location) {
        String text = location.toString();
        Matcher dir = CLASSES_DIR.matcher(text);
        if (dir.find()) {
            return Optional.of(dir.group(1));
        }
        Matcher jar = JAR.matcher(text);
        return jar.find() ? Optional.of(jar.group(1)) : Optional.empty();
    }

    /** The package root a module's classes must live under. */
    static String packageRoot(String module) {
        String name = module.startsWith("goose-") ? module.substring("goose-".length()) : module;
        return BASE + name.replace('-', '.');
    }

    /** Every class lives under its own module's package root. */
    static ArchCondition<JavaClass> resideUnderTheirModulesPackageRoot() {
        return new ArchCondition<>("reside under their module's package root (io.maid.goose.<module name, dashes as dots>)") {
            @Override
            public void check(JavaClass clazz, ConditionEvents events) {
                Optional<String> module = moduleOf(clazz);
                if (module.isEmpty()) {
                    return;
                }
                String root = packageRoot(module.get());
                String pkg = clazz.getPackageName();
                boolean ok = pkg.equals(root) || pkg.startsWith(root + ".");
                events.add(new SimpleConditionEvent(clazz, ok, clazz.getName() + " is in module " + module.get()
                        + " but not under " + root + " " + clazz.getSourceCodeLocation()));
            }
        };
    }

    /** Slices an adapter's classes by the module they belong to, ignoring everything that is not an adapter. */
    static SliceAssignment adapterModules() {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass clazz) {
                return moduleOf(clazz).filter(m -> m.startsWith("adapter-"))
                        .map(SliceIdentifier::of).orElse(SliceIdentifier.ignore());
            }

            @Override
            public String getDescription() {
                return "adapter modules";
            }
        };
    }
}

package io.maid.goose.adapter.plugins.mistral;

import io.maid.goose.domain.Principal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Introspection answers by credential hash, each until its own deadline, at most {@code maxEntries} of
 * them; the least recently used goes first when full. Keys are hashes handed in by the caller: this class
 * never sees a credential. Thread-safe (one lock; lookups are a map access).
 */
final class IntrospectionCache {
    private record Cached(Principal principal, Instant validUntil) {
    }

    private final int maxEntries;
    private final LinkedHashMap<String, Cached> entries;

    IntrospectionCache(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxCacheEntries must be 0 (no cache) or more, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > IntrospectionCache.this.maxEntries;
            }
        };
    }

    /** The cached answer, or {@code null} if there is none still valid at {@code now}. */
    synchronized Principal get(String key, Instant now) {
        Cached e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (!now.isBefore(e.validUntil())) {
            entries.remove(key);
            return null;
        }
        return e.principal();
    }

    synchronized void put(String key, Principal principal, Instant validUntil) {
        if (maxEntries > 0) {
            entries.put(key, new Cached(principal, validUntil));
        }
    }

    synchronized Set<String> keys() {
        return Set.copyOf(entries.keySet());
    }
}

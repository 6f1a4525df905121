package io.maid.goose.adapter.http.helidon;

import io.maid.goose.domain.CredentialKind;
import io.maid.goose.domain.Principal;
import io.maid.goose.ports.out.CredentialIntrospector;
import io.maid.goose.ports.out.IntrospectionUnavailableException;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A maid-apikeys stand-in: records what it is asked and answers the principal it is given, or is down. */
final class FakeAuthority implements CredentialIntrospector {
    record Call(String credential, CredentialKind kind) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    volatile Principal answer = Principal.inactive();
    volatile boolean down;

    @Override
    public Principal introspect(String credential, CredentialKind kind) {
        calls.add(new Call(credential, kind));
        if (down) {
            throw new IntrospectionUnavailableException("maid-apikeys did not answer within 2 s", null);
        }
        return answer;
    }

    void reset() {
        calls.clear();
        answer = Principal.inactive();
        down = false;
    }
}

package io.maid.goose.adapter.driver.httpclient5;

import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.support.http.RequestPaths;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.net.WWWFormCodec;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds HttpClient requests from {@link RequestSpec}s, relative to one base URL. */
final class RequestFactory {

    private final String base;

    RequestFactory(URI baseUrl) {
        String text = baseUrl.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    HttpUriRequestBase create(RequestSpec spec) {
        StringBuilder target = new StringBuilder(base.length() + spec.path().length() + 64);
        target.append(base);
        RequestPaths.appendPath(target, spec.path());
        if (!spec.query().isEmpty()) {
            List<NameValuePair> pairs = new ArrayList<>(spec.query().size());
            for (NameValue parameter : spec.query()) {
                pairs.add(new BasicNameValuePair(parameter.name(), parameter.value()));
            }
            target.append(spec.path().indexOf('?') >= 0 ? '&' : '?');
            WWWFormCodec.format(target, pairs, StandardCharsets.UTF_8);
        }
        HttpUriRequestBase request = new HttpUriRequestBase(spec.method().name(), URI.create(target.toString()));
        for (NameValue header : spec.headers()) {
            if (!isFraming(header.name())) {
                request.addHeader(header.name(), header.value());
            }
        }
        if (spec.body() != null) {
            // No content type on the entity: a configured Content-Type header goes out as given, and none is invented.
            request.setEntity(new ByteArrayEntity(spec.body().getBytes(StandardCharsets.UTF_8), null));
        }
        return request;
    }

    /** The transport frames the body itself; a second, possibly contradicting, length would corrupt the stream. */
    private static boolean isFraming(String name) {
        return name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH) || name.equalsIgnoreCase(HttpHeaders.TRANSFER_ENCODING);
    }
}

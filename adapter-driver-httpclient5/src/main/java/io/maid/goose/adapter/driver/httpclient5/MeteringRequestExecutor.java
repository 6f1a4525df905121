package io.maid.goose.adapter.driver.httpclient5;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.http.protocol.HttpContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Measures each exchange's bytes from the connection's own transfer counters (HttpCore's session buffers
 * count every byte they write to or read from the socket).
 *
 * <p>The counters are cumulative per connection and connections are shared through the pool, so the count
 * is a delta: read before the request goes out, and again when the response body ends (EOF or close), which
 * happens on the sending thread before HttpClient hands the connection back to the pool. Responses without
 * a body are finished as soon as their head has been read. The send's {@link ResponseClock}, when it has one,
 * runs from just before the request is written to the same end.
 */
final class MeteringRequestExecutor extends HttpRequestExecutor {
    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection conn,
                                       HttpResponseInformationCallback informationCallback, HttpContext context)
            throws IOException, HttpException {
        WireCount count = WireCount.of(context);
        if (count == null) {
            return super.execute(request, conn, informationCallback, context);
        }
        ResponseClock clock = ResponseClock.of(context);
        if (clock != null) {
            clock.start();
        }
        WireCount.Exchange exchange = count.begin(conn.getEndpointDetails(), clock);
        ClassicHttpResponse response;
        try {
            response = super.execute(request, conn, informationCallback, context);
        } catch (IOException | HttpException | RuntimeException e) {
            exchange.finish();
            throw e;
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            exchange.finish();
        } else {
            response.setEntity(new MeteredEntity(entity, exchange));
        }
        return response;
    }

    private static final class MeteredEntity extends HttpEntityWrapper {
        private final WireCount.Exchange exchange;

        MeteredEntity(HttpEntity wrapped, WireCount.Exchange exchange) {
            super(wrapped);
            this.exchange = exchange;
        }

        @Override
        public InputStream getContent() throws IOException {
            return new MeteredStream(super.getContent(), exchange);
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = getContent()) {
                in.transferTo(out);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                exchange.finish();
            }
        }
    }

    private static final class MeteredStream extends FilterInputStream {
        private final WireCount.Exchange exchange;

        MeteredStream(InputStream in, WireCount.Exchange exchange) {
            super(in);
            this.exchange = exchange;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                if (b < 0) {
                    exchange.finish();
                }
                return b;
            } catch (IOException | RuntimeException e) {
                exchange.finish();
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                if (n < 0) {
                    exchange.finish();
                }
                return n;
            } catch (IOException | RuntimeException e) {
                exchange.finish();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                exchange.finish();
            }
        }
    }
}

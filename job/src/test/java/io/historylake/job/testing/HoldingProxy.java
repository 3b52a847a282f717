package io.historylake.job.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/**
 * A loopback TCP proxy in front of an HTTP endpoint that can hold what clients send: while held,
 * every request stays unanswered, so a fault test can keep an S3 upload (and the checkpoint waiting
 * on it) in flight for as long as it needs, instead of hoping to catch a short one.
 */
public final class HoldingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Object gate = new Object();
    private boolean held;
    private boolean closed;
    private int waiting;

    /** Starts a proxy on a free loopback port for {@code endpoint} (e.g. {@code http://h:p}). */
    public HoldingProxy(String endpoint) throws IOException {
        URI uri = URI.create(endpoint);
        target = new InetSocketAddress(uri.getHost(), uri.getPort());
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("holding-proxy-accept", this::acceptLoop);
    }

    /** The proxy's endpoint, in the form of the one it stands in front of. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** From now on, nothing clients send is passed on until {@link #release()}. */
    public void hold() {
        synchronized (gate) {
            held = true;
        }
    }

    /** Passes on what was held, and everything after. */
    public void release() {
        synchronized (gate) {
            held = false;
            gate.notifyAll();
        }
    }

    /** How many client sends are waiting at the gate now. */
    public int waiting() {
        synchronized (gate) {
            return waiting;
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (gate) {
            closed = true;
            gate.notifyAll();
        }
        server.close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                daemon("holding-proxy-up", () -> pump(client, upstream, true));
                daemon("holding-proxy-down", () -> pump(upstream, client, false));
            } catch (IOException e) {
                // closed, or the upstream refused one connection: the client sees it closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean gated) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (gated && !awaitOpen()) {
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side went away: close both below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Waits while held; false when the proxy closed meanwhile. */
    private boolean awaitOpen() throws InterruptedException {
        synchronized (gate) {
            waiting++;
            try {
                while (held && !closed) {
                    gate.wait();
                }
                return !closed;
            } finally {
                waiting--;
            }
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}

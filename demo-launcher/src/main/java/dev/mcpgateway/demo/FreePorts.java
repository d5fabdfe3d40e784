package dev.mcpgateway.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1: refuse a taken one clearly before anything starts, or pick any free one. */
final class FreePorts {

    private FreePorts() {
    }

    /** Refuses (with what to do) when {@code port} cannot be bound on 127.0.0.1. */
    static void requireFree(int port, String what, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException taken) {
            throw new DemoRefusal("port " + port + " on 127.0.0.1 is taken, so the " + what + " cannot start there. "
                    + "Stop whatever uses it (another ./demo, or `docker compose down`), or choose another port: ./demo "
                    + option + "=<port>");
        }
    }

    /** Any free port on 127.0.0.1, for the parts nobody types the address of. */
    static int any() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

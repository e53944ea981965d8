package io.higress.fleet.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A GET to the facade whose client never reads the answer: it runs until {@link #close()} drops the connection, as a
 * dashboard that went away does. Sent as a viewer over a raw socket.
 */
public final class HeldRead implements AutoCloseable {

    private final Socket socket;

    private HeldRead(Socket socket) {
        this.socket = socket;
    }

    public static HeldRead start(URI facade, String path, String accept) throws IOException {
        Socket socket = new Socket(facade.getHost(), facade.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + facade.getHost() + "\r\nAccept: " + accept
                + "\r\nAuthorization: Bearer " + SimulatedCredentials.VIEWER_KEY + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new HeldRead(socket);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

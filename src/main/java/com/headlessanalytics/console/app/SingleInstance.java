package com.headlessanalytics.console.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One console window per data folder. The first launch holds an OS lock on {@code console.lock} in
 * the folder (released by the OS when the process ends, even by {@code kill -9}) and listens on a
 * Unix-domain socket, {@code console.sock}, readable by its owner only. A later launch finds the
 * lock taken, sends its arguments and working folder over the socket as one JSON message
 * ({@code {"args":[…],"cwd":"…"}}) and waits for the running console's answer: the arguments were
 * taken on the FX thread, or why not. A socket file left by a killed console is replaced by the next
 * one that gets the lock.
 */
public final class SingleInstance implements AutoCloseable {
    static final String LOCK_FILE = "console.lock";
    static final String SOCKET_FILE = "console.sock";
    /** Unix-domain socket paths are limited to about 104 bytes (macOS) or 108 (Linux). */
    static final int MAX_SOCKET_PATH = 100;
    /** The largest message taken: far more than any command line. */
    static final int MAX_MESSAGE = 256 * 1024;
    /** How long a later launch keeps trying to reach the running console. */
    public static final Duration HANDOFF_TIMEOUT = Duration.ofSeconds(15);

    /** Made when first needed: the first launch has no message to read until a later one comes. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** Made when first needed, so that claiming does not start logging on the launching thread. */
    private static Logger log() {
        return LoggerFactory.getLogger(SingleInstance.class);
    }

    /** A launch's arguments and the folder it ran in, which relative paths are resolved against. */
    public record Message(List<String> args, String cwd) {
        public Message {
            args = args == null ? List.of() : List.copyOf(args);
        }

        /** This process's arguments, from its working folder. */
        public static Message of(String... args) {
            return new Message(List.of(args), Path.of("").toAbsolutePath().toString());
        }
    }

    /** Takes a message on the running console; returns once it was acted on, or throws why not. */
    @FunctionalInterface
    public interface Receiver {
        void receive(Message message) throws Exception;
    }

    /** A console holds the folder's lock but did not take the arguments (it is hung, or still closing). */
    public static final class NotAnswering extends IOException {
        NotAnswering(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path folder;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path socket;
    private ServerSocketChannel server;
    private final CompletableFuture<Receiver> receiver = new CompletableFuture<>();
    private final Duration answerTimeout;
    private volatile boolean closed;

    private SingleInstance(Path folder, FileChannel lockChannel, FileLock lock, Path socket, Duration answerTimeout) {
        this.folder = folder;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.socket = socket;
        this.answerTimeout = answerTimeout;
    }

    /**
     * Makes this process the folder's running console, or hands {@code message} to the one running.
     *
     * @return this process's claim (close it on exit), or empty when the running console took the message
     * @throws NotAnswering when a console holds the folder but did not take the message within
     *                      {@code timeout}
     * @throws IOException  when the folder, lock or socket cannot be used at all
     */
    public static Optional<SingleInstance> claimOrHandOff(Path folder, Message message, Duration timeout)
            throws IOException {
        Files.createDirectories(folder);
        Path socket = socketPath(folder);
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (true) {
            SingleInstance claimed = tryClaim(folder, socket, timeout);
            if (claimed != null) {
                return Optional.of(claimed);
            }
            try {
                send(socket, message, Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1)));
                return Optional.empty();
            } catch (RefusedException e) {
                throw new NotAnswering("The console already running on " + folder + " refused the arguments: "
                        + e.getMessage(), e);
            } catch (IOException e) {
                last = e;
            }
            if (System.nanoTime() >= deadline) {
                throw new NotAnswering("A console is already running on " + folder + " but did not answer within "
                        + timeout.toSeconds() + " s (" + last.getMessage() + "). Bring its window to the front, or"
                        + " end that process and start again; a second console on the same data folder is not"
                        + " opened.", last);
            }
            sleep(100);
        }
    }

    /** The lock and socket when no other process holds the lock; else null. */
    private static SingleInstance tryClaim(Path folder, Path socket, Duration answerTimeout) throws IOException {
        FileChannel channel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return null;
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            return new SingleInstance(folder, channel, lock, socket, answerTimeout);
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    /** Where the folder's socket is: in the folder, or in the temporary folder when that path is too long. */
    static Path socketPath(Path folder) {
        Path inFolder = folder.toAbsolutePath().normalize().resolve(SOCKET_FILE);
        if (inFolder.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH) {
            return inFolder;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(folder.toAbsolutePath().normalize().toString()
                    .getBytes(StandardCharsets.UTF_8));
            return Path.of(System.getProperty("java.io.tmpdir"), "ha-console-" + System.getProperty("user.name")
                    + "-" + HexFormat.of().formatHex(hash, 0, 8) + ".sock");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ownerOnly(Path socket) throws IOException {
        if (socket.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** The running console's refusal, with its reason. */
    private static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    /** Sends the message and waits for the answer; a connection that is not answered in time is closed. */
    private static void send(Path socket, Message message, Duration timeout) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        CompletableFuture<byte[]> exchange = CompletableFuture.supplyAsync(() -> {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                channel.write(ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(message)));
                channel.shutdownOutput();
                return readAll(channel);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, runnable -> Thread.ofPlatform().daemon().name("ha-instance-send").start(runnable));
        try {
            Map<?, ?> answer = Json.MAPPER.readValue(exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS), Map.class);
            if (!Boolean.TRUE.equals(answer.get("ok"))) {
                throw new RefusedException(String.valueOf(answer.get("error")));
            }
        } catch (TimeoutException e) {
            throw new IOException("it took the connection but sent no answer", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            channel.close();
        }
    }

    private static byte[] readAll(SocketChannel channel) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (channel.read(buffer) >= 0) {
            buffer.flip();
            out.write(buffer.array(), 0, buffer.limit());
            buffer.clear();
            if (out.size() > MAX_MESSAGE) {
                throw new IOException("message longer than " + MAX_MESSAGE + " bytes");
            }
        }
        return out.toByteArray();
    }

    /**
     * Opens the socket and hands the messages of later launches to {@code receiver}; launches that
     * come before retry until the socket is there, and files the OS delivered wait for it.
     */
    public void receiveWith(Receiver receiver) {
        if (this.receiver.complete(receiver)) {
            Thread.ofPlatform().daemon().name("ha-instance-listener").start(this::listen);
        }
    }

    /** Hands a message from this process (a file the OS asked to open) to the receiver, in order with others. */
    public void deliver(Message message) {
        Thread.ofVirtual().name("ha-instance-deliver").start(() -> {
            try {
                take(message);
            } catch (Exception e) {
                log().warn("The console could not act on {}", message.args(), e);
            }
        });
    }

    /**
     * Opens the socket, then answers later launches until closed. The socket is opened here, once the
     * console can receive, not in the claim: a process's first socket loads the selector provider,
     * whose service lookup opens every jar on the class path, and the window does not wait for that.
     */
    private void listen() {
        ServerSocketChannel bound;
        try {
            Files.deleteIfExists(socket);
            bound = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            bound.bind(UnixDomainSocketAddress.of(socket));
            ownerOnly(socket);
        } catch (IOException | RuntimeException e) {
            log().warn("Later launches cannot hand their arguments to this console: the socket {} could not be"
                    + " opened", socket, e);
            return;
        }
        synchronized (this) {
            if (closed) {
                closeSocket(bound);
                return;
            }
            server = bound;
        }
        while (!closed) {
            try {
                SocketChannel client = bound.accept();
                Thread.ofVirtual().name("ha-instance-client").start(() -> answer(client));
            } catch (IOException e) {
                if (!closed) {
                    log().warn("The console stopped listening for later launches on {}", socket, e);
                }
                return;
            }
        }
    }

    private void answer(SocketChannel client) {
        try (client) {
            Map<String, Object> answer;
            try {
                take(Json.MAPPER.readValue(readAll(client), Message.class));
                answer = Map.of("ok", true);
            } catch (Exception e) {
                log().warn("A later launch's arguments were not taken", e);
                answer = Map.of("ok", false, "error", e.getMessage() == null ? e.toString() : e.getMessage());
            }
            client.write(ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(answer)));
        } catch (IOException e) {
            log().warn("A later launch could not be answered", e);
        }
    }

    private void take(Message message) throws Exception {
        Receiver r;
        try {
            r = receiver.get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the console is still starting", e);
        }
        r.receive(message);
    }

    /** The data folder this console holds. */
    public Path folder() {
        return folder;
    }

    /** The socket later launches talk to. */
    public Path socket() {
        return socket;
    }

    /** Stops listening, removes the socket and releases the lock. */
    @Override
    public void close() {
        ServerSocketChannel open;
        synchronized (this) {
            closed = true;
            open = server;
        }
        closeSocket(open);
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log().warn("The lock on {} could not be released", folder.resolve(LOCK_FILE), e);
        }
    }

    /** Closes the listening channel (null: none was opened) and removes the socket file. */
    private void closeSocket(ServerSocketChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log().warn("The socket {} could not be removed", socket, e);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

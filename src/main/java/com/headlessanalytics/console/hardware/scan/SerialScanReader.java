package com.headlessanalytics.console.hardware.scan;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a serial (CDC / virtual COM) scanner through jSerialComm on a thread of its own: each
 * line (CR, LF or CR LF) is one scan, handed to {@code scans} on that thread. The port is opened
 * at 9600 8N1, which virtual COM ports ignore. {@link #close()} stops the thread and the port.
 */
public final class SerialScanReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialScanReader.class);

    private final SerialPort port;
    private final Thread thread;
    private volatile boolean running = true;

    private SerialScanReader(SerialPort port, Consumer<String> scans, Consumer<String> failed) {
        this.port = port;
        this.thread = Thread.ofPlatform().daemon().name("ha-serial-scanner").unstarted(() -> read(scans, failed));
    }

    /**
     * Opens {@code portName} (a system name such as {@code COM3} or {@code /dev/ttyACM0}) and starts
     * reading.
     *
     * @throws IllegalStateException saying which port could not be opened
     */
    public static SerialScanReader open(String portName, Consumer<String> scans, Consumer<String> failed) {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(portName);
        } catch (SerialPortInvalidPortException e) {
            throw new IllegalStateException("There is no serial port " + portName + "; check the name in Settings", e);
        }
        port.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 200, 0);
        if (!port.openPort()) {
            throw new IllegalStateException("The serial port " + portName + " could not be opened (error "
                    + port.getLastErrorCode() + "); check the name in Settings and that no other program holds it");
        }
        SerialScanReader reader = new SerialScanReader(port, scans, failed);
        reader.thread.start();
        return reader;
    }

    /** The serial ports this computer has, by system name. */
    public static List<String> portNames() {
        return Arrays.stream(SerialPort.getCommPorts()).map(SerialPort::getSystemPortPath).toList();
    }

    private void read(Consumer<String> scans, Consumer<String> failed) {
        LineFramer framer = new LineFramer(StandardCharsets.UTF_8);
        byte[] buffer = new byte[1024];
        while (running) {
            int n = port.readBytes(buffer, buffer.length);
            if (n < 0) {
                if (running) {
                    LOG.warn("Serial scanner {} stopped answering", port.getSystemPortPath());
                    failed.accept("The serial scanner " + port.getSystemPortPath() + " stopped answering");
                }
                return;
            }
            for (String line : framer.feed(buffer, n)) {
                scans.accept(line);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        port.closePort();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

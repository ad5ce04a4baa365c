package com.headlessanalytics.console.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a Flyway migration of a data folder all-or-nothing across kills. H2 commits before each DDL
 * statement, so Flyway cannot roll back a migration it was applying when the process was killed
 * (for example V2 with its first column added but its history row not written); the next open
 * would re-run it, fail, record it as failed, and every open after that would fail.
 *
 * <p>So before Flyway applies anything, a marker file ({@value #MARKER}) says how to undo it:
 * {@code new} (the database was created by this open: delete it) or {@code upgrade} (a copy of the
 * data file was taken first, {@value #BACKUP}: put it back). The marker is deleted once Flyway is
 * done. An open that finds it undoes the interrupted migration before H2 opens the file, and then
 * migrates again. All this happens with an OS lock on {@value #LOCK} held, so that an open never
 * undoes the migration of a process that is still running.
 */
final class MigrationGuard implements AutoCloseable {
    static final String MARKER = Database.FILE_NAME + ".migrating";
    static final String BACKUP = Database.FILE_NAME + ".mv.db.before-upgrade";
    static final String BACKUP_TMP = BACKUP + ".tmp";
    static final String LOCK = Database.FILE_NAME + ".migrating.lock";
    private static final Logger LOG = LoggerFactory.getLogger(MigrationGuard.class);

    private final Path folder;
    private final FileChannel lock;

    private MigrationGuard(Path folder, FileChannel lock) {
        this.folder = folder;
        this.lock = lock;
    }

    /** True when a migration, or the clean-up after one, was interrupted: three file checks. */
    static boolean leftovers(Path folder) {
        return Files.exists(folder.resolve(MARKER)) || Files.exists(folder.resolve(BACKUP))
                || Files.exists(folder.resolve(BACKUP_TMP));
    }

    /** Takes the lock; when another process (or another open in this one) holds it, the folder is in use. */
    static MigrationGuard lock(Path folder) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() != null) {
                return new MigrationGuard(folder, channel);
            }
        } catch (OverlappingFileLockException e) {
            // held by another open in this JVM
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EngineException("Cannot lock " + folder.resolve(LOCK) + " to migrate the database: "
                    + e.getMessage() + ". Check that the data folder is writable.", e);
        }
        closeQuietly(channel);
        throw Database.inUse(folder, null);
    }

    /**
     * Undoes what an interrupted migration left; H2 must not have the file open. Returns what was
     * done to the database, or null when it was left as it was.
     */
    String recover() throws IOException {
        Path marker = folder.resolve(MARKER);
        Path backup = folder.resolve(BACKUP);
        Path dataFile = folder.resolve(Database.FILE_NAME + ".mv.db");
        String undone = null;
        if (Files.exists(marker)) {
            String what = Files.readString(marker, StandardCharsets.UTF_8).strip();
            if (Files.exists(backup)) {
                // The marker is written only once the backup is complete: it is the file before the upgrade.
                Files.move(backup, dataFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                undone = "Put the database back as it was before the interrupted " + what;
            } else if (what.startsWith("new")) {
                Files.deleteIfExists(dataFile);
                undone = "Deleted the half-created database (it held no data yet)";
            }
            // Otherwise the backup was already put back (a kill before the marker was deleted), or the
            // process was killed while writing a "new" marker, before Flyway applied anything.
            syncFolder();
            Files.delete(marker);
        }
        // Without a marker, a backup is left from a kill after a successful upgrade deleted the marker,
        // and a temporary one from a kill while copying: neither is needed.
        Files.deleteIfExists(backup);
        Files.deleteIfExists(folder.resolve(BACKUP_TMP));
        syncFolder();
        return undone;
    }

    /** Before migrating a database this open created: an interrupted migration deletes it. */
    void markNew() throws IOException {
        writeMarker("new");
    }

    /**
     * Before upgrading a database (closed, so that its file is complete): copies it to {@value #BACKUP}
     * (through a temporary name, synced, then renamed), then writes the marker naming the backup.
     */
    void backUpAndMark(String from) throws IOException {
        Path tmp = folder.resolve(BACKUP_TMP);
        Files.copy(folder.resolve(Database.FILE_NAME + ".mv.db"), tmp, StandardCopyOption.REPLACE_EXISTING);
        sync(tmp);
        Files.move(tmp, folder.resolve(BACKUP), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncFolder();
        writeMarker("upgrade from " + from + ", backup " + BACKUP);
    }

    /**
     * After a successful migration: deletes the marker, then the backup (a kill between the two leaves
     * a stray backup, which the next open deletes).
     */
    void done() throws IOException {
        Files.delete(folder.resolve(MARKER));
        syncFolder();
        Files.deleteIfExists(folder.resolve(BACKUP));
    }

    /** Releases the lock; {@value #LOCK} itself stays, an empty file. */
    @Override
    public void close() {
        closeQuietly(lock);
    }

    private void writeMarker(String content) throws IOException {
        Path marker = folder.resolve(MARKER);
        Files.writeString(marker, content + "\n", StandardCharsets.UTF_8);
        sync(marker);
        syncFolder();
        LOG.debug("Marker written in {}: {}", folder, content);
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes the creations, renames and deletions in the folder durable where the system allows it. */
    private void syncFolder() {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a folder as a channel; NTFS journals renames itself.
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }
}

package com.headlessanalytics.console.ui.prooftrails;

import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.ui.common.FeatureGate;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Proof trails: build and export {@code .haproof} packets ({@link ProofExportBuilder}), the packets
 * exported with their counts, Merkle root and push status, a packet saved to a file, the
 * SovereignProof push endpoint set or cleared, and any packet file verified on this computer
 * ({@link PacketVerification}): VALID, INVALID or INDETERMINATE, why, and who signed it.
 */
public final class ProofTrailsViewModel implements Activatable {
    /** The packet file type of the choosers. */
    public static final DialogService.FileType PEM = new DialogService.FileType("PEM keys (*.pem)",
            List.of("*.pem"));
    public static final DialogService.FileType HAPROOF = new DialogService.FileType("Proof packets (*.haproof)",
            List.of("*.haproof"));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm", Locale.ENGLISH);
    /** How many hex digits of a hash the table shows. */
    static final int SHORT_HASH = 16;
    /** How many problems beyond the reason a verdict lists. */
    static final int SHOWN_PROBLEMS = 10;

    /** The screen's tabs. */
    public enum Tab { EXPORT, TRAILS, VERIFY }

    /** An exported packet as listed. */
    public record TrailRow(String created, String title, long events, long decisions, long receipts, long evidence,
                           String merkleRoot, String push, String size, ProofTrails.Trail trail) {
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final PacketVerification verifier;
    private final ZoneId zone;
    private final QueryLifecycle query;
    private final QueryLifecycle verifyQuery;
    private final ProofExportBuilder builder;
    private final ObservableList<TrailRow> trails = FXCollections.observableArrayList();
    private final ObjectProperty<TrailRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper trailsPlaceholder = new ReadOnlyStringWrapper("Reading the packets exported…");
    private final ReadOnlyStringWrapper selectedText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();
    private final StringProperty endpoint = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper configured = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper endpointError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pushStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper savingEndpoint = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<PacketVerification.Outcome> verdict = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper verdictMeaning = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verdictReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verdictSigner = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verdictKeyNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verdictProblems = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verdictFile = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Tab> tab = new SimpleObjectProperty<>(Tab.EXPORT);
    private final Command refreshCommand;
    private final Command savePacketCommand;
    private final Command saveEndpointCommand;
    private final Command clearEndpointCommand;
    private final Command verifyCommand;
    private final Command saveKeyCommand;
    /** What a reference-only server does not offer: packets after export, push settings, the signing key. */
    private final FeatureGate packets = new FeatureGate(Capabilities.Feature.PROOF_PACKETS);
    private final FeatureGate settings = new FeatureGate(Capabilities.Feature.PROOF_SETTINGS);
    private final FeatureGate key = new FeatureGate(Capabilities.Feature.GOVERNANCE_SETUP);
    private final ReadOnlyStringWrapper keyText = new ReadOnlyStringWrapper("");
    private String selectAfterRead;

    public ProofTrailsViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs,
                                PacketVerification verifier, Clock clock, ZoneId zone) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.verifier = verifier;
        this.zone = zone;
        this.query = new QueryLifecycle(tasks);
        this.verifyQuery = new QueryLifecycle(tasks, "Cancelled: not verified");
        this.builder = new ProofExportBuilder(api, tasks, clock, zone, this::exported);
        refreshCommand = new Command(this::refresh, query.runningProperty().not());
        savePacketCommand = new Command(this::savePacket, selected.isNotNull().and(saving.not())
                .and(packets.offeredProperty()));
        endpoint.addListener(o -> endpointError.set(""));
        saveEndpointCommand = new Command(this::saveEndpoint, Bindings.createBooleanBinding(() -> loaded.get()
                && !savingEndpoint.get() && !endpoint.get().strip().isEmpty()
                && !endpoint.get().strip().equals(configured.get()), loaded, savingEndpoint, endpoint, configured)
                .and(settings.offeredProperty()));
        clearEndpointCommand = new Command(this::clearEndpoint, configured.isNotEmpty().and(savingEndpoint.not())
                .and(settings.offeredProperty()));
        verifyCommand = new Command(this::chooseAndVerify, verifyQuery.runningProperty().not());
        saveKeyCommand = new Command(this::saveKey, loaded.and(saving.not()).and(key.offeredProperty()));
        selected.addListener((obs, old, row) -> selectedText.set(row == null ? "" : describe(row.trail())));
    }

    @Override
    public void activate() {
        refresh();
        builder.activate();
    }

    @Override
    public void deactivate() {
        query.stop();
        builder.deactivate();
    }

    /** What one read answers: the packets exported, where they are pushed, and the key that signs them. */
    private record Loaded(List<ProofTrails.Trail> trails, ProofTrails.PushSettings settings,
                          Governance.PublicKey key, Capabilities capabilities) {
    }

    /** Reads the packets exported and the push endpoint. */
    public void refresh() {
        query.run("Reading proof trails", "Reading proof trails…", p -> {
            HeadlessApi port = api.get();
            Capabilities offered = port.capabilities();
            return new Loaded(port.proofTrails().trails(),
                    offered.offers(Capabilities.Feature.PROOF_SETTINGS) ? port.proofPushSettings() : null,
                    offered.offers(Capabilities.Feature.GOVERNANCE_SETUP) ? port.publicKey() : null, offered);
        }, this::show);
    }

    private void show(Loaded answer) {
        String keep = selectAfterRead != null ? selectAfterRead
                : selected.get() == null ? null : selected.get().trail().proofId();
        selectAfterRead = null;
        for (FeatureGate gate : List.of(packets, settings, key, builder.previewGate())) {
            gate.apply(answer.capabilities());
        }
        trails.setAll(answer.trails().stream().map(this::row).toList());
        selected.set(keep == null ? null : trails.stream().filter(t -> keep.equals(t.trail().proofId())).findFirst()
                .orElse(null));
        loaded.set(true);
        trailsPlaceholder.set("No packets exported yet. Build one under New export: it holds the signed records and"
                + " events you choose, and anyone can verify it without this console.");
        String url = answer.settings() == null || answer.settings().endpoint() == null ? ""
                : answer.settings().endpoint();
        showEndpoint(url);
        if (!settings.isOffered()) {
            pushStatus.set("");
        }
        endpoint.set(url);
        keyText.set(answer.key() == null ? "" : keyText(answer.key()));
        query.status(answer.trails().isEmpty() ? "" : ProofExportBuilder.plural(answer.trails().size(),
                "packet") + " exported");
    }

    private void showEndpoint(String url) {
        configured.set(url);
        pushStatus.set(url.isEmpty() ? "No SovereignProof endpoint is configured: packets stay on this computer, and"
                + " an export asked to push says so." : "Packets asked to be pushed are posted to " + url + ".");
    }

    TrailRow row(ProofTrails.Trail t) {
        ProofTrails.Counts c = t.counts() == null ? new ProofTrails.Counts(0, 0, 0, 0) : t.counts();
        return new TrailRow(TIME.format(Instant.ofEpochMilli(t.createdAt()).atZone(zone)), t.title(), c.events(),
                c.decisions(), c.receipts(), c.evidence(), shortHash(t.merkleRoot()), pushShort(t.push()),
                bytes(t.bytes()), t);
    }

    /** The push column: "delivered (HTTP 201)", "failed after 3 attempts", "not configured", "not pushed". */
    static String pushShort(ProofTrails.Push push) {
        if (push == null || push.status() == null) {
            return "not pushed";
        }
        return switch (push.status()) {
            case "delivered" -> "delivered" + (push.httpStatus() == null ? "" : " (HTTP " + push.httpStatus() + ")");
            case "failed" -> "failed after " + ProofExportBuilder.plural(push.attempts(), "attempt");
            case "not_configured" -> "not configured";
            default -> push.status();
        };
    }

    /** The selected packet in a few lines: id, counts, Merkle root, chain head, file, push. */
    private String describe(ProofTrails.Trail t) {
        StringBuilder s = new StringBuilder();
        s.append(t.title()).append(" · ").append(t.proofId()).append('\n');
        s.append("Exported ").append(TIME.format(Instant.ofEpochMilli(t.createdAt()).atZone(zone)));
        if (t.createdBy() != null) {
            s.append(" by ").append(t.createdBy());
        }
        s.append('\n');
        if (t.counts() != null) {
            s.append("Holds ").append(ProofExportBuilder.counts(t.counts())).append('\n');
        }
        s.append("Merkle root ").append(nullToEmpty(t.merkleRoot())).append('\n');
        s.append("Chain head ").append(nullToEmpty(t.chainHead())).append('\n');
        s.append("SHA-256 of the file ").append(nullToEmpty(t.sha256())).append(" (").append(bytes(t.bytes()))
                .append(")\n");
        s.append("Push: ").append(ProofExportBuilder.pushOutcome(t.push(), t.push() != null));
        return s.toString();
    }

    private void exported(ProofTrails.ExportResult result) {
        dialogs.notify("Exported proof trail " + result.proofId());
        selectAfterRead = result.proofId();
        refresh();
    }

    /** Asks where to save the selected packet and writes it there whole, or not at all. */
    private void savePacket() {
        ProofTrails.Trail t = selected.get().trail();
        Optional<Path> target = dialogs.chooseSaveFile("Save proof packet", fileName(t), HAPROOF);
        if (target.isEmpty()) {
            return;
        }
        Path file = target.get();
        saving.set(true);
        tasks.submit("Saving packet " + t.proofId() + " to " + file.getFileName(), p -> {
            byte[] bytes = api.get().proofPacket(t.proofId());
            write(file, bytes);
            return bytes.length;
        }, n -> {
            saving.set(false);
            dialogs.notify("Saved packet " + t.proofId() + " to " + file + " (" + bytes(n) + ")");
        }, failure -> {
            saving.set(false);
            dialogs.showError("The packet " + t.proofId() + " could not be saved to " + file, failure);
        });
    }

    /** "Ed25519 key SHA256:…, created …": what an auditor compares a packet's signer with. */
    /** Saving packets after export: the sentence to show while the server does not offer it. */
    public FeatureGate packets() {
        return packets;
    }

    /** Reading and changing the push endpoint: the sentence to show while the server does not offer it. */
    public FeatureGate settings() {
        return settings;
    }

    /** Reading the signing key: the sentence to show while the server does not offer it. */
    public FeatureGate key() {
        return key;
    }

    String keyText(Governance.PublicKey key) {
        return "Packets and records are signed with this workspace's " + key.algorithm() + " key "
                + key.fingerprint() + (key.createdAt() > 0 ? ", created "
                + TIME.format(Instant.ofEpochMilli(key.createdAt()).atZone(zone)) : "")
                + ". Hand its public key to auditors by a channel other than the packet, so they can check the signer.";
    }

    /** Asks where to save the workspace's public key as PEM, and writes it there whole. */
    private void saveKey() {
        Optional<Path> target = dialogs.chooseSaveFile("Save the workspace's public signing key",
                "workspace-signing-key.pem", PEM);
        if (target.isEmpty()) {
            return;
        }
        Path file = target.get();
        saving.set(true);
        tasks.submit("Saving the public key to " + file.getFileName(), p -> {
            Governance.PublicKey key = api.get().publicKey();
            write(file, key.pem().getBytes(StandardCharsets.US_ASCII));
            return key;
        }, key -> {
            saving.set(false);
            dialogs.notify("Saved the public key " + key.fingerprint() + " to " + file);
        }, failure -> {
            saving.set(false);
            dialogs.showError("The public key could not be saved to " + file, failure);
        });
    }

    /** Writes {@code bytes} to a temporary file beside {@code target}, then moves it into place. */
    static void write(Path target, byte[] bytes) throws Exception {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** "q3-ads-spend-prf_123.haproof": the title in lower-case words, then the proof id. */
    static String fileName(ProofTrails.Trail t) {
        String slug = t.title() == null ? "" : t.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return (slug.isEmpty() ? "" : slug + "-") + t.proofId() + ".haproof";
    }

    /** Why an endpoint is refused, or null: it must be an absolute https URL with a host. */
    static String endpointProblem(String url) {
        if (url == null || url.isBlank()) {
            return "Type the endpoint's URL";
        }
        try {
            URI uri = new URI(url.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme())) {
                return "The endpoint must be an https:// URL: packets are never sent unencrypted";
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return "The URL has no host";
            }
            return null;
        } catch (URISyntaxException e) {
            return "Not a URL: " + e.getReason();
        }
    }

    private void saveEndpoint() {
        String url = endpoint.get().strip();
        String problem = endpointProblem(url);
        if (problem != null) {
            endpointError.set(problem);
            return;
        }
        storeEndpoint(url, "Packets will be pushed to " + url);
    }

    private void clearEndpoint() {
        storeEndpoint(null, "Push endpoint cleared: packets stay on this computer");
    }

    private void storeEndpoint(String url, String notice) {
        savingEndpoint.set(true);
        tasks.submit(url == null ? "Clearing the push endpoint" : "Saving the push endpoint",
                p -> api.get().saveProofPushSettings(new ProofTrails.PushSettings(url, null)), saved -> {
                    savingEndpoint.set(false);
                    String now = saved == null || saved.endpoint() == null ? "" : saved.endpoint();
                    showEndpoint(now);
                    endpoint.set(now);
                    dialogs.notify(notice);
                }, failure -> {
                    savingEndpoint.set(false);
                    endpointError.set(ErrorText.describe(failure));
                });
    }

    /** Asks for a packet file and verifies it. */
    private void chooseAndVerify() {
        dialogs.chooseOpenFile("Open a proof packet to verify", HAPROOF, DialogService.FileType.ANY)
                .ifPresent(this::verify);
    }

    /**
     * Shows the Verify tab and verifies {@code packet} there: a file opened from the file manager, or
     * handed over by a second launch.
     */
    public void open(Path packet) {
        tab.set(Tab.VERIFY);
        verify(packet);
    }

    /** Verifies {@code packet} on this computer and shows the verdict, why, and who signed it. */
    public void verify(Path packet) {
        verdict.set(null);
        verdictMeaning.set("");
        verdictReason.set("");
        verdictSigner.set("");
        verdictKeyNote.set("");
        verdictProblems.set("");
        verdictFile.set(packet.toString());
        verifyQuery.run("Verifying " + packet.getFileName(), "Verifying " + packet.getFileName() + "…", p -> {
            long size = Files.size(packet);
            PacketVerification.Verdict v;
            try {
                v = verifier.verify(packet);
            } catch (Exception e) {
                v = new PacketVerification.Verdict(PacketVerification.Outcome.INDETERMINATE,
                        "The packet could not be checked: " + ErrorText.describe(e), List.of(), null, null);
            }
            return new Checked(v, size, workspaceKey());
        }, checked -> {
            PacketVerification.Verdict v = checked.verdict();
            verdict.set(v.outcome());
            verdictMeaning.set(meaning(v.outcome()));
            verdictReason.set(v.reason() == null ? "" : v.reason());
            verdictSigner.set(signerText(v.signer(), checked.workspaceKey()));
            verdictKeyNote.set(v.keyNote() == null ? "" : v.keyNote());
            verdictProblems.set(moreProblems(v));
            verdictFile.set(packet + " · " + bytes(checked.size()));
            verifyQuery.status("");
        });
    }

    /** A verdict with the file's size and the open workspace's key id (null when it cannot be read). */
    private record Checked(PacketVerification.Verdict verdict, long size, String workspaceKey) {
    }

    private String workspaceKey() {
        try {
            return api.get().publicKey().keyId();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** What a verdict means for the person holding the packet. */
    static String meaning(PacketVerification.Outcome outcome) {
        return switch (outcome) {
            case VALID -> "Nothing in this packet changed since it was signed: every file matches the signed"
                    + " manifest and every record its place in the chain.";
            case INVALID -> "Do not rely on this packet: something in it was changed, dropped, added or reordered"
                    + " after it was signed, or it was signed by a key other than the one it names.";
            case INDETERMINATE -> "This packet could not be decided either way (incomplete, or not a packet this"
                    + " verifier knows): treat it as unverified.";
        };
    }

    /**
     * The problems found beyond the reason, one "• …" line each (the first {@value #SHOWN_PROBLEMS},
     * then how many more); "" when there are none.
     */
    static String moreProblems(PacketVerification.Verdict v) {
        List<String> more = v.problems().stream().filter(p -> !p.equals(v.reason())).toList();
        if (more.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("Also found:");
        more.stream().limit(SHOWN_PROBLEMS).forEach(p -> s.append("\n• ").append(p));
        if (more.size() > SHOWN_PROBLEMS) {
            s.append("\n… and ").append(more.size() - SHOWN_PROBLEMS).append(" more");
        }
        return s.toString();
    }

    /** "Signed by key 3fa9… (this workspace's key)", or that the signer could not be read. */
    static String signerText(String signer, String workspaceKey) {
        if (signer == null || signer.isBlank()) {
            return "Signer: could not be read from the packet";
        }
        String whose = workspaceKey == null ? "" : signer.equalsIgnoreCase(workspaceKey)
                ? " (this workspace's key)" : " (not this workspace's key)";
        return "Signed by key " + signer + whose;
    }

    /** The first {@value #SHORT_HASH} hex digits and an ellipsis; "" for none. */
    static String shortHash(String hash) {
        if (hash == null) {
            return "";
        }
        return hash.length() <= SHORT_HASH ? hash : hash.substring(0, SHORT_HASH) + "…";
    }

    /** 512 B, 1.5 KB, 3.2 MB (powers of 1024). */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n / 1024.0;
        String[] units = {"KB", "MB", "GB"};
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ENGLISH, "%.1f %s", v, units[u]);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The tab shown; the View follows it and sets it when another tab is picked. */
    public ObjectProperty<Tab> tabProperty() {
        return tab;
    }

    /** The list's read: running, status, error, cancel. */
    public QueryLifecycle query() {
        return query;
    }

    /** The verification of a packet file: running, status, error. */
    public QueryLifecycle verifyQuery() {
        return verifyQuery;
    }

    /** The new-export part. */
    public ProofExportBuilder builder() {
        return builder;
    }

    /** The packets exported, newest first. */
    public ObservableList<TrailRow> trails() {
        return trails;
    }

    /** The packet Save packet… writes; the View sets it from the table. */
    public ObjectProperty<TrailRow> selectedProperty() {
        return selected;
    }

    /** The selected packet in a few lines. */
    public ReadOnlyStringProperty selectedTextProperty() {
        return selectedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty trailsPlaceholderProperty() {
        return trailsPlaceholder.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** The endpoint typed. */
    public StringProperty endpointProperty() {
        return endpoint;
    }

    /** The endpoint configured, "" for none. */
    public ReadOnlyStringProperty configuredEndpointProperty() {
        return configured.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty endpointErrorProperty() {
        return endpointError.getReadOnlyProperty();
    }

    /** Where pushes go, or that none is configured. */
    public ReadOnlyStringProperty pushStatusProperty() {
        return pushStatus.getReadOnlyProperty();
    }

    /** The last verdict, null until a packet was verified (and while one is being verified). */
    public ReadOnlyObjectProperty<PacketVerification.Outcome> verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictMeaningProperty() {
        return verdictMeaning.getReadOnlyProperty();
    }

    /** The verifier's reason. */
    public ReadOnlyStringProperty verdictReasonProperty() {
        return verdictReason.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictSignerProperty() {
        return verdictSigner.getReadOnlyProperty();
    }

    /** What the key proves when the packet was checked with its own key; "" otherwise. */
    public ReadOnlyStringProperty verdictKeyNoteProperty() {
        return verdictKeyNote.getReadOnlyProperty();
    }

    /** Problems found beyond the reason. */
    public ReadOnlyStringProperty verdictProblemsProperty() {
        return verdictProblems.getReadOnlyProperty();
    }

    /** The file verified, with its size. */
    public ReadOnlyStringProperty verdictFileProperty() {
        return verdictFile.getReadOnlyProperty();
    }

    public Command refreshCommand() {
        return refreshCommand;
    }

    /** Save packet…: the selected packet to a file. */
    public Command savePacketCommand() {
        return savePacketCommand;
    }

    /** Save the endpoint typed: an https URL other than the one configured. */
    public Command saveEndpointCommand() {
        return saveEndpointCommand;
    }

    /** Clear the endpoint: packets are no longer pushed. */
    public Command clearEndpointCommand() {
        return clearEndpointCommand;
    }

    /** Open packet…: choose a file and verify it. */
    public Command verifyCommand() {
        return verifyCommand;
    }

    /** Saves the workspace's public signing key as PEM. */
    public Command saveKeyCommand() {
        return saveKeyCommand;
    }

    /** The signing key's fingerprint and what to do with it; empty until read. */
    public ReadOnlyStringProperty keyTextProperty() {
        return keyText.getReadOnlyProperty();
    }
}

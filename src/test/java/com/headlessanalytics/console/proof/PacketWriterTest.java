package com.headlessanalytics.console.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer: the same content gives the same bytes, entries in their fixed order, and atomic files. */
class PacketWriterTest {
    @TempDir
    Path dir;

    @Test
    void theSameContentGivesTheSameBytes() {
        PacketWriter.Contents contents = ProofCorpus.story("good", TestChain.corpusKey()).contents(ProofCorpus.evidence());
        PacketWriter.Meta meta = new PacketWriter.Meta("prf_same", "Same", "ws_S", "operator:s", 5L, null, 9L);
        byte[] first = PacketWriter.build(meta, contents, TestChain.corpusKey()).zip();
        assertThat(PacketWriter.build(meta, contents, TestChain.corpusKey()).zip()).isEqualTo(first);
        assertThat(PacketWriter.build(new PacketWriter.Meta("prf_same", "Same", "ws_S", "operator:s", 6L, null, 9L),
                contents, TestChain.corpusKey()).zip()).isNotEqualTo(first);
        assertThat(PacketReader.read(first).entries()).extracting(PacketReader.Entry::name)
                .containsExactlyElementsOf(PacketFormat.ENTRIES);
        assertThat(PacketReader.read(first).layoutProblem()).isNull();
    }

    @Test
    void theManifestListsEveryFileAndTheFigures() {
        PacketWriter.Packet p = PacketWriter.build(new PacketWriter.Meta("prf_m", "M", "ws_S", "operator:s", 5L, 1L, 9L),
                ProofCorpus.story("revoked", TestChain.corpusKey()).contents(ProofCorpus.evidence()),
                TestChain.corpusKey());
        assertThat(p.manifest().get("files")).extracting(f -> f.get("name").asText())
                .containsExactlyElementsOf(PacketFormat.LISTED_FILES);
        assertThat(p.manifest().get("counts").toString())
                .isEqualTo("{\"decisions\":5,\"events\":7,\"evidence\":2,\"receipts\":1}");
        assertThat(p.manifest().get("window").toString()).isEqualTo("{\"from\":1,\"to\":9}");
        assertThat(p.manifest().get("chainHead").get("seq").asLong()).isEqualTo(6);
        assertThat(p.manifest().get("merkle").get("treeSize").asLong()).isEqualTo(15);
        assertThat(p.chainHead()).isEqualTo(p.manifest().get("chainHead").get("recordHash").asText());
        assertThat(p.sha256()).isEqualTo(Hashes.sha256Hex(p.zip()));
        assertThat(CanonicalJson.of(p.manifest()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(p.manifestBytes());
    }

    @Test
    void aLineWithALineBreakIsRefused() {
        assertThatThrownBy(() -> PacketWriter.build(new PacketWriter.Meta("p", "t", "w", "o", 1, null, null),
                new PacketWriter.Contents(List.of("{}\n{}"), List.of(), List.of(), List.of()), Ed25519.generate()))
                .hasMessageContaining("events.jsonl: a line holds a line break");
    }

    @Test
    void writesAtomicallyAndLeavesNothingWhenWritingFails() throws IOException {
        Path target = dir.resolve("proofs").resolve("prf_a.haproof");
        byte[] bytes = new byte[200_000];
        bytes[123] = 7;
        assertThatThrownBy(() -> PacketWriter.writeAtomically(target, bytes, out -> new FilterOutputStream(out) {
            private int written;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) {
                    write(b[off + i]);
                }
            }

            @Override
            public void write(int b) throws IOException {
                if (++written > 100_000) {
                    throw new IOException("disk full (injected)");
                }
                super.write(b);
            }
        })).hasMessageContaining("disk full");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).as("no partial packet and no temporary file").isEmpty();
        }
        PacketWriter.writeAtomically(target, bytes);
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
        byte[] other = new byte[] {1, 2, 3};
        PacketWriter.writeAtomically(target, other);
        assertThat(Files.readAllBytes(target)).isEqualTo(other);
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }
}

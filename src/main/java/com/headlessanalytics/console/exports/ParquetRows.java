package com.headlessanalytics.console.exports;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * One Parquet file of export rows, written through parquet-hadoop's {@link LocalOutputFile} with a
 * {@link PlainParquetConfiguration} and {@link ParquetCodecs}: no Hadoop class is loaded at run
 * time (docs/exports.md, Parquet). Column types: STRING as UTF-8 binary, TIMESTAMP as int64
 * TIMESTAMP(MILLIS, UTC), NUMERIC as a 16-byte DECIMAL(38, scale), JSON as binary with the JSON annotation.
 */
final class ParquetRows implements Closeable {
    private static final int DECIMAL_BYTES = 16;
    private final Columns columns;
    private final SimpleGroupFactory groups;
    private final ParquetWriter<Group> writer;

    ParquetRows(Path path, Columns columns) throws IOException {
        this.columns = columns;
        MessageType schema = schema(columns);
        this.groups = new SimpleGroupFactory(schema);
        this.writer = ExampleParquetWriter.builder(new LocalOutputFile(path))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withCodecFactory(new ParquetCodecs())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build();
    }

    static MessageType schema(Columns columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Columns.Column c : columns.columns()) {
            Repetition r = c.required() ? Repetition.REQUIRED : Repetition.OPTIONAL;
            switch (c.type()) {
                case STRING -> b.primitive(PrimitiveTypeName.BINARY, r).as(LogicalTypeAnnotation.stringType())
                        .named(c.name());
                case JSON -> b.primitive(PrimitiveTypeName.BINARY, r).as(LogicalTypeAnnotation.jsonType())
                        .named(c.name());
                case INT64 -> b.primitive(PrimitiveTypeName.INT64, r).named(c.name());
                case FLOAT64 -> b.primitive(PrimitiveTypeName.DOUBLE, r).named(c.name());
                case BOOL -> b.primitive(PrimitiveTypeName.BOOLEAN, r).named(c.name());
                case TIMESTAMP -> b.primitive(PrimitiveTypeName.INT64, r)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                        .named(c.name());
                case NUMERIC -> b.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, r).length(DECIMAL_BYTES)
                        .as(LogicalTypeAnnotation.decimalType(c.scale(), 38)).named(c.name());
            }
        }
        return b.named("events");
    }

    void write(Object[] values) throws IOException {
        Group g = groups.newGroup();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            Columns.Column c = columns.columns().get(i);
            switch (c.type()) {
                case STRING -> g.add(i, Binary.fromString((String) v));
                case JSON -> g.add(i, Binary.fromConstantByteArray(Values.json(v).getBytes(StandardCharsets.UTF_8)));
                case INT64 -> g.add(i, ((Number) v).longValue());
                case FLOAT64 -> g.add(i, ((Number) v).doubleValue());
                case BOOL -> g.add(i, (Boolean) v);
                case TIMESTAMP -> g.add(i, (Long) v);
                case NUMERIC -> g.add(i, Binary.fromConstantByteArray(decimalBytes(Values.decimal(v, c.scale()))));
            }
        }
        writer.write(g);
    }

    /** The unscaled value as 16 big-endian two's-complement bytes. */
    private static byte[] decimalBytes(BigDecimal d) {
        byte[] raw = d.unscaledValue().toByteArray();
        byte[] out = new byte[DECIMAL_BYTES];
        byte fill = (byte) (d.signum() < 0 ? 0xFF : 0);
        int pad = DECIMAL_BYTES - raw.length;
        for (int i = 0; i < pad; i++) {
            out[i] = fill;
        }
        System.arraycopy(raw, 0, out, pad, raw.length);
        return out;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}

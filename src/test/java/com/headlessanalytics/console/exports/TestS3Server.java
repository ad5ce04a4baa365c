package com.headlessanalytics.console.exports;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server for one test: S3Proxy on jclouds' in-memory blob store, on a free loopback
 * port, checking AWS signatures (v2 or v4) with {@link #ACCESS_KEY}/{@link #SECRET_KEY}. It records
 * the key of every object stored, in order, and refuses (HTTP 500) to store the keys {@code refuse}
 * matches, like a server failing midway.
 */
final class TestS3Server implements AutoCloseable {
    static final String ACCESS_KEY = "AKIATESTONLY0001";
    static final String SECRET_KEY = "test-only-secret-Zq8sWm3K";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    final List<String> stored = new CopyOnWriteArrayList<>();

    TestS3Server(Predicate<String> refuse) throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        BlobStore store = new ForwardingBlobStore(context.getBlobStore()) {
            @Override
            public String putBlob(String container, Blob blob) {
                return putBlob(container, blob, PutOptions.NONE);
            }

            @Override
            public String putBlob(String container, Blob blob, PutOptions options) {
                String name = blob.getMetadata().getName();
                if (refuse.test(name)) {
                    throw new RuntimeException("test server refuses " + name);
                }
                String etag = super.putBlob(container, blob, options);
                stored.add(name);
                return etag;
            }
        };
        proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!proxy.getState().equals("STARTED")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    TestS3Server() throws Exception {
        this(name -> false);
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** A plain AWS SDK client of this server, for creating buckets and reading objects back. */
    S3Client client() {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint())).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY))).build();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}

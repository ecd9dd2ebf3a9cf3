package io.ctsuite.datasets.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A registry under an S3 prefix. Every PUT is atomic in S3; create-only writes send {@code
 * If-None-Match: *}, which S3 answers with 412 when the key exists (409 when another create of the
 * same key is in flight), so two snapshots can never take the same version number. There is no
 * lock: {@link #lock} is a no-op.
 */
public final class S3ObjectStore implements ObjectStore {
  private final S3Client client;
  private final S3Location location;
  private final boolean ownsClient;

  public S3ObjectStore(S3Client client, S3Location location, boolean ownsClient) {
    this.client = client;
    this.location = location;
    this.ownsClient = ownsClient;
  }

  public static S3ObjectStore open(S3Settings settings, S3Location location) {
    return new S3ObjectStore(settings.client(), location, true);
  }

  public S3Client client() {
    return client;
  }

  @Override
  public String describe() {
    return location.toString();
  }

  @Override
  public boolean isRemote() {
    return true;
  }

  private String where(String key) {
    return "s3://" + location.bucket() + "/" + location.key(key);
  }

  @Override
  public byte[] get(String key) {
    try {
      return client
          .getObjectAsBytes(
              GetObjectRequest.builder().bucket(location.bucket()).key(location.key(key)).build())
          .asByteArray();
    } catch (NoSuchKeyException e) {
      return null;
    } catch (SdkException e) {
      throw S3Errors.describe("read", where(key), e);
    }
  }

  @Override
  public InputStream open(String key) {
    try {
      return client.getObject(
          GetObjectRequest.builder().bucket(location.bucket()).key(location.key(key)).build());
    } catch (NoSuchKeyException e) {
      return null;
    } catch (SdkException e) {
      throw S3Errors.describe("read", where(key), e);
    }
  }

  @Override
  public boolean put(String key, byte[] bytes, boolean ifAbsent) {
    return put(key, RequestBody.fromBytes(bytes), ifAbsent);
  }

  @Override
  public boolean putFile(String key, Path file, boolean ifAbsent) {
    return put(key, RequestBody.fromFile(file), ifAbsent);
  }

  private boolean put(String key, RequestBody body, boolean ifAbsent) {
    PutObjectRequest.Builder request =
        PutObjectRequest.builder().bucket(location.bucket()).key(location.key(key));
    if (ifAbsent) {
      request.ifNoneMatch("*");
    }
    try {
      client.putObject(request.build(), body);
      return true;
    } catch (S3Exception e) {
      if (ifAbsent && (e.statusCode() == 412 || e.statusCode() == 409)) {
        return false;
      }
      throw S3Errors.describe("write", where(key), e);
    } catch (SdkException e) {
      throw S3Errors.describe("write", where(key), e);
    }
  }

  @Override
  public boolean exists(String key) {
    try {
      client.headObject(
          HeadObjectRequest.builder().bucket(location.bucket()).key(location.key(key)).build());
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw S3Errors.describe("check", where(key), e);
    } catch (SdkException e) {
      throw S3Errors.describe("check", where(key), e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    List<String> keys = new ArrayList<>();
    String full = location.key(prefix);
    try {
      for (S3Object object :
          client
              .listObjectsV2Paginator(
                  ListObjectsV2Request.builder()
                      .bucket(location.bucket())
                      .prefix(full)
                      .delimiter("/")
                      .build())
              .contents()) {
        keys.add(object.key().substring(location.prefix().length()));
      }
    } catch (SdkException e) {
      throw S3Errors.describe("list", where(prefix), e);
    }
    keys.sort(null);
    return keys;
  }

  @Override
  public List<String> children(String prefix) {
    List<String> names = new ArrayList<>();
    String full = location.key(prefix);
    try {
      for (CommonPrefix common :
          client
              .listObjectsV2Paginator(
                  ListObjectsV2Request.builder()
                      .bucket(location.bucket())
                      .prefix(full)
                      .delimiter("/")
                      .build())
              .commonPrefixes()) {
        String name = common.prefix().substring(full.length());
        names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
      }
    } catch (SdkException e) {
      throw S3Errors.describe("list", where(prefix), e);
    }
    names.sort(null);
    return names;
  }

  @Override
  public void delete(String key) {
    try {
      client.deleteObject(b -> b.bucket(location.bucket()).key(location.key(key)));
    } catch (SdkException e) {
      throw S3Errors.describe("delete", where(key), e);
    }
  }

  @Override
  public AutoCloseable lock(String name) {
    return () -> {};
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }
}

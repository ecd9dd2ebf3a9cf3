package io.ctsuite.datasets.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.Rule;
import org.junit.Test;

public class S3ObjectStoreTest {
  @Rule public S3ProxyRule s3 = new S3ProxyRule();

  @Test
  public void shouldCreateAKeyOnlyOnceWithIfNoneMatch() {
    try (S3ObjectStore store = S3ObjectStore.open(s3.settings(), S3Location.parse(s3.uri("reg")))) {
      assertThat(store.put("a/1.json", bytes("first"), true)).isTrue();
      assertThat(store.put("a/1.json", bytes("second"), true)).isFalse();

      assertThat(new String(store.get("a/1.json"), StandardCharsets.UTF_8)).isEqualTo("first");
    }
  }

  @Test
  public void shouldListKeysAndChildrenUnderThePrefix() {
    try (S3ObjectStore store = S3ObjectStore.open(s3.settings(), S3Location.parse(s3.uri("reg")))) {
      store.put("datasets/b/versions/2.json", bytes("x"), false);
      store.put("datasets/b/versions/1.json", bytes("x"), false);
      store.put("datasets/a/versions/1.json", bytes("x"), false);

      assertThat(store.list("datasets/b/versions/"))
          .containsExactly("datasets/b/versions/1.json", "datasets/b/versions/2.json");
      assertThat(store.children("datasets/")).containsExactly("a", "b");
      assertThat(store.get("missing")).isNull();
      assertThat(store.exists("datasets/a/versions/1.json")).isTrue();
    }
  }

  @Test
  public void shouldSayS3IsUnreachableDuringAnOutage() throws Exception {
    try (S3ObjectStore store = S3ObjectStore.open(s3.settings(), S3Location.parse(s3.uri("reg")))) {
      s3.stop();
      assertThatThrownBy(() -> store.get("x"))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("Could not read s3://ct-test/reg/x")
          .hasMessageContaining("S3 is unreachable");
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

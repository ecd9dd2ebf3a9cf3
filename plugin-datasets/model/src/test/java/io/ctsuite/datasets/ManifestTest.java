package io.ctsuite.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.Test;

public class ManifestTest {
  @Test
  public void shouldSortEntriesByTheirUtf8Bytes() {
    Manifest m =
        Manifests.manifest()
            .file("b/1.jpg", "x")
            .file("a/2.jpg", "y")
            .file("a-c", "z")
            .file("é.jpg", "w")
            .build();

    assertThat(m.size()).isEqualTo(4);
    assertThat(m.path(0)).isEqualTo("a-c");
    assertThat(m.path(1)).isEqualTo("a/2.jpg");
    assertThat(m.path(2)).isEqualTo("b/1.jpg");
    assertThat(m.path(3)).isEqualTo("é.jpg");
    assertThat(m.indexOf("b/1.jpg")).isEqualTo(2);
    assertThat(m.indexOf("b/2.jpg")).isNegative();
  }

  @Test
  public void shouldGiveEqualContentAnEqualIdWhateverTheOrderAndTimes() {
    Manifest a = Manifests.manifest().file("x", "1").file("y", "2").build();
    ManifestBuilder other = new ManifestBuilder();
    other.add(
        "y", 1, 5, Hashes.sha256("2".getBytes()), Meta.EMPTY, Origin.of("/elsewhere", "sha256"));
    other.add(
        "x", 1, 9, Hashes.sha256("1".getBytes()), Meta.EMPTY, Origin.of("/elsewhere", "sha256"));

    assertThat(other.build().id()).isEqualTo(a.id()).hasSize(64);
  }

  @Test
  public void shouldChangeTheIdWhenContentPathOrMetadataChanges() {
    String base = Manifests.manifest().file("x", "1").build().id();

    assertThat(Manifests.manifest().file("x", "2").build().id()).isNotEqualTo(base);
    assertThat(Manifests.manifest().file("y", "1").build().id()).isNotEqualTo(base);
    assertThat(Manifests.manifest().file("x", "1", "hospital-a", "bleeding").build().id())
        .isNotEqualTo(base);
  }

  @Test
  public void shouldRejectPathsThatLeaveTheDirectory() {
    for (String bad :
        new String[] {
          "../etc/passwd", "/etc/passwd", "a/../../b", "a//b", "a\0b", "", "./a", "a/"
        }) {
      assertThatThrownBy(() -> Manifests.manifest().file(bad, "x"))
          .as(bad)
          .isInstanceOf(InputException.class)
          .hasMessageContaining("test:");
    }
  }

  @Test
  public void shouldRejectAPathAddedTwice() {
    assertThatThrownBy(() -> Manifests.manifest().file("a", "1").file("a", "2").build())
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'a' appears twice");
  }

  @Test
  public void shouldKeepDistinctMetadataOnce() {
    Manifests builder = Manifests.manifest();
    for (int i = 0; i < 100; i++) {
      builder.file("f" + i, "c" + i, "hospital-" + (i % 2), "bleeding");
    }
    Manifest m = builder.build();

    assertThat(m.metaTable()).hasSize(3);
    assertThat(m.meta(0).source()).isEqualTo("hospital-0");
    assertThat(m.meta(0).labels()).containsExactly("bleeding");
  }

  @Test
  public void shouldRoundTripThroughTheStoredForm() throws IOException {
    Manifest m =
        Manifests.manifest()
            .file(
                "videos/a.mp4",
                "aaa",
                Meta.of(Map.of("source", "h-a", "labels", "x;y", "annotations", "3", "fps", "30")))
            .file("videos/b.mp4", "bbb")
            .file("videos/b/c.mp4", "ccc")
            .build();

    Manifest back = roundTrip(StoredManifest.full(m)).full();

    assertThat(back.id()).isEqualTo(m.id());
    assertThat(back.size()).isEqualTo(3);
    for (int i = 0; i < m.size(); i++) {
      assertThat(back.sameEntry(i, m, i)).isTrue();
    }
    assertThat(back.meta(0).extra()).containsEntry("fps", "30");
    assertThat(back.meta(0).annotations()).isEqualTo(3);
    assertThat(back.origin(0)).isEqualTo(Manifests.ORIGIN);
  }

  @Test
  public void shouldNameTheObjectWhenItIsTruncatedOrDamaged() throws IOException {
    Manifest m = Manifests.manifest().file("a", "1").file("b", "2").build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ManifestCodec.write(StoredManifest.full(m), out);
    byte[] bytes = out.toByteArray();

    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
    assertThatThrownBy(() -> ManifestCodec.read(new ByteArrayInputStream(truncated), "objects/x"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("corrupt manifest objects/x:");

    byte[] flipped = bytes.clone();
    flipped[flipped.length - 12] ^= 0x55;
    assertThatThrownBy(() -> ManifestCodec.read(new ByteArrayInputStream(flipped), "objects/y"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("corrupt manifest objects/y:");

    assertThatThrownBy(
            () -> ManifestCodec.read(new ByteArrayInputStream("not gzip".getBytes()), "objects/z"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("corrupt manifest objects/z:");
  }

  @Test
  public void shouldRefuseAStoredManifestWithATraversalPathOrNulByte() throws IOException {
    for (String bad : new String[] {"../../etc/cron.d/x", "a\0b", "/abs"}) {
      byte[] path = bad.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      // written past the builder's checks, as a damaged or hostile registry could hold it
      Manifest forged =
          new Manifest(
              1,
              path,
              new int[] {0, path.length},
              new long[] {1},
              new long[] {0},
              new byte[Hashes.LENGTH],
              new Meta[] {Meta.EMPTY},
              null,
              new Origin[] {Manifests.ORIGIN},
              null);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ManifestCodec.write(
          StoredManifest.delta(forged.id(), new Delta(forged.id(), PathList.EMPTY, forged), 1),
          out);

      assertThatThrownBy(
              () -> ManifestCodec.read(new ByteArrayInputStream(out.toByteArray()), "objects/evil"))
          .as(bad)
          .isInstanceOf(InputException.class)
          .hasMessageStartingWith("corrupt manifest objects/evil: entry 0");
    }
  }

  @Test
  public void shouldRebuildAVersionFromItsDelta() throws IOException {
    Manifest parent = Manifests.manifest().file("a", "1").file("b", "2").file("c", "3").build();
    Manifest child =
        Manifests.manifest().file("a", "1").file("b", "changed").file("d", "4").build();

    Delta delta = Delta.between(parent, child);
    assertThat(delta.removed().size()).isEqualTo(1);
    assertThat(delta.removed().path(0)).isEqualTo("c");
    assertThat(delta.upserts().size()).isEqualTo(2);

    StoredManifest stored = roundTrip(StoredManifest.delta(child.id(), delta, 1));
    Manifest rebuilt = stored.delta().applyTo(parent);
    assertThat(rebuilt.id()).isEqualTo(child.id());
    assertThat(stored.depth()).isEqualTo(1);
    assertThat(stored.delta().baseId()).isEqualTo(parent.id());
  }

  @Test
  public void shouldSelectAndFilterEntriesKeepingMetadata() {
    Manifest m =
        Manifests.manifest()
            .file("a", "1", "h-a", "x")
            .file("b", "2", "h-b", "y")
            .file("c", "3", "h-a", "y")
            .build();

    Manifest fromA = m.filter(i -> "h-a".equals(m.meta(i).source()));

    assertThat(fromA.size()).isEqualTo(2);
    assertThat(fromA.path(1)).isEqualTo("c");
    assertThat(fromA.meta(1).labels()).containsExactly("y");
  }

  private static StoredManifest roundTrip(StoredManifest object) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ManifestCodec.write(object, out);
    return ManifestCodec.read(new ByteArrayInputStream(out.toByteArray()), "test");
  }
}

package io.ctsuite.datasets;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One version of a dataset as its log records it: the sequence number ({@code v41}), the id (the
 * manifest's SHA-256), the version it followed, who made it, when, why, and how (a snapshot of a
 * path, or derived by a query, a mix or a balance from other versions, with what it takes to derive
 * it again).
 *
 * @param dataset the dataset's name
 * @param seq the sequence number in the dataset, from 1
 * @param id the manifest id
 * @param parent the id of the previous version of the dataset, or null for the first
 * @param created when the version was recorded, ISO-8601
 * @param creator who recorded it (user@host, a Jenkins build)
 * @param note a free text note
 * @param kind snapshot, query, mix, balance
 * @param source what was snapshotted (a directory or s3:// prefix), or what it was derived from
 * @param derivation the parameters that reproduce a derived version (expression, seed, …)
 * @param files the number of entries
 * @param bytes their total size
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionInfo(
    String dataset,
    int seq,
    String id,
    String parent,
    String created,
    String creator,
    String note,
    String kind,
    String source,
    Map<String, String> derivation,
    long files,
    long bytes)
    implements Serializable {

  public VersionInfo {
    derivation = derivation == null ? Map.of() : new TreeMap<>(derivation);
  }

  /** {@code v41}. */
  public String label() {
    return "v" + seq;
  }

  /** The first 12 characters of the id, enough to name it in a log. */
  public String shortId() {
    return id.substring(0, Math.min(12, id.length()));
  }

  public Instant createdAt() {
    return Instant.parse(created);
  }
}

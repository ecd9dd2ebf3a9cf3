package io.ctsuite.cli.demo;

import java.nio.file.Path;

/**
 * A model the demo trained, as the tracker recorded it.
 *
 * @param role production or candidate
 * @param runId the tracked run
 * @param modelFile model.pt
 * @param sha256 its hash
 * @param datasetLabel the dataset version trained on (v1)
 * @param datasetId that version's id
 * @param bestValAcc the best validation accuracy
 * @param bestEpoch the epoch it was reached at (the checkpoint kept)
 */
record TrainedModel(
    String role,
    String runId,
    Path modelFile,
    String sha256,
    String datasetLabel,
    String datasetId,
    double bestValAcc,
    long bestEpoch) {

  /** The model's URI as the deployment config records it. */
  String uri() {
    return modelFile.toUri().toString();
  }
}

package io.ctsuite.cli.track;

import io.ctsuite.tracking.capture.RunRecorder;
import io.ctsuite.tracking.run.DatasetRef;
import io.ctsuite.tracking.run.ParamValues;
import io.ctsuite.tracking.run.References;
import java.util.List;
import picocli.CommandLine.Option;

/** What a user can say about a run when recording it: family, name, params, tags, references. */
public class RunOptions {
  @Option(
      names = "--run",
      paramLabel = "ID",
      description = "Run id (default: a new one such as 20240526-150226-7f3a).")
  String runId;

  @Option(
      names = "--family",
      paramLabel = "NAME",
      description = "Experiment family the run is ranked in (default: 'default').")
  String family;

  @Option(names = "--name", paramLabel = "TEXT", description = "Display name of the run.")
  String name;

  @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A parameter (repeatable).")
  List<String> params;

  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag (repeatable).")
  List<String> tags;

  @Option(
      names = "--dataset",
      paramLabel = "NAME@VERSION",
      description = "A dataset version the run used (repeatable).")
  List<String> datasets;

  @Option(names = "--git-commit", paramLabel = "SHA", description = "Source commit.")
  String gitCommit;

  @Option(names = "--image", paramLabel = "IMAGE", description = "Container image.")
  String image;

  @Option(
      names = "--build-url",
      paramLabel = "URL",
      description = "CI build URL (default: $BUILD_URL when set).")
  String buildUrl;

  /** Applies the options to a recorder; references add to those it already has. */
  void applyTo(RunRecorder recorder, References existing) {
    if (family != null) {
      recorder.family(family);
    }
    if (name != null) {
      recorder.name(name);
    }
    TrackText.pairs(params, "--param").forEach((k, v) -> recorder.param(k, ParamValues.infer(v)));
    TrackText.pairs(tags, "--tag").forEach(recorder::tag);
    References refs = existing;
    if (datasets != null) {
      for (String d : datasets) {
        refs = refs.withDataset(DatasetRef.parse(d));
      }
    }
    if (gitCommit != null) {
      refs = refs.withGitCommit(gitCommit);
    }
    if (image != null) {
      refs = refs.withContainerImage(image);
    }
    String url = buildUrl != null ? buildUrl : System.getenv("BUILD_URL");
    if (url != null && !url.isBlank()) {
      refs = refs.withBuildUrl(url);
    }
    recorder.references(refs);
  }
}

package io.ctsuite.cli.gpu;

import io.ctsuite.core.InputException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Option;

/**
 * {@code --kubeconfig} and {@code --context}: how {@code ct gpu} reaches a cluster. Without them
 * the usual places are used (KUBECONFIG, ~/.kube/config, the service account inside a pod); when
 * there is none, or the cluster does not answer, the user gets one sentence saying so.
 */
public class KubeAccess {
  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig file (default: $KUBECONFIG, ~/.kube/config, or in-cluster).")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context to use.")
  String context;

  /** A client, or an input error when no cluster is configured. */
  KubernetesClient connect() {
    Config config;
    try {
      if (kubeconfig != null) {
        config =
            Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
      } else {
        if (!clusterConfigured()) {
          throw new InputException(
              "no Kubernetes cluster is configured: no kubeconfig (KUBECONFIG or ~/.kube/config)"
                  + " and not running inside a cluster; pass --kubeconfig FILE");
        }
        config = Config.autoConfigure(context);
      }
    } catch (IOException e) {
      throw new InputException(
          "cannot read the kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
    } catch (KubernetesClientException | IllegalArgumentException e) {
      throw new InputException(
          "the kubeconfig "
              + (kubeconfig == null ? "" : kubeconfig + " ")
              + "is not usable: "
              + e.getMessage(),
          e);
    }
    // fail fast: a command line waits seconds, not minutes, for a cluster that is not there
    config.setConnectionTimeout(5_000);
    config.setRequestTimeout(30_000);
    config.setRequestRetryBackoffLimit(0);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Runs a call against the cluster, turning connection trouble into a clear message. */
  <T> T call(KubernetesClient client, Function<KubernetesClient, T> work) {
    try {
      return work.apply(client);
    } catch (KubernetesClientException e) {
      throw new InputException(describe(client, e), e);
    }
  }

  static String describe(KubernetesClient client, KubernetesClientException e) {
    String server = client.getConfiguration().getMasterUrl();
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
      if (root instanceof ConnectException || root instanceof UnknownHostException) {
        return "cannot reach the Kubernetes API at "
            + server
            + ": "
            + (root instanceof UnknownHostException ? "unknown host " : "")
            + root.getMessage()
            + " (is the cluster up and the kubeconfig current?)";
      }
      if (root instanceof SSLException) {
        return "the TLS connection to " + server + " failed: " + root.getMessage();
      }
    }
    if (e.getCode() == 401 || e.getCode() == 403) {
      return "the cluster at "
          + server
          + " refused the request ("
          + e.getCode()
          + "): the account needs to list nodes, pods and events (and delete pods to reap)";
    }
    if (e.getCode() == 0) {
      return "cannot reach the Kubernetes API at " + server + ": " + rootMessage(e);
    }
    return "the Kubernetes API at " + server + " answered " + e.getCode() + ": " + e.getMessage();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static boolean clusterConfigured() {
    if (System.getenv("KUBERNETES_SERVICE_HOST") != null
        || System.getenv("KUBERNETES_MASTER") != null
        || System.getProperty("kubernetes.master") != null) {
      return true;
    }
    String files = System.getProperty("kubeconfig", System.getenv("KUBECONFIG"));
    if (files != null && !files.isBlank()) {
      for (String file : files.split(File.pathSeparator)) {
        if (!file.isBlank() && Files.isRegularFile(Path.of(file))) {
          return true;
        }
      }
      return false;
    }
    return Files.isRegularFile(Path.of(System.getProperty("user.home"), ".kube", "config"));
  }
}

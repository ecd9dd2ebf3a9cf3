package io.jenkins.plugins.ct.gpu;

import java.util.concurrent.Callable;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;

/**
 * Runs fabric8 client code with the Kubernetes plugin's class loader as the context class loader.
 * fabric8 finds its HTTP client through {@link java.util.ServiceLoader} on the context loader; on a
 * Pipeline or request thread that is Jenkins' loader of all plugins, which may offer a second,
 * incompatible client (a plugin bundling another fabric8 version). The Kubernetes plugin's loader
 * sees exactly the client of the kubernetes-client-api plugin.
 */
final class KubernetesLoader {
  private KubernetesLoader() {}

  static <T> T call(Callable<T> work) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(KubernetesCloud.class.getClassLoader());
    try {
      return work.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}

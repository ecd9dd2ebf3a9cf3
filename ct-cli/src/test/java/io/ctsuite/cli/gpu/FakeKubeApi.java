package io.ctsuite.cli.gpu;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventListBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeListBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Just enough of a Kubernetes API server on 127.0.0.1 for {@code ct gpu inventory} and {@code
 * reap}: it lists the nodes, pods and events it holds and records deletes. (The model's own tests
 * use fabric8's full mock server.)
 */
final class FakeKubeApi implements AutoCloseable {
  private final HttpServer server;
  final List<Node> nodes = new CopyOnWriteArrayList<>();
  final List<Pod> pods = new CopyOnWriteArrayList<>();
  final List<Event> events = new CopyOnWriteArrayList<>();
  final List<String> deletes = new CopyOnWriteArrayList<>();

  FakeKubeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A kubeconfig that points at this server. */
  Path kubeconfig(Path dir) throws IOException {
    Path file = dir.resolve("kubeconfig.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: fake",
            "  cluster: {server: \"" + url() + "\"}",
            "users:",
            "- name: ci",
            "  user: {token: test-token}",
            "contexts:",
            "- name: fake",
            "  context: {cluster: fake, user: ci}",
            "current-context: fake",
            ""));
    return file;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if (method.equals("GET") && path.equals("/api/v1/nodes")) {
      reply(
          exchange,
          200,
          new NodeListBuilder().withItems(nodes).withNewMetadata().endMetadata().build());
    } else if (method.equals("GET") && path.equals("/api/v1/pods")) {
      reply(
          exchange,
          200,
          new PodListBuilder().withItems(pods).withNewMetadata().endMetadata().build());
    } else if (method.equals("GET") && path.equals("/api/v1/events")) {
      reply(
          exchange,
          200,
          new EventListBuilder().withItems(events).withNewMetadata().endMetadata().build());
    } else if (method.equals("DELETE") && path.startsWith("/api/v1/namespaces/")) {
      String[] parts = path.split("/");
      String namespace = parts[4];
      String name = parts[6];
      List<Pod> gone = new ArrayList<>();
      for (Pod pod : pods) {
        if (pod.getMetadata().getName().equals(name)
            && pod.getMetadata().getNamespace().equals(namespace)) {
          gone.add(pod);
        }
      }
      pods.removeAll(gone);
      deletes.add(namespace + "/" + name);
      if (gone.isEmpty()) {
        reply(exchange, 404, java.util.Map.of("kind", "Status", "code", 404));
      } else {
        reply(exchange, 200, gone.get(0));
      }
    } else {
      reply(exchange, 404, java.util.Map.of("kind", "Status", "code", 404, "message", path));
    }
  }

  private static void reply(HttpExchange exchange, int code, Object body) throws IOException {
    byte[] bytes = Serialization.asJson(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

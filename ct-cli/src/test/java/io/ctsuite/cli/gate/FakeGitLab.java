package io.ctsuite.cli.gate;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A GitLab v4 API stand-in on 127.0.0.1 (the JDK's HTTP server): answers requests in order with
 * scripted responses and records what arrived.
 */
final class FakeGitLab implements AutoCloseable {
  /** The recorded GitLab JSON shared by all modules (see ../shared/fixtures/PROVENANCE.md). */
  static final Path FIXTURES = Path.of("../../shared/fixtures/gitlab");

  static final Path GITLAB4J_MODELS =
      FIXTURES.resolve(
          "gitlab4j__gitlab4j-api/gitlab4j-models/src/test/resources/org/gitlab4j/models");

  record Answer(int status, String body) {}

  record Received(String method, String uri, String body, String token) {}

  private final HttpServer server;
  private final Deque<Answer> answers = new ArrayDeque<>();
  private final List<Received> received = new ArrayList<>();

  FakeGitLab() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Answer answer;
          synchronized (this) {
            received.add(
                new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + exchange.getRequestURI().getRawQuery()),
                    body,
                    exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN")));
            answer =
                answers.isEmpty()
                    ? new Answer(500, "{\"message\":\"unexpected\"}")
                    : answers.poll();
          }
          byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(answer.status(), bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized FakeGitLab answer(int status, String body) {
    answers.add(new Answer(status, body));
    return this;
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  static String fixture(String name) throws IOException {
    return Files.readString(GITLAB4J_MODELS.resolve(name));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

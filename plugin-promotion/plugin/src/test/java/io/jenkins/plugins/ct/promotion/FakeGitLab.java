package io.jenkins.plugins.ct.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.rules.ExternalResource;

/**
 * A GitLab on 127.0.0.1 with one project, whose answers are the recorded GitLab JSON from
 * ../shared/fixtures/gitlab (see PROVENANCE.md) with ids, branches and texts set to this test's
 * state: branches created by the Commits API, merge requests, notes. Requests without the expected
 * PRIVATE-TOKEN get GitLab's 401. Every request is kept for assertions.
 */
public final class FakeGitLab extends ExternalResource {
  static final String TOKEN = "glpat-JenkinsRule-Secret-5c2d9e";
  static final String PROJECT = "ml/deploy";
  static final String FILE = "deploy/models.yaml";
  static final String DEPLOYED =
      "# Models served in production\n"
          + "models:\n"
          + "  phase-recognition:\n"
          + "    uri: s3://models/phase-recognition/41/model.onnx  # current\n"
          + "    version: \"41\"\n";

  private static final Path FIXTURES = Path.of("../../../shared/fixtures/gitlab");
  private static final Path MODELS =
      FIXTURES.resolve(
          "gitlab4j__gitlab4j-api/gitlab4j-models/src/test/resources/org/gitlab4j/models");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MockWebServer server = new MockWebServer();
  private final Map<String, Map<String, String>> branches = new HashMap<>();
  private final List<ObjectNode> mergeRequests = new ArrayList<>();
  private final Map<Long, List<ObjectNode>> notes = new HashMap<>();
  private final List<String> requests = new ArrayList<>();
  private final List<String> commits = new ArrayList<>();
  private volatile int failWith;

  @Override
  protected void before() throws IOException {
    branches.put("master", new LinkedHashMap<>(Map.of(FILE, DEPLOYED)));
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            synchronized (FakeGitLab.this) {
              return answer(request);
            }
          }
        });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @Override
  protected void after() {
    try {
      server.shutdown();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** From now on every request is answered with this status (e.g. 500), or normally with 0. */
  void failWith(int status) {
    this.failWith = status;
  }

  synchronized List<String> requests() {
    return new ArrayList<>(requests);
  }

  synchronized long count(String methodAndPathStart) {
    return requests.stream().filter(r -> r.startsWith(methodAndPathStart)).count();
  }

  synchronized List<ObjectNode> mergeRequests() {
    return new ArrayList<>(mergeRequests);
  }

  synchronized List<ObjectNode> notes(long iid) {
    return new ArrayList<>(notes.getOrDefault(iid, List.of()));
  }

  synchronized String file(String branch) {
    Map<String, String> files = branches.get(branch);
    return files == null ? null : files.get(FILE);
  }

  synchronized int commitCount() {
    return commits.size();
  }

  private MockResponse answer(RecordedRequest request) {
    String path = request.getPath();
    String query = "";
    int q = path.indexOf('?');
    if (q >= 0) {
      query = path.substring(q + 1);
      path = path.substring(0, q);
    }
    requests.add(request.getMethod() + " " + request.getPath());
    if (!TOKEN.equals(request.getHeader("PRIVATE-TOKEN"))) {
      return json(
          401,
          read(
              FIXTURES.resolve(
                  "gitlabhq__gitlabhq/docs-excerpts/rest-authentication.md__401-unauthorized.json")));
    }
    if (failWith != 0) {
      return json(failWith, "{\"message\":\"" + failWith + " failure\"}");
    }
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
      }
    }
    Map<String, String> params = form(query);
    String body = request.getBody().readUtf8();
    if (parts.size() < 4 || !parts.get(2).equals("projects") || !parts.get(3).equals(PROJECT)) {
      return parts.equals(List.of("api", "v4", "user")) ? json(200, user()) : notFound("Project");
    }
    List<String> rest = parts.subList(4, parts.size());
    String method = request.getMethod();
    if (rest.isEmpty()) {
      return json(200, project());
    }
    if (rest.size() == 3 && rest.get(0).equals("repository") && rest.get(1).equals("files")) {
      Map<String, String> files = branches.get(params.get("ref"));
      String content = files == null ? null : files.get(rest.get(2));
      return content == null
          ? notFound("File")
          : json(200, file(rest.get(2), params.get("ref"), content));
    }
    if (rest.size() == 3 && rest.get(1).equals("branches")) {
      return branches.containsKey(rest.get(2))
          ? json(200, branch(rest.get(2)))
          : notFound("Branch");
    }
    if (rest.equals(List.of("repository", "commits")) && method.equals("POST")) {
      return json(201, commit(tree(body)));
    }
    if (rest.equals(List.of("merge_requests")) && method.equals("GET")) {
      ArrayNode found = JSON.createArrayNode();
      for (ObjectNode mr : mergeRequests) {
        if (mr.get("state").asText().equals(params.getOrDefault("state", "opened"))
            && mr.get("source_branch").asText().equals(params.get("source_branch"))) {
          found.add(mr);
        }
      }
      return json(200, found.toString());
    }
    if (rest.equals(List.of("merge_requests")) && method.equals("POST")) {
      Map<String, String> fields = form(body);
      long iid = mergeRequests.size() + 1;
      ObjectNode mr = mergeRequest(iid, fields);
      mergeRequests.add(mr);
      notes.put(iid, new ArrayList<>());
      return json(201, mr.toString());
    }
    if (rest.size() >= 2 && rest.get(0).equals("merge_requests")) {
      long iid = Long.parseLong(rest.get(1));
      if (iid < 1 || iid > mergeRequests.size()) {
        return notFound("Merge Request");
      }
      ObjectNode mr = mergeRequests.get((int) iid - 1);
      List<ObjectNode> mrNotes = notes.get(iid);
      if (rest.size() == 2 && method.equals("PUT")) {
        Map<String, String> fields = form(body);
        if (fields.containsKey("title")) {
          mr.put("title", fields.get("title"));
        }
        if (fields.containsKey("description")) {
          mr.put("description", fields.get("description"));
        }
        return json(200, mr.toString());
      }
      if (rest.size() == 2) {
        return json(200, mr.toString());
      }
      if (rest.size() == 3 && method.equals("GET")) {
        ArrayNode list = JSON.createArrayNode();
        mrNotes.forEach(list::add);
        return json(200, list.toString());
      }
      if (rest.size() == 3 && method.equals("POST")) {
        ObjectNode note =
            note(500 + notes.values().stream().mapToInt(List::size).sum(), form(body).get("body"));
        mrNotes.add(note);
        return json(201, note.toString());
      }
      if (rest.size() == 4 && method.equals("PUT")) {
        for (ObjectNode note : mrNotes) {
          if (note.get("id").asText().equals(rest.get(3))) {
            note.put("body", form(body).get("body"));
            return json(200, note.toString());
          }
        }
        return notFound("Note");
      }
    }
    return notFound("Route");
  }

  // ---- GitLab's JSON, from the recorded fixtures ----

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode object(Path file) {
    try {
      return (ObjectNode) JSON.readTree(read(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String project() {
    ObjectNode project = object(MODELS.resolve("project.json"));
    project.put("path_with_namespace", PROJECT);
    project.put("default_branch", "master");
    project.put("web_url", url() + "/" + PROJECT);
    return project.toString();
  }

  private static String user() {
    return object(MODELS.resolve("merge-request.json")).get("author").toString();
  }

  private static String branch(String name) {
    ObjectNode branch = object(MODELS.resolve("branch.json"));
    branch.put("name", name);
    return branch.toString();
  }

  private static String file(String path, String ref, String content) {
    ObjectNode file = JSON.createObjectNode();
    file.put("file_name", path.substring(path.lastIndexOf('/') + 1));
    file.put("file_path", path);
    file.put("encoding", "base64");
    file.put(
        "content", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
    file.put("ref", ref);
    file.put("last_commit_id", Integer.toHexString(content.hashCode()));
    return file.toString();
  }

  private String commit(JsonNode payload) {
    String branch = payload.get("branch").asText();
    String start = payload.path("start_branch").asText(branch);
    Map<String, String> files =
        new LinkedHashMap<>(
            branches.getOrDefault(
                branches.containsKey(branch) && !payload.path("force").asBoolean() ? branch : start,
                Map.of()));
    for (JsonNode action : payload.get("actions")) {
      files.put(action.get("file_path").asText(), action.get("content").asText());
    }
    branches.put(branch, files);
    commits.add(payload.get("commit_message").asText());
    ObjectNode commit =
        object(
            FIXTURES.resolve(
                "gitlabhq__gitlabhq/docs-excerpts/commits.md__create-commit__201-response.json"));
    commit.put("id", String.format("%040x", commits.size()));
    return commit.toString();
  }

  private ObjectNode mergeRequest(long iid, Map<String, String> fields) {
    ObjectNode mr = object(MODELS.resolve("merge-request.json"));
    mr.put("iid", iid);
    mr.put("state", "opened");
    mr.put("title", fields.get("title"));
    mr.put("description", fields.get("description"));
    mr.put("source_branch", fields.get("source_branch"));
    mr.put("target_branch", fields.get("target_branch"));
    mr.put("web_url", url() + "/" + PROJECT + "/-/merge_requests/" + iid);
    mr.put("merge_when_pipeline_succeeds", false);
    ArrayNode labels = mr.putArray("labels");
    for (String label : fields.getOrDefault("labels", "").split(",")) {
      if (!label.isEmpty()) {
        labels.add(label);
      }
    }
    mr.putArray("assignees");
    mr.putArray("reviewers");
    mr.remove("assignee");
    return mr;
  }

  private static ObjectNode note(long id, String body) {
    ObjectNode note = object(MODELS.resolve("merge-request-note.json"));
    note.put("id", id);
    note.put("body", body);
    note.put("system", false);
    return note;
  }

  private static JsonNode tree(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> form(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return fields;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      fields.merge(key, value, (a, b) -> a + "," + b);
    }
    return fields;
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static MockResponse notFound(String what) {
    return json(404, "{\"message\":\"404 " + what + " Not Found\"}");
  }
}

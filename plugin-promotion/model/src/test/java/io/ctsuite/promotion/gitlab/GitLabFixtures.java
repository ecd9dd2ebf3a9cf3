package io.ctsuite.promotion.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.core.Json;
import io.ctsuite.promotion.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import okhttp3.mockwebserver.MockResponse;

/**
 * Recorded GitLab API responses from ../shared/fixtures/gitlab (see PROVENANCE.md), with ids and
 * branch names changed in memory where a test needs them to match its own requests.
 */
public final class GitLabFixtures {
  private static final Path MODELS =
      Fixtures.GITLAB.resolve(
          "gitlab4j__gitlab4j-api/gitlab4j-models/src/test/resources/org/gitlab4j/models");
  private static final Path DOCS = Fixtures.GITLAB.resolve("gitlabhq__gitlabhq/docs-excerpts");

  private GitLabFixtures() {}

  static ObjectNode object(Path file) {
    try {
      return (ObjectNode) Json.mapper().readTree(Fixtures.shared(file));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read fixture " + file, e);
    }
  }

  /** GET /projects/:id: the recorded project (id 3, default branch master). */
  public static String project() {
    return Fixtures.shared(MODELS.resolve("project.json"));
  }

  /** GET /projects/:id/repository/branches/:branch. */
  public static String branch() {
    return Fixtures.shared(MODELS.resolve("branch.json"));
  }

  /**
   * POST /projects/:id/repository/commits: the create-commit example response from GitLab's docs.
   */
  public static String createdCommit() {
    return Fixtures.shared(DOCS.resolve("commits.md__create-commit__201-response.json"));
  }

  /** A merge request: the recorded one, opened from {@code source} with {@code description}. */
  public static String mergeRequest(long iid, String source, String target, String description) {
    ObjectNode mr = object(MODELS.resolve("merge-request.json"));
    mr.put("iid", iid);
    mr.put("state", "opened");
    mr.put("source_branch", source);
    mr.put("target_branch", target);
    mr.put("title", "Promote phase-recognition to 13");
    mr.put("description", description);
    mr.put(
        "web_url",
        "http://gitlab.example.com/diaspora/diaspora-project-site/-/merge_requests/" + iid);
    mr.put("sha", "2be7ddb704c7b6b83732fdd5b9f09d5a397b5f8f");
    mr.putArray("labels").add("ml-promotion");
    return mr.toString();
  }

  /**
   * GET /projects/:id/merge_requests: the recorded list from gitlab.com, with its first item
   * adapted.
   */
  public static String mergeRequestList(
      long iid, String source, String target, String description) {
    ArrayNode list =
        (ArrayNode)
            read(Fixtures.GITLAB.resolve("xanzy__go-gitlab/testdata/get_merge_requests.json"));
    ObjectNode first = (ObjectNode) list.get(0);
    first.put("iid", iid);
    first.put("source_branch", source);
    first.put("target_branch", target);
    first.put("title", "Promote phase-recognition to 13");
    first.put("description", description);
    first.putArray("labels").add("ml-promotion");
    ArrayNode one = Json.mapper().createArrayNode();
    one.add(first);
    return one.toString();
  }

  /** A merge request note with our id and body. */
  public static String note(long id, String body, boolean system) {
    ObjectNode note = object(MODELS.resolve("merge-request-note.json"));
    note.put("id", id);
    note.put("body", body);
    note.put("system", system);
    return note.toString();
  }

  /** A list of notes built from the recorded note. */
  public static String notes(String... notes) {
    ArrayNode list = Json.mapper().createArrayNode();
    for (String note : notes) {
      list.add(read(note));
    }
    return list.toString();
  }

  /** GET /users?username=…: a list holding the recorded merge request author, renamed. */
  public static String users(long id, String username) {
    ObjectNode author = (ObjectNode) object(MODELS.resolve("merge-request.json")).get("author");
    author.put("id", id);
    author.put("username", username);
    ArrayNode list = Json.mapper().createArrayNode();
    list.add(author);
    return list.toString();
  }

  /** The body GitLab sends with 401 (from GitLab's docs). */
  public static String unauthorized() {
    return Fixtures.shared(DOCS.resolve("rest-authentication.md__401-unauthorized.json"));
  }

  /**
   * GET /projects/:id/repository/files/:path: shaped as GitLab's API documentation shows it (no
   * recorded response exists in the fixtures); the content is base64 as GitLab sends it.
   */
  public static String file(String path, String ref, String content, String lastCommitId) {
    ObjectNode file = Json.mapper().createObjectNode();
    file.put("file_name", path.substring(path.lastIndexOf('/') + 1));
    file.put("file_path", path);
    file.put("size", content.getBytes(StandardCharsets.UTF_8).length);
    file.put("encoding", "base64");
    file.put(
        "content", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
    file.put("ref", ref);
    file.put("blob_id", "79f7bbd25901e8334750839545a9bd021f0e4c83");
    file.put("commit_id", lastCommitId);
    file.put("last_commit_id", lastCommitId);
    return file.toString();
  }

  static JsonNode read(Object source) {
    try {
      return source instanceof Path path
          ? Json.mapper().readTree(Fixtures.shared(path))
          : Json.mapper().readTree((String) source);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  public static MockResponse notFound(String what) {
    return json(404, "{\"message\":\"404 " + what + " Not Found\"}");
  }
}

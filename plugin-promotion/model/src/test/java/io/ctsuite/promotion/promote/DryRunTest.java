package io.ctsuite.promotion.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.promotion.Fixtures;
import io.ctsuite.promotion.config.KeyPath;
import io.ctsuite.promotion.gitlab.DryRunGateway;
import io.ctsuite.promotion.gitlab.PlannedRequest;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class DryRunTest {
  @Test
  public void shouldPlanTheRequestsOfAFirstPromotionWithoutSendingAny() {
    String deployed = Fixtures.resource(KeyPath.class, "models.yaml");
    DryRunGateway dryRun =
        new DryRunGateway(
            "https://gitlab.example.com/", "main", Map.of("deploy/models.yaml", deployed));
    PromotionRequest request =
        PromotionRequest.builder()
            .project("ml/deploy")
            .file("deploy/models.yaml")
            .key("models.phase-recognition")
            .uri("s3://models/phase-recognition/v13/model.onnx")
            .sha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
            .assignees(List.of("alice"))
            .labels(List.of("ml"))
            .build();

    PromotionResult result = new Promoter(dryRun).promote(request);

    assertThat(result.status()).isEqualTo(PromotionResult.Status.CREATED);
    assertThat(request.version()).isEqualTo("sha256-9f86d081884c");
    List<PlannedRequest> planned = dryRun.requests();
    assertThat(planned)
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "GET /projects/ml%2Fdeploy",
            "GET /projects/ml%2Fdeploy/repository/files/deploy%2Fmodels.yaml",
            "GET /projects/ml%2Fdeploy/merge_requests",
            "GET /projects/ml%2Fdeploy/repository/branches/ct%2Fpromote%2Fmodels.phase-recognition",
            "POST /projects/ml%2Fdeploy/repository/commits",
            "GET /users",
            "POST /projects/ml%2Fdeploy/merge_requests");
    assertThat(planned).filteredOn(r -> !r.answeredLocally()).hasSize(2);
    Map<String, Object> commit = planned.get(4).parameters();
    assertThat(commit).containsEntry("branch", "ct/promote/models.phase-recognition");
    assertThat(commit).containsEntry("start_branch", "main");
    @SuppressWarnings("unchecked")
    Map<String, Object> action = ((List<Map<String, Object>>) commit.get("actions")).get(0);
    assertThat((String) action.get("content"))
        .contains("    uri: s3://models/phase-recognition/v13/model.onnx   # current production")
        .contains("    version: \"sha256-9f86d081884c\"");
    Map<String, Object> mr = planned.get(6).parameters();
    assertThat(mr)
        .containsEntry("assignee_ids", List.of("<id of alice>"))
        .containsEntry("labels", "ml")
        .containsEntry("description", ModelCard.render(request));
  }
}

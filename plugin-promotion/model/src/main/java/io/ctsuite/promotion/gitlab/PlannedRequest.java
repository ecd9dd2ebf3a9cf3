package io.ctsuite.promotion.gitlab;

import java.util.Map;

/**
 * A request a dry run would have sent: method, path under /api/v4, and its parameters.
 *
 * @param answeredLocally for reads: the dry run answered it itself instead of asking GitLab
 */
public record PlannedRequest(
    String method, String path, Map<String, Object> parameters, boolean answeredLocally) {}

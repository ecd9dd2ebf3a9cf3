package io.ctsuite.promotion.gitlab;

/** A commit GitLab made. */
public record CommitInfo(String id, String webUrl) {}

package io.ctsuite.promotion.gitlab;

/** What promotion needs to know about a GitLab project. */
public record ProjectInfo(long id, String path, String defaultBranch, String webUrl) {}

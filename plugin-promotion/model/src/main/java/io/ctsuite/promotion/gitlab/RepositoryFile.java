package io.ctsuite.promotion.gitlab;

/**
 * A file read from a branch: its text and the last commit that changed it (for the commit's
 * optimistic-locking check).
 */
public record RepositoryFile(String path, String ref, String content, String lastCommitId) {}

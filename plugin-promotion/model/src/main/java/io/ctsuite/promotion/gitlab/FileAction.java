package io.ctsuite.promotion.gitlab;

/**
 * One file change of a commit made through the Commits API.
 *
 * @param create true to create the file, false to update it
 * @param path the file's path in the repository
 * @param content the new text
 * @param lastCommitId for updates: the commit the change is based on; GitLab refuses the commit if
 *     the file changed since (null skips the check)
 */
public record FileAction(boolean create, String path, String content, String lastCommitId) {}

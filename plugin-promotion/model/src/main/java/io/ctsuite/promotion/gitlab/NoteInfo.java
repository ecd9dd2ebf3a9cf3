package io.ctsuite.promotion.gitlab;

/** A comment on a merge request. */
public record NoteInfo(long id, String body, String author, boolean system) {}

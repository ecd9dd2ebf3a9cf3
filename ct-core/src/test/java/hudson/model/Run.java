package hudson.model;

/** Test-only stand-in named like Jenkins' Run, so the architecture guard can be shown to fail. */
public class Run<J, R> {}

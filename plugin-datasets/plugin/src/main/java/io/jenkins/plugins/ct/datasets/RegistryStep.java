package io.jenkins.plugins.ct.datasets;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.DatasetRegistry;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.DataBoundSetter;

/** A dataset step: which registry (else the global one) and which S3 credentials. */
public abstract class RegistryStep extends Step {
  private String registry;
  private String credentialsId;

  @CheckForNull
  public String getRegistry() {
    return registry;
  }

  /** A directory (as the node running the step sees it) or {@code s3://bucket/prefix}. */
  @DataBoundSetter
  public void setRegistry(String registry) {
    this.registry = Util.fixEmptyAndTrim(registry);
  }

  @CheckForNull
  public String getCredentialsId() {
    return credentialsId;
  }

  /** Username/password credentials: S3 access key and secret key. */
  @DataBoundSetter
  public void setCredentialsId(String credentialsId) {
    this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
  }

  static String checkName(String name) throws AbortException {
    try {
      return DatasetRegistry.checkName(name == null ? null : name.trim());
    } catch (InputException e) {
      throw new AbortException(e.getMessage());
    }
  }

  RegistryRef registryFor(Run<?, ?> run, @CheckForNull FilePath workspace) throws AbortException {
    return Registries.forRun(registry, credentialsId, run, workspace);
  }

  /** The workspace when the step runs in a node block, else the controller's own directory. */
  static FilePath workDir(StepContext context) throws java.io.IOException, InterruptedException {
    FilePath workspace = context.get(FilePath.class);
    return workspace != null ? workspace : new FilePath(Jenkins.get().getRootDir());
  }

  static String creator(Run<?, ?> run) {
    return "Jenkins " + run.getParent().getFullName() + " #" + run.getNumber();
  }
}

package io.jenkins.plugins.ct.datasets;

import hudson.util.FormValidation;
import io.ctsuite.core.InputException;
import io.ctsuite.core.expr.Expression;
import io.ctsuite.datasets.DatasetRegistry;
import jenkins.model.Jenkins;

/** Form checks shared by the steps' Snippet Generator forms. */
final class StepChecks {
  private StepChecks() {}

  static FormValidation name(String value) {
    Jenkins.get().checkPermission(Jenkins.READ);
    if (value == null || value.isBlank()) {
      return FormValidation.error("Name the dataset.");
    }
    try {
      DatasetRegistry.checkName(value.trim());
      return FormValidation.ok();
    } catch (InputException e) {
      return FormValidation.error(e.getMessage());
    }
  }

  static FormValidation expression(String value) {
    Jenkins.get().checkPermission(Jenkins.READ);
    if (value == null || value.isBlank()) {
      return FormValidation.ok();
    }
    try {
      Expression.parse(value.trim());
      return FormValidation.ok();
    } catch (InputException e) {
      return FormValidation.error(e.getMessage());
    }
  }
}

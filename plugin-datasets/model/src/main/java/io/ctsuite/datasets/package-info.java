/** The datasets model: plain Java, no Jenkins dependency (guarded by DatasetsArchitectureTest). */
package io.ctsuite.datasets;

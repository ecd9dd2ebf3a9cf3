/** The tracking model: plain Java, no Jenkins dependency (guarded by TrackingArchitectureTest). */
package io.ctsuite.tracking;

/** The gpu model: plain Java, no Jenkins dependency (guarded by GpuArchitectureTest). */
package io.ctsuite.gpu;

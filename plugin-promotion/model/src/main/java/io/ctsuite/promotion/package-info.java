/**
 * The promotion model: plain Java, no Jenkins dependency (guarded by PromotionArchitectureTest).
 */
package io.ctsuite.promotion;

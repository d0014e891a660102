package com.example.greeter;

import dev.wasmtck.Constants;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasspathResource;
import org.junit.platform.suite.api.Suite;

/**
 * The guest's waPC conformance, by configuration alone: the ABI's structural rules and its guest
 * profile (from the wasm-tck-conformance-suite artifact) run on guests/c/greeter. The path is
 * relative to the module folder, where Surefire runs.
 */
@Suite
@IncludeEngines("wasm-conformance")
@SelectClasspathResource("cases")   // replaced by the guest's conformance run; a suite must select something
@ConfigurationParameter(key = Constants.GUEST, value = "guests/c/greeter")
@ConfigurationParameter(key = Constants.GUEST_ABI, value = "wapc")
class GreeterConformanceTest {}

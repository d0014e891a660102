package dev.wasmtck.suite;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasspathResource;
import org.junit.platform.suite.api.Suite;

/**
 * Surefire only asks engines about classes, so this suite is the bridge that makes
 * {@code mvn verify} run every YAML case under {@code conformance/}. {@code @Suite} fails the
 * build when it finds no case at all.
 */
@Suite
@IncludeEngines("wasm-conformance")
@SelectClasspathResource("conformance")
@ConfigurationParameter(key = "wasm.conformance.execution.parallel.enabled", value = "true")
@ConfigurationParameter(key = "wasm.conformance.summary", value = "true")
class ConformanceSuiteTest {}

package com.example.greeter;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasspathResource;
import org.junit.platform.suite.api.Suite;

/**
 * The bridge Surefire needs: it only asks engines about classes, so this suite hands the kit's
 * engine the YAML cases under src/test/resources/cases. Each case is one test in Surefire's total;
 * a suite that finds no case fails.
 */
@Suite
@IncludeEngines("wasm-conformance")
@SelectClasspathResource("cases")
class PluginCasesTest {}

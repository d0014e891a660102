#!/usr/bin/env python3
"""Adds up the Surefire XML reports of the build and prints one closing line, so a reader of the log
sees the whole run's count last (the plugin-repo flow ends with a deliberately failing build).

    python3 ci/lib/test-totals.py [ROOT]
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1] if len(sys.argv) > 1 else "."
tests = failed = skipped = 0
for path in glob.glob(os.path.join(root, "*", "target", "surefire-reports*", "TEST-*.xml")):
    # Count test cases, not the suite's attributes: a class with nested classes reports them in one file.
    for case in ET.parse(path).getroot().iter("testcase"):
        tests += 1
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None:
            skipped += 1
print(f"ci: {tests - failed - skipped} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or tests == 0 else 0)

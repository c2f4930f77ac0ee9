"""The benchmark scripts whose figures the tests enforce, loaded by file: benchmarks/ is not a package."""
from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from conftest import ROOT


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


advice = load("advice_report")

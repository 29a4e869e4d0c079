"""Caches are bounded: a batch worker converts file after file and must not grow for ever."""

import importlib
import inspect
import pkgutil

import pipeline


def cached_functions():
    for info in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if callable(value) and hasattr(value, "cache_info") and value.__module__ == info.name:
                yield f"{info.name}.{name}", value


def test_every_cache_with_arguments_has_a_size_limit():
    found = dict(cached_functions())
    assert "pipeline.read.lines.is_bold" in found and "pipeline.text.fold" in found
    unbounded = [
        name
        for name, function in found.items()
        if function.cache_info().maxsize is None
        and inspect.signature(function.__wrapped__).parameters
    ]
    assert not unbounded

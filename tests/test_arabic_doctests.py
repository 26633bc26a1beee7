"""The examples in the Arabic layer's docstrings are true."""

import doctest
import importlib

import pytest

MODULES = ["normalize", "sentences", "tokens", "clitics", "stopwords", "boilerplate"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"dashboard.arabic.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0

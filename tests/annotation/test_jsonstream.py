"""An export read an element at a time gives what reading it whole gives, whatever the
chunks it is read in; a file that is no JSON array is an error."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotation.jsonstream import array_elements

VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text("اب c\"\\\n😀"),
                      lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text("ab", max_size=3), inner,
                                                                                   max_size=4), max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(VALUES, max_size=8), st.sampled_from([None, 1, 2]), st.integers(1, 40))
def test_elements_read_in_chunks_are_the_array(tmp_path_factory, values, indent, chunk):
    path = tmp_path_factory.mktemp("a") / "export.json"
    path.write_text(json.dumps(values, ensure_ascii=False, indent=indent), encoding="utf-8")
    assert list(array_elements(path, chunk)) == values


@pytest.mark.parametrize("text", ["", "{}", "[1, 2", "[", '[{"a": }]', "[1] x"])
def test_what_is_no_json_array_is_an_error(tmp_path, text):
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError):
        list(array_elements(path, 2))

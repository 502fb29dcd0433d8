"""Values written into the dataset card safely: YAML scalars for the front matter and
Markdown text for the body, so that a name, a licence or a speaker's name is shown as
text and never read as markup, a link or HTML."""

from __future__ import annotations

import html
import re

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]*(?: [A-Za-z0-9._+-]+)*")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: ASCII punctuation Markdown reads as markup (CommonMark lets a backslash escape any of it).
_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:])")


def yaml_scalar(value: str) -> str:
    """``value`` as one YAML scalar: plain when that cannot be misread (``cc-by-4.0``),
    else double-quoted with every line break and control character escaped."""
    if _PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS and not _is_number(value):
        return value
    out = []
    for ch in value:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF):
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def md_text(value: object) -> str:
    """``value`` as Markdown text on one line: HTML characters as entities and the
    punctuation Markdown reads as markup escaped, so ``<script>`` and
    ``[x](javascript:…)`` are shown as written, never run or linked."""
    line = " ".join(str(value).split())
    return html.escape(_MARKUP.sub(r"\\\1", line), quote=False)


def md_code(value: object) -> str:
    """``value`` as inline code (a rule id, a version): backticks inside are left out."""
    line = " ".join(str(value).replace("`", "").split())
    return f"`{line}`" if line else "–"

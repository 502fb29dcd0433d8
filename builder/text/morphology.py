"""The Arabic affixes the rules read words by, written once (folded spelling, as tokens
are compared: see :func:`builder.text.arabic.fold`)."""

#: The attached pronouns of the third person, on a noun (possessive: ``قوله``، ``بلادها``)
#: or a verb (object: ``أعلنه``، ``أبلغهم``).
PRONOUN_SUFFIXES = ("ه", "ها", "هم", "هما", "هن")
#: The endings of a nisba (gentilic) adjective: ``الليبي``، ``الليبية``، ``الليبيون``، ``الليبيين``.
NISBA_ENDINGS = ("ي", "يه", "يون", "يين")
#: The sound plural endings of a person noun: ``للصحفيين``، ``للمواطنين``، ``المواطنون``.
PERSON_PLURALS = ("يين", "ين", "ون")
#: The definite article with the proclitics that go before it: ``والحكومة``، ``للصحة``.
DEFINITE_PREFIXES = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل")

"""The Arabic affixes and word shapes the rules read words by, written once (folded spelling,
as tokens are compared: see :func:`builder.text.arabic.fold`)."""

import re

#: The attached pronouns of the third person, on a noun (possessive: ``قوله``، ``بلادها``)
#: or a verb (object: ``أعلنه``، ``أبلغهم``).
PRONOUN_SUFFIXES = ("ه", "ها", "هم", "هما", "هن")
#: The endings of a nisba (gentilic) adjective: ``الليبي``، ``الليبية``، ``الليبيون``، ``الليبيين``.
NISBA_ENDINGS = ("ي", "يه", "يون", "يين")
#: The sound plural endings of a person noun: ``للصحفيين``، ``للمواطنين``، ``المواطنون``.
PERSON_PLURALS = ("يين", "ين", "ون")
#: The definite article with the proclitics that go before it: ``والحكومة``، ``للصحة``.
DEFINITE_PREFIXES = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل")
#: The shape of an indefinite active participle of the derived verbs (مُفاعِلا، مُفتعِلين,
#: folded): the circumstance of a verb (قال هادي مخاطبا الشعب), never a name word.  A nisba
#: adjective (محليا، مصريين) takes the same letters and is none.
PARTICIPLE_SHAPE = re.compile(r"م\w{3,}(?<!ي)(?:ا|ين)")
#: The feminine participle as written (مُوجِّهة), not folded: its ة is no pronoun ه.
FEMININE_PARTICIPLE_SHAPE = re.compile(r"م\w{3,}(?<!ي)ة")
#: The shapes of the common verbal nouns of the derived verbs (مُفاعَلة، تَفعِيل، اِفتِعال،
#: اِستِفعال، اِنفِعال، إفعال): a common noun, not a name (folded, ة as ه).
VERBAL_NOUN_SHAPE = re.compile(r"م\wا\w\wه|ت\w\wي\w|ا\wت\wا\w|است\w\wا\w|ان\w\wا\w|ا\w\wا\w")

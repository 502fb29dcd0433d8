"""Review that teaches the rules: what annotators did with the candidates, read back.

* :mod:`~builder.review.properties` — the properties of a candidate the rules already know;
* :mod:`~builder.review.calibrate` — the probability that a candidate is accepted as it is,
  learnt from the statuses, and applied to candidates files;
* :mod:`~builder.review.scores` — Brier score, expected calibration error, reliability bins;
* :mod:`~builder.review.tally` — counts and precision per rule, status by type, speakers,
  corrections per document;
* :mod:`~builder.review.suggest` and :mod:`~builder.review.proposals` — lexicon entries
  and weak rules found in the corrections, and the folder they are written to;
* :mod:`~builder.review.figures`, :mod:`~builder.review.report` and
  :mod:`~builder.review.card_section` — the charts, the HTML report and the dataset card's
  section with the same charts.
"""

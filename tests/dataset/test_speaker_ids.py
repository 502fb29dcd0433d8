"""One id for one speaker across the dataset."""

from __future__ import annotations

from builder.dataset.speakers import SpeakerIndex


def test_spelling_variants_and_short_forms_share_one_id_and_the_longest_name():
    names = ["مولود جاويش أوغلو", "مولود تشاووش أوغلو", "جاويش أوغلو", "سيرغي لافروف", "لافروف", "لافروف"]
    index = SpeakerIndex(names)
    assert len({index.id_of(n) for n in names[:3]}) == 1 and index.id_of("لافروف") == index.id_of("سيرغي لافروف")
    assert index.id_of(names[0]) != index.id_of("لافروف")
    by_id = {s.id: s for s in index.speakers}
    assert by_id[index.id_of("لافروف")].name == "سيرغي لافروف"
    assert dict(by_id[index.id_of("لافروف")].variants) == {"لافروف": 2, "سيرغي لافروف": 1}


def test_other_peoples_names_arriving_later_change_no_id_and_a_longer_name_founds_the_group():
    before = SpeakerIndex(["نبيه بري", "سيرغي لافروف", "لافروف"])
    after = SpeakerIndex(["نبيه بري", "سيرغي لافروف", "لافروف", "كارين جان بيير", "إيغور سيرغي"])
    assert all(before.id_of(n) == after.id_of(n) for n in ("نبيه بري", "سيرغي لافروف", "لافروف"))
    assert SpeakerIndex(["لافروف"]).id_of("لافروف") != SpeakerIndex(["لافروف", "سيرغي لافروف"]).id_of("لافروف")


def test_two_people_of_one_surname_get_two_ids_and_unknown_names_none():
    index = SpeakerIndex(["محمد علي", "أحمد علي"])
    assert index.id_of("محمد علي") != index.id_of("أحمد علي")
    assert index.id_of("غيره") is None and index.id_of(None) is None and index.id_of("") is None
    assert all(s.id.startswith("spk-") and len(s.id) == 16 for s in index.speakers)

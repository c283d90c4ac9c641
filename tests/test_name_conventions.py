"""Family names in the person's own convention, chosen by their country's naming custom
(gazetteer/name_conventions.tsv), never an initial or a suffix."""

from __future__ import annotations

import pytest

from communique.extract.names import family_by_convention


@pytest.mark.parametrize(
    ("name", "family", "country", "expected"),
    [
        ("Wang Yi", "Yi", "CHN", "Wang"),
        ("Park Jin", "Jin", "KOR", "Park"),
        ("Nguyen Tan Dung", "Dung", "VNM", "Nguyen"),
        ("Hun Sen", "Sen", "KHM", "Hun"),
        ("José Antonio Meade Kuribreña", "Kuribreña", "MEX", "Meade"),
        ("Marcelo Luis Ebrard Casaubón", "Casaubón", "MEX", "Ebrard"),
        ("Juan Manuel Santos", "Santos", "COL", "Santos"),  # two given names, one surname
        ("Santiago Cafiero", "Cafiero", "ARG", "Cafiero"),
        ("Antonio de Aguiar Patriota", "de Aguiar", "BRA", "Patriota"),
        ("Josep Borrell Fontelles", "Fontelles", None, "Borrell"),  # EU official, no country
        ("Retno L.P. Marsudi", "L.P.", "IDN", "Marsudi"),
        ("Lloyd J. Austin III", "Austin", "USA", "Austin"),
        ("Taro Kono", "Kono", "JPN", "Kono"),
        ("Ursula von der Leyen", "von der Leyen", None, "von der Leyen"),
        ("Annalena Baerbock", "Baerbock", "DEU", "Baerbock"),
    ],
)
def test_family_name_by_convention(name: str, family: str, country: str | None, expected: str):
    assert family_by_convention(name, family, country) == expected

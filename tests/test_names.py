"""The family-name convention (``communique.names.split_name``), shared by the archive's
people and the extractor: each case is a form governments write, with the family name
the person's own convention gives."""

from __future__ import annotations

import pytest

from communique.names import family_name, split_name

CASES = [
    # (as written, country, family name, given names, suffix)
    ("Wang Yi", "CHN", "Wang", ("Yi",), None),
    ("Wang Yi", None, "Wang", ("Yi",), None),
    ("Park Jin", "KOR", "Park", ("Jin",), None),
    ("Yoon Suk Yeol", "KOR", "Yoon", ("Suk", "Yeol"), None),
    ("Kang Kyung-wha", "KOR", "Kang", ("Kyung-wha",), None),
    ("Bui Thanh Son", "VNM", "Bui", ("Thanh", "Son"), None),
    ("Samdech Akka Moha Sena Padei Techo Hun Sen", "KHM", "Hun", ("Sen",), None),
    ("Lee Hsien Loong", "SGP", "Lee", ("Hsien", "Loong"), None),
    ("Vivian Balakrishnan", "SGP", "Balakrishnan", ("Vivian",), None),
    ("Penny Wong", "AUS", "Wong", ("Penny",), None),
    ("KISHIDA Fumio", "JPN", "Kishida", ("Fumio",), None),
    ("Mr. KISHIDA Fumio", None, "Kishida", ("Fumio",), None),
    ("Motegi Toshimitsu", "JPN", "Motegi", ("Toshimitsu",), None),
    ("Fumio Kishida", "JPN", "Kishida", ("Fumio",), None),
    ("José Antonio Meade Kuribreña", "MEX", "Meade", ("José", "Antonio"), None),
    ("MEADE KURIBREÑA José Antonio", "MEX", "Meade", ("José", "Antonio"), None),
    ("Marcelo Ebrard Casaubón", "MEX", "Ebrard", ("Marcelo",), None),
    ("Marcelo Luis Ebrard Casaubón", "MEX", "Ebrard", ("Marcelo", "Luis"), None),
    ("Josep Borrell Fontelles", "ESP", "Borrell", ("Josep",), None),
    ("Josep Borrell Fontelles", None, "Borrell", ("Josep",), None),
    ("Daniel Craig Smith", "GBR", "Smith", ("Daniel", "Craig"), None),
    ("Mauro Luiz Iecker Vieira", "BRA", "Vieira", ("Mauro", "Luiz", "Iecker"), None),
    ("José Manuel García-Margallo", "ESP", "García-Margallo", ("José", "Manuel"), None),
    ("Carlos de Icaza González", "MEX", "de Icaza", ("Carlos",), None),
    ("Tatiana Clouthier Carrillo", "MEX", "Clouthier", ("Tatiana",), None),
    ("Antonio de Aguiar Patriota", "BRA", "Patriota", ("Antonio", "de", "Aguiar"), None),
    ("Lloyd J. Austin III", "USA", "Austin", ("Lloyd", "J."), "III"),
    ("Gilberto C. Teodoro Jr.", "PHL", "Teodoro", ("Gilberto", "C."), "Jr."),
    ("Joseph R. Biden, Jr.", "USA", "Biden", ("Joseph", "R."), "Jr."),
    ("Lavrov, Sergey Viktorovich", "RUS", "Lavrov", ("Sergey", "Viktorovich"), None),
    ("Hon. Ms. Vicky Ford MP", "GBR", "Ford", ("Vicky",), None),
    ("Albert F. del Rosario", "PHL", "del Rosario", ("Albert", "F."), None),
    ("Ursula von der Leyen", None, "von der Leyen", ("Ursula",), None),
    ("Kurt M. Campbell", "USA", "Campbell", ("Kurt", "M."), None),
    ("Abdullah II", "JOR", "Abdullah", (), "II"),
    ("Lavrov", "RUS", "Lavrov", (), None),
]


@pytest.mark.parametrize(("written", "country", "family", "given", "suffix"), CASES)
def test_family_name_in_the_persons_convention(
    written: str, country: str | None, family: str, given: tuple, suffix: str | None
) -> None:
    p = split_name(written, country=country)
    assert p is not None
    assert (p.family, p.given, p.suffix) == (family, given, suffix)
    assert family_name(written, country=country) == family


def test_display_order() -> None:
    assert split_name("WANG Yi", country="CHN").display == "Wang Yi"
    assert split_name("KISHIDA Fumio", country="JPN").display == "Fumio Kishida"
    assert split_name("Lloyd J. Austin III").display == "Lloyd J. Austin III"
    assert split_name("MEADE KURIBREÑA José Antonio", country="MEX").display == (
        "José Antonio Meade Kuribreña"
    )


def test_hint_orders_a_family_first_form() -> None:
    assert split_name("Hayashi Yoshimasa", family="Hayashi").family == "Hayashi"


def test_no_name() -> None:
    assert split_name(None) is None
    assert split_name("  ") is None


def test_country_in_the_description_after_a_name() -> None:
    from communique.archive.people import country_in_description

    text = (
        "He also had talks with Hon. Dr. Mamadou Tangara, Minister of Foreign Affairs, "
        "International Cooperation and Gambians Abroad of the Republic of Gambia, Hon. Ms. "
        "Vicky Ford MP, Minister of State in the Foreign, Commonwealth & Development Office "
        "(FCDO), and Mr. Daniel Ayalon, Deputy Foreign Minister, at the U.S.-Israel dialogue."
    )
    after = text.index("Tangara") + len("Tangara")
    assert country_in_description(text, after) == ("GMB", "Gambia")
    after = text.index("Ford MP") + len("Ford MP")
    assert country_in_description(text, after) == (
        "GBR",
        "Foreign, Commonwealth & Development Office",
    )
    # a pair of countries is not the person's
    assert country_in_description(text, text.index("Ayalon") + len("Ayalon")) is None

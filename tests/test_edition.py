"""The edition's facts from hand-made front-matter pages: counts, jury, criteria, ceremony,
calendar."""

from pipeline.context import Context
from pipeline.enrich import dates, edition
from pipeline.stages import frontmatter, layout

from .conftest import line, page

LEFT, RIGHT = 57.0, 298.0


def front_pages():
    """Two front-matter pages printed like the 2023 yearbook's: 12 pt bold headings, 9.5 pt text,
    the jury as a two-column list where one organisation runs over two lines."""
    body = dict(size=9.5)
    head = dict(size=12.0, bold=True)
    jury_rows = [
        ("Anne Martin, Orange", "Jean Bernard, Banque des Territoires"),
        ("Paul Durand, Intercommunalités de", "Marc Roux, Région Sud"),
        ("France", "Zoé Blanc, Localtis"),
    ]
    p4 = [
        line("Qu'est-ce que le Label ?", 99, **head),
        line(
            "En 2031, nous avons reçu 112 dossiers, et ce sont 40 collectivités qui ont passé les "
            "auditions.",
            119,
            **body,
        ),
        line("Le jury", 150, **head),
        line("Un grand merci à eux :", 170, **body),
    ]
    for i, (left, right) in enumerate(jury_rows):
        p4 += [
            line(left, 187 + 13.5 * i, x0=LEFT, **body),
            line(right, 187 + 13.5 * i, x0=RIGHT, **body),
        ]
    p4 += [
        line("Léa Petit, ANCT", 187 + 13.5 * 3, x0=LEFT, **body),
        line("Les critères de notation", 260, **head),
        line("Le jury pouvait s'appuyer sur les critères :", 280, **body),
        line("• Innovation", 297, x0=65, **body),
        line("• ROI (utilité / efficacité)", 311, x0=65, **body),
    ]
    p5 = [
        line("Résultats de la sélection", 66, size=17, bold=True),
        line(
            "Parmi les 40 projets, seuls 21 territoires ont été retenus pour le Label. Les "
            "distinctions ont été",
            99,
            **body,
        ),
        line(
            "remises lors de la cérémonie du 14 mai 2031 au Palais des Congrès à Nantes.",
            112,
            **body,
        ),
        line("Label « Territoire Innovant » 2032", 150, size=17, bold=True),
        line("Les candidatures sont ouvertes jusqu'au 31 septembre 2031.", 183, **body),
        line("Les résultats seront annoncés en février 2032.", 201, **body),
        line("Le Forum des Interconnectés se tiendra du 10 au 12 mars 2032.", 219, **body),
    ]
    return layout.order([page(4, p4), page(5, p5)])


def facts(profile):
    context = Context(profile, body=9.5)
    sections = frontmatter.sections(front_pages(), context)
    return edition.facts(sections, [dates.find(s.text) for s in sections], context, 2031)


def test_counts(profile):
    f = facts(profile)
    assert (f.applications, f.auditioned, f.labelled) == (112, 40, 21)


def test_jury_read_column_by_column_with_an_organisation_over_two_lines(profile):
    assert [(m.name, m.organisation) for m in facts(profile).jury] == [
        ("Anne Martin", "Orange"),
        ("Paul Durand", "Intercommunalités de France"),
        ("Léa Petit", "ANCT"),
        ("Jean Bernard", "Banque des Territoires"),
        ("Marc Roux", "Région Sud"),
        ("Zoé Blanc", "Localtis"),
    ]
    # the left column runs on a row below the right one: it is still read before it


def test_criteria(profile):
    assert facts(profile).criteria == ["Innovation", "ROI (utilité / efficacité)"]


def test_ceremony_date_and_place(profile):
    c = facts(profile).ceremony
    assert (c.when.date.value, c.venue, c.city) == ("2031-05-14", "Palais des Congrès", "Nantes")


def test_next_edition_calendar(profile):
    f = facts(profile)
    assert f.next_year == 2032
    assert [(step, d.date.text, d.date.value) for step, d in f.calendar] == [
        ("applications_close", "31 septembre 2031", None),  # impossible: kept, invalid
        ("results", "février 2032", "2032-02"),
        ("ceremony", "du 10 au 12 mars 2032", "2032-03-10/2032-03-12"),
    ]

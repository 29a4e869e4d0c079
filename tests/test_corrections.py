"""The archivist's corrections file: its format, how it is applied, what is reported, and ids
that let a fix survive a re-conversion by another version of the pipeline."""

import json

import pytest

from pipeline.conversion import convert
from pipeline.errors import InputError
from pipeline.options import Options
from pipeline.review import corrections, edits
from pipeline.stages.place import record_id

from .test_cli import run
from .yearbook import Block, Card, Category, Yearbook, build

LONG_TITLE = "Un guichet numérique unique pour les démarches d'urbanisme des communes rurales"
APPORTS = "Les délais d'instruction ont baissé de moitié."


def yearbook(title: str = LONG_TITLE, summary: str = "Les communes déposent en ligne.") -> Yearbook:
    """One category, two cards; the first one's title and summary vary between 'versions'."""
    blocks = [
        Block("INNOVATION DU PROJET :", ["Un seul formulaire pour toutes les communes."]),
        Block("LES APPORTS DU PROJET :", [APPORTS]),
    ]
    return Yearbook(
        2024,
        [
            Category(
                "MODERNISER LE SERVICE PUBLIC",
                [
                    Card(
                        "or", "la Communauté de communes du Pays de Lure", title, [summary], blocks
                    ),
                    Card(
                        "argent",
                        "la Ville de Lunas",
                        "Le cahier de liaison",
                        ["Un carnet en ligne."],
                        blocks,
                    ),
                ],
            )
        ],
    )


@pytest.fixture(scope="module")
def book_pdf(tmp_path_factory):
    return build(tmp_path_factory.mktemp("corrections") / "annuaire_2024.pdf", yearbook())


def converted(pdf, folder) -> dict:
    options = Options(enrich=False, corrections=str(folder / "{name}.corrections.toml"))
    return json.loads(convert(pdf, options).document.model_dump_json())


def write(folder, name: str, text: str):
    path = folder / f"{name}.corrections.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_ids_keep_whole_words_and_only_the_first_words_of_the_title():
    first = record_id(2023, "Aménagement & attractivité du territoire", LONG_TITLE)
    assert (
        first == "2023-amenagement-attractivite-du-territoire-un-guichet-numerique-unique-pour-les"
    )
    # a better reading of the end of the title, its case, accents or quotes: the same id
    assert (
        record_id(
            2023,
            "Aménagement & attractivité du territoire",
            "« UN GUICHET NUMERIQUE UNIQUE POUR LES démarches mieux lues »",
        )
        == first
    )
    # a single word longer than the limit is kept whole, never cut
    assert record_id(None, "E-santé", "Anticonstitutionnellementissimementalement") == (
        "x-e-sante-anticonstitutionnellementissimementalement"
    )


def test_a_fix_is_applied_and_the_record_says_so(book_pdf, tmp_path):
    doc = converted(book_pdf, tmp_path)
    first = doc["projects"][0]
    write(
        tmp_path,
        book_pdf.stem,
        f'''
[[fix]]
project = "{first["id"]}"
field = "apports"
value = "Les délais ont baissé de moitié en 2024."
extracted = "{APPORTS}"
note = "chiffre du dossier"

[[fix]]
project = "Le cahier de liaison"   # by its title
field = "territories"
value = ["Ville de Lunas (VDL)", "Département de l'Hérault"]

[[checked]]
project = "{first["id"]}"
''',
    )
    fixed = converted(book_pdf, tmp_path)
    first, second = fixed["projects"]
    assert first["apports"] == "Les délais ont baissé de moitié en 2024."
    assert first["provenance"]["apports"] == "corrected"
    assert first["checked"] is True and second["checked"] is False
    [fix] = first["corrections"]
    assert (fix["field"], fix["extracted"], fix["note"]) == (
        "apports",
        APPORTS,
        "chiffre du dossier",
    )
    assert fix["boxes"] == doc["projects"][0]["provenance"]["apports"]
    assert [(t["name"], t["acronym"], t["kind"]) for t in second["territories"]] == [
        ("Ville de Lunas", "VDL", "commune"),
        ("Département de l'Hérault", None, "departement"),
    ]
    assert second["corrections"][0]["extracted"] == ["Ville de Lunas"]
    assert not [w for w in fixed["warnings"] if w["code"].startswith("correction")]


def test_corrected_territories_are_linked_to_the_registry(book_pdf, tmp_path):
    """correct runs before link: the territories a fix writes are the ones linked, so that a
    homonym the card could not tell apart is told apart by the territory the archivist added."""
    read = converted(book_pdf, tmp_path)
    [lunas] = read["projects"][1]["territories"]
    assert (lunas["match"], lunas["code"]) == ("ambiguous", None)
    assert [w["project_id"] for w in read["warnings"] if w["code"] == "territory_ambiguous"] == [
        read["projects"][1]["id"]
    ]
    write(
        tmp_path,
        book_pdf.stem,
        '[[fix]]\nproject = "Le cahier de liaison"\nfield = "territories"\n'
        'value = ["Ville de Lunas", "Département de l\'Hérault"]\n',
    )
    fixed = converted(book_pdf, tmp_path)
    territories = fixed["projects"][1]["territories"]
    assert [(t["name"], t["code"], t["departement"], t["match"]) for t in territories] == [
        ("Ville de Lunas", "34144", "34", "exact"),
        ("Département de l'Hérault", "34", "34", "exact"),
    ]
    assert fixed["projects"][1]["provenance"]["territories"] == "corrected"
    assert not [w for w in fixed["warnings"] if w["code"] == "territory_ambiguous"]


def test_a_correction_survives_a_changed_extraction(tmp_path):
    """Version 1 of the pipeline reads the title and summary one way; the archivist corrects the
    'apports' and the summary. Version 2 reads the end of the title and the summary otherwise:
    the record keeps its id, the apports fix is still applied, the summary fix (written against
    a value no longer read) is reported and not applied."""
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    v1 = build(tmp_path / "v1" / "annuaire_2024.pdf", yearbook())
    doc = converted(v1, tmp_path)
    record = doc["projects"][0]
    write(
        tmp_path,
        "annuaire_2024",
        f'''
[[fix]]
project = "{record["id"]}"
field = "apports"
value = "Corrigé."
extracted = "{record["apports"]}"

[[fix]]
project = "{record["id"]}"
field = "summary"
value = "Résumé corrigé."
extracted = "{record["summary"]}"
''',
    )
    changed = LONG_TITLE.replace("communes rurales", "communes du Pays de Lure")
    v2 = build(
        tmp_path / "v2" / "annuaire_2024.pdf",
        yearbook(changed, "Les communes déposent leurs dossiers en ligne."),
    )
    again = converted(v2, tmp_path)["projects"][0]
    assert again["id"] == record["id"] and again["title"] == changed
    assert again["apports"] == "Corrigé."
    assert again["summary"] == "Les communes déposent leurs dossiers en ligne."
    assert [c["field"] for c in again["corrections"]] == ["apports"]
    [stale] = [w for w in converted(v2, tmp_path)["warnings"] if w["code"] == "correction_stale"]
    assert stale["project_id"] == record["id"] and "summary" in stale["message"]


def test_command_line_one_applied_two_reported_exit_0_or_1_with_strict(book_pdf, tmp_path):
    """The acceptance: a fix for a missing project, one for a changed value, one valid."""
    doc = converted(book_pdf, tmp_path / "none")
    first = doc["projects"][0]
    write(
        tmp_path,
        book_pdf.stem,
        f'''
[[fix]]
project = "2024-moderniser-le-service-public-un-guichet-numerique"
field = "title"
value = "Titre"

[[fix]]
project = "{first["id"]}"
field = "innovation"
value = "Autre chose."
extracted = "Un texte que le programme ne lit plus."

[[fix]]
project = "{first["id"]}"
field = "medal"
value = "argent"
extracted = "or"
''',
    )
    r = run(book_pdf, "-o", tmp_path, "--no-enrich")
    assert r.returncode == 0, r.stderr
    out = json.loads((tmp_path / f"{book_pdf.stem}.json").read_text(encoding="utf-8"))
    assert out["projects"][0]["medal"] == "argent"
    codes = [w["code"] for w in out["warnings"] if w["code"].startswith("correction")]
    assert codes == ["correction_unmatched", "correction_stale"]
    unmatched = next(w for w in out["warnings"] if w["code"] == "correction_unmatched")
    assert f"the nearest is {first['id']}" in unmatched["message"]
    strict = run(book_pdf, "-o", tmp_path, "--no-enrich", "--strict")
    assert strict.returncode == 1


@pytest.mark.parametrize(
    "text, says",
    [
        ('[[fix]]\nproject = "x"\nfield = "titre"\nvalue = "y"\n', "'field' must be one of"),
        ('[[fix]]\nproject = "x"\nfield = "title"\n', "no 'value'"),
        ('[[fix]]\nproject = "x"\nfield = "title"\nvalue = ""\n', "without a title"),
        ('[[fix]]\nproject = "x"\nfield = "medal"\nvalue = "platine"\n', "must be one of or"),
        ('[[fix]]\nproject = "x"\nfield = "territories"\nvalue = "A"\n', "list of territories"),
        ('[[fix]]\nproject = "x"\nfield = "title"\nvalue = "y"\nvaleur = "z"\n', "unknown key"),
        ('[[fix]]\nproject = "x"\nfield = "title"\nvalue = "y"\n' * 2, "a second time"),
        ('[[checked]]\nproject = ""\n', "'project' must name a record"),
        ("[fixes]\n", "unknown table"),
        ("fix = 3\n", "one table per entry"),
        ('[[fix]\nproject = "x"\n', "not a valid TOML"),
    ],
)
def test_a_corrections_file_that_cannot_be_used_is_one_clear_error(tmp_path, text, says):
    path = write(tmp_path, "annuaire", text)
    with pytest.raises(InputError) as e:
        corrections.load(path)
    assert says in str(e.value) and "\n" not in str(e.value)


def test_command_line_bad_corrections_file_exit_2_and_nothing_written(book_pdf, tmp_path):
    write(tmp_path, book_pdf.stem, '[[fix]]\nproject = "x"\nfield = "titre"\nvalue = "y"\n')
    r = run(book_pdf, "-o", tmp_path, "--no-enrich")
    assert r.returncode == 2 and "corrections.toml" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / f"{book_pdf.stem}.json").exists()
    missing = run(book_pdf, "-o", tmp_path, "--corrections", tmp_path / "absent.toml")
    assert missing.returncode == 2 and "no such corrections file" in missing.stderr


def test_a_title_two_records_share_is_reported_not_guessed(tmp_path):
    blocks = [Block("INNOVATION DU PROJET :", ["Texte."])]
    twins = Yearbook(
        2024,
        [
            Category(
                "E-SANTÉ",
                [
                    Card("or", "la Ville de Lunas", "Le relais santé", ["Un."], blocks),
                    Card("bronze", "la Ville de Lure", "Le relais santé", ["Deux."], blocks),
                ],
            )
        ],
    )
    pdf = build(tmp_path / "annuaire_2024.pdf", twins)
    write(
        tmp_path, pdf.stem, '[[fix]]\nproject = "Le relais santé"\nfield = "summary"\nvalue = "X"\n'
    )
    doc = converted(pdf, tmp_path)
    assert [p["summary"] for p in doc["projects"]] == ["Un.", "Deux."]
    [w] = [w for w in doc["warnings"] if w["code"] == "correction_unmatched"]
    assert "2 records have this title" in w["message"]


def test_the_app_writes_the_documented_format_and_keeps_the_archivists_lines(tmp_path):
    path = write(tmp_path, "annuaire", '# revu le 3 mars\n[[checked]]\nproject = "2024-a-b"  # A\n')
    changes = [
        edits.Change("summary", "Ligne 1\nLigne 2", "Lu", "note"),
        edits.Change("territories", ("Ville de Lure",), ("Lure",), None),
    ]
    edits.save(path, "2024-c-d", "C", changes, {}, checked=True)
    text = path.read_text(encoding="utf-8")
    edits.save(path, "2024-c-d", "C", changes, {}, checked=True)
    assert path.read_text(encoding="utf-8") == text  # saving again changes nothing
    assert text.startswith("# revu le 3 mars\n") and text.count("[[fix]]") == 2
    book = corrections.load(path)
    assert book.checked == ("2024-a-b", "2024-c-d")
    assert [(f.field, f.value, f.extracted, f.note) for f in book.fixes] == [
        ("summary", "Ligne 1\nLigne 2", "Lu", "note"),
        ("territories", ("Ville de Lure",), ("Lure",), None),
    ]
    # back to the extracted value: the fix goes; a note alone is updated; unchecked
    edits.save(
        path,
        "2024-c-d",
        "C",
        [edits.Change("summary", "Lu", "Lu", None)],
        {"territories": "vu sur la page"},
        checked=False,
    )
    book = corrections.load(path)
    assert [(f.field, f.note) for f in book.fixes] == [("territories", "vu sur la page")]
    assert book.checked == ("2024-a-b",)


def test_the_database_keeps_the_corrections_and_the_checked_mark(book_pdf, tmp_path):
    import sqlite3

    from pipeline.outputs import sqlite as database

    record = converted(book_pdf, tmp_path)["projects"][0]
    write(
        tmp_path,
        book_pdf.stem,
        f'[[fix]]\nproject = "{record["id"]}"\nfield = "apports"\nvalue = "Corrigé."\n'
        f'[[checked]]\nproject = "{record["id"]}"\n',
    )
    doc = convert(
        book_pdf, Options(enrich=False, corrections=str(tmp_path / "{name}.corrections.toml"))
    ).document
    database.load(doc, tmp_path / "labels.sqlite")
    with sqlite3.connect(tmp_path / "labels.sqlite") as db:
        provenance, fixes, checked = db.execute(
            "SELECT provenance, corrections, checked FROM projects WHERE id = ?", (record["id"],)
        ).fetchone()
        text = db.execute(
            "SELECT text FROM blocks WHERE project_id = ? AND name = 'apports'", (record["id"],)
        ).fetchone()[0]
    assert json.loads(provenance)["apports"] == "corrected" and checked == 1
    assert json.loads(fixes)[0]["extracted"] == APPORTS and text == "Corrigé."

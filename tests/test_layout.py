"""Reading order, paragraphs and list items, hyphenation."""

from pipeline.stages import layout, regions

from .conftest import line, page, stack


def reading_order(lines):
    return regions.split(page(1, lines)).lines


def test_two_columns_are_read_left_then_right():
    left = [line(f"gauche {i}", 100 + 14 * i, x0=56, width=200) for i in range(4)]
    right = [line(f"droite {i}", 100 + 14 * i, x0=310, width=200) for i in range(4)]
    full = line("Une ligne pleine largeur sous les deux colonnes", 200, x0=56, width=480)
    ordered = reading_order(right + [full] + left)
    assert [ln.text for ln in ordered] == [f"gauche {i}" for i in range(4)] + [
        f"droite {i}" for i in range(4)
    ] + [full.text]


def test_single_column_keeps_top_to_bottom_order():
    lines = stack(["b", "c"], top=120) + [line("a", 100)]
    assert [ln.text for ln in reading_order(lines)] == ["a", "b", "c"]


def test_a_wider_gap_starts_a_paragraph():
    lines = stack(["Première ligne du premier", "paragraphe."]) + stack(
        ["Second paragraphe."], top=100 + 13.6 + 18.1
    )
    paras = layout.paragraphs(lines, pitch=13.6)
    assert layout.render(paras) == "Première ligne du premier paragraphe.\nSecond paragraphe."


def test_bullets_nesting_and_hanging_indent():
    lines = [
        line("Le projet visait à :", 100),
        line("• Placer les usagers au centre :", 115, x0=65.3, size=9.5),
        line("◦ Proposer une ergonomie plus", 130, x0=88.0, size=9.5),
        line("efficace sur mobile,", 143.6, x0=102.2),
        line("◦ Faire participer les usagers.", 158, x0=88.0, size=9.5),
        line("• Développer un site exemplaire en matière", 173, x0=65.3, size=9.5),
        line("d'écoconception.", 186.6, x0=79.5),
        line("Ce projet a mobilisé :", 200.2),
        line("- l'éditeur", 215, x0=65.3),
    ]
    assert layout.render(layout.paragraphs(lines, pitch=13.6)) == (
        "Le projet visait à :\n"
        "- Placer les usagers au centre :\n"
        "  - Proposer une ergonomie plus efficace sur mobile,\n"
        "  - Faire participer les usagers.\n"
        "- Développer un site exemplaire en matière d'écoconception.\n"
        "Ce projet a mobilisé :\n"
        "- l'éditeur"
    )


def test_numbered_items_are_list_items():
    lines = [line("1. Premier point", 100, x0=65), line("2) Second point", 114, x0=65)]
    assert layout.render(layout.paragraphs(lines, pitch=13.6)) == "- Premier point\n- Second point"


def test_a_paragraph_runs_over_a_page_break_unless_the_sentence_ended():
    a = [line("une phrase qui continue", 700, page=1), line("sur la page suivante.", 100, page=2)]
    b = [line("Une phrase finie.", 700, page=1), line("Une autre phrase.", 100, page=2)]
    assert (
        layout.render(layout.paragraphs(a, pitch=13.6))
        == "une phrase qui continue sur la page suivante."
    )
    assert layout.render(layout.paragraphs(b, pitch=13.6)) == "Une phrase finie.\nUne autre phrase."


def test_hyphenation_is_mended_by_the_document_else_at_a_hyphenation_point_between_fragments():
    words = layout.Lexicon(
        {"dématérialisation": 3, "co-construction": 2, "centres": 2, "villes": 3, "au": 4}
    )
    assert (
        layout.join_lines(["l'obligation réglemen-", "taire"], words)
        == "l'obligation réglemen-taire"
    )
    words.hyphenates = True  # a document whose typesetter hyphenates
    assert layout.join_lines(["la dématé-", "rialisation des"], words) == "la dématérialisation des"
    assert (
        layout.join_lines(["la co-", "construction"], words) == "la co-construction"
    )  # spelled so
    assert layout.join_lines(["les centres-", "villes"], words) == "les centres-villes"  # two words
    assert (
        layout.join_lines(["l'obligation réglemen-", "taire"], words)
        == "l'obligation réglementaire"
    )
    assert layout.join_lines(["d'au-", "torisations"], words) == "d'autorisations"
    assert (
        layout.join_lines(["coll-", "ectivité"], words) == "coll-ectivité"
    )  # no hyphenation point there
    assert layout.join_lines(["Champsaur-", "Valgaudemar"], words) == "Champsaur-Valgaudemar"
    assert layout.join_lines(["l'e-", "administration"]) == "l'e-administration"


def test_a_name_broken_before_a_capital_is_joined_when_the_document_writes_it_whole():
    """The 2023 brochure breaks "OpenStreet-" + "Map" and "Pasto-" + "Rando", which its other
    lines write whole; a name it never writes whole keeps its hyphen ("Saint-" + "Étienne"),
    though the document hyphenates and "saintétienne" breaks there."""
    text = ["Les données d'OpenStreetMap.", "Les données d'OpenStreet-", "Map, à Saint-"]
    text.append("Étienne.")
    lines = stack(text[:1]) + stack(text[1:], top=200)
    words = layout.lexicon([page(1, lines)])
    words.hyphenates = True
    assert layout.render(layout.paragraphs(lines, words, pitch=13.6)) == (
        "Les données d'OpenStreetMap.\nLes données d'OpenStreetMap, à Saint-Étienne."
    )


def test_lexicon_skips_words_in_capitals():
    from .conftest import page

    words = layout.lexicon([page(1, [line("NUMERIQUE et numérique, l'aménagement", 100)])])
    assert words["numérique"] == 1 and "numerique" not in words and words["aménagement"] == 1


def test_lexicon_leaves_out_the_pieces_of_words_broken_at_a_line_end():
    from .conftest import page

    words = layout.lexicon([page(1, stack(["les demandes de ter-", "rasses et de terrasses"]))])
    assert (
        "ter" not in words
        and "rasses" not in words
        and words["terrasses"] == 1
        and words["de"] == 2
    )


def test_a_document_hyphenates_when_many_of_its_lines_end_in_a_hyphen():
    from .conftest import page

    text = [
        "Le projet a été initié avant l'obligation",
        "réglementaire nationale et a été le fruit",
    ] * 10
    plain = [page(1, stack(text))]
    ends = [
        "d'un partenariat étroit Ville de Paris / ser-",
        "vices de l'État, de la Préfec-",
        "ture de Paris",
    ]
    hyphenated = [page(1, stack(text[:-3] + ends))]  # 2 lines of 20
    assert not layout.lexicon(plain).hyphenates and layout.lexicon(hyphenated).hyphenates


def test_typical_pitch_is_the_pitch_of_wrapped_lines():
    heading = line("TITRE", 60, bold=True, width=60)
    paragraph = stack(["a", "b", "c"], top=80, pitch=13.6, width=480) + [
        line("d.", 80 + 3 * 13.6, width=40)
    ]
    shorts = [line(f"Phrase {i}.", 160 + 20 * i, width=60) for i in range(6)]  # one-line paragraphs
    assert (
        round(
            layout.typical_pitch([heading] + paragraph + shorts + [line("• item", 300, x0=65)]), 1
        )
        == 13.6
    )


def test_ocr_bullets_with_stray_underscores():
    from pipeline.read.lines import lines_from_chars

    def chars(text, x0):
        return [
            {
                "text": ch,
                "x0": x0 + 5 * i,
                "x1": x0 + 5 * i + 4.5,
                "top": 100.0,
                "bottom": 108.0,
                "size": 8.0,
                "fontname": "GlyphLessFont",
                "non_stroking_color": (0,),
                "upright": True,
            }
            for i, ch in enumerate(text)
        ]

    [ln] = lines_from_chars(chars("°__", 89) + chars("Proposer une ergonomie", 103 + 12), page=1)
    assert ln.text == "°__ Proposer une ergonomie"
    assert layout.render(layout.paragraphs([ln], pitch=13.6)) == "- Proposer une ergonomie"


def three_columns(texts: list[tuple[str, str, str]], top: float) -> list:
    return [
        line(text, top + 13 * i, x0=x0)
        for i, row in enumerate(texts)
        for text, x0 in zip(row, (50, 221, 392), strict=True)
    ]


def test_three_narrow_columns_of_running_text_are_no_table():
    """Short lines side by side in three columns: running text (most lines carry a sentence
    on), read column by column — and so are the last rows where its paragraphs end, however
    few, since they stand on the same columns."""
    body = three_columns(
        [
            ("Le projet s'adresse d'abord", "Un guichet numérique unique", "habitants répartis"),
            ("aux aidants, puis aux", "permet pour la première fois", "sur 26 communes. Avant"),
            ("habitants. Lancé en 2017,", "de partager les données", "le projet, il fallait"),
            ("il s'appuie sur des ateliers", "entre les communes. Le", "réserver les salles"),
            ("ouverts à tous.", "projet associe les agents.", "municipales."),
        ],
        100,
    )
    ends = three_columns([("Il repose sur", "Le territoire compte", "Les élus saluent")], 300)
    rows = layout.table_rows(body + ends)
    assert not any(ln.cells for ln in rows)
    table = three_columns(
        [
            ("Budget participatif", "Ville de Lens", "Or"),
            ("Alerte inondation", "Mairie de Dax", "Argent"),
        ],
        500,
    )
    assert [ln.cells for ln in layout.table_rows(table)] == [
        ("Budget participatif", "Ville de Lens", "Or"),
        ("Alerte inondation", "Mairie de Dax", "Argent"),
    ]


def test_columns_run_on_through_a_white_band_their_breaks_share():
    """Two columns whose paragraph breaks line up leave a white band across the page: the
    columns still run on through it, the left one read whole before the right one."""

    def column(x0, name):
        top = [line(f"{name} {i}", 100 + 14 * i, x0=x0, width=200) for i in range(4)]
        foot = [line(f"{name} {i}", 200 + 14 * i, x0=x0, width=200) for i in range(4, 8)]
        return top + foot

    ordered = reading_order(column(310, "droite") + column(56, "gauche"))
    assert [ln.text for ln in ordered] == [f"gauche {i}" for i in range(8)] + [
        f"droite {i}" for i in range(8)
    ]


def test_two_columns_with_figures_are_no_table():
    """Two rows of two columns where a figure happens to stand, below rows of the same
    columns: running text on the page's columns, not a table of two rows."""
    long_rows = [
        (
            f"des lignes de texte courant assez longues {i}",
            f"et leur suite dans la colonne voisine {i}",
        )
        for i in range(6)
    ]
    short_rows = [
        ("habitants répartis sur", "le territoire compte 4436"),
        ("les communes.", "habitants depuis 2021."),
    ]
    lines = [
        line(text, 100 + 13 * i, x0=x0, width=150)
        for i, pair in enumerate(long_rows + short_rows)
        for text, x0 in zip(pair, (50, 223), strict=True)
    ]
    assert not any(ln.cells for ln in layout.table_rows(lines))

"""Context-aware short-line rules (B301-B304): page chrome goes, the article's own short
lines (headings, lists, scores, an author's name) stay."""
from __future__ import annotations

POSTS = [
    ("Anna_K", "Weiß jemand, ob die Notbetreuung in den Kitas auch für Pflegekräfte gilt?"),
    ("Tom1984", "Ja, das steht auf der Seite des Ministeriums, gleich ganz oben im Text."),
    ("Anna_K", "Danke, dann rufe ich morgen früh beim Jugendamt an und frage nach."),
    ("Tom1984", "Gern. Bei uns hat das mit dem Formular vom Arbeitgeber gut geklappt."),
    ("Anna_K", "Das Formular habe ich schon, die Bescheinigung muss ich noch holen."),
    ("Mia_S", "Bei uns im Landkreis gilt das erst ab nächster Woche, leider."),
    ("Tom1984", "Das ist überall verschieden, am besten direkt bei der Gemeinde fragen."),
    ("Anna_K", "Mache ich, danke euch beiden für die schnellen Antworten hier."),
    ("Mia_S", "Viel Erfolg! Bei uns hat es am Ende nur zwei Tage gedauert."),
    ("Jonas_B", "Kleiner Hinweis: Die Hotline des Landes ist ab acht Uhr erreichbar."),
]


def _kept_lines(checker, text: str, lang: str) -> list[str]:
    return [line for line in checker.clean(text, lang=lang).text.split("\n") if line]


def _forum() -> str:
    lines = []
    for user, post in POSTS:
        lines += [user, "Beiträge anzeigen", post, "Zitieren"]
    return "\n".join(lines) + "\n"


def test_forum_labels_go_but_user_names_that_recur_less_often_stay(checker):
    result = checker.clean(_forum(), lang="de")
    kept = [line for line in result.text.split("\n") if line]
    assert "Zitieren" not in kept
    assert kept.count("Beiträge anzeigen") == 10  # two words: left to B190's flag
    # Anna_K comes back four times, but less than half as often as the template's
    # label (ten times, once a post): a user name, not furniture.
    assert kept.count("Anna_K") == 4 and kept.count("Tom1984") == 3
    assert all(post in kept for _, post in POSTS)
    assert checker.clean(result.text, lang="de").text == result.text


def test_pager_goes_but_scores_and_dates_stay(checker):
    text = ("Seite 1 von 14\n1\n2\n3\n→\n"
            "Die Mannschaft gewann das Spiel am Samstag vor ausverkauftem Haus.\n"
            "3 - 1\n"
            "Der Trainer lobte nach dem Abpfiff vor allem die Abwehr seiner Elf.\n"
            "17.03.2020, 21:30\n")
    kept = _kept_lines(checker, text, "de")
    assert not {"1", "2", "3", "→"} & set(kept)
    assert "3 - 1" in kept and "17.03.2020, 21:30" in kept


def test_menu_above_headline_goes_headline_and_heading_stay(checker):
    text = ("Accueil\nMonde\nAsie\n"
            "Un troisième Français mort dans le séisme au Népal\n"
            "Le bilan\n"
            "Un troisième Français a été tué dans le tremblement de terre samedi au Népal, "
            "a annoncé jeudi le Quai d'Orsay.\n")
    kept = _kept_lines(checker, text, "fr")
    assert kept[0] == "Un troisième Français mort dans le séisme au Népal"
    assert "Le bilan" in kept


def test_tags_after_the_last_paragraph_go_lists_and_signature_stay(checker):
    body = ("Le conseil municipal a voté mardi le maintien de la bibliothèque ouverte "
            "jusqu'à 22 heures, après trois heures de débat.\n")
    tags = _kept_lines(checker, body + "Partager\nMots-clés\nCulture\nBibliothèques\n", "fr")
    assert tags == [body.strip()]
    listed = body + "Les lauréats :\nClaire Martin\nPaul Durand\n"
    assert _kept_lines(checker, listed, "fr")[-2:] == ["Claire Martin", "Paul Durand"]
    signed = body + "Marie Dupont\n"
    assert _kept_lines(checker, signed, "fr")[-1] == "Marie Dupont"


def test_short_lines_inside_the_article_stay(checker):
    text = ("Réforme des retraites\n\n"
            "Le gouvernement a présenté mardi son projet de loi, très contesté par les syndicats.\n\n"
            "Ce qui change\n\n"
            "L'âge légal passe à 64 ans.\nLa durée de cotisation augmente.\n\n"
            "Les syndicats appellent à manifester jeudi dans toute la France, de Paris à Marseille.\n")
    assert checker.clean(text, lang="fr").text == text


def test_menus_outside_the_article_go_as_one_finding_each_tag_lists_inside_stay(checker):
    header = ["Accueil", "France", "Planète", "Idées", "Culture", "Sports"]
    footer = ["FAQ", "La rédaction", "Contact", "Publicité", "Données personnelles", "Crédits"]
    tags = ["Retraites", "Syndicats", "Grève", "Assemblée", "Sénat"]
    body = [
        "Retraites : le gouvernement recule",
        "Le gouvernement a présenté mardi son projet de loi, très contesté par les syndicats.",
        *tags,
        "Les syndicats appellent à manifester jeudi dans toute la France, de Paris à Marseille.",
    ]
    text = "\n".join(header + body + footer) + "\n"
    result = checker.clean(text, lang="fr")
    assert result.text == "\n".join(body) + "\n"
    runs = [f for f in result.report.findings if f.rule == "B306"]
    assert [f.text.split("\n") for f in runs] == [header, footer]

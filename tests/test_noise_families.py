"""The session-3 noise families (B222–B248, M212–M218, D205, S213) on whole articles.

Each rule file's examples test the rule alone on one line. Here the rules run together
with every other rule, inside realistic articles in five languages: a noise line of
each family placed where sites put it is removed, and the news sentences that look
closest to one (written to sit next to the same words) are left untouched — a rule
that takes a real sentence is worse than one that misses a footer.
"""
from __future__ import annotations

import pytest

NEW_CODES = ({f"B{n}" for n in range(222, 249)} | {f"M{n}" for n in range(212, 219)}
             | {"D205", "S213"})

ARTICLE = {
    "en": ("The city council voted on Tuesday to close the old bridge over the river for repairs.",
           "Engineers found cracks in two of the supporting piers during an inspection in March.",
           "The work is expected to take six months and will cost about four million dollars."),
    "fr": ("Le conseil municipal a voté mardi la fermeture du vieux pont pour des travaux urgents.",
           "Les ingénieurs ont découvert des fissures dans deux piles lors d'une inspection en mars.",
           "Les travaux devraient durer six mois et coûter environ quatre millions d'euros."),
    "de": ("Der Stadtrat hat am Dienstag beschlossen, die alte Brücke für Reparaturen zu sperren.",
           "Ingenieure hatten bei einer Prüfung im März Risse in zwei Pfeilern entdeckt.",
           "Die Arbeiten sollen sechs Monate dauern und rund vier Millionen Euro kosten."),
    "es": ("El ayuntamiento aprobó el martes cerrar el viejo puente sobre el río para repararlo.",
           "Los ingenieros hallaron grietas en dos de los pilares durante una inspección en marzo.",
           "Las obras durarán seis meses y costarán unos cuatro millones de euros, según el consistorio."),
    "pt": ("A câmara municipal aprovou na terça-feira o fechamento da velha ponte para reparos.",
           "Os engenheiros encontraram rachaduras em dois pilares durante uma inspeção em março.",
           "As obras devem durar seis meses e custar cerca de quatro milhões de reais."),
}

# (language, where, noise line): one or more lines per family, written for these tests.
NOISE = [
    ("en", "middle", "Story continues below advertisement"),
    ("pt", "middle", "Continua após a publicidade"),
    ("es", "top", "Página 2 de 15"),
    ("fr", "bottom", "Article plus récent Article plus ancien Accueil"),
    ("de", "bottom", "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert"),
    ("pt", "bottom", "Posts Relacionados"),
    ("pt", "middle", "Clique aqui e receba as notícias no Telegram"),
    ("de", "middle", "Hier geht es zum Live-Ticker"),
    ("pt", "bottom", "Ver original"),
    ("es", "bottom", "Si ya eres suscriptor, inicia sesión."),
    ("en", "top", "Toggle navigation"),
    ("fr", "bottom", "Suivi par 12 abonnés"),
    ("pt", "bottom", "Compartilhe isso:"),
    ("fr", "bottom", "Articles récents"),
    ("en", "bottom", "The post How to fix your Wi-Fi appeared first on Tech Side."),
    ("de", "bottom", "Bleiben Sie informiert mit dem Newsletter von news.de"),
    ("fr", "bottom", "Continuer la lecture"),
    ("es", "bottom", "Queda prohibida la reproducción total o parcial de este contenido sin autorización."),
    ("es", "middle", "¿No puedes ver el video? Haz clic aquí."),
    ("de", "bottom", "Nächster Beitrag: Die zehn besten Weine"),
    ("pt", "top", "Se não conseguir visualizar este e-mail, clique aqui."),
    ("fr", "top", "Vu 1234 fois"),
    ("es", "bottom", "Volver a la portada"),
    ("en", "bottom", "You have reached your limit of free articles."),
    ("de", "top", "Einwilligung verwalten"),
    ("de", "bottom", "*Dieser Text wurde mit Hilfe von dpa-Material erstellt."),
    ("es", "top", "Escuchá la nota"),
    ("es", "middle", "Lee aquí: Las claves del acuerdo"),
    ("es", "top", "Categoría: Noticias"),
    ("en", "top", "Posted on by admin"),
    ("en", "middle", "Photo courtesy of the city of Boston"),
    ("de", "bottom", "Mit freundlicher Genehmigung des Autors"),
    ("pt", "middle", "Divulgação"),
    ("en", "bottom", "#politics #election #congress"),
    ("de", "top", "Automatische Übersetzung aus dem Englischen"),
    ("pt", "bottom", "Redatora, revisora e tradutora."),
]

# News sentences next to the families above; none may be touched.
NEAR_MISSES = [
    ("en", "The story continues below the surface of the lake, where divers found the wreck in 1974."),
    ("en", "Page 3 of the report lists the names of the twelve victims."),
    ("fr", "Le blog de Jean Dupont, suivi par 12 000 abonnés, a été fermé par la plateforme."),
    ("de", "Hier geht es um die Frage, wer die Kosten für die Sanierung der Brücke übernimmt."),
    ("es", "Los comentarios están cerrados desde que el diario cambió de dueño, explicó su director."),
    ("pt", "Os posts relacionados ao caso foram apagados pela plataforma na terça-feira."),
    ("en", "Powered by wind and solar, the island now runs without diesel for most of the year."),
    ("es", "Haz clic aquí, decía el mensaje fraudulento que recibieron miles de jubilados."),
    ("pt", "A polícia recebeu as denúncias pelo WhatsApp, segundo o delegado."),
    ("fr", "Toute reproduction est interdite, a rappelé le tribunal dans son jugement."),
    ("en", "Machine translation has improved a lot since 2016, researchers say."),
    ("de", "Die maschinelle Übersetzung von Fachtexten bleibt schwierig, wie eine Studie zeigt."),
    ("fr", "Publié par Gallimard en 1951, le roman a été traduit en douze langues."),
    ("es", "Categoría: la jueza la rechazó por considerar que el recurso llegaba tarde y sin pruebas."),
    ("en", "Journalists, editors and photographers were among the dead."),
    ("es", "Vive en Madrid con su familia desde que huyó de la guerra, explicó su abogado."),
    ("de", "Zuvor hatte die Nachrichtenagentur dpa berichtet, dass die Journalistin seit 2019 in Moskau lebt."),
    ("pt", "Veja os números do levantamento divulgado nesta terça-feira."),
    ("es", "Sumate a la marcha, pidió el sindicato a los docentes de todo el país."),
    ("en", "The post of chancellor appeared first on the agenda of the coalition talks."),
]


def _document(lang: str, line: str, where: str) -> tuple[str, int]:
    paragraphs = list(ARTICLE[lang])
    index = {"top": 0, "middle": 2, "bottom": len(paragraphs)}[where]
    paragraphs.insert(index, line)
    text = "\n\n".join(paragraphs) + "\n"
    return text, text.index(line)


@pytest.mark.parametrize("lang,where,line", NOISE, ids=[n[2][:30] for n in NOISE])
def test_noise_line_is_removed_inside_an_article(checker, lang, where, line):
    text, start = _document(lang, line, where)
    result = checker.clean(text, lang=lang)
    assert line not in result.text, f"{line!r} survived cleaning"
    for sentence in ARTICLE[lang]:
        assert sentence in result.text, f"cleaning took article text: {sentence!r}"
    codes = {f.rule for f in result.report.findings if f.start < start + len(line) and start < f.end}
    assert codes, f"no finding on {line!r}"


@pytest.mark.parametrize("lang,sentence", NEAR_MISSES, ids=[n[1][:30] for n in NEAR_MISSES])
def test_near_miss_sentence_is_kept(checker, lang, sentence):
    for where in ("middle", "bottom"):
        text, start = _document(lang, sentence, where)
        result = checker.clean(text, lang=lang)
        assert sentence in result.text, f"cleaning removed the sentence ({where})"
        fired = {f.rule for f in result.report.findings
                 if f.start < start + len(sentence) and start < f.end} & NEW_CODES
        assert not fired, f"{sorted(fired)} fired on a news sentence ({where})"

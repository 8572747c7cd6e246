"""The shape checks of the line-shape detector (see `line_shape` for what each looks
for): pure functions of a line's token profile (`line_lexicon.Profile`) or its text,
so that a line's verdict can be kept and reused wherever the line comes back.
"""
from __future__ import annotations

import re

from tqcheck.detectors.line_lexicon import (
    CREDIT, DATE, DAY, FUNCTION, HONORIFIC, JOINER, LABEL, MONTH, NAME, NUMBER, OUTLET, PLAIN,
    ROLE, TIME, UI, UI_WEAK, WEEKDAY, LineLexicon, Profile)

#: What `metadata_line` found: a credit ("Foto: Ana Souza/Secom") may sit anywhere
#: (under a picture, at the foot of a quotation); a labelled byline or date ("Por Ana
#: Souza", "Mis à jour le 3 mai") and an unlabelled date stamp ("Jean Dupont, 3 mai 2021
#: 08:12") only at the head or foot of the text. A rule's `params.kinds` picks the kinds
#: it reports, so that the riskiest (a bare stamp is also a chronology entry) can be
#: only flagged.
CREDIT_LINE, BYLINE, STAMP_LINE, CREDIT_TAIL = "credit", "byline", "stamp", "tail"
#: A name-and-role byline is short: "Jean Dupont, envoyé spécial à Kiev".
ROLE_LINE_WORDS = 8
POSITIONAL = frozenset({BYLINE, STAMP_LINE})


def metadata_line(p: Profile, max_words: int, max_plain: int, max_plain_share: float,
                  max_words_labelled: int) -> str | None:
    """CREDIT_LINE, BYLINE, STAMP_LINE or None (see the `line_shape` docstring)."""
    if not 0 < p.tokens <= max(max_words, max_words_labelled) or p[FUNCTION]:
        return None
    # A date, a clock time, "3 mai", or a relative stamp ("il y a 3 heures", "2 hours ago").
    dated = (p[DATE] > 0 or ((p[MONTH] or p[WEEKDAY]) and (p[DAY] or p[DATE]))
             or (p[TIME] >= 2 and (p[DAY] or p[NUMBER])))
    anchored = (p[LABEL] or p[CREDIT] or p[ROLE] or p[OUTLET] or p[HONORIFIC]
                or p.has_copyright)
    plain = p[PLAIN] + p[UI] + p[UI_WEAK]
    # A longer line only when every word is a name, date, label or outlet: a CMS header
    # that prints author, agency, publication and update times on one line.
    if p.tokens > max_words and (plain or not (anchored and dated)):
        return None
    if anchored:
        if plain > max_plain or plain > max_plain_share * p.tokens:
            return None
        # "Foto", "Source :" alone is a heading: a label must label something.
        labelled = (p[NAME] + p[OUTLET] + p[DATE] + p[DAY] + p[MONTH] + p[WEEKDAY] + p[NUMBER]
                    + p[TIME])
        if not (p[OUTLET] or p[HONORIFIC] or labelled) or p.tokens < 2:
            return None  # one word ("Twitter", "AFP") is a button or the pattern rules' call
        # "Foto: Ana Souza/Secom", never "Foto de família": a credit names, nothing else.
        if p.first == CREDIT and not plain:
            return CREDIT_LINE
        # A label must come first ("Por Ana Souza"), unless the line is dated
        # ("Sophie Brunn, publié le 3 mai") or credits an outlet.
        if dated or p[OUTLET] or p[HONORIFIC] or p.first == LABEL:
            return BYLINE
        # A name and a newsroom role, in either order: "Jean Dupont, journaliste".
        if p[ROLE] and p[NAME] and not p[LABEL] and p.tokens <= ROLE_LINE_WORDS:
            return BYLINE
        return None
    # Only dates, names, joining words: a date stamp or "Name, Name, le vendredi 14 juillet";
    # "2 décembre 2019 : Reportage" is an entry of a chronology.
    if not dated or plain:
        return None
    if p.share(DATE, DAY, MONTH, WEEKDAY, TIME, NUMBER) >= 0.3 or p[NAME] <= 4:
        return STAMP_LINE
    return None


def ui_line(p: Profile, max_words: int, max_plain: int, min_share: float,
            min_weak: int) -> bool:
    """A share button, comment prompt, subscription or navigation control."""
    if not 0 < p.tokens <= max_words:
        return False
    if not p[UI]:
        # Only chrome words, none strong: "Transcription du contenu de la page",
        # "Nächste Seite", "Start Blog Seite 198".
        return (p[UI_WEAK] >= min_weak and not (p[PLAIN] + p[FUNCTION] + p[LABEL] + p[CREDIT])
                and p[NAME] + p[OUTLET] <= 1)
    other = p[PLAIN] + p[FUNCTION] + p[LABEL]
    # One page-control word beside an ordinary one is a headline ("Compartir el poder");
    # a control phrase or two control words may carry one ("Read even more Share this").
    if other > (max_plain if p[UI] >= 2 else 0):
        return False
    chrome = p[UI] + p[UI_WEAK] + p[JOINER] + p[OUTLET] + p[CREDIT] + p[DATE] + p[NUMBER]
    return chrome >= min_share * p.tokens


#: Separator runs of a link bar: "Accueil | Monde", "Startseite --- Politik", "A » B".
_BAR_SEPARATOR = re.compile(r"\s+(?:[|•·»>/]+|-{2,}|[-–—])\s+")
_SENTENCE_END = re.compile(r"[.!?…]\W*$")


def link_bar(text: str, min_items: int, max_item_words: int) -> bool:
    """A navigation or footer bar: `min_items` or more short title-like items between
    separators ("Startseite --- Politik --- Wirtschaft", "Sobre nós | Anuncie | Contato")."""
    items = _BAR_SEPARATOR.split(text.strip(" |•·»>/-–—"))
    if len(items) < min_items:
        return False
    titled = 0
    for item in items:
        words = item.split()
        if not 0 < len(words) <= max_item_words or _SENTENCE_END.search(item):
            return False
        titled += item[:1].isupper()
    return titled >= len(items) - 1


_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w@])@\w{2,}")


def author_contact(text: str, cues: re.Pattern | None, max_words: int) -> bool:
    """An author's contact line: an e-mail address or a social handle beside a contact
    or author word ("Contacter l'auteur : c.moreau@…", "E-Mail an die Autorin: …")."""
    return (cues is not None and len(text.split()) <= max_words
            and bool(_ADDRESS.search(text)) and bool(cues.search(_ADDRESS.sub(" ", text))))


#: What sets a CMS credit field off at the end of a caption: "… pandemia — Foto: Ana
#: Souza/Secom". A bracketed credit ("… Tabs (Bild: Vivaldi)") is part of the caption as
#: the editor wrote it, and the devdata pages keep it as content.
TAIL_SEPARATORS = (" — ", " – ", " | ")
#: A credit tail is at most this long, and the caption before it at least this many words.
TAIL_CHARS, CAPTION_WORDS = 80, 3


_TAIL_SEPARATOR = re.compile("|".join(map(re.escape, TAIL_SEPARATORS)))


def credit_tail(text: str, lexicon: LineLexicon, params: dict) -> bool:
    """A caption ending in a credit ("Le pont fermé mardi. Photo : Jean Roe/AFP")."""
    if not _TAIL_SEPARATOR.search(text):
        return False  # most lines; (the cut below would leave no caption before it)
    cut = max(text.rfind(sep) + len(sep) for sep in TAIL_SEPARATORS)
    tail = text[cut:].strip(" ).")
    if cut <= 0 or not tail or len(tail) > TAIL_CHARS or len(text[:cut].split()) < CAPTION_WORDS:
        return False
    profile = lexicon.profile(tail, params["max_plain"])
    return (profile is not None and profile.first == CREDIT
            and metadata_line(profile, **params) == CREDIT_LINE)

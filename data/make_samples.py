#!/usr/bin/env python3
"""Write the bundled sample corpus under data/samples/ (byte-exact), and check it.

Every article here was written for tqcheck: the events, outlets and most people are
invented.  The noise is written with explicit escapes (\\u00a0, \\u200b, \\x07, ...) so
that a reviewer can see every byte that tqcheck is expected to catch.

    python data/make_samples.py           # (re)write data/samples/ and its README.md
    python data/make_samples.py --check   # verify the files on disk match this script

Each sample lists its noise as (category, exact text, note); the script refuses to write
a sample whose listed noise is not literally present, and checks that the clean samples
carry none of it.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "samples"

NBSP = "\u00a0"   # no-break space (French typography before : ; ! ? % and inside « »)
ZWSP = "\u200b"   # zero-width space
SHY = "\u00ad"    # soft hyphen
BEL = "\x07"      # stray control character (BEL)
FFFD = "\ufffd"   # replacement character


def fr(text: str) -> str:
    """French typography for prose: NBSP before : ; ! ? % and inside « », curly apostrophe.

    Deliberate typography noise is written so that this function does not touch it
    (for instance "déclaré: " with no space at all stays as it is).
    """
    text = text.replace("'", "\u2019")
    text = re.sub(r" ([:;!?%»])", NBSP + r"\1", text)
    text = text.replace("« ", "«" + NBSP)
    return text


def mojibake(text: str) -> str:
    """UTF-8 bytes read back as Windows-1252, the commonest mojibake in scraped news."""
    return text.encode("utf-8").decode("cp1252")


SAMPLES: list[dict] = []


def sample(path, lang, text, noise=(), clean=False):
    SAMPLES.append(dict(path=path, lang=lang, text=text, noise=list(noise), clean=clean))


# --------------------------------------------------------------------------- fr-01
sample(
    "fr/fr-01-mer-caspienne.txt", "fr",
    fr("Mer Caspienne : Moscou veut un accord régional sur la sécurité maritime   \n"
       "Par Jeanne Martin\n"
       "Publié le 14 mai 2024 à 10h32  \n"
       "\n"
       "Le secrétaire du Conseil de sécurité russe, Sergueï Choïgou, a reçu mardi à Moscou "
       "les représentants des quatre autres pays riverains de la mer Caspienne pour discuter "
       "d'un projet d'accord sur la sécurité maritime. La rencontre, prévue depuis plusieurs "
       "mois, s'est tenue à huis clos.\n"
       "\n"
       "Selon un communiqué publié dans la soirée, les délégations ont abordé la lutte contre "
       "la pêche illégale, le trafic de carburant et la coordination des garde-côtes. "
       "« Nous partageons la même mer et les mêmes menaces », a déclaré Sergueï Choïgou à "
       "l'ouverture des discussions. The ministry declined to comment on the timetable for a "
       "final text. Les diplomates présents évoquent toutefois une signature avant la fin de "
       "l'année.\n"
       "\n"
       "Shoigu a également insisté sur la protection des esturgeons, dont les stocks se sont "
       "effondrés depuis les années 1990, a indiqué le ministère. les autorités ont promis de "
       "renforcer les contrôles dans le delta de la Volga, où le braconnage reste répandu.   \n"
       "\n"
       "Lire aussi : Pêche illégale : le caviar de contrebande inonde les marchés de la région\n"
       "\n"
       "Le vice-ministre des Affaires étrangères, Evgueni Koltsov, a pour sa part défendu "
       "l'idée d'un centre commun de surveillance installé à Astrakhan. "
       "\u201cCe centre permettra d'échanger les informations en temps réel\u201d, a-t-il "
       "expliqué aux journalistes. Yevgeny Koltsov a précisé que le financement serait "
       "partagé entre les cinq États. Yevgeny Koltsov a précisé que le financement serait "
       "partagé entre les cinq États.\n"
       "\n"
       "Du côté de l'Azer" + ZWSP + "baïdjan et du Kazakhstan, on se montre plus prudent. "
       "Plusieurs diplomates estiment que le texte accorde une place trop importante à la "
       "flotte russe, la plus puissante de la région. L'Iran, de son côté, a demandé des "
       "garanties pour la navigation de ses navires marchands.\n"
       "\n"
       "Les discussions doivent reprendre en septembre à Bakou, au niveau des experts.\n"
       "\n"
       "Avec AFP\n"
       "\n"
       "Cet article a été traduit automatiquement.\n"),
    noise=[
        ("metadata", "Par Jeanne Martin", "byline line"),
        ("metadata", "Publié le 14 mai 2024 à 10h32", "publication date line"),
        ("boilerplate", "Lire aussi\u00a0: Pêche illégale\u00a0: le caviar de contrebande inonde les marchés de la région",
         "related-article line"),
        ("boilerplate", "Avec AFP", "agency credit line"),
        ("disclaimer", "Cet article a été traduit automatiquement.", "MT disclaimer, last line"),
        ("foreign", "The ministry declined to comment on the timetable for a final text.",
         "English sentence left untranslated inside a French paragraph"),
        ("mt-artifact", "Sergueï Choïgou", "name in French transliteration ..."),
        ("mt-artifact", "Shoigu a également", "... and the same name in English transliteration"),
        ("mt-artifact", "Evgueni Koltsov", "first name in French transliteration ..."),
        ("mt-artifact", "Yevgeny Koltsov", "... and in English transliteration"),
        ("mt-artifact", "a indiqué le ministère. les autorités ont promis",
         "sentence starting in lower case after a full stop"),
        ("mt-artifact", "Yevgeny Koltsov a précisé que le financement serait partagé entre les cinq États. "
                        "Yevgeny Koltsov a précisé que le financement serait partagé entre les cinq États.",
         "duplicated sentence"),
        ("typography", "\u201cCe centre permettra d\u2019échanger les informations en temps réel\u201d",
         "English quotes “ ” in a French text that otherwise uses « »"),
        ("encoding", "Azer\u200bbaïdjan", "zero-width space inside a word"),
        ("whitespace", "maritime   \n", "3 trailing spaces after the title"),
        ("whitespace", "10h32  \n", "2 trailing spaces after the date"),
        ("whitespace", "répandu.   \n", "3 trailing spaces at the end of a paragraph"),
    ],
)

# --------------------------------------------------------------------------- fr-02
sample(
    "fr/fr-02-la-rochelle-arbres.txt", "fr",
    fr("Publié le 12 mars 2024 à 10h32\n"
       "Mis à jour le 12 mars 2024 à 15h47\n"
       "\n"
       "La Rochelle : la ville va planter 4 000 arbres contre les îlots de chaleur\n"
       "\n"
       "Partager sur Facebook\n"
       "Partager sur Twitter\n"
       "\n"
       "La municipalité de La Rochelle a présenté lundi soir son plan « Ville fraîche », qui "
       "prévoit la plantation de 4 000 arbres d'ici 2030 dans les quartiers les plus exposés "
       "aux fortes chaleurs. Le projet, chiffré à 11 millions d'euros, a été adopté en conseil "
       "municipal par 41 voix pour et 6 abstentions.\n"
       "\n"
       "Les premières plantations commenceront dès l'automne à Mireuil et à "
       "Villeneuve-les-Salines, deux quartiers où les relevés effectués l'été dernier ont "
       "montré des écarts de température allant jusqu'à 6 degrés avec le centre-ville. Les "
       "cours d'école seront également concernées : douze d'entre elles seront débitumées "
       "pendant les vacances scolaires.\n"
       "\n"
       "« On ne peut plus attendre que les canicules passent en espérant que la suivante soit "
       "moins forte », a expliqué l'adjointe en charge de l'environnement, Claire Dubreuil. "
       "Selon elle, la ville doit adresser le problème des îlots de chaleur « quartier par "
       "quartier, rue par rue ».\n"
       "\n"
       "Inscrivez-vous à notre newsletter\n"
       "\n"
       "\n"
       "\n"
       "L'opposition a salué l'intention mais s'interroge sur le coût d'entretien des nouveaux "
       "espaces verts. « Planter, c'est bien ; arroser pendant dix ans, c'est autre chose », a "
       "résumé le conseiller municipal Marc Olivier, qui réclame un budget pluriannuel dédié.\n"
       "\n"
       "Les habitants pourront aussi participer : un formulaire en ligne permettra de proposer "
       "des emplacements devant les immeubles ou dans les rues résidentielles. Les services "
       "techniques étudieront chaque demande en fonction des réseaux souterrains et de la "
       "largeur des trottoirs." + BEL + "\n"
       "\n"
       "Tags : La Rochelle, environnement, canicule, conseil municipal\n"
       "\n"
       "© 2024 Le Journal du Littoral. Tous droits réservés.\n"),
    noise=[
        ("metadata", "Publié le 12 mars 2024 à 10h32", "publication date, first line"),
        ("metadata", "Mis à jour le 12 mars 2024 à 15h47", "update date"),
        ("boilerplate", "Partager sur Facebook", "share widget line"),
        ("boilerplate", "Partager sur Twitter", "share widget line"),
        ("boilerplate", "Inscrivez-vous à notre newsletter", "newsletter prompt line"),
        ("mt-artifact", "en charge de l\u2019environnement", "calque of 'in charge of'"),
        ("mt-artifact", "adresser le problème", "calque of 'to address the problem'"),
        ("whitespace", "newsletter\n\n\n\nL\u2019opposition", "run of 3 blank lines"),
        ("whitespace", "trottoirs.\x07\n", "stray control character U+0007 at a paragraph end"),
        ("metadata", "Tags\u00a0: La Rochelle, environnement, canicule, conseil municipal", "tags line"),
        ("boilerplate", "© 2024 Le Journal du Littoral. Tous droits réservés.", "copyright footer"),
    ],
)

# --------------------------------------------------------------------------- fr-03
FR03_MOJIBAKE = mojibake(fr(
    "Cet été, l'équipe a profité d'un budget en hausse de 15 %, grâce à l'arrivée de deux "
    "nouveaux partenaires régionaux et à une subvention de l'agglomération."))
sample(
    "fr/fr-03-handball-saint-lo.txt", "fr",
    fr("Handball : les Dragonnes de Saint-Lô visent la montée en première division\n"
       "Mis à jour le 3 juillet 2024 à 18h05\n"
       "\n"
       "Partager sur Facebook\n"
       "Partager sur Twitter\n"
       "\n"
       "Après une saison terminée à la troisième place de Division 2, les Dragonnes de "
       "Saint-Lô ont présenté mercredi leur effectif pour l'exercice 2024-2025, avec un "
       "objectif affiché : la montée dans l'élite. Le club normand a recruté quatre joueuses, "
       "dont l'arrière danoise Mette Sørensen, passée par Odense.\n"
       "\n")
    + FR03_MOJIBAKE + "\n"
    + fr("\n"
       "L'entraîneur, Pascal Hérault, a confirmé que la préparation débutera le 29 juillet par "
       "un stage à Granville. « Nous allons jouer chaque match comme une finale, a-t-il lancé "
       "devant les supporters réunis au gymnase. Il a précisé que deux chantiers étaient "
       "prioritaires: la défense sur les ailes et la gestion des fins de match, qui ont coûté "
       "plusieurs points la saison dernière.\n"
       "\n"
       "S" + FFFD + "rensen, 26 ans, devrait occuper un rôle central dans l'organisation du "
       "jeu. La Fédération européenne de handball a publié au printemps un rapport sur la "
       "profes" + SHY + "sionnalisation du handball féminin (em inglês), qui souligne les "
       "écarts de moyens entre les clubs de l'élite et ceux de l'étage inférieur. Le budget "
       "moyen d'un club de deuxième division reste trois fois inférieur à celui d'un club de "
       "première division.\n"
       "\n"
       "Le premier match de championnat aura lieu le 7 septembre à domicile face à Bègles, "
       "selon le journal. – Agence.\n"
       "\n"
       "Gaëlle Le Bihan\n"
       "Subtly charming tv fanatic. Social media trailblazer. Beer expert. Pop culture scholar. "
       "Hardcore travel buff.\n"
       "\n"
       "Follow us on Google News for the latest sports updates.\n"),
    noise=[
        ("metadata", "Mis à jour le 3 juillet 2024 à 18h05", "update date line"),
        ("boilerplate", "Partager sur Facebook", "share widget line"),
        ("boilerplate", "Partager sur Twitter", "share widget line"),
        ("encoding", FR03_MOJIBAKE,
         "whole paragraph is UTF-8 read as Windows-1252; the NBSP in 15⍽% became Â⍽, "
         "and à became Ã⍽"),
        ("encoding", "Cet Ã©tÃ©", "mojibake of été"),
        ("encoding", "lâ€™Ã©quipe", "mojibake of l’équipe"),
        ("typography", "«\u00a0Nous allons jouer chaque match comme une finale, a-t-il lancé devant",
         "guillemet « opened and never closed"),
        ("typography", "prioritaires: la défense", "no (non-breaking) space before ':'"),
        ("encoding", "S\ufffdrensen", "U+FFFD replacement character (Sørensen)"),
        ("encoding", "profes\u00adsionnalisation", "soft hyphen U+00AD inside a word"),
        ("foreign", "(em inglês)", "two-word Portuguese note in brackets inside French text"),
        ("mt-artifact", "selon le journal. – Agence.", "dangling fragment at a paragraph end"),
        ("signature", "Subtly charming tv fanatic. Social media trailblazer. Beer expert. "
                      "Pop culture scholar. Hardcore travel buff.",
         "generated English author bio in a French article (after the author-name line)"),
        ("foreign", "Follow us on Google News for the latest sports updates.",
         "English footer line in a French article"),
    ],
)

# --------------------------------------------------------------------------- fr-04
sample(
    "fr/fr-04-assistant-ia-departements.txt", "fr",
    fr("Ce site utilise des cookies pour vous offrir une meilleure expérience. En poursuivant "
       "votre navigation, vous acceptez leur utilisation.\n"
       "Temps de lecture : 3 min\n"
       "\n"
       "Intelligence artificielle : trois départements testent un assistant pour répondre aux "
       "usagers\n"
       "\n"
       "Photo : AFP\n"
       "\n"
       "La Mayenne, le Gers et les Vosges expérimentent depuis janvier un assistant "
       "conversationnel chargé de répondre aux questions des habitants sur les aides sociales, "
       "les transports scolaires et les démarches administratives. Le dispositif, financé en "
       "partie par l'État, doit faire l'objet d'une évaluation à l'automne.\n"
       "\n"
       "Concrètement, les usagers peuvent poser leurs questions par écrit sur le site du "
       "département ou par téléphone, où une voix de synthèse leur répond. Lorsque la demande "
       "est trop complexe, l'appel est transféré à un agent. Selon les premiers chiffres, près "
       "de 60 % des demandes sont traitées sans intervention humaine.\n"
       "\n"
       "\"Ça peut faire du sens pour des questions simples, comme les horaires d'ouverture ou "
       "la liste des pièces à fournir\", explique le directeur général des services du Gers, "
       "Laurent Castagné. Mais pour les dossiers sensibles, « rien ne remplace un échange avec "
       "une personne », reconnaît-il.\n"
       "\n"
       "Lire aussi : Services publics : la dématérialisation laisse encore des usagers sur le "
       "bord de la route\n"
       "\n"
       "\n"
       "\n"
       "\n"
       "Les syndicats restent méfiants. Ils demandent que l'outil serve à adresser un problème "
       "de surcharge des accueils, et non à supprimer des postes. Dans les Vosges, les "
       "représentants du personnel réclament la publication des données d'utilisation et un "
       "comité de suivi associant les agents.\n"
       "\n"
       "Les associations d'aide aux personnes âgées rappellent, de leur côté, que chaque "
       "usager doit pouvoir joindre un interlocuteur humain. Beaucoup de leurs adhérents "
       "raccrochent dès qu'ils entendent une voix de synthèse, explique l'une d'elles.\n"
       "\n"
       "Si l'expérimentation est concluante, une dizaine d'autres départements pourraient "
       "rejoindre le dispositif en 2025, selon la direction en charge du numérique au "
       "ministère.\n"
       "\n"
       "Traduit par IA\n"),
    noise=[
        ("boilerplate", "Ce site utilise des cookies pour vous offrir une meilleure expérience. "
                        "En poursuivant votre navigation, vous acceptez leur utilisation.",
         "cookie banner, first line"),
        ("metadata", "Temps de lecture\u00a0: 3 min", "reading-time line"),
        ("metadata", "Photo\u00a0: AFP", "photo credit line"),
        ("typography", "\"Ça peut faire du sens pour des questions simples, comme les horaires "
                       "d\u2019ouverture ou la liste des pièces à fournir\"",
         "straight English quotes \" \" in a French text that otherwise uses « »"),
        ("mt-artifact", "faire du sens", "calque of 'to make sense'"),
        ("boilerplate", "Lire aussi\u00a0: Services publics\u00a0: la dématérialisation laisse "
                        "encore des usagers sur le bord de la route", "related-article line"),
        ("whitespace", "route\n\n\n\n\nLes syndicats", "run of 4 blank lines"),
        ("mt-artifact", "adresser un problème", "calque of 'to address a problem'"),
        ("mt-artifact", "en charge du numérique", "calque of 'in charge of'"),
        ("disclaimer", "Traduit par IA", "MT disclaimer, last line"),
    ],
)

# --------------------------------------------------------------------------- fr clean
sample(
    "fr/fr-clean-tramway-nuit.txt", "fr",
    "Bordeaux\u00a0: le tramway roulera toute la nuit le week-end dès septembre\n"
    "\n"
    "C\u2019est une demande ancienne des étudiants et des travailleurs de nuit. À partir du "
    "6\u00a0septembre, la ligne\u00a0A du tramway de Bordeaux circulera sans interruption du "
    "vendredi soir au dimanche matin, avec un passage toutes les vingt minutes entre 1\u00a0h "
    "et 5\u00a0h. La métropole a validé vendredi cette expérimentation, prévue pour un an.\n"
    "\n"
    "Le coût du service est estimé à 1,4\u00a0million d\u2019euros par an, dont une partie "
    "sera financée par la hausse du prix du stationnement en centre-ville. «\u00a0Nous voulons "
    "que rentrer chez soi la nuit ne dépende plus d\u2019une voiture ou d\u2019un taxi\u00a0», "
    "a expliqué la vice-présidente chargée des mobilités, Sophie Larrieu.\n"
    "\n"
    "Pourquoi la ligne\u00a0A plutôt qu\u2019une autre\u00a0? Elle relie les quartiers de la "
    "rive droite, où vivent de nombreux salariés de l\u2019hôtellerie et de la restauration, "
    "au centre et aux principaux hôpitaux. Selon une enquête menée au printemps auprès de "
    "3\u00a0200 usagers, près de 40\u00a0% des personnes interrogées rentrent au moins "
    "une fois par semaine après minuit.\n"
    "\n"
    "Les syndicats de conducteurs ont obtenu des garanties\u00a0: chaque rame de nuit "
    "comptera deux agents de sécurité, et les volontaires bénéficieront d\u2019une prime. "
    "«\u00a0Nous ne voulions pas d\u2019un service au rabais\u00a0; nous avons été "
    "entendus\u00a0», résume un délégué.\n"
    "\n"
    "Les commerçants du cours Victor-Hugo, eux, restent partagés. Certains espèrent une "
    "clientèle plus nombreuse le samedi soir, d\u2019autres craignent davantage de bruit. "
    "Un premier bilan sera présenté au conseil de la métropole en juin\u00a0: si la "
    "fréquentation est suffisante, le service pourrait être étendu à la ligne\u00a0B.\n",
    clean=True,
)

# --------------------------------------------------------------------------- en-01
sample(
    "en/en-01-covered-bridge-vote.txt", "en",
    "Vermont town votes to keep its historic covered bridge open to cars\n"
    "Updated: March 12, 2024, 4:15 p.m. ET\n"
    "\n"
    "BARTLETT FALLS, Vt. (AP) \u2014 Residents of this small town in central Vermont voted "
    "Tuesday to keep their 150-year-old covered bridge open to cars, rejecting a state "
    "proposal that would have limited it to pedestrians and cyclists.  \n"
    "\n"
    "The measure passed 412 to 287 at the annual town meeting, which drew one of the largest "
    "crowds in recent memory, according to the town clerk. Many residents said the bridge, "
    "which carries the road to the elementary school across the river, is part of their "
    "daily routine.\n"
    "\n"
    "\u201cIt\u2019s not a museum piece. It\u2019s how my kids get to school,\u201d said dairy "
    "farmer Ruth Ellison, whose family has lived in the town for four generations.\n"
    "\n"
    "Read more: Vermont\u2019s covered bridges face rising repair bills after the floods\n"
    "\n"
    "State engineers had recommended closing the bridge to vehicles after an inspection last "
    "fall found rot in two of its support beams. The state transportation agency estimated "
    "that repairs would cost about $1.8 million and take at least a year.  \n"
    "\n"
    "Town officials now plan to apply for historic preservation grants to cover part of the "
    "cost. Select board chair Tom Whitcomb said the town would also ask the state for a "
    "three-ton weight limit to protect the structure in the meantime.\n"
    "\n"
    "\u201cWe\u2019re not naive about the money,\u201d Whitcomb said. \u201cBut people here "
    "made it clear tonight that they want to fix it, not fence it off.\u201d\n"
    "\n"
    "Share this:\n"
    "Facebook\n"
    "X\n"
    "Email\n"
    "\n"
    "Marcus Hale \n"
    "Unapologetic pop culture ninja. Lifelong bacon junkie. Internet fanatic. Beer aficionado.\n",
    noise=[
        ("metadata", "Updated: March 12, 2024, 4:15 p.m. ET", "update date line"),
        ("boilerplate", "(AP)", "agency credit in the dateline"),
        ("whitespace", "cyclists.  \n", "2 trailing spaces"),
        ("boilerplate", "Read more: Vermont\u2019s covered bridges face rising repair bills after the floods",
         "related-article line"),
        ("whitespace", "a year.  \n", "2 trailing spaces"),
        ("boilerplate", "Share this:\nFacebook\nX\nEmail", "share widget: label and one line per network"),
        ("whitespace", "Marcus Hale \n", "1 trailing space on the author-name line"),
        ("signature", "Unapologetic pop culture ninja. Lifelong bacon junkie. Internet fanatic. "
                      "Beer aficionado.", "generated author bio, last line"),
    ],
)

# --------------------------------------------------------------------------- en-02
sample(
    "en/en-02-olive-oil-prices.txt", "en",
    "Olive oil prices fall in Spain as the harvest recovers from drought\n"
    "\n"
    "This article was machine translated.\n"
    "\n"
    "JAÉN, Spain \u2014 The price of extra virgin olive oil at origin has fallen by almost "
    "half since January in Spain, the world\u2019s largest producer, as a good harvest follows "
    "two seasons of severe drought, according to figures published by the agriculture "
    "ministry on Monday.\n"
    "\n"
    "A liter of extra virgin oil was selling for around 4.20 euros at the mill last week, "
    "compared with more than 8 euros at the start of the year. the ministry attributes the "
    "fall to abundant autumn rains in Andalusia, which produces most of the Spanish oil.\n"
    "\n"
    "Farmers in the province of Jaén and in neighboring C" + FFFD + "rdoba have welcomed the "
    "recovery in volumes but fear for their margins. \u201cWe produce more, but we earn less per "
    "kilo, and costs donâ€™t go down,\u201d said Antonio Ruiz, who manages a cooperative of "
    "900 members in the town of Martos.\n"
    "\n"
    "Supermarkets have begun to pass on the fall to consumers, although more slowly. The "
    "price of a one-liter bottle remains well above its level of three years ago, according to "
    "consumer groups. Supermarkets have begun to pass on the fall to consumers, although more "
    "slowly.\n"
    "\n"
    "Exports, which fell sharply during the drought, are also rec" + SHY + "overing, "
    "especially to the United States and Italy, the producers\u2019 association said.\n"
    "\n"
    "Industry groups warn, however, that the market remains fragile. A dry spring could again "
    "reduce the flowering of the trees, they say, and irrigation restrictions are still in "
    "force in several reservoirs of the Guadal" + ZWSP + "quivir basin. The regional "
    "government has promised aid for the modernization of irrigation systems, but farmers "
    "say the money has been slow to arrive.\n",
    noise=[
        ("disclaimer", "This article was machine translated.", "MT disclaimer under the title"),
        ("mt-artifact", "start of the year. the ministry attributes",
         "sentence starting in lower case after a full stop"),
        ("encoding", "C\ufffdrdoba", "U+FFFD replacement character (Córdoba)"),
        ("encoding", "donâ€™t", "mojibake of don’t (UTF-8 read as Windows-1252)"),
        ("mt-artifact", "Supermarkets have begun to pass on the fall to consumers, although more slowly.",
         "duplicated sentence (first and last sentence of the paragraph)"),
        ("encoding", "rec\u00adovering", "soft hyphen U+00AD inside a word"),
        ("encoding", "Guadal\u200bquivir", "zero-width space inside a word"),
    ],
)

# --------------------------------------------------------------------------- en-03
sample(
    "en/en-03-valley-heat-advisory.txt", "en",
    "We use cookies to improve your experience on our site. By continuing to browse, you "
    "agree to our use of cookies.\n"
    "\n"
    "Heat warning extended as valley braces for a 108-degree weekend\n"
    "By Dana Whitfield\n"
    "\n"
    "FRESNO, Calif. \u2014 The National Weather Service extended its excessive heat warning for "
    "much of the San Joaquin Valley through Sunday night, with afternoon temperatures "
    "expected to reach 108 degrees in Fresno and Bakersfield.\n"
    "\n"
    "Forecasters said overnight lows would stay in the upper 70s in many valley towns, giving "
    "little relief to people without air conditioning. \u201cThe nights are what worry us "
    "most,\u201d said Kevin Ortega, a meteorologist with the weather service\u2019s Hanford "
    "office. \u201cWhen the temperature doesn\u2019t drop below 80, the body never gets a "
    "chance to recover.\u201d\n"
    "\n"
    "Related link: Where to find cooling centers in Fresno County\n"
    "\n"
    "\n"
    "\n"
    "County officials opened 14 cooling centers in libraries and community halls, and several "
    "will stay open until 10 p.m. through the weekend. The local bus service is offering free "
    "rides to the centers, and volunteers plan to check on older residents who live alone."
    + BEL + "\n"
    "\n"
    "Sign up for our daily newsletter\n"
    "\n"
    "Farmworkers are especially exposed. State rules require employers to provide shade, "
    "water and rest breaks when it gets hot, with extra precautions above 95 degrees. A "
    "farmworker advocacy group said crews in the southern part of the valley had been told to "
    "start picking before dawn and stop by early afternoon.\n"
    "\n"
    "Doctors at a Fresno hospital said they had treated a dozen patients for "
    "heat exhaustion since Wednesday, most of them older adults. They urged residents to drink "
    "water before they feel thirsty and to avoid leaving children or pets in parked cars, even "
    "for a few minutes.\n"
    "\n"
    "Read more: How to keep your electricity bill down during a heat wave\n"
    "\n"
    "\n"
    "\n"
    "\n"
    "Copyright \u00a9 2024 The Valley Courier. All rights reserved.\n",
    noise=[
        ("boilerplate", "We use cookies to improve your experience on our site. By continuing to browse, "
                        "you agree to our use of cookies.", "cookie banner, first line"),
        ("metadata", "By Dana Whitfield", "byline line"),
        ("boilerplate", "Related link: Where to find cooling centers in Fresno County", "related-link line"),
        ("whitespace", "Fresno County\n\n\n\nCounty officials", "run of 3 blank lines"),
        ("whitespace", "live alone.\x07\n", "stray control character U+0007 at a paragraph end"),
        ("boilerplate", "Sign up for our daily newsletter", "newsletter prompt line"),
        ("boilerplate", "Read more: How to keep your electricity bill down during a heat wave",
         "related-article line"),
        ("whitespace", "heat wave\n\n\n\n\nCopyright", "run of 4 blank lines"),
        ("boilerplate", "Copyright \u00a9 2024 The Valley Courier. All rights reserved.", "copyright footer"),
    ],
)

# --------------------------------------------------------------------------- en clean
sample(
    "en/en-clean-library-reopens.txt", "en",
    "Flood-damaged library reopens with a raised floor and a new reading garden\n"
    "\n"
    "MONTPELIER, Vt. \u2014 Nearly a year after floodwater filled its basement and ruined more "
    "than 20,000 books, the public library in this small river town reopened on Saturday, "
    "with a line of patrons stretching down the block before the doors opened at 10 a.m.\n"
    "\n"
    "The renovation, which cost about $2.3 million, raised the ground floor by three feet and "
    "moved the children\u2019s room, the computers and the boiler to the upper levels. Most of "
    "the money came from insurance and state recovery funds; the rest was raised by residents "
    "through bake sales, a benefit concert and hundreds of small online donations.\n"
    "\n"
    "\u201cWe learned the hard way that the river will come back,\u201d said the library\u2019s "
    "director, Helen Marsh. \u201cSo we built a library that can get wet and be open again a "
    "week later.\u201d\n"
    "\n"
    "The old basement, now lined with concrete and fitted with drains, will be used only for "
    "storage that can be moved in a few hours. Where the parking lot used to be, volunteers "
    "have planted a reading garden with native grasses that can absorb rainwater, along with "
    "benches and a small outdoor stage for story time.\n"
    "\n"
    "Many of the lost books have been replaced through donations from libraries across New "
    "England. A wall near the entrance lists every town that sent boxes, from Maine to "
    "Connecticut.\n"
    "\n"
    "For nine-year-old Ava Thompson, who was first in line with her father, the wait was "
    "worth it. She left with four books about horses and a new library card, her first.\n",
    clean=True,
)

# --------------------------------------------------------------------------- de-01
DE01_MOJIBAKE = mojibake(
    "Für viele Berufspendler ist das trotzdem ärgerlich. „Wer um sieben Uhr im Büro sein "
    "muss, steht jetzt um halb fünf auf“, sagt eine Pflegerin aus Kelldorf, die täglich zur "
    "Klinik nach Weilheim fährt. Der Fahrgastverband fordert zusätzliche Expressbusse zu den "
    "Stoßzeiten.")
sample(
    "de/de-01-bahnstrecke-sperrung.txt", "de",
    "Bauarbeiten: Sechs Wochen lang keine Züge zwischen Kelldorf und Weilheim-Süd\n"
    "Aktualisiert am 14.03.2024, 09:12 Uhr\n"
    "\n"
    "Auf Facebook teilen\n"
    "Auf X teilen\n"
    "\n"
    "Pendler auf der Strecke zwischen Kelldorf und Weilheim-Süd müssen sich auf eine lange "
    "Durststrecke einstellen: Von Ende Juni an fahren dort sechs Wochen lang keine Züge. Die "
    "Bahn erneuert in dieser Zeit Gleise, Weichen und zwei Brücken, wie ein Sprecher am "
    "Mittwoch mitteilte.  \n"
    "\n"
    "Als Ersatz sollen Busse im Halbstundentakt fahren. Weil die Busse über die Dörfer fahren "
    "müssen, verlängert sich die Fahrzeit nach Angaben des Unternehmens um bis zu 25 Minuten. "
    "Schüler sind kaum betroffen, da die Sperrung größtenteils in die Sommerferien fällt.\n"
    "\n"
    + DE01_MOJIBAKE + "\n"
    "\n"
    "Der Landrat begrüßte die Investition grundsätzlich. Die Strecke sei seit Jahren in einem "
    "schlechten Zustand, langsame Fahrten und Ausfälle gehörten zum Alltag. Nach der "
    "Modernisierung sollen die Züge dort wieder mit bis zu 120 Kilometern pro Stunde fahren "
    "können, sagte er.  \n"
    "\n"
    "Die Bahn empfiehlt Reisenden, sich vor Fahrtantritt online über die aktuellen "
    "Verbindungen zu informieren. Fahrräder werden in den Ersatzbussen nur eingeschränkt "
    "mitgenommen.\n"
    "\n"
    "Mit Material von dpa\n"
    "\n"
    "Dieser Artikel wurde maschinell übersetzt.\n"
    "\n"
    "© 2024 Neue Kreiszeitung. Alle Rechte vorbehalten.\n",
    noise=[
        ("metadata", "Aktualisiert am 14.03.2024, 09:12 Uhr", "update date line"),
        ("boilerplate", "Auf Facebook teilen", "share widget line"),
        ("boilerplate", "Auf X teilen", "share widget line"),
        ("whitespace", "mitteilte.  \n", "2 trailing spaces"),
        ("encoding", DE01_MOJIBAKE,
         "whole paragraph is UTF-8 read as Windows-1252 (Für, ärgerlich, „…“, Stoßzeiten)"),
        ("encoding", "FÃ¼r", "mojibake of Für"),
        ("whitespace", "sagte er.  \n", "2 trailing spaces"),
        ("boilerplate", "Mit Material von dpa", "agency credit line"),
        ("disclaimer", "Dieser Artikel wurde maschinell übersetzt.", "MT disclaimer"),
        ("boilerplate", "© 2024 Neue Kreiszeitung. Alle Rechte vorbehalten.", "copyright footer"),
    ],
)

# --------------------------------------------------------------------------- es-01
sample(
    "es/es-01-mallorca-alquiler.txt", "es",
    "Mallorca congela las nuevas licencias de alquiler turístico durante dos años\n"
    "Publicado el 5 de abril de 2024, 08:40\n"
    "\n"
    "Compartir en Facebook\n"
    "Compartir en Twitter\n"
    "\n"
    "El Consell de Mallorca aprobó este jueves una moratoria de dos años sobre las nuevas "
    "licencias de alquiler turístico en viviendas plurifamiliares, una medida que afecta a "
    "toda la isla y que busca frenar la subida de los precios del alquiler para los "
    "residentes.\n"
    "\n"
    "Según los datos presentados en el pleno, el precio medio del alquiler de larga duración "
    "ha aumentado más de un 40 % en cinco años en Palma y en los municipios de la costa. "
    "Muchos trabajadores de la hostelería, sobre todo en verano, no encuentran vivienda cerca "
    "de su lugar de trabajo.\n"
    "\n"
    "Lee también: Palma limitará la llegada de cruceros a tres por día\n"
    "\n"
    "La moratoria no afecta a las licencias ya concedidas ni a las casas unifamiliares del "
    "interior. Die Vermieter haben bereits angekündigt, gegen die Entscheidung zu klagen. "
    "Las asociaciones de propietarios consideran que la medida castiga a pequeños "
    "inversores y favorece a las grandes cadenas hoteleras.\n"
    "\n"
    "Los sindicatos, en cambio, la consideran insuficiente y piden que se destinen más "
    "viviendas públicas a los trabajadores de temporada. «Es un primer paso, pero llega "
    "tarde», declaró una portavoz sindical a la salida del pleno.\n"
    "\n"
    "El Consell prevé además reforzar las inspecciones contra los pisos que se alquilan sin "
    "licencia a través de plataformas digitales, con multas que pueden superar los 40.000 "
    "euros.\n"
    "\n"
    "Con información de EFE\n"
    "\n"
    "Este artículo ha sido traducido automáticamente.\n"
    "\n"
    "Lucía Ferrer\n"
    "Certified bacon junkie. Avid introvert. Music lover. Web specialist. Explorer.\n",
    noise=[
        ("metadata", "Publicado el 5 de abril de 2024, 08:40", "publication date line"),
        ("boilerplate", "Compartir en Facebook", "share widget line"),
        ("boilerplate", "Compartir en Twitter", "share widget line"),
        ("boilerplate", "Lee también: Palma limitará la llegada de cruceros a tres por día",
         "related-article line"),
        ("foreign", "Die Vermieter haben bereits angekündigt, gegen die Entscheidung zu klagen.",
         "German sentence left inside a Spanish paragraph"),
        ("boilerplate", "Con información de EFE", "agency credit line"),
        ("disclaimer", "Este artículo ha sido traducido automáticamente.", "MT disclaimer"),
        ("signature", "Certified bacon junkie. Avid introvert. Music lover. Web specialist. Explorer.",
         "generated English author bio in a Spanish article"),
    ],
)

# --------------------------------------------------------------------------- pt-01
PT01_MOJIBAKE = mojibake(
    "As obras começam em agosto pela avenida Norte, onde a ciclofaixa atual não tem "
    "separação física. Comerciantes da região temem perder vagas de estacionamento.")
sample(
    "pt/pt-01-recife-ciclovias.txt", "pt",
    "Recife vai ganhar 60 quilômetros de ciclovias até 2026\n"
    "Atualizado em 22/05/2024 às 11h20\n"
    "\n"
    "Compartilhe no WhatsApp\n"
    "\n"
    "A prefeitura do Recife anunciou nesta terça-feira um plano para construir 60 "
    "quilômetros de ciclovias e ciclofaixas até o fim de 2026, ligando os bairros da zona "
    "norte e da zona oeste ao centro da cidade. O investimento previsto é de R$ 85 milhões.\n"
    "\n"
    "Segundo a secretaria de mobilidade, o número de pessoas que usam a bicicleta para ir ao "
    "trabalho dobrou nos últimos cinco anos, mas a rede atual tem trechos isolados e pouco "
    "seguros. \u201cHoje o ciclista pedala um quilômetro protegido e depois cai no meio dos "
    "carros\u201d, afirmou o secretário.\n"
    "\n"
    "Leia também: Prefeitura amplia horário do metrô aos domingos\n"
    "\n"
    "\n"
    "\n"
    + PT01_MOJIBAKE + "\n"
    "\n"
    "Entidades de ciclistas elogiaram o plano, mas cobram manutenção e iluminação nas vias "
    "já existentes. Uma pesquisa feita pela associação local mostrou que quase metade dos "
    "entrevistados já sofreu algum tipo de acidente ou queda por causa de buracos.\n"
    "\n"
    "A prefeitura também promete instalar 40 novas estações de bicicletas compartilhadas "
    "perto de terminais de ônibus e de estações do metrô, para facilitar a integração entre "
    "os meios de transporte.\n"
    "\n"
    "Com informações da Agência Brasil\n"
    "\n"
    "Este texto foi traduzido automaticamente.\n"
    "\n"
    "Rafael Moura\n"
    "Extreme problem solver. Typical organizer. Proud travel evangelist. Devoted coffee "
    "geek.\n",
    noise=[
        ("metadata", "Atualizado em 22/05/2024 às 11h20", "update date line"),
        ("boilerplate", "Compartilhe no WhatsApp", "share widget line"),
        ("boilerplate", "Leia também: Prefeitura amplia horário do metrô aos domingos",
         "related-article line"),
        ("whitespace", "domingos\n\n\n\nAs obras", "run of 3 blank lines"),
        ("encoding", PT01_MOJIBAKE, "whole paragraph is UTF-8 read as Windows-1252 (começam, "
                                    "não, física, região); byte 0xAD of í became a soft hyphen"),
        ("encoding", "nÃ£o", "mojibake of não"),
        ("boilerplate", "Com informações da Agência Brasil", "agency credit line"),
        ("disclaimer", "Este texto foi traduzido automaticamente.", "MT disclaimer"),
        ("signature", "Extreme problem solver. Typical organizer. Proud travel evangelist. "
                      "Devoted coffee geek.", "generated English author bio in a Portuguese article"),
    ],
)

# ------------------------------------------------------------------- JSONL records
# Short variants of the articles above, for the JSONL input path.
JSONL = [
    {"id": "fr-02-la-rochelle-arbres",
     "text": fr("La Rochelle : la ville va planter 4 000 arbres contre les îlots de chaleur\n"
                "Publié le 12 mars 2024 à 10h32\n"
                "\n"
                "Partager sur Facebook\n"
                "\n"
                "La municipalité de La Rochelle a présenté lundi soir son plan « Ville "
                "fraîche », qui prévoit la plantation de 4 000 arbres d'ici 2030 dans les "
                "quartiers les plus exposés aux fortes chaleurs. Le projet, chiffré à 11 "
                "millions d'euros, a été adopté en conseil municipal.\n"
                "\n"
                "« On ne peut plus attendre que les canicules passent », a expliqué l'adjointe "
                "en charge de l'environnement, Claire Dubreuil.\n"
                "\n"
                "© 2024 Le Journal du Littoral. Tous droits réservés.\n"),
     "url": "https://example.org/fr/2024/03/12/la-rochelle-4000-arbres"},
    {"id": "fr-clean-tramway-nuit",
     "text": "Bordeaux\u00a0: le tramway roulera toute la nuit le week-end dès septembre\n"
             "\n"
             "À partir du 6\u00a0septembre, la ligne\u00a0A du tramway de Bordeaux circulera "
             "sans interruption du vendredi soir au dimanche matin, avec un passage toutes les "
             "vingt minutes entre 1\u00a0h et 5\u00a0h. La métropole a validé vendredi cette "
             "expérimentation, prévue pour un an.\n"
             "\n"
             "«\u00a0Nous voulons que rentrer chez soi la nuit ne dépende plus d\u2019une "
             "voiture ou d\u2019un taxi\u00a0», a expliqué la vice-présidente chargée des "
             "mobilités, Sophie Larrieu.\n",
     "url": "https://example.org/fr/2024/06/21/bordeaux-tramway-nuit"},
    {"id": "en-01-covered-bridge-vote",
     "text": "Vermont town votes to keep its historic covered bridge open to cars\n"
             "\n"
             "BARTLETT FALLS, Vt. (AP) \u2014 Residents of this small town in central Vermont "
             "voted Tuesday to keep their 150-year-old covered bridge open to cars, rejecting a "
             "state proposal that would have limited it to pedestrians and cyclists.\n"
             "\n"
             "Read more: Vermont\u2019s covered bridges face rising repair bills after the floods\n"
             "\n"
             "The measure passed 412 to 287 at the annual town meeting, according to the town "
             "clerk.\n"
             "\n"
             "Share this:\n"
             "Facebook\n"
             "X\n"
             "\n"
             "Unapologetic coffee ninja. Lifelong music junkie. Internet fanatic. Alcohol "
             "aficionado.\n",
     "url": "https://example.org/en/2024/03/12/covered-bridge-vote"},
    {"id": "de-01-bahnstrecke-sperrung",
     "text": "Sechs Wochen lang keine Züge zwischen Kelldorf und Weilheim-Süd\n"
             "\n"
             "Pendler auf der Strecke zwischen Kelldorf und Weilheim-Süd müssen sich auf eine "
             "lange Durststrecke einstellen: Von Ende Juni an fahren dort sechs Wochen lang "
             "keine Züge. Als Ersatz sollen Busse im Halbstundentakt fahren." + BEL + "\n"
             "\n"
             "Mit Material von dpa\n"
             "\n"
             "Dieser Artikel wurde maschinell übersetzt.\n",
     "url": "https://example.org/de/2024/03/14/bahnstrecke-sperrung"},
    {"id": "es-01-mallorca-alquiler",
     "text": "Mallorca congela las nuevas licencias de alquiler turístico\n"
             "\n"
             "El Consell de Mallorca aprobó este jueves una moratoria de dos años sobre las "
             "nuevas licencias de alquiler turístico en viviendas plurifamiliares. Die Vermieter "
             "haben bereits angekündigt, gegen die Entscheidung zu klagen. Los sindicatos la "
             "consideran insuficiente.\n"
             "\n"
             "\n"
             "\n"
             "Con información de EFE\n",
     "url": "https://example.org/es/2024/04/05/mallorca-alquiler-turistico"},
]

JSONL_NOISE = {
    "fr-02-la-rochelle-arbres": [
        "Publié le 12 mars 2024 à 10h32", "Partager sur Facebook",
        "en charge de l\u2019environnement", "© 2024 Le Journal du Littoral. Tous droits réservés."],
    "fr-clean-tramway-nuit": [],
    "en-01-covered-bridge-vote": [
        "(AP)", "Read more: Vermont\u2019s covered bridges face rising repair bills after the floods",
        "Share this:\nFacebook\nX",
        "Unapologetic coffee ninja. Lifelong music junkie. Internet fanatic. Alcohol aficionado."],
    "de-01-bahnstrecke-sperrung": [
        "Halbstundentakt fahren.\x07\n", "Mit Material von dpa",
        "Dieser Artikel wurde maschinell übersetzt."],
    "es-01-mallorca-alquiler": [
        "Die Vermieter haben bereits angekündigt, gegen die Entscheidung zu klagen.",
        "insuficiente.\n\n\n\nCon", "Con información de EFE"],
}

# ------------------------------------------------------------------------ checks
FORBIDDEN_IN_CLEAN = {
    "zero-width space": ZWSP, "soft hyphen": SHY, "replacement char": FFFD,
    "mojibake Ã": "\u00c3", "mojibake â€": "\u00e2\u20ac", "BOM": "\ufeff", "CR": "\r",
}


def problems(s: dict) -> list[str]:
    text, out = s["text"], []
    for _, needle, note in s["noise"]:
        if needle not in text:
            out.append(f"{s['path']}: listed noise not found: {needle!r} ({note})")
    if not text.endswith("\n") or text.endswith("\n\n"):
        out.append(f"{s['path']}: must end with exactly one newline")
    n = len(text.split())
    if not 150 <= n <= 500:
        out.append(f"{s['path']}: {n} words, expected 150-500")
    if s["clean"]:
        for name, ch in FORBIDDEN_IN_CLEAN.items():
            if ch in text:
                out.append(f"{s['path']}: clean file contains {name}")
        if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text):
            out.append(f"{s['path']}: clean file contains a control character")
        if re.search(r"[ \t]\n", text) or "\n\n\n" in text:
            out.append(f"{s['path']}: clean file has trailing spaces or a blank-line run")
        if s["lang"] == "fr":
            if re.search(r"[^\u00a0][:;!?»%]", text) or re.search(r"«[^\u00a0]", text):
                out.append(f"{s['path']}: French punctuation without a no-break space")
            if any(q in text for q in '"\u201c\u201d\''):
                out.append(f"{s['path']}: non-French quotes or a straight apostrophe")
    return out


def visible(s: str) -> str:
    """Show invisible characters and line breaks in README tables."""
    names = {NBSP: "⍽", ZWSP: "⟨U+200B⟩", SHY: "⟨U+00AD⟩", BEL: "⟨U+0007⟩", "\n": "⏎"}
    s = "".join(names.get(c, c) for c in s)
    s = re.sub(r" +(?=⏎)", lambda m: "·" * len(m.group()), s)   # trailing spaces
    return s.replace("|", "\\|")


def readme() -> str:
    lines = [
        "# Sample corpus",
        "",
        "Small multilingual news corpus bundled with tqcheck, used by the README's first",
        "command (`tqcheck clean data/samples --out cleaned/`) and by the tests.",
        "",
        "**Every text here was written for this project.** The articles, outlets, and nearly",
        "all people and events are invented (no publisher's text was copied); the noise was",
        "added on purpose, to imitate what scrapers and machine translation leave in real",
        "news text. Do not edit these files by hand: they are byte-exact (no-break spaces,",
        "zero-width spaces, soft hyphens, a BEL control character, mojibake, trailing",
        "spaces) and are written by [`../make_samples.py`](../make_samples.py):",
        "",
        "```sh",
        "python data/make_samples.py           # rewrite data/samples/ and this README",
        "python data/make_samples.py --check   # verify the files match the script",
        "```",
        "",
        "`data/** -text` in `.gitattributes` keeps git from touching the bytes.",
        "",
        "## Files",
        "",
        "| file | lang | words | noise categories |",
        "| --- | --- | ---: | --- |",
    ]
    for s in SAMPLES:
        cats = sorted({c for c, _, _ in s["noise"]})
        lines.append(f"| [`{s['path']}`]({s['path']}) | {s['lang']} | {len(s['text'].split())} | "
                     + ("**clean** (no noise at all)" if s["clean"] else ", ".join(cats)) + " |")
    lines.append(f"| [`jsonl/articles.jsonl`](jsonl/articles.jsonl) | fr, en, de, es | – | "
                 "5 records `{id, text, url}`: short variants of the articles (see below) |")
    lines += [
        "",
        "Words are whitespace-separated tokens of the whole file, noise included.",
        "",
        "## Noise in each file",
        "",
        "Exact text as it appears in the file. Notation: `⍽` U+00A0 no-break space,",
        "`⟨U+200B⟩` zero-width space, `⟨U+00AD⟩` soft hyphen, `⟨U+0007⟩` BEL control",
        "character, `·` a trailing space, `⏎` a line break (so `⏎⏎⏎⏎` is three blank lines).",
        "`�` is the literal U+FFFD replacement character. The French files use `⍽` before",
        "`: ; ! ? %` and inside `« »` everywhere except where noted as noise.",
    ]
    for s in SAMPLES:
        lines += ["", f"### `{s['path']}` ({s['lang']})", ""]
        if s["clean"]:
            lines.append("Clean: human-quality text with no noise of any kind"
                         + (" and full French typography (`«⍽…⍽»`, `⍽` before `: ; ! ? %`,"
                            " ’ apostrophes)." if s["lang"] == "fr" else
                            " (curly quotes and apostrophes throughout)."))
            continue
        lines += ["| category | exact text | what it is |", "| --- | --- | --- |"]
        for cat, needle, note in s["noise"]:
            lines.append(f"| {cat} | `{visible(needle)}` | {note} |")
    lines += [
        "",
        "## `jsonl/articles.jsonl`",
        "",
        "One JSON object per line, `{\"id\", \"text\", \"url\"}` (URLs on example.org):",
        "",
    ]
    lines += ["| id | words | noise (exact text) |", "| --- | ---: | --- |"]
    for r in JSONL:
        noise = JSONL_NOISE[r["id"]]
        cell = ", ".join(f"`{visible(n)}`" for n in noise) if noise else "**clean**"
        lines.append(f"| `{r['id']}` | {len(r['text'].split())} | {cell} |")
    return "\n".join(lines) + "\n"


def outputs() -> dict[Path, bytes]:
    files = {ROOT / s["path"]: s["text"].encode("utf-8") for s in SAMPLES}
    files[ROOT / "jsonl" / "articles.jsonl"] = "".join(
        json.dumps(r, ensure_ascii=False) + "\n" for r in JSONL).encode("utf-8")
    files[ROOT / "README.md"] = readme().encode("utf-8")
    return files


def main(argv: list[str]) -> int:
    errs = [p for s in SAMPLES for p in problems(s)]
    clean_jsonl = [r for r in JSONL if "clean" in r["id"]]
    for r in clean_jsonl:
        errs += [f"jsonl {r['id']}: {p.split(': ', 1)[1]}"
                 for p in problems(dict(path=r["id"], lang="fr", text=r["text"], noise=[],
                                        clean=True)) if "words" not in p]
    for r in JSONL:
        errs += [f"jsonl {r['id']}: listed noise not found: {n!r}"
                 for n in JSONL_NOISE[r["id"]] if n not in r["text"]]
    if errs:
        print("\n".join(errs), file=sys.stderr)
        return 1
    files = outputs()
    if "--check" in argv:
        bad = [str(p) for p, b in files.items() if not p.exists() or p.read_bytes() != b]
        for p in bad:
            print(f"differs from make_samples.py: {p}", file=sys.stderr)
        return 1 if bad else 0
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

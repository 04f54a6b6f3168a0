"""Whether a string found where a page names its author reads like a person's or an
organisation's name, judged by its shape alone: capitalised words and initials, name particles,
no sentence words, no labels or buttons of the page around it.

Bylines are scraped from visible text, so they pick up "read aloud" buttons, section labels,
sponsored-content badges, datelines and half sentences. These tests say "not a name" to those,
in the languages the pages come in, and keep names in scripts without letter case as they are.
"""

from __future__ import annotations

import unicodedata
from enum import Enum

from citecheck.vocabulary import NAME_PARTICLES, ORGANISATION_WORDS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Lower-case words that join the words of an organisation's name: "Institute of Physics".
_ORGANISATION_JOINERS = NAME_PARTICLES | _words(
    """
    of the for and at on in & für und an am im auf bei et pour sur des aux en para por con per
    e.v. e.v gmbh ag
    """
)
# Articles that begin the name of a thing, never a person's ("Das Magazin", "The Times").
_LEADING_ARTICLES = _words(
    "the a an our der die das ein eine unser unsere les los las il het een un une"
)
# Words of a job title or desk, never of a person's name ("Staff Writer", "Redaktion").
ROLE_WORDS = _words(
    """
    writer writers reporter reporters correspondent correspondents editor editors
    contributor contributors contributing columnist journalist staff bureau chief senior
    editorial associate assistant deputy managing executive producer photographer analyst
    fellow director professor researcher intern news desk team agency wire wires press
    service services the of for at in a an and special political economics business sports
    science health technology international national foreign affairs digital online web
    content engineer developer designer consultant founder co-founder ceo blogger author
    authors expert experts redakteur redakteurin autor autorin
    journalistin korrespondent korrespondentin gastautor gastautorin mitarbeiter
    mitarbeiterin volontär volontärin
    """
)
# News agencies: a name of their own when alone, a role when after a person's name.
AGENCY_WORDS = _words("reuters ap afp dpa upi ians pti ani efe ansa apa kna epd sda ats")
# Labels, buttons and widget words that sit next to bylines, in the languages of the pages;
# a byline containing one of them is not (only) a name.
_LABEL_WORDS = _words(
    """
    vorlesen anhören listen drucken print teilen share merken speichern save bookmark
    abonnieren subscribe newsletter kommentar kommentare kommentieren comment comments reply
    antworten gesponsert gesponserte sponsored sponsor anzeige werbung advertisement
    advertising promoted inhalt inhalte artikel articles beiträge posts
    profil profile email e-mail mail kontakt contact impressum datenschutz privacy cookie
    cookies login anmelden register registrieren menu menü suche search startseite
    weiter zurück next previous more mehr show zeige alle all view ansehen lesen read
    minuten minutes min lesezeit stand datum date fecha uhr published posted updated
    publiziert veröffentlicht aktualisiert geändert erstellt publié publicado actualizado
    pétition petition edition ausgabe auflage category kategorie rubrik tags schlagworte
    thema themen subject betreff size größe quelle fuente copyright foto fotos photo
    photos bild bilder image images video videos grafik sagt says said schreibt writes wrote
    écrit follow folgen followers abonnenten like likes gefällt support faq policy
    selecione select wählen choose opções options optionen download herunterladen
    """
)
# Words naming a section of a site or a kind of content ("Teaching Materials", "Press
# Releases", "Unterrichtsmaterialien"): what stands where a byline goes on pages nobody signs,
# never a word of a person's name (an organisation's, perhaps: "Institute for Policy Studies").
_SECTION_WORDS = _words(
    """
    materials resources publications documents downloads events projects courses lessons
    tutorials guides tools reports studies topics categories releases podcasts webinars
    stories features reviews teaching learning worksheets factsheets guidelines
    materialien unterrichtsmaterial unterrichtsmaterialien publikationen veranstaltungen
    projekte dokumente ressources actualités événements recursos publicaciones noticias
    """
)
# Words of running text, which a person's name written in lower case never contains.
_FUNCTION_WORDS = _words(
    """
    a an the is are was were be been it its this that these those we you he she they i me my
    our your not no yes also to from with by up out now here there so as if or but all any
    ich du er sie es wir ihr uns euch ein eine einen einem einer ist sind war wie wo was hier
    dort oben unten nicht auch noch nur so als wenn dass mit ohne je le la les un une est
    nous vous il elle ce que qui ne pas el los las una uno se lo es em um uma os as é não
    """
)
_WEEKDAYS = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch
    donnerstag freitag samstag sonntag sonnabend lundi mardi mercredi jeudi vendredi samedi
    dimanche lunes martes miércoles jueves viernes sábado domingo
    """
)
# Country names, in English and as the countries write them: a byline part that is one is a
# dateline ("Frankfurt, Germany"), not an author.
_COUNTRY_NAMES = """
    Afghanistan, Albania, Algeria, Argentina, Armenia, Australia, Austria, Österreich,
    Bangladesh, Belarus, Belgium, Belgien, Belgique, België, Bolivia, Brazil, Brasil,
    Brasilien, Bulgaria, Canada, Kanada, Chile, China, Colombia, Kolumbien, Croatia, Cuba,
    Cyprus, Czechia, Czech Republic, Tschechien, Denmark, Dänemark, Danmark, Ecuador, Egypt,
    Ägypten, England, Estonia, Ethiopia, Finland, Finnland, Suomi, France, Frankreich,
    Georgia, Germany, Deutschland, Greece, Griechenland, Hungary, Ungarn, Iceland, India,
    Indien, Indonesia, Iran, Iraq, Irak, Ireland, Irland, Israel, Italy, Italia, Italien,
    Japan, Jordan, Kazakhstan, Kenya, Kosovo, Latvia, Lebanon, Libya, Lithuania, Luxembourg,
    Luxemburg, Malaysia, Mexico, México, Mexiko, Moldova, Morocco, Marokko, Netherlands,
    Niederlande, Nederland, New Zealand, Nigeria, Norway, Norwegen, Norge, Pakistan,
    Palestine, Peru, Perú, Philippines, Poland, Polen, Polska, Portugal, Qatar, Romania,
    Rumänien, Russia, Russland, Saudi Arabia, Scotland, Serbia, Serbien, Singapore,
    Slovakia, Slovenia, South Africa, South Korea, Korea, Spain, Spanien, España, Sri Lanka,
    Sweden, Schweden, Sverige, Switzerland, Schweiz, Suisse, Svizzera, Syria, Syrien,
    Taiwan, Thailand, Tunisia, Tunesien, Turkey, Türkei, Türkiye, Ukraine, United Kingdom,
    UK, United States, USA, U.S., U.S.A., Uruguay, Venezuela, Vietnam, Wales, Yemen
    """
COUNTRIES = frozenset(" ".join(name.split()).casefold() for name in _COUNTRY_NAMES.split(","))
# Joined once: the tests below look every word of a candidate up in them.
_LABELS_AND_DAYS = _LABEL_WORDS | _WEEKDAYS
_NOT_PERSON_WORDS = ORGANISATION_WORDS | ROLE_WORDS | _SECTION_WORDS
_NOT_LOWER_CASE_NAME_WORDS = _ORGANISATION_JOINERS | _FUNCTION_WORDS | _LABELS_AND_DAYS


class NameKind(Enum):
    PERSON = "person"
    ORGANISATION = "organisation"


def name_kind(text: str) -> NameKind | None:
    """PERSON for "Jane Roe", "J. R. R. Tolkien", "Ludwig van Beethoven", "蔡健雅";
    ORGANISATION for "Institute of Physics", "Example Verlag GmbH"; None for anything else:
    labels, buttons, datelines, pieces of sentences."""
    words = text.split()
    if not words or any(_bare(word) in _LABELS_AND_DAYS for word in words):
        return None
    if text.casefold() in COUNTRIES:
        return None
    if sum(char.isdigit() for char in text) >= sum(char.isalpha() for char in text):
        return None  # a code or a number ("XY1234"), not a name
    if _is_person(words):
        return NameKind.PERSON
    if _is_organisation(words):
        return NameKind.ORGANISATION
    return None


def cut_at_label(text: str) -> str:
    """A name with the page's next label run into it, without the label: "Jane Roe Tags 1907"
    -> "Jane Roe". Text that starts with a label is left whole, for name_kind to refuse."""
    words = text.split()
    for index, word in enumerate(words):
        if _bare(word) in _LABELS_AND_DAYS:
            return " ".join(words[:index]) if index >= 2 else text
    return text


def is_acronym(text: str) -> bool:
    """Initials or an acronym alone ("LD", "NDR"): a person or a broadcaster signing."""
    return 2 <= len(text) <= 5 and text.isalpha() and text.isupper()


def is_user_name(text: str) -> bool:
    """A one-word account name ("jdoe", "delta201"): what blogs show as their author."""
    if " " in text or not 3 <= len(text) <= 30 or _bare(text) in _LABELS_AND_DAYS:
        return False
    letters = sum(char.isalpha() for char in text)
    digits = sum(char.isdigit() for char in text)
    # A code ("CC7567") is mostly digits; a CMS account ("wordpressadmin") is nobody.
    return letters > digits and "admin" not in text.casefold()


def is_lower_case_name(text: str) -> bool:
    """A person who writes their name in lower case ("jane roe"): two or three words, none of
    them a particle or a word of the page around it."""
    words = text.split()
    if not 2 <= len(words) <= 3 or any(not word.isalpha() for word in words):
        return False
    if not all(word.islower() and len(word) >= 2 for word in words):
        return False
    return not any(word in _NOT_LOWER_CASE_NAME_WORDS for word in words)


def is_shouted(text: str) -> bool:
    """Whether `text` is written in capitals throughout ("JANE ROE")."""
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 4 and all(char.isupper() for char in letters)


def unshout(text: str) -> str:
    """ "JANE ROE" -> "Jane Roe"; an organisation's acronyms ("NATO AG") are left as they are."""
    words = text.split()
    if len(words) < 2 or not is_shouted(text):
        return text  # one word in capitals is an acronym ("DITIB"), not a shouted name
    if any(_bare(word) in ORGANISATION_WORDS for word in words):
        return text
    return " ".join(_unshout_word(word) for word in text.split())


def _unshout_word(word: str) -> str:
    if len(word.rstrip(".")) <= 1:
        return word  # an initial
    lowered = word.title()
    # str.title() capitalises after an apostrophe too, which is right for O'Brien only.
    return lowered.replace("’S", "’s").replace("'S", "'s")


def _is_person(words: list[str]) -> bool:
    if len(words) > 5 + sum(word in NAME_PARTICLES for word in words):
        return False
    if words[0].casefold() in _LEADING_ARTICLES and len(words) > 1:
        return False
    full_words = 0
    for word in words:
        if word in NAME_PARTICLES or _is_initial(word):
            continue
        if _bare(word) in _NOT_PERSON_WORDS:
            return False
        if not all(_is_name_part(part) for part in _parts(word)):
            return False
        full_words += 1
    return full_words >= 1 and not all(word in NAME_PARTICLES for word in words)


def _is_organisation(words: list[str]) -> bool:
    if len(words) > 8 or not _starts_upper_or_caseless(words[0]):
        return False
    capitalised = 0
    for word in words:
        if word.casefold() in _ORGANISATION_JOINERS:
            continue
        if not (_starts_upper_or_caseless(word) or word[:1].isdigit()):
            return False
        capitalised += 1
    return capitalised >= 1


def _parts(word: str) -> list[str]:
    """The pieces of a hyphenated or elided word: "Zahra-Malik", "al-Khalidi", "d'Alembert"."""
    pieces: list[str] = []
    for piece in word.replace("’", "'").split("-"):
        head, apostrophe, rest = piece.partition("'")
        if apostrophe and rest and (head.casefold() + "'") in NAME_PARTICLES | {"o'"}:
            pieces.append(rest)
        elif piece:
            pieces.append(piece)
    return [piece for piece in pieces if piece.casefold() not in NAME_PARTICLES] or [word]


def _is_name_part(part: str) -> bool:
    """Capitalised ("Roe"), in capitals ("DUPONT"), or in a script without capitals."""
    core = part.strip(".,'’()")
    return bool(core) and core[0].isalpha() and (core[0].isupper() or _has_no_case(core[0]))


def _is_initial(word: str) -> bool:
    """ "J.", "J", "J.-P.", "JR" (two initials run together)."""
    core = word.replace(".", "").replace("-", "")
    return 1 <= len(core) <= 2 and core.isalpha() and core.isupper()


def _starts_upper_or_caseless(word: str) -> bool:
    first = next((char for char in word if char.isalnum()), "")
    return bool(first) and (first.isupper() or (first.isalpha() and _has_no_case(first)))


def _has_no_case(char: str) -> bool:
    """Letters of scripts without capitals (Chinese, Arabic, Hebrew, ...)."""
    return char.isalpha() and char.upper() == char.lower() and not char.isdigit()


def _bare(word: str) -> str:
    return unicodedata.normalize("NFC", word.strip(".,:;!?()[]\"'«»“”„").casefold())

"""Words that the readers of names and dates share, in the languages citecheck reads: name
particles, words that mark an organisation, month names.

Pages (bylines, structured data), notes and citations name people and bodies the same way, so
the author extractor, the note parser and the authors check read them with these same lists.
Every word is lower case; callers fold case (and strip punctuation) before looking a word up.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Lower-case words inside personal names: "Ludwig van Beethoven", "Ibn Battuta", "d'Alembert".
NAME_PARTICLES = _words(
    """
    van von der den de del della dello dei degli di da das do dos du la le les lo al el bin
    ibn ben bint ter ten zu zum zur y e i vom van't d' l' mac st st. af av auch
    """
)

# Words that make a name a body's rather than a person's ("Institute for Peace", "Ministry of
# Information", "Example GmbH"): what a note's publisher or an organisation author is called.
INSTITUTION_WORDS = _words(
    """
    academy administration agence agency alliance archive archives army assembly association
    authority bank board bundesamt bureau cabinet center centre city coalition college
    commission commissioner committee company conference congress consortium corporation
    council county cour court department directorate division embassy federation forum
    foundation fund fundación fundação gesellschaft government group hospital initiative
    institut institute institution instituto kingdom laboratories laboratory league library
    ministerio ministry ministère ministério mission municipality museum nations navy network
    observatorio observatory office organisation organization parliament partnership party police
    press program programme project republic school secretariat senate service services society
    state states stiftung trust tribunal union unit universidad university universität
    université verband verein watch
    inc inc. ltd ltd. llc gmbh
    организация университет институт министерство совет центр агентство комитет
    """
)
# Words of a publication, newsroom, agency or firm ("The Times", "Press Association",
# "Redaktion", "Example AG"): an organisation, though not what a note calls its publisher.
MEDIA_AND_FIRM_WORDS = _words(
    """
    agencia agencies agentur agenturen büro gruppe limited magazin magazine ministerium
    media medien news newspaper presse publishing radio redacción redaccion redactie redaktion
    redaktionen redaktori redazione rédaction team television times tv verlag zeitung
    ag e.v. e.v kg co. sa s.a. spa plc
    """
)
# Every word that makes a name an organisation's (bylines, cited authors).
ORGANISATION_WORDS = INSTITUTION_WORDS | MEDIA_AND_FIRM_WORDS

# Month names and their abbreviations (without the dot), in English, German, French, Spanish,
# Italian, Portuguese, Dutch, Romanian, Polish, Russian, Ukrainian and Arabic (nominative and
# the forms used after a day number). Short words that are also common words elsewhere ("out",
# "set") are left out.
_MONTH_WORDS = (
    "january jan januar jänner jän jaenner janvier janv enero ene gennaio gen janeiro januari "
    "ianuarie stycznia январь января січня يناير",
    "february feb februar février fevrier févr fevr febrero febbraio fevereiro fev februari "
    "februarie lutego февраль февраля лютого فبراير",
    "march mar märz maerz marz mär mars marzo março marco maart mrt martie marca март марта "
    "березня مارس",
    "april apr avril avr abril abr aprile aprilie kwietnia апрель апреля квітня أبريل ابريل إبريل",
    "may mai mayo maggio mag maio mei maja май мая травня مايو",
    "june jun juni juin junio giugno giu junho iunie czerwca июнь июня червня يونيو",
    "july jul juli juillet juil julio luglio lug julho iulie lipca июль июля липня يوليو",
    "august aug août aout agosto ago augustus sierpnia август августа серпня أغسطس اغسطس",
    "september sep sept septembre septiembre setiembre settembre setembro septembrie "
    "września сентябрь сентября вересня سبتمبر",
    "october oct oktober okt octobre octubre ottobre ott outubro octombrie października "
    "октябрь октября жовтня أكتوبر اكتوبر",
    "november nov noviembre novembre novembro noiembrie listopada ноябрь ноября листопада نوفمبر",
    "december dec dezember dez décembre decembre déc diciembre dic dicembre dezembro "
    "decembrie grudnia декабрь декабря грудня ديسمبر",
)
MONTH_NAMES: dict[str, int] = {
    name: month for month, names in enumerate(_MONTH_WORDS, start=1) for name in names.split()
}

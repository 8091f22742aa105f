"""The workbooks of this folder: Microsoft Forms responses and the French sheet typed by hand.

Each builder returns (file name, sheet title, rows, expected.json record); make_files.py writes
the rows, as an xlsx or, for the sheet Excel saved as CSV, in Windows-1252 with semicolons.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from people import PEOPLE, dmy, entry, expect

Sheet = tuple[str, str, list[list[Any]], dict[str, Any]]
WORKBOOK = {"encoding": "xlsx", "delimiter": ""}


def microsoft_forms_fr() -> Sheet:
    name = "microsoft_forms_reponses_fr.xlsx"
    header = [
        "ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom",
        "Heure de la dernière modification", "Prénom", "Nom", "Courriel", "Organisme",
        "Date de naissance", "Nationalité", "Téléphone portable", "Groupe de visite",
    ]  # fmt: skip
    # (key, signed in with the organiser's tenant, answered the "Courriel" question)
    plan = [
        ("mcdlf", True, True),
        ("lefevre", True, True),
        ("nguyen", True, False),
        ("legoff", True, True),
        ("tonu", False, True),
        ("kart", False, True),
        ("wang", False, True),
        ("levi", False, True),
        ("haddad", False, False),
        ("vdberg", False, True),
        ("aubigne", False, True),
    ]
    rows: list[list[Any]] = [header]
    people = []
    for index, (key, signed_in, answered) in enumerate(plan):
        p = PEOPLE[key]
        start = datetime(2026, 3, 2 + index, 9 + index % 7, index * 4, 12)
        end = start + timedelta(minutes=3, seconds=46)
        rows.append([
            index + 1, start, end, p.email if signed_in else "anonymous",
            f"{p.first} {p.last}" if signed_in else None, None, p.first, p.last,
            p.email if answered else None, p.organization, p.birth, p.nationality_fr, p.mobile,
            p.group_fr,
        ])  # fmt: skip
        email = p.email if answered or signed_in else None
        people.append(expect(p, None, email=email, groups=[p.group_fr]))
    notes = [
        "Responses workbook ('Open in Excel'), sheet 'Sheet1', header in row 1.",
        "The first six columns are the form's: ID, Heure de début, Heure de fin (date-time "
        "cells), Adresse de messagerie, Nom (the respondent's display name), Heure de la "
        "dernière modification (empty).",
        "Respondents outside the organiser's tenant answer anonymously: 'Adresse de messagerie' "
        "is 'anonymous' and the respondent 'Nom' is empty. 'anonymous' is not an e-mail.",
        "The question 'Nom' (family name) is a second column titled 'Nom', after 'Prénom': the "
        "first 'Nom' is the respondent's display name and must not be taken as the family name.",
        "E-mail: the 'Courriel' question, else the signed-in 'Adresse de messagerie' (François "
        "Nguyen); Leïla Haddad answered anonymously without 'Courriel': no e-mail.",
        "'Date de naissance' answers are Excel date cells.",
        "Nationalité is a French adjective (Française, Estonien, Estonienne, Chinois, Israélien, "
        "Libanaise, Néerlandais).",
        "No status column (status null: the default for new participants).",
    ]
    return name, "Sheet1", rows, entry("microsoft-forms", "fr", WORKBOOK, notes, people)


def microsoft_forms_en() -> Sheet:
    name = "microsoft_forms_responses_en.xlsx"
    header = [
        "ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "Full name",
        "Organization", "Date of birth", "Nationality", "Mobile phone", "Visit group",
    ]  # fmt: skip
    # (key, signed in, visit groups)
    plan = [
        ("mcdlf", True, ["Energy"]),
        ("levi", False, ["Health"]),
        ("papa", False, ["Energy"]),
        ("vdberg", False, ["Digital", "Energy"]),
        ("lefevre", True, ["Energy"]),
        ("dubois", True, ["Health"]),
        ("kask", False, ["Energy"]),
        ("tonu", False, ["Digital"]),
        ("legoff", True, ["Health", "Digital"]),
        ("haddad", False, ["Health"]),
    ]
    rows: list[list[Any]] = [header]
    people = []
    for index, (key, signed_in, groups) in enumerate(plan):
        p = PEOPLE[key]
        start = datetime(2026, 3, 4 + index, 8 + index % 9, 10 + index * 3, 5)
        end = start + timedelta(minutes=2, seconds=42)
        respondent = p.email if signed_in else "anonymous"
        rows.append([
            index + 1, start, end, respondent, f"{p.first} {p.last}" if signed_in else "anonymous",
            None, f"{p.first} {p.last}", p.organization, p.birth, p.nationality_en, p.mobile,
            "".join(f"{group};" for group in groups),
        ])  # fmt: skip
        people.append(expect(p, None, email=p.email if signed_in else None, groups=groups))
    notes = [
        "Responses workbook in English, sheet 'Sheet1': ID, Start time, Completion time, Email, "
        "Name, Last modified time, then the questions.",
        "Anonymous respondents have 'anonymous' in both Email and Name; they gave no other "
        "e-mail, so they land without one.",
        "The form asks one 'Full name' question: it must be split into first and family name "
        "('Marie-Claire de La Fontaine' → 'Marie-Claire' + 'de La Fontaine', 'Pieter van der "
        "Berg' → 'Pieter' + 'van der Berg'; Hebrew, Arabic and Greek names given name first).",
        "Multiple-choice 'Visit group' is written Microsoft Forms' way, each choice followed by "
        "';' ('Digital;Energy;').",
        "'Date of birth' answers are Excel date cells.",
        "No status column (status null: the default for new participants).",
    ]
    return name, "Sheet1", rows, entry("microsoft-forms", "en", WORKBOOK, notes, people)


EXCEL_TITLE = "Mission d'études Tallinn – 18-22 mai 2026 – liste des inscrits"
# fmt: off
EXCEL_HEADER = [
    "NOM Prénom", "Société", "Fonction", "Courriel", "Tél. fixe", "Portable", "Nationalité",
    "Date de naissance", "Groupe", "Statut", "Remarques",
]
# (key, "NOM Prénom" as typed, family name as it lands, first name, nationality as typed,
#  birth date typed as text (else a date cell), groups, status as typed, e-mail given, job)
EXCEL_PLAN = [
    ("mcdlf", "DE LA FONTAINE Marie-Claire", "DE LA FONTAINE", "Marie-Claire", "Française", True,
     ["Énergie"], "Confirmé", True, "Chargée de mission"),
    ("tonu", "MÄGI Tõnu", "MÄGI", "Tõnu", "Estonien", True, ["Numérique"], "Confirmé", True,
     "Professeur"),
    ("kart", "ÕUNAPUU Kärt", "ÕUNAPUU", "Kärt", "Estonienne", False, ["Numérique"], "Invité",
     True, "Chargée d'affaires"),
    ("vdberg", "VAN DER BERG Pieter", "VAN DER BERG", "Pieter", "Néerlandais", True,
     ["Numérique", "Énergie"], "Confirmé", True, "Directeur du port"),
    ("papa", "PAPADOPOULOS Georgios", "PAPADOPOULOS", "Georgios", "Grec", False, ["Énergie"],
     "Liste d'attente", True, "Ingénieur"),
    ("lefevre", "LEFÈVRE Jean-Baptiste", "LEFÈVRE", "Jean-Baptiste", "français", True,
     ["Énergie"], "Confirmé", True, "Conseiller export"),
    ("dubois", "DUBOIS-MARTIN Éloïse", "DUBOIS-MARTIN", "Éloïse", "Française", False, ["Santé"],
     "Annulé", True, "Chargée d'investissement"),
    ("nguyen", "NGUYEN François", "NGUYEN", "François", "Français", True, ["Numérique"], "Invité",
     False, "Adjoint au maire"),
    ("legoff", "LE GOFF Hélène", "LE GOFF", "Hélène", "Française", True, ["Santé"], "Confirmé",
     True, "Directrice RSE"),
    ("kask", "KASK Mart", "KASK", "Mart", "Estonien", False, ["Énergie"], "Confirmé", True,
     "Ingénieur réseau"),
    ("aubigne", "D'AUBIGNÉ Charlotte", "D'AUBIGNÉ", "Charlotte", "Française", True,
     ["Numérique"], "Liste d'attente", True, "Acheteuse"),
]
# fmt: on
EXCEL_STATUSES = {
    "Confirmé": "confirmed",
    "Invité": "invited",
    "Liste d'attente": "waitlisted",
    "Annulé": "cancelled",
}
EXCEL_NOTES = [
    "Typed by hand: a title row, then a blank row, then the header in row 3.",
    "'NOM Prénom' holds the whole name, family name first in capitals: the capital words are "
    "the family name, particles included ('DE LA FONTAINE', 'VAN DER BERG', 'D'AUBIGNÉ', "
    "'LE GOFF'); family names land in capitals as typed (no case is guessed back).",
    "A fully blank row sits between Jean-Baptiste Lefèvre and Éloïse Dubois-Martin and is skipped.",
    "'Tél. fixe' is empty in every row beside a filled 'Portable'.",
    "Nationalité as a French adjective ('Française', 'Estonien', 'Estonienne', 'Néerlandais', "
    "'Grec', 'français').",
    "Statut in French: 'Confirmé', 'Invité', 'Liste d'attente', 'Annulé'.",
    "'Groupe' carries delegation groups, several joined with ', '.",
    "Dates of birth include days over 12 (20/07/1985, 17/01/1968, 25/08/1975): day-first is "
    "proved.",
    "François Nguyen has no e-mail: he is matched on name and organisation.",
    "Georgios Papadopoulos is typed in Latin letters here (Γιώργος Παπαδόπουλος elsewhere).",
]


def _excel_rows(as_text: bool) -> tuple[list[list[Any]], list[dict]]:
    """The sheet's rows; with as_text, every cell as Excel shows it (for the CSV it saves)."""
    width = len(EXCEL_HEADER)
    rows: list[list[Any]] = [[EXCEL_TITLE, *[None] * (width - 1)], [None] * width, EXCEL_HEADER]
    people = []
    for plan in EXCEL_PLAN:
        key, typed, last, first, nationality, birth_as_text, groups, status, has_email, job = plan
        p = PEOPLE[key]
        birth: Any = dmy(p.birth) if birth_as_text or as_text else p.birth
        rows.append([
            typed, p.organization, job, p.email if has_email else None, None, p.mobile,
            nationality, birth, ", ".join(groups), status,
            "Arrive la veille" if key == "vdberg" else None,
        ])  # fmt: skip
        if key == "lefevre":
            # Someone left a blank line in the middle of the list.
            rows.append([None] * width)
        email = p.email if has_email else None
        people.append(
            expect(p, EXCEL_STATUSES[status], first=first, last=last, email=email, groups=groups)
        )
    if as_text:
        rows = [["" if value is None else value for value in row] for row in rows]
    return rows, people


def excel_fr() -> Sheet:
    rows, people = _excel_rows(as_text=False)
    notes = [
        *EXCEL_NOTES,
        "Dates of birth are partly Excel date cells, partly text typed as '20/07/1985' (cells "
        "Excel did not recognise as dates).",
    ]
    record = entry("excel-fr", "fr", WORKBOOK, notes, people)
    return "excel_fr_inscrits.xlsx", "Inscrits", rows, record


def excel_fr_csv() -> Sheet:
    rows, people = _excel_rows(as_text=True)
    notes = [
        *EXCEL_NOTES,
        "The same sheet saved by Excel on a French Windows as 'CSV (séparateur : point-virgule)': "
        "Windows-1252 (no BOM), semicolon, CRLF; the title row keeps its empty cells "
        "(trailing ';'), blank rows are lines of ';' only.",
        "Dates are written as Excel displays them, DD/MM/YYYY.",
    ]
    record = entry("excel-fr", "fr", {"encoding": "cp1252", "delimiter": ";"}, notes, people)
    return "excel_fr_inscrits_cp1252.csv", "", rows, record

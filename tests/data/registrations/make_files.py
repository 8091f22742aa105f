"""Writes this folder's registration exports, each laid out by its tool, and expected.json.

Run ``python tests/data/registrations/make_files.py [FOLDER]`` (default: this folder); the output
is the same, byte for byte, on every run (fixed timestamps, fixed zip entry dates). README.md says
where each layout comes from.
The column lists and rows are laid out by hand in the tools' column order, hence the fmt pragmas.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from people import PEOPLE, dmy, entry, expect, mdy_us
from pretix_exports import pretix_de, pretix_en
from sheets import excel_fr, excel_fr_csv, microsoft_forms_en, microsoft_forms_fr
from writers import OUTPUT, write_csv, write_xlsx

Entry = tuple[str, dict[str, Any]]


# fmt: off
EVENTBRITE_HEADER = [
    "Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity", "Price Tier",
    "Ticket Type", "Attendee #", "Group", "Order Type", "Currency", "Total Paid", "Fees Paid",
    "Eventbrite Fees", "Eventbrite Payment Processing", "Attendee Status", "Home Address 1",
    "Home Address 2", "Home City", "Home State", "Home Zip", "Home Country", "Cell Phone",
    "Job Title", "Company", "Date of birth (DD/MM/YYYY)", "Nationality", "Visit group",
]
# fmt: on


def eventbrite() -> Entry:
    name = "eventbrite_attendee_summary_en.csv"
    # (key, status, Eventbrite's own team "Group", nationality as typed, phone given)
    plan = [
        ("mcdlf", "Attending", "Team Bretagne", "French", True),
        ("tonu", "Checked In", "", "Estonian", True),
        ("kart", "Attending", "", "Estonia", False),
        ("wang", "Attending", "", "Chinese", True),
        ("levi", "Not Attending", "", "Israeli", True),
        ("haddad", "Attending", "", "Lebanese", False),
        ("papa", "Checked In", "", "Greek", True),
        ("vdberg", "Attending", "", "Dutch", True),
        ("lefevre", "Attending", "Team Bretagne", "french", True),
        ("dubois", "Attending", "Team Bretagne", "French", False),
        ("nguyen", "Not Attending", "", "French", True),
        ("legoff", "Attending", "Team Bretagne", "French", True),
    ]
    statuses = {"Attending": "confirmed", "Checked In": "confirmed", "Not Attending": "cancelled"}
    rows: list[list[Any]] = [EVENTBRITE_HEADER]
    people = []
    for index, (key, status, team, nationality, with_phone) in enumerate(plan):
        p = PEOPLE[key]
        paid = index % 3 != 0
        phone = p.mobile if with_phone else ""
        rows.append([
            str(8812004310 + index * 7), f"2026-03-{2 + index:02d} {9 + index % 8:02d}:14:51+01:00",
            p.first, p.last, p.email, "1", "", "Delegate package" if paid else "Partner (free)",
            str(15320057100 + index * 11), team, "Eventbrite Completed" if paid else "Free Order",
            "EUR", "150.00" if paid else "0.00", "0.00", "6.45" if paid else "0.00",
            "4.35" if paid else "0.00", status, "", "", "", "", "", "", phone, "", p.organization,
            dmy(p.birth), nationality, p.group_en,
        ])  # fmt: skip
        people.append(expect(p, statuses[status], groups=[p.group_en], phone=phone or None))
    write_csv(name, rows)
    notes = [
        "Attendee Summary report as downloaded: UTF-8 without BOM, comma, CRLF, minimal quoting.",
        "Eventbrite's own 'Group' column (a team of buyers, here 'Team Bretagne') is not a "
        "delegation group; the delegation groups come from the 'Visit group' question.",
        "Attendee Status: 'Attending' and 'Checked In' mean confirmed, 'Not Attending' cancelled.",
        "Order # and Attendee # are Eventbrite's numbers, not ours; Quantity, Price Tier, Ticket "
        "Type, Order Type, Currency, Total Paid and the fee columns are to be ignored.",
        "Order Date is 'YYYY-MM-DD HH:MM:SS+01:00' (the event's time zone offset).",
        "Home Address columns are present and empty; Job Title is empty in every row.",
        "Date of birth is a free-text custom question asked as DD/MM/YYYY; several days exceed 12.",
        "Nationality is typed by attendees: 'French', 'french', 'Estonian', and one country name "
        "('Estonia') instead of a nationality.",
        "Chinese, Hebrew, Arabic and Greek names sit in First Name / Last Name as attendees typed "
        "them (family name in Last Name).",
    ]
    return name, entry("eventbrite", "en", {"encoding": "utf-8", "delimiter": ","}, notes, people)


# fmt: off
HELLOASSO_HEADER = [
    "Référence commande", "Date de la commande", "Statut de la commande", "Nom participant",
    "Prénom participant", "Nom payeur", "Prénom payeur", "Email payeur", "Raison sociale",
    "Moyen de paiement", "Tarif", "Montant tarif", "Code Promo", "Montant code promo",
    "Date de naissance", "Nationalité", "Société", "Téléphone", "Portable", "Groupe de visite",
]
# fmt: on


def helloasso() -> Entry:
    name = "helloasso_billetterie_fr.csv"
    # (key, payer key, status, groups)
    plan = [
        ("mcdlf", "mcdlf", "Validé", ["Énergie"]),
        ("tonu", "tonu", "Validé", ["Numérique", "Énergie"]),
        ("kart", "kart", "En attente", ["Numérique"]),
        ("wang", "wang", "Validé", ["Énergie"]),
        ("haddad", "haddad", "Remboursé", ["Santé"]),
        ("papa", "papa", "Validé", ["Énergie"]),
        ("lefevre", "lefevre", "Refusé", ["Énergie"]),
        ("legoff", "legoff", "Validé", ["Santé"]),
        ("dubois", "legoff", "Validé", ["Santé"]),
        ("kask", "kask", "Validé", ["Énergie"]),
        ("aubigne", "aubigne", "En attente", ["Numérique"]),
    ]
    statuses = {
        "Validé": "confirmed",
        "En attente": "invited",
        "Remboursé": "cancelled",
        "Refusé": "cancelled",
    }
    rows: list[list[Any]] = [HELLOASSO_HEADER]
    people = []
    order = 50231
    for index, (key, payer_key, status, groups) in enumerate(plan):
        p, payer = PEOPLE[key], PEOPLE[payer_key]
        if payer_key == key:
            order += 3
        rows.append([
            str(order), f"{2 + index:02d}/03/2026 {10 + index % 9:02d}:{index * 5:02d}", status,
            p.last, p.first, payer.last, payer.first, payer.email,
            "Région Bretagne" if payer_key == "mcdlf" else "",
            "Virement" if index % 4 == 2 else "Carte bancaire", "Délégation – forfait complet",
            "150,00", "", "", dmy(p.birth), p.nationality_fr, p.organization, "", p.mobile,
            ", ".join(groups),
        ])  # fmt: skip
        # The only e-mail column is the payer's: it is not the participant's own when someone
        # else paid (Hélène Le Goff paid for Éloïse Dubois-Martin).
        own = payer_key == key
        people.append(expect(p, statuses[status], groups=groups, email=p.email if own else None))
    write_csv(name, rows, delimiter=";", bom=True)
    notes = [
        "Export of an event (billetterie) form: UTF-8 with BOM, semicolon, CRLF.",
        "One row per participant; 'Nom participant' / 'Prénom participant' are the person, "
        "'Nom payeur' / 'Prénom payeur' / 'Email payeur' the one who paid.",
        "The only e-mail is the payer's: the order of Hélène Le Goff covers Éloïse Dubois-Martin, "
        "whose row carries Hélène's e-mail, so Éloïse lands without e-mail (matched on name + "
        "organisation), and Hélène keeps hers.",
        "Statut de la commande: 'Validé' confirmed, 'En attente' invited, 'Remboursé' and "
        "'Refusé' cancelled.",
        "Date de la commande is 'DD/MM/YYYY HH:MM'; Montant tarif uses a decimal comma ('150,00').",
        "'Téléphone' is empty in every row beside a filled 'Portable': the phone comes from "
        "'Portable'.",
        "Custom field 'Groupe de visite' carries delegation groups, several joined with ', '.",
        "Nationalité is a French adjective in the person's gender (Française, Estonien, "
        "Estonienne, Chinois, Libanaise, Grec).",
        "Référence commande, Moyen de paiement, Tarif, Montant tarif, Code Promo and Raison "
        "sociale are HelloAsso's own and to be ignored.",
    ]
    layout = {"encoding": "utf-8-sig", "delimiter": ";"}
    return name, entry("helloasso", "fr", layout, notes, people)


# fmt: off
WEEZEVENT_HEADER = [
    "Numéro de commande", "Date de commande", "Heure de commande", "Code-barres", "Tarif",
    "Groupe de tarif", "Montant TTC", "Canal de vente", "Statut du billet", "Nom acheteur",
    "Prénom acheteur", "Email acheteur", "Nom participant", "Prénom participant",
    "Email participant", "Date de naissance participant", "Téléphone participant", "Société",
    "Nationalité",
]
# fmt: on


def weezevent() -> Entry:
    name = "weezevent_participants_fr.csv"
    # (key, buyer key, status, participant e-mail given)
    plan = [
        ("mcdlf", "mcdlf", "Validé", True),
        ("tonu", "tonu", "Validé", True),
        ("kart", "tonu", "Validé", True),
        ("levi", "levi", "Annulé", True),
        ("haddad", "haddad", "Validé", True),
        ("vdberg", "vdberg", "En attente", True),
        ("lefevre", "lefevre", "Validé", True),
        ("nguyen", "nguyen", "Validé", False),
        ("legoff", "legoff", "Validé", True),
        ("dubois", "legoff", "Validé", False),
        ("kask", "kask", "Remboursé", True),
    ]
    statuses = {
        "Validé": "confirmed",
        "En attente": "invited",
        "Annulé": "cancelled",
        "Remboursé": "cancelled",
    }
    rows: list[list[Any]] = [WEEZEVENT_HEADER]
    people = []
    order = 1187340
    for index, (key, buyer_key, status, own_email) in enumerate(plan):
        p, buyer = PEOPLE[key], PEOPLE[buyer_key]
        if buyer_key == key:
            order += 17
        rows.append([
            str(order), f"{3 + index:02d}/03/2026", f"{8 + index % 10:02d}:{index * 7 % 60:02d}",
            str(9780012345000 + index * 13), "Pack délégation", "Mission Tallinn – mai 2026",
            "150,00", "Billetterie en ligne", status, buyer.last, buyer.first, buyer.email,
            p.last, p.first, p.email if own_email else "", dmy(p.birth), p.mobile,
            p.organization, p.nationality_fr,
        ])  # fmt: skip
        # Without a participant e-mail, the buyer's is theirs only when they bought for
        # themselves.
        email = p.email if own_email or buyer_key == key else None
        people.append(expect(p, statuses[status], email=email))
    write_csv(name, rows, delimiter=";", bom=True)
    notes = [
        "Participant list export: UTF-8 with BOM, semicolon, CRLF; one row per ticket.",
        "'Nom acheteur' / 'Prénom acheteur' / 'Email acheteur' are the buyer, not the ticket "
        "holder: Tõnu Mägi bought Kärt Õunapuu's ticket, Hélène Le Goff bought Éloïse "
        "Dubois-Martin's.",
        "'Email participant' is empty for François Nguyen (who bought his own ticket: the buyer "
        "e-mail is his) and for Éloïse Dubois-Martin (bought by someone else: no e-mail).",
        "'Groupe de tarif' is a Weezevent price grouping, not a delegation group: no person has "
        "a delegation group in this file.",
        "Statut du billet: 'Validé' confirmed, 'En attente' invited, 'Annulé' and 'Remboursé' "
        "cancelled.",
        "Date and time of the order are split into two columns ('DD/MM/YYYY' and 'HH:MM').",
        "Code-barres, Tarif, Montant TTC and Canal de vente are Weezevent's own.",
    ]
    layout = {"encoding": "utf-8-sig", "delimiter": ";"}
    return name, entry("weezevent", "fr", layout, notes, people)


def google_forms_en() -> Entry:
    name = "google_forms_responses_en.csv"
    header = [
        "Timestamp", "Email Address", "First name", "Last name", "Organization", "Date of birth",
        "Nationality", "Mobile phone", "Visit group", "Dietary requirements",
    ]  # fmt: skip
    plan = [
        ("mcdlf", ["Energy"], "French", "Vegetarian"),
        ("kart", ["Digital"], "Estonian", ""),
        ("tonu", ["Digital", "Energy"], "Estonian", ""),
        ("wang", ["Energy"], "Chinese", "No pork"),
        ("levi", ["Health"], "Israeli", "Kosher"),
        ("haddad", ["Health"], "Lebanese", "Halal"),
        ("papa", ["Energy"], "Greek", ""),
        ("vdberg", ["Digital"], "Dutch", "Lactose-free"),
        ("lefevre", ["Energy"], "French", ""),
        ("legoff", ["Health"], "French", "Gluten-free"),
        ("aubigne", ["Digital", "Health"], "French", ""),
    ]
    rows: list[list[Any]] = [header]
    people = []
    for index, (key, groups, nationality, dietary) in enumerate(plan):
        p = PEOPLE[key]
        stamp = f"3/{2 + index}/2026 {9 + index % 12}:{index * 3:02d}:{index * 17 % 60:02d}"
        phone = "" if key == "levi" else p.mobile
        rows.append([
            stamp, p.email, p.first, p.last, p.organization, mdy_us(p.birth), nationality, phone,
            ", ".join(groups), dietary,
        ])  # fmt: skip
        people.append(expect(p, None, groups=groups, phone=phone or None))
    write_csv(name, rows)
    notes = [
        "Responses sheet downloaded as CSV (File > Download > CSV) with the sheet in the United "
        "States locale: UTF-8 without BOM, comma, CRLF.",
        "Timestamp is 'M/D/YYYY H:MM:SS' (month first, no leading zeros).",
        "Date of birth is month-first: '7/20/1985' (Marie-Claire de La Fontaine: a second part "
        "over 12 proves month-first) and '11/2/1991' (Kärt Õunapuu: 2 November 1991).",
        "Questions are the column titles; 'Email Address' is collected by the form.",
        "Checkbox question 'Visit group' joins several answers with ', '.",
        "No status column: every person lands with the status a new participant gets by "
        "default (status null here).",
        "'Dietary requirements' is a question we keep (dietary), not a layout column.",
        "David Levi left 'Mobile phone' empty.",
    ]
    return name, entry("google-forms", "en", {"encoding": "utf-8", "delimiter": ","}, notes, people)


def google_forms_fr() -> Entry:
    name = "google_forms_reponses_fr.csv"
    header = [
        "Horodateur", "Adresse e-mail", "Nom", "Prénom", "Organisme", "Date de naissance",
        "Nationalité", "Téléphone", "Portable", "Groupe de visite",
    ]  # fmt: skip
    # Every birth date here has day and month at 12 or less: the column stays ambiguous.
    plan = [
        ("tonu", ["Numérique"], "Estonien"),
        ("kart", ["Numérique"], "estonienne"),
        ("wang", ["Énergie"], "Chinois"),
        ("levi", ["Santé"], "Israélien"),
        ("papa", ["Énergie"], "Grec"),
        ("lefevre", ["Énergie"], "Français"),
        ("nguyen", ["Numérique"], "Française"),
        ("dubois", ["Santé", "Énergie"], "Française"),
        ("kask", ["Énergie"], "Estonien"),
        ("aubigne", ["Numérique"], "française"),
    ]
    rows: list[list[Any]] = [header]
    people = []
    for index, (key, groups, nationality) in enumerate(plan):
        p = PEOPLE[key]
        stamp = f"{2 + index:02d}/03/2026 {14 + index % 8:02d}:{index * 5:02d}:{index * 3:02d}"
        rows.append([
            stamp, p.email, p.last, p.first, p.organization, dmy(p.birth), nationality, "",
            p.mobile, ", ".join(groups),
        ])  # fmt: skip
        people.append(expect(p, None, groups=groups))
    write_csv(name, rows)
    notes = [
        "Responses sheet in the French locale downloaded as CSV: UTF-8 without BOM, comma (Google "
        "Sheets writes commas whatever the locale), CRLF.",
        "Horodateur is 'DD/MM/YYYY HH:MM:SS'.",
        "Date de naissance stays ambiguous: every value has day and month at 12 or less "
        "(04/03/1979, 02/11/1991 …); it is read day-first because the file is French, and the "
        "preview says so. Expected dates are the day-first reading.",
        "'Nom' comes before 'Prénom' (question order chosen by the organiser).",
        "'Téléphone' is empty in every row beside a filled 'Portable'.",
        "Nationalité is a French adjective, sometimes in lower case ('estonienne', "
        "'française'); François Nguyen typed 'Française' (feminine) for himself.",
        "No status column (status null: the default for new participants).",
    ]
    return name, entry("google-forms", "fr", {"encoding": "utf-8", "delimiter": ","}, notes, people)


# fmt: off
INDICO_HEADER = [
    "ID", "Name", "Title", "First Name", "Last Name", "Email Address", "Affiliation", "Position",
    "Country", "Phone Number", "Date of birth", "Nationality", "Visit group", "Registration date",
    "Registration state",
]
# fmt: on


def indico() -> Entry:
    name = "indico_registrations.csv"
    # (key, title, country of residence, registration state)
    plan = [
        ("mcdlf", "Ms", "France", "Completed"),
        ("tonu", "Prof.", "Estonia", "Completed"),
        ("kart", "Ms", "Estonia", "Pending"),
        ("wang", "Mr", "China", "Completed"),
        ("levi", "Dr", "France", "Completed"),
        ("haddad", "", "France", "Awaiting payment"),
        ("papa", "Mr", "Greece", "Withdrawn"),
        ("vdberg", "Mr", "Netherlands", "Completed"),
        ("nguyen", "Mr", "France", "Rejected"),
        ("legoff", "Ms", "France", "Completed"),
        ("aubigne", "", "France", "Completed"),
        ("kask", "Mr", "Estonia", "Pending"),
    ]
    statuses = {
        "Completed": "confirmed",
        "Pending": "invited",
        "Awaiting payment": "invited",
        "Rejected": "cancelled",
        "Withdrawn": "cancelled",
    }
    rows: list[list[Any]] = [INDICO_HEADER]
    people = []
    for index, (key, title, country, state) in enumerate(plan):
        p = PEOPLE[key]
        phone = "" if index % 4 == 3 else p.mobile
        registered = (
            f"2026-02-{10 + index:02d} {9 + index % 10:02d}:{index * 4:02d}:"
            f"{index * 13 % 60:02d}.{481207 + index * 1117}+01:00"
        )
        rows.append([
            index + 1, f"{p.first} {p.last}", title, p.first, p.last, p.email, p.organization, "",
            country, phone, dmy(p.birth), p.nationality_en, p.group_en, registered, state,
        ])  # fmt: skip
        people.append(expect(p, statuses[state], groups=[p.group_en], phone=phone or None))
    write_csv(name, rows, bom=True)
    notes = [
        "Registrations list exported as CSV: UTF-8 with BOM, comma, minimal quoting, CRLF.",
        "'ID' is Indico's registration number and 'Name' is 'First Last'; the personal-data "
        "columns 'First Name' / 'Last Name' give the split (小明 / 王).",
        "'Country' is the personal-data country (where the person lives), not the nationality: "
        "David Levi lives in France and is Israeli; nationality comes from the 'Nationality' "
        "question.",
        "Registration state: 'Completed' confirmed, 'Pending' and 'Awaiting payment' invited, "
        "'Rejected' and 'Withdrawn' cancelled.",
        "Registration date is Python's str() of an aware datetime "
        "('2026-02-10 09:00:00.481207+01:00').",
        "'Date of birth' is a date field exported in its configured format, DD/MM/YYYY.",
        "'Position' is empty everywhere; 'Title' (Mr, Ms, Dr, Prof.) is a civility.",
        "'Phone Number' is empty for some registrants.",
    ]
    layout = {"encoding": "utf-8-sig", "delimiter": ","}
    return name, entry("indico", "en", layout, notes, people)


def _write_sheet(builder: Callable[[], tuple[str, str, list[list[Any]], dict]]) -> Entry:
    name, sheet_title, rows, expected = builder()
    if name.endswith(".xlsx"):
        creator = "Microsoft Forms" if expected["profile"] == "microsoft-forms" else "Excel"
        write_xlsx(name, sheet_title, rows, creator)
    else:
        write_csv(name, rows, delimiter=";", encoding="cp1252")
    return name, expected


BUILDERS: list[Callable[[], Entry]] = [
    eventbrite, helloasso, weezevent, pretix_en, pretix_de, google_forms_en, google_forms_fr,
    indico,
]  # fmt: skip
SHEET_BUILDERS = [microsoft_forms_fr, microsoft_forms_en, excel_fr, excel_fr_csv]


def main(arguments: list[str]) -> None:
    if arguments:
        OUTPUT[0] = Path(arguments[0])
    expected = dict(builder() for builder in BUILDERS)
    expected.update(_write_sheet(builder) for builder in SHEET_BUILDERS)
    text = json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    (OUTPUT[0] / "expected.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])

"""pretix's order data export, sheet "Order positions", with English and German column titles."""

from __future__ import annotations

import csv
from typing import Any

from people import PEOPLE, e164, entry, expect
from writers import write_csv

Entry = tuple[str, dict[str, Any]]


# fmt: off
PRETIX_GROUPS_EN = ["Energy", "Digital", "Health"]
PRETIX_HEADER_EN = [
    "Event slug", "Order code", "Position ID", "Status", "Email", "Phone number", "Order date",
    "Order time", "Product", "Variation", "Price", "Tax rate", "Tax rule", "Tax value",
    "Attendee name", "Attendee name: Given name", "Attendee name: Family name", "Attendee email",
    "Company", "Address", "ZIP code", "City", "Country", "State", "Voucher",
    "Pseudonymization ID", "Ticket secret", "Seat ID", "Seat name", "Seat zone", "Seat row",
    "Seat number", "Blocked", "Valid from", "Valid until", "Order comment", "Follow-up date",
    # The event's questions, in their order; a multiple-choice one gets a column per option.
    "Date of birth", "Nationality", *(f"Visit group – {group}" for group in PRETIX_GROUPS_EN),
    "Company", "Invoice address name", "Invoice address name: Given name",
    "Invoice address name: Family name", "Invoice address street", "Invoice address ZIP code",
    "Invoice address city", "Invoice address country", "Invoice address state", "VAT ID",
    "Sales channel", "Order locale", "E-mail address verified", "External customer ID",
    "Payment providers",
]
# fmt: on


def pretix_en() -> Entry:
    name = "pretix_order_positions_en.csv"
    # (key, order code, position id, status); order RM3PZ holds two positions.
    plan = [
        ("mcdlf", "K7XQA", 1, "paid"),
        ("tonu", "RM3PZ", 1, "paid"),
        ("kart", "RM3PZ", 2, "paid"),
        ("wang", "C9LDW", 1, "paid"),
        ("levi", "TQ8NB", 1, "pending"),
        ("papa", "HX2VE", 1, "paid"),
        ("vdberg", "W4JKS", 1, "canceled"),
        ("lefevre", "N6FTR", 1, "expired"),
        ("dubois", "P3YGM", 1, "paid"),
        ("nguyen", "D8UCH", 1, "paid"),
        ("legoff", "Z5BWQ", 1, "pending"),
        ("kask", "F2MVL", 1, "paid"),
    ]
    statuses = {
        "paid": "confirmed",
        "pending": "invited",
        "canceled": "cancelled",
        "expired": "cancelled",
    }
    rows: list[list[Any]] = [PRETIX_HEADER_EN]
    people = []
    for index, (key, code, position, status) in enumerate(plan):
        p = PEOPLE[key]
        shared = code == "RM3PZ"
        buyer = PEOPLE["tonu"] if shared else p
        phone = "" if shared else e164(p.mobile)
        votes = ["Yes" if group == p.group_en else "No" for group in PRETIX_GROUPS_EN]
        # pretix builds "Attendee name" as given + " " + family, whatever the culture.
        rows.append([
            "tallinn-2026", code, position, status, buyer.email, phone, f"2026-03-{2 + index:02d}",
            f"{9 + index % 9:02d}:{index * 4:02d}:07", "Delegation package", "", "250.00", "0.00",
            "", "0.00", f"{p.first} {p.last}", p.first, p.last, p.email if shared else "",
            p.organization, "", "", "", "", "", "", f"8QXW{index:02d}PL3",
            f"ktz{index:02d}a8y3fp2qnd5h7r", "", "", "", "", "", "", "", "", "", "",
            p.birth.isoformat(), p.country_en, *votes, buyer.organization,
            f"{buyer.first} {buyer.last}", buyer.first, buyer.last, "", "", "", "", "", "", "web",
            "fr" if p.nationality == "FR" else "en", "Yes" if index % 2 else "No", "",
            "Bank transfer",
        ])  # fmt: skip
        people.append(expect(p, statuses[status], groups=[p.group_en], phone=phone or None))
    write_csv(name, rows, quoting=csv.QUOTE_NONNUMERIC)
    notes = [
        "Order data export, sheet 'Order positions', format 'CSV (with commas)': UTF-8 without "
        "BOM, comma, every text field quoted, the integer Position ID unquoted, CRLF.",
        "Name scheme 'given name / family name': 'Attendee name' is given + ' ' + family for "
        "everyone (so '小明 王' for 王小明); the parts columns give the right split.",
        "'Email' and 'Phone number' are the order's (the buyer's). 'Attendee email' is filled "
        "only in the two-position order RM3PZ, where Tõnu Mägi ordered for himself and Kärt "
        "Õunapuu; elsewhere the order e-mail is the attendee's own.",
        "Phone number is E.164 ('+33612345678'); order RM3PZ has none, so neither of its "
        "attendees gets a phone.",
        "Status is the order's, in lower case: 'paid' confirmed, 'pending' invited, 'canceled' "
        "and 'expired' cancelled.",
        "'Company' appears twice: the attendee's (organization) and, later, the invoice address's.",
        "'Country' is the attendee's address country (empty here); nationality comes from the "
        "country question 'Nationality', written as an English country name ('Estonia').",
        "'Date of birth' is a date question, written unlocalised as YYYY-MM-DD.",
        "Multiple-choice question 'Visit group' is split into one column per option "
        "('Visit group – Energy' …) holding 'Yes' / 'No'.",
        "Price, Tax rate and Tax value are localised decimals written as quoted text ('250.00').",
    ]
    return name, entry("pretix", "en", {"encoding": "utf-8", "delimiter": ","}, notes, people)


# fmt: off
PRETIX_HEADER_DE = [
    "Kurzname der Veranstaltung", "Bestellnummer", "Position", "Status", "E-Mail",
    "Telefonnummer", "Bestelldatum", "Bestelluhrzeit", "Produkt", "Variante", "Preis",
    "Steuersatz", "Steuerregel", "Steuer", "Name Teilnehmer*in", "Name Teilnehmer*in: Vorname",
    "Name Teilnehmer*in: Nachname", "E-Mail Teilnehmer*in", "Firma", "Adresse", "Postleitzahl",
    "Ort", "Land", "Bundesstaat", "Gutschein", "Pseudonyme ID", "Sitzplatz-ID",
    "Sitzbezeichnung", "Sitzbereich", "Sitzreihe", "Sitzplatz", "Bestellkommentar",
    "Datum zur Wiedervorlage", "Geburtsdatum", "Staatsangehörigkeit", "Firma",
    "Rechnungsadresse: Name", "Rechnungsadresse: Name: Vorname",
    "Rechnungsadresse: Name: Nachname", "Adresse", "Postleitzahl", "Ort", "Land", "Bundesstaat",
    "USt-ID-Nr.", "Verkaufskanal", "Bestellsprache", "E-Mail-Adresse verifiziert",
    "Zahlungsmethoden",
]
# fmt: on


def pretix_de() -> Entry:
    name = "pretix_bestellpositionen_de.csv"
    plan = [
        ("mcdlf", "AB3KD", "bezahlt"),
        ("tonu", "QW7ZP", "bezahlt"),
        ("kart", "LM2XC", "ausstehend"),
        ("haddad", "TR9VB", "bezahlt"),
        ("papa", "HG4NS", "storniert"),
        ("vdberg", "YU8EJ", "bezahlt"),
        ("lefevre", "PO5RT", "abgelaufen"),
        ("aubigne", "ZX6MA", "bezahlt"),
        ("kask", "CV1DF", "bezahlt"),
        ("nguyen", "BN0GH", "ausstehend"),
    ]
    statuses = {
        "bezahlt": "confirmed",
        "ausstehend": "invited",
        "storniert": "cancelled",
        "abgelaufen": "cancelled",
    }
    rows: list[list[Any]] = [PRETIX_HEADER_DE]
    people = []
    for index, (key, code, status) in enumerate(plan):
        p = PEOPLE[key]
        phone = e164(p.mobile)
        rows.append([
            "tallinn-2026", code, 1, status, p.email, phone, f"2026-03-{10 + index:02d}",
            f"{8 + index:02d}:{index * 6:02d}:41", "Delegationspaket", "", "250,00", "0,00", "",
            "0,00", f"{p.first} {p.last}", p.first, p.last, "", p.organization, "", "", "", "",
            "", "", f"R7T{index:02d}KQ2", "", "", "", "", "", "", "", p.birth.isoformat(),
            p.country_de, p.organization, f"{p.first} {p.last}", p.first, p.last, "", "", "", "",
            "", "", "web", "de", "Ja" if index % 3 else "Nein", "Überweisung",
        ])  # fmt: skip
        people.append(expect(p, statuses[status], phone=phone))
    write_csv(name, rows, delimiter=";")
    notes = [
        "The same export with German column titles, format 'CSV (with semicolons)': UTF-8 "
        "without BOM, semicolon, minimal quoting, CRLF.",
        "Column set of the pretix release whose German catalogue was read (no 'Ticket secret', "
        "'Blocked', 'Valid from/until'): 'Firma', 'Adresse', 'Postleitzahl', 'Ort', 'Land' and "
        "'Bundesstaat' each appear twice (attendee, then invoice address).",
        "Status: 'bezahlt' confirmed, 'ausstehend' invited, 'storniert' and 'abgelaufen' "
        "cancelled.",
        "'Preis', 'Steuersatz' and 'Steuer' use a decimal comma ('250,00').",
        "'E-Mail Teilnehmer*in' is empty: the order's 'E-Mail' is the attendee's (one position "
        "per order).",
        "Nationality comes from the country question 'Staatsangehörigkeit', written as a German "
        "country name (Frankreich, Estland, Libanon, Griechenland, Niederlande).",
        "The given/family name columns are 'Name Teilnehmer*in: Vorname' and '…: Nachname'.",
        "No delegation groups in this file.",
    ]
    return name, entry("pretix", "de", {"encoding": "utf-8", "delimiter": ";"}, notes, people)

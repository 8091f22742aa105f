"""The column layouts of the registration tools organisers export from, known by their headers."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from delegation.interchange.columns import fold
from delegation.interchange.values import DateOrder


@dataclass(frozen=True)
class SourceProfile:
    """What a tool's export says in its own way.

    `markers`: headers every export of the tool has (each entry lists spellings, any one
    will do). `columns`: headers whose meaning differs from their plain words, as the field
    they fill or None for the tool's own bookkeeping (order number, ticket type,
    Eventbrite's "Group", the buyer's name). `fallbacks`: columns used for a field only
    when no other column fills it (a form's respondent account beside an Email question).
    `values`: the tool's words for a field's values, e.g. HelloAsso's "En attente" (payment
    awaited) is an invitation, not a waiting list.
    """

    key: str
    name: str  # as the tool calls itself; not translated
    markers: tuple[tuple[str, ...], ...]
    columns: Mapping[str, str | None] = field(default_factory=dict)
    fallbacks: Mapping[str, str] = field(default_factory=dict)
    date_order: DateOrder | None = None  # how the tool writes 03/04/1985
    language: str | None = None  # the language its headers are in
    values: Mapping[tuple[str, str], str] = field(default_factory=dict)
    # The buyer's first and last name columns: a buyer's email (a fallback) is a
    # participant's only on the rows where the buyer is that participant.
    buyer: tuple[str, str] | None = None

    def matches(self, folded_headers: set[str]) -> bool:
        return all(
            any(fold(spelling) in folded_headers for spelling in marker) for marker in self.markers
        )

    def field_of(self, header: str) -> tuple[bool, str | None]:
        """(whether the profile decides, the field it gives) for a header."""
        folded = fold(header)
        if folded in self._columns:
            return True, self._columns[folded]
        return False, None

    def fallback_of(self, header: str) -> str | None:
        return self._fallbacks.get(fold(header))

    # Folded once per profile, not at each header of each file.
    @cached_property
    def _columns(self) -> dict[str, str | None]:
        return {fold(header): name for header, name in self.columns.items()}

    @cached_property
    def _fallbacks(self) -> dict[str, str]:
        return {fold(header): name for header, name in self.fallbacks.items()}


def _own(*headers: str) -> dict[str, None]:
    """Columns of a tool's own bookkeeping: never a participant's field."""
    return dict.fromkeys(headers)


PROFILES: tuple[SourceProfile, ...] = (
    SourceProfile(
        key="eventbrite",
        name="Eventbrite",
        markers=(("Attendee Status", "Attendee status"), ("Ticket Type",)),
        columns={
            **_own("Order #", "Order Date", "Order Type", "Ticket Type", "Quantity"),
            **_own("Total Paid", "Fees Paid", "Eventbrite Fees", "Currency", "Attendee #"),
            **_own("Eventbrite Payment Processing", "Barcode #", "Group", "Device Name"),
            **_own("Buyer First Name", "Buyer Last Name", "Buyer Surname", "Buyer Email"),
            **_own("Order no.", "Check-In Date", "Checked In", "Event name", "Event ID"),
            "Attendee Status": "status",
            "Cell Phone": "phone",
            "Work Phone": "phone",
            "Job Title": "job_title",
            "Company": "organization",
        },
        date_order=DateOrder.MONTH_FIRST,
        language="en",
    ),
    SourceProfile(
        key="weezevent",
        name="Weezevent",
        markers=(("Code-barres", "Code barre", "Code barres", "Barcode"), ("Tarif", "Billet")),
        columns={
            **_own("Code-barres", "Code barre", "Code barres", "Barcode", "Tarif", "Billet"),
            **_own("Date d'achat", "Date d'inscription", "ID commande", "N° commande"),
            **_own("Numéro de commande", "Date de commande", "Heure de commande"),
            **_own("Montant", "Montant TTC", "Prix", "Moyen de paiement", "Canal de vente"),
            **_own("Contrôlé", "Date de contrôle", "Événement", "Origine", "Groupe de tarif"),
            **_own("Nom acheteur", "Prénom acheteur"),
            "Nom participant": "last_name",
            "Prénom participant": "first_name",
            "Email participant": "email",
            "Date de naissance participant": "birth_date",
            "Téléphone participant": "phone",
            "Statut du billet": "status",
        },
        fallbacks={"Email acheteur": "email"},
        buyer=("Prénom acheteur", "Nom acheteur"),
        date_order=DateOrder.DAY_FIRST,
        language="fr",
        values={("status", "en attente"): "invited"},
    ),
    SourceProfile(
        key="helloasso",
        name="HelloAsso",
        markers=(("Nom participant", "Nom du participant"), ("Nom payeur",)),
        columns={
            **_own("Référence commande", "Date de la commande", "Moyen de paiement", "Billet"),
            **_own("Nom payeur", "Prénom payeur", "Raison sociale", "Montant code promo"),
            **_own("Code Promo", "Montant tarif", "Montant", "Montant (€)", "Tarif", "Formule"),
            **_own("Numéro", "Attestation", "Date", "Carte adhérent", "Numéro de billet"),
            "Nom participant": "last_name",
            "Nom du participant": "last_name",
            "Prénom participant": "first_name",
            "Prénom du participant": "first_name",
            "Email participant": "email",
            "Email du participant": "email",
            "Statut de la commande": "status",
            "Statut": "status",
        },
        fallbacks={"Email payeur": "email"},
        buyer=("Prénom payeur", "Nom payeur"),
        date_order=DateOrder.DAY_FIRST,
        language="fr",
        values={("status", "en attente"): "invited"},
    ),
    SourceProfile(
        key="pretix",
        name="pretix",
        markers=(
            ("Order code", "Bestellnummer", "Code de commande"),
            ("Position ID", "Product", "Produkt", "Pseudonymization ID", "Pseudonyme ID"),
        ),
        columns={
            **_own("Order code", "Position ID", "Order total", "Order date", "Order time"),
            **_own("Product", "Variation", "Price", "Tax rate", "Tax rule", "Tax value"),
            **_own("Payment date", "Payment type", "Fees", "Voucher", "Pseudonymization ID"),
            **_own("Invoice address name", "Invoice address company", "Secret", "Seat ID"),
            **_own("Sales channel", "Order locale", "Check-in lists", "Requires special att"),
            "Attendee name": "full_name",
            "Attendee name: Given name": "first_name",
            "Attendee name: Family name": "last_name",
            "Attendee name: Title": "civility",
            "Attendee email": "email",
            "Phone number": "phone",
            # The same export with German titles.
            **_own("Kurzname der Veranstaltung", "Bestellnummer", "Position", "Bestelldatum"),
            **_own("Bestelluhrzeit", "Produkt", "Variante", "Preis", "Steuersatz", "Steuer"),
            **_own("Steuerregel", "Gutschein", "Pseudonyme ID", "Verkaufskanal", "Land"),
            **_own("Bestellsprache", "Zahlungsmethoden", "Adresse", "Postleitzahl", "Ort"),
            "Name Teilnehmer*in": "full_name",
            "Name Teilnehmer*in: Vorname": "first_name",
            "Name Teilnehmer*in: Nachname": "last_name",
            "E-Mail Teilnehmer*in": "email",
            "Telefonnummer": "phone",
            "Firma": "organization",
            "Geburtsdatum": "birth_date",
            "Staatsangehörigkeit": "nationality",
        },
        # The order's, which is the attendee's own unless someone ordered for others.
        fallbacks={"Email": "email", "E-Mail": "email"},
        date_order=None,
        language="en",
        values={
            **dict.fromkeys([("status", "bezahlt")], "confirmed"),
            **dict.fromkeys([("status", "ausstehend")], "invited"),
            **dict.fromkeys([("status", "storniert"), ("status", "abgelaufen")], "cancelled"),
        },
    ),
    SourceProfile(
        key="microsoft-forms-fr",
        name="Microsoft Forms",
        markers=(("Heure de début",), ("Heure de fin",), ("Adresse de messagerie",)),
        columns=_own("ID", "Heure de début", "Heure de fin", "Heure de la dernière modification"),
        fallbacks={"Adresse de messagerie": "email", "Nom": "full_name"},
        date_order=DateOrder.DAY_FIRST,
        language="fr",
    ),
    SourceProfile(
        key="microsoft-forms-en",
        name="Microsoft Forms",
        markers=(("Start time",), ("Completion time",), ("Email",)),
        columns=_own("ID", "Start time", "Completion time", "Last modified time"),
        fallbacks={"Email": "email", "Name": "full_name"},
        date_order=DateOrder.MONTH_FIRST,
        language="en",
    ),
    SourceProfile(
        key="google-forms-fr",
        name="Google Forms",
        markers=(("Horodateur",),),
        columns={**_own("Horodateur", "Score"), "Adresse e-mail": "email"},
        date_order=DateOrder.DAY_FIRST,
        language="fr",
    ),
    SourceProfile(
        key="google-forms-en",
        name="Google Forms",
        markers=(("Timestamp",),),
        columns={**_own("Timestamp", "Score"), "Email Address": "email"},
        date_order=DateOrder.MONTH_FIRST,
        language="en",
    ),
    SourceProfile(
        key="indico",
        name="Indico",
        markers=(("Registration state", "Registration status"), ("Registration date",)),
        columns={
            **_own("ID", "Registration date", "Price", "Checked in", "Checked in date"),
            **_own("Registration tags", "Tags", "Is paid", "Country"),
            "Registration state": "status",
            "Registration status": "status",
            "Affiliation": "organization",
            "Position": "job_title",
            "Email Address": "email",
        },
        date_order=DateOrder.DAY_FIRST,
        language="en",
        values={("status", "pending"): "invited", ("status", "unpaid"): "invited"},
    ),
)


def recognise_profile(headers: Sequence[str]) -> SourceProfile | None:
    """The tool whose export has these headers, or None for a sheet typed by hand."""
    folded = {fold(header) for header in headers}
    return next((profile for profile in PROFILES if profile.matches(folded)), None)

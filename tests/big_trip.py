"""A generated trip as large as a chamber's biggest delegations: hundreds of confirmed
participants in four groups, a five-day programme, rooms and flights for everyone."""

from datetime import date, datetime
from datetime import time as clock

FIRST = ["Hélène", "Kadri", "Jüri", "Loïc", "Anaïs", "Tõnu", "Zoé", "Mart", "Noël", "Liis"]
LAST = ["Tamm", "Saar", "Õunapuu", "Bérard", "Mägi", "Quéré", "Kask", "Dupré", "Väljaots"]
STREETS = ["Pärnu mnt", "Tartu mnt", "Narva mnt", "Mäealuse", "Suur-Ameerika", "Õismäe tee"]
GROUPS = 4


def _stamp() -> dict:
    return {"version": 1, "updated_at": datetime.now(), "updated_by": "bench"}


def generate(workspace, participants: int, items: int) -> str:
    """A five-day trip: a quarter of the programme for everyone, the rest in parallel visits
    of four groups; everyone confirmed, in a twin room, on the two flights."""
    from sqlalchemy import func, insert, select

    from delegation.domain.enums import AgendaKind, ParticipantStatus
    from delegation.persistence.models import (
        AgendaItem,
        Contact,
        Hotel,
        Participant,
        Room,
        TravelSegment,
        TripGroup,
        Venue,
        agenda_item_groups,
        participant_groups,
        segment_passengers,
    )
    from delegation.services.trips import NewTrip, add_trip

    start = date(2026, 5, 4)
    trip = add_trip(
        workspace,
        NewTrip("big-2026", "Mission Tallinn 2026", "Tallinn", "EE", start, date(2026, 5, 8)),
    )
    kinds = list(AgendaKind)
    with workspace.transaction() as session:
        top = {model: session.scalar(select(func.max(model.id))) or 0
               for model in (TripGroup, Venue, Hotel, Room, Contact, Participant, AgendaItem,
                             TravelSegment)}  # fmt: skip
        g0, v0, h0, r0, c0, p0, a0, s0 = top.values()
        session.execute(
            insert(TripGroup),
            [{"id": g0 + g + 1, "trip_id": trip.id, "code": "ABCD"[g],
              "name": f"Groupe {'ABCD'[g]}", "position": g, **_stamp()} for g in range(GROUPS)],
        )  # fmt: skip
        session.execute(
            insert(Venue),
            [{"id": v0 + v + 1, "name": f"Site {v} — Tehnopol Õppehoone", "address":
              f"{STREETS[v % len(STREETS)]} {v + 1}, 10{v:03d} Tallinn",
              "latitude": 59.40 + v / 1000 if v % 3 else None, "longitude": 24.70 + v / 1000
              if v % 3 else None, "contact_name": "Kristiina Lepp", "contact_phone":
              "+372 5555 0101", **_stamp()} for v in range(40)],
        )  # fmt: skip
        session.execute(
            insert(Hotel),
            [{"id": h0 + 1, "trip_id": trip.id, "name": "Hotel Telegraaf", "address":
              "Vene 9, 10123 Tallinn", "phone": "+372 600 0600", "check_in": start,
              "check_out": date(2026, 5, 8), **_stamp()}],
        )  # fmt: skip
        session.execute(
            insert(Room),
            [{"id": r0 + r + 1, "hotel_id": h0 + 1, "label": f"{100 + r}", "room_type": "twin",
              "capacity": 2, **_stamp()} for r in range(participants // 2 + 1)],
        )  # fmt: skip
        session.execute(
            insert(Contact),
            [{"id": c0 + n + 1, "first_name": FIRST[n % len(FIRST)], "last_name":
              f"{LAST[n % len(LAST)]}{n // 90 or ''}", "email": f"person{n}@example.ee",
              **_stamp()} for n in range(participants)],
        )  # fmt: skip
        session.execute(
            insert(Participant),
            [{"id": p0 + n + 1, "trip_id": trip.id, "contact_id": c0 + n + 1, "status":
              ParticipantStatus.CONFIRMED, "language": "fr" if n % 3 else "en",
              "room_id": r0 + n // 2 + 1, **_stamp()} for n in range(participants)],
        )  # fmt: skip
        session.execute(
            insert(participant_groups),
            [
                {"participant_id": p0 + n + 1, "group_id": g0 + n % GROUPS + 1}
                for n in range(participants)
            ],
        )
        rows, links = [], []
        for number in range(items):
            day, slot = divmod(number, items // 5 or 1)
            shared = number % 4 == 0
            hour = 8 + (slot // (1 if shared else GROUPS)) % 12
            rows.append(
                {"id": a0 + number + 1, "trip_id": trip.id, "day": start.fromordinal(
                    start.toordinal() + min(day, 4)), "start_time": clock(hour, 0),
                 "end_time": clock(hour, 50), "title_fr": f"Visite n° {number} : énergie et ville",
                 "title_en": f"Visit no. {number}: energy and the city", "kind":
                 kinds[number % len(kinds)], "venue_id": v0 + number % 40 + 1, "notes_fr":
                 "Pièce d’identité obligatoire à l’entrée ; rendez-vous dans le hall."
                 if number % 2 else None, "notes_en": "Identity document required at the gate."
                 if number % 2 else None, **_stamp()}
            )  # fmt: skip
            if not shared:
                links.append(
                    {"agenda_item_id": a0 + number + 1, "group_id": g0 + number % GROUPS + 1}
                )
        session.execute(insert(AgendaItem), rows)
        session.execute(insert(agenda_item_groups), links)
        session.execute(
            insert(TravelSegment),
            [{"id": s0 + 1, "trip_id": trip.id, "mode": "flight", "direction": "outbound",
              "carrier": "Air France", "number": "AF1124", "departure_place": "Paris-CDG",
              "departure_timezone": "Europe/Paris", "departure_at": datetime(2026, 5, 4, 8, 5),
              "arrival_place": "Tallinn (TLL)", "arrival_timezone": "Europe/Tallinn",
              "arrival_at": datetime(2026, 5, 4, 11, 40), **_stamp()},
             {"id": s0 + 2, "trip_id": trip.id, "mode": "flight", "direction": "return", "carrier":
              "Air France", "number": "AF1125", "departure_place": "Tallinn (TLL)",
              "departure_timezone": "Europe/Tallinn", "departure_at": datetime(2026, 5, 8, 13, 5),
              "arrival_place": "Paris-CDG", "arrival_timezone": "Europe/Paris",
              "arrival_at": datetime(2026, 5, 8, 14, 50), **_stamp()}],
        )  # fmt: skip
        session.execute(
            insert(segment_passengers),
            [
                {"segment_id": s0 + s, "participant_id": p0 + n + 1}
                for s in (1, 2)
                for n in range(participants)
            ],
        )
    return "big-2026"

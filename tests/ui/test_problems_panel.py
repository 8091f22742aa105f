"""The problems panel: kept up to date while editing, leading to the object concerned."""

from datetime import date, time

from delegation.domain.enums import ParticipantStatus
from delegation.services.agenda import AgendaItemDetails, add_item
from delegation.services.participant_rows import list_participants

TARGET = 256  # Qt.ItemDataRole.UserRole: (kind, id, promote id) of a finding


def _refreshed(qtbot, window):
    """The panel once it has checked what is in the database now (off the window's
    thread: the test waits, as a user does, for its findings)."""
    panel = window.problems
    qtbot.waitUntil(lambda: not panel._timer.isActive() and panel.running is None)
    panel.show_trip()  # read whole: the test changed the database behind the window
    panel.refresh()
    qtbot.waitUntil(lambda: panel.running is None, timeout=10_000)
    return panel


def test_the_sample_has_nothing_blocking(qtbot, window):
    panel = _refreshed(qtbot, window)
    assert panel.report is not None and panel.report.blocking == 0
    assert window.problems.summary.text() in (
        "No problem found",
        f"0 blocking, {panel.report.warnings} to check",
    )


def test_an_overlap_shows_up_and_leads_to_the_item(qtbot, window, demo_workspace):
    clash = add_item(
        demo_workspace,
        window.trip.id,
        AgendaItemDetails(
            date(2023, 5, 9), time(10, 0), time(11, 30), title_en="Extra visit", group_codes=("A",)
        ),
    )
    window.reload_all()
    panel = _refreshed(qtbot, window)
    assert panel.report.blocking >= 1
    blocking = panel.tree.topLevelItem(0)
    finding = blocking.child(0)
    assert "TalTech" in finding.text(0) and "Extra visit" in finding.text(0)
    panel.tree.itemActivated.emit(finding, 0)
    assert window.pages.current_name() == "programme"
    assert window.show_page("programme").selected_row() is not None
    assert window.show_page("programme").current_day() == date(2023, 5, 9)
    assert clash.id in (window.show_page("programme").selected_row().id, finding.data(0, TARGET)[1])


def test_a_cancellation_offers_the_seat_to_the_first_waiting(qtbot, window, demo_workspace):
    page = window.show_page("participants")
    confirmed = next(
        r for r in page.model.rows() if r.details.status == ParticipantStatus.CONFIRMED
    )
    page.select_ids([confirmed.id])
    page.set_status(ParticipantStatus.CANCELLED)
    panel = _refreshed(qtbot, window)
    rows = [
        panel.tree.topLevelItem(i).child(j)
        for i in range(panel.tree.topLevelItemCount())
        for j in range(panel.tree.topLevelItem(i).childCount())
    ]
    offer = next(row for row in rows if row.data(0, TARGET)[2] is not None)
    panel.tree.setCurrentItem(offer)
    assert panel.promote_button.isVisibleTo(panel)
    first = offer.data(0, TARGET)[2]
    panel.promote()
    status = {r.id: r.details.status for r in list_participants(demo_workspace, window.trip.id)}
    assert status[first] == ParticipantStatus.CONFIRMED
    window.menus.undo.trigger()
    status = {r.id: r.details.status for r in list_participants(demo_workspace, window.trip.id)}
    assert status[first] == ParticipantStatus.WAITLISTED


def test_the_overview_says_how_ready_the_trip_is(qtbot, window):
    _refreshed(qtbot, window)
    assert window.show_page("overview").readiness.text().startswith("Readiness: 0 blocking")


def test_each_count_agrees_with_its_own_number_in_french():
    from delegation.i18n import set_language
    from delegation.i18n.counts import import_counts, readiness_counts

    set_language("fr")
    try:
        assert readiness_counts(0, 1) == "0 bloquant, 1 à vérifier"
        assert readiness_counts(13, 2) == "13 bloquants, 2 à vérifier"
        assert import_counts(1, 2, 1_200) == "1 créé, 2 modifiés, 1\u202f200 inchangés"
    finally:
        set_language("en")
    assert readiness_counts(1, 2) == "1 blocking, 2 to check"
    assert import_counts(3, 0, 59) == "3 created, 0 changed, 59 unchanged"

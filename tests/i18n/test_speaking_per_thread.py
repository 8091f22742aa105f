"""A document drawn in its reader's language on another thread leaves the window's own."""

import threading

from delegation.i18n import _, current_language, set_language, speaking


def test_speaking_holds_for_its_own_thread_only():
    set_language("fr")
    inside, go_on = threading.Event(), threading.Event()
    seen: dict[str, str] = {}

    def draw_in_english() -> None:
        with speaking("en"):
            seen["worker"] = _("Map")
            inside.set()
            go_on.wait(5)
        seen["after"] = current_language()

    worker = threading.Thread(target=draw_in_english)
    worker.start()
    assert inside.wait(5)
    # Meanwhile the window's thread still speaks French.
    assert current_language() == "fr" and _("Map") == "Plan"
    go_on.set()
    worker.join(5)
    assert seen == {"worker": "Map", "after": "fr"}
    with speaking("en") as chosen:  # and on one thread, as before
        assert chosen == "en" and _("Map") == "Map"
    assert _("Map") == "Plan"

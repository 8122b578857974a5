"""Driving a page with the keyboard alone, as someone who cannot use a mouse would.

Every control is reached by pressing Tab (or Shift+Tab when it lies behind the current focus)
until it has focus, so reaching it proves it is in the tab order; a control that takes more
than `max_tabs` presses fails the test, naming where the focus got stuck. Text is typed,
radios are chosen with the arrow keys (or Space), checkboxes ticked with Space, selects moved
with the arrow keys, and links and buttons pressed with Enter. Nothing here clicks or fills.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page

# Focus moves on from the last control used, so the longest way in the guided journey is
# about 20 presses (from the top of the evidence list, past six cards with a link, "Change"
# and "Remove" each, to its last button). Twice that means a control is lost.
MAX_TABS = 40
# Longer text is inserted in one go once the field has keyboard focus (as a paste or an
# input method would), which keeps the journey fast; shorter text (dates, names, short
# answers) is typed key by key. Typing costs a round trip to the browser for every few
# characters, and the journeys' sentences took about a tenth of their time.
TYPE_KEY_BY_KEY_UP_TO = 20

# Where the focus is, and where Tab would take it, in one round trip to the page. Given the
# target (or, for a radio group, its first radio and the group's name): whether the focus is
# on it (and, when it is, the value it holds, which saves asking again), and if not, the key
# towards it and how many presses should reach it, counting the page's tab stops as Chromium
# does (one per radio group; none hidden, disabled or inert).
# The count only saves asking after every press: the presses are the test, and focus_on asks
# again after them, pressing on until the focus is there.
_FOCUS_PLAN = r"""(target, group) => {
    const active = document.activeElement;
    const focused = active && active !== document.body ? active : null;
    const sameGroup = (a, b) => a.type === "radio" && b.type === "radio" && a.name !== "" &&
        a.name === b.name && a.form === b.form;
    const isTarget = el => group ? el.type === "radio" && sameGroup(el, target) : el === target;
    if (focused && isTarget(focused)) return {reached: true, value: focused.value ?? null};
    const backwards = Boolean(focused &&
        focused.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING);
    const plan = {reached: false, key: backwards ? "Shift+Tab" : "Tab", presses: 1,
                  visible: target.checkVisibility({visibilityProperty: true})};
    const candidates = [...document.querySelectorAll(
        "a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, " +
        "iframe, [tabindex], [contenteditable]")].filter(el =>
        el.tabIndex >= 0 && !el.matches(":disabled") && !el.closest("[inert]") &&
        el.checkVisibility({visibilityProperty: true}));
    if (candidates.some(el => el.tabIndex > 0)) return plan;  // not in document order
    if (backwards) candidates.reverse();
    const ahead = backwards ? Node.DOCUMENT_POSITION_PRECEDING : Node.DOCUMENT_POSITION_FOLLOWING;
    const stops = [];
    for (const el of candidates) {
        if (focused && !(focused.compareDocumentPosition(el) & ahead)) continue;
        if (el.type === "radio" && el.name !== "") {
            if (focused && sameGroup(el, focused)) continue;  // Tab leaves the group
            const checked = [...document.querySelectorAll("input[type=radio]:checked")]
                .find(radio => sameGroup(radio, el));
            if (checked ? el !== checked : stops.some(stop => sameGroup(stop, el))) continue;
        }
        stops.push(el);
    }
    const at = stops.findIndex(isTarget);
    if (at >= 0) plan.presses = at + 1;
    return plan;
}"""
_DESCRIBE_FOCUS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "nothing (the page body)";
    const text = (el.innerText || el.value || "").trim().slice(0, 60);
    return `<${el.tagName.toLowerCase()}${el.id ? " id=" + el.id : ""}` +
           `${el.name ? " name=" + el.name : ""}> ${JSON.stringify(text)}`;
}"""


class Keyboard:
    """The keyboard of one page."""

    def __init__(self, page: Page, max_tabs: int = MAX_TABS):
        self.page = page
        self.max_tabs = max_tabs
        self.most_tabs = 0  # the most presses any control needed, to tune MAX_TABS

    # Focus ---------------------------------------------------------------------------------

    def focus_on(self, target: Locator, what: str | None = None, group: str | None = None):
        """Press Tab until `target` has focus; Shift+Tab if it lies behind the focus. Given a
        radio group's name, `target` is its first radio and any radio of the group will do.
        Returns the target's handle."""
        return self._reach(target, what, group)[0]

    def _reach(self, target: Locator, what: str | None = None, group: str | None = None):
        """`focus_on`, returning the handle and the value the focused control holds."""
        handle = target.first.element_handle()
        presses, key = 0, "Tab"
        while True:
            plan = handle.evaluate(_FOCUS_PLAN, group)
            if plan["reached"]:
                self.most_tabs = max(self.most_tabs, presses)
                return handle, plan["value"]
            if not plan["visible"]:
                handle.wait_for_element_state("visible")
                continue
            if presses >= self.max_tabs:
                raise AssertionError(
                    f"{what or target} was not reached after {presses} presses of {key} on "
                    f"{self.page.url}; the focus is on {self.page.evaluate(_DESCRIBE_FOCUS)}")
            key = plan["key"]
            for _ in range(min(plan["presses"], self.max_tabs - presses)):
                self.page.keyboard.press(key)
                presses += 1

    # Entering answers ----------------------------------------------------------------------

    def type_into(self, field: Locator, text: str) -> None:
        """Focus a text input or textarea by Tab, clear it, and type `text`."""
        handle, value = self._reach(field)
        if value:
            self.page.keyboard.press("ControlOrMeta+A")
            self.page.keyboard.press("Delete")
        if len(text) <= TYPE_KEY_BY_KEY_UP_TO:
            self.page.keyboard.type(text)
        else:
            self.page.keyboard.insert_text(text)
        actual = handle.input_value()
        assert actual == text, f"typed {text!r} into {field} but it holds {actual!r}"

    def choose_radio(self, name: str, value: str) -> None:
        """Tab into the radio group `name`, then move to `value` with the arrow keys.

        Tab stops once in a radio group, on the chosen radio or, when none is chosen yet, on
        the first (or, going backwards, the last); the arrow keys move and choose.
        """
        page = self.page
        radios = page.locator(f'input[type="radio"][name="{name}"]')
        states = radios.evaluate_all("els => els.map(el => [el.value, el.checked])")
        values = [radio_value for radio_value, _ in states]
        assert values.count(value) == 1, f"no radio {name}={value} on {page.url}"
        if states[values.index(value)][1]:
            return
        wanted = radios.nth(values.index(value))
        self.focus_on(radios, f"the radios {name!r}", group=name)
        focused = page.evaluate("() => document.activeElement.value")
        steps = values.index(value) - values.index(focused)
        for _ in range(abs(steps)):
            page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
        if not wanted.is_checked():
            page.keyboard.press("Space")
        assert wanted.is_checked(), f"could not choose {name}={value} with the keyboard"

    def set_checkbox(self, box: Locator, checked: bool = True) -> None:
        """Tab to a checkbox and press Space if it is not already as wanted."""
        if box.first.is_checked() != checked:
            self._toggle(box, checked)

    def _toggle(self, box: Locator, checked: bool) -> None:
        handle = self.focus_on(box)
        self.page.keyboard.press("Space")
        assert handle.is_checked() == checked, f"Space did not toggle {box}"

    def tick_checkboxes(self, name: str, values) -> None:
        """Make exactly `values` ticked among the checkboxes called `name`."""
        boxes = self.page.locator(f'input[type="checkbox"][name="{name}"]')
        wanted = {str(v) for v in values}
        states = boxes.evaluate_all("els => els.map(el => [el.value, el.checked])")
        available = {value for value, _ in states}
        assert wanted <= available, f"no checkbox {name} for {wanted - available}"
        for index, (value, checked) in enumerate(states):
            if checked != (value in wanted):
                self._toggle(boxes.nth(index), value in wanted)

    def enter_date(self, name: str, iso_date: str) -> None:
        """Type a date (YYYY-MM-DD) into a GOV.UK date input's day, month and year."""
        year, month, day = iso_date.split("-")
        for part, text in (("day", str(int(day))), ("month", str(int(month))), ("year", year)):
            self.type_into(self.page.locator(f"#{name}-{part}"), text)

    def choose_option(self, select: Locator, label: str) -> None:
        """Tab to a select and move to the option `label` with the arrow keys."""
        self.focus_on(select)
        labels = select.first.evaluate("el => [...el.options].map(o => o.label.trim())")
        assert label in labels, f"no option {label!r} in {select}: {labels}"
        steps = labels.index(label) - select.first.evaluate("el => el.selectedIndex")
        for _ in range(abs(steps)):
            self.page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
        chosen = select.first.evaluate("el => el.options[el.selectedIndex].label.trim()")
        assert chosen == label, f"the arrow keys chose {chosen!r}, not {label!r}"

    # Moving on -----------------------------------------------------------------------------

    def press(self, target: Locator, key: str = "Enter", what: str | None = None):
        """Tab to a link or button and press `key`; wait for the page it leads to, and
        return the response (which must not be an error)."""
        self.focus_on(target, what)
        with self.page.expect_navigation() as navigation:
            self.page.keyboard.press(key)
        response = navigation.value
        assert response is not None and response.ok, (
            f"{what or target} led to {response.status if response else 'no response'} "
            f"at {self.page.url}")
        return response

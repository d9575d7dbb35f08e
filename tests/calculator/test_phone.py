"""Narrow screens: on a phone-width viewport the calculator's key results stay in view while a field deep in the
form is edited, and the memo's wide tables scroll inside their box instead of being cut off. Debian's chromium
against the built site on 127.0.0.1."""

from __future__ import annotations

import json
from typing import Any

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

GEOMETRY = """(id) => {
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const visible = (el) => {
    const [l, t, r, b] = box(el);
    const top = document.elementFromPoint((l + r) / 2, (t + b) / 2);
    return t >= 0 && b <= innerHeight && l >= 0 && r <= innerWidth && (top === el || el.contains(top));
  };
  const mini = document.querySelector('#csz-mini [data-key=nodes]');
  const field = document.getElementById(id);
  const output = document.querySelector('#csz-output [data-key=nodes]');
  return {mini: visible(mini), field: visible(field), focused: document.activeElement === field,
          outputInView: box(output)[3] > 0 && box(output)[1] < innerHeight};
}"""


def test_phone_width_shows_the_results_while_editing(tab: Any, base_url: str, cli: Any) -> None:
    page = tab.page
    page.set_viewport_size(PHONE)
    tab.open(base_url + "calculator/")
    before = page.text_content("#csz-mini [data-key=nodes]")
    field = "fabric.spine.power_w"  # below the whole design and most of the form
    page.focus(f"[id='csz-f-{field}']")
    page.keyboard.press("Control+A")
    page.keyboard.type("4000")
    tab.settle()
    expected = json.loads(cli("--set", f"{field}=4000", "--json")[1])
    shown = page.text_content("#csz-mini [data-key=nodes]")
    assert shown == f"{expected['nodes']:,}" != before
    assert page.text_content("#csz-mini [data-key=gpus]") == f"{expected['gpus']:,}"
    where = page.evaluate(GEOMETRY, f"csz-f-{field}")
    assert where == {"mini": True, "field": True, "focused": True, "outputInView": False}


def test_wide_screens_show_no_second_summary(tab: Any, base_url: str) -> None:
    """Above phone width the design column itself stays in view; the compact summary is not shown."""
    tab.open(base_url + "calculator/")
    assert not tab.page.is_visible("#csz-mini")
    assert tab.page.is_visible("#csz-output [data-key=nodes]")


@pytest.mark.parametrize("script", [True, False])
def test_wide_memo_tables_scroll_inside_their_box(
    browser: Any, base_url: str, script: bool
) -> None:
    """The trade study's wide table: the page itself never scrolls sideways, and every table that is wider
    than the screen sits in a box that scrolls (with and without Material's script, which adds a wrapper)."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=script)
    page = context.new_page()
    page.goto(base_url + "trade-study/")
    tables = page.evaluate(
        """() => [...document.querySelectorAll('article table')].map((t) => {
          let e = t, scrolls = false;
          while (e && e.tagName !== 'ARTICLE') {
            const ox = getComputedStyle(e).overflowX;
            if ((ox === 'auto' || ox === 'scroll') && e.clientWidth <= innerWidth) scrolls = true;
            e = e.parentElement;
          }
          return {wide: t.scrollWidth > innerWidth, scrolls};
        })"""
    )
    width = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    context.close()
    assert any(t["wide"] for t in tables)  # the case this guards
    assert all(t["scrolls"] for t in tables if t["wide"]), tables
    assert width[0] == width[1]

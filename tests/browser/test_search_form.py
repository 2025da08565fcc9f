"""The search dialog has a name and a 查找 button that keeps the page and finds."""

from __future__ import annotations

from browser.test_a11y import open_page

OPACITY = "getComputedStyle(document.querySelector('.pp-search-go')).opacity === '{}'"


def test_the_search_dialog_is_named_and_its_button_finds(page, server: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    open_page(page, server, "/xintiandi/", "normal")
    dialog = page.locator(".md-search[role=dialog]")
    assert dialog.get_attribute("aria-label") == "查找"
    go = page.locator(".pp-search-go")
    assert go.get_attribute("type") == "submit" and go.get_attribute("tabindex") == "-1"
    page.locator("label.md-header__button[for=__search]").first.click()
    page.wait_for_function(OPACITY.format("0"))
    page.fill(".md-search__input", "低保")
    page.wait_for_selector(".md-search-result__link")
    page.wait_for_function(OPACITY.format("1"))
    assert float(go.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px")) >= 17
    url = page.url
    go.click()
    page.wait_for_function("document.activeElement.matches('.md-search-result__link')")
    assert page.url == url  # the form never reloads the page

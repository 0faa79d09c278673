// The menu over the page (MainLayout's drawer below 1,280 px, with MudBlazor's overlay behind it) works for the keyboard
// as a dialog does: opened from its button it takes focus at its first item, Escape closes it and puts focus back on its
// button, and focus leaving it for the page it covers closes it, so nothing focused is hidden under the overlay (WCAG
// 2.2, 2.4.3, 2.4.11 and 2.1.1). Beside the page, from
// 1,280 px, there is no overlay and nothing here acts. The menu's button toggles it on the server, as a click does.
(() => {
  const menu = () => document.getElementById("app-navigation");
  const button = () => document.querySelector("button[aria-controls='app-navigation']");
  const overPage = () => document.querySelector(".mud-drawer-overlay--open") !== null;

  function close(focusButton) {
    const toggle = button();
    if (toggle?.getAttribute("aria-expanded") === "true") {
      toggle.click();
    }

    if (focusButton) {
      toggle?.focus();
    }
  }

  document.addEventListener("keydown", e => {
    if (e.key !== "Escape" || e.defaultPrevented || !overPage()) {
      return;
    }

    const active = document.activeElement;
    if (menu()?.contains(active) || active === button()) {
      e.preventDefault();
      close(true);
    }
  });

  // Opened over the page from its button, the menu takes focus at its first item, as a dialog does: otherwise Tab went
  // through the app bar's controls first. The circuit draws it open after the click, so the button's state is watched.
  new MutationObserver(() => {
    const toggle = button();
    if (toggle?.getAttribute("aria-expanded") === "true" && document.activeElement === toggle) {
      requestAnimationFrame(() => {
        if (overPage() && document.activeElement === toggle) {
          menu()?.querySelector("a[href]")?.focus();
        }
      });
    }
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["aria-expanded"] });

  // Tab past the last item (or Shift+Tab back into the page): the app bar stays above the overlay, so only the page
  // under it closes the menu.
  document.addEventListener("focusin", e => {
    if (overPage() && !menu()?.contains(e.target) && !e.target.closest?.(".mud-appbar")) {
      close(false);
    }
  });
})();

// A pop-up menu (MudMenu: the account menu on a phone, a list's row actions) is moved through with the arrow keys, Home
// and End, over every item it holds: MudBlazor's own handling skipped an item that is not one of its components (the
// account menu's "Sign out", a form's button so that it posts with its antiforgery token), so on a phone a keyboard could
// not sign out. Taken in the capture phase, so the two never both move focus.
document.addEventListener("keydown", e => {
  if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(e.key) || e.altKey || e.ctrlKey || e.metaKey) {
    return;
  }

  const list = e.target.closest?.(".mud-popover [role='menu']");
  if (!list) {
    return;
  }

  const items = [...list.querySelectorAll("[role='menuitem']")].filter(i => i.getAttribute("aria-disabled") !== "true" && i.getClientRects().length);
  if (items.length === 0) {
    return;
  }

  const at = items.indexOf(e.target.closest("[role='menuitem']"));
  const next = e.key === "Home" ? 0
    : e.key === "End" ? items.length - 1
    : e.key === "ArrowDown" ? (at + 1) % items.length
    : (at <= 0 ? items.length : at) - 1;
  e.preventDefault();
  e.stopPropagation();
  items[next].focus();
}, true);

// The error summary's links (ErrorSummary.razor): move focus to the field a message is about, as GOV.UK's does. A
// field is found by its id (ErrorSummary.FieldAnchor) or, for inputs that cannot carry one, by the message shown next
// to it; the label and message are scrolled into view with it.
window.errorSummary = {
  focusField(summary, anchor, message, occurrence) {
    const roots = [summary?.closest("form"), document].filter(Boolean);
    const focusable = "input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex='-1']), button:not([disabled])";
    for (const root of roots) {
      let target = root.querySelector("#" + CSS.escape(anchor));
      if (!target) {
        const shown = [...root.querySelectorAll(".mud-input-error, [data-field-error]")]
          .filter(e => e.textContent.includes(message));
        const container = shown[occurrence]?.closest(".mud-input-control, [data-field-group]");
        target = container?.matches(focusable) ? container : container?.querySelector(focusable);
      } else if (!target.matches(focusable)) {
        target = target.querySelector(focusable) ?? target;
      }

      if (target) {
        (target.closest(".mud-input-control, [data-field-group]") ?? target).scrollIntoView({ block: "center" });
        target.focus({ preventScroll: true });
        return;
      }
    }
  },
};

// A list's row control after the dialog it opened has closed and the list was drawn again (AppComponentBase.ReturnFocusTo):
// focus the first of the ids still on the page, only if focus was lost to the body. A heading is made focusable for it
// (tabindex -1, as GOV.UK does); a button still disabled by its own busy state is waited for, up to two seconds.
// Focus still inside a dialog is waited for too, up to the same two seconds: on a busy server the list can be drawn
// again before the closed dialog has left the page, and focus only falls to the body once it has.
window.focusReturn = {
  to(ids) {
    const until = performance.now() + 2000;
    const dialogs = ".mud-dialog-container, [role=dialog], [role=alertdialog]";
    const attempt = () => {
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) {
        if (active.closest(dialogs) && performance.now() < until) {
          requestAnimationFrame(attempt);
        }

        return;
      }

      for (const id of ids) {
        const target = document.getElementById(id);
        if (!target) {
          continue;
        }

        if (target.disabled) {
          if (performance.now() < until) {
            requestAnimationFrame(attempt);
            return;
          }

          continue;
        }

        if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) {
          target.setAttribute("tabindex", "-1");
        }

        target.focus();
        return;
      }
    };
    attempt();
  },
};

// A form dialog's fields once they have loaded (FormDialog.razor): focus the first that takes input, as the dialog's
// focus trap does for fields that are there when it opens.
window.formDialog = {
  focusFirstField(fields) {
    const focusable = "input:not([type=hidden]):not([disabled]):not([tabindex='-1']), textarea:not([disabled]), select:not([disabled]), button:not([disabled]):not([tabindex='-1']), a[href], [tabindex]:not([tabindex='-1'])";
    fields?.querySelector(focusable)?.focus();
  },
};

// A LongTextField's counter ("120 / 4000", as MudBlazor writes it) follows typing in the page, as GOV.UK's character
// count does: the text itself reaches the server only when the field is left, so the server's counter would otherwise
// stand still while a person types. The server's own count replaces it then, the same number. Only the text node's
// words change, never the node: Blazor keeps that node to write the server's count into.
document.addEventListener("input", e => {
  const field = e.target instanceof HTMLTextAreaElement ? e.target.closest(".long-text-field") : null;
  const counter = field?.querySelector(".mud-input-helper-text > .ms-auto:last-child");
  const text = counter && [...counter.childNodes].find(n => n.nodeType === Node.TEXT_NODE);
  const limit = text?.data.match(/\/\s*(\d+)\s*$/)?.[1];
  if (limit) {
    text.data = `${e.target.value.length} / ${limit}`;
    // Over the limit it takes the error colour at once, as the field's own message will when the text reaches the server.
    counter.classList.toggle("mud-error-text", e.target.value.length > Number(limit));
  }
});

// A new record's form kept as a draft in the browser (FormDraft, which marks the page with data-form-draft) saves it each
// time a field's text reaches the server, which is when the field is left: the field being typed in when the page is
// reloaded or the tab closed was missing from the draft. Its text is sent after a pause in typing instead. Not a date or
// time field, which would call half a date wrong while it is typed, nor a list's search box.
const draftPause = 600;
let draftTimer = 0;
document.addEventListener("input", e => {
  const field = e.target;
  if (!document.querySelector("[data-form-draft]") || !field.matches?.("main form textarea, main form input[type=text]")
      || field.closest(".uk-date-field, .uk-time-field") || field.getAttribute("role") === "combobox") {
    return;
  }

  clearTimeout(draftTimer);
  draftTimer = setTimeout(() => {
    if (field.isConnected) {
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }, draftPause);
});

// A form in a dialog (FormDialog, ProposeOptionDialog: "form-dialog") closes through its Cancel button, which asks before
// losing what was typed. Escape presses it, unless a field's own pop-up is open (a date field's calendar, a select's
// list), which closes alone: MudBlazor's dialog closed on that Escape too, and everything typed went with it. Its own
// Escape is off for these dialogs (DialogDefaults), and its close button beside the title would close them without
// asking, so a click there presses Cancel instead.
document.addEventListener("keydown", e => {
  const dialog = e.key === "Escape" && !e.defaultPrevented ? e.target.closest?.(".mud-dialog.form-dialog") : null;
  if (!dialog || dialog.querySelector("[aria-expanded='true']")) {
    return;
  }

  e.preventDefault();
  // Text still being typed has not reached the server (a field sends it when left): sent first, in order on the
  // connection, so the form knows it was changed and asks before it is lost.
  const active = document.activeElement;
  if (active?.matches?.("input, textarea") && dialog.contains(active)) {
    active.dispatchEvent(new Event("change", { bubbles: true }));
  }

  dialog.querySelector("[data-dialog-cancel]")?.click();
}, true);

document.addEventListener("click", e => {
  const close = e.target.closest?.(".mud-dialog.form-dialog > .mud-dialog-title .mud-button-close");
  const cancel = close?.closest(".mud-dialog").querySelector("[data-dialog-cancel]");
  if (cancel) {
    e.preventDefault();
    e.stopPropagation();
    cancel.click();
  }
}, true);

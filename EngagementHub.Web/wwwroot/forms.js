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
// again before the closed dialog has left the page, and focus only falls to the body once it has. For those two seconds
// focus given back is also kept: a later drawing of the list that replaces the row drops it to the body again, and it
// is given back again. Once the person presses a key or the pointer, or focus is anywhere else, it is theirs and is
// left alone.
window.focusReturn = {
  to(ids) {
    const until = performance.now() + 2000;
    const dialogs = ".mud-dialog-container, [role=dialog], [role=alertdialog]";
    let given = null;
    let acted = false;
    const act = () => { acted = true; };
    document.addEventListener("keydown", act, { capture: true, once: true });
    document.addEventListener("pointerdown", act, { capture: true, once: true });
    const done = () => {
      document.removeEventListener("keydown", act, { capture: true });
      document.removeEventListener("pointerdown", act, { capture: true });
    };
    const later = () => {
      if (!acted && performance.now() < until) {
        requestAnimationFrame(attempt);
      } else {
        done();
      }
    };
    const attempt = () => {
      if (acted) {
        done();
        return;
      }

      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) {
        // Inside a dialog still closing, or on the control focus was given back to: look again next frame. Anywhere
        // else, the person put it there.
        if (active.closest(dialogs) || active === given) {
          later();
        } else {
          done();
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
            later();
            return;
          }

          continue;
        }

        if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) {
          target.setAttribute("tabindex", "-1");
        }

        target.focus();
        given = target;
        later();
        return;
      }

      done();
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

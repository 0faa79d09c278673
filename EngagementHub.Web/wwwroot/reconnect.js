// The connection to the server (the circuit) drops and comes back: on a train, when a laptop sleeps. While it is down,
// what a person types stays in the page but never reaches the server; a field left during the outage sent its
// "change" to nobody, and a save after reconnecting would go without it. So this page's own reconnect dialog says
// what is happening, and once the connection is back every filled-in field sends its value again before anything
// can be saved. If the server has forgotten the page (rejected), nothing is reloaded automatically: the text is still
// on screen for the person to copy.
(() => {
  const dialog = document.getElementById("components-reconnect-modal");
  if (!dialog) {
    return;
  }

  const message = dialog.querySelector("[data-reconnect-message]");
  const retry = dialog.querySelector("[data-reconnect-retry]");
  const reload = dialog.querySelector("[data-reconnect-reload]");

  function say(text, canRetry, canReload) {
    message.textContent = text;
    retry.hidden = !canRetry;
    reload.hidden = !canReload;
  }

  function resendFields() {
    // Text the person can edit only: a select's read-only display text is not a value to send back.
    for (const field of document.querySelectorAll("textarea, input:is([type=text], [type=search], [type=email], [type=url], [type=tel], [type=number], :not([type]))")) {
      if (!field.readOnly && !field.disabled && field.value !== "") {
        field.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
  }

  dialog.addEventListener("components-reconnect-state-changed", event => {
    switch (event.detail.state) {
      case "show":
      case "retrying":
        say("The connection to the server was lost. Reconnecting… What you have typed stays on this page; nothing is saved until the connection is back.", false, false);
        if (!dialog.open) {
          dialog.showModal();
        }
        break;
      case "hide":
        dialog.close();
        resendFields();
        break;
      case "failed":
        say("The server cannot be reached. What you have typed is still on this page. Try again when you are back online.", true, false);
        break;
      case "rejected":
        say("The server no longer knows this page (it may have restarted). Copy anything you have typed and not saved, then reload the page.", false, true);
        break;
    }
  });

  retry.addEventListener("click", async () => {
    say("Reconnecting…", false, false);
    try {
      if (!await Blazor.reconnect()) {
        say("The server no longer knows this page (it may have restarted). Copy anything you have typed and not saved, then reload the page.", false, true);
      }
    } catch {
      say("The server cannot be reached. What you have typed is still on this page. Try again when you are back online.", true, false);
    }
  });

  reload.addEventListener("click", () => location.reload());
})();

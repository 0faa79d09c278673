// Printed reports: the "Print" button opens the browser's print dialog (no inline handlers: the CSP allows none).
document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('[data-print]') : null;
    if (button) {
        window.print();
    }
});

// The jobs dashboard formats dates with moment.js in its "en" locale, which is American (11/29/2026 5:20 PM). Its own
// start-up code runs when the page is ready, after this script, so redefining "en" here makes every date and time it
// shows British, in the app's own order: 29 Nov 2026 17:20:11.
(function () {
    if (typeof moment === "undefined") {
        return;
    }

    moment.updateLocale("en", {
        longDateFormat: {
            LT: "HH:mm",
            LTS: "HH:mm:ss",
            L: "DD/MM/YYYY",
            LL: "D MMMM YYYY",
            LLL: "D MMMM YYYY [at] HH:mm",
            LLLL: "dddd D MMMM YYYY [at] HH:mm",
            l: "D MMM YYYY",
            ll: "D MMM YYYY",
            lll: "D MMM YYYY [at] HH:mm",
            llll: "ddd D MMM YYYY [at] HH:mm"
        },
        week: { dow: 1, doy: 4 }
    });
})();

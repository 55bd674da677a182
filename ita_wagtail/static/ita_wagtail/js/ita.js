// Public ITA pages: the print button. It is in the HTML but hidden, so that it
// appears only where this script runs and the button can work.
document.querySelectorAll("[data-ita-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
});

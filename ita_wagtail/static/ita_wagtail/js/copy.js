// Copy-to-clipboard buttons of the ITAS answer sheet: <button data-ita-copy="text">.
document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-ita-copy]");
    if (!button) return;
    const text = button.getAttribute("data-ita-copy");
    const done = () => {
        const label = button.textContent;
        button.textContent = button.dataset.itaCopied || "✓";
        button.setAttribute("aria-live", "polite");
        setTimeout(() => { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done);
    } else {
        // Plain http (a local site): fall back to a selection and execCommand.
        const field = document.createElement("textarea");
        field.value = text;
        field.setAttribute("readonly", "");
        field.style.position = "absolute";
        field.style.left = "-9999px";
        document.body.appendChild(field);
        field.select();
        document.execCommand("copy");
        field.remove();
        done();
    }
});

/* The new-year form: the title and slug follow the year field until the
 * editor changes them (as Wagtail's slug follows the title). A title or slug
 * the editor wrote is left alone; the server refuses one naming another year. */
(() => {
  const { toArabic, toThai } = window.itaAdmin;

  function follow(yearField) {
    const form = yearField.form;
    const title = form && form.querySelector("#id_title");
    const slug = form && form.querySelector("#id_slug");
    let year = toArabic(yearField.value.trim());
    if (!/^\d{4}$/.test(year)) return;

    // The title as written for a year: its year in the digits it uses.
    const thaiDigits = title && title.value.includes(toThai(year));
    const titleFor = (value) =>
      title.value.split(thaiDigits ? toThai(year) : year).join(thaiDigits ? toThai(value) : value);
    let titleFollows = Boolean(title) && (title.value.includes(year) || thaiDigits);
    let expectedTitle = titleFollows ? title.value : null;
    let slugFollows = Boolean(slug) && slug.value === year;

    if (title) title.addEventListener("input", () => { titleFollows = title.value === expectedTitle; });
    if (slug) slug.addEventListener("input", () => { slugFollows = slug.value === year; });

    yearField.addEventListener("input", () => {
      const next = toArabic(yearField.value.trim());
      if (!/^\d{4}$/.test(next) || next === year) return;
      if (titleFollows && title.value === expectedTitle) {
        title.value = expectedTitle = titleFor(next);
      } else {
        titleFollows = false;
      }
      if (slugFollows && slug.value === year) {
        slug.value = next;
      } else {
        slugFollows = false;
      }
      year = next;
    });
  }

  window.itaAdmin.whenReady(() => {
    document.querySelectorAll("input[data-ita-year-names]").forEach(follow);
  });
})();

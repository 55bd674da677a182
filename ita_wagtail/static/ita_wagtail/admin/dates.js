/* ITA date fields: the date the picker holds, written in พ.ศ. beside it
 * ("31 มีนาคม พ.ศ. ๒๕๖๔", in the site's digits). The server renders the
 * first text; this keeps it up to date as the editor types or picks. */
(() => {
  const THAI = "๐๑๒๓๔๕๖๗๘๙";
  const MONTHS = [
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
  ];
  const toArabic = (text) => text.replace(/[๐-๙]/g, (d) => String(THAI.indexOf(d)));
  const toThai = (text) => text.replace(/[0-9]/g, (d) => THAI[d]);

  // Same rules as ita_wagtail.dates.parse_thai_date: ISO or d/m/y, a year
  // from 2400 on is พ.ศ.
  function parse(text) {
    const value = toArabic(text.trim());
    let m = value.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
    let year, month, day;
    if (m) {
      [year, month, day] = [+m[1], +m[2], +m[3]];
    } else {
      m = value.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
      if (!m) return null;
      [day, month, year] = [+m[1], +m[2], +m[3]];
    }
    if (year < 2400) year += 543;
    const check = new Date(Date.UTC(year - 543, month - 1, day));
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
    return { day, month, year };
  }

  function update(output, input) {
    const date = parse(input.value);
    let text = date ? `${date.day} ${MONTHS[date.month - 1]} พ.ศ. ${date.year}` : "";
    if (output.dataset.itaDigits !== "arabic") text = toThai(text);
    output.textContent = text;
  }

  function watch(output) {
    const input = document.getElementById(output.htmlFor.value || output.getAttribute("for"));
    if (!input || output.dataset.itaWatched) return;
    output.dataset.itaWatched = "1";
    for (const event of ["input", "change", "blur"]) {
      input.addEventListener(event, () => update(output, input));
    }
  }

  const watchAll = () => document.querySelectorAll("output.ita-be-date").forEach(watch);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watchAll);
  } else {
    watchAll();
  }
})();

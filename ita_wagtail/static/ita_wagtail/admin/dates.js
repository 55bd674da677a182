/* ITA date fields: the date the picker holds, written in พ.ศ. beside it
 * ("31 มีนาคม พ.ศ. ๒๕๖๔", in the site's digits). The server renders the
 * report date's first text; this keeps it up to date as the editor types or
 * picks, and adds the same text beside the period dates of O42's measures
 * and the Date cells of a typed table (StreamField blocks, drawn in the
 * browser; a table adds rows and columns as the editor works). */
(() => {
  const { toArabic, toThai } = window.itaAdmin;
  const MONTHS = [
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
  ];
  const PERIOD_DATES = 'input[name$="-period-start"], input[name$="-period-end"]';
  // A typed table's cell is "<table>-cell-<row>-<column>"; its column's type
  // is in "<table>-column-<column>-type" (as models/forms.py TABLE_CELL_INPUT).
  const TABLE_CELLS = 'input[name*="-cell-"]';
  const TABLE_CELL = /^([\w-]+)-cell-\d+-(\d+)$/;
  const BLOCK_DATES = `${PERIOD_DATES}, ${TABLE_CELLS}`;

  function isBlockDate(input) {
    if (input.matches(PERIOD_DATES)) return true;
    const cell = input.name.match(TABLE_CELL);
    if (!cell) return false;
    const type = document.querySelector(
      `input[name="${CSS.escape(`${cell[1]}-column-${cell[2]}-type`)}"]`,
    );
    return Boolean(type) && type.value === "date";
  }

  // Same rules as ita_wagtail.dates.parse_thai_date: ISO or d/m/y, a year
  // from 2400 on is พ.ศ. (and said to be stored as its ค.ศ. date).
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
    const typedInBE = year >= 2400;
    if (!typedInBE) year += 543;
    const check = new Date(Date.UTC(year - 543, month - 1, day));
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
    return { day, month, year, typedInBE };
  }

  const pad = (n) => String(n).padStart(2, "0");
  const isoOf = (date) => `${date.year - 543}-${pad(date.month)}-${pad(date.day)}`;

  // "๓๑ มีนาคม พ.ศ. ๒๕๖๔, stored as the Christian-era date 2021-03-31", in
  // the admin's language (data-ita-be-typed, from the page form).
  function typedNote(text, date) {
    const hint = document.querySelector("[data-ita-be-typed]");
    if (!hint || !date.typedInBE) return text;
    return hint.dataset.itaBeTyped.replace("%(date)s", text).replace("%(iso)s", isoOf(date));
  }

  function siteDigits() {
    const hint = document.querySelector("[data-ita-digits]");
    return hint ? hint.dataset.itaDigits : "thai";
  }

  function update(output, input) {
    const date = parse(input.value);
    let text = date ? `${date.day} ${MONTHS[date.month - 1]} พ.ศ. ${date.year}` : "";
    if ((output.dataset.itaDigits || siteDigits()) !== "arabic") text = toThai(text);
    output.textContent = date ? typedNote(text, date) : text;
  }

  const outputFor = (input) =>
    input.id && document.querySelector(`output.ita-be-date[for="${CSS.escape(input.id)}"]`);

  // A block's date (a period's, a table's Date cell) gets its output the
  // first time it is seen.
  function addOutputs(root) {
    if (!root.querySelectorAll) return;
    const inputs = [...root.querySelectorAll(BLOCK_DATES)];
    if (root.matches?.(BLOCK_DATES)) inputs.unshift(root);
    for (const input of inputs) {
      if (!input.id || outputFor(input) || !isBlockDate(input)) continue;
      const output = document.createElement("output");
      output.className = "ita-be-date";
      output.htmlFor = input.id;
      output.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", output);
      update(output, input);
    }
  }

  const follow = (event) => {
    const output = event.target instanceof HTMLInputElement && outputFor(event.target);
    if (output) update(output, event.target);
  };
  for (const name of ["input", "change", "blur", "focusout"]) {
    document.addEventListener(name, follow, true);
  }

  window.itaAdmin.eachDrawn(addOutputs);
})();

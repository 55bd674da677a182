/* O43: a result that answers no measure of the published O42 (its measure
 * was removed there, or it repeats another result) stands apart in the
 * editor, marked, until the editor moves what it says and deletes it.
 *
 * The edit view lists those results with the words to show
 * (#ita-unanswered-results, from ita_wagtail.panels.unanswered_results). The
 * result's stored measure label ("2. …", read by the checks and the importer)
 * is left as it is, only hidden: the marker takes its place, with its own
 * number, so it never reads like the measure now numbered 2. */
(() => {
  const RESULT_ID = /^results-\d+-id$/;
  let marks = null;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function mark(child, info) {
    if (child.classList.contains("ita-unanswered")) return;
    const box = child.querySelector(".ita-result-block");
    if (!box) return; // not drawn yet
    child.classList.add("ita-unanswered", `ita-unanswered--${info.reason}`);
    const heading = child.querySelector("[data-panel-heading]");
    if (heading) heading.append(element("span", "ita-unanswered__title", info.heading));
    const note = element("div", "ita-unanswered__note");
    note.setAttribute("role", "note");
    note.append(element("p", "ita-unanswered__heading", info.heading));
    note.append(element("p", "ita-unanswered__message", info.message));
    if (info.was) note.append(element("p", "ita-unanswered__was", info.was));
    note.append(element("p", "ita-unanswered__advice", info.advice));
    box.prepend(note);
  }

  function markAll(root) {
    if (!marks || !root.querySelectorAll) return;
    for (const input of root.querySelectorAll('input[type="hidden"][name$="-id"]')) {
      const info = RESULT_ID.test(input.name) && marks[input.value];
      const child = info && input.closest("[data-streamfield-child]");
      if (child) mark(child, info);
    }
  }

  window.itaAdmin.whenReady(() => {
    const data = document.getElementById("ita-unanswered-results");
    if (!data) return;
    marks = JSON.parse(data.textContent);
    window.itaAdmin.eachDrawn(markAll);
  });
})();

/* What the ITA editor scripts share; loaded before them (wagtail_hooks.py,
 * editor_js). The StreamField draws its blocks in the browser, maybe after
 * a script runs and again as the editor adds blocks: eachDrawn sees each. */
window.itaAdmin = (() => {
  const THAI = "๐๑๒๓๔๕๖๗๘๙";

  // Run start() once the page is read (now, if it already is).
  function whenReady(start) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }

  // visit(document) once the page is read, then visit(node) for each node
  // added to it later.
  function eachDrawn(visit) {
    whenReady(() => {
      visit(document);
      new MutationObserver((changes) => {
        for (const change of changes) change.addedNodes.forEach(visit);
      }).observe(document.body, { childList: true, subtree: true });
    });
  }

  return {
    whenReady,
    eachDrawn,
    toThai: (text) => text.replace(/[0-9]/g, (d) => THAI[d]),
    toArabic: (text) => text.replace(/[๐-๙]/g, (d) => String(THAI.indexOf(d))),
  };
})();

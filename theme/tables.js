// Sortable and filterable tables. The tables are complete without this
// script; it only adds sort buttons to column headers and shows the filter
// form. A query such as ?country=iran preselects a filter.
(function () {
  "use strict";

  function sortKey(row, column) {
    const cell = row.cells[column];
    if (!cell) return "";
    return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
  }

  function compare(a, b, numeric) {
    // Empty values (undated rows, figures without a period) sort last.
    if (a === "" || b === "") return (a === "") - (b === "");
    if (numeric) return Number(a) - Number(b);
    return a.localeCompare(b, document.documentElement.lang, { numeric: true });
  }

  function makeSortable(table) {
    const headers = Array.from(table.tHead.rows[0].cells);
    const body = table.tBodies[0];
    headers.forEach(function (header, column) {
      if (header.dataset.sort === "none") return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      button.addEventListener("click", function () {
        const ascending = header.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const numeric = header.dataset.type === "number";
        function order(x, y) {
          const a = sortKey(x, column);
          const b = sortKey(y, column);
          const o = compare(a, b, numeric);
          return ascending || a === "" || b === "" ? o : -o;
        }
        if (table.dataset.grouped !== undefined) {
          // Rows sort within their group (an article's figures), and the
          // groups by their first row.
          const groups = Array.from(table.tBodies);
          groups.forEach(function (group) {
            const rows = Array.from(group.rows).filter(function (r) { return !r.classList.contains("group-head"); });
            rows.sort(order).forEach(function (row) { group.appendChild(row); });
          });
          groups.sort(function (g, h) {
            return order(g.querySelector("tr:not(.group-head)"), h.querySelector("tr:not(.group-head)"));
          });
          groups.forEach(function (group) { table.appendChild(group); });
          return;
        }
        const rows = Array.from(body.rows);
        rows.sort(order);
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function makeFilterable(form) {
    const table = document.getElementById(form.dataset.table);
    if (!table) return;
    const rows = Array.from(table.tBodies).flatMap(function (body) {
      return Array.from(body.rows).filter(function (r) { return !r.classList.contains("group-head"); });
    });
    const selects = Array.from(form.querySelectorAll("select"));
    const status = form.querySelector("output");
    function apply() {
      let shown = 0;
      rows.forEach(function (row) {
        const keep = selects.every(function (select) {
          if (!select.value) return true;
          return (row.dataset[select.name] || "").split(" ").indexOf(select.value) !== -1;
        });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      // A group whose figures are all filtered out goes too.
      Array.from(table.tBodies).forEach(function (body) {
        const head = body.querySelector("tr.group-head");
        if (head) head.hidden = !Array.from(body.rows).some(function (r) { return r !== head && !r.hidden; });
      });
      if (status) {
        const phrase = status.dataset.phrase || "{shown} of {n} rows";
        status.textContent = phrase.replace("{shown}", shown).replace("{n}", rows.length);
      }
    }
    const query = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      const wanted = query.get(select.name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        select.value = wanted;
      }
    });
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  document.querySelectorAll('table[data-sortable]:not([data-sortable="false"])').forEach(makeSortable);
  document.querySelectorAll("form.table-filters").forEach(makeFilterable);
})();

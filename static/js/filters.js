// Going to another category from the filter bar.
(function () {
  var select = document.querySelector("[data-category-select]");
  if (!select) { return; }
  select.addEventListener("change", function () {
    if (select.value) { window.location = select.value; }
  });
})();

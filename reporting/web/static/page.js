// The one script of our own: after the sheet around a problem is shown, bring its cell into view.
document.addEventListener("htmx:afterSwap", function (event) {
  var cell = event.detail.target.querySelector('td[aria-invalid="true"]');
  if (cell) {
    cell.scrollIntoView({ block: "nearest", inline: "center" });
    cell.focus({ preventScroll: true });
  }
});

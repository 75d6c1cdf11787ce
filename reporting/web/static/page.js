// The one script of our own: after the sheet around a problem is shown, bring its cell into view.
document.addEventListener("htmx:afterSwap", function (event) {
  var cell = event.detail.target.querySelector('td[aria-invalid="true"]');
  if (cell) {
    cell.scrollIntoView({ block: "nearest", inline: "center" });
    cell.focus({ preventScroll: true });
  }
});

// A form marked data-download (the «Ключ доступа» sheet): sent with the page's CSRF header, its answer
// saved as a file. The key travels in the request's body, never in an address.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches("form[data-download]")) {
    return;
  }
  event.preventDefault();
  var said = form.querySelector("[data-said]");
  var headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
  fetch(form.action, { method: "POST", body: new FormData(form), headers: headers, credentials: "same-origin" })
    .then(function (answer) {
      if (!answer.ok) {
        return answer.text().then(function (text) {
          var found = new DOMParser().parseFromString(text, "text/html").querySelector("[role=alert]");
          said.textContent = found ? found.textContent : "Лист не сформирован (" + answer.status + ").";
        });
      }
      return answer.blob().then(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = form.getAttribute("data-download");
        document.body.appendChild(link);
        link.click();
        said.textContent = "Лист скачан: " + link.download;
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
      });
    });
});

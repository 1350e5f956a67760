// Loads the Tawk.to chat widget named by the page's data attributes.
(function () {
  var holder = document.getElementById("tawk-chat");
  if (!holder) { return; }
  window.Tawk_API = window.Tawk_API || {};
  window.Tawk_LoadStart = new Date();
  var script = document.createElement("script");
  script.async = true;
  script.src = "https://embed.tawk.to/" + encodeURIComponent(holder.dataset.property) +
    "/" + encodeURIComponent(holder.dataset.widget);
  script.charset = "UTF-8";
  script.setAttribute("crossorigin", "*");
  document.body.appendChild(script);
})();

// Progressive enhancement only: every page works without this script.
import { initAll } from "./govuk-frontend.min.js";

initAll();

// A poll's results refresh in place every few seconds. The status sentence lives in a
// role="status" region and is changed only when its words change, so a screen reader hears
// each new count once and is never interrupted; focus is never moved.
const POLL_REFRESH_MS = 4000;

for (const region of document.querySelectorAll('[data-module="app-poll-results"]')) {
  const status = region.querySelector("[data-poll-status]");
  const chart = region.querySelector("[data-poll-chart]");
  const url = region.dataset.resultsUrl;
  let lastStatus = status.textContent.trim();

  const refresh = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) return;
      const results = await response.json();
      // The status sentence carries the count and whether the poll is open: when it is
      // unchanged, so are the results.
      if (results.status !== lastStatus && !chart.contains(document.activeElement)) {
        chart.innerHTML = results.html;
        status.textContent = results.status;
        lastStatus = results.status;
      }
      if (!results.open) return; // a closed poll's results no longer change
    } catch {
      // Offline for a moment: try again at the next tick.
    }
    window.setTimeout(refresh, POLL_REFRESH_MS);
  };
  window.setTimeout(refresh, POLL_REFRESH_MS);
}

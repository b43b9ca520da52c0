// Adds a "Copy" button beside each read-only text on the edit conflict page.
document.querySelectorAll(".copy-text textarea").forEach((area) => {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button copy-text__button";
  button.textContent = "Copy";
  button.setAttribute("aria-label", "Copy: " + area.labels[0].textContent.trim());
  const status = document.createElement("span");
  status.setAttribute("role", "status");
  status.className = "copy-text__status";
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(area.value);
      status.textContent = "Copied";
    } catch {
      area.select();
      status.textContent = "Selected: press Ctrl+C or Cmd+C to copy";
    }
  });
  area.after(button, status);
});

// Title suggestions for the search box (ARIA 1.2 combobox). Progressive enhancement only:
// without this file the search form and its filters work exactly the same.
(() => {
  "use strict";

  const DELAY = 150;

  function setUp(input) {
    const wrapper = input.closest("[data-autocomplete]") || input.parentElement;
    const listbox = document.createElement("ul");
    const status = document.createElement("p");
    let options = [];
    let active = -1;
    let timer = null;
    let request = null;

    listbox.id = `${input.id}-suggestions`;
    listbox.className = "autocomplete__list";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", input.dataset.autocompleteLabel || "");
    listbox.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrapper.append(listbox, status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(results) {
      listbox.replaceChildren();
      options = results.map((result, i) => {
        const option = document.createElement("li");
        const title = document.createElement("span");
        const kind = document.createElement("span");
        option.id = `${listbox.id}-${i}`;
        option.className = "autocomplete__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = result.url;
        title.className = "autocomplete__title";
        title.textContent = result.title;
        kind.className = "autocomplete__type";
        kind.textContent = result.type;
        option.append(title, " ", kind);
        option.addEventListener("mousedown", (event) => event.preventDefault());
        option.addEventListener("click", () => window.location.assign(result.url));
        listbox.append(option);
        return option;
      });
      const message = input.dataset.autocompleteStatus || "{count}";
      status.textContent = results.length ? message.replace("{count}", results.length) : "";
      if (results.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
        highlight(-1);
      } else {
        close();
      }
    }

    async function suggest() {
      const text = input.value.trim();
      if (text.length < 2) {
        render([]);
        return;
      }
      if (request) request.abort();
      request = new AbortController();
      const url = new URL(input.dataset.autocompleteUrl, window.location.href);
      url.searchParams.set("q", text);
      try {
        const response = await fetch(url, {
          signal: request.signal,
          headers: { Accept: "application/json" },
        });
        if (response.ok) render((await response.json()).results || []);
      } catch (error) {
        if (error.name !== "AbortError") render([]);
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(suggest, DELAY);
    });
    input.addEventListener("keydown", (event) => {
      if (listbox.hidden || !options.length) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(options[active].dataset.url);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[data-autocomplete-url]").forEach(setUp);
  });
})();

// The topic picker (core/widgets.py TopicPicker): without script a list of checkboxes with
// the chosen ones first. With it, a search box filters the list as one types (a live region
// says how many topics match) and the chosen topics sit on top as buttons that remove them.
// Every word and sentence comes from the page (data-* attributes), so it stays translated.
(() => {
  // As core/widgets.py search_text(): lower case, ß as ss, without accents.
  const normalise = (text) =>
    text.toLowerCase().replaceAll("ß", "ss").normalize("NFD").replace(/\p{M}/gu, "");

  const WORD_BREAK = /[^\p{L}\p{N}]+/u;
  const words = (text) => normalise(text).split(WORD_BREAK).filter(Boolean);

  // A short word ("KI", "IT") must begin a word of the topic, or it would match inside
  // "Handwerk"; a longer one may sit anywhere, so "sicherheit" finds "Datensicherheit".
  function matches(queryWord, topic) {
    if (queryWord.length >= 4) return topic.text.includes(queryWord);
    return topic.words.some((word) => word.startsWith(queryWord));
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? values[key] : match));
  }

  function setUp(picker) {
    if (picker.dataset.ready) return; // a page may load the script more than once
    picker.dataset.ready = "true";
    const tools = picker.querySelector(".topic-picker__tools");
    const search = tools.querySelector("input[type=search]");
    const status = tools.querySelector(".topic-picker__status");
    const chips = tools.querySelector(".topic-picker__chips");
    const none = tools.querySelector(".topic-picker__none");
    const chipTemplate = picker.querySelector("template.topic-picker__chip");
    const list = picker.querySelector(".topic-picker__options");
    const options = [...list.querySelectorAll(".topic-picker__option")];
    const headings = [...list.querySelectorAll(".topic-picker__heading")];
    const label = (option) => option.querySelector("label").textContent.trim();
    const checkbox = (option) => option.querySelector("input[type=checkbox]");
    const topics = new Map(
      options.map((option) => {
        const text = option.dataset.search || normalise(label(option));
        return [option, { text, words: words(text) }];
      }),
    );

    function renderChips() {
      chips.replaceChildren();
      const chosen = options.filter((option) => checkbox(option).checked);
      for (const option of chosen) {
        const item = chipTemplate.content.firstElementChild.cloneNode(true);
        const button = item.querySelector("button");
        button.querySelector(".kern-label").textContent = label(option);
        button.setAttribute("aria-label", fill(picker.dataset.removeLabel, { topic: label(option) }));
        button.dataset.value = checkbox(option).value;
        chips.append(item);
      }
      none.hidden = chosen.length > 0;
    }

    function filter() {
      const query = words(search.value);
      let shown = 0;
      for (const option of options) {
        const match = query.every((word) => matches(word, topics.get(option)));
        option.hidden = !match;
        if (match) shown += 1;
      }
      // While searching, the list is the result: no headings, no tree indent.
      const searching = query.length > 0;
      for (const heading of headings) heading.hidden = searching;
      list.classList.toggle("topic-picker__options--searching", searching);
      if (!searching) {
        status.textContent = "";
      } else if (shown === 0) {
        status.textContent = picker.dataset.statusNone;
      } else {
        const sentence = shown === 1 ? picker.dataset.statusOne : picker.dataset.statusOther;
        status.textContent = fill(sentence, { count: shown });
      }
    }

    search.addEventListener("input", filter);
    // Enter in the search box would send the whole form; here it only searches.
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
      if (event.key === "Escape" && search.value) {
        event.preventDefault();
        search.value = "";
        filter();
      }
    });
    list.addEventListener("change", (event) => {
      if (event.target.matches("input[type=checkbox]")) renderChips();
    });
    chips.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      const option = options.find((o) => checkbox(o).value === button.dataset.value);
      const buttons = [...chips.querySelectorAll("button")];
      const index = buttons.indexOf(button);
      checkbox(option).checked = false;
      renderChips();
      status.textContent = fill(picker.dataset.removed, { topic: label(option) });
      // Keep the keyboard where it was: on the next chosen topic, else in the search box.
      const rest = [...chips.querySelectorAll("button")];
      (rest[Math.min(index, rest.length - 1)] || search).focus();
    });

    renderChips();
    tools.hidden = false;
  }

  function setUpAll() {
    document.querySelectorAll("[data-topic-picker]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();

/** Starts the Pagefind UI (loaded from /pagefind/pagefind-ui.js, generated after the site build). */
interface PagefindUIOptions {
  element: string;
  bundlePath?: string;
  showSubResults?: boolean;
  showImages?: boolean;
  resetStyles?: boolean;
}

declare global {
  interface Window {
    PagefindUI?: new (options: PagefindUIOptions) => unknown;
  }
}

const root = document.querySelector<HTMLElement>("[data-search]");
if (root) {
  if (window.PagefindUI) {
    const options: PagefindUIOptions = { element: "#search", showSubResults: true, showImages: false };
    if (root.dataset.bundlePath) options.bundlePath = root.dataset.bundlePath;
    new window.PagefindUI(options);
    // The Default UI labels its input only with a title attribute: give it an accessible name.
    root.querySelector("input")?.setAttribute("aria-label", "Search advisories");
  } else {
    root.textContent = "The search index is not available on this copy of the site.";
  }
}

export {};

/**
 * Client-side filtering of the advisory index by product, severity, year and status together.
 * Progressive enhancement: without JavaScript the form stays hidden and the filter links (one
 * server-rendered page per value) do the job. The state is kept in the query string.
 */
const FILTERS = ["product", "severity", "year", "status"] as const;
type FilterName = (typeof FILTERS)[number];

function rowMatches(row: HTMLElement, values: Record<FilterName, string>): boolean {
  if (values.product && !(row.dataset.products ?? "").split(" ").includes(values.product)) return false;
  if (values.severity && row.dataset.severity !== values.severity) return false;
  if (values.year && row.dataset.year !== values.year) return false;
  if (values.status && row.dataset.status !== values.status) return false;
  return true;
}

function setup(): void {
  const form = document.querySelector<HTMLFormElement>("[data-filter-form]");
  const list = document.querySelector<HTMLElement>("[data-advisory-list]");
  const count = document.querySelector<HTMLElement>("[data-filter-count]");
  const links = document.querySelector<HTMLElement>("[data-filter-links]");
  if (!form || !list || !count) return;
  const rows = Array.from(list.children).filter((el): el is HTMLElement => el instanceof HTMLElement);
  const select = (name: FilterName) => form.elements.namedItem(name) as HTMLSelectElement | null;

  const params = new URLSearchParams(window.location.search);
  for (const name of FILTERS) {
    const el = select(name);
    const value = params.get(name);
    if (el && value && Array.from(el.options).some((o) => o.value === value)) el.value = value;
  }

  const apply = (): void => {
    const values = Object.fromEntries(FILTERS.map((n) => [n, select(n)?.value ?? ""])) as Record<
      FilterName,
      string
    >;
    let shown = 0;
    for (const row of rows) {
      const match = rowMatches(row, values);
      row.hidden = !match;
      if (match) shown++;
    }
    list.hidden = shown === 0;
    const noun = rows.length === 1 ? "advisory" : "advisories";
    count.textContent =
      shown === rows.length
        ? `Showing all ${rows.length} ${noun}.`
        : `Showing ${shown} of ${rows.length} ${noun}.`;
    const query = new URLSearchParams();
    for (const n of FILTERS) if (values[n]) query.set(n, values[n]);
    const search = query.toString();
    window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  };

  form.addEventListener("change", apply);
  // "reset" fires before the fields are reset: apply after it.
  form.addEventListener("reset", () => window.setTimeout(apply, 0));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  count.hidden = false;
  if (links) links.hidden = true;
  apply();
}

setup();

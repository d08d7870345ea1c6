/**
 * A small, dependency-free SVG bar chart: pure, deterministic (fixed geometry, coordinates rounded
 * to one decimal), accessible (role="img" with <title> and a <desc> that states every value), and
 * self-contained (no fonts, scripts or links to load).
 */

export interface Series {
  name: string;
  /** One value per category; undefined draws no bar (nothing measured). */
  values: readonly (number | undefined)[];
}

export interface BarChartSpec {
  /** Prefix of element ids (unique per page when charts are inlined). */
  id: string;
  title: string;
  /** Sentence before the data in <desc>. */
  description: string;
  categories: readonly string[];
  series: readonly Series[];
  /** Unit shown in the y-axis label and the description ("incidents", "days"). */
  unit: string;
  /** Values are counts: whole-number ticks. */
  integer?: boolean;
  /** Optional reference value per category (a dashed line: e.g. the SLA target). */
  markers?: { name: string; values: readonly (number | undefined)[] };
}

const PALETTE = ["#1f4e79", "#c55a11", "#548235", "#7030a0"];
const W = 560;
const H = 300;
const M = { left: 52, right: 16, top: 44, bottom: 64 };

/** Escapes text for XML character data and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!,
  );
}

const n1 = (x: number) => String(Math.round(x * 10) / 10);
const fmt = (x: number) => String(Math.round(x * 100) / 100);

/**
 * The y axis: a round tick step (1, 2 or 5 × 10^k, at least 1 for counts) giving about four
 * intervals, and the top of the axis (a multiple of the step at or above `max`).
 */
export function yAxis(max: number, integer: boolean): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: integer ? 1 : 0.25 };
  const raw = max / 4;
  const exp = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((m) => m * exp).find((x) => x >= raw) ?? 10 * exp;
  if (integer) step = Math.max(1, Math.ceil(step));
  const round = (x: number) => Math.round(x * 1e9) / 1e9;
  step = round(step);
  return { top: round(step * Math.ceil(round(max / step))), step };
}

/** The chart's data in words: its <desc>, and the alt text where the chart is an <img>. */
export function describeChart(spec: BarChartSpec): string {
  const parts = spec.categories.map((cat, i) => {
    const values = spec.series.map((s) => {
      const v = s.values[i];
      const value = v === undefined ? "no data" : `${fmt(v)} ${spec.unit}`;
      return spec.series.length > 1 ? `${s.name} ${value}` : value;
    });
    const marker = spec.markers?.values[i];
    if (marker !== undefined) values.push(`${spec.markers!.name} ${fmt(marker)} ${spec.unit}`);
    return `${cat}: ${values.join(", ")}`;
  });
  return `${spec.description} ${parts.join("; ")}.`;
}

export function barChart(spec: BarChartSpec): string {
  const id = xmlEscape(spec.id);
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const all = [...spec.series.flatMap((s) => s.values), ...(spec.markers?.values ?? [])].filter(
    (v): v is number => v !== undefined,
  );
  const { top: max, step } = yAxis(Math.max(0, ...all), spec.integer ?? false);
  const y = (v: number) => M.top + plotH - (v / max) * plotH;
  const band = plotW / Math.max(1, spec.categories.length);
  const groupW = band * 0.7;
  const barW = groupW / Math.max(1, spec.series.length);

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<title id="${id}-title">${xmlEscape(spec.title)}</title>`,
    `<desc id="${id}-desc">${xmlEscape(describeChart(spec))}</desc>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${M.left}" y="24" font-size="15" font-weight="bold" fill="#1a1a1a">${xmlEscape(spec.title)}</text>`,
  );
  // y axis: a tick every `step` from 0 to max
  out.push(`<g aria-hidden="true" fill="#4d4d4d" stroke="none">`);
  for (let i = 0; i * step <= max + 1e-9; i++) {
    const v = i * step;
    out.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${n1(y(v))}" y2="${n1(y(v))}" stroke="${i === 0 ? "#4d4d4d" : "#d9d9d9"}" stroke-width="1"/>`,
      `<text x="${M.left - 6}" y="${n1(y(v) + 4)}" text-anchor="end">${fmt(v)}</text>`,
    );
  }
  out.push(
    `<text transform="translate(14 ${n1(M.top + plotH / 2)}) rotate(-90)" text-anchor="middle">${xmlEscape(spec.unit)}</text>`,
    "</g>",
  );
  // bars
  spec.categories.forEach((cat, ci) => {
    const x0 = M.left + ci * band + (band - groupW) / 2;
    spec.series.forEach((s, si) => {
      const v = s.values[ci];
      if (v === undefined) return;
      const x = x0 + si * barW;
      const top = y(v);
      out.push(
        `<rect x="${n1(x + 1)}" y="${n1(top)}" width="${n1(Math.max(1, barW - 2))}" height="${n1(M.top + plotH - top)}" fill="${PALETTE[si % PALETTE.length]}"><title>${xmlEscape(`${cat}${spec.series.length > 1 ? `, ${s.name}` : ""}: ${fmt(v)} ${spec.unit}`)}</title></rect>`,
        `<text x="${n1(x + barW / 2)}" y="${n1(top - 4)}" text-anchor="middle" fill="#1a1a1a" aria-hidden="true">${fmt(v)}</text>`,
      );
    });
    const marker = spec.markers?.values[ci];
    if (marker !== undefined) {
      out.push(
        `<line x1="${n1(x0 - 4)}" x2="${n1(x0 + groupW + 4)}" y1="${n1(y(marker))}" y2="${n1(y(marker))}" stroke="#c00000" stroke-width="2" stroke-dasharray="5 3"><title>${xmlEscape(`${cat}: ${spec.markers!.name} ${fmt(marker)} ${spec.unit}`)}</title></line>`,
      );
    }
    out.push(
      `<text x="${n1(M.left + ci * band + band / 2)}" y="${n1(M.top + plotH + 16)}" text-anchor="middle" fill="#1a1a1a" aria-hidden="true">${xmlEscape(cat)}</text>`,
    );
  });
  // legend
  const legend: { name: string; swatch: string }[] = spec.series.map((s, si) => ({
    name: s.name,
    swatch: `<rect width="12" height="12" fill="${PALETTE[si % PALETTE.length]}"/>`,
  }));
  if (spec.markers)
    legend.push({
      name: spec.markers.name,
      swatch: `<line x1="0" x2="14" y1="6" y2="6" stroke="#c00000" stroke-width="2" stroke-dasharray="5 3"/>`,
    });
  if (legend.length > 1) {
    let x = M.left;
    const ly = H - 22;
    out.push(`<g aria-hidden="true">`);
    for (const item of legend) {
      out.push(
        `<g transform="translate(${n1(x)} ${ly})">${item.swatch}<text x="18" y="10" fill="#1a1a1a">${xmlEscape(item.name)}</text></g>`,
      );
      x += 30 + item.name.length * 7;
    }
    out.push("</g>");
  }
  out.push("</svg>\n");
  return out.join("\n");
}

/** The SVG charts: well-formed XML, accessible, deterministic, values escaped; and the text reporters. */
import { beforeAll, describe, expect, it } from "vitest";
import {
  metricsCharts,
  openAgeChart,
  stateChart,
  timeToFixChart,
} from "../../../scripts/core/metrics/charts.ts";
import { computeMetrics, type PsirtMetrics } from "../../../scripts/core/metrics/compute.ts";
import { metricsMarkdown } from "../../../scripts/core/metrics/report-markdown.ts";
import { metricsText } from "../../../scripts/core/metrics/report-text.ts";
import { barChart, yAxis } from "../../../scripts/core/metrics/svg.ts";
import { EXAMPLE, validateDir } from "../../helpers/repo.ts";
import { checkXml } from "./xml.ts";

const NOW = new Date("2026-11-23T00:00:00Z");
let m: PsirtMetrics;

beforeAll(async () => {
  const { model } = await validateDir(EXAMPLE, NOW);
  m = computeMetrics(model, { now: NOW });
});

describe("the XML checker", () => {
  it("accepts well-formed XML and rejects what is not", () => {
    expect(checkXml(`<a x="1"><b/>t &amp; u</a>`).problems).toEqual([]);
    expect(checkXml(`<a><b></a>`).problems.length).toBeGreaterThan(0);
    expect(checkXml(`<a>x & y</a>`).problems).toEqual(["text at 3: unescaped &"]);
    expect(checkXml(`<a x="<"/>`).problems.length).toBeGreaterThan(0);
    expect(checkXml(`<a/><b/>`).problems).toEqual(["expected one root element, found 2"]);
    expect(checkXml(`<a x="1" x="2"/>`).problems).toEqual(["<a>: duplicate attribute x"]);
  });
});

describe("SVG charts", () => {
  it("are well-formed, labelled by a <title> and a <desc> that states every value", () => {
    for (const chart of metricsCharts(m)) {
      const { problems, elements } = checkXml(chart.svg);
      expect(problems, chart.file).toEqual([]);
      expect(elements[0]).toBe("svg");
      expect(elements.slice(1, 3)).toEqual(["title", "desc"]);
      expect(chart.svg).toMatch(
        /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*role="img" aria-labelledby="[^"]+-title [^"]+-desc"/,
      );
      expect(chart.svg).not.toMatch(/<script|href=|@import|url\(/i);
    }
    expect(stateChart(m)).toContain(
      '<desc id="chart-state-desc">Number of incidents in each state (16 in total). new: 1 incidents; triage: 1 incidents; analysis: 1 incidents; remediation: 2 incidents; disclosure: 1 incidents; closed: 10 incidents.</desc>',
    );
    expect(timeToFixChart(m)).toContain(
      "critical: median 15.5 days, 90th percentile 19 days, target 14 days; high: median 44 days, 90th percentile 53 days, target 30 days;",
    );
    expect(openAgeChart(m)).toContain(
      "&lt; 7 days: 1 incidents; 7–30 days: 2 incidents; 30–90 days: 2 incidents; &gt; 90 days: 1 incidents.",
    );
  });

  it("are deterministic: the same metrics give the same bytes", async () => {
    const { model } = await validateDir(EXAMPLE, NOW);
    const again = computeMetrics(model, { now: NOW });
    expect(metricsCharts(again).map((c) => c.svg)).toEqual(metricsCharts(m).map((c) => c.svg));
  });

  it("escapes labels and titles, and draws nothing for missing values", () => {
    const svg = barChart({
      id: 'x"y',
      title: `<script>alert(1)</script> & "q"`,
      description: "d & <e>",
      categories: ["<a>", "b&c"],
      series: [{ name: "s", values: [3, undefined] }],
      unit: "u",
    });
    expect(checkXml(svg).problems).toEqual([]);
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;");
    expect(svg).toContain("b&amp;c: no data");
    expect(svg.match(/<rect x=/g)).toHaveLength(1);
  });

  it("puts ticks on round numbers, whole numbers for counts", () => {
    expect(yAxis(10, true)).toEqual({ top: 10, step: 5 });
    expect(yAxis(2, true)).toEqual({ top: 2, step: 1 });
    expect(yAxis(180, false)).toEqual({ top: 200, step: 50 });
    expect(yAxis(0.3, false)).toEqual({ top: 0.3, step: 0.1 });
    expect(yAxis(0, true)).toEqual({ top: 1, step: 1 });
  });
});

describe("reporters", () => {
  it("text report", () => {
    expect(metricsText(m)).toMatchSnapshot();
  });
  it("Markdown report", () => {
    const md = metricsMarkdown(m);
    expect(md).toMatchSnapshot();
    expect(md).toContain("| high | 1 / 2 (n=6) | 44 / 53 (n=2) | 8 / 9 (n=2) |");
  });
});

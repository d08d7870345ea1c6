/** The three metrics charts as SVG strings (pure; the CLI and the dashboard write them to files). */
import { INCIDENT_STATES } from "../../../schemas/incident.ts";
import { AGE_BUCKETS, type PsirtMetrics } from "./compute.ts";
import { type BarChartSpec, barChart, describeChart } from "./svg.ts";

/** Incidents by state. */
export function stateChartSpec(m: PsirtMetrics): BarChartSpec {
  return {
    id: "chart-state",
    title: "Incidents by state",
    description: `Number of incidents in each state (${m.total} in total).`,
    categories: INCIDENT_STATES,
    series: [{ name: "incidents", values: INCIDENT_STATES.map((s) => m.byState[s]) }],
    unit: "incidents",
    integer: true,
  };
}

const FIX_SEVERITIES = ["critical", "high", "medium", "low"] as const;

/** Median and 90th-percentile days from receipt to the first fix, per severity, with the SLA target. */
export function timeToFixChartSpec(m: PsirtMetrics): BarChartSpec {
  return {
    id: "chart-time-to-fix",
    title: "Time to fix by severity (days from receipt)",
    description:
      "Median and 90th percentile (nearest rank) of the days from receipt to the first fix_available event, per severity, with the SLA target.",
    categories: FIX_SEVERITIES,
    series: [
      { name: "median", values: FIX_SEVERITIES.map((s) => m.times[s].fix.median) },
      { name: "90th percentile", values: FIX_SEVERITIES.map((s) => m.times[s].fix.p90) },
    ],
    markers: { name: "target", values: FIX_SEVERITIES.map((s) => m.targets[s].fix) },
    unit: "days",
  };
}

/** Open incidents by age. */
export function openAgeChartSpec(m: PsirtMetrics): BarChartSpec {
  return {
    id: "chart-open-age",
    title: "Open incidents by age",
    description: `Open incidents (${m.open}) by days since receipt.`,
    categories: AGE_BUCKETS.map((b) => b.label),
    series: [{ name: "open incidents", values: AGE_BUCKETS.map((b) => m.openByAge[b.key]) }],
    unit: "incidents",
    integer: true,
  };
}

export const stateChart = (m: PsirtMetrics): string => barChart(stateChartSpec(m));
export const timeToFixChart = (m: PsirtMetrics): string => barChart(timeToFixChartSpec(m));
export const openAgeChart = (m: PsirtMetrics): string => barChart(openAgeChartSpec(m));

export interface Chart {
  /** File name, e.g. `time-to-fix.svg`. */
  file: string;
  title: string;
  /** The data in words (alt text). */
  alt: string;
  svg: string;
}

/** Every chart with its file name and alt text. */
export function metricsCharts(m: PsirtMetrics): Chart[] {
  const specs: [string, BarChartSpec][] = [
    ["incidents-by-state.svg", stateChartSpec(m)],
    ["time-to-fix.svg", timeToFixChartSpec(m)],
    ["open-by-age.svg", openAgeChartSpec(m)],
  ];
  return specs.map(([file, spec]) => ({
    file,
    title: spec.title,
    alt: describeChart(spec),
    svg: barChart(spec),
  }));
}

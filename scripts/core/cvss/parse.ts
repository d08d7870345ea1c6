/**
 * The strict `NAME:VALUE/NAME:VALUE…` parser shared by every CVSS version. Each version module
 * supplies its metric table (in specification order) and whether that order is mandatory.
 */

/** One metric of a CVSS version, as its specification's vector-string table lists it. */
export interface MetricDef {
  /** Abbreviated metric name used in vector strings, e.g. `AV`. Case-sensitive. */
  key: string;
  /** Full metric name, used in error messages, e.g. `Attack Vector`. */
  name: string;
  /** Allowed abbreviated values, in specification order. */
  values: readonly string[];
  /** Base metrics must appear in every vector; the others default to Not Defined. */
  mandatory: boolean;
}

/** Outcome of a parse: the value, or a message saying what was wrong, expected and found. */
export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** Metric values keyed by abbreviated metric name; only the metrics the vector contained. */
export type MetricValues = Readonly<Record<string, string>>;

/** How a version's vector body is checked. */
export interface ParseRules {
  /** Label used in messages, e.g. `CVSS v4.0`. */
  label: string;
  /** Metric table in specification order. */
  metrics: readonly MetricDef[];
  /** When set, metrics must appear in table order; the text says which rule requires it. */
  orderRule?: string;
}

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

function didYouMean(key: string, metrics: readonly MetricDef[]): string {
  const match = metrics.find((m) => m.key.toLowerCase() === key.toLowerCase());
  return match ? `; did you mean "${match.key}"? (metric names are case-sensitive)` : "";
}

/**
 * Parses the part of a vector after its version prefix (`AV:N/AC:L/…`). Rejects empty components,
 * components that are not `NAME:VALUE`, unknown metrics, values not in the table, repeated
 * metrics, metrics out of table order (when `orderRule` is set) and missing mandatory metrics.
 */
export function parseMetricList(body: string, rules: ParseRules): ParseOutcome<MetricValues> {
  const index = new Map(rules.metrics.map((m, i) => [m.key, i]));
  const values: Record<string, string> = {};
  let lastIndex = -1;
  if (body === "") return fail(`${rules.label} vector has no metrics`);
  for (const part of body.split("/")) {
    if (part === "") return fail(`empty metric: the vector contains "//" or a leading or trailing "/"`);
    const fields = part.split(":");
    if (fields.length !== 2 || fields[0] === "" || fields[1] === "") {
      return fail(`malformed metric "${part}": expected NAME:VALUE, e.g. "AV:N"`);
    }
    const [key = "", value = ""] = fields;
    const position = index.get(key);
    const def = position === undefined ? undefined : rules.metrics[position];
    if (position === undefined || def === undefined) {
      return fail(`unknown ${rules.label} metric "${key}"${didYouMean(key, rules.metrics)}`);
    }
    if (Object.hasOwn(values, key))
      return fail(`duplicate metric ${key} (${def.name}): it may appear only once`);
    if (!def.values.includes(value)) {
      return fail(
        `invalid value "${value}" for metric ${key} (${def.name}): expected one of ${def.values.join(", ")}`,
      );
    }
    if (rules.orderRule !== undefined && position < lastIndex) {
      const previous = rules.metrics[lastIndex]?.key ?? "";
      return fail(`metric ${key} is out of order: it must come before ${previous} (${rules.orderRule})`);
    }
    lastIndex = Math.max(lastIndex, position);
    values[key] = value;
  }
  const missing = rules.metrics.filter((m) => m.mandatory && !Object.hasOwn(values, m.key));
  if (missing.length > 0) {
    const list = missing.map((m) => `${m.key} (${m.name})`).join(", ");
    return fail(`missing mandatory base metric${missing.length > 1 ? "s" : ""} ${list}`);
  }
  return { ok: true, value: values };
}

/**
 * Looks up a metric's weight; the parser has already checked the value, so a miss is a bug in
 * the weight table, not in the input.
 */
export function weightOf(table: Readonly<Record<string, number>>, value: string, metric: string): number {
  const weight = table[value];
  if (weight === undefined) throw new Error(`internal: no weight for ${metric}:${value}`);
  return weight;
}

/** Dates of the data model as CSAF date-times. */

/**
 * An RFC 3339 date-time for a model date: `YYYY-MM-DD` becomes `YYYY-MM-DDT00:00:00.000Z`; a
 * date-time with an offset is normalised to UTC with milliseconds (same instant, one spelling).
 */
export function csafDateTime(value: string): string {
  const date = new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${JSON.stringify(value)}`);
  return date.toISOString();
}

/**
 * Test oracle: the CVSS v2.0 guide's equations (section 3.2) evaluated in exact decimal
 * arithmetic (BigInt fixed point, 40 decimals) with round_to_1_decimal as round-half-up.
 * Written independently of scripts/core/cvss/v2.ts; floating point plays no part.
 */

const SCALE = 10n ** 40n;
const TENTH = SCALE / 10n;

/** A decimal literal as a fixed-point BigInt. */
function dec(text: string): bigint {
  const [whole = "0", fraction = ""] = text.split(".");
  return BigInt(whole) * SCALE + BigInt(fraction.padEnd(40, "0"));
}

const mul = (a: bigint, b: bigint): bigint => (a * b) / SCALE; // exact: operands have < 20 decimals

/** Round half up to one decimal, returning the fixed-point value (works for negatives too). */
function round1(value: bigint): bigint {
  const shifted = value + TENTH / 2n;
  let tenths = shifted / TENTH;
  if (shifted < 0n && tenths * TENTH !== shifted) tenths -= 1n;
  return tenths * TENTH;
}

const toNumber = (value: bigint): number => Number(value / TENTH) / 10;

const WEIGHTS: Record<string, Record<string, string>> = {
  AV: { L: "0.395", A: "0.646", N: "1.0" },
  AC: { H: "0.35", M: "0.61", L: "0.71" },
  Au: { M: "0.45", S: "0.56", N: "0.704" },
  C: { N: "0", P: "0.275", C: "0.660" },
  I: { N: "0", P: "0.275", C: "0.660" },
  A: { N: "0", P: "0.275", C: "0.660" },
  E: { U: "0.85", POC: "0.9", F: "0.95", H: "1.00", ND: "1.00" },
  RL: { OF: "0.87", TF: "0.90", W: "0.95", U: "1.00", ND: "1.00" },
  RC: { UC: "0.90", UR: "0.95", C: "1.00", ND: "1.00" },
  CDP: { N: "0", L: "0.1", LM: "0.3", MH: "0.4", H: "0.5", ND: "0" },
  TD: { N: "0", L: "0.25", M: "0.75", H: "1.0", ND: "1.0" },
  CR: { L: "0.5", M: "1.0", H: "1.51", ND: "1.0" },
  IR: { L: "0.5", M: "1.0", H: "1.51", ND: "1.0" },
  AR: { L: "0.5", M: "1.0", H: "1.51", ND: "1.0" },
};

/** Base, temporal and environmental scores of a v2 vector (missing metrics are ND), unclamped. */
export function exactV2(vector: string): { base: number; temporal: number; environmental: number } {
  const metrics = new Map(vector.split("/").map((part) => part.split(":") as [string, string]));
  const w = (key: string): bigint => dec(WEIGHTS[key]?.[metrics.get(key) ?? "ND"] ?? "NaN");
  const ONE = dec("1");
  const impactOf = (c: bigint, i: bigint, a: bigint): bigint =>
    mul(dec("10.41"), ONE - mul(mul(ONE - c, ONE - i), ONE - a));
  const exploitability = mul(mul(mul(dec("20"), w("AV")), w("AC")), w("Au"));
  const baseOf = (impact: bigint): bigint =>
    round1(
      mul(
        mul(dec("0.6"), impact) + mul(dec("0.4"), exploitability) - dec("1.5"),
        impact === 0n ? 0n : dec("1.176"),
      ),
    );
  const temporalOf = (base: bigint): bigint => round1(mul(mul(mul(base, w("E")), w("RL")), w("RC")));

  const base = baseOf(impactOf(w("C"), w("I"), w("A")));
  const adjustedImpact = impactOf(mul(w("C"), w("CR")), mul(w("I"), w("IR")), mul(w("A"), w("AR")));
  const cappedImpact = adjustedImpact < dec("10") ? adjustedImpact : dec("10");
  const adjustedTemporal = temporalOf(baseOf(cappedImpact));
  const environmental = round1(mul(adjustedTemporal + mul(dec("10") - adjustedTemporal, w("CDP")), w("TD")));
  return {
    base: toNumber(base),
    temporal: toNumber(temporalOf(base)),
    environmental: toNumber(environmental),
  };
}

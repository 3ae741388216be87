import { fQuantile } from "../stats/distributions";
import { cronbachAlpha, type AlphaWithInterval } from "./cronbach-alpha";

/**
 * Cronbach's alpha with Feldt's (1965) analytic interval: (1 - alpha) / (1 - alpha_population) follows an F
 * distribution with n - 1 and (n - 1)(k - 1) degrees of freedom, so the interval is
 * [1 - (1 - alpha) F(1 - (1 - level)/2), 1 - (1 - alpha) F((1 - level)/2)]; as pingouin.cronbach_alpha and
 * psych::alpha.ci. Closed form: RQ1 reports it beside every domain at any N without a bootstrap's cost (analyze
 * psychometrics keeps the percentile bootstrap, which assumes no distribution). n counts respondents with at least
 * one answer; NaN ends where alpha is undefined or n < 2.
 */
export function alphaWithFeldtInterval(values: readonly (readonly number[])[], level = 0.95): AlphaWithInterval {
  const rows = values.filter((row) => row.some((value) => Number.isFinite(value)));
  const items = values[0]?.length ?? 0;
  const alpha = cronbachAlpha(rows);
  const df1 = rows.length - 1;
  const df2 = df1 * (items - 1);
  if (!Number.isFinite(alpha) || df1 < 1 || df2 < 1) return { alpha, low: Number.NaN, high: Number.NaN, n: rows.length, items };
  const tail = (1 - level) / 2;
  return {
    alpha,
    low: 1 - (1 - alpha) * fQuantile(1 - tail, df1, df2),
    high: 1 - (1 - alpha) * fQuantile(tail, df1, df2),
    n: rows.length,
    items,
  };
}

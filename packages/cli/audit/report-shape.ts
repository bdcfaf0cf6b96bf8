/**
 * Checks that a JSON report given to `merge-reports` has the shape the audit writes, so a malformed or
 * hand-edited input fails with one line naming the file and the field (`violations[3].file: expected a
 * string, got null`) instead of a TypeError deep in the merge or a summary of `"0lots"` files.
 */

type Check = (value: unknown, where: string) => string | undefined;

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'string' ? `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}` : value === undefined ? 'nothing' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;

const string: Check = (value, where) => (typeof value === 'string' ? undefined : `${where}: expected a string, got ${describe(value)}`);
const count: Check = (value, where) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? undefined : `${where}: expected a whole number ≥ 0, got ${describe(value)}`);
const optional =
  (check: Check): Check =>
  (value, where) =>
    value === undefined ? undefined : check(value, where);

function object(fields: Record<string, Check>): Check {
  return (value, where) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${where}: expected an object, got ${describe(value)}`;
    for (const [name, check] of Object.entries(fields)) {
      const problem = check((value as Record<string, unknown>)[name], `${where}.${name}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

function array(item: Check): Check {
  return (value, where) => {
    if (!Array.isArray(value)) return `${where}: expected an array, got ${describe(value)}`;
    for (let index = 0; index < value.length; index++) {
      const problem = item(value[index], `${where}[${index}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

const violation = object({ file: string, line: count, column: count, rule: string, message: string });
const fileError = object({ file: string, message: string });
const summary = object({ filesScanned: count, filesParsed: count });

const jsonReport = object({
  violations: array(violation),
  errors: optional(array(fileError)),
  suppressed: optional(array(violation)),
  summary: optional(summary),
  baseline: optional(object({ new: array(violation), fixed: array((value, where) => (typeof value === 'object' && value !== null ? undefined : `${where}: expected an object, got ${describe(value)}`)), known: count })),
  impact: optional(array(object({ file: string, tests: array(string) }))),
});

/** The first thing wrong with a JSON audit report, as `field: reason`, or undefined when it is well formed. */
export function jsonReportProblem(value: unknown): string | undefined {
  return jsonReport(value, 'report')?.replace(/^report\./, '');
}

const sarifRun = object({
  tool: object({ driver: object({ name: string, rules: optional(array(object({ id: string }))) }) }),
  results: optional(array(object({ ruleIndex: optional(count) }))),
  artifacts: optional(array(object({}))),
  invocations: optional(array(object({}))),
});

/** The first thing wrong with a SARIF log's runs, as `runs[i].field: reason`, or undefined. */
export function sarifLogProblem(value: unknown): string | undefined {
  return object({ runs: array(sarifRun) })(value, 'log')?.replace(/^log\./, '');
}

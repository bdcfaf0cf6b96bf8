/**
 * The audit's scan on several threads for large trees. Parsing dominates the audit's time, and the files
 * are independent, so worker threads take an interleaved share of the list while the main thread scans
 * the rest. Each worker loads the ESLint config itself (settings hold functions, which cannot cross
 * threads), which costs a fixed half second or so: below AUTO_THRESHOLD files that is not worth it.
 */
import os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ruleSelector, type RuleSource } from './audit/rules.js';
import { relativePath, scanFiles, type ScanOptions, type ScanResult } from './audit/scan.js';
import type { Violation } from './audit/types.js';
import { loadCliConfig } from './config.js';

/** Below this many files a second thread costs more (its own ESLint, config and TypeScript) than it saves. */
export const AUTO_THRESHOLD = 10_000;

export type Concurrency = number | 'auto' | 'off';

export class ConcurrencyError extends Error {
  constructor(value: string) {
    super(`--concurrency ${value}: expected a number of threads (1 or more), auto or off`);
    this.name = 'ConcurrencyError';
  }
}

export function parseConcurrency(value: string): Concurrency {
  if (value === 'auto' || value === 'off') return value;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new ConcurrencyError(value);
  return Number(value);
}

/**
 * How many threads to use for `files` files. `auto` adds threads only for large trees and only onto
 * idle cores: on a machine already busy (load average ≥ cores) another thread would only compete.
 */
export function threadCount(concurrency: Concurrency, files: number, cores = os.availableParallelism(), load = os.loadavg()[0] ?? 0): number {
  if (concurrency === 'off') return 1;
  if (concurrency !== 'auto') return Math.max(1, Math.min(concurrency, files));
  if (files < AUTO_THRESHOLD) return 1;
  const idleCores = Math.floor(cores - load);
  return Math.max(1, Math.min(idleCores, Math.floor(files / (AUTO_THRESHOLD / 2))));
}

/** Where a worker loads its settings from: the same lookup the main thread made. */
export interface ConfigSource {
  readonly cwd: string;
  readonly configFile?: string;
}

interface WorkerInput {
  readonly kind: 'jwt-ssot-scan';
  readonly config: ConfigSource;
  readonly files: readonly string[];
  readonly root: string;
  readonly preset?: ScanOptions['preset'];
  /** Where each file's rules come from (a worker asks its own config, like the main thread). */
  readonly rules?: RuleSource;
  readonly maxFileSize?: number;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const order = (a: Violation, b: Violation): number => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.rule, b.rule);

/** Joins per-thread results into what one sequential scan of the whole list returns. */
export function joinResults(parts: readonly ScanResult[], files: readonly string[], root: string): ScanResult {
  const position = new Map<string, number>();
  files.forEach((file, index) => position.set(relativePath(root, file), index));
  const errors = parts.flatMap((part) => part.errors).sort((a, b) => (position.get(a.file) ?? 0) - (position.get(b.file) ?? 0));
  return {
    violations: parts.flatMap((part) => part.violations).sort(order),
    suppressed: parts.flatMap((part) => part.suppressed).sort(order),
    errors,
    skipped: parts.flatMap((part) => part.skipped).sort((a, b) => (position.get(a.file) ?? 0) - (position.get(b.file) ?? 0)),
    filesScanned: parts.reduce((sum, part) => sum + part.filesScanned, 0),
    filesParsed: parts.reduce((sum, part) => sum + part.filesParsed, 0),
  };
}

function runWorker(input: WorkerInput): Promise<ScanResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: input });
    let result: ScanResult | undefined;
    worker.once('message', (message: { result?: ScanResult; error?: string }) => {
      if (message.error !== undefined) reject(new Error(message.error));
      else result = message.result;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`audit worker exited with code ${code} before reporting`));
    });
  });
}

/**
 * Scans like `scanFiles`, on `threads` threads when the compiled worker script is available (it is not
 * when running from TypeScript sources, e.g. under a test runner: then the scan stays sequential).
 */
export async function scanFilesInParallel(
  options: ScanOptions & { readonly threads: number; readonly config: ConfigSource; readonly rules?: RuleSource },
): Promise<ScanResult> {
  const threads = Math.min(options.threads, options.files.length);
  if (threads <= 1 || !__filename.endsWith('.js')) return scanFiles(options);
  // Interleaved shares: JWT-heavy folders are spread over every thread rather than landing on one.
  const shares: string[][] = Array.from({ length: threads }, () => []);
  options.files.forEach((file, index) => shares[index % threads]!.push(file));
  const [own, ...others] = shares;
  const workers = others.map((files) =>
    runWorker({
      kind: 'jwt-ssot-scan',
      config: options.config,
      files,
      root: options.root,
      preset: options.preset,
      rules: options.rules,
      maxFileSize: options.maxFileSize,
    }),
  );
  // Keep rejections from surfacing as unhandled while the main thread scans its own share.
  for (const pending of workers) pending.catch(() => undefined);
  const total = options.files.length;
  const mine = await scanFiles({
    ...options,
    files: own!,
    onProgress: options.onProgress ? (done) => options.onProgress!(Math.min(total, done * threads), total) : undefined,
  });
  const parts = [mine, ...(await Promise.all(workers))];
  options.onProgress?.(total, total);
  return joinResults(parts, options.files, options.root);
}

async function workerMain(input: WorkerInput): Promise<void> {
  const config = await loadCliConfig(input.config);
  const result = await scanFiles({
    files: input.files,
    root: input.root,
    preset: input.preset,
    maxFileSize: input.maxFileSize,
    settingsFor: (file) => config.settingsFor(file),
    rulesFor: input.rules && ruleSelector(input.rules, config),
  });
  parentPort!.postMessage({ result });
}

if (!isMainThread && (workerData as WorkerInput | undefined)?.kind === 'jwt-ssot-scan') {
  workerMain(workerData as WorkerInput).catch((error: unknown) => {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  });
}

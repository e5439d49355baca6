/** The human text of `motif stills …`: evaluations, confusion matrices, reports. Pure functions. */
import {
  classDisplayOrder,
  type StillsClassifyReport,
  type StillsDataset,
  type StillsEvaluation,
  type StillsImportReport,
  type StillsModelDetails,
  type StillsModelSummary,
} from '../../../shared/stills';
import { plural, table } from '../format';
import { duration, percent } from './melody-format';

const LISTED_SKIPS = 20;

const fraction = (value: number): string => value.toFixed(3);

/** Items in the class order (e.g. closest shot first), those not in it after, as they came; as they are when unordered. */
function inClassOrder<T extends { label: string }>(items: readonly T[], order: readonly string[] | null): readonly T[] {
  if (!order) return items;
  const rank = (label: string): number => (order.includes(label) ? order.indexOf(label) : order.length);
  return [...items].sort((a, b) => rank(a.label) - rank(b.label));
}

/**
 * The confusion matrix as text: rows are the true class, columns the predicted one, in the class
 * order when the classes are ordered (so one-class-off mistakes sit beside the diagonal).
 */
export function confusionText(evaluation: Pick<StillsEvaluation, 'classes' | 'confusion' | 'order'>): string {
  const { classes, confusion } = evaluation;
  const order = classDisplayOrder(evaluation);
  const header = ['true \\ predicted', ...order.map((i) => classes[i] ?? '')];
  const rows = order.map((i) => [classes[i] ?? '', ...order.map((j) => String(confusion[i]?.[j] ?? 0))]);
  // Right-align the counts under their class names.
  const widths = header.map((cell, c) => Math.max(cell.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** Per-class precision, recall, F1 and support, in the class order when there is one. */
export function perClassText(evaluation: Pick<StillsEvaluation, 'classes' | 'order' | 'perClass'>): string {
  const rows = inClassOrder(evaluation.perClass, evaluation.order);
  return table([
    ['CLASS', 'PRECISION', 'RECALL', 'F1', 'SUPPORT'],
    ...rows.map((c) => [
      c.label,
      fraction(c.precision),
      fraction(c.recall),
      fraction(c.f1),
      String(c.support),
    ]),
  ]);
}

/** The whole evaluation of a model version: headline numbers, per-class table, confusion, calibration. */
export function describeStillsEvaluation(details: StillsModelDetails): string {
  const e = details.evaluation;
  const lines = [
    `Model #${details.id} "${details.name}" (${details.architecture}` +
      (details.backboneId ? ` on ${details.backboneId}` : '') +
      `, ${details.aspect}), dataset ${details.datasetName ?? '—'}: ` +
      `${plural(e.trainCount, 'training still')}, ${plural(e.validationCount, 'validation still')} held out by ${e.splitBy}` +
      (details.trainSeconds > 0 ? `, trained in ${duration(details.trainSeconds)}` : ''),
    `Accuracy   ${percent(e.accuracy)}   (majority class ${percent(e.baselines.majority)}, chance ${percent(e.baselines.chance)})`,
    `±1 class   ${e.withinOne === null ? '— (the classes are not ordered)' : `${percent(e.withinOne)}   (order: ${e.order?.join(' < ') ?? ''})`}`,
    ...(details.linearProbe !== null
      ? [`Probe      ${percent(details.linearProbe)}   (a linear probe on the same features: the floor)`]
      : []),
    `Macro-F1   ${fraction(e.macroF1)}`,
    `Calibration: ECE ${fraction(e.calibration.ece)}, Brier ${fraction(e.calibration.brier)}`,
    '',
    perClassText(e),
    '',
    'Confusion matrix (rows: true class, columns: predicted)',
    confusionText(e),
  ];
  return lines.join('\n');
}

/** The classes with their counts, in the class order when there is one (e.g. shot scale). */
function classCounts(report: StillsImportReport, order: readonly string[] | null): string {
  if (report.classes.length === 0) return 'Classes: (none)';
  const counts = report.classes.map((c) => `${c.label} ${c.count}`);
  if (!order) return `Classes: ${counts.join(', ')}`;
  return `Classes, in order (±1-class accuracy is reported): ${inClassOrder(report.classes, order).map((c) => `${c.label} ${c.count}`).join(' < ')}`;
}

/** What an import did; `order` is the dataset's class order after it (null when unordered). */
export function describeDatasetImport(report: StillsImportReport, order: readonly string[] | null = null): string {
  const lines = [
    `Dataset #${report.datasetId} "${report.name}" from ${report.root}: ${plural(report.seen, 'still')} looked at; ` +
      `imported ${report.imported}, updated ${report.updated}, unchanged ${report.unchanged}, removed ${report.removed}, ` +
      `skipped ${report.skipped.length}.`,
    classCounts(report, order),
    report.groupPattern === 'folder'
      ? 'Groups: a subfolder per film inside each class folder; validation holds out whole groups.'
      : report.groupPattern === 'prefix'
        ? 'Groups: file-name prefixes (e.g. filmA_0001.jpg → filmA); validation holds out whole groups.'
        : 'Groups: none found (no film subfolders or file-name prefixes); validation holds out single stills.',
  ];
  const crossLabel = report.duplicates.filter((d) => d.crossLabel);
  if (report.duplicates.length > 0)
    lines.push(
      `${plural(report.duplicates.length, 'set')} of identical files` +
        (crossLabel.length > 0 ? `, ${crossLabel.length} of them under different labels` : '') +
        '.',
    );
  for (const d of crossLabel.slice(0, LISTED_SKIPS))
    lines.push(`  same bytes, different labels: ${d.files.map((f) => `${f.path} (${f.label})`).join(', ')}`);
  for (const s of report.skipped.slice(0, LISTED_SKIPS)) lines.push(`  skipped ${s.path}: ${s.reason}`);
  if (report.skipped.length > LISTED_SKIPS)
    lines.push(`  … and ${report.skipped.length - LISTED_SKIPS} more (see --json)`);
  return lines.join('\n');
}

/** What a classification tagged; the labels in the model's class order when it has one. */
export function describeClassify(
  report: StillsClassifyReport,
  model: Pick<StillsModelSummary, 'id' | 'name'>,
  order: readonly string[] | null = null,
): string {
  const skipped = report.seen - report.classified;
  const counts = inClassOrder(report.counts, order);
  const lines = [
    `Model #${model.id} "${model.name}" tagged ${plural(report.classified, 'still')} of ${report.seen}` +
      (report.unsure > 0 ? ` (${report.unsure} unsure, below 50% confidence)` : '') +
      (skipped > 0 ? `; ${skipped} skipped` : '') +
      '.',
    table([['LABEL', 'STILLS'], ...counts.map((c) => [c.label, String(c.count)])]),
  ];
  for (const s of report.skipped.slice(0, LISTED_SKIPS)) lines.push(`  skipped ${s.path}: ${s.reason}`);
  if (skipped > LISTED_SKIPS) lines.push(`  … and ${skipped - LISTED_SKIPS} more (see --json)`);
  lines.push('Find them in the Library by tag, or: motif library list --tag "<label>"');
  return lines.join('\n');
}

/** A dataset by id (digits) or by name (case-insensitive). */
export function findDataset(datasets: readonly StillsDataset[], ref: string): StillsDataset | null {
  const trimmed = ref.trim();
  if (/^\d+$/.test(trimmed)) {
    const byId = datasets.find((d) => d.id === Number(trimmed));
    if (byId) return byId;
  }
  return datasets.find((d) => d.name.toLowerCase() === trimmed.toLowerCase()) ?? null;
}
